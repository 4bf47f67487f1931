// SPDX-License-Identifier: EUPL-1.2
// Reporting deadlines (issue 27): calendar periods cut to the contract's term, the terms'
// precedence, and each period's state on a day. The rule: a period's report is due its last day
// plus the days of grace; a hand-in (an import not taken out) on or after the last day reports
// it, late when after the deadline.
#include "sroi/manage/deadlines.hpp"

#include <gtest/gtest.h>

#include "scratch.hpp"
#include "sroi/manage/due.hpp"
#include "sroi/manage/settlement.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "test_support.hpp"

namespace sroi::manage {
namespace {

using test::d;

Contract term(Date start, Date end) {
  Contract c = test::contract(1'250'000, start, end);
  c.id = "C";
  return c;
}

ReportingTerms every(ReportEvery e, int grace) {
  ReportingTerms t;
  t.every = e;
  t.grace_days = grace;
  return t;
}

}  // namespace

TEST(Deadlines, QuartersFollowTheCalendarCutToTheTerm) {
  // 15-2-2027 .. 30-11-2027, quarterly, 30 days: Q1 runs from the start to 31-3 (due 31-3 + 30
  // = 30-4), Q2 1-4..30-6 (due 30-7), Q3 1-7..30-9 (due 30-10), Q4 1-10 to the end 30-11 (due
  // 30-12).
  auto p = report_periods(term(d(2027, 2, 15), d(2027, 11, 30)), every(ReportEvery::Quarter, 30));
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].first, d(2027, 2, 15));
  EXPECT_EQ(p[0].last, d(2027, 3, 31));
  EXPECT_EQ(p[0].deadline, d(2027, 4, 30));
  EXPECT_EQ(p[0].number, 1);
  EXPECT_EQ(p[1].first, d(2027, 4, 1));
  EXPECT_EQ(p[1].deadline, d(2027, 7, 30));
  EXPECT_EQ(p[2].deadline, d(2027, 10, 30));
  EXPECT_EQ(p[3].number, 4);
  EXPECT_EQ(p[3].last, d(2027, 11, 30));
  EXPECT_EQ(p[3].deadline, d(2027, 12, 30));
}

TEST(Deadlines, HalfYearsAndYearsAcrossTheTurnOfTheYear) {
  // 1-1-2027 .. 30-6-2028: half-years H1 2027, H2 2027, H1 2028 (due 30-6-2028 + 14 =
  // 14-7-2028); years 2027 (due 31-12-2027 + 14 = 14-1-2028) and 2028 cut at 30-6.
  Contract c = term(d(2027, 1, 1), d(2028, 6, 30));
  auto half = report_periods(c, every(ReportEvery::HalfYear, 14));
  ASSERT_EQ(half.size(), 3u);
  EXPECT_EQ(half[1].first, d(2027, 7, 1));
  EXPECT_EQ(half[1].number, 2);
  EXPECT_EQ(half[2].year, 2028);
  EXPECT_EQ(half[2].deadline, d(2028, 7, 14));
  auto year = report_periods(c, every(ReportEvery::Year, 14));
  ASSERT_EQ(year.size(), 2u);
  EXPECT_EQ(year[0].deadline, d(2028, 1, 14));
  EXPECT_EQ(year[1].last, d(2028, 6, 30));
}

TEST(Deadlines, TheContractsTermsBeforeTheRegionsBeforeTheConvention) {
  Contract c = term(d(2027, 1, 1), d(2027, 12, 31));
  Region r;
  ReportingTerms none = reporting_terms(c, &r);  // neither says: quarterly, 30 days
  EXPECT_EQ(none.every, ReportEvery::Quarter);
  EXPECT_EQ(none.grace_days, 30);
  EXPECT_EQ(none.every_from, TermsFrom::Convention);
  r.reporting = ReportingRule{ReportEvery::HalfYear, 45, false, {}};
  ReportingTerms region = reporting_terms(c, &r);
  EXPECT_EQ(region.every, ReportEvery::HalfYear);
  EXPECT_EQ(region.grace_days, 45);
  EXPECT_EQ(region.grace_from, TermsFrom::Region);
  c.grace_days = 10;  // the contract's grace, the region's rhythm
  ReportingTerms mixed = reporting_terms(c, &r);
  EXPECT_EQ(mixed.every, ReportEvery::HalfYear);
  EXPECT_EQ(mixed.grace_days, 10);
  EXPECT_EQ(mixed.grace_from, TermsFrom::Contract);
  EXPECT_EQ(mixed.every_from, TermsFrom::Region);
}

TEST(Deadlines, EachPeriodsStateOnTheDay) {
  // 2027 quarterly, 30 days; hand-ins on 10-4 and 15-8 (and one on 1-12, after the day).
  // On 15-11: Q1 (ends 31-3, due 30-4) reported on 10-4 in time; Q2 (ends 30-6, due 30-7)
  // reported by 15-8, late; Q3 (ends 30-9, due 30-10) nothing since 30-9: overdue; Q4 runs.
  auto periods =
      report_periods(term(d(2027, 1, 1), d(2027, 12, 31)), every(ReportEvery::Quarter, 30));
  std::vector<Date> hand_ins = {d(2027, 12, 1), d(2027, 8, 15), d(2027, 4, 10)};
  auto r = assess_reports(periods, hand_ins, d(2027, 11, 15));
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].state, ReportState::HandedIn);
  EXPECT_EQ(r[0].handed_in, d(2027, 4, 10));
  EXPECT_EQ(r[1].state, ReportState::HandedInLate);
  EXPECT_EQ(r[1].handed_in, d(2027, 8, 15));
  EXPECT_EQ(r[2].state, ReportState::Overdue);
  EXPECT_EQ(r[3].state, ReportState::Running);
  EXPECT_EQ(next_report(r), &r[3]);
  // On 15-10 Q3 has ended but is still within its deadline: open, and the next report.
  auto earlier = assess_reports(periods, hand_ins, d(2027, 10, 15));
  EXPECT_EQ(earlier[2].state, ReportState::Open);
  EXPECT_EQ(next_report(earlier), &earlier[2]);
  // A hand-in on the period's last day reports it; before it, it does not.
  auto on_last = assess_reports(periods, {d(2027, 3, 31)}, d(2027, 5, 15));
  EXPECT_EQ(on_last[0].state, ReportState::HandedIn);
  auto before = assess_reports(periods, {d(2027, 3, 30)}, d(2027, 5, 15));
  EXPECT_EQ(before[0].state, ReportState::Overdue);
  // Before the term begins every period is upcoming, the first one next.
  auto ahead = assess_reports(periods, {}, d(2026, 12, 1));
  EXPECT_EQ(ahead[0].state, ReportState::Upcoming);
  EXPECT_EQ(next_report(ahead), &ahead[0]);
  // After the term, everything reported: nothing next.
  auto done = assess_reports(periods, {d(2028, 1, 5), d(2027, 4, 1), d(2027, 7, 1), d(2027, 10, 1)},
                             d(2028, 2, 1));
  EXPECT_EQ(next_report(done), nullptr);
}

TEST(Deadlines, TheRegistersImportsAreTheHandIns) {
  // Two sample contracts (2027-01-01 .. 2028-12-31 and 2027-04-01 .. 2028-03-31 as their files
  // say), the register's clock set to the day of each import: ON-2027-001 delivers on 5-4-2027
  // (Q1 in time), ON-2027-002 on 2-8-2027, after Q2's deadline 30-7 and before Q3 ends. On
  // 1-11-2027 ON-2027-001 owes Q2 and Q3; ON-2027-002's Q2 came late and its Q3 is overdue.
  test::ScratchRegister fx("deadlines-register");
  for (const char* c : {"ON-2027-001", "ON-2027-002"})
    portfolio::add_contract_file(
        *fx.reg, test::shipped(),
        std::string(SROI_SOURCE_DIR) + "/samples/register/contracts/" + c + ".toml");
  auto import_on = [&](const std::string& id, const std::string& moment) {
    fix_utc_timestamp(moment);
    auto prepared = portfolio::prepare_import(
        test::shipped(), *fx.reg->contract(id),
        std::string(SROI_SOURCE_DIR) + "/samples/register/realisations/" + id + ".csv");
    fx.reg->import_lines(id, std::move(prepared.lines), prepared.file, prepared.hash,
                         store::ImportMode::Add);
    fix_utc_timestamp("");
  };
  import_on("ON-2027-001", "2027-04-05T10:00:00Z");
  import_on("ON-2027-002", "2027-08-02T10:00:00Z");
  auto rows = due(*fx.reg, test::shipped(), {}, d(2027, 11, 1));
  ASSERT_EQ(rows.size(), 2u);
  const ContractDue& one = rows[0];
  ASSERT_EQ(one.status.record.contract.id, "ON-2027-001");
  EXPECT_EQ(one.reports[0].state, ReportState::HandedIn);
  ASSERT_EQ(one.overdue().size(), 2u);
  EXPECT_EQ(one.overdue()[0]->period.number, 2);
  EXPECT_EQ(one.overdue()[1]->period.number, 3);
  const ContractDue& two = rows[1];
  ASSERT_EQ(two.reports.size(), 4u);  // Q2, Q3 and Q4 2027, Q1 2028: it starts in Q2
  const std::size_t q2 = 0;
  EXPECT_EQ(two.reports[q2].period.number, 2);
  EXPECT_EQ(two.reports[q2].state, ReportState::HandedInLate);
  EXPECT_EQ(two.reports[q2 + 1].state, ReportState::Overdue);
  // The import taken out no longer reports anything.
  fx.reg->remove_import(fx.reg->imports(std::string("ON-2027-002")).at(0).id);
  auto after = due(*fx.reg, test::shipped(), {}, d(2027, 11, 1));
  EXPECT_EQ(after[1].reports[q2].state, ReportState::Overdue);
}

TEST(Review, OnlyAcceptedDeliveriesCountWhereTheContractSaysSo) {
  // ON-2027-001 with count = "accepted": two deliveries of its sample lines. Until the buyer
  // accepts one, nothing counts (realised € 0, submitted the full value); accepting the first
  // counts its lines; rejecting the second leaves it out of the hand-ins (Q2 overdue) and is
  // refused once the import is taken out.
  test::ScratchRegister fx("review-register");
  Offer o = test::contract_offer("C-1");
  o.contract.count_accepted_only = true;
  fx.reg->add_contract(o, "c1.toml", "h1");
  auto import_on = [&](const std::string& moment, std::vector<RealisationLine> lines,
                       const std::string& file) {
    fix_utc_timestamp(moment);
    auto out = fx.reg->import_lines("C-1", std::move(lines), file, file, store::ImportMode::Add);
    fix_utc_timestamp("");
    return out.import_id;
  };
  int64_t first = import_on(
      "2027-04-03T09:00:00Z",
      {test::worked("K1", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(36))},
      "q1.csv");
  int64_t second = import_on(
      "2027-07-05T09:00:00Z",
      {test::worked("K2", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(18))},
      "q2.csv");
  portfolio::StatusOptions so;
  so.as_of = d(2027, 12, 31);
  auto before = portfolio::compute_status(*fx.reg, test::shipped(), so);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_TRUE(before[0].realised.is_zero());
  ASSERT_TRUE(before[0].submitted);
  fx.reg->review_import(first, "accepted", "");
  fx.reg->review_import(second, "rejected", "uren ontbreken");
  auto after = portfolio::compute_status(*fx.reg, test::shipped(), so);
  // K1 full time for the year and K2 half time: the accepted K1 line is two thirds of all.
  EXPECT_EQ(after[0].submitted, before[0].submitted);
  EXPECT_EQ(after[0].realised.cents() * 3, before[0].submitted->cents() * 2);
  auto imports = fx.reg->imports(std::string("C-1"));
  EXPECT_EQ(imports[1].review, "rejected");
  EXPECT_EQ(imports[1].review_reason, "uren ontbreken");
  auto reports = contract_reports(o.contract, nullptr, imports, d(2027, 8, 15));
  EXPECT_EQ(reports.reports[0].state, ReportState::HandedIn);
  EXPECT_EQ(reports.reports[1].state, ReportState::Overdue);
  fx.reg->remove_import(second);
  EXPECT_TRUE(test::thrown<StoreError>([&] { fx.reg->review_import(second, "accepted", ""); }));
}

TEST(Review, ALineReviewedOnItsOwnOverridesItsDelivery) {
  // One accepted delivery of two lines, K1 full time and K2 half time for 2027 (the value 2 : 1).
  // Rejecting K2's line alone leaves K1's two thirds counted; taking the line's own review back
  // ("submitted") lets it follow its accepted delivery again. A line of another import, or of
  // an import taken out, is refused; the line reviews go with their import when it is replaced.
  test::ScratchRegister fx("line-review-register");
  Offer o = test::contract_offer("C-1");
  o.contract.count_accepted_only = true;
  fx.reg->add_contract(o, "c1.toml", "h1");
  auto delivered = fx.reg->import_lines(
      "C-1",
      {test::worked("K1", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(36)),
       test::worked("K2", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(18))},
      "q.csv", "q", store::ImportMode::Add);
  fx.reg->review_import(delivered.import_id, "accepted", "");
  portfolio::StatusOptions so;
  so.as_of = d(2027, 12, 31);
  const Money all = portfolio::compute_status(*fx.reg, test::shipped(), so)[0].realised;
  std::vector<int64_t> ids;
  fx.reg->for_each_line_of_candidates_in("C-1",
                                         [&](store::LineRecord&& l) { ids.push_back(l.id); });
  ASSERT_EQ(ids.size(), 2u);
  auto r = fx.reg->review_line(ids[1], "rejected", "geen urenbriefje");
  EXPECT_EQ(r.contract, "C-1");
  EXPECT_EQ(fx.reg->line_reviews("C-1").at(ids[1]).reason, "geen urenbriefje");
  auto one = portfolio::compute_status(*fx.reg, test::shipped(), so)[0];
  EXPECT_EQ(one.realised.cents() * 3, all.cents() * 2);
  EXPECT_EQ(one.submitted, all);
  fx.reg->review_line(ids[1], "submitted", "", delivered.import_id);
  EXPECT_TRUE(fx.reg->line_reviews("C-1").empty());
  EXPECT_EQ(portfolio::compute_status(*fx.reg, test::shipped(), so)[0].realised, all);
  EXPECT_TRUE(test::thrown<StoreError>(
      [&] { fx.reg->review_line(ids[1], "accepted", "", delivered.import_id + 1); }));
  fx.reg->review_line(ids[0], "rejected", "dubbel");
  fx.reg->import_lines(
      "C-1", {test::worked("K1", "participatiewet-gt2", d(2027, 1, 1), d(2027, 6, 30), Ratio(36))},
      "q2.csv", "q2", store::ImportMode::Replace);
  EXPECT_TRUE(fx.reg->line_reviews("C-1").empty());
  // The replaced import's lines are gone (the new list has one line, in their place).
  EXPECT_TRUE(test::thrown<StoreError>([&] { fx.reg->review_line(ids[1], "accepted", ""); }));
}

TEST(Settlement, TheBuyersDecisionIsChecked) {
  // Obligation € 30.000, realised € 18.000: shortfall € 12.000; a clause of 1 x the shortfall
  // gives € 12.000. Impose takes exactly that; reduce needs less and a reason; waive a reason.
  SettlementAssessment a;
  a.status.record.contract = test::contract(600'000, d(2027, 4, 1), d(2028, 3, 31));
  a.status.record.contract.id = "C";
  a.status.obligation.amount = Money::cents(3'000'000);
  a.status.realised = Money::cents(1'800'000);
  a.status.shortfall = Money::cents(1'200'000);
  a.rule_penalty = Money::cents(1'200'000);
  a.ended = true;
  SourceLocation at{"--decision"};
  EXPECT_EQ(decide(a, "impose", std::nullopt, "", at).penalty.cents(), 1'200'000);
  EXPECT_EQ(decide(a, "reduce", Money::cents(500'000), "extra plaatsen", at).penalty.cents(),
            500'000);
  EXPECT_TRUE(decide(a, "waive", std::nullopt, "overmacht", at).penalty.is_zero());
  auto problems = [&](const std::string& decision, std::optional<Money> p, const std::string& r) {
    auto e = test::thrown<DataError>([&] { decide(a, decision, p, r, at); });
    return e ? e->diagnostics().size() : 0u;
  };
  EXPECT_EQ(problems("impose", Money::cents(1), ""), 1u);          // not the rule's amount
  EXPECT_EQ(problems("reduce", Money::cents(1'200'000), ""), 2u);  // not lower, no reason
  EXPECT_EQ(problems("waive", std::nullopt, "  "), 1u);            // no reason
  EXPECT_EQ(problems("forgive", std::nullopt, "x"), 1u);           // no such decision
  a.ended = false;
  EXPECT_EQ(problems("impose", std::nullopt, ""), 1u);  // before the end
}

}  // namespace sroi::manage
