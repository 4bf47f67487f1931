// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/register/tables.hpp"

#include "sroi/io/csv.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/report/json_writer.hpp"
#include "sroi/report/render.hpp"
#include "sroi/report/text_table.hpp"

namespace sroi {
namespace {

std::string say(const Message& m) { return words(m); }

/// Writes rows as RFC 4180 CSV or as a JSON list of objects keyed by the header.
class RowWriter {
 public:
  RowWriter(std::ostream& out, Format f, std::vector<std::string> header)
      : out_(out), format_(f), header_(std::move(header)) {
    if (format_ == Format::Csv) {
      row_out(header_, {});
    } else {
      json_.emplace(out_);
      json_->begin_array();
    }
  }
  ~RowWriter() {
    if (json_) json_->end_array();
  }
  /// Cells as text; `numeric` marks the columns written as JSON numbers.
  void row(const std::vector<std::string>& cells, const std::vector<bool>& numeric) {
    if (format_ == Format::Csv) return row_out(cells, numeric);
    json_->begin_object();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      json_->key(header_[i]);
      if (numeric[i] && !cells[i].empty())
        json_->number(cells[i]);
      else if (cells[i].empty())
        json_->null();
      else
        json_->value(cells[i]);
    }
    json_->end_object();
  }

 private:
  void row_out(const std::vector<std::string>& cells, const std::vector<bool>& numeric) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out_ << ',';
      std::string c = cells[i];
      // A text cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage
      // return) is neutralised as OWASP advises: a leading apostrophe, and quoted. Numbers
      // (our own cents and counts) stay numbers; JSON keeps the exact text.
      bool is_number = i < numeric.size() && numeric[i];
      if (!is_number && !c.empty() && std::string("=+-@\t\r").find(c[0]) != std::string::npos)
        c = "'" + c;
      if (c.find_first_of(",\"\n\r'") == std::string::npos) {
        out_ << c;
        continue;
      }
      out_ << io::csv_field(c);
    }
    out_ << "\r\n";
  }
  std::ostream& out_;
  Format format_;
  std::vector<std::string> header_;
  std::optional<JsonWriter> json_;
};

std::string opt_ratio(const std::optional<Given<Ratio>>& r) { return r ? r->value.decimal(6) : ""; }

}  // namespace

namespace {

/// One contract's status as a JSON object: its figures in cents and its notes in words.
void status_json(JsonWriter& j, const portfolio::ContractStatus& s, const Date& as_of) {
  j.begin_object();
  j.key("contract").value(s.record.contract.id);
  j.key("buyer").value(s.record.buyer);
  j.key("supplier").value(s.record.supplier);
  j.key("region").value(s.record.region.id);
  j.key("region_version");
  if (s.region)
    j.value(s.region->version);
  else
    j.null();
  j.key("as_of").value(as_of.iso());
  j.key("start").value(s.record.contract.start.iso());
  j.key("end").value(s.record.contract.end.iso());
  j.key("obligation_cents").value(s.obligation.amount.cents());
  j.key("offered_cents").value(s.offered.cents());
  j.key("realised_cents").value(s.realised.cents());
  // Where only accepted deliveries count: the value of every line submitted.
  j.key("submitted_cents");
  s.submitted ? j.value(s.submitted->cents()) : j.null();
  j.key("surplus_cents").value(s.surplus.cents());
  j.key("shortfall_cents").value(s.shortfall.cents());
  j.key("forecast_cents").value(s.forecast.cents());
  j.key("penalty_cents").value(s.penalty.cents());
  j.key("penalty_from_contract").value(s.penalty_from_contract);
  j.key("at_risk").value(s.at_risk());
  j.key("risks").begin_array();
  for (const auto& r : s.risks) j.value(say(r));
  j.end_array();
  j.key("warnings").begin_array();
  for (const auto& w : s.warnings) j.value(say(w));
  j.end_array();
  j.key("lines").value(s.lines);
  j.key("provisional").value(s.provisional);
  j.key("reduced_lines").value(s.reduced);
  j.key("reductions").begin_array();
  for (const auto& r : s.reductions) j.value(say(r));
  j.end_array();
  j.key("problems").begin_array();
  for (const auto& p : s.problems) j.value(words(p));
  for (const auto& p : s.offer_problems) j.value("offer: " + words(p));
  j.end_array();
  j.end_object();
}

/// One contract's status as a tab-separated row, with its risks and warnings below it; its
/// reductions and problems too with --explain, else how many there are.
/// A contract's row of the status table: id with its marks, parties, figures and lines.
std::vector<std::string> status_cells(const portfolio::ContractStatus& s) {
  return {s.record.contract.id + (s.provisional ? " *" : "") + (s.at_risk() ? " !" : ""),
          s.record.supplier,
          s.record.buyer,
          format_eur(s.obligation.amount),
          format_eur(s.offered),
          format_eur(s.realised),
          format_eur(s.surplus),
          format_eur(s.shortfall),
          format_eur(s.forecast),
          format_eur(s.penalty),
          std::to_string(s.lines)};
}

/// The notes under a contract's row: risks and warnings, and with Detail::Steps the shared
/// hours and problems (else how many there are).
void status_notes(std::ostream& out, const portfolio::ContractStatus& s, Detail detail) {
  auto note = [&](MsgId kind, std::string text) {
    out << "  " << say(msg(kind, as_is(std::move(text)))) << '\n';
  };
  if (s.submitted_differs()) out << "  " << say(msg(Msg::StatusAcceptedOnly, *s.submitted)) << '\n';
  for (const auto& r : s.risks) note(Msg::StatusAtRisk, say(r));
  for (const auto& w : s.warnings) note(Msg::CliWarning, say(w));
  if (detail == Detail::Steps) {
    for (const auto& r : s.reductions) note(Msg::StatusHoursShared, say(r));
    for (const auto& p : s.problems) note(Msg::StatusProblem, words(p));
    for (const auto& p : s.offer_problems) note(Msg::StatusOfferProblem, words(p));
  } else if (s.reduced > 0 || !s.problems.empty() || !s.offer_problems.empty()) {
    auto problems = static_cast<int64_t>(s.problems.size() + s.offer_problems.size());
    out << "  "
        << say(msg(Msg::StatusSeeExplain, Amount{Ratio(s.reduced), Counted::Lines},
                   Amount{Ratio(problems), Counted::Problems}))
        << "\n";
  }
}

}  // namespace

namespace {

/// Prints the status of `rows`; `prepare(i)` runs just before row i is printed, `done(i)` just
/// after.
void print_status(std::ostream& out, const std::vector<portfolio::ContractStatus>& rows,
                  const Date& as_of, Format format, Detail detail,
                  const std::function<void(std::size_t)>& prepare,
                  const std::function<void(std::size_t)>& done) {
  if (format == Format::Json) {
    JsonWriter j(out);
    j.begin_array();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      prepare(i);
      status_json(j, rows[i], as_of);
      done(i);
    }
    j.end_array();
    return;
  }
  struct Totals {
    Money obligation, offered, realised, forecast, penalty;
    bool provisional = false, risk = false;
    void add(const portfolio::ContractStatus& s) {
      obligation += s.obligation.amount;
      offered += s.offered;
      realised += s.realised;
      forecast += s.forecast;
      penalty += s.penalty;
      provisional = provisional || s.provisional;
      risk = risk || s.at_risk();
    }
    std::vector<std::string> cells(std::size_t n) const {
      return {
          say(msg(Msg::StatusTotal, Amount{Ratio(static_cast<int64_t>(n)), Counted::Contracts})),
          "",
          "",
          format_eur(obligation),
          format_eur(offered),
          format_eur(realised),
          "",
          "",
          format_eur(forecast),
          format_eur(penalty)};
    }
  };
  // Columns aligned as in offer and kpi: figures and lines to the right. Measured first, then
  // printed row by row with each contract's notes under it.
  TextTable t({3, 4, 5, 6, 7, 8, 9, 10});
  const std::vector<std::string> header = split_tabs(say(msg(Msg::StatusColumns)));
  t.measure(header);
  Totals measured, printed;
  for (const auto& s : rows) {
    t.measure(status_cells(s));
    measured.add(s);
  }
  t.measure(measured.cells(rows.size()));
  out << say(msg(Msg::StatusAsOf, as_of)) << "\n";
  t.print_row(out, header);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    prepare(i);
    const portfolio::ContractStatus& s = rows[i];
    t.print_row(out, status_cells(s));
    status_notes(out, s, detail);
    printed.add(s);
    done(i);
  }
  t.print_row(out, printed.cells(rows.size()));
  if (printed.risk) out << say(msg(Msg::StatusRiskLegend)) << '\n';
  if (printed.provisional) out << say(msg(Msg::StatusProvisionalLegend)) << '\n';
}

}  // namespace

void render_status(std::ostream& out, const std::vector<portfolio::ContractStatus>& rows,
                   const Date& as_of, Format format, Detail detail) {
  auto nothing = [](std::size_t) {};
  print_status(out, rows, as_of, format, detail, nothing, nothing);
}

void render_status(std::ostream& out, std::vector<portfolio::ContractStatus>& rows,
                   const Date& as_of, Format format, Detail detail, const NoteParts& notes) {
  std::size_t noted = 0;  // rows [0, noted) have been given their notes
  print_status(
      out, rows, as_of, format, detail,
      [&](std::size_t i) {
        if (i >= noted)
          noted = i + std::max<std::size_t>(
                          1, notes(std::span<portfolio::ContractStatus>(rows).subspan(i)));
      },
      [&](std::size_t i) {
        // Printed: its notes are let go (the row's figures stay, for the totals' sake).
        std::vector<Message>().swap(rows[i].reductions);
      });
}

void export_table(std::ostream& out, const store::Register& reg, const config::RegionSet& regions,
                  const std::string& table, const store::ContractFilter& filter, const Date& as_of,
                  Format f) {
  if (table == "status") {
    portfolio::StatusOptions o;
    o.filter = filter;
    o.as_of = as_of;
    RowWriter t(out, f,
                {"contract", "buyer", "supplier", "region", "region_version", "as_of",
                 "obligation_cents", "offered_cents", "realised_cents", "surplus_cents",
                 "shortfall_cents", "forecast_cents", "penalty_cents", "lines"});
    std::vector<bool> num = {false, false, false, false, false, false, true,
                             true,  true,  true,  true,  true,  true,  true};
    for (const auto& s : portfolio::compute_status(reg, regions, o))
      t.row({s.record.contract.id, s.record.buyer, s.record.supplier, s.record.region.id,
             s.region ? s.region->version : "", o.as_of.iso(),
             std::to_string(s.obligation.amount.cents()), std::to_string(s.offered.cents()),
             std::to_string(s.realised.cents()), std::to_string(s.surplus.cents()),
             std::to_string(s.shortfall.cents()), std::to_string(s.forecast.cents()),
             std::to_string(s.penalty.cents()), std::to_string(s.lines)},
            num);
  } else if (table == "contracts") {
    RowWriter t(out, f,
                {"contract", "buyer", "supplier", "region", "region_version", "value_cents",
                 "percentage", "threshold_cents", "start", "end", "pso_level", "pso_valid_until",
                 "source_file", "added_at"});
    std::vector<bool> num = {false, false, false, false, false, true,  true,
                             true,  false, false, false, false, false, false};
    for (const auto& c : reg.contracts(filter))
      t.row({c.contract.id, c.buyer, c.supplier, c.region.id, c.region.version.value_or(""),
             std::to_string(c.contract.value.cents()),
             c.contract.percentage ? c.contract.percentage->decimal(6) : "",
             c.contract.threshold ? std::to_string(c.contract.threshold->cents()) : "",
             c.contract.start.iso(), c.contract.end.iso(),
             c.pso.empty() ? "" : pso_level_id(c.pso.back().level),
             c.pso.empty() ? "" : c.pso.back().valid_until.iso(), c.source_file, c.added_at},
            num);
  } else if (table == "lines") {
    std::map<std::string, bool> wanted;
    for (const auto& c : reg.contracts(filter)) wanted[c.contract.id] = true;
    RowWriter t(out, f,
                {"id", "contract", "candidate", "block", "start", "end", "hours_per_week",
                 "amount_cents", "hours", "count", "bonuses"});
    std::vector<bool> num = {true, false, false, false, false, false,
                             true, true,  true,  true,  false};
    reg.for_each_line_by_candidate([&](store::LineRecord&& r) {
      if (!wanted.count(r.contract)) return;
      const Quantities& q = r.line.quantities;
      std::string bonuses;
      for (const auto& b : q.bonuses) bonuses += (bonuses.empty() ? "" : ";") + b.value;
      t.row({std::to_string(r.id), r.contract, shown_candidate(r.line.candidate), r.line.block,
             r.line.start.iso(), r.line.end.iso(), opt_ratio(q.hours_per_week),
             q.amount ? std::to_string(q.amount->value.cents()) : "", opt_ratio(q.hours),
             q.count ? std::to_string(q.count->value) : "", bonuses},
            num);
    });
  } else if (table == "audit") {
    RowWriter t(out, f, {"id", "at", "user", "action", "entity", "detail", "file", "hash"});
    std::vector<bool> num = {true, false, false, false, false, false, false, false};
    for (const auto& a : reg.audit())
      t.row({std::to_string(a.id), a.at, a.user, a.action, a.entity, a.detail, a.file, a.hash},
            num);
  } else {
    throw Error(
        msg(Msg::UnknownTable, as_is(table), listed({"status", "contracts", "lines", "audit"})));
  }
}

namespace {
Message review_words(const std::string& review, const std::string& by, const std::string& reason) {
  const std::string who = account_name(by);
  if (review == "accepted") return msg(Msg::ReviewAccepted, as_is(who));
  if (review == "rejected") return msg(Msg::ReviewRejected, as_is(who), as_is(reason));
  return msg(Msg::ReviewSubmitted);
}
}  // namespace

Message review_words(const store::ImportRecord& r) {
  return review_words(r.review, r.reviewed_by, r.review_reason);
}

Message review_words(const store::LineReview& r) {
  return review_words(r.review, r.reviewed_by, r.reason);
}

void render_imports(std::ostream& out, const std::vector<store::ImportRecord>& imports,
                    Format format) {
  if (format == Format::Json) {
    JsonWriter j(out);
    j.begin_array();
    for (const auto& r : imports) {
      j.begin_object();
      j.key("id").value(r.id);
      j.key("contract").value(r.contract);
      j.key("file").value(r.source_file);
      j.key("sha256").value(r.hash);
      j.key("rows").value(r.rows);
      j.key("imported_at").value(r.imported_at);
      j.key("user").value(r.user);
      j.key("in_force").value(r.in_force());
      j.key("replaced_at");
      r.replaced_at.empty() ? j.null() : j.value(r.replaced_at);
      j.key("replaced_by");
      r.replaced_by ? j.value(*r.replaced_by) : j.null();
      j.key("removed_at");
      r.removed_at.empty() ? j.null() : j.value(r.removed_at);
      j.key("review").value(r.review);
      j.key("reviewed_by");
      r.reviewed_by.empty() ? j.null() : j.value(r.reviewed_by);
      j.key("reviewed_at");
      r.reviewed_at.empty() ? j.null() : j.value(r.reviewed_at);
      j.key("review_reason").value(r.review_reason);
      j.end_object();
    }
    j.end_array();
    return;
  }
  // Aligned columns, the moments in local time, the state in words.
  Lang lang = output_language();
  auto state_of = [&](const store::ImportRecord& r) {
    if (!r.removed_at.empty())
      return say(msg(Msg::ImportStateRemoved, as_is(text::local_time(r.removed_at, lang))));
    if (!r.replaced_at.empty())
      return say(msg(Msg::ImportStateReplaced, r.replaced_by.value_or(0),
                     as_is(text::local_time(r.replaced_at, lang))));
    return say(msg(Msg::ImportStateInForce));
  };
  TextTable t({0, 4});
  t.row(split_tabs(say(msg(Msg::ImportsColumns))));
  for (const auto& r : imports)
    t.row({std::to_string(r.id), r.contract, r.source_file, r.hash.substr(0, 12),
           std::to_string(r.rows), text::local_time(r.imported_at, lang), r.user, state_of(r),
           say(review_words(r))});
  t.print(out);
}

}  // namespace sroi
