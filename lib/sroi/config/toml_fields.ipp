// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/config/*.cpp (it includes toml++, which public headers never do).
// Fields reads one TOML table: typed getters that record a located diagnostic instead of
// throwing, so a loader can report every problem of a file in one run, and a final check for
// keys nobody asked for (typos).
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sroi/config/range.hpp"
#include "sroi/error.hpp"
#include "sroi/io/dutch_numbers.hpp"
#include "sroi/model/date.hpp"
#include "sroi/model/money.hpp"
#include "sroi/model/ratio.hpp"

namespace sroi::config {

// The readers of what people type (text checks, CSV, Dutch numbers) are lib/sroi/io's.
using namespace io;

SourceLocation location(const toml::source_region& src, const SharedName& file);

/// Parses a TOML file; on a syntax error records it and returns nothing.
std::optional<toml::table> parse_toml_file(const std::string& path,
                                           std::vector<Diagnostic>& problems);
/// The same for text handed in (an upload): `name` is where its problems are located.
std::optional<toml::table> parse_toml_text(const std::string& text, const std::string& name,
                                           std::vector<Diagnostic>& problems);

class Fields {
 public:
  /// `context` names the table in messages: "[penalty]", or a message ("an offer file").
  Fields(const toml::table& table, SharedName file, std::vector<Diagnostic>& problems,
         Message context);
  Fields(const toml::table& table, SharedName file, std::vector<Diagnostic>& problems,
         const std::string& table_name)
      : Fields(table, std::move(file), problems, msg(Msg::Value, as_is(table_name))) {}

  std::optional<std::string> string(const std::string& key, bool required);
  /// A kebab-case identifier.
  std::optional<std::string> id(const std::string& key, bool required);
  /// A string amount "30000.00" or a whole-euro integer; a float is an error with a hint.
  std::optional<Money> money(const std::string& key, bool required, Money min, Money max);
  /// An integer, a float with at most 4 decimals, or a decimal string ("32,5" or "32.5"; with
  /// `percent`, also "5%").
  std::optional<Ratio> decimal(const std::string& key, bool required, const Range& range,
                               bool percent = false);
  std::optional<int64_t> integer(const std::string& key, bool required, int64_t min, int64_t max);
  std::optional<bool> boolean(const std::string& key);
  /// A TOML date or a "YYYY-MM-DD" string.
  std::optional<Date> date(const std::string& key, bool required);
  const toml::table* table(const std::string& key, bool required);
  const toml::array* array(const std::string& key, bool required);
  /// The tables of an array of tables ([[key]]); an entry that is not a table is reported at
  /// its place ("'block = [1, 2]'" before any table), so nothing is skipped without a word.
  std::vector<const toml::table*> tables(const std::string& key, bool required);
  /// One of `choices` (for enums spelled as strings).
  std::optional<std::string> choice(const std::string& key, bool required,
                                    const std::vector<std::string>& choices);

  /// True when `key` holds an array (without reading or reporting anything).
  bool holds_array(const std::string& key) const {
    const toml::node* n = table_.get(key);
    return n && n->is_array();
  }
  /// Accepts `key` without reading it (it was judged some other way).
  void accept(const std::string& key) { known_.insert(key); }
  /// Where `key` is written, or where the table is when it is absent.
  SourceLocation at(const std::string& key) const;
  SourceLocation here() const;
  void error(const SourceLocation& where, Message message);
  /// Reports each key that no getter asked for.
  void finish();
  const SharedName& file() const { return file_; }

 private:
  const toml::node* get(const std::string& key, bool required);
  const toml::table& table_;
  SharedName file_;
  std::vector<Diagnostic>& problems_;
  Message context_;
  std::set<std::string> known_;
};

/// The *.toml files directly in `dir`, sorted by name.
std::vector<std::string> toml_files_in(const std::string& dir);

/// True when `text` is lower-case kebab-case: "ww-lt1", "plus-50".
bool is_kebab_id(const std::string& text);

}  // namespace sroi::config
