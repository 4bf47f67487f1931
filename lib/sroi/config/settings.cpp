// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/settings.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "sroi/config/toml_fields.ipp"
#include "sroi/msg/config.hpp"

namespace sroi::config {

Settings load_settings(const std::string& path, std::vector<Diagnostic>& problems) {
  Settings s;
  if (!std::filesystem::exists(path)) return s;
  auto doc = parse_toml_file(path, problems);
  if (!doc) return s;
  Fields top(*doc, path, problems, msg(Msg::CtxSettings));
  if (const toml::table* p = top.table("portal", false)) {
    Fields f(*p, path, problems, "[portal]");
    if (auto url = f.string("url", true)) {
      if (url->rfind("https://", 0) != 0 && url->rfind("http://", 0) != 0)
        f.error(f.at("url"), msg(Msg::SettingsUrlScheme, as_is(*url)));
      else
        s.portal_url = url->back() == '/' ? url->substr(0, url->size() - 1) : *url;
    }
    f.finish();
  }
  if (const toml::table* m = top.table("mail", false)) {
    Fields f(*m, path, problems, "[mail]");
    MailSettings mail;
    auto host = f.string("host", true);
    auto port = f.integer("port", false, 1, 65535);
    auto security = f.choice("security", false, {"starttls", "tls", "none"});
    auto user = f.string("user", false);
    auto password_file = f.string("password_file", false);
    auto from = f.string("from", true);
    f.finish();
    if (security)
      mail.security = *security == "tls"    ? MailSecurity::Tls
                      : *security == "none" ? MailSecurity::None
                                            : MailSecurity::StartTls;
    mail.port = port ? static_cast<int>(*port) : mail.security == MailSecurity::Tls ? 465 : 587;
    if (user) mail.user = *user;
    if (password_file) {
      // The password lives in a file of its own, readable by the service alone.
      std::filesystem::path file = *password_file;
      if (file.is_relative()) file = std::filesystem::path(path).parent_path() / file;
      struct stat st {};
      std::ifstream in(file);
      if (!in || ::stat(file.c_str(), &st) != 0) {
        f.error(f.at("password_file"), msg(Msg::SettingsPasswordFileMissing, as_is(file.string())));
      } else if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        f.error(f.at("password_file"), msg(Msg::SettingsPasswordFileOpen, as_is(file.string())));
      } else {
        std::getline(in, mail.password);
        if (!mail.password.empty() && mail.password.back() == '\r') mail.password.pop_back();
      }
    }
    if (host && from) {
      mail.host = *host;
      mail.from = *from;
      s.mail = mail;
    }
  }
  top.finish();
  return s;
}

}  // namespace sroi::config
