// SPDX-License-Identifier: EUPL-1.2
// What a buyer (and every role, for its own contracts) sees: the dashboard, a contract with
// its lines and traces, the evidence a buyer records, and the status workbook.
#include <algorithm>
#include <map>
#include <set>

#include "sroi/io/dutch_numbers.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/portfolio/workbook.hpp"

namespace sroi::portal {
namespace {

/// The kinds of target-group evidence a buyer can record having seen.
constexpr std::pair<const char*, Msg> kEvidenceKinds[] = {
    {"municipality", Msg::EvidenceKindMunicipality},
    {"uwv", Msg::EvidenceKindUwv},
    {"register", Msg::EvidenceKindRegister},
    {"benefit", Msg::EvidenceKindBenefit},
    {"other", Msg::EvidenceKindOther}};

std::optional<Msg> evidence_kind(const std::string& id) {
  for (const auto& [k, m] : kEvidenceKinds)
    if (id == k) return m;
  return std::nullopt;
}

/// A bar's width in pixels for `part` of `whole` on a bar of `width`.
int bar(Money part, Money whole, int width) {
  if (whole.cents() <= 0 || part.cents() <= 0) return 0;
  __extension__ typedef __int128 i128;
  i128 w = static_cast<i128>(part.cents()) * width / whole.cents();
  return static_cast<int>(std::min<i128>(w, width));
}

}  // namespace

std::string Portal::chart(const httplib::Request& req, const portfolio::ContractStatus& s,
                          bool small) const {
  if (small) {
    // Realised against the obligation, with a mark where the forecast ends.
    Money whole = std::max({s.obligation.amount, s.forecast, s.realised, Money::cents(1)});
    int r = bar(s.realised, whole, 120), f = bar(s.forecast, whole, 120),
        o = bar(s.obligation.amount, whole, 120);
    return "<svg width=\"124\" height=\"14\" role=\"img\"><title>" +
           escape(word(req, Msg::KpiRealised)) + " " + money(s.realised) + " / " +
           escape(word(req, Msg::KpiObligation)) + " " + money(s.obligation.amount) +
           "</title><rect x=\"0\" y=\"2\" width=\"120\" height=\"10\" fill=\"#eee\"/><rect x=\"0\" "
           "y=\"2\" width=\"" +
           std::to_string(r) + "\" height=\"10\" fill=\"" + (s.at_risk() ? "#c33" : "#2a7") +
           "\"/><rect x=\"" + std::to_string(std::max(0, f - 1)) +
           "\" y=\"0\" width=\"2\" height=\"14\" fill=\"#999\"/><rect x=\"" +
           std::to_string(std::max(0, o - 1)) +
           "\" y=\"0\" width=\"2\" height=\"14\" fill=\"#036\"/></svg>";
  }
  struct Bar {
    Msg label;
    Money value;
    const char* colour;
  };
  std::vector<Bar> bars = {{Msg::KpiObligation, s.obligation.amount, "#036"},
                           {Msg::KpiOffered, s.offered, "#69c"},
                           {Msg::KpiRealised, s.realised, s.at_risk() ? "#c33" : "#2a7"},
                           {Msg::PortalForecast, s.forecast, "#999"}};
  Money top = Money::cents(1);
  for (const auto& b : bars) top = std::max(top, b.value);
  std::string svg = "<figure><svg width=\"560\" height=\"" + std::to_string(bars.size() * 30 + 10) +
                    "\" role=\"img\"><title>" + escape(word(req, Msg::PortalChart)) + "</title>";
  int y = 5;
  for (const auto& b : bars) {
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 15) + "\" font-size=\"13\">" +
           escape(word(req, b.label)) + "</text><rect x=\"110\" y=\"" + std::to_string(y) +
           "\" width=\"" + std::to_string(bar(b.value, top, 300)) + "\" height=\"20\" fill=\"" +
           b.colour + "\"/><text x=\"" + std::to_string(115 + bar(b.value, top, 300)) + "\" y=\"" +
           std::to_string(y + 15) + "\" font-size=\"13\">" + money(b.value) + "</text>";
    y += 30;
  }
  return svg + "</svg><figcaption>" + escape(word(req, Msg::PortalChart)) +
         "</figcaption></figure>";
}

void Portal::dashboard(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  auto view = status_.get();
  auto rows = mine(*view, *who);
  int refresh = 0;
  std::string body = as_of_line(req, *view, refresh);
  if (rows.empty()) {
    body += "<p>" + escape(word(req, Msg::PortalNoContracts)) + "</p>";
  } else {
    body += "<p><a href=\"/report.xlsx\">" + escape(word(req, Msg::PortalDownloadAll)) +
            "</a></p><table><tr><th>" + escape(word(req, Msg::LabelContract)) + "</th><th>" +
            escape(word(req, Msg::LabelSupplier)) + "</th><th>" +
            escape(word(req, Msg::LabelBuyer)) + "</th><th>" +
            escape(word(req, Msg::KpiObligation)) + "</th><th>" +
            escape(word(req, Msg::KpiOffered)) + "</th><th>" + escape(word(req, Msg::KpiRealised)) +
            "</th><th>" + escape(word(req, Msg::PortalForecast)) + "</th><th>" +
            escape(word(req, Msg::PortalPenalty)) + "</th><th></th><th></th></tr>";
    bool provisional = false;
    for (const auto* s : rows) {
      const std::string& id = s->record.contract.id;
      provisional = provisional || s->provisional;
      body +=
          "<tr><td><a href=\"/contracts/" + escape(url_part(id)) + "\">" + escape(id) + "</a>" +
          (s->provisional ? " *" : "") + "</td><td>" + escape(s->record.supplier) + "</td><td>" +
          escape(s->record.buyer) + "</td><td class=\"n\">" + money(s->obligation.amount) +
          "</td><td class=\"n\">" + money(s->offered) + "</td><td class=\"n\">" +
          money(s->realised) + "</td><td class=\"n\">" + money(s->forecast) +
          "</td><td class=\"n\">" + money(s->penalty) + "</td><td>" + chart(req, *s, true) +
          "</td><td>" +
          (s->at_risk() ? "<span class=\"risk\">" + escape(word(req, Msg::PortalAtRisk)) + "</span>"
                        : "") +
          "</td></tr>";
    }
    body += "</table>";
    if (provisional) body += "<p>* " + escape(word(req, Msg::PortalProvisional)) + "</p>";
  }
  Msg title = who->role == store::Role::Coordinator ? Msg::PortalPortfolio : Msg::PortalContracts;
  page(req, res, word(req, title), body, who, refresh);
}

std::string Portal::lines_section(const httplib::Request& req, const portfolio::ContractStatus& s,
                                  const Identity& who) {
  auto view = status_.get();
  store::Register reg(o_.db_path, store::Register::Access::ReadOnly, who.name);
  portfolio::ContractLines found =
      portfolio::contract_lines(reg, *view->regions, s.record.contract.id, view->as_of,
                                [&view](const std::string& id) { return view->known(id); });
  std::string out = "<h2 id=\"lines\">" + escape(word(req, Msg::PortalLinesTrace)) + "</h2>";
  if (found.lines.empty()) return out + "<p>" + escape(word(req, Msg::PortalNoLines)) + "</p>";
  Lang l = lang(req);
  out += "<table><tr><th>" + escape(word(req, Msg::LabelCandidate)) + "</th><th>" +
         escape(word(req, Msg::LabelBlock)) + "</th><th>" + escape(word(req, Msg::LabelStart)) +
         "</th><th>" + escape(word(req, Msg::LabelEnd)) + "</th><th>" +
         escape(word(req, Msg::LabelHoursPerWeek)) + "</th><th>" +
         escape(word(req, Msg::LabelValue)) + "</th><th>" +
         escape(word(req, Msg::LabelExplanation)) + "</th></tr>";
  for (const auto& r : found.lines) {
    std::string trace;
    for (const auto& step : r.trace)
      trace += "<li>" + escape(text::word(step.step, l)) + ": " + escape(say(req, step.detail)) +
               "</li>";
    for (const auto& w : r.warnings) trace += "<li>" + escape(say(req, w)) + "</li>";
    if (r.zero_reason) trace += "<li>" + escape(say(req, *r.zero_reason)) + "</li>";
    out += "<tr><td>" + escape(r.candidate) + "</td><td>" + escape(r.block_name) + "</td><td>" +
           (r.start ? escape(text::say(Arg{*r.start}, l)) : "") + "</td><td>" +
           (r.end ? escape(text::say(Arg{*r.end}, l)) : "") + "</td><td class=\"n\">" +
           (r.hours_per_week ? escape(text::say(Arg{Decimal{*r.hours_per_week, 2}}, l)) : "") +
           "</td><td class=\"n\">" + money(r.value) + (r.provisional ? " *" : "") +
           "</td><td><details><summary>" + escape(word(req, Msg::LabelTrace)) +
           "</summary><ul class=\"trace\">" + trace + "</ul></details></td></tr>";
  }
  out += "</table>";
  if (!found.problems.empty()) out += problem_list(req, found.problems);

  // Evidence: per candidate, what was recorded; a buyer records more.
  std::set<std::string> candidates;
  for (const auto& r : found.lines) candidates.insert(r.candidate);
  std::map<std::string, std::vector<store::EvidenceRecord>> seen;
  for (auto& e : reg.evidence(s.record.contract.id)) seen[e.candidate].push_back(std::move(e));
  out += "<h2 id=\"evidence\">" + escape(word(req, Msg::PortalEvidence)) + "</h2><p>" +
         escape(word(req, Msg::PortalEvidenceHelp)) + "</p><table><tr><th>" +
         escape(word(req, Msg::LabelCandidate)) + "</th><th>" +
         escape(word(req, Msg::PortalEvidenceKind)) + "</th><th>" +
         escape(word(req, Msg::PortalEvidenceDate)) + "</th><th>" +
         escape(word(req, Msg::PortalEvidenceBy)) + "</th></tr>";
  for (const auto& c : candidates) {
    auto it = seen.find(c);
    if (it == seen.end()) {
      out += "<tr><td>" + escape(c) + "</td><td colspan=\"3\" class=\"risk\">" +
             escape(word(req, Msg::PortalEvidenceNone)) + "</td></tr>";
      continue;
    }
    for (const auto& e : it->second) {
      auto kind = evidence_kind(e.kind);
      out += "<tr><td>" + escape(c) + "</td><td>" + escape(kind ? word(req, *kind) : e.kind) +
             "</td><td>" + escape(text::say(Arg{e.seen_on}, l)) + "</td><td>" +
             escape(e.recorded_by.substr(0, e.recorded_by.find(" ("))) + "</td></tr>";
    }
  }
  out += "</table>";
  if (who.role == store::Role::Buyer && !who.csrf.empty()) {
    out += "<form method=\"post\" action=\"/contracts/" + escape(url_part(s.record.contract.id)) +
           "/evidence\">" + csrf_input(who) + "<label>" + escape(word(req, Msg::LabelCandidate)) +
           " <select name=\"candidate\">";
    for (const auto& c : candidates)
      out += "<option value=\"" + escape(c) + "\">" + escape(c) + "</option>";
    out += "</select></label> <label>" + escape(word(req, Msg::PortalEvidenceKind)) +
           " <select name=\"kind\">";
    for (const auto& [k, m] : kEvidenceKinds)
      out += "<option value=\"" + std::string(k) + "\">" + escape(word(req, m)) + "</option>";
    out += "</select></label> <label>" + escape(word(req, Msg::PortalEvidenceDate)) +
           " <input name=\"seen_on\" size=\"10\" value=\"" +
           escape(text::say(Arg{view->as_of}, l)) + "\" required></label> <button>" +
           escape(word(req, Msg::PortalEvidenceSave)) + "</button></form>";
  }
  return out;
}

void Portal::contract(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  const portfolio::ContractStatus& s = *c.contract;
  const std::string& id = s.record.contract.id;
  const auto& view = c.view;
  int refresh = 0;
  std::string body = as_of_line(req, *view, refresh);
  if (req.has_param("done"))
    body +=
        "<p class=\"ok\">" +
        escape(req.get_param_value("done") == "evidence" ? word(req, Msg::PortalEvidenceRecorded)
                                                         : word(req, Msg::PortalLineAdded)) +
        "</p>";
  body += "<table>";
  auto row = [&](Msg label, const std::string& value) {
    body += "<tr><th>" + escape(word(req, label)) + "</th><td class=\"n\">" + value + "</td></tr>";
  };
  row(Msg::LabelSupplier, escape(s.record.supplier));
  row(Msg::LabelBuyer, escape(s.record.buyer));
  row(Msg::LabelRegion, escape(s.region ? s.region->label() : s.record.region.id));
  row(Msg::LabelPeriod, escape(say(req, msg(Msg::Value, s.record.contract.start))) + " – " +
                            escape(say(req, msg(Msg::Value, s.record.contract.end))));
  row(Msg::LabelContractValue, money(s.record.contract.value));
  row(Msg::KpiObligation, money(s.obligation.amount));
  row(Msg::KpiOffered, money(s.offered));
  row(Msg::KpiRealised, money(s.realised));
  row(Msg::PortalForecast, money(s.forecast));
  row(Msg::PortalPenalty, money(s.penalty));
  row(Msg::PortalLines, std::to_string(s.lines));
  body += "</table>";
  if (s.provisional) body += "<p>" + escape(word(req, Msg::PortalProvisional)) + "</p>";
  body += chart(req, s, false);
  auto list = [&](Msg title, const std::vector<Message>& items) {
    if (items.empty()) return;
    body += "<h2>" + escape(word(req, title)) + "</h2><ul>";
    for (const auto& m : items)
      body += "<li" + std::string(title == Msg::PortalRisks ? " class=\"risk\"" : "") + ">" +
              escape(say(req, m)) + "</li>";
    body += "</ul>";
  };
  list(Msg::PortalRisks, s.risks);
  list(Msg::PortalWarnings, s.warnings);
  body += "<p><a href=\"/contracts/" + escape(url_part(id)) + "/status.xlsx\">" +
          escape(word(req, Msg::PortalDownload)) + "</a></p>";
  if (who->role == store::Role::Supplier && !who->csrf.empty())
    body += supplier_forms(req, s, *who);
  body += lines_section(req, s, *who);
  body += "<p><a href=\"/\">" + escape(word(req, Msg::PortalBack)) + "</a></p>";
  page(req, res, id, body, who, refresh);
}

void Portal::record_evidence(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  const std::string& id = c.contract->record.contract.id;
  std::string candidate = field(req, "candidate"), kind = field(req, "kind");
  std::vector<std::string> problems;
  if (!evidence_kind(kind))
    problems.push_back(say(
        req, msg(Msg::PortalFieldProblem, as_is(word(req, Msg::PortalEvidenceKind)), as_is(kind))));
  Message why;
  auto seen = io::read_date(field(req, "seen_on"), &why);
  const Contract& term = c.contract->record.contract;
  Date last = std::min(term.end, today());
  if (!seen)
    problems.push_back(say(
        req, msg(Msg::PortalFieldProblem, as_is(word(req, Msg::PortalEvidenceDate)), phrase(why))));
  else if (*seen < term.start || last < *seen)
    problems.push_back(say(req, msg(Msg::PortalEvidenceDateRange,
                                    as_is(word(req, Msg::PortalEvidenceDate)), term.start, last)));
  std::string back = "<p><a href=\"/contracts/" + escape(url_part(id)) + "#evidence\">" +
                     escape(word(req, Msg::PortalBack)) + "</a></p>";
  if (problems.empty()) {
    try {
      store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(*who));
      reg.record_evidence(id, candidate, kind, *seen);
      res.status = 303;
      res.set_header("Location", "/contracts/" + url_part(id) + "?done=evidence#evidence");
      return;
    } catch (const StoreError& e) {
      problems.push_back(say(req, e.message()));
    }
  }
  res.status = 422;
  std::string body = "<ul>";
  for (const auto& p : problems) body += "<li class=\"risk\">" + escape(p) + "</li>";
  page(req, res, word(req, Msg::PortalEvidence), body + "</ul>" + back, who);
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
