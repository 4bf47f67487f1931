// SPDX-License-Identifier: EUPL-1.2
#include <curl/curl.h>
#include <dlfcn.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <type_traits>

#include "sroi/mail/mail.hpp"
#include "sroi/model/date.hpp"
#include "sroi/msg/manage.hpp"

namespace sroi::mail {
namespace {

std::string base64(const std::string& bytes) {
  if (bytes.empty()) return "";
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

/// Base64 in lines of 76 characters, each ending in CRLF (RFC 2045).
std::string base64_lines(const std::string& bytes) {
  std::string all = base64(bytes), out;
  for (std::size_t i = 0; i < all.size(); i += 76) out += all.substr(i, 76) + "\r\n";
  return out;
}

/// A header value that is plain ASCII stays as it is; anything else is an RFC 2047 word.
std::string header_text(const std::string& text) {
  bool ascii =
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
  return ascii ? text : "=?UTF-8?B?" + base64(text) + "?=";
}

/// Header values never carry a line break (no header injection from a name or subject).
std::string one_line(std::string s) {
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return s;
}

/// libcurl's functions, loaded when the first mail is sent: every other command starts
/// without libcurl and the thirty libraries it needs (GnuTLS, Kerberos, LDAP, SSH…), which took
/// 3.5 ms of each command's 8.5 ms start.
struct Curl {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
};

/// The loaded functions, with curl_global_init done once; throws MailError when libcurl is not
/// installed.
const Curl& curl() {
  static const Curl loaded = [] {
    // Debian's libcurl4 (its soname has been 4 since 2006); the flavour of TLS does not matter.
    void* lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib)
      throw MailError(msg(Msg::MailLibraryMissing, as_is("libcurl.so.4"), as_is("libcurl4")));
    auto load = [&](auto& f, const char* name) {
      f = reinterpret_cast<std::remove_reference_t<decltype(f)>>(dlsym(lib, name));
      if (!f) throw MailError(msg(Msg::MailCannotStart, as_is(std::string("libcurl: ") + name)));
    };
    Curl c{};
    load(c.global_init, "curl_global_init");
    load(c.easy_init, "curl_easy_init");
    load(c.easy_cleanup, "curl_easy_cleanup");
    load(c.easy_setopt, "curl_easy_setopt");
    load(c.easy_perform, "curl_easy_perform");
    load(c.easy_strerror, "curl_easy_strerror");
    load(c.slist_append, "curl_slist_append");
    load(c.slist_free_all, "curl_slist_free_all");
    if (c.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw MailError(msg(Msg::MailCannotStart, as_is("libcurl")));
    return c;
  }();
  return loaded;
}

struct Upload {
  const std::string* text;
  std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, u->text->size() - u->at);
  std::memcpy(buffer, u->text->data() + u->at, n);
  u->at += n;
  return n;
}

}  // namespace

std::string address_of(const std::string& from) {
  auto open = from.find('<'), close = from.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return from.substr(open + 1, close - open - 1);
  return from;
}

std::string mail_date(const std::string& ts) {
  // "2027-11-01T12:00:00Z" → "Mon, 01 Nov 2027 12:00:00 +0000"
  static const char* const kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto d = day_of(ts);
  if (!d || ts.size() < 19) return ts;
  long days = d->days_since_epoch();  // 1970-01-01 was a Thursday
  std::string day = kDays[((days % 7) + 7) % 7];
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %s +0000", day.c_str(), d->day,
                kMonths[d->month - 1], d->year, ts.substr(11, 8).c_str());
  return buf;
}

std::string mime_message(const Mail& m, const std::string& from, const std::string& date,
                         const std::string& message_id) {
  const std::string boundary = "sroi-" + message_id.substr(0, message_id.find('@'));
  std::string out;
  out += "From: " + one_line(from) + "\r\n";
  out += "To: " + one_line(m.to) + "\r\n";
  out += "Subject: " + header_text(one_line(m.subject)) + "\r\n";
  out += "Date: " + one_line(date) + "\r\n";
  out += "Message-ID: <" + one_line(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(m.text);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(m.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

void send(const config::MailSettings& relay, const Mail& m, const std::string& date) {
  const Curl& lib = curl();
  if (sodium_init() < 0) throw MailError(msg(Msg::MailCannotStart, as_is("libsodium")));
  std::unique_ptr<CURL, decltype(lib.easy_cleanup)> handle(lib.easy_init(), lib.easy_cleanup);
  if (!handle) throw MailError(msg(Msg::MailCannotStart, as_is("libcurl")));
  // A message id of random hex, at the sender's domain.
  unsigned char random[12];
  randombytes_buf(random, sizeof random);
  std::string id;
  for (unsigned char c : random) {
    static const char* const kHex = "0123456789abcdef";
    id += kHex[c >> 4];
    id += kHex[c & 15];
  }
  std::string from_address = address_of(relay.from);
  auto at = from_address.find('@');
  id += "@" + (at == std::string::npos ? std::string("sroi") : from_address.substr(at + 1));
  const std::string message = mime_message(m, relay.from, date, id);
  Upload upload{&message};
  const std::string url =
      std::string(relay.security == config::MailSecurity::Tls ? "smtps://" : "smtp://") +
      relay.host + ":" + std::to_string(relay.port);
  CURL* c = handle.get();
  lib.easy_setopt(c, CURLOPT_URL, url.c_str());
  if (relay.security == config::MailSecurity::StartTls)
    lib.easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!relay.user.empty()) {
    lib.easy_setopt(c, CURLOPT_USERNAME, relay.user.c_str());
    lib.easy_setopt(c, CURLOPT_PASSWORD, relay.password.c_str());
  }
  const std::string mail_from = "<" + from_address + ">";
  lib.easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  std::unique_ptr<curl_slist, decltype(lib.slist_free_all)> rcpt(
      lib.slist_append(nullptr, ("<" + m.to + ">").c_str()), lib.slist_free_all);
  lib.easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  lib.easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  lib.easy_setopt(c, CURLOPT_READDATA, &upload);
  lib.easy_setopt(c, CURLOPT_UPLOAD, 1L);
  lib.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
  lib.easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  char error[CURL_ERROR_SIZE] = {0};
  lib.easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = lib.easy_perform(c);
  if (rc != CURLE_OK)
    throw MailError(msg(Msg::MailNotSent, as_is(m.to),
                        as_is(relay.host + ":" + std::to_string(relay.port)),
                        as_is(*error ? error : lib.easy_strerror(rc))));
}

}  // namespace sroi::mail
