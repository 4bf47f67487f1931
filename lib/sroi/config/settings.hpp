// SPDX-License-Identifier: EUPL-1.2
// The data folder's settings (DATA_DIR/sroi.toml): how `sroi remind` reaches its mail relay and
// where the portal is, for the links in the mails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sroi/error.hpp"

namespace sroi::config {

/// How the connection to the relay is protected: STARTTLS on a plain port (587), TLS from the
/// start (465), or nothing (a relay on the same host, or a test's).
enum class MailSecurity { StartTls, Tls, None };

struct MailSettings {
  std::string host;
  int port = 587;
  MailSecurity security = MailSecurity::StartTls;
  std::string user;      ///< empty: no login
  std::string password;  ///< read from password_file, never written in sroi.toml
  std::string from;      ///< "SROI <sroi@gemeente.nl>"
};

struct Settings {
  std::optional<MailSettings> mail;  ///< [mail]; none: reminders can only be shown (--dry-run)
  std::string portal_url = "http://127.0.0.1:8080";  ///< [portal] url, for links in mails
};

/// Reads `path` (a missing file gives the defaults). Every problem is collected, each at its
/// place; the password file is read relative to the settings file's folder and must not be
/// readable by others.
Settings load_settings(const std::string& path, std::vector<Diagnostic>& problems);

}  // namespace sroi::config
