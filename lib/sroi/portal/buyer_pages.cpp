// SPDX-License-Identifier: EUPL-1.2
// What a buyer (and every role, for its own contracts) sees: the dashboard, a contract with
// its lines and traces, the evidence a buyer records, and the status workbook.
#include <algorithm>
#include <map>
#include <set>

#include "sroi/io/dutch_numbers.hpp"
#include "sroi/manage/due.hpp"
#include "sroi/msg/kpi.hpp"
#include "sroi/msg/labels.hpp"
#include "sroi/msg/manage.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/portfolio/workbook.hpp"
#include "sroi/report/manage/tables.hpp"
#include "sroi/report/register/tables.hpp"
#include "sroi/report/text_table.hpp"

namespace sroi::portal {
namespace {

/// The kinds of target-group evidence a buyer can record having seen.
constexpr std::pair<const char*, MsgId> kEvidenceKinds[] = {
    {"municipality", Msg::EvidenceKindMunicipality},
    {"uwv", Msg::EvidenceKindUwv},
    {"register", Msg::EvidenceKindRegister},
    {"benefit", Msg::EvidenceKindBenefit},
    {"other", Msg::EvidenceKindOther}};

std::optional<MsgId> evidence_kind(const std::string& id) {
  for (const auto& [k, m] : kEvidenceKinds)
    if (id == k) return m;
  return std::nullopt;
}

/// A bar's width in pixels for `part` of `whole` on a bar of `width`.
int bar(Money part, Money whole, int width) {
  if (whole.cents() <= 0 || part.cents() <= 0) return 0;
  int64_t w = scale(int64_t{width}, Ratio(part.cents(), whole.cents()));
  return static_cast<int>(std::min<int64_t>(w, width));
}

}  // namespace

Html Portal::chart(const httplib::Request& req, const portfolio::ContractStatus& s,
                   bool small) const {
  Html realised_colour = s.at_risk() ? Html("#c33") : Html("#2a7");
  if (small) {
    // Realised against the obligation, with a mark where the forecast ends.
    Money whole = std::max({s.obligation.amount, s.forecast, s.realised, Money::cents(1)});
    int r = bar(s.realised, whole, 120), f = bar(s.forecast, whole, 120),
        o = bar(s.obligation.amount, whole, 120);
    return "<svg width=\"124\" height=\"14\" role=\"img\"><title>" + said(req, Msg::KpiRealised) +
           " " + money(s.realised) + " / " + said(req, Msg::KpiObligation) + " " +
           money(s.obligation.amount) +
           "</title><rect x=\"0\" y=\"2\" width=\"120\" height=\"10\" fill=\"#eee\"/><rect x=\"0\" "
           "y=\"2\" width=\"" +
           Html::number(r) + "\" height=\"10\" fill=\"" + realised_colour + "\"/><rect x=\"" +
           Html::number(std::max(0, f - 1)) +
           "\" y=\"0\" width=\"2\" height=\"14\" fill=\"#999\"/><rect x=\"" +
           Html::number(std::max(0, o - 1)) +
           "\" y=\"0\" width=\"2\" height=\"14\" fill=\"#036\"/></svg>";
  }
  struct Bar {
    MsgId label;
    Money value;
    Html colour;
  };
  std::vector<Bar> bars = {{Msg::KpiObligation, s.obligation.amount, "#036"},
                           {Msg::KpiOffered, s.offered, "#69c"},
                           {Msg::KpiRealised, s.realised, realised_colour},
                           {Msg::PortalForecast, s.forecast, "#999"}};
  Money top = Money::cents(1);
  for (const auto& b : bars) top = std::max(top, b.value);
  // Drawn at 560 wide, narrowed with the page on a phone (the view box keeps its shape).
  Html height = Html::number(static_cast<long long>(bars.size()) * 30 + 10);
  Html svg = "<figure><svg class=\"chart\" width=\"560\" height=\"" + height +
             "\" viewBox=\"0 0 560 " + height + "\" role=\"img\"><title>" +
             said(req, Msg::PortalChart) + "</title>";
  int y = 5;
  for (const auto& b : bars) {
    int w = bar(b.value, top, 300);
    svg += "<text x=\"0\" y=\"" + Html::number(y + 15) + "\" font-size=\"13\">" +
           said(req, b.label) + "</text><rect x=\"110\" y=\"" + Html::number(y) + "\" width=\"" +
           Html::number(w) + "\" height=\"20\" fill=\"" + b.colour + "\"/><text x=\"" +
           Html::number(115 + w) + "\" y=\"" + Html::number(y + 15) + "\" font-size=\"13\">" +
           money(b.value) + "</text>";
    y += 30;
  }
  return svg + "</svg><figcaption>" + said(req, Msg::PortalChart) + "</figcaption></figure>";
}

namespace {

/// The first screen's view of the contracts: all or only those at risk, in an order.
struct DashboardView {
  bool only_at_risk = false;
  std::string sort = "contract";  ///< "contract", "tekort" (largest first), "einde" (soonest)

  /// From the query (?toon=risico&sorteer=tekort); anything else is the default.
  static DashboardView of(const httplib::Request& req) {
    DashboardView v;
    v.only_at_risk = req.get_param_value("toon") == "risico";
    std::string sort = req.get_param_value("sorteer");
    if (sort == "tekort" || sort == "einde") v.sort = sort;
    return v;
  }
  /// The address of this view with one choice changed.
  std::string href(std::optional<bool> at_risk, std::optional<std::string> by) const {
    bool risk = at_risk.value_or(only_at_risk);
    std::string order = by.value_or(sort);
    std::string q;
    if (risk) q += "toon=risico";
    if (order != "contract") q += (q.empty() ? "" : "&") + ("sorteer=" + order);
    return q.empty() ? "/" : "/?" + q;
  }
};

/// A choice among links: the current one as plain bold text, the others as links.
Html choice(bool current, const std::string& href, const Html& label) {
  return current ? "<strong>" + label + "</strong>" : link(href, label);
}

}  // namespace

void Portal::dashboard(Call& c) {
  const auto& req = c.req;
  auto view = status_.get();
  auto all = mine(*view, c.id());
  int refresh = 0;
  Html body = as_of_line(req, *view, refresh);
  if (all.empty()) {
    body += para(said(req, Msg::PortalNoContracts));
  } else {
    // The answer first: the totals over every contract of this account, and how many are at
    // risk.
    Money obligation, realised, forecast, shortfall;
    int64_t at_risk = 0;
    for (const auto* s : all) {
      obligation += s->obligation.amount;
      realised += s->realised;
      forecast += s->forecast;
      shortfall += s->shortfall;
      at_risk += s->at_risk() ? 1 : 0;
    }
    auto total = [&](MsgId label, Money m, const Html& cls) {
      return "<div" + (cls.empty() ? Html() : " class=\"" + cls + "\"") + "><dt>" +
             said(req, label) + "</dt><dd>" + money(m) + "</dd></div>";
    };
    body += "<dl class=\"totals\">" + total(Msg::KpiObligation, obligation, {}) +
            total(Msg::KpiRealised, realised, {}) + total(Msg::PortalForecast, forecast, {}) +
            // Red only where a contract is at risk: a shortfall mid-contract that the forecast
            // makes up is the normal course.
            total(Msg::LabelShortfall, shortfall, at_risk == 0 ? Html() : Html("risk")) + "</dl>";
    DashboardView v = DashboardView::of(req);
    body +=
        para(said(req, msg(Msg::PortalAtRiskCount, at_risk,
                           Amount{Ratio(static_cast<int64_t>(all.size())), Counted::Contracts}))) +
        para(said(req, Msg::PortalShow) + " " +
                 choice(!v.only_at_risk, v.href(false, std::nullopt),
                        said(req, Msg::PortalShowAll)) +
                 " · " +
                 choice(v.only_at_risk, v.href(true, std::nullopt),
                        said(req, Msg::PortalShowAtRisk)) +
                 " — " + said(req, Msg::PortalSortBy) + " " +
                 choice(v.sort == "contract", v.href(std::nullopt, "contract"),
                        said(req, Msg::PortalSortContract)) +
                 " · " +
                 choice(v.sort == "tekort", v.href(std::nullopt, "tekort"),
                        said(req, Msg::PortalSortShortfall)) +
                 " · " +
                 choice(v.sort == "einde", v.href(std::nullopt, "einde"),
                        said(req, Msg::PortalSortEnd)),
             "choices");
    std::vector<const portfolio::ContractStatus*> rows;
    for (const auto* s : all)
      if (!v.only_at_risk || s->at_risk()) rows.push_back(s);
    std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
      if (v.sort == "tekort") return a->shortfall > b->shortfall;
      if (v.sort == "einde") return a->record.contract.end < b->record.contract.end;
      return a->record.contract.id < b->record.contract.id;
    });
    // What is due: each contract's next report and those overdue, from its imports (those
    // of the contracts shown, in one read).
    std::map<std::string, manage::ContractReports> due;
    {
      auto lease = pool_.read();
      std::vector<std::string> ids;
      for (const auto* s : rows) ids.push_back(s->record.contract.id);
      std::map<std::string, std::vector<store::ImportRecord>> imports =
          manage::imports_by_contract(*lease, ids);
      for (const auto* s : rows)
        due[s->record.contract.id] = manage::contract_reports(
            s->record.contract, s->region, imports[s->record.contract.id], view->as_of);
    }
    int64_t overdue_reports = 0, overdue_contracts = 0;
    for (const auto& [id, d] : due) {
      auto n = static_cast<int64_t>(d.overdue().size());
      overdue_reports += n;
      overdue_contracts += n > 0 ? 1 : 0;
    }
    if (overdue_reports > 0)
      body += para(said(req, msg(Msg::PortalReportsOverdueCount, overdue_reports,
                                 Amount{Ratio(overdue_contracts), Counted::Contracts})),
                   "risk");
    body += para(link("/report.xlsx", said(req, Msg::PortalDownloadAll)));
    if (rows.empty()) body += para(said(req, Msg::PortalNoneAtRisk));
    // The viewer's own organisation is not a column: a supplier's contracts are all its own,
    // as a buyer's are.
    const store::Role role = c.id().role;
    const bool show_supplier = role != store::Role::Supplier;
    const bool show_buyer = role != store::Role::Buyer;
    std::vector<StackColumn> columns = {{said(req, Msg::LabelContract)}};
    if (show_supplier) columns.push_back({said(req, Msg::LabelSupplier)});
    if (show_buyer) columns.push_back({said(req, Msg::LabelBuyer)});
    for (MsgId m : {Msg::KpiObligation, Msg::KpiOffered, Msg::KpiRealised, Msg::LabelShortfall,
                    Msg::PortalForecast, Msg::PortalPenalty})
      columns.push_back({said(req, m), true});
    columns.push_back({said(req, Msg::PortalNextReport)});
    columns.push_back({});
    columns.push_back({});
    std::vector<std::vector<Html>> table;
    bool provisional = false;
    for (const auto* s : rows) {
      const std::string& id = s->record.contract.id;
      const std::string& about = s->record.contract.description;
      provisional = provisional || s->provisional;
      Html risk = s->at_risk() ? "<span class=\"risk\">" + said(req, Msg::PortalAtRisk) + "</span>"
                               : Html();
      // The contract by its number and, beneath it, what it is about.
      Html name = link("/contracts/" + url_part(id), Html::text(id)) +
                  (s->provisional ? Html(" *") : Html()) +
                  (about.empty() ? Html() : "<br><small>" + Html::text(about) + "</small>");
      std::vector<Html> cells = {name};
      if (show_supplier) cells.push_back(Html::text(s->record.supplier));
      if (show_buyer) cells.push_back(Html::text(s->record.buyer));
      cells.insert(cells.end(), {money(s->obligation.amount), money(s->offered), money(s->realised),
                                 s->shortfall.is_zero() || !s->at_risk()
                                     ? money(s->shortfall)
                                     : "<span class=\"risk\">" + money(s->shortfall) + "</span>",
                                 money(s->forecast), money(s->penalty), reports_cell(req, due[id]),
                                 chart(req, *s, true), risk});
      table.push_back(std::move(cells));
    }
    body += stack_table(columns, table) + bar_legend(req);
    if (provisional) body += para("* " + said(req, Msg::PortalProvisional));
  }
  MsgId title =
      c.id().role == store::Role::Coordinator ? Msg::PortalPortfolio : Msg::PortalContracts;
  page(req, c.res, word(req, title), body, c.who, refresh);
}

Html Portal::reports_cell(const httplib::Request& req, const manage::ContractReports& d) const {
  // Narrow: the deadline, the period under it, and how many reports are overdue (the contract
  // page names them).
  Html out;
  if (const manage::PeriodReport* next = d.next())
    out = said(req, msg(Msg::Value, next->period.deadline)) + "<br><small>" +
          said(req, period_name(next->period)) + "</small>";
  else
    out = said(req, Msg::DueNothingNext);
  if (auto late = static_cast<int64_t>(d.overdue().size()); late > 0)
    out += "<br><span class=\"risk\">" + said(req, msg(Msg::PortalReportsLate, late)) + "</span>";
  return out;
}

Html Portal::reports_section(const httplib::Request& req, const portfolio::ContractStatus& s) {
  // Every reporting period of the term with its deadline and what became of it.
  std::vector<store::ImportRecord> imports;
  {
    auto lease = pool_.read();
    imports = lease->imports(std::optional<std::string>(s.record.contract.id));
  }
  auto view = status_.get();
  manage::ContractReports d =
      manage::contract_reports(s.record.contract, s.region, imports, view->as_of);
  Html out = "<h2 id=\"reports\">" + said(req, Msg::ReportsHeading) + "</h2>" +
             para(said(req, msg(Msg::ReportsTerms, phrase(terms_words(d.terms)))));
  std::vector<Html> headings;
  for (const auto& h : split_tabs(text::say(msg(Msg::ReportsColumns), lang(req))))
    headings.push_back(Html::text(h));
  out += "<table>" + heading_row(headings);
  for (const auto& r : d.reports) {
    bool late = r.state == manage::ReportState::Overdue;
    Html state = said(req, report_state_words(r));
    out += "<tr><td>" + said(req, period_name(r.period)) + "</td><td>" +
           said(req, msg(Msg::Value, r.period.first)) + "</td><td>" +
           said(req, msg(Msg::Value, r.period.last)) + "</td><td>" +
           said(req, msg(Msg::Value, r.period.deadline)) + "</td><td>" +
           (late ? "<span class=\"risk\">" + state + "</span>" : state) + "</td></tr>";
  }
  return out + "</table>";
}

Html Portal::bar_legend(const httplib::Request& req) const {
  // What the small bars show, in the bars' own colours.
  auto swatch = [](const char* colour, int width) {
    return "<svg width=\"" + Html::number(width) +
           "\" height=\"12\" aria-hidden=\"true\"><rect width=\"" + Html::number(width) +
           "\" height=\"12\" fill=\"" + Html::text(colour) + "\"/></svg> ";
  };
  return "<p class=\"legend\">" + swatch("#2a7", 16) + said(req, Msg::PortalLegendRealised) + " " +
         swatch("#c33", 16) + said(req, Msg::PortalLegendRealisedAtRisk) + " " + swatch("#036", 3) +
         said(req, Msg::PortalLegendObligation) + " " + swatch("#999", 3) +
         said(req, Msg::PortalLegendForecast) + "</p>";
}

Html Portal::lines_section(const httplib::Request& req, const portfolio::ContractStatus& s,
                           const Identity& who) {
  auto view = status_.get();
  auto lease = pool_.read();
  store::Register& reg = *lease;
  portfolio::ContractLines found =
      portfolio::contract_lines(reg, *view->regions, s.record.contract.id, view->as_of,
                                [&view](const std::string& id) { return view->known(id); });
  Html out = "<h2 id=\"lines\">" + said(req, Msg::PortalLinesTrace) + "</h2>";
  if (found.lines.empty()) return out + para(said(req, Msg::PortalNoLines));
  Lang l = lang(req);
  auto when = [&](const std::optional<Date>& d) {
    return d ? Html::text(text::say(Arg{*d}, l)) : Html();
  };
  // Each line's review: its own where the buyer gave one, else its delivery's.
  const std::map<int64_t, int64_t> import_of = reg.line_imports(s.record.contract.id);
  const std::map<int64_t, store::LineReview> own = reg.line_reviews(s.record.contract.id);
  std::map<int64_t, store::ImportRecord> deliveries;
  for (auto& i : reg.imports(s.record.contract.id)) deliveries[i.id] = std::move(i);
  const bool reviewer = who.role == store::Role::Buyer && !who.csrf.empty();
  out += "<table>" + heading_row({said(req, Msg::LabelCandidate), said(req, Msg::LabelBlock),
                                  said(req, Msg::LabelStart), said(req, Msg::LabelEnd),
                                  said(req, Msg::LabelHoursPerWeek), said(req, Msg::LabelValue),
                                  said(req, Msg::LabelExplanation), said(req, Msg::LabelReview)});
  for (std::size_t k = 0; k < found.lines.size(); ++k) {
    const auto& r = found.lines[k];
    const int64_t line_id = k < found.line_ids.size() ? found.line_ids[k] : 0;
    std::vector<Html> trace = trace_steps(req, r.trace);
    for (const auto& w : r.warnings) trace.push_back(said(req, w));
    if (r.zero_reason) trace.push_back(said(req, *r.zero_reason));
    Html hours =
        r.hours_per_week ? Html::text(text::say(Arg{Decimal{*r.hours_per_week, 2}}, l)) : Html();
    out += row({cell(Html::text(r.candidate)), cell(Html::text(r.block_name)), cell(when(r.start)),
                cell(when(r.end)), figure_cell(hours),
                figure_cell(money(r.value) + (r.provisional ? Html(" *") : Html())),
                cell("<details><summary>" + said(req, Msg::LabelTrace) + "</summary>" +
                     bullets(trace, "trace") + "</details>"),
                cell(line_review(req, who, s.record.contract.id, line_id, own, import_of,
                                 deliveries, reviewer))});
  }
  out += "</table>";
  if (!found.problems.empty()) out += problem_list(req, found.problems);
  std::set<std::string> candidates;
  for (const auto& r : found.lines)
    if (!r.candidate.empty()) candidates.insert(r.candidate);  // an invoice has no evidence
  return out + evidence_section(req, s, who, reg, candidates, view->as_of);
}

Html Portal::line_review(const httplib::Request& req, const Identity& who,
                         const std::string& contract, int64_t line_id,
                         const std::map<int64_t, store::LineReview>& own,
                         const std::map<int64_t, int64_t>& import_of,
                         const std::map<int64_t, store::ImportRecord>& deliveries,
                         bool reviewer) const {
  // The line's own review, else its delivery's (marked as such); a buyer changes it here.
  std::string state = "submitted";
  Html words;
  auto mine = own.find(line_id);
  if (mine != own.end()) {
    state = mine->second.review;
    words = said(req, review_words(mine->second));
  } else if (auto i = import_of.find(line_id); i != import_of.end()) {
    auto d = deliveries.find(i->second);
    if (d != deliveries.end()) {
      state = d->second.review;
      words = said(req, msg(Msg::LineFollowsDelivery, i->second, phrase(review_words(d->second))));
    }
  }
  if (state == "rejected") words = "<span class=\"risk\">" + words + "</span>";
  if (!reviewer || line_id == 0) return words;
  const Html action = Html::text("/contracts/" + url_part(contract) + "/lines/" +
                                 std::to_string(line_id) + "/review");
  auto button = [&](const char* decision, MsgId label) {
    return "<form method=\"post\" action=\"" + action + "\">" + csrf_input(who) +
           hidden("decision", decision) + "<button>" + said(req, label) + "</button></form>";
  };
  Html forms;
  if (state != "accepted") forms += button("accept", Msg::DeliveryAccept);
  if (state != "rejected")
    forms += "<form method=\"post\" action=\"" + action + "\">" + csrf_input(who) +
             hidden("decision", "reject") + "<label>" + said(req, Msg::DeliveryReason) +
             " <input name=\"reason\" size=\"20\" maxlength=\"1000\" required></label> <button>" +
             said(req, Msg::DeliveryReject) + "</button></form>";
  if (mine != own.end()) forms += button("follow", Msg::LineFollow);
  return words + "<details><summary>" + said(req, Msg::LineReviewAction) + "</summary>" + forms +
         "</details>";
}

Html Portal::evidence_section(const httplib::Request& req, const portfolio::ContractStatus& s,
                              const Identity& who, store::Register& reg,
                              const std::set<std::string>& candidates, Date as_of) const {
  // Per candidate, what was recorded; a buyer records more.
  Lang l = lang(req);
  std::map<std::string, std::vector<store::EvidenceRecord>> seen;
  for (auto& e : reg.evidence(s.record.contract.id)) seen[e.candidate].push_back(std::move(e));
  Html out = "<h2 id=\"evidence\">" + said(req, Msg::PortalEvidence) + "</h2>" +
             para(said(req, Msg::PortalEvidenceHelp)) + "<table>" +
             heading_row({said(req, Msg::LabelCandidate), said(req, Msg::PortalEvidenceKind),
                          said(req, Msg::PortalEvidenceDate), said(req, Msg::PortalEvidenceBy)});
  for (const auto& c : candidates) {
    auto it = seen.find(c);
    if (it == seen.end()) {
      out += "<tr>" + cell(Html::text(c)) + "<td colspan=\"3\" class=\"risk\">" +
             said(req, Msg::PortalEvidenceNone) + "</td></tr>";
      continue;
    }
    for (const auto& e : it->second) {
      auto kind = evidence_kind(e.kind);
      out += row({cell(Html::text(c)), cell(Html::text(kind ? word(req, *kind) : e.kind)),
                  cell(Html::text(text::say(Arg{e.seen_on}, l))),
                  cell(Html::text(account_name(e.recorded_by)))});
    }
  }
  out += "</table>";
  if (who.role != store::Role::Buyer || who.csrf.empty()) return out;
  Html people, kinds;
  for (const auto& c : candidates) people += option(c, Html::text(c));
  for (const auto& [k, m] : kEvidenceKinds) kinds += option(k, said(req, m));
  return out + "<form method=\"post\" action=\"" +
         Html::text("/contracts/" + url_part(s.record.contract.id) + "/evidence") + "\">" +
         csrf_input(who) + "<label>" + said(req, Msg::LabelCandidate) +
         " <select name=\"candidate\">" + people + "</select></label> <label>" +
         said(req, Msg::PortalEvidenceKind) + " <select name=\"kind\">" + kinds +
         "</select></label> <label>" + said(req, Msg::PortalEvidenceDate) +
         " <input name=\"seen_on\" size=\"10\" value=\"" + Html::text(text::say(Arg{as_of}, l)) +
         "\" required></label> <button>" + said(req, Msg::PortalEvidenceSave) + "</button></form>";
}

void Portal::contract(Call& c) {
  const auto& req = c.req;
  const portfolio::ContractStatus& s = *c.contract;
  const std::string& id = s.record.contract.id;
  int refresh = 0;
  Html body = as_of_line(req, *c.view, refresh);
  if (req.has_param("done"))
    body += para(said(req, req.get_param_value("done") == "evidence" ? Msg::PortalEvidenceRecorded
                           : req.get_param_value("done") == "review" ? Msg::DeliveryReviewed
                           : req.get_param_value("done") == "offer"  ? Msg::PortalOfferSubmitted
                                                                     : Msg::PortalLineAdded),
                 "ok");
  auto fact = [&](MsgId label, const Html& value) {
    return "<tr><th>" + said(req, label) + "</th>" + figure_cell(value) + "</tr>";
  };
  body += "<table>" + fact(Msg::LabelSupplier, Html::text(s.record.supplier)) +
          fact(Msg::LabelBuyer, Html::text(s.record.buyer)) +
          fact(Msg::LabelRegion, Html::text(s.region ? s.region->label() : s.record.region.id)) +
          fact(Msg::LabelPeriod, said(req, msg(Msg::Value, s.record.contract.start)) + " – " +
                                     said(req, msg(Msg::Value, s.record.contract.end))) +
          fact(Msg::LabelContractValue, money(s.record.contract.value)) +
          fact(Msg::KpiObligation, money(s.obligation.amount)) +
          fact(Msg::KpiOffered, money(s.offered)) + fact(Msg::KpiRealised, money(s.realised)) +
          fact(Msg::PortalForecast, money(s.forecast)) +
          fact(Msg::PortalPenalty, money(s.penalty)) +
          fact(Msg::PortalLines, Html::number(s.lines)) + "</table>";
  if (s.provisional) body += para(said(req, Msg::PortalProvisional));
  body += chart(req, s, false);
  auto list = [&](MsgId title, const std::vector<Message>& items, const Html& cls) {
    if (items.empty()) return;
    std::vector<Html> said_items;
    for (const auto& m : items) said_items.push_back(said(req, m));
    body += "<h2>" + said(req, title) + "</h2>" + bullets(said_items, cls);
  };
  list(Msg::PortalRisks, s.risks, "risk");
  list(Msg::PortalWarnings, s.warnings, {});
  body += reports_section(req, s) + deliveries_section(req, s, c.id());
  body += para(
      link("/contracts/" + url_part(id) + "/status.xlsx", said(req, Msg::PortalDownload)) + " · " +
      link("/contracts/" + url_part(id) + "/afrekening", said(req, Msg::PortalSettlementLink)));
  if (c.id().role == store::Role::Supplier && !c.id().csrf.empty())
    body += supplier_forms(req, s, c.id());
  body += lines_section(req, s, c.id()) + back_link(req, "/");
  page(req, c.res, id, body, c.who, refresh);
}

void Portal::record_evidence(Call& c) {
  const auto& req = c.req;
  const std::string& id = c.contract->record.contract.id;
  std::string candidate = field(req, "candidate"), kind = field(req, "kind");
  std::vector<Html> problems;
  if (!evidence_kind(kind))
    problems.push_back(said(
        req, msg(Msg::PortalFieldProblem, as_is(word(req, Msg::PortalEvidenceKind)), as_is(kind))));
  Message why;
  auto seen = io::read_date(field(req, "seen_on"), &why);
  const Contract& term = c.contract->record.contract;
  Date last = std::min(term.end, today());
  if (!seen)
    problems.push_back(said(
        req, msg(Msg::PortalFieldProblem, as_is(word(req, Msg::PortalEvidenceDate)), phrase(why))));
  else if (*seen < term.start || last < *seen)
    problems.push_back(said(req, msg(Msg::PortalEvidenceDateRange,
                                     as_is(word(req, Msg::PortalEvidenceDate)), term.start, last)));
  if (problems.empty()) {
    try {
      store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(c.id()));
      reg.record_evidence(id, candidate, kind, *seen);
      c.res.status = 303;
      c.res.set_header("Location", "/contracts/" + url_part(id) + "?done=evidence#evidence");
      return;
    } catch (const StoreError& e) {
      problems.push_back(said(req, e.message()));
    }
  }
  c.res.status = 422;
  page(req, c.res, word(req, Msg::PortalEvidence),
       bullets(problems, "risk") + back_link(req, "/contracts/" + url_part(id) + "#evidence"),
       c.who);
}

void Portal::download_status(Call& c) {
  auto view = c.view ? c.view : status_.get();
  std::vector<portfolio::ContractStatus> rows;
  std::string name = "sroi-overzicht.xlsx";
  const auto& who = c.who;
  const auto& req = c.req;
  auto& res = c.res;
  if (c.contract) {
    rows.push_back(*c.contract);
    name = clean_file_name("sroi-" + c.contract->record.contract.id + ".xlsx");
  } else {
    for (const auto* s : mine(*view, *who)) rows.push_back(*s);
  }
  TempDir dir;
  std::string path = dir.path() + "/" + name;
  xlsx::WriteOptions wo;
  wo.lang = lang(req);
  portfolio::write_portfolio(rows, view->as_of, path, wo);
  send_file(res, TempDir::read(path), name,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace sroi::portal
