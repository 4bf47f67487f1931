// SPDX-License-Identifier: EUPL-1.2
// Contract management in the portal: the inbox of an account's notices (the same as `sroi
// remind` mails it), each marked when it went out by e-mail.
#include "sroi/io/dutch_numbers.hpp"
#include "sroi/kpi/kpi.hpp"
#include "sroi/manage/reminders.hpp"
#include "sroi/manage/settlement.hpp"
#include "sroi/msg/kpi.hpp"
#include "sroi/msg/manage.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/msg/store.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/report/manage/mail.hpp"
#include "sroi/report/manage/settlement.hpp"
#include "sroi/report/register/tables.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::portal {

void Portal::inbox(Call& c) {
  const auto& req = c.req;
  auto view = status_.get();
  int refresh = 0;
  Html body = as_of_line(req, *view, refresh);
  std::vector<manage::ContractDue> due;
  std::optional<store::UserRecord> me;
  std::set<std::string> mailed;
  std::map<std::string, std::vector<store::ImportRecord>> imports;
  {
    auto lease = pool_.read();
    me = lease->find_user(c.id().name);
    if (me) mailed = lease->notices_sent(me->name);
    auto shown = mine(*view, c.id());
    std::vector<std::string> ids;
    for (const auto* s : shown) ids.push_back(s->record.contract.id);
    imports = manage::imports_by_contract(*lease, ids);  // one read, not one per contract
    for (const auto* s : shown) {
      const std::string& id = s->record.contract.id;
      manage::ContractDue d;
      static_cast<manage::ContractReports&>(d) =
          manage::contract_reports(s->record.contract, s->region, imports[id], view->as_of);
      d.status = *s;
      due.push_back(std::move(d));
    }
  }
  std::vector<manage::Notice> notices;
  if (me) {
    auto found = manage::reminders(due, {*me}, imports, view->as_of, {});
    if (!found.empty()) notices = std::move(found.front().notices);
  }
  if (me && !me->email.empty())
    body += para(said(req, msg(Msg::InboxMailedTo, as_is(me->email))));
  else
    body += para(said(req, msg(Msg::InboxNoAddress, as_is(c.id().name))));
  if (notices.empty()) {
    body += para(said(req, msg(Msg::InboxEmpty, view->as_of)), "ok");
  } else {
    const Lang l = lang(req);
    for (manage::NoticeKind kind :
         {manage::NoticeKind::ReportOverdue, manage::NoticeKind::ReportOpen,
          manage::NoticeKind::AtRisk, manage::NoticeKind::NewHandIn}) {
      std::vector<Html> items;
      for (const auto& n : notices) {
        if (n.kind != kind) continue;
        const std::string& id = n.contract->status.record.contract.id;
        Html item = link("/contracts/" + url_part(id), Html::text(notice_sentence(n, l)));
        if (mailed.count(n.key)) item += " <small>(" + said(req, Msg::InboxMailed) + ")</small>";
        items.push_back(item);
      }
      if (items.empty()) continue;
      body += "<h2>" + said(req, notice_heading(kind)) + "</h2>" + bullets(items);
    }
  }
  page(req, c.res, word(req, Msg::InboxTitle), body, c.who, refresh);
}

Html Portal::deliveries_section(const httplib::Request& req, const portfolio::ContractStatus& s,
                                const Identity& who) {
  // Every delivery of the contract with the buyer's review; the buyer accepts or rejects each
  // one in force (a rejection with a reason the supplier reads here).
  const std::string& id = s.record.contract.id;
  std::vector<store::ImportRecord> imports;
  {
    auto lease = pool_.read();
    imports = lease->imports(std::optional<std::string>(id));
  }
  Html out = "<h2 id=\"deliveries\">" + said(req, Msg::DeliveriesHeading) + "</h2>";
  if (portfolio::counts_accepted_only(s.record.contract, s.region))
    out += para(said(req, Msg::DeliveriesAcceptedOnly));
  if (imports.empty()) return out + para(said(req, Msg::DeliveriesNone));
  const bool reviewer = who.role == store::Role::Buyer && !who.csrf.empty();
  const Lang l = lang(req);
  out += "<table>" + heading_row({said(req, Msg::LabelDeliveryNumber), said(req, Msg::LabelFile),
                                  said(req, Msg::LabelRows), said(req, Msg::LabelDeliveredOn),
                                  said(req, Msg::LabelReview)});
  for (const auto& i : imports) {
    Html review = said(req, review_words(i));
    if (i.rejected()) review = "<span class=\"risk\">" + review + "</span>";
    // A delivery replaced later keeps its review in view (a rejection stays readable).
    if (!i.in_force()) review += Html("; ") + said(req, Msg::DeliveryNotInForce);
    if (reviewer && i.in_force()) {
      // Each review can be changed, to the other decision: no button for the one taken.
      const Html action =
          Html::text("/contracts/" + url_part(id) + "/imports/" + std::to_string(i.id) + "/review");
      if (!i.accepted())
        review += "<form method=\"post\" action=\"" + action + "\">" + csrf_input(who) +
                  "<input type=\"hidden\" name=\"decision\" value=\"accept\"><button>" +
                  said(req, Msg::DeliveryAccept) + "</button></form>";
      if (!i.rejected())
        review += "<form method=\"post\" action=\"" + action + "\">" + csrf_input(who) +
                  "<input type=\"hidden\" name=\"decision\" value=\"reject\"><label>" +
                  said(req, Msg::DeliveryReason) +
                  " <input name=\"reason\" size=\"30\" maxlength=\"1000\" required></label> "
                  "<button>" +
                  said(req, Msg::DeliveryReject) + "</button></form>";
    }
    out += "<tr><td>" + Html::number(i.id) + "</td><td>" + Html::text(i.source_file) + "</td><td>" +
           Html::number(i.rows) + "</td><td>" + Html::text(text::local_time(i.imported_at, l)) +
           "</td><td>" + review + "</td></tr>";
  }
  return out + "</table>";
}

void Portal::review_delivery(Call& c) {
  // A delivery as a whole (/imports/{import}/review) or one of its lines
  // (/lines/{line}/review): accepted, rejected with a reason, or (a line) back to its delivery's.
  const auto& req = c.req;
  const std::string& id = c.contract->record.contract.id;
  const bool per_line = c.params.count("line") > 0;
  const std::string decision = field(req, "decision");
  const std::string reason = field(req, "reason");
  std::vector<Html> problems;
  int64_t number_id = 0;
  const std::string& number = c.param(per_line ? "line" : "import");
  const MsgId number_label = per_line ? Msg::LabelLineNumber : Msg::LabelDeliveryNumber;
  if (number.empty() || number.size() > 18 ||
      number.find_first_not_of("0123456789") != std::string::npos)
    problems.push_back(
        said(req, msg(Msg::PortalFieldProblem, as_is(word(req, number_label)), as_is(number))));
  else
    number_id = std::stoll(number);
  if (decision != "accept" && decision != "reject" && !(per_line && decision == "follow"))
    problems.push_back(said(
        req, msg(Msg::PortalFieldProblem, as_is(word(req, Msg::LabelReview)), as_is(decision))));
  bool reason_ok = reason.size() <= 1000 &&
                   (decision != "reject" || reason.find_first_not_of(" \t") != std::string::npos);
  for (unsigned char ch : reason) reason_ok = reason_ok && ch >= 0x20 && ch != 0x7f;
  if (!reason_ok) problems.push_back(said(req, Msg::DeliveryReasonNeeded));
  const std::string review = decision == "accept"   ? "accepted"
                             : decision == "reject" ? "rejected"
                                                    : "submitted";
  const std::string why = decision == "reject" ? reason : "";
  if (problems.empty()) {
    try {
      store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(c.id()));
      // Only this contract's deliveries and lines: another contract's number is unknown here.
      if (per_line) {
        if (!reg.line_imports(id).count(number_id)) throw StoreError(msg(Msg::NoLine, number_id));
        reg.review_line(number_id, review, why);
      } else {
        bool mine = false;
        for (const auto& i : reg.imports(id)) mine = mine || i.id == number_id;
        if (!mine) throw StoreError(msg(Msg::NoImport, number_id));
        reg.review_import(number_id, review, why);
      }
      c.res.status = 303;
      c.res.set_header("Location", "/contracts/" + url_part(id) + "?done=review#" +
                                       (per_line ? "lines" : "deliveries"));
      return;
    } catch (const StoreError& e) {
      problems.push_back(said(req, e.message()));
    }
  }
  c.res.status = 422;
  page(req, c.res, word(req, Msg::DeliveriesHeading),
       bullets(problems, "risk") + back_link(req, "/contracts/" + url_part(id) + "#deliveries"),
       c.who);
}

namespace {

/// A decision's form field as the settlement takes it.
std::optional<Money> penalty_field(const std::string& text) {
  if (text.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  return io::read_amount(text);
}

}  // namespace

void Portal::settlement_page(Call& c) {
  const auto& req = c.req;
  const std::string& id = c.contract->record.contract.id;
  manage::SettlementAssessment a;
  {
    auto lease = pool_.read();
    a = manage::assess_settlement(*lease, *c.view->regions, id, today());
  }
  const Lang l = lang(req);
  int refresh = 0;
  Html body = as_of_line(req, *c.view, refresh);
  if (req.get_param_value("done") == "settled")
    body += para(said(req, Msg::PortalSettlementRecorded), "ok");
  body += "<table>";
  for (const auto& [label, value] : settlement_rows(a, l))
    if (!value.empty())
      body += "<tr><th>" + Html::text(label) + "</th>" + figure_cell(Html::text(value)) + "</tr>";
  body += "</table>";
  if (!a.ended) body += para(said(req, msg(Msg::SettleNotYetEnded, a.status.record.contract.end)));
  const std::string base = "/contracts/" + url_part(id) + "/afrekening";
  body += para(link(base + ".xlsx", said(req, Msg::PortalSettlementWorkbook)) + " · " +
               link(base + ".pdf", said(req, Msg::PortalSettlementLetter)));
  body += "<h2>" + said(req, Msg::LetterSheet) + "</h2><blockquote class=\"letter\">";
  const Date letter_day = letter_date(a, today());
  for (const auto& p : settlement_letter(a, l, letter_day)) body += para(Html::text(p));
  body += "</blockquote>";
  const Identity& who = c.id();
  if (who.role == store::Role::Buyer && !who.csrf.empty() && a.ended && !a.decided &&
      !a.status.shortfall.is_zero()) {
    body += "<h2>" + said(req, Msg::PortalSettlementDecide) +
            "</h2><form method=\"post\" action=\"" +
            Html::text("/contracts/" + url_part(id) + "/settle") + "\">" + csrf_input(who) +
            "<p><label><input type=\"radio\" name=\"decision\" value=\"impose\" required> " +
            said(req, Msg::DecisionImpose) +
            "</label><br><label><input type=\"radio\" name=\"decision\" value=\"reduce\"> " +
            said(req, Msg::DecisionReduce) +
            "</label><br><label><input type=\"radio\" name=\"decision\" value=\"waive\"> " +
            said(req, Msg::DecisionWaive) + "</label></p><p><label>" +
            said(req, Msg::PortalSettlementPenalty) +
            " <input name=\"penalty\" size=\"12\" placeholder=\"5.000,00\"></label></p><p><label>" +
            said(req, Msg::DeliveryReason) +
            " <input name=\"reason\" size=\"60\" maxlength=\"1000\"></label></p><button>" +
            said(req, Msg::PortalSettlementSave) + "</button></form>";
  }
  body += back_link(req, "/contracts/" + url_part(id));
  page(req, c.res, text::say(msg(Msg::SettleTitle, as_is(id)), l), body, c.who, refresh);
}

void Portal::settle(Call& c) {
  const auto& req = c.req;
  const std::string& id = c.contract->record.contract.id;
  std::vector<Html> problems;
  const std::string decision = field(req, "decision"), reason = field(req, "reason");
  const std::string penalty_text = field(req, "penalty");
  std::optional<Money> penalty = penalty_field(penalty_text);
  if (!penalty && penalty_text.find_first_not_of(" \t") != std::string::npos)
    problems.push_back(
        said(req, msg(Msg::PortalFieldProblem, as_is(word(req, Msg::PortalSettlementPenalty)),
                      as_is(penalty_text))));
  bool reason_ok = reason.size() <= 1000;
  for (unsigned char ch : reason) reason_ok = reason_ok && ch >= 0x20 && ch != 0x7f;
  if (!reason_ok) problems.push_back(said(req, Msg::DeliveryReasonNeeded));
  if (problems.empty()) {
    try {
      store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(c.id()));
      manage::SettlementAssessment a =
          manage::assess_settlement(reg, *c.view->regions, id, today());
      reg.record_settlement(manage::decide(a, decision, penalty, reason, SourceLocation{}));
      c.res.status = 303;
      c.res.set_header("Location", "/contracts/" + url_part(id) + "/afrekening?done=settled");
      return;
    } catch (const DataError& e) {
      for (const auto& d : e.diagnostics()) problems.push_back(said(req, d.message));
    } catch (const StoreError& e) {
      problems.push_back(said(req, e.message()));
    }
  }
  c.res.status = 422;
  page(req, c.res, text::say(msg(Msg::SettleTitle, as_is(id)), lang(req)),
       bullets(problems, "risk") + back_link(req, "/contracts/" + url_part(id) + "/afrekening"),
       c.who);
}

void Portal::settlement_download(Call& c) {
  const std::string& id = c.contract->record.contract.id;
  manage::SettlementAssessment a;
  {
    auto lease = pool_.read();
    a = manage::assess_settlement(*lease, *c.view->regions, id, today());
  }
  const Date letter_day = letter_date(a, today());
  const bool pdf = c.req.path.size() > 4 && c.req.path.substr(c.req.path.size() - 4) == ".pdf";
  const std::string name = clean_file_name("afrekening-" + id + (pdf ? ".pdf" : ".xlsx"));
  TempDir dir;
  const std::string path = dir.path() + "/" + name;
  if (pdf) {
    write_settlement_letter_pdf(path, a, lang(c.req), letter_day);
    send_file(c.res, TempDir::read(path), name, "application/pdf");
  } else {
    write_settlement_workbook(path, a, lang(c.req), letter_day, true);
    send_file(c.res, TempDir::read(path), name,
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }
}

void Portal::kpi_page(Call& c) {
  // The buyer's own steering figures for the year so far: the register's kpi grouped by
  // buyer, suppressed as `sroi kpi` suppresses them (a group of fewer than 5 persons shows
  // nothing), its own row picked.
  const auto& req = c.req;
  auto view = status_.get();
  const Date to = view->as_of;
  const Date from{to.year, 1, 1};
  kpi::Report r;
  {
    auto lease = pool_.read();
    r = kpi::compute(*lease, *view->regions, from, to, kpi::By::Buyer, "portal");
  }
  int refresh = 0;
  Html body = as_of_line(req, *view, refresh) +
              para(said(req, msg(Msg::PortalKpiPeriod, from, to, as_is(c.id().org))));
  const kpi::Figures* mine = nullptr;
  for (const auto& g : r.groups)
    if (g.key == c.id().org) mine = &g.f;
  if (!mine) {
    body += para(said(req, Msg::PortalNoContracts));
  } else if (mine->suppressed) {
    body += para(said(req, Msg::PortalKpiSuppressed));
  } else {
    const Lang l = lang(req);
    auto amount = [&](const std::optional<Money>& m) { return m ? money(*m) : Html("–"); };
    auto fact = [&](MsgId label, const Html& value) {
      return "<tr><th>" + said(req, label) + "</th>" + figure_cell(value) + "</tr>";
    };
    auto count = [&](int64_t n) { return Html::text(text::say(Arg{Count{n}}, l)); };
    body += "<table>" + fact(Msg::KpiContracts, count(mine->contracts)) +
            fact(Msg::KpiObligation, amount(mine->obligation)) +
            fact(Msg::KpiOffered, amount(mine->offered)) +
            fact(Msg::KpiRealised, amount(mine->realised)) +
            fact(Msg::KpiCandidates, count(mine->candidates)) +
            fact(Msg::KpiFte, Html::text(text::say(Arg{Decimal{mine->fte, 2}}, l))) +
            fact(Msg::KpiHours, Html::text(text::say(Arg{Decimal{mine->hours, 0}}, l))) +
            fact(Msg::KpiPlacements, count(mine->placements)) + "</table>";
    if (mine->submitted_differs())
      body += para(said(req, msg(Msg::StatusAcceptedOnly, *mine->submitted)));
    if (mine->provisional) body += para(said(req, Msg::PortalProvisional));
  }
  page(req, c.res, word(req, Msg::PortalKpiTitle), body, c.who, refresh);
}

}  // namespace sroi::portal
