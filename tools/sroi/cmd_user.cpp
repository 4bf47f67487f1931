// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>
#include <iostream>

#include "common.hpp"
#include "sroi/accounts/secrets.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/accounts.hpp"
#include "sroi/msg/cli_register.hpp"
#include "sroi/msg/store.hpp"
#include "sroi/report/json_writer.hpp"
#include "sroi/report/manage/tables.hpp"
#include "sroi/report/text_table.hpp"
#include "sroi/store/register.hpp"

namespace sroi::cli {
namespace {

/// A name or organisation as typed: 1 to 100 characters, no control characters.
std::string account_text(const po::variables_map& vm, const char* option) {
  std::string text = vm.count(option) ? vm[option].as<std::string>() : "";
  bool ok = !text.empty() && text.size() <= 100;
  for (unsigned char c : text) ok = ok && c >= 0x20 && c != 0x7f;
  if (!ok)
    throw UsageError(
        msg(Msg::UsageBadAccountText, as_is(std::string("--") + option), as_is(printable(text))));
  return text;
}

/// The new password: one line on stdin with --password-stdin, else a generated one that is
/// printed once.
std::string new_password(const po::variables_map& vm, const std::string& name, bool& generated) {
  generated = !vm.count("password-stdin");
  if (generated) return accounts::generate_password();
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (auto problem = accounts::password_problem(line, name)) {
    if (*problem == Msg::UsagePasswordTooShort)
      throw UsageError(msg(Msg::UsagePasswordTooShort,
                           static_cast<int64_t>(accounts::kMinPasswordLength),
                           static_cast<int64_t>(accounts::characters(line))));
    throw UsageError(msg(*problem));
  }
  return line;
}

/// A warning when no contract names `org` as the account's buyer or supplier (or, for a
/// coordinator, as its region): the account would see nothing. Suggests the closest names.
void warn_unknown_org(const store::Register& reg, store::Role role, const std::string& org) {
  std::vector<std::string> known;
  for (const auto& c : reg.contracts()) {
    const std::string& k = role == store::Role::Supplier ? c.supplier
                           : role == store::Role::Buyer  ? c.buyer
                                                         : c.region.id;
    if (k == org) return;
    if (std::find(known.begin(), known.end(), k) == known.end()) known.push_back(k);
  }
  auto near = closest(org, known, std::max<std::size_t>(3, org.size() / 4), 3);
  Message m = near.empty() ? msg(Msg::UserOrgUnknownNoHint, as_is(org))
                           : msg(Msg::UserOrgUnknown, as_is(org), listed(near));
  std::cerr << printable(words(m)) << '\n';
}

/// The e-mail address and reminder language given (--email, --mail-lang): an address is one
/// '@' between a local part and a domain with a dot, no spaces or control characters.
std::pair<std::string, std::string> contact_of(const po::variables_map& vm) {
  std::string email = vm.count("email") ? vm["email"].as<std::string>() : "";
  std::string lang = vm.count("mail-lang") ? vm["mail-lang"].as<std::string>() : "nl";
  auto at = email.find('@');
  bool ok = email.empty() || (email.size() <= 254 && at != std::string::npos && at > 0 &&
                              email.find('@', at + 1) == std::string::npos &&
                              email.find('.', at) != std::string::npos && email.back() != '.');
  for (unsigned char c : email) ok = ok && c > 0x20 && c != 0x7f && c != '<' && c != '>';
  if (!ok) throw UsageError(msg(Msg::UsageBadEmail, as_is(printable(email))));
  if (lang != "nl" && lang != "en")
    throw UsageError(msg(Msg::UsageBadMailLang, as_is(printable(lang))));
  return {email, lang};
}

int list(const Globals& g) {
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  auto users = reg.users();
  if (g.format == Format::Json) {
    JsonWriter j(std::cout);
    j.begin_array();
    for (const auto& u : users) {
      j.begin_object().key("name").value(u.name).key("role").value(store::role_id(u.role));
      j.key("org").value(u.org).key("created_at").value(u.created_at).key("disabled_at");
      u.disabled_at.empty() ? j.null() : j.value(u.disabled_at);
      j.end_object();
    }
    j.end_array();
    return 0;
  }
  TextTable t({});
  t.row({words(msg(Msg::CliColName)), words(msg(Msg::CliColRole)), words(msg(Msg::CliColOrg)),
         words(msg(Msg::CliColCreated)), words(msg(Msg::CliColState))});
  for (const auto& u : users)
    t.row({printable(u.name), words(msg(role_word(u.role))), printable(u.org), u.created_at,
           u.active() ? words(msg(Msg::WordActive))
                      : words(msg(Msg::WordDisabledAt, as_is(u.disabled_at)))});
  t.print(std::cout);
  return 0;
}

}  // namespace

int cmd_user(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi user options");
  opts.add_options()("action", po::value<std::string>(), "add, passwd, contact, disable or list")(
      "name", po::value<std::string>(), "the account's name (its login)")(
      "role", po::value<std::string>(), "add: coordinator, buyer or supplier")(
      "org", po::value<std::string>(),
      "add: the organisation whose contracts it sees: the supplier's or buyer's name as the "
      "contracts give it, or a coordinator's region id")(
      "password-stdin",
      "read the new password from the first line of standard input (at least 12 characters); "
      "without it a password is generated and shown once")(
      "email", po::value<std::string>(),
      "add, contact: the account's e-mail address, for reminders (empty: none)")(
      "mail-lang", po::value<std::string>(),
      "add, contact: the language of its reminders: nl (default) or en");
  po::positional_options_description pos;
  pos.add("action", 1).add("name", 1);
  po::variables_map vm;
  if (!parse_verb("sroi user add NAME --role coordinator|buyer|supplier --org ORG "
                  "[--password-stdin]\n       sroi user passwd NAME [--password-stdin]\n"
                  "       sroi user contact NAME --email ADDRESS [--mail-lang nl|en]\n"
                  "       sroi user disable NAME\n       sroi user list",
                  args, opts, pos, vm))
    return 0;
  std::string action = vm.count("action") ? vm["action"].as<std::string>() : "list";
  if (action == "list") return list(g);
  if (action != "add" && action != "passwd" && action != "disable" && action != "contact")
    throw UsageError(msg(Msg::UsageUserAction, as_is(action),
                         listed({"add", "passwd", "contact", "disable", "list"})));
  if (!vm.count("name")) throw UsageError(msg(Msg::UsageNeedsName, as_is("sroi user " + action)));
  std::string name = account_text(vm, "name");
  store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
  if (action == "disable") {
    reg.disable_user(name);
    std::cerr << printable(words(msg(Msg::CliUserDisabled, as_is(name)))) << '\n';
    return 0;
  }
  if (action == "contact") {
    auto [email, lang] = contact_of(vm);
    reg.set_contact(name, email, lang);
    std::cerr << printable(words(msg(Msg::CliContactSet, as_is(name)))) << '\n';
    return 0;
  }
  std::optional<store::Role> role;
  std::string org;
  if (action == "add") {
    std::string role_text = vm.count("role") ? vm["role"].as<std::string>() : "";
    role = store::parse_role(role_text);
    if (!role)
      throw UsageError(msg(Msg::UsageUnknownRole, as_is(role_text),
                           listed({"coordinator", "buyer", "supplier"})));
    org = account_text(vm, "org");
    if (reg.find_user(name)) throw StoreError(msg(Msg::UserExists, as_is(name)));
  }
  bool generated = false;
  std::string password = new_password(vm, name, generated);
  std::string hash = accounts::hash_password(password);
  if (action == "add") {
    reg.add_user(name, *role, org, hash);
    if (vm.count("email") || vm.count("mail-lang")) {
      auto [email, lang] = contact_of(vm);
      reg.set_contact(name, email, lang);
    }
    std::cerr << printable(words(msg(Msg::CliUserAdded, as_is(name), phrase(msg(role_word(*role))),
                                     as_is(org))))
              << '\n';
    warn_unknown_org(reg, *role, org);
  } else {
    reg.set_password(name, hash);
    std::cerr << printable(words(msg(Msg::CliPasswordSet, as_is(name)))) << '\n';
  }
  // The one place the password appears: standard output, for the person who runs the command.
  if (generated)
    std::cout << printable(words(msg(Msg::CliPasswordOnce, as_is(name), as_is(password)))) << '\n';
  return 0;
}

int cmd_token(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi token options");
  opts.add_options()("action", po::value<std::string>(), "add, revoke or list")(
      "id", po::value<int64_t>(), "revoke: the key's number, as sroi token list shows it")(
      "account", po::value<std::string>(), "add: the account the key acts as")(
      "label", po::value<std::string>()->default_value("api"),
      "add: what the key is for, to recognise it in the list");
  po::positional_options_description pos;
  pos.add("action", 1).add("id", 1);
  po::variables_map vm;
  if (!parse_verb("sroi token add --account NAME [--label TEXT]\n       sroi token revoke ID\n"
                  "       sroi token list",
                  args, opts, pos, vm))
    return 0;
  std::string action = vm.count("action") ? vm["action"].as<std::string>() : "list";
  if (action == "list") {
    store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
    TextTable t({0});
    t.row({"id", words(msg(Msg::CliColName)), words(msg(Msg::CliColLabel)),
           words(msg(Msg::CliColCreated)), words(msg(Msg::CliColState))});
    for (const auto& k : reg.api_tokens())
      t.row({std::to_string(k.id), printable(k.user), printable(k.label), k.created_at,
             k.revoked_at.empty() ? words(msg(Msg::WordActive))
                                  : words(msg(Msg::WordRevokedAt, as_is(k.revoked_at)))});
    t.print(std::cout);
    return 0;
  }
  if (action == "revoke") {
    if (!vm.count("id")) throw UsageError(msg(Msg::UsageNeedsTokenId, as_is("sroi token revoke")));
    store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
    store::ApiTokenRecord k = reg.revoke_api_token(vm["id"].as<int64_t>());
    std::cout << printable(words(msg(Msg::CliTokenRevoked, k.id, as_is(k.user)))) << '\n';
    return 0;
  }
  if (action != "add")
    throw UsageError(msg(Msg::UsageUserAction, as_is(action), listed({"add", "revoke", "list"})));
  if (!vm.count("account")) throw UsageError(msg(Msg::UsageNeedsName, as_is("sroi token add")));
  std::string user = account_text(vm, "account");
  std::string label = account_text(vm, "label");
  store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
  std::string token = accounts::generate_token();
  int64_t id = reg.add_api_token(user, accounts::token_sha256(token), label);
  std::cout << printable(words(msg(Msg::CliTokenOnce, id, as_is(user), as_is(token)))) << '\n';
  return 0;
}

}  // namespace sroi::cli
