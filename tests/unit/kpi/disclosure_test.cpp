// SPDX-License-Identifier: EUPL-1.2
// Steering figures that cannot be traced back to a person (REFERENCE.md §7), tested as an
// attacker would: from every published figure, differences of a shown total and shown cells
// must never describe 1–4 distinct persons.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "scratch.hpp"
#include "sroi/kpi/kpi.hpp"
#include "sroi/portfolio/import_files.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/kpi/json.hpp"
#include "test_support.hpp"

namespace sroi::kpi {
namespace {

/// One line of a generated register: who worked where, on which Utrecht block, when.
struct Line {
  std::string candidate, contract, block;
  int from_month = 1, to_month = 12;
};
struct Deal {
  std::string id, supplier, buyer;
};

/// A register in Utrecht with `deals` (2027, 5 %) and `lines` imported per contract.
struct Generated : test::ScratchRegister {
  Generated(const std::string& name, const std::vector<Deal>& deals, const std::vector<Line>& lines)
      : ScratchRegister("disclosure-" + name) {
    for (const auto& c : deals)
      portfolio::add_contract_file(
          *reg, test::shipped(),
          write(c.id + ".toml", "region = \"utrecht\"\nbuyer = \"" + c.buyer + "\"\nsupplier = \"" +
                                    c.supplier + "\"\n[contract]\nid = \"" + c.id +
                                    "\"\nvalue = \"1000000\"\npercentage = 5\nstart = "
                                    "2027-01-01\nend = 2027-12-31\n"));
    for (const auto& c : deals) {
      std::string csv = "candidate,block,start,end,hours_per_week\n";
      bool any = false;
      for (const auto& l : lines)
        if (l.contract == c.id) {
          Date a{2027, l.from_month, 1}, b{2027, l.to_month, days_in_month(2027, l.to_month)};
          csv += l.candidate + "," + l.block + "," + a.iso() + "," + b.iso() + ",20\n";
          any = true;
        }
      if (any)
        portfolio::import_file(*reg, test::shipped(), write(c.id + ".csv", csv), c.id,
                               store::ImportMode::Add);
    }
  }
  Report kpi(By by) const {
    return compute(*reg, test::shipped(), test::d(2027, 1, 1), test::d(2027, 12, 31), by, dir());
  }
};

using Persons = std::set<std::string>;

/// The truth an attacker wants: per group and per (group, target group), who is in it.
struct Truth {
  std::map<std::string, Persons> group, total_by_tg;
  std::map<std::pair<std::string, std::string>, Persons> cell;
  Persons total;
  /// Merged: what the sources hid, which stays in the merged total but in no shown cell:
  /// whole groups, the cells of a shown row, the cells of a target group's column.
  Persons hidden_rows;
  std::map<std::string, Persons> hidden_in_row, hidden_in_column;
};

Truth truth_of(const std::vector<Deal>& deals, const std::vector<Line>& lines, By by,
               const std::string& prefix) {
  Truth t;
  const Region& u = test::region("utrecht");
  for (const auto& l : lines) {
    const Deal& c = *std::find_if(deals.begin(), deals.end(),
                                  [&](const Deal& k) { return k.id == l.contract; });
    std::string person = prefix + l.candidate;
    std::string tg = u.find_block(l.block)->maps_to;
    std::vector<std::string> keys;
    switch (by) {
      case By::Supplier:
        keys = {c.supplier};
        break;
      case By::Buyer:
        keys = {c.buyer};
        break;
      case By::Region:
        keys = {"utrecht"};
        break;
      case By::TargetGroup:
        keys = {tg};
        break;
      case By::Block:
        keys = {l.block};
        break;
      case By::Month:
        for (int m = l.from_month; m <= l.to_month; ++m)
          keys.push_back("2027-" + std::string(m < 10 ? "0" : "") + std::to_string(m));
        break;
    }
    t.total.insert(person);
    t.total_by_tg[tg].insert(person);
    for (const auto& k : keys) {
      t.group[k].insert(person);
      t.cell[{k, tg}].insert(person);
    }
  }
  return t;
}

/// How many distinct persons the sets hold together.
std::size_t people(const std::vector<const Persons*>& sets) {
  Persons all;
  for (const auto* s : sets) all.insert(s->begin(), s->end());
  return all.size();
}

/// Checks one published file: every shown figure and every difference of a shown total minus
/// any choice of shown cells describes 0 or at least 5 distinct persons. Returns the findings.
std::vector<std::string> attack(const nlohmann::json& j, const Truth& t) {
  std::vector<std::string> found;
  auto bad = [](std::size_t n) { return n > 0 && n < static_cast<std::size_t>(kMinCandidates); };
  static const Persons none;
  auto at = [&](const auto& map, const auto& key) -> const Persons& {
    auto it = map.find(key);
    return it == map.end() ? none : it->second;
  };
  // Every subset of the shown cells subtracted from the total leaves the hidden cells and the
  // rest of the shown ones: their persons together.
  auto differences = [&](const std::string& what, const std::vector<const Persons*>& shown,
                         const std::vector<const Persons*>& hidden) {
    for (const auto* s : shown)
      if (bad(s->size())) found.push_back(what + ": a shown cell of " + std::to_string(s->size()));
    std::size_t n = shown.size() > 12 ? 12 : shown.size();
    for (std::size_t mask = 0; mask < (std::size_t{1} << n); ++mask) {
      std::vector<const Persons*> left = hidden;
      for (std::size_t k = 0; k < n; ++k)
        if (!(mask & (std::size_t{1} << k))) left.push_back(shown[k]);
      for (std::size_t k = n; k < shown.size(); ++k) left.push_back(shown[k]);
      std::size_t p = people(left);
      if (bad(p)) found.push_back(what + ": a difference of " + std::to_string(p) + " persons");
    }
  };
  const auto& total = j["total"];
  if (total["suppressed"].get<bool>()) {
    for (const auto& g : j["groups"])
      if (!g["suppressed"].get<bool>()) found.push_back("a group shown under a hidden total");
    return found;
  }
  // The groups against the total.
  std::vector<const Persons*> shown, hidden;
  for (const auto& g : j["groups"]) {
    const Persons& p = at(t.group, g["key"].get<std::string>());
    (g["suppressed"].get<bool>() ? hidden : shown).push_back(&p);
  }
  hidden.push_back(&t.hidden_rows);
  differences("groups", shown, hidden);
  // Each shown row's breakdown by target group against its placements.
  auto breakdown = [&](const nlohmann::json& f, const std::string& key, bool is_total) {
    std::vector<const Persons*> s, h;
    for (const auto& [tg, v] : f["placements_by_target_group"].items()) {
      const Persons& p = is_total ? at(t.total_by_tg, tg) : at(t.cell, std::pair(key, tg));
      (v.is_number_integer() ? s : h).push_back(&p);
    }
    if (!is_total) h.push_back(&at(t.hidden_in_row, key));
    differences("breakdown of " + key, s, h);
  };
  for (const auto& g : j["groups"])
    if (!g["suppressed"].get<bool>()) breakdown(g, g["key"].get<std::string>(), false);
  breakdown(total, "the total", true);
  // Each target group down the groups against the total's entry.
  for (const auto& [tg, v] : total["placements_by_target_group"].items()) {
    if (!v.is_number_integer()) continue;
    std::vector<const Persons*> s, h;
    for (const auto& g : j["groups"]) {
      const Persons& p = at(t.cell, std::pair(g["key"].get<std::string>(), tg));
      if (p.empty()) continue;
      bool cell_shown = !g["suppressed"].get<bool>() &&
                        g["placements_by_target_group"].contains(tg) &&
                        g["placements_by_target_group"][tg].is_number_integer();
      (cell_shown ? s : h).push_back(&p);
    }
    h.push_back(&at(t.hidden_in_column, tg));
    differences("target group " + tg, s, h);
  }
  return found;
}

/// What the merged figures describe: per shown group and cell only the persons of the sources
/// that showed it; what a source hid stays behind in the merged total.
void add_source(Truth& both, const nlohmann::json& file, const Truth& t) {
  static const Persons none;
  auto at = [&](const auto& map, const auto& key) -> const Persons& {
    auto it = map.find(key);
    return it == map.end() ? none : it->second;
  };
  both.total.insert(t.total.begin(), t.total.end());
  for (const auto& [k, p] : t.total_by_tg) both.total_by_tg[k].insert(p.begin(), p.end());
  for (const auto& g : file["groups"]) {
    std::string key = g["key"].get<std::string>();
    bool shown = !g["suppressed"].get<bool>();
    const Persons& p = at(t.group, key);
    (shown ? both.group[key] : both.hidden_rows).insert(p.begin(), p.end());
    for (const auto& [cell, q] : t.cell) {
      if (cell.first != key) continue;
      const std::string& tg = cell.second;
      bool cell_shown = shown && g["placements_by_target_group"].contains(tg) &&
                        g["placements_by_target_group"][tg].is_number_integer();
      if (cell_shown) {
        both.cell[cell].insert(q.begin(), q.end());
      } else {
        both.hidden_in_column[tg].insert(q.begin(), q.end());
        if (shown) both.hidden_in_row[key].insert(q.begin(), q.end());
      }
    }
  }
}

nlohmann::json published(const Report& r) {
  std::ostringstream out;
  write_json(out, r);
  return nlohmann::json::parse(out.str());
}

/// A random small register: 3–6 contracts of up to 4 suppliers and 3 buyers, 6–24 candidates
/// with 1–3 lines each on Utrecht's employment blocks.
std::pair<std::vector<Deal>, std::vector<Line>> random_register(std::mt19937& rng) {
  std::vector<Deal> deals;
  int nc = 3 + static_cast<int>(rng() % 4);
  for (int c = 0; c < nc; ++c)
    deals.push_back({"C" + std::to_string(c), "S" + std::to_string(rng() % 4),
                     "B" + std::to_string(rng() % 3)});
  const char* blocks[] = {"participatiewet", "ww", "wia-wao", "nug", "doelgroepregister"};
  std::vector<Line> lines;
  int people = 6 + static_cast<int>(rng() % 19);
  for (int k = 0; k < people; ++k) {
    int n = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) {
      Line l;
      l.candidate = "K" + std::to_string(k);
      l.contract = deals[rng() % deals.size()].id;
      l.block = blocks[rng() % 5];
      l.from_month = 1 + static_cast<int>(rng() % 12);
      l.to_month =
          l.from_month + static_cast<int>(rng() % static_cast<unsigned>(13 - l.from_month));
      lines.push_back(l);
    }
  }
  return {deals, lines};
}

}  // namespace

TEST(KpiDisclosure, OnePersonInFiveHiddenGroupsIsNotFivePersons) {
  // The reproduction: supplier A has 6 candidates; one person, P, works for suppliers
  // B..F (one line each). B..F each hold 1 person: hidden. Adding their counts gave 5, so
  // nothing more was hidden and total − A was P's complete record. Counted as distinct
  // persons the five hidden groups hold 1: A must be hidden too (then they hold 7).
  std::vector<Deal> deals = {{"CA", "A", "B1"}, {"CB", "B", "B1"}, {"CC", "C", "B1"},
                             {"CD", "D", "B1"}, {"CE", "E", "B1"}, {"CF", "F", "B1"}};
  std::vector<Line> lines;
  for (int k = 1; k <= 6; ++k) lines.push_back({"K" + std::to_string(k), "CA", "ww", 1, 12});
  for (const char* c : {"CB", "CC", "CD", "CE", "CF"}) lines.push_back({"P", c, "ww", 1, 12});
  Generated reg("one-in-five", deals, lines);
  Report r = reg.kpi(By::Supplier);
  for (const auto& g : r.groups) EXPECT_TRUE(g.f.suppressed) << g.key;
  EXPECT_EQ(r.total.candidates, 7);
  EXPECT_TRUE(attack(published(r), truth_of(deals, lines, By::Supplier, "")).empty());
}

TEST(KpiDisclosure, TheTotalsBreakdownIsAColumnTotalToo) {
  // Supplier H: 5 persons on ww and 5 on participatiewet; supplier J: 3 on ww and 6 on
  // participatiewet. J's ww (3) is hidden, and so J's participatiewet (a row needs two hidden
  // cells). The total's ww entry (8) minus H's ww (5) would give J's 3: H's ww must be hidden
  // as well, and then H's participatiewet.
  std::vector<Deal> deals = {{"CH", "H", "B1"}, {"CJ", "J", "B1"}};
  std::vector<Line> lines;
  for (int k = 0; k < 5; ++k) lines.push_back({"H" + std::to_string(k), "CH", "ww", 1, 12});
  for (int k = 0; k < 5; ++k)
    lines.push_back({"HP" + std::to_string(k), "CH", "participatiewet", 1, 12});
  for (int k = 0; k < 3; ++k) lines.push_back({"J" + std::to_string(k), "CJ", "ww", 1, 12});
  for (int k = 0; k < 6; ++k)
    lines.push_back({"JP" + std::to_string(k), "CJ", "participatiewet", 1, 12});
  Generated reg("column", deals, lines);
  Report r = reg.kpi(By::Supplier);
  ASSERT_EQ(r.total.by_target_group.at("ww"), 8);  // the total's breakdown stays shown
  for (const char* s : {"H", "J"}) {
    const Figures* f = nullptr;
    for (const auto& g : r.groups)
      if (g.key == s) f = &g.f;
    ASSERT_TRUE(f);
    EXPECT_TRUE(f->suppressed || f->target_groups_suppressed.count("ww")) << s;
  }
  auto found = attack(published(r), truth_of(deals, lines, By::Supplier, ""));
  EXPECT_TRUE(found.empty()) << found.front();
}

TEST(KpiDisclosure, NoPublishedFigureDescribesOneToFourPersonsAttackerTest) {
  // Random small registers, every grouping, each register's file and the two merged: from
  // every published figure, every difference of a shown total and shown cells (rows, each
  // row's breakdown, each target group down the groups) must hold 0 or at least 5 distinct
  // persons, counted from the generated lines themselves.
  std::mt19937 rng(7);
  const By groupings[] = {By::Supplier,    By::Buyer, By::Region,
                          By::TargetGroup, By::Block, By::Month};
  for (int round = 0; round < 12; ++round) {
    auto [deals_a, lines_a] = random_register(rng);
    auto [deals_b, lines_b] = random_register(rng);
    Generated a("a" + std::to_string(round), deals_a, lines_a);
    Generated b("b" + std::to_string(round), deals_b, lines_b);
    for (By by : groupings) {
      std::string where = "round " + std::to_string(round) + " by " + by_id(by);
      Report ra = a.kpi(by), rb = b.kpi(by);
      Truth ta = truth_of(deals_a, lines_a, by, "a:"), tb = truth_of(deals_b, lines_b, by, "b:");
      for (const auto& f : attack(published(ra), ta)) ADD_FAILURE() << where << ": " << f;
      for (const auto& f : attack(published(rb), tb)) ADD_FAILURE() << where << ": " << f;
      // Merged as kpi merge does: from the files, read back.
      std::string fa = a.write("a.json", ""), fb = b.write("b.json", "");
      std::ofstream(fa) << published(ra).dump();
      std::ofstream(fb) << published(rb).dump();
      Report m = merge({read_json(fa), read_json(fb)}, {fa, fb});
      Truth both;  // the two registers hold different people
      add_source(both, published(ra), ta);
      add_source(both, published(rb), tb);
      for (const auto& f : attack(published(m), both)) ADD_FAILURE() << where << " merged: " << f;
    }
  }
}

}  // namespace sroi::kpi
