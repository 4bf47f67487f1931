// SPDX-License-Identifier: EUPL-1.2
// What the tests of figures that follow the data share: a register of three sample contracts
// with random files of lines for them, and the checks that its stored figures equal a fresh
// valuation of every line.
#pragma once

#include <gtest/gtest.h>

#include <mutex>
#include <random>
#include <sstream>

#include "scratch.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/portfolio/import_files.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "test_support.hpp"

namespace sroi::portfolio {

inline const char* const kContracts[] = {"ON-2027-001", "ON-2027-002", "U-2027-003"};

/// Every line value an observer sees, by line id: what kpi gathers its figures from.
class Seen : public LineObserver {
 public:
  std::map<int64_t, std::pair<int64_t, bool>> values;
  void start(const std::vector<ContractStatus>&, std::size_t) override {}
  void candidate(std::size_t, const std::vector<LineInput>& lines,
                 std::span<const LineResult> results, const std::vector<std::size_t>&) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (std::size_t k = 0; k < lines.size(); ++k)
      values[lines[k].seq] = {results[k].value.cents(), results[k].provisional};
  }

 private:
  std::mutex mu_;
};

struct FiguresFixture : test::ScratchRegister {
  std::mt19937 rng;
  int files = 0;
  explicit FiguresFixture(const std::string& name, unsigned seed)
      : ScratchRegister("figures-" + name), rng(seed) {
    KeepFigures keep(*reg, test::shipped(), Date{2027, 6, 30});
    for (const char* c : kContracts)
      add_contract_file(
          *reg, test::shipped(),
          std::string(SROI_SOURCE_DIR) + "/samples/register/contracts/" + c + ".toml");
  }
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

  /// A file of 1–6 random lines for a contract: a dozen candidates shared by the contracts
  /// (so hours are shared and counting periods consumed across them), or with `own` a dozen
  /// that work for this contract only; dates inside the contract, some running past its end.
  std::string random_file(const std::string& contract, bool own = false) {
    bool utrecht = contract[0] == 'U';
    Date start = contract == "ON-2027-002" ? Date{2027, 4, 1} : Date{2027, 1, 1};
    Date end = contract == "ON-2027-001"   ? Date{2028, 12, 31}
               : contract == "ON-2027-002" ? Date{2028, 3, 31}
                                           : Date{2027, 12, 31};
    std::ostringstream csv;
    csv << "candidate,block,start,end,hours_per_week,amount\n";
    int n = pick(1, 8);
    for (int i = 0; i < n; ++i) {
      Date from = start.add_days(
          pick(0, static_cast<int>(end.days_since_epoch() - start.days_since_epoch() - 1)));
      Date to = std::min(from.add_days(pick(20, 500)), end.add_days(40));
      std::string candidate =
          (own ? "Q-" + contract + "-" : std::string("P-")) + std::to_string(pick(1, 12));
      int kind = pick(0, 2);
      std::string block = utrecht ? (kind == 0 ? "social-purchasing" : "participatiewet")
                                  : (kind == 0   ? "werkervaringsplek"
                                     : kind == 1 ? "participatiewet-gt2"
                                                 : "ww-gt1");
      std::string hours = block == "werkervaringsplek" || block == "social-purchasing"
                              ? ""
                              : std::to_string(pick(8, 40));
      std::string amount = block == "social-purchasing" ? std::to_string(pick(100, 5000)) : "";
      if (block == "social-purchasing") to = std::min(from, end);
      csv << candidate << "," << block << "," << from.iso() << "," << to.iso() << "," << hours
          << "," << amount << "\n";
    }
    return write("f" + std::to_string(++files) + ".csv", csv.str());
  }
};

/// Status from the stored figures against a fresh valuation of every line, on `day`; with
/// `notes`, also each row's notes made a part at a time against the whole register's.
inline void expect_same_status(const store::Register& reg, const config::RegionSet& regions,
                               const Date& day, const std::string& step, bool notes_too = false) {
  StatusOptions stored, fresh;
  stored.as_of = fresh.as_of = day;
  fresh.fresh = true;
  Seen seen_stored, seen_fresh;
  StatusOptions observed = stored, observed_fresh = fresh;
  observed.observer = &seen_stored;
  observed_fresh.observer = &seen_fresh;
  for (const auto& [a, b] : {std::pair{stored, fresh}, std::pair{observed, observed_fresh}}) {
    auto x = compute_status(reg, regions, a);
    auto y = compute_status(reg, regions, b);
    ASSERT_EQ(x.size(), y.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      SCOPED_TRACE(step + ", " + x[i].record.contract.id + " as of " + day.iso());
      EXPECT_EQ(x[i].realised, y[i].realised);
      EXPECT_EQ(x[i].lines, y[i].lines);
      EXPECT_EQ(x[i].reduced, y[i].reduced);
      EXPECT_EQ(x[i].provisional, y[i].provisional);
      EXPECT_EQ(x[i].problems.size(), y[i].problems.size());
      EXPECT_EQ(x[i].forecast, y[i].forecast);
    }
  }
  // The observer (kpi) sees the same value for every line, stored or fresh.
  EXPECT_EQ(seen_stored.values, seen_fresh.values) << step << " as of " << day.iso();
  // And one contract alone is what the whole register gives it.
  for (const char* c : kContracts) {
    StatusOptions one = stored;
    one.filter.contract = c;
    auto x = compute_status(reg, regions, one);
    auto y = compute_status(reg, regions, fresh);
    for (const auto& s : y)
      if (s.record.contract.id == c) {
        ASSERT_EQ(x.size(), 1u);
        EXPECT_EQ(x[0].realised, s.realised) << step << ", " << c << " alone";
        EXPECT_EQ(x[0].lines, s.lines) << step << ", " << c << " alone";
      }
  }
  if (!notes_too) return;
  // The notes made a part at a time (add_notes: what `status --explain` prints, here a part
  // per contract, so that a candidate on two contracts is valued in each part) are those of one
  // valuation of the whole register with notes, row for row.
  StatusOptions notes = stored;
  notes.notes = true;
  auto whole = compute_status(reg, regions, notes);
  auto parts = compute_status(reg, regions, stored);
  ASSERT_EQ(whole.size(), parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    SCOPED_TRACE(step + ", notes of " + parts[i].record.contract.id + " as of " + day.iso());
    ASSERT_EQ(add_notes(reg, regions, notes, std::span<ContractStatus>(parts).subspan(i, 1)), 1u);
    EXPECT_EQ(parts[i].record.contract.id, whole[i].record.contract.id);
    EXPECT_EQ(parts[i].realised, whole[i].realised);
    EXPECT_EQ(parts[i].lines, whole[i].lines);
    EXPECT_EQ(parts[i].reduced, whole[i].reduced);
    EXPECT_EQ(parts[i].offered, whole[i].offered);
    EXPECT_EQ(parts[i].risks.size(), whole[i].risks.size());
    std::vector<std::string> a, b;
    for (const auto& m : parts[i].reductions) a.push_back(test::en(m));
    for (const auto& m : whole[i].reductions) b.push_back(test::en(m));
    EXPECT_EQ(a, b);
    a.clear();
    b.clear();
    for (const auto& d : parts[i].problems) a.push_back(test::en(d.message));
    for (const auto& d : whole[i].problems) b.push_back(test::en(d.message));
    EXPECT_EQ(a, b);
  }
}

inline void expect_check_clean(const store::Register& reg, const config::RegionSet& regions,
                               const std::string& step) {
  FiguresCheck check = check_figures(reg, regions);
  ASSERT_TRUE(check.day) << step;
  for (const auto& m : check.differences) ADD_FAILURE() << step << ": " << test::en(m);
}

}  // namespace sroi::portfolio
