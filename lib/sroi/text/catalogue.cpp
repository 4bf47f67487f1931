// SPDX-License-Identifier: EUPL-1.2
#include "sroi/text/catalogue.hpp"

#include <cstdio>
#include <ctime>

#include "sroi/error.hpp"
#include "sroi/msg/text.hpp"

namespace sroi::text {
namespace {

/// The separator of thousands a reader writes: a point in Dutch, a comma in English.
char thousands(Lang lang) { return lang == Lang::Nl ? '.' : ','; }

/// A decimal ("6485181.9", "-0.5", "0.9027…") as the reader writes it: a decimal comma in
/// Dutch, and a whole part of five digits or more in groups of three ("6.485.181,9",
/// "6,485,181.9").
std::string localise_decimal(std::string s, Lang lang) {
  std::size_t first = s.empty() || s[0] != '-' ? 0 : 1;
  std::size_t end = first;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  if (lang == Lang::Nl)
    for (std::size_t i = end; i < s.size(); ++i)
      if (s[i] == '.') s[i] = ',';
  if (end - first >= 5)
    s.replace(first, end - first,
              digits_grouped(std::stoull(s.substr(first, end - first)), thousands(lang)));
  return s;
}

struct UnitWords {
  const char *one, *many;
};

UnitWords unit_words(Counted what, Lang lang) {
  bool nl = lang == Lang::Nl;
  switch (what) {
    case Counted::Months:
      return nl ? UnitWords{"maand", "maanden"} : UnitWords{"month", "months"};
    case Counted::Years:
      return nl ? UnitWords{"jaar", "jaar"} : UnitWords{"year", "years"};
    case Counted::Hours:
      return nl ? UnitWords{"uur", "uur"} : UnitWords{"hour", "hours"};
    case Counted::Activities:
      return nl ? UnitWords{"activiteit", "activiteiten"} : UnitWords{"activity", "activities"};
    case Counted::Persons:
      return nl ? UnitWords{"persoon", "personen"} : UnitWords{"person", "persons"};
    case Counted::Days:
      return nl ? UnitWords{"dag", "dagen"} : UnitWords{"day", "days"};
    case Counted::Lines:
      return nl ? UnitWords{"regel", "regels"} : UnitWords{"line", "lines"};
    case Counted::Problems:
      return nl ? UnitWords{"probleem", "problemen"} : UnitWords{"problem", "problems"};
    case Counted::Contracts:
      return nl ? UnitWords{"contract", "contracten"} : UnitWords{"contract", "contracts"};
    case Counted::RegionFiles:
      return nl ? UnitWords{"regiobestand", "regiobestanden"}
                : UnitWords{"region file", "region files"};
    case Counted::Files:
      return nl ? UnitWords{"bestand", "bestanden"} : UnitWords{"file", "files"};
    case Counted::Rows:
      return nl ? UnitWords{"rij", "rijen"} : UnitWords{"row", "rows"};
    case Counted::Blocks:
      return nl ? UnitWords{"bouwblok", "bouwblokken"} : UnitWords{"block", "blocks"};
    case Counted::Entries:
      return nl ? UnitWords{"ingang", "ingangen"} : UnitWords{"entry", "entries"};
    case Counted::Imports:
      return nl ? UnitWords{"import", "imports"} : UnitWords{"import", "imports"};
    case Counted::EarlierImports:
      return nl ? UnitWords{"eerdere import", "eerdere imports"}
                : UnitWords{"earlier import", "earlier imports"};
    case Counted::Regions:
      return nl ? UnitWords{"regio", "regio's"} : UnitWords{"region", "regions"};
    case Counted::Offers:
      return nl ? UnitWords{"aanbieding", "aanbiedingen"} : UnitWords{"offer", "offers"};
    case Counted::RedCells:
      return nl ? UnitWords{"rode cel", "rode cellen"} : UnitWords{"red cell", "red cells"};
    case Counted::Mails:
      return nl ? UnitWords{"herinnering", "herinneringen"} : UnitWords{"reminder", "reminders"};
  }
  return {"", ""};
}

}  // namespace

std::span<const std::span<const Entry>> catalogue() { return message_areas(); }

const Entry& entry(MsgId id) {
  auto areas = message_areas();
  if (id.area >= areas.size() || id.index >= areas[id.area].size())
    throw Error(msg(Msg::Value, as_is("message id out of range")));
  return areas[id.area][id.index];
}

const char* word(MsgId id, Lang lang) {
  const Entry& e = entry(id);
  return lang == Lang::Nl ? e.nl : e.en;
}

std::string local_time(const std::string& utc, Lang lang) {
  std::tm tm{};
  const char* end = strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end != '\0') return utc;
  std::time_t t = timegm(&tm);
  std::tm local{};
  localtime_r(&t, &local);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", local.tm_hour, local.tm_min);
  Date day{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
  return say(Arg(day), lang) + " " + hm;
}

/// A whole number as the reader writes it: from five digits on in groups of three ("10.000"
/// in Dutch, "10,000" in English); up to 9999 without ("2027 regels").
std::string whole_number(int64_t n, Lang lang) {
  if (n > -10000 && n < 10000) return std::to_string(n);
  uint64_t size = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  return (n < 0 ? "-" : "") + digits_grouped(size, thousands(lang));
}

std::string amount(const Ratio& n, Counted what, Lang lang) {
  UnitWords w = unit_words(what, lang);
  if (n == Ratio(1)) return std::string("1 ") + w.one;
  if (n.den() == 1) return whole_number(n.num(), lang) + " " + w.many;
  return localise_decimal(n.decimal(4), lang) + " " + w.many;
}

std::string say(const Arg& a, Lang lang) {
  struct Visitor {
    Lang lang;
    std::string operator()(const Verbatim& v) const {
      return lang == Lang::Nl && !v.nl.empty() ? v.nl : v.text;
    }
    std::string operator()(int64_t n) const { return std::to_string(n); }
    std::string operator()(Count c) const { return whole_number(c.n, lang); }
    std::string operator()(Money m) const { return format_eur(m); }
    // Dutch as a Dutch reader writes a day ("31-12-2027"), English in ISO form.
    std::string operator()(const Date& d) const {
      if (lang == Lang::En) return d.iso();
      return std::to_string(d.day) + "-" + std::to_string(d.month) + "-" + std::to_string(d.year);
    }
    std::string operator()(const Decimal& d) const {
      return localise_decimal(d.n.decimal(d.places), lang);
    }
    std::string operator()(const Fraction& f) const { return f.n.str(); }
    std::string operator()(const Percent& p) const {
      return localise_decimal(p.n.decimal(4), lang) + " %";
    }
    std::string operator()(const Amount& a) const { return amount(a.n, a.what, lang); }
    std::string operator()(const Phrase& p) const {
      return p.message ? say(*p.message, lang) : std::string();
    }
    std::string operator()(const PhraseList& l) const {
      std::string out;
      const char* join = l.join == PhraseList::Join::Times       ? " × "
                         : l.join == PhraseList::Join::Space     ? " "
                         : l.join == PhraseList::Join::Semicolon ? "; "
                                                                 : ", ";
      const char* last = l.join == PhraseList::Join::And  ? (lang == Lang::Nl ? " en " : " and ")
                         : l.join == PhraseList::Join::Or ? (lang == Lang::Nl ? " of " : " or ")
                                                          : join;
      for (std::size_t i = 0; i < l.items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == l.items.size() ? last : join) + say(l.items[i], lang);
      return out;
    }
  };
  return std::visit(Visitor{lang}, a);
}

std::string say(const Message& m, Lang lang) {
  const Entry& e = entry(m.id);
  std::string_view t = lang == Lang::Nl ? e.nl : e.en;
  std::string out;
  out.reserve(t.size() + 16);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '{') {
      std::size_t close = t.find('}', i);
      if (close != std::string_view::npos && close > i + 1) {
        std::size_t n = 0;
        bool digits = true;
        for (std::size_t k = i + 1; k < close; ++k) {
          if (t[k] < '0' || t[k] > '9') digits = false;
          n = n * 10 + static_cast<std::size_t>(t[k] - '0');
        }
        if (digits) {
          if (n < m.args.size()) out += say(m.args[n], lang);
          i = close;
          continue;
        }
      }
    }
    out += t[i];
  }
  return out;
}

std::string say(const Diagnostic& d, Lang lang, Places places) {
  std::string where = d.where.str();
  if (where.empty()) return say(msg(Msg::DiagnosticNowhere, phrase(d.message)), lang);
  Message at = places == Places::ForEditors ? msg(Msg::Value, as_is(where)) : place(d.where);
  return say(msg(Msg::DiagnosticAt, phrase(std::move(at)), phrase(d.message)), lang);
}

const char* unit_name(Unit unit, Lang lang) { return word(unit_word(unit), lang); }

}  // namespace sroi::text
