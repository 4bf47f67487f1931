// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/toml_fields.ipp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "sroi/io/text_input.hpp"
#include "sroi/msg/config.hpp"
#include "sroi/msg/io.hpp"

namespace sroi::config {

SourceLocation location(const toml::source_region& src, const SharedName& file) {
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
  return parse_toml_text(text, path, problems);
}

std::optional<toml::table> parse_toml_text(const std::string& text, const std::string& name,
                                           std::vector<Diagnostic>& problems) {
  if (text.size() > kMaxTomlBytes) {
    problems.push_back(
        {SourceLocation{name}, msg(Msg::FileTooLarge, int64_t{kMaxTomlBytes >> 20})});
    return std::nullopt;
  }
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    problems.push_back(
        {location(e.source(), name), msg(Msg::MalformedToml, as_is(std::string(e.description())))});
    return std::nullopt;
  }
}

bool is_kebab_id(const std::string& t) {
  if (t.empty() || t.front() == '-' || t.back() == '-') return false;
  for (char c : t)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return t.find("--") == std::string::npos;
}

std::optional<Message> range_problem(const Ratio& v, const Range& r) {
  bool low = r.min_inclusive ? v < r.min : v <= r.min;
  if (!low && v <= r.max) return std::nullopt;
  return msg(r.min_inclusive ? Msg::OutOfRangeFrom : Msg::OutOfRangeAbove, Decimal{r.min},
             Decimal{r.max});
}

Fields::Fields(const toml::table& table, SharedName file, std::vector<Diagnostic>& problems,
               Message context)
    : table_(table), file_(std::move(file)), problems_(problems), context_(std::move(context)) {}

SourceLocation Fields::here() const { return location(table_.source(), file_); }

SourceLocation Fields::at(const std::string& key) const {
  if (const toml::node* n = table_.get(key)) return location(n->source(), file_);
  return here();
}

void Fields::error(const SourceLocation& where, Message message) {
  problems_.push_back({where, std::move(message)});
}

const toml::node* Fields::get(const std::string& key, bool required) {
  known_.insert(key);
  const toml::node* n = table_.get(key);
  if (!n && required) error(here(), msg(Msg::NeedsKey, phrase(context_), as_is(key)));
  return n;
}

std::optional<std::string> Fields::string(const std::string& key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>()) {
    if (auto why = text_problem(*s)) {
      error(at(key), msg(Msg::KeyTextProblem, as_is(key), phrase(*why)));
      return std::nullopt;
    }
    if (s->empty() && required) {
      error(at(key), msg(Msg::KeyEmpty, as_is(key)));
      return std::nullopt;
    }
    return unicode_normalised(
        std::move(*s));  // as Unicode intends it: what is stored is what is seen
  }
  error(at(key), msg(Msg::KeyNotString, as_is(key)));
  return std::nullopt;
}

std::optional<std::string> Fields::id(const std::string& key, bool required) {
  auto s = string(key, required);
  if (s && !is_kebab_id(*s)) {
    error(at(key), msg(Msg::KeyNotKebab, as_is(key), as_is(*s)));
    return std::nullopt;
  }
  return s;
}

std::optional<Money> Fields::money(const std::string& key, bool required, Money min, Money max) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  std::optional<Money> m;
  if (auto s = n->value_exact<std::string>()) {
    Message why;
    m = read_amount(*s, &why);
    if (!m) {
      error(at(key), msg(Msg::KeyNotAmount, as_is(key), as_is(*s), phrase(why)));
      return std::nullopt;
    }
  } else if (auto i = n->value_exact<int64_t>()) {
    if (*i > 1000000000000LL || *i < -1000000000000LL) {
      error(at(key), msg(Msg::KeyOutOfRange, as_is(key), *i));
      return std::nullopt;
    }
    m = Money::euros(*i);
  } else if (n->is_floating_point()) {
    error(at(key), msg(Msg::KeyMoneyIsFloat, as_is(key)));
    return std::nullopt;
  } else {
    error(at(key), msg(Msg::KeyNotAmountString, as_is(key)));
    return std::nullopt;
  }
  if (*m < min || *m > max) {
    error(at(key), msg(Msg::KeyOutOfRangeFromTo, as_is(key), *m, min, max));
    return std::nullopt;
  }
  return m;
}

std::optional<Ratio> Fields::decimal(const std::string& key, bool required, const Range& range,
                                     bool percent) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  std::optional<Ratio> r;
  if (auto i = n->value_exact<int64_t>()) {
    if (*i > 1000000000000LL || *i < -1000000000000LL) {
      error(at(key), msg(Msg::KeyOutOfRange, as_is(key), *i));
      return std::nullopt;
    }
    r = Ratio(*i);
  } else if (auto f = n->value_exact<double>()) {
    double scaled = *f * 10000.0;
    if (!std::isfinite(*f) || std::fabs(scaled) > 1e15 ||
        std::fabs(scaled - std::round(scaled)) > 1e-6) {
      error(at(key), msg(Msg::KeyFourDecimals, as_is(key)));
      return std::nullopt;
    }
    r = Ratio(static_cast<int64_t>(std::llround(scaled)), 10000);
  } else if (auto s = n->value_exact<std::string>()) {
    Message why;
    r = percent ? read_percentage(*s, &why) : read_number(*s, &why);
    if (!r) {
      error(at(key), msg(Msg::KeyNotNumberText, as_is(key), as_is(*s), phrase(why)));
      return std::nullopt;
    }
  } else {
    error(at(key), msg(Msg::KeyNotNumber, as_is(key)));
    return std::nullopt;
  }
  if (auto why = range_problem(*r, range)) {
    error(at(key), msg(Msg::KeyValueIs, as_is(key), Decimal{*r}, phrase(*why)));
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
    error(at(key), msg(Msg::KeyNotWhole, as_is(key)));
    return std::nullopt;
  }
  if (*i < min || *i > max) {
    error(at(key), msg(Msg::KeyOutOfRangeFromTo, as_is(key), *i, min, max));
    return std::nullopt;
  }
  return i;
}

std::optional<bool> Fields::boolean(const std::string& key) {
  const toml::node* n = get(key, false);
  if (!n) return std::nullopt;
  if (auto b = n->value_exact<bool>()) return b;
  error(at(key), msg(Msg::KeyNotBool, as_is(key)));
  return std::nullopt;
}

std::optional<Date> Fields::date(const std::string& key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (auto d = n->value_exact<toml::date>()) {
    if (!valid_date(d->year, d->month, d->day)) {
      error(at(key), msg(Msg::KeyNotRealDate, as_is(key)));
      return std::nullopt;
    }
    return Date{d->year, d->month, d->day};
  }
  if (auto s = n->value_exact<std::string>()) {
    Message why;
    if (auto d = read_date(*s, &why)) return d;
    error(at(key), msg(Msg::KeyBadDate, as_is(key), as_is(*s), phrase(why)));
    return std::nullopt;
  }
  error(at(key), msg(Msg::KeyNotDate, as_is(key)));
  return std::nullopt;
}

const toml::table* Fields::table(const std::string& key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return nullptr;
  if (const toml::table* t = n->as_table()) return t;
  error(at(key), msg(Msg::KeyNotTable, as_is(key)));
  return nullptr;
}

const toml::array* Fields::array(const std::string& key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return nullptr;
  if (const toml::array* a = n->as_array()) return a;
  error(at(key), msg(Msg::KeyNotArray, as_is(key)));
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
      error(location(node.source(), file_), msg(Msg::KeyEntriesNotTables, as_is(key)));
  }
  return out;
}

std::optional<std::string> Fields::choice(const std::string& key, bool required,
                                          const std::vector<std::string>& choices) {
  auto s = string(key, required);
  if (!s) return std::nullopt;
  for (const auto& c : choices)
    if (c == *s) return s;
  error(at(key), msg(Msg::UnknownChoice, as_is(key), as_is(*s), listed(choices)));
  return std::nullopt;
}

void Fields::finish() {
  for (auto&& [k, v] : table_) {
    std::string key(k.str());
    if (known_.count(key)) continue;
    error(location(k.source(), file_),
          msg(Msg::UnknownKey, as_is(key), phrase(context_),
              listed(std::vector<std::string>(known_.begin(), known_.end()))));
  }
}

}  // namespace sroi::config
