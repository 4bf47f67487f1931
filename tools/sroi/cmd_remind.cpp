// SPDX-License-Identifier: EUPL-1.2
#include <filesystem>
#include <iostream>

#include "common.hpp"
#include "sroi/config/settings.hpp"
#include "sroi/mail/mail.hpp"
#include "sroi/manage/reminders.hpp"
#include "sroi/msg/manage.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/report/manage/mail.hpp"
#include "sroi/report/manage/tables.hpp"
#include "sroi/store/register.hpp"

namespace sroi::cli {
namespace {

/// A reminder as --dry-run shows it: to whom, the subject and the plain-text part.
void show(const manage::Reminder& r, const mail::Mail& m) {
  std::cout << printable(words(msg(Msg::RemindTo, as_is(r.to.email), as_is(r.to.name),
                                   phrase(msg(role_word(r.to.role))), as_is(r.to.org))))
            << '\n'
            << printable(words(msg(Msg::RemindSubject, as_is(m.subject)))) << "\n\n";
  std::cout << m.text << "----\n";
}

}  // namespace

int cmd_remind(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi remind options");
  opts.add_options()("as-of", po::value<std::string>(), "the day to look from (default: today)")(
      "dry-run", "show the mails without sending or recording them")(
      "data-dir", po::value<std::string>(),
      "the portal's data folder: its register (sroi.db, unless --db names a shared one), its "
      "regions and its settings (sroi.toml: [mail] relay, [portal] url)");
  po::variables_map vm;
  if (!parse_verb("sroi remind [--data-dir DIR] [--as-of DATE] [--dry-run]\n"
                  "Sends each supplier contact one e-mail with its reports overdue and to hand "
                  "in, and each buyer one with its contracts at risk and new deliveries; every "
                  "notice once (recorded and audited). Run it daily (a systemd timer).",
                  args, opts, {}, vm))
    return 0;
  Globals where = g;
  std::string settings_path = "sroi.toml";
  if (vm.count("data-dir")) {
    where = in_data_dir(g, vm["data-dir"].as<std::string>());
    settings_path =
        (std::filesystem::path(vm["data-dir"].as<std::string>()) / "sroi.toml").string();
  }
  std::vector<Diagnostic> problems;
  config::Settings settings = config::load_settings(settings_path, problems);
  if (!problems.empty()) throw DataError(std::move(problems));
  const bool dry = vm.count("dry-run") > 0;
  if (!dry && !settings.mail)
    throw DataError(SourceLocation{settings_path},
                    msg(Msg::RemindNeedsRelay, as_is(settings_path)));
  Date as_of = date_option(vm, "as-of");
  auto regions = load_regions(where);
  store::Register reg(where.db_path,
                      dry ? store::Register::Access::ReadOnly : store::Register::Access::ReadWrite,
                      g.user);
  auto due = manage::due(reg, regions, {}, as_of);
  auto imports = manage::imports_by_contract(reg);
  auto users = reg.users();
  auto list = manage::reminders(due, users, imports, as_of,
                                [&reg](const std::string& u) { return reg.notices_sent(u); });
  int64_t sent = 0, failed = 0;
  for (const auto& r : list) {
    if (r.to.email.empty()) {
      std::cerr << "sroi: "
                << printable(words(
                       msg(Msg::CliWarning, phrase(msg(Msg::RemindNoAddress, as_is(r.to.name))))))
                << '\n';
      continue;
    }
    mail::Mail m = reminder_mail(r, settings.portal_url, as_of);
    if (dry) {
      show(r, m);
      ++sent;
      continue;
    }
    try {
      mail::send(*settings.mail, m, mail::mail_date(utc_timestamp()));
    } catch (const mail::MailError& e) {
      std::cerr << printable(error_line(words(e.message()))) << '\n';
      ++failed;
      continue;
    }
    // Recorded only once the relay took it: a mail that failed is tried again next time.
    std::vector<std::string> keys;
    for (const auto& n : r.notices) keys.push_back(n.key);
    reg.record_notices_sent(r.to.name, keys);
    ++sent;
  }
  Amount mails{Ratio(sent), Counted::Mails};
  if (sent == 0 && failed == 0)
    std::cerr << "sroi: " << printable(words(msg(Msg::RemindNothing, as_of))) << '\n';
  else
    std::cerr << "sroi: " << printable(words(msg(dry ? Msg::RemindDryRun : Msg::RemindSent, mails)))
              << '\n';
  if (failed > 0) {
    std::cerr << printable(error_line(
                     words(msg(Msg::RemindSomeFailed, Amount{Ratio(failed), Counted::Mails}))))
              << '\n';
    return 1;
  }
  return 0;
}

}  // namespace sroi::cli
