// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/portal: what every page handler needs to write HTML and read requests
// safely — escaping, URL parts, cookies, constant-time comparison, form fields.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::portal {

/// Text for HTML content and attribute values: & < > " ' escaped.
std::string escape(std::string_view s);
/// `s` with every byte that `keep` refuses written as %XX.
std::string percent_encoded(std::string_view s, bool (*keep)(unsigned char));
/// A path segment: letters, digits and -._~ as they are, every other byte as %XX.
std::string url_part(std::string_view s);
/// A cookie's value from the request's Cookie header ("" when absent).
std::string cookie(const httplib::Request& req, const std::string& name);
/// Compares two secrets in time that does not depend on where they differ; empty never matches.
bool same_secret(const std::string& a, const std::string& b);
/// The caller's address as the gate saw it (gate.hpp), else the socket's.
std::string peer(const httplib::Request& req);
/// A form field of a urlencoded or a multipart request ("" when absent).
std::string field(const httplib::Request& req, const std::string& name);
/// An uploaded file's name as we may use it: its last part, with every byte other than
/// letters, digits and .-_ replaced by '_' (nothing a path or a terminal could act on).
std::string clean_file_name(std::string_view original);
/// Sends `bytes` as a download named `name` (a clean name).
void send_file(httplib::Response& res, const std::string& bytes, const std::string& name,
               const std::string& type);

/// A temporary folder of its own, removed with everything in it when this goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  /// Writes `bytes` to a file of this folder; returns its path.
  std::string write(const std::string& name, const std::string& bytes) const;
  /// A file's contents.
  static std::string read(const std::string& path);
  /// Each problem worded in `lang`, with this folder's path taken off the place it names: a
  /// message names the file as its sender called it ("realisatie-q3.csv:2:29: …").
  std::vector<std::string> worded(const std::vector<Diagnostic>& problems, Lang lang) const;

 private:
  std::string path_;
};

}  // namespace sroi::portal
