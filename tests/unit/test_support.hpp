// SPDX-License-Identifier: EUPL-1.2
// Helpers shared by the unit tests: the shipped regions, and small builders for inputs.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include "sroi/config/region_set.hpp"
#include "sroi/model/contract.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::test {

/// A message in English, as the command line prints it (tests compare the words).
inline std::string en(const Message& m) { return text::say(m, Lang::En); }
inline std::string en(MsgId id) { return text::word(id, Lang::En); }
inline std::string en(const std::optional<Message>& m) { return m ? en(*m) : std::string(); }
inline std::vector<std::string> en_all(const std::vector<Message>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(en(m));
  return out;
}

/// A problem's message in English, without its place.
inline std::string en(const Diagnostic& d) { return en(d.message); }
/// A problem as the command line prints it: "f.csv, row 7, column End: error: message".
inline std::string en_at(const Diagnostic& d) { return text::say(d, Lang::En); }
/// A problem as editors and `--format json` read it: "f.csv:7:22: error: message".
inline std::string en_editor(const Diagnostic& d) {
  return text::say(d, Lang::En, text::Places::ForEditors);
}
/// What an error says in English; a DataError's problems one per line, each with its place.
inline std::string said(const Error& e) {
  if (const auto* d = dynamic_cast<const DataError*>(&e)) {
    std::string out;
    for (const auto& p : d->diagnostics()) out += (out.empty() ? "" : "\n") + en_at(p);
    return out;
  }
  return en(e.message());
}

/// Runs `fn` and gives back the error of type E it throws, or nothing when it throws none:
///   auto e = test::thrown<DataError>([&] { load(...); });
///   ASSERT_TRUE(e) << "expected DataError";
template <typename E, typename Fn>
std::optional<E> thrown(Fn&& fn) {
  try {
    fn();
  } catch (const E& e) {
    return e;
  }
  return std::nullopt;
}

inline const config::RegionSet& shipped() {
  static const config::RegionSet set = config::RegionSet::load_or_throw(
      std::string(SROI_SOURCE_DIR) + "/regions", std::string(SROI_SOURCE_DIR) + "/buildingblocks");
  return set;
}

/// The shipped region models copied into `dir` + "/regions" with `from` in `file` (a model's
/// file name) replaced by `to` (a coordinator's change), loaded.
inline config::RegionSet changed_regions(const std::string& dir, const std::string& file,
                                         const std::string& from, const std::string& to) {
  std::string regions = dir + "/regions";
  std::filesystem::copy(std::string(SROI_SOURCE_DIR) + "/regions", regions);
  std::string path = regions + "/" + file;
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  std::string changed = text.str();
  auto at = changed.find(from);
  if (at == std::string::npos) throw std::runtime_error(from + " is not in " + path);
  changed.replace(at, from.size(), to);
  std::ofstream(path, std::ios::trunc) << changed;
  return config::RegionSet::load_or_throw(regions,
                                          std::string(SROI_SOURCE_DIR) + "/buildingblocks");
}

/// The shipped region version: "utrecht" (newest) or "utrecht@2019".
inline const Region& region(const std::string& choice) {
  RegionChoice c = config::parse_region_choice(choice);
  return shipped().select(c, Date{2027, 1, 1});
}

inline std::string data(const std::string& rel) { return std::string(SROI_TEST_DATA) + "/" + rel; }

inline Date d(int y, int m, int day) { return Date{y, m, day}; }

inline Contract contract(int64_t euros, Date start, Date end) {
  Contract c;
  c.id = "test";
  c.value = Money::euros(euros);
  c.start = start;
  c.end = end;
  return c;
}

/// 1–4 random contracts C0, C1, … of € 1,000,000, starting on the first of a month in the first
/// half of 2027 and ending on the 28th of a month of 2028: the property tests' registers.
inline std::vector<Contract> random_contracts(std::mt19937& rng) {
  std::vector<Contract> contracts;
  int count = 1 + static_cast<int>(rng() % 4);
  for (int c = 0; c < count; ++c) {
    Contract k = contract(1'000'000, d(2027, 1 + static_cast<int>(rng() % 6), 1),
                          d(2028, 1 + static_cast<int>(rng() % 12), 28));
    k.id = "C" + std::to_string(c);
    contracts.push_back(k);
  }
  return contracts;
}

/// An employment offer line: persons × hours/week × months, optional bonuses.
inline OfferLine employment(const std::string& block, int64_t persons, Ratio hours, Ratio months,
                            std::vector<std::string> bonuses = {}) {
  OfferLine l;
  l.block = block;
  l.quantities.persons = Given<int64_t>{persons, {}};
  l.quantities.hours_per_week = Given<Ratio>{hours, {}};
  l.quantities.months = Given<Ratio>{months, {}};
  for (auto& b : bonuses) l.quantities.bonuses.push_back({b, {}});
  return l;
}

inline OfferLine months_line(const std::string& block, Ratio months) {
  OfferLine l;
  l.block = block;
  l.quantities.months = Given<Ratio>{months, {}};
  return l;
}

inline OfferLine years_line(const std::string& block, Ratio years) {
  OfferLine l;
  l.block = block;
  l.quantities.years = Given<Ratio>{years, {}};
  return l;
}

/// A contract as its contract file states it: Oost-Nederland, Gemeente X, € 1,250,000 over
/// 2027–2028, one werkervaringsplek of 6 months offered by `supplier`.
inline Offer contract_offer(const std::string& id, const std::string& supplier = "S BV") {
  Offer o;
  o.region.id = "oost-nederland";
  o.buyer = "Gemeente X";
  o.supplier = supplier;
  o.contract = contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31));
  o.contract.id = id;
  o.lines.push_back(months_line("werkervaringsplek", Ratio(6)));
  return o;
}

inline OfferLine amount_line(const std::string& block, Money amount) {
  OfferLine l;
  l.block = block;
  l.quantities.amount = Given<Money>{amount, {}};
  return l;
}

inline OfferLine hours_line(const std::string& block, Ratio hours) {
  OfferLine l;
  l.block = block;
  l.quantities.hours = Given<Ratio>{hours, {}};
  return l;
}

inline OfferLine count_line(const std::string& block, int64_t count) {
  OfferLine l;
  l.block = block;
  l.quantities.count = Given<int64_t>{count, {}};
  return l;
}

inline RealisationLine worked(const std::string& candidate, const std::string& block, Date start,
                              Date end, Ratio hours) {
  RealisationLine l;
  l.candidate = candidate;
  l.block = block;
  l.start = start;
  l.end = end;
  l.quantities.hours_per_week = Given<Ratio>{hours, {}};
  return l;
}

}  // namespace sroi::test
