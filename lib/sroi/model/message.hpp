// SPDX-License-Identifier: EUPL-1.2
// What the library says, as facts: a message id with typed arguments. The words (Dutch and
// English) are in lib/sroi/text; nothing below lib/sroi/report and lib/sroi/text builds a
// sentence.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "sroi/model/date.hpp"
#include "sroi/model/message_id.hpp"
#include "sroi/model/money.hpp"
#include "sroi/model/ratio.hpp"
#include "sroi/msg/base.hpp"

namespace sroi {

/// A count with what it counts: "1 year", "1.5 years", "3 maanden".
enum class Counted : std::uint8_t {
  Months,
  Years,
  Hours,
  Activities,
  Persons,
  Days,
  Lines,
  Problems,
  Contracts,
  RegionFiles,
  Files,
  Rows,
  Blocks,
  Entries,
  Imports,
  EarlierImports,
  Regions,
  Offers,
  RedCells,
  Mails
};

struct Message;

/// A Ratio shown as a decimal of at most `places` digits ("0.6666…", "24", "1.5").
struct Decimal {
  Ratio n;
  int places = 4;
  bool operator==(const Decimal&) const = default;
};
/// A Ratio shown as a fraction ("2/3").
struct Fraction {
  Ratio n;
  bool operator==(const Fraction&) const = default;
};
/// A Ratio shown as a percentage ("5 %").
struct Percent {
  Ratio n;
  bool operator==(const Percent&) const = default;
};
/// A count with its unit.
struct Amount {
  Ratio n;
  Counted what = Counted::Months;
  bool operator==(const Amount&) const = default;
};
/// A whole number of things (candidates, lines, rows): from five digits on grouped by
/// thousands as the reader writes them ("144.330", "144,330"). Ids, row numbers and versions
/// stay plain int64_t, as a reader types them back.
struct Count {
  int64_t n = 0;
  bool operator==(const Count&) const = default;
};
/// Text given as is: an id, a name, a file place, a label from the region model. A name the
/// model gives in both languages carries its Dutch form in `nl` (said to a Dutch reader).
struct Verbatim {
  std::string text;
  std::string nl;
  bool operator==(const Verbatim&) const = default;
};
/// A message inside a message ("stops at {the contract end}").
struct Phrase {
  std::shared_ptr<const Message> message;
  bool operator==(const Phrase& o) const;
};
/// Several messages in a row: "a, b, c" or, for the factors of a formula, "a × b × c".
struct PhraseList {
  /// Comma: "a, b, c"; Times: "a × b × c"; And: "a, b and c" ("a, b en c"); Space: sentences;
  /// Semicolon: "a; b"; Or: "a, b or c" ("a, b of c").
  enum class Join : std::uint8_t { Comma, Times, And, Space, Semicolon, Or } join = Join::Comma;
  std::vector<Message> items;
  bool operator==(const PhraseList&) const = default;
};

using Arg = std::variant<Verbatim, int64_t, Count, Money, Date, Decimal, Fraction, Percent, Amount,
                         Phrase, PhraseList>;

struct Message {
  MsgId id = Msg::Value;  ///< with no arguments: nothing
  std::vector<Arg> args;
  bool operator==(const Message&) const = default;
};

inline bool Phrase::operator==(const Phrase& o) const {
  if (!message || !o.message) return message == o.message;
  return *message == *o.message;
}

/// Building a message: msg(Msg::BonusAdded, money, as_is("plus-50"), as_is(name)).
inline Verbatim as_is(std::string s) { return Verbatim{std::move(s), {}}; }
/// A name given in English and, where known, in Dutch: each reader gets their own.
inline Verbatim named(std::string en, std::string nl) {
  return Verbatim{std::move(en), std::move(nl)};
}
inline Phrase phrase(Message m) { return Phrase{std::make_shared<const Message>(std::move(m))}; }
/// One value on its own as a message ("{0}"): a figure or a name shown as it is.
inline Message value_message(Arg a) { return Message{Msg::Value, {std::move(a)}}; }
/// Ids as alternatives: "'a' or 'b'" ("'a' of 'b'").
inline PhraseList quoted_or(const std::vector<std::string>& items) {
  PhraseList l{PhraseList::Join::Or, {}};
  for (const auto& i : items) l.items.push_back(Message{Msg::Quoted, {as_is(i)}});
  return l;
}

/// Ids or names as a list: "a, b, c".
inline PhraseList listed(const std::vector<std::string>& items) {
  PhraseList l;
  for (const auto& i : items) l.items.push_back(Message{Msg::Value, {as_is(i)}});
  return l;
}
template <typename... A>
Message msg(MsgId id, A&&... args) {
  Message m{id, {}};
  m.args.reserve(sizeof...(A));
  (m.args.emplace_back(std::forward<A>(args)), ...);
  return m;
}

}  // namespace sroi
