// SPDX-License-Identifier: EUPL-1.2
#include <iostream>
#include <optional>

#include "common.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/json_writer.hpp"

namespace sroi::cli {
namespace {

/// Writes rows as RFC 4180 CSV or as a JSON list of objects keyed by the header.
class Table {
 public:
  Table(Format f, std::vector<std::string> header) : format_(f), header_(std::move(header)) {
    if (format_ == Format::Csv) {
      row_out(header_, {});
    } else {
      json_.emplace(std::cout);
      json_->begin_array();
    }
  }
  ~Table() {
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
      if (i) std::cout << ',';
      std::string c = cells[i];
      // A text cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage
      // return) is neutralised as OWASP advises: a leading apostrophe, and quoted. Numbers
      // (our own cents and counts) stay numbers; JSON keeps the exact text.
      bool is_number = i < numeric.size() && numeric[i];
      if (!is_number && !c.empty() && std::string("=+-@\t\r").find(c[0]) != std::string::npos)
        c = "'" + c;
      if (c.find_first_of(",\"\n\r'") == std::string::npos) {
        std::cout << c;
        continue;
      }
      std::cout << '"';
      for (char ch : c) std::cout << (ch == '"' ? "\"\"" : std::string(1, ch));
      std::cout << '"';
    }
    std::cout << "\r\n";
  }
  Format format_;
  std::vector<std::string> header_;
  std::optional<JsonWriter> json_;
};

std::string opt_ratio(const std::optional<Given<Ratio>>& r) { return r ? r->value.decimal(6) : ""; }

}  // namespace

int cmd_export(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi export options");
  opts.add_options()("table", po::value<std::string>()->default_value("status"),
                     "what to export: status, contracts, lines or audit")(
      "as-of", po::value<std::string>(), "status: count realisation up to this date");
  add_filter_options(opts);
  po::variables_map vm;
  if (!parse_verb("sroi --format csv|json export [--table status|contracts|lines|audit]", args,
                  opts, {}, vm))
    return 0;
  Format f = g.format == Format::Text ? Format::Csv : g.format;
  std::string table = vm["table"].as<std::string>();
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  if (table == "status") {
    auto regions = load_regions(g);
    portfolio::StatusOptions o;
    o.filter = contract_filter(vm);
    o.as_of = date_option(vm, "as-of");
    Table t(f, {"contract", "buyer", "supplier", "region", "region_version", "as_of",
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
    Table t(f, {"contract", "buyer", "supplier", "region", "region_version", "value_cents",
                "percentage", "threshold_cents", "start", "end", "pso_level", "pso_valid_until",
                "source_file", "added_at"});
    std::vector<bool> num = {false, false, false, false, false, true,  true,
                             true,  false, false, false, false, false, false};
    for (const auto& c : reg.contracts(contract_filter(vm)))
      t.row({c.contract.id, c.buyer, c.supplier, c.region.id, c.region.version.value_or(""),
             std::to_string(c.contract.value.cents()),
             c.contract.percentage ? c.contract.percentage->decimal(6) : "",
             c.contract.threshold ? std::to_string(c.contract.threshold->cents()) : "",
             c.contract.start.iso(), c.contract.end.iso(),
             c.pso.empty() ? "" : pso_level_id(c.pso.back().level),
             c.pso.empty() ? "" : c.pso.back().valid_until.iso(), c.source_file, c.added_at},
            num);
  } else if (table == "lines") {
    store::ContractFilter filter = contract_filter(vm);
    std::map<std::string, bool> wanted;
    for (const auto& c : reg.contracts(filter)) wanted[c.contract.id] = true;
    Table t(f, {"id", "contract", "candidate", "block", "start", "end", "hours_per_week",
                "amount_cents", "hours", "count", "bonuses"});
    std::vector<bool> num = {true, false, false, false, false, false,
                             true, true,  true,  true,  false};
    reg.for_each_line_by_candidate([&](store::LineRecord&& r) {
      if (!wanted.count(r.contract)) return;
      const Quantities& q = r.line.quantities;
      std::string bonuses;
      for (const auto& b : q.bonuses) bonuses += (bonuses.empty() ? "" : ";") + b.value;
      t.row({std::to_string(r.id), r.contract, r.line.candidate, r.line.block, r.line.start.iso(),
             r.line.end.iso(), opt_ratio(q.hours_per_week),
             q.amount ? std::to_string(q.amount->value.cents()) : "", opt_ratio(q.hours),
             q.count ? std::to_string(q.count->value) : "", bonuses},
            num);
    });
  } else if (table == "audit") {
    Table t(f, {"id", "at", "user", "action", "entity", "detail", "file", "hash"});
    std::vector<bool> num = {true, false, false, false, false, false, false, false};
    for (const auto& a : reg.audit())
      t.row({std::to_string(a.id), a.at, a.user, a.action, a.entity, a.detail, a.file, a.hash},
            num);
  } else {
    throw UsageError("unknown table '" + table + "' (known: status, contracts, lines, audit)");
  }
  return 0;
}

}  // namespace sroi::cli
