// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/manage/settlement.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "sroi/msg/manage.hpp"
#include "sroi/report/json_writer.hpp"
#include "sroi/report/text_table.hpp"
#include "sroi/text/catalogue.hpp"
#include "sroi/xlsx/workbook.hpp"

extern char** environ;

namespace sroi {
namespace {

using manage::SettlementAssessment;

MsgId decision_word(const std::string& decision) {
  if (decision == "impose") return Msg::DecisionImpose;
  if (decision == "reduce") return Msg::DecisionReduce;
  return Msg::DecisionWaive;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> settlement_rows(const SettlementAssessment& a,
                                                                 Lang lang) {
  const auto& s = a.status;
  const auto& c = s.record.contract;
  auto say = [&](const Message& m) { return text::say(m, lang); };
  std::vector<std::string> labels = split_tabs(say(msg(Msg::SettleFigures)));
  std::string realised = format_eur(s.realised);
  if (s.submitted) realised += " (" + say(msg(Msg::SettleCountedAccepted, *s.submitted)) + ")";
  std::vector<std::string> values = {
      s.record.supplier,
      s.record.buyer,
      say(msg(Msg::Value, c.start)) + " – " + say(msg(Msg::Value, c.end)),
      format_eur(s.obligation.amount),
      realised,
      format_eur(s.surplus),
      format_eur(s.shortfall),
      format_eur(a.rule_penalty),
      a.decided ? say(msg(decision_word(a.decided->decision))) : say(msg(Msg::DecisionNone)),
      a.decided ? format_eur(a.decided->penalty) : "",
      a.decided ? a.decided->reason : "",
      a.decided
          ? say(msg(Msg::SettleRecordedBy, as_is(text::local_time(a.decided->decided_at, lang)),
                    as_is(account_name(a.decided->decided_by))))
          : ""};
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < labels.size() && i < values.size(); ++i)
    out.emplace_back(labels[i], values[i]);
  return out;
}

void render_settlement(std::ostream& out, const SettlementAssessment& a, Format format) {
  const auto& s = a.status;
  if (format == Format::Json) {
    JsonWriter j(out);
    j.begin_object();
    j.key("contract").value(s.record.contract.id);
    j.key("supplier").value(s.record.supplier);
    j.key("buyer").value(s.record.buyer);
    j.key("start").value(s.record.contract.start.iso());
    j.key("end").value(s.record.contract.end.iso());
    j.key("ended").value(a.ended);
    j.key("obligation_cents").value(s.obligation.amount.cents());
    j.key("realised_cents").value(s.realised.cents());
    j.key("submitted_cents");
    s.submitted ? j.value(s.submitted->cents()) : j.null();
    j.key("surplus_cents").value(s.surplus.cents());
    j.key("shortfall_cents").value(s.shortfall.cents());
    j.key("rule_penalty_cents").value(a.rule_penalty.cents());
    j.key("decision");
    if (a.decided) {
      j.begin_object();
      j.key("decision").value(a.decided->decision);
      j.key("penalty_cents").value(a.decided->penalty.cents());
      j.key("reason").value(a.decided->reason);
      j.key("decided_by").value(a.decided->decided_by);
      j.key("decided_at").value(a.decided->decided_at);
      j.end_object();
    } else {
      j.null();
    }
    j.end_object();
    return;
  }
  const Lang lang = output_language();
  out << words(msg(Msg::SettleTitle, as_is(s.record.contract.id))) << '\n';
  TextTable t({});
  for (auto& [label, value] : settlement_rows(a, lang))
    if (!value.empty()) t.row({label, value});
  t.print(out);
  if (!a.ended) out << words(msg(Msg::SettleNotYetEnded, s.record.contract.end)) << '\n';
}

Date letter_date(const SettlementAssessment& a, const Date& today) {
  return a.decided ? day_of(a.decided->decided_at).value_or(today) : today;
}

namespace {
/// A reason as the end of a sentence: with a full stop where the buyer typed none.
std::string as_sentence(std::string reason) {
  while (!reason.empty() && (reason.back() == ' ' || reason.back() == '\t')) reason.pop_back();
  if (!reason.empty() && std::string(".!?").find(reason.back()) == std::string::npos) reason += '.';
  return reason;
}
}  // namespace

std::vector<std::string> settlement_letter(const SettlementAssessment& a, Lang lang,
                                           const Date& today) {
  const auto& s = a.status;
  const auto& c = s.record.contract;
  auto say = [&](const Message& m) { return text::say(m, lang); };
  std::vector<std::string> p;
  p.push_back(s.record.supplier);
  p.push_back(say(msg(Msg::LetterDate, today)));
  p.push_back(say(msg(Msg::LetterSubject, as_is(c.id))) +
              (c.description.empty() ? "" : " (" + c.description + ")"));
  p.push_back(say(msg(Msg::LetterSalutation)));
  std::string term =
      say(msg(Msg::LetterTerm, as_is(c.id), c.start, c.end, s.obligation.amount, s.realised));
  if (s.submitted) term += " " + say(msg(Msg::LetterAcceptedOnly));
  p.push_back(term);
  if (s.shortfall.is_zero()) {
    p.push_back(say(msg(Msg::LetterMet, s.surplus)));
  } else {
    p.push_back(say(msg(Msg::LetterShortfall, s.shortfall, a.rule_penalty)));
    if (!a.decided)
      p.push_back(say(msg(Msg::LetterUndecided)));
    else if (a.decided->decision == "impose")
      p.push_back(say(msg(Msg::LetterImpose, a.decided->penalty)));
    else if (a.decided->decision == "reduce")
      p.push_back(
          say(msg(Msg::LetterReduce, a.decided->penalty, as_is(as_sentence(a.decided->reason)))));
    else
      p.push_back(say(msg(Msg::LetterWaive, as_is(as_sentence(a.decided->reason)))));
  }
  p.push_back(say(msg(Msg::LetterClosing)));
  p.push_back(s.record.buyer);
  return p;
}

void write_settlement_workbook(const std::string& path, const SettlementAssessment& a, Lang lang,
                               const Date& today, bool replace, bool letter_only) {
  xlsx::Workbook book(path, replace ? xlsx::Overwrite::Replace : xlsx::Overwrite::Refuse,
                      xlsx::Rows::AnyOrder);
  const std::string title =
      text::say(msg(Msg::SettleTitle, as_is(a.status.record.contract.id)), lang);
  book.page_text({title, a.status.record.supplier, a.status.record.buyer,
                  text::say(msg(Msg::Value, today), lang)});
  if (!letter_only) {
    xlsx::Sheet& f = book.add_sheet(text::word(Msg::SettleSheet, lang));
    f.column_width(0, 0, 26);
    f.column_width(1, 1, 70);
    f.text(0, 0, title, xlsx::Style::Title);
    int row = 2;
    const auto rows = settlement_rows(a, lang);
    for (std::size_t i = 0; i < rows.size(); ++i, ++row) {
      std::string label = rows[i].first;
      if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = char(label[0] - 32);
      f.text(row, 0, label, xlsx::Style::Bold);
      // The amounts as numbers (euro format), so that a spreadsheet can add them up.
      const Money* amount = i == 3                ? &a.status.obligation.amount
                            : i == 5              ? &a.status.surplus
                            : i == 6              ? &a.status.shortfall
                            : i == 7              ? &a.rule_penalty
                            : i == 9 && a.decided ? &a.decided->penalty
                                                  : nullptr;
      if (amount)
        f.number(row, 1, xlsx::euros(*amount), xlsx::Style::Euro);
      else if (i == 4 && !a.status.submitted)
        f.number(row, 1, xlsx::euros(a.status.realised), xlsx::Style::Euro);
      else
        f.text(row, 1, rows[i].second, xlsx::Style::Wrap);
    }
  }
  xlsx::Sheet& l = book.add_sheet(text::word(Msg::LetterSheet, lang));
  l.portrait();
  l.column_width(0, 0, 80);
  int row = 0;
  const auto paragraphs = settlement_letter(a, lang, today);
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    // The addressee and the date together, then a blank line before every paragraph up to
    // the closing, whose signature follows it directly. Every line wraps within the page.
    if (i >= 2 && i + 1 < paragraphs.size()) ++row;
    // On paper an amount stays on one line: "€" and its figure joined by a no-break space.
    std::string text = paragraphs[i];
    for (std::size_t at = 0; (at = text.find("€ ", at)) != std::string::npos;)
      text.replace(at + 3, 1, "\u00a0"), at += 4;
    l.text(row++, 0, text, xlsx::Style::Wrap);
  }
  book.close();
}

void write_settlement_letter_pdf(const std::string& pdf, const SettlementAssessment& a, Lang lang,
                                 const Date& today) {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "sroi-letter-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw ExportError(msg(Msg::LetterPdfFailed, as_is("mkdtemp")));
  const fs::path dir = tmpl;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};
  const fs::path book = dir / "brief.xlsx";
  write_settlement_workbook(book.string(), a, lang, today, true, true);
  // LibreOffice with a profile of its own (a user's open LibreOffice is left alone).
  std::string profile = "-env:UserInstallation=file://" + (dir / "profile").string();
  std::string outdir = dir.string(), input = book.string();
  std::vector<std::string> args = {"soffice", "--headless", profile, "--convert-to",
                                   "pdf",     "--outdir",   outdir,  input};
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "soffice", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw ExportError(msg(Msg::LetterNeedsLibreOffice, as_is(std::strerror(rc))));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const fs::path made = dir / "brief.pdf";
  if (!fs::exists(made))
    throw ExportError(
        msg(Msg::LetterPdfFailed,
            as_is("exit " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1))));
  // Into place whole: copied beside the target, then renamed.
  const fs::path target = pdf;
  const fs::path staged = target.string() + ".tmp";
  fs::copy_file(made, staged, fs::copy_options::overwrite_existing);
  fs::rename(staged, target);
}

}  // namespace sroi
