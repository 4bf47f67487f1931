// SPDX-License-Identifier: EUPL-1.2
// A buyer compares the bids of a tender in the portal as `sroi bids` does: the offers handed
// in (workbooks or TOML) read together, every problem of every file shown at once, the terms
// checked, each bid scored by the rule chosen, and the comparison as a page or a workbook.
// Nothing is stored.
#include <algorithm>

#include "sroi/calc/plausibility.hpp"
#include "sroi/io/dutch_numbers.hpp"
#include "sroi/msg/base.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/msg/labels.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/msg/tender.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/tender/workbook.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::portal {
namespace {

BidsFormState bids_form_state(const httplib::Request& req) {
  BidsFormState f;
  if (auto v = field(req, "rule"); !v.empty()) f.rule = v;
  if (auto v = field(req, "points"); !v.empty()) f.points = v;
  f.maximum = field(req, "maximum");
  return f;
}

bool ends_with(const std::string& s, std::string_view e) {
  return s.size() > e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

}  // namespace

Html Portal::bids_form(const httplib::Request& req, const Identity& who,
                       const BidsFormState& f) const {
  Html rules;
  for (auto r : {tender::Rule::None, tender::Rule::Proportional, tender::Rule::Relative,
                 tender::Rule::PassFail}) {
    Html o = option(tender::rule_id(r), said(req, tender::rule_name(r)));
    if (f.rule == tender::rule_id(r))
      o = "<option value=\"" + Html::text(tender::rule_id(r)) + "\" selected>" +
          said(req, tender::rule_name(r)) + "</option>";
    rules += o;
  }
  return para(said(req, Msg::PortalBidsHelp)) +
         "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/bids\">" +
         csrf_input(who) + "<p><label>" + said(req, Msg::PortalBidsFiles) +
         "<br><input type=\"file\" name=\"offers\" accept=\".xlsx,.toml\" multiple "
         "required></label></p><p><label>" +
         said(req, Msg::TenderRule) + " <select name=\"rule\">" + rules +
         "</select></label></p><p><label>" + said(req, Msg::TenderMostPoints) +
         " <input name=\"points\" size=\"5\" value=\"" + Html::text(f.points) +
         "\"></label></p><p><label>" + said(req, Msg::TenderMaximum) +
         " <input name=\"maximum\" size=\"14\" placeholder=\"€ 150.000,00\" value=\"" +
         Html::text(f.maximum) + "\"></label></p><p><button>" + said(req, Msg::PortalBidsCompare) +
         "</button> <button name=\"as\" value=\"xlsx\">" + said(req, Msg::PortalBidsWorkbook) +
         "</button></p></form>";
}

void Portal::bids_page(Call& c) {
  page(c.req, c.res, word(c.req, Msg::PortalBidsTitle),
       bids_form(c.req, c.id(), bids_form_state(c.req)), c.who);
}

void Portal::bids_compare(Call& c) {
  const auto& req = c.req;
  const BidsFormState f = bids_form_state(req);
  std::vector<std::string> problems;
  // The scoring first, as `sroi bids` reads its options; then every file.
  tender::Scoring scoring;
  if (auto r = tender::parse_rule(f.rule))
    scoring.rule = *r;
  else
    problems.push_back(
        say(req, msg(Msg::UnknownScoringRule, as_is(f.rule), listed(tender::rule_ids()))));
  auto p = io::read_number(f.points);
  if (!p || !p->is_integer() || p->num() < 1 || p->num() > 1000)
    problems.push_back(say(req, msg(Msg::PortalBidsPoints, as_is(f.points))));
  else
    scoring.points = p->num();
  if (!f.maximum.empty()) {
    Message why;
    auto m = io::read_amount(f.maximum, &why);
    if (m)
      scoring.maximum = *m;
    else
      problems.push_back(say(req, msg(Msg::PortalBidsMaximum, as_is(f.maximum), phrase(why))));
  } else if (scoring.rule == tender::Rule::Proportional) {
    problems.push_back(word(req, Msg::PortalBidsMaximumMissing));
  }
  auto set = regions();
  std::vector<tender::BidInput> bids;
  std::vector<Diagnostic> found;
  auto files = req.files.equal_range("offers");
  for (auto it = files.first; it != files.second; ++it) {
    if (it->second.filename.empty() && it->second.content.empty()) continue;
    const std::string name = clean_file_name(it->second.filename);
    if (!ends_with(name, ".xlsx") && !ends_with(name, ".toml")) {
      problems.push_back(say(req, msg(Msg::PortalBidsWrongType, as_is(name))));
      continue;
    }
    try {
      portfolio::OfferIntake in = portfolio::take_offer_upload(*set, name, it->second.content);
      if (auto w = set->version_warning(in.offer.region, in.offer.contract.start))
        in.assessment.warnings.insert(in.assessment.warnings.begin(), *w);
      bids.push_back({name, std::move(in.offer), std::move(in.assessment)});
    } catch (const DataError& e) {
      found.insert(found.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (bids.empty() && found.empty()) problems.push_back(word(req, Msg::PortalBidsNoFiles));
  std::optional<tender::Tender> t;
  if (problems.empty() && found.empty()) {
    try {
      tender::check_same_terms(bids);
      t = tender::compare_bids(std::move(bids), scoring);
    } catch (const DataError& e) {
      found = e.diagnostics();
    }
  }
  for (auto& s : worded(found, lang(req))) problems.push_back(std::move(s));
  if (!t) {
    c.res.status = 422;
    return page(req, c.res, word(req, Msg::PortalBidsTitle),
                para(said(req, Msg::PortalBidsNotCompared), "risk") + text_bullets(problems) +
                    bids_form(req, c.id(), f),
                c.who);
  }
  if (field(req, "as") == "xlsx") {
    TempDir dir;
    const std::string name = "inschrijvingen.xlsx";
    xlsx::WriteOptions wo;
    wo.lang = lang(req);
    tender::write_tender(*t, dir.path() + "/" + name, wo);
    return send_file(c.res, TempDir::read(dir.path() + "/" + name), name,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }
  page(req, c.res, word(req, Msg::PortalBidsTitle),
       tender_section(req, *t) + "<h2>" + said(req, Msg::PortalBidsCompare) + "</h2>" +
           bids_form(req, c.id(), f),
       c.who);
}

Html Portal::tender_section(const httplib::Request& req, const tender::Tender& t) const {
  // The terms the bids share, the rule, then the bids best first (ties keep their order).
  Html out = "<table>";
  auto fact = [&](MsgId label, const Html& value) {
    out += "<tr><th>" + said(req, label) + "</th><td>" + value + "</td></tr>";
  };
  if (t.region) fact(Msg::CliRegion, Html::text(t.region->label() + " — " + t.region->name));
  fact(Msg::CliContract,
       said(req, msg(Msg::CliValuePeriod, t.contract.value, t.contract.start, t.contract.end)) +
           Html(", ") + said(req, msg(Msg::Value, Percent{t.obligation.percentage})));
  fact(Msg::CliObligation,
       money(t.obligation.amount) + Html(" — ") + said(req, t.obligation.reason));
  Html rule = said(req, tender::rule_explanation(t.scoring.rule));
  if (t.scoring.rule != tender::Rule::None)
    rule = said(req, tender::rule_name(t.scoring.rule)) + Html(": ") + rule;
  if (t.scoring.rule == tender::Rule::Proportional || t.scoring.rule == tender::Rule::Relative)
    rule +=
        Html(" (") + said(req, msg(Msg::CliScoringParams, t.scoring.points)) +
        (t.scoring.maximum ? Html(", ") + said(req, msg(Msg::CliScoringMaximum, *t.scoring.maximum))
                           : Html()) +
        Html(")");
  fact(Msg::CliScoringRule, rule);
  out += "</table>";

  std::vector<std::size_t> order(t.bids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return t.bids[x].rank < t.bids[y].rank; });
  const Lang l = lang(req);
  auto shown = [&](const Ratio& r, int places) {
    return Html::text(text::say(Arg{Decimal{round_to(r, places), places}}, l));
  };
  out += "<table class=\"bids\">" +
         heading_row({said(req, Msg::TenderRank), Html("#"), said(req, Msg::LabelSupplier),
                      said(req, Msg::TenderFile), said(req, Msg::TenderOffered),
                      said(req, Msg::TenderDifference), Html("%"), said(req, Msg::TenderMeets),
                      said(req, Msg::TenderPoints), said(req, Msg::TenderSignalCount)});
  for (std::size_t i : order) {
    const tender::Bid& b = t.bids[i];
    Money diff = b.offered - t.obligation.amount;
    Html difference = diff.is_negative() ? Html("-") + money(-diff) : Html("+") + money(diff);
    out += row(
        {figure_cell(Html::number(b.rank)), figure_cell(Html::number(i + 1)),
         cell(Html::text(b.assessment.supplier) + (b.assessment.provisional ? Html(" *") : Html())),
         cell(Html::text(b.file)), figure_cell(money(b.offered)), figure_cell(difference),
         figure_cell(b.surplus_percent ? shown(*b.surplus_percent, 1) + Html(" %") : Html()),
         cell(said(req, b.meets ? Msg::HarmYes : Msg::HarmNo)),
         figure_cell(b.points ? shown(*b.points, 2) : Html()),
         figure_cell(Html::number(red_flags(b.assessment.signals)))});
  }
  out += "</table>";
  if (std::any_of(t.bids.begin(), t.bids.end(),
                  [](const tender::Bid& b) { return b.assessment.provisional; }))
    out += para(said(req, Msg::PortalBidsProvisionalMark), "legend");
  if (!t.notes.empty()) {
    std::vector<Html> notes;
    for (const auto& n : t.notes) notes.push_back(said(req, n));
    out += "<h2>" + said(req, Msg::CliNotes) + "</h2>" + bullets(notes);
  }
  // Per bid: how its points came about, its provisional values, warnings and signals.
  out += "<h2>" + said(req, Msg::TenderExplanation) + "</h2>";
  for (std::size_t i = 0; i < t.bids.size(); ++i) {
    const tender::Bid& b = t.bids[i];
    const Assessment& a = b.assessment;
    // Each sentence once: the provisional values are named once, not again per line.
    std::vector<std::string> said_once{say(req, b.points_trace)};
    auto add = [&](const Message& m) {
      std::string s = say(req, m);
      if (std::find(said_once.begin(), said_once.end(), s) == said_once.end())
        said_once.push_back(std::move(s));
    };
    for (const auto& w : a.warnings) add(w);
    if (a.provisional)
      for (const auto& v : a.provisional_values) add(msg(Msg::PortalBidProvisional, phrase(v)));
    for (const auto& s : a.signals)
      if (s.kind != Plausibility::ProvisionalLine) add(s.explanation);
    std::vector<Html> items;
    for (const auto& s : said_once) items.push_back(Html::text(s));
    out += "<h3>" + Html::number(i + 1) + Html(". ") +
           Html::text(a.supplier.empty() ? b.file : a.supplier) + "</h3>" + bullets(items);
  }
  return out;
}

}  // namespace sroi::portal
