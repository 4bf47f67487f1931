// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/manage/tables.hpp"

#include "sroi/model/enum_ids.hpp"
#include "sroi/msg/manage.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/report/json_writer.hpp"
#include "sroi/report/text_table.hpp"

namespace sroi {

using manage::ContractDue;
using manage::period_id;
using manage::PeriodReport;
using manage::ReportPeriod;
using manage::ReportState;

Message period_name(const ReportPeriod& p) {
  MsgId id = p.every == ReportEvery::Quarter    ? Msg::PeriodQuarter
             : p.every == ReportEvery::HalfYear ? Msg::PeriodHalfYear
                                                : Msg::PeriodYear;
  return msg(id, int64_t{p.number}, as_is(std::to_string(p.year)));
}

const char* report_state_id(ReportState s) {
  switch (s) {
    case ReportState::Upcoming:
      return "upcoming";
    case ReportState::Running:
      return "running";
    case ReportState::Open:
      return "open";
    case ReportState::Overdue:
      return "overdue";
    case ReportState::HandedIn:
      return "handed-in";
    case ReportState::HandedInLate:
      break;
  }
  return "handed-in-late";
}

MsgId role_word(store::Role r) {
  switch (r) {
    case store::Role::Coordinator:
      return Msg::RoleCoordinator;
    case store::Role::Buyer:
      return Msg::RoleBuyer;
    case store::Role::Supplier:
      break;
  }
  return Msg::RoleSupplier;
}

Message terms_words(const manage::ReportingTerms& t) {
  MsgId id = t.every == ReportEvery::Quarter    ? Msg::EveryQuarter
             : t.every == ReportEvery::HalfYear ? Msg::EveryHalfYear
                                                : Msg::EveryYear;
  return msg(id, int64_t{t.grace_days});
}

Message report_state_words(const PeriodReport& r) {
  switch (r.state) {
    case ReportState::Upcoming:
      return msg(Msg::StateUpcoming);
    case ReportState::Running:
      return msg(Msg::StateRunning);
    case ReportState::Open:
      return msg(Msg::StateOpen);
    case ReportState::Overdue:
      return msg(Msg::StateOverdue);
    case ReportState::HandedIn:
      return msg(Msg::StateHandedIn, r.handed_in.value_or(r.period.last));
    case ReportState::HandedInLate:
      break;
  }
  return msg(Msg::StateHandedInLate, r.handed_in.value_or(r.period.last));
}

namespace {

std::string say_due(const Message& m) { return words(m); }

std::vector<std::string> due_cells(const ContractDue& d) {
  const PeriodReport* next = d.next();
  std::string overdue;
  for (const PeriodReport* r : d.overdue())
    overdue += (overdue.empty() ? "" : "; ") +
               say_due(msg(Msg::PeriodWasDue, phrase(period_name(r->period)), r->period.deadline));
  const auto& c = d.status.record;
  return {
      c.contract.id,
      c.supplier,
      c.buyer,
      d.status.at_risk() ? say_due(msg(Msg::Yes)) : "",
      say_due(terms_words(d.terms)),
      next ? say_due(msg(Msg::PeriodBy, phrase(period_name(next->period)), next->period.deadline))
           : say_due(msg(Msg::DueNothingNext)),
      overdue};
}

void period_json(JsonWriter& j, const PeriodReport& r) {
  j.begin_object();
  j.key("period").value(period_id(r.period));
  j.key("first").value(r.period.first.iso());
  j.key("last").value(r.period.last.iso());
  j.key("deadline").value(r.period.deadline.iso());
  j.key("state").value(report_state_id(r.state));
  j.key("handed_in");
  if (r.handed_in)
    j.value(r.handed_in->iso());
  else
    j.null();
  j.end_object();
}

void due_json(JsonWriter& j, const ContractDue& d, const Date& as_of) {
  const auto& c = d.status.record;
  j.begin_object();
  j.key("contract").value(c.contract.id);
  j.key("supplier").value(c.supplier);
  j.key("buyer").value(c.buyer);
  j.key("as_of").value(as_of.iso());
  j.key("report_every").value(id_of(d.terms.every));
  j.key("grace_days").value(d.terms.grace_days);
  j.key("next");
  if (const PeriodReport* next = d.next())
    period_json(j, *next);
  else
    j.null();
  j.key("overdue").begin_array();
  for (const PeriodReport* r : d.overdue()) j.value(period_id(r->period));
  j.end_array();
  j.key("at_risk").value(d.status.at_risk());
  j.key("risks").begin_array();
  for (const auto& r : d.status.risks) j.value(say_due(r));
  j.end_array();
  j.key("periods").begin_array();
  for (const auto& r : d.reports) period_json(j, r);
  j.end_array();
  j.end_object();
}

}  // namespace

void render_due(std::ostream& out, const std::vector<ContractDue>& rows, const Date& as_of,
                Format format) {
  if (format == Format::Json) {
    JsonWriter j(out);
    j.begin_array();
    for (const auto& d : rows) due_json(j, d, as_of);
    j.end_array();
    return;
  }
  TextTable t({});
  const std::vector<std::string> header = split_tabs(say_due(msg(Msg::DueColumns)));
  t.measure(header);
  int64_t late = 0, risky = 0;
  for (const auto& d : rows) {
    t.measure(due_cells(d));
    late += d.overdue().empty() ? 0 : 1;
    risky += d.status.at_risk() ? 1 : 0;
  }
  out << say_due(msg(Msg::DueAsOf, as_of)) << '\n';
  t.print_row(out, header);
  for (const auto& d : rows) {
    t.print_row(out, due_cells(d));
    for (const auto& r : d.status.risks)
      out << "  " << say_due(msg(Msg::StatusAtRisk, phrase(r))) << '\n';
    for (const auto& r : d.reports)
      if (r.state == ReportState::HandedInLate)
        out << "  "
            << say_due(msg(Msg::DueHandedInLate, phrase(period_name(r.period)), *r.handed_in))
            << '\n';
  }
  out << say_due(msg(Msg::DueTotal,
                     Amount{Ratio(static_cast<int64_t>(rows.size())), Counted::Contracts}, late,
                     risky))
      << '\n';
  out << say_due(msg(Msg::DueRule)) << '\n';
}

}  // namespace sroi
