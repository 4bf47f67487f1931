// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/toml_fields.ipp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "sroi/config/text_input.hpp"

namespace sroi::config {

SourceLocation location(const toml::source_region& src, const std::string& file) {
  return SourceLocation{file, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column)};
}

std::optional<toml::table> parse_toml_file(const std::string& path,
                                           std::vector<Diagnostic>& problems) {
  std::string text;
  try {
    text = read_file_limited(path, kMaxTomlBytes);
  } catch (const DataError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    return std::nullopt;
  }
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    problems.push_back(
        {location(e.source(), path), "malformed TOML: " + std::string(e.description())});
    return std::nullopt;
  }
}

bool is_kebab_id(const std::string& t) {
  if (t.empty() || t.front() == '-' || t.back() == '-') return false;
  for (char c : t)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return t.find("--") == std::string::npos;
}

std::string range_problem(const Ratio& v, const Range& r) {
  bool low = r.min_inclusive ? v < r.min : v <= r.min;
  if (!low && v <= r.max) return "";
  return "out of range (" + std::string(r.min_inclusive ? "" : "above ") + r.min.decimal() +
         " to " + r.max.decimal() + ")";
}

Fields::Fields(const toml::table& table, std::string file, std::vector<Diagnostic>& problems,
               std::string context)
    : table_(table), file_(std::move(file)), problems_(problems), context_(std::move(context)) {}

SourceLocation Fields::here() const { return location(table_.source(), file_); }

SourceLocation Fields::at(const std::string& key) const {
  if (const toml::node* n = table_.get(key)) return location(n->source(), file_);
  return here();
}

void Fields::error(const SourceLocation& where, std::string message) {
  problems_.push_back({where, std::move(message)});
}

const toml::node* Fields::get(const std::string& key, bool required) {
  known_.insert(key);
  const toml::node* n = table_.get(key);
  if (!n && required) error(here(), context_ + " needs '" + key + "'");
  return n;
}

std::optional<std::string> Fields::string(const std::string& key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>()) {
    if (std::string why = text_problem(*s); !why.empty()) {
      error(at(key), "'" + key + "' " + why);
      return std::nullopt;
    }
    if (s->empty() && required) {
      error(at(key), "'" + key + "' is empty");
      return std::nullopt;
    }
    return *s;
  }
  error(at(key), "'" + key + "' must be a string");
  return std::nullopt;
}

std::optional<std::string> Fields::id(const std::string& key, bool required) {
  auto s = string(key, required);
  if (s && !is_kebab_id(*s)) {
    error(at(key), "'" + key + "' = '" + *s + "' is not a kebab-case id (like 'ww-lt1')");
    return std::nullopt;
  }
  return s;
}

std::optional<Money> Fields::money(const std::string& key, bool required, Money min, Money max) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  std::optional<Money> m;
  if (auto s = n->value_exact<std::string>()) {
    std::string why;
    m = parse_money(*s, &why);
    if (!m) {
      error(at(key), "'" + key + "' = \"" + *s + "\" is not an amount: " + why);
      return std::nullopt;
    }
  } else if (auto i = n->value_exact<int64_t>()) {
    if (*i > 1000000000000LL || *i < -1000000000000LL) {
      error(at(key), "'" + key + "' = " + std::to_string(*i) + " is out of range");
      return std::nullopt;
    }
    m = Money::euros(*i);
  } else if (n->is_floating_point()) {
    error(at(key), "'" + key +
                       "' is a float; write money as a string with at most two "
                       "decimals, e.g. " +
                       key + " = \"30000.00\"");
    return std::nullopt;
  } else {
    error(at(key), "'" + key + "' must be an amount string like \"30000.00\"");
    return std::nullopt;
  }
  if (*m < min || *m > max) {
    error(at(key), "'" + key + "' = " + format_eur(*m) + " is out of range (" + format_eur(min) +
                       " to " + format_eur(max) + ")");
    return std::nullopt;
  }
  return m;
}

std::optional<Ratio> Fields::decimal(const std::string& key, bool required, const Range& range) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  std::optional<Ratio> r;
  if (auto i = n->value_exact<int64_t>()) {
    if (*i > 1000000000000LL || *i < -1000000000000LL) {
      error(at(key), "'" + key + "' = " + std::to_string(*i) + " is out of range");
      return std::nullopt;
    }
    r = Ratio(*i);
  } else if (auto f = n->value_exact<double>()) {
    double scaled = *f * 10000.0;
    if (!std::isfinite(*f) || std::fabs(scaled) > 1e15 ||
        std::fabs(scaled - std::round(scaled)) > 1e-6) {
      error(at(key), "'" + key + "' must have at most four decimals");
      return std::nullopt;
    }
    r = Ratio(static_cast<int64_t>(std::llround(scaled)), 10000);
  } else if (auto s = n->value_exact<std::string>()) {
    std::string why;
    r = parse_decimal(*s, &why);
    if (!r) {
      error(at(key), "'" + key + "' = \"" + *s + "\" is not a number: " + why);
      return std::nullopt;
    }
  } else {
    error(at(key), "'" + key + "' must be a number");
    return std::nullopt;
  }
  if (std::string why = range_problem(*r, range); !why.empty()) {
    error(at(key), "'" + key + "' = " + r->decimal() + " is " + why);
    return std::nullopt;
  }
  return r;
}

std::optional<int64_t> Fields::integer(const std::string& key, bool required, int64_t min,
                                       int64_t max) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  auto i = n->value_exact<int64_t>();
  if (!i) {
    error(at(key), "'" + key + "' must be a whole number");
    return std::nullopt;
  }
  if (*i < min || *i > max) {
    error(at(key), "'" + key + "' = " + std::to_string(*i) + " is out of range (" +
                       std::to_string(min) + " to " + std::to_string(max) + ")");
    return std::nullopt;
  }
  return i;
}

std::optional<bool> Fields::boolean(const std::string& key) {
  const toml::node* n = get(key, false);
  if (!n) return std::nullopt;
  if (auto b = n->value_exact<bool>()) return b;
  error(at(key), "'" + key + "' must be true or false");
  return std::nullopt;
}

std::optional<Date> Fields::date(const std::string& key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (auto d = n->value_exact<toml::date>()) {
    if (!valid_date(d->year, d->month, d->day)) {
      error(at(key), "'" + key + "' is not a real date");
      return std::nullopt;
    }
    return Date{d->year, d->month, d->day};
  }
  if (auto s = n->value_exact<std::string>()) {
    std::string why;
    if (auto d = parse_date(*s, &why)) return d;
    error(at(key), "'" + key + "' = \"" + *s + "\": " + why);
    return std::nullopt;
  }
  error(at(key), "'" + key + "' must be a date like 2027-01-01");
  return std::nullopt;
}

const toml::table* Fields::table(const std::string& key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return nullptr;
  if (const toml::table* t = n->as_table()) return t;
  error(at(key), "'" + key + "' must be a table");
  return nullptr;
}

const toml::array* Fields::array(const std::string& key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return nullptr;
  if (const toml::array* a = n->as_array()) return a;
  error(at(key), "'" + key + "' must be an array");
  return nullptr;
}

std::vector<const toml::table*> Fields::tables(const std::string& key, bool required) {
  std::vector<const toml::table*> out;
  const toml::array* arr = array(key, required);
  if (!arr) return out;
  for (const auto& node : *arr) {
    if (const toml::table* t = node.as_table())
      out.push_back(t);
    else
      error(location(node.source(), file_),
            "'" + key + "' entries must be tables: write [[" + key + "]] with its keys below");
  }
  return out;
}

std::optional<std::string> Fields::choice(const std::string& key, bool required,
                                          const std::vector<std::string>& choices) {
  auto s = string(key, required);
  if (!s) return std::nullopt;
  for (const auto& c : choices)
    if (c == *s) return s;
  std::string known;
  for (const auto& c : choices) known += (known.empty() ? "" : ", ") + c;
  error(at(key), "unknown " + key + " '" + *s + "' (known: " + known + ")");
  return std::nullopt;
}

void Fields::finish() {
  for (auto&& [k, v] : table_) {
    std::string key(k.str());
    if (known_.count(key)) continue;
    std::string known;
    for (const auto& kk : known_) known += (known.empty() ? "" : ", ") + kk;
    error(location(k.source(), file_),
          "unknown key '" + key + "' in " + context_ + " (known: " + known + ")");
  }
}

}  // namespace sroi::config
