// SPDX-License-Identifier: EUPL-1.2
// E-mail: a message with a plain-text and a simple HTML part (MIME, UTF-8), sent through the
// relay the data folder's settings name (SMTP by libcurl, Debian's libcurl4-openssl-dev).
#pragma once

#include <string>

#include "sroi/config/settings.hpp"
#include "sroi/error.hpp"

namespace sroi::mail {

struct Mail {
  std::string to;       ///< the address
  std::string subject;  ///< UTF-8
  std::string text;     ///< the plain-text part
  std::string html;     ///< the HTML part (its text escaped by the maker)
};

/// A mail could not be sent: the relay's or the connection's reason (exit code 1).
class MailError : public Error {
 public:
  using Error::Error;
};

/// The message as it goes over the wire: headers (the subject encoded per RFC 2047) and a
/// multipart/alternative body whose parts are base64, lines ending in CRLF. `date` is
/// RFC 5322's ("Mon, 01 Nov 2027 12:00:00 +0000").
std::string mime_message(const Mail& m, const std::string& from, const std::string& date,
                         const std::string& message_id);

/// The RFC 5322 date of a stored timestamp ("2027-11-01T12:00:00Z").
std::string mail_date(const std::string& utc_timestamp);

/// The address in a From text: "SROI <sroi@example.nl>" → "sroi@example.nl".
std::string address_of(const std::string& from);

/// Sends `m` through `relay` (STARTTLS, TLS or plain, with its login if any). Throws MailError.
void send(const config::MailSettings& relay, const Mail& m, const std::string& date);

}  // namespace sroi::mail
