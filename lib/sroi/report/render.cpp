// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/render.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "sroi/msg/harmonise.hpp"
#include "sroi/msg/portfolio.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/msg/sheet_labels.hpp"
#include "sroi/msg/words.hpp"
#include "sroi/report/json_writer.hpp"
#include "sroi/report/text_table.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi {
namespace {

// The language of the text and JSON this program prints (set_output_language).
Lang g_lang = Lang::En;
// How problems name their places (set_output_places).
text::Places g_places = text::Places::ForPeople;

std::string say(const Message& m) { return text::say(m, g_lang); }
std::string say(MsgId id) { return text::word(id, g_lang); }
template <typename... A>
std::string say(MsgId id, A&&... args) {
  return text::say(msg(id, std::forward<A>(args)...), g_lang);
}

}  // namespace

void set_output_language(Lang lang) { g_lang = lang; }
void set_output_places(text::Places places) { g_places = places; }
Lang output_language() { return g_lang; }

std::string words(const Message& m) { return say(m); }

std::string html_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  return out;
}

std::string percent_encoded(std::string_view s, bool (*keep)(unsigned char)) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (keep(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string url_segment(std::string_view text) {
  return percent_encoded(text, [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
  });
}

std::string account_name(const std::string& audit_user) {
  return audit_user.substr(0, audit_user.find(" ("));
}

std::string words(const Diagnostic& d) { return text::say(d, g_lang, g_places); }

std::string words(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += (out.empty() ? "" : "\n") + words(d);
  return out;
}

std::size_t display_width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;
  return w;
}

void signal_lines(std::ostream& out, const std::vector<Signal>& signals) {
  for (const auto& s : signals) {
    out << "  ";
    if (s.line)
      out << say(Msg::CliLineNr, static_cast<int64_t>(*s.line + 1))
          << (s.where.file.empty() ? "" : " (" + s.where.str() + ")") << ": ";
    out << say(s.explanation) << '\n';  // the signal's id is for scripts (JSON)
  }
}

void signals_json(JsonWriter& j, const std::vector<Signal>& signals) {
  j.begin_array();
  for (const auto& s : signals) {
    j.begin_object().key("id").value(plausibility_id(s.kind)).key("line");
    if (s.line)
      j.value(static_cast<int64_t>(*s.line + 1));
    else
      j.null();
    if (s.line) j.key("where").value(s.where.str());
    j.key("explanation").value(say(s.explanation)).key("explanation_key");
    j.value(text::entry(s.explanation.id).key).end_object();
  }
  j.end_array();
}

namespace {

using Table = TextTable;

std::string plural(int64_t n, Counted what) { return text::amount(Ratio(n), what, g_lang); }
std::string amount_of(const Ratio& n, Counted what) { return text::amount(n, what, g_lang); }

std::string line_details(const LineResult& l) {
  std::string d;
  if (!l.candidate.empty()) d += l.candidate + " ";
  if (l.start) d += text::say(Arg(*l.start), g_lang) + "..." + text::say(Arg(*l.end), g_lang) + " ";
  switch (l.unit) {
    case Unit::FulltimeYear:
      if (!l.start) d += plural(l.factors.persons, Counted::Persons) + ", ";
      d += say(Msg::CliHoursPerWeek, Decimal{*l.hours_per_week});
      if (!l.start) d += ", " + amount_of(*l.months_given, Counted::Months);
      break;
    case Unit::Month:
      d += amount_of(l.factors.periods, Counted::Months);
      if (l.factors.persons != 1) d += " × " + plural(l.factors.persons, Counted::Persons);
      break;
    case Unit::LearningYear:
      d += amount_of(l.factors.periods, Counted::Years);
      if (l.factors.persons != 1) d += " × " + plural(l.factors.persons, Counted::Persons);
      break;
    case Unit::Invoice:
      d += say(Msg::CliInvoiceOf, *l.amount);
      break;
    case Unit::ActualCost:
      d += say(Msg::CliCostOf, *l.amount);
      if (l.days) d += ", " + amount_of(Ratio(*l.days), Counted::Days);
      break;
    case Unit::Hour:
      d += amount_of(l.factors.periods, Counted::Hours);
      break;
    case Unit::Activity:
      d += amount_of(l.factors.periods, Counted::Activities);
      break;
  }
  if (l.zero_reason) d += " " + say(Msg::CliZeroBecause, phrase(*l.zero_reason));
  return d;
}

void trace_notes(Table& t, const Trace& trace, const std::string& indent) {
  for (const auto& s : trace) t.note(indent + say(s.step) + ": " + say(s.detail));
}

void trace_notes(std::ostream& out, const Trace& trace, const std::string& indent) {
  for (const auto& s : trace) out << indent << say(s.step) << ": " << say(s.detail) << '\n';
}

void trace_json(JsonWriter& j, const Trace& trace) {
  j.begin_array();
  // Beside the words, the catalogue keys: a page in another language can word the step itself.
  for (const auto& s : trace)
    j.begin_object()
        .key("step")
        .value(say(s.step))
        .key("step_key")
        .value(text::entry(s.step).key)
        .key("detail")
        .value(say(s.detail))
        .key("detail_key")
        .value(text::entry(s.detail.id).key)
        .end_object();
  j.end_array();
}

void strings_json(JsonWriter& j, const std::vector<Message>& items) {
  j.begin_array();
  for (const auto& m : items) j.value(say(m));
  j.end_array();
}

std::string region_header(const Region& r) {
  std::string s = r.id + " " + r.version + " — " + r.name;
  if (r.valid_from) s += " " + say(Msg::CliValidFrom, *r.valid_from);
  return s;
}

std::string hours_text(const Region& r) {
  std::string s = say(Msg::CliFulltimeHours, Decimal{r.fulltime_hours.value});
  if (r.fulltime_hours.provenance.provisional()) s += " (" + say(Msg::WordProvisional) + ")";
  if (r.min_hours) s += ", " + say(Msg::CliMinimumHours, Decimal{r.min_hours->value});
  return s;
}

void obligation_json(JsonWriter& j, const ObligationResult& o) {
  j.key("obligation_cents").value(o.amount.cents());
  j.key("applies").value(o.applies);
  j.key("reason").value(say(o.reason));
  j.key("obligation").begin_object();
  j.key("base_cents").value(o.base.cents());
  j.key("percentage").number(o.percentage.decimal());
  j.key("threshold_cents").value(o.threshold.cents());
  j.key("gross_cents").value(o.gross.cents());
  j.key("cap_cents");
  if (o.cap_applied)
    j.value(o.cap_applied->cents());
  else
    j.null();
  j.key("pso_discount_cents").value(o.pso_discount.cents());
  j.key("pso_fulfilment_cents").value(o.pso_fulfilment.cents());
  j.key("trace");
  trace_json(j, o.trace);
  j.end_object();
}

void region_json(JsonWriter& j, const Region& r) {
  j.key("region").value(r.id);
  j.key("region_version").value(r.version);
  j.key("region_name").value(r.name);
  j.key("fulltime_hours").number(r.fulltime_hours.value.decimal());
  j.key("fulltime_hours_status")
      .value(r.fulltime_hours.provenance.provisional() ? "provisional" : "published");
}

const char* status_id(const Provenance& p) { return p.provisional() ? "provisional" : "published"; }
std::string status_text(const Provenance& p) {
  return say(p.provisional() ? Msg::WordProvisional : Msg::WordPublished);
}

std::string counting_text(const BuildingBlock& b) {
  return b.counting_months ? plural(*b.counting_months, Counted::Months) : say(Msg::WordNone);
}

/// "plausibility:" and one line per signal: "  line 2 (offer.toml:21): … [counts-shorter]".
void signals_text(std::ostream& out, const std::vector<Signal>& signals) {
  if (signals.empty()) {
    out << '\n' << say(Msg::CliPlausibilityNone) << '\n';
    return;
  }
  out << '\n' << say(Msg::CliPlausibility) << '\n';
  signal_lines(out, signals);
}

void assessment_text(std::ostream& out, const Assessment& a, bool explain, bool show_lines) {
  const Region& r = *a.region;
  bool offer = a.kind == Assessment::Kind::Offer;
  out << say(offer ? Msg::CliOffer : Msg::CliRealisation)
      << (a.supplier.empty() ? "" : " " + say(Msg::CliBy, as_is(a.supplier)))
      << (a.contract.id.empty() ? "" : " — " + say(Msg::CliContractId, as_is(a.contract.id)))
      << '\n';
  Table head({});
  head.row({say(Msg::CliRegion), region_header(r)});
  head.row({say(Msg::CliHours), hours_text(r)});
  head.row({say(Msg::CliContract),
            say(Msg::CliValuePeriod, a.contract.value, a.contract.start, a.contract.end)});
  for (const auto& c : a.pso)
    head.row({"PSO",
              say(Msg::CliPsoValid, as_is(pso_level_id(c.level)), c.valid_from(), c.valid_until)});
  head.row({say(Msg::CliObligation),
            format_eur(a.obligation.amount) + " — " + say(a.obligation.reason)});
  if (a.as_of) {
    std::string day = text::say(Arg(*a.as_of), g_lang);
    if (a.lines_later > 0)
      day += "; " + say(a.lines_later == 1 ? Msg::CliLineStartsLater : Msg::CliLinesStartLater,
                        Amount{Ratio(static_cast<int64_t>(a.lines_later)), Counted::Lines});
    head.row({say(Msg::CliCountedTo), day});
  }
  if (explain) trace_notes(head, a.obligation.trace, "             ");
  head.print(out);
  out << '\n';

  // The lines are measured in one pass and printed in a second, so that a long realisation
  // is never held as text (its lines are rebuilt one candidate at a time: each_line).
  auto line_row = [&a](std::size_t i, const LineResult& l) {
    // The block by its region's name, as the reader knows it; the id is for scripts (JSON).
    const std::string& block = a.region ? a.region->block_name(l.block) : l.block;
    return std::vector<std::string>{std::to_string(i + 1), block + (l.provisional ? " *" : ""),
                                    line_details(l), format_eur(l.value)};
  };
  std::vector<std::vector<std::string>> totals;
  if (!show_lines)  // in their place, how many there are and what they add up to
    totals.push_back({"", plural(static_cast<int64_t>(a.line_count), Counted::Lines),
                      say(Msg::CliLinesInWorkbook), format_eur(a.lines_total)});
  if (a.obligation.pso_counted && !a.obligation.pso_fulfilment.is_zero())
    totals.push_back({"", "pso", say(Msg::CliPsoFulfils), format_eur(a.obligation.pso_fulfilment)});
  totals.push_back({"", say(Msg::CliTotal), "", format_eur(a.total)});
  totals.push_back({"", say(Msg::CliObligationRow), "", format_eur(a.obligation.amount)});
  if (a.shortfall.is_zero())
    totals.push_back({"", say(Msg::CliSurplus), "", format_eur(a.surplus)});
  else
    totals.push_back({"", say(Msg::CliShortfall), "", format_eur(a.shortfall)});
  totals.push_back({"", say(Msg::CliPenalty),
                    a.penalty_trace.empty() ? "" : say(a.penalty_trace.front().detail),
                    format_eur(a.penalty)});
  const std::vector<std::string> header{"#", say(Msg::CliBlock), say(Msg::CliDetails),
                                        say(Msg::CliValue)};
  Table t({0, 3});
  t.measure(header);
  if (show_lines)
    each_line(a, Detail::Figures,
              [&](std::size_t i, const LineResult& l) { t.measure(line_row(i, l)); });
  for (const auto& row : totals) t.measure(row);
  t.print_row(out, header);
  // With --explain, the lines whose value was rounded, with the exact amount: an appendix, so
  // that the steps above read as plain amounts.
  std::vector<std::pair<std::size_t, Ratio>> rounded;
  if (show_lines)
    each_line(a, explain ? Detail::Steps : Detail::Figures,
              [&](std::size_t i, const LineResult& l) {
                t.print_row(out, line_row(i, l));
                if (explain) trace_notes(out, l.trace, "      ");
                if (explain && !l.exact_cents.is_integer()) rounded.emplace_back(i, l.exact_cents);
              });
  for (const auto& row : totals) t.print_row(out, row);
  if (!rounded.empty()) {
    out << '\n' << say(Msg::CliRoundingHeading) << '\n';
    for (const auto& [i, exact] : rounded)
      out << "  " << say(Msg::CliLineNr, static_cast<int64_t>(i + 1)) << ": "
          << say(Msg::CliRoundedFrom, Decimal{exact}, round_cents(exact)) << '\n';
  }
  if (a.provisional) {
    out << "\n"
        << say(a.lines_provisional ? Msg::CliProvisionalLines : Msg::CliProvisional) << '\n';
    for (const auto& v : a.provisional_values) out << "  - " << say(v) << '\n';
  }
  for (const auto& w : a.warnings) out << say(Msg::CliWarning, phrase(w)) << '\n';
  if (offer) signals_text(out, a.signals);
}

void assessment_json(std::ostream& out, const Assessment& a) {
  JsonWriter j(out);
  j.begin_object();
  j.key("kind").value(a.kind == Assessment::Kind::Offer ? "offer" : "realisation");
  region_json(j, *a.region);
  j.key("supplier").value(a.supplier);
  j.key("buyer").value(a.buyer);
  if (a.as_of) {
    j.key("as_of").value(a.as_of->iso());
    j.key("lines_starting_later").value(static_cast<int64_t>(a.lines_later));
  }
  j.key("contract").begin_object();
  j.key("id").value(a.contract.id);
  j.key("value_cents").value(a.contract.value.cents());
  j.key("start").value(a.contract.start.iso());
  j.key("end").value(a.contract.end.iso());
  j.end_object();
  obligation_json(j, a.obligation);
  j.key("lines").begin_array();
  // Lines of a large realisation come one candidate after another: "nr" is the place in the
  // input (1-based).
  each_line(a, Detail::Steps, [&](std::size_t i, const LineResult& l) {
    j.begin_object();
    j.key("nr").value(static_cast<int64_t>(i + 1));
    j.key("block").value(l.block);
    j.key("block_name").value(l.block_name);
    j.key("unit").value(unit_id(l.unit));
    if (!l.candidate.empty()) j.key("candidate").value(l.candidate);
    if (l.start) j.key("start").value(l.start->iso()).key("end").value(l.end->iso());
    j.key("value_cents").value(l.value.cents());
    j.key("provisional").value(l.provisional);
    if (l.zero_reason) j.key("zero_reason").value(say(*l.zero_reason));
    if (l.duplicate_of) j.key("duplicate_of").value(say(*l.duplicate_of));
    j.key("factors").begin_object();
    j.key("rate_cents").value(l.factors.rate.cents());
    j.key("persons").value(l.factors.persons);
    j.key("hours_factor").value(l.factors.hours_factor.str());
    j.key("periods").value(l.factors.periods.str());
    j.key("periods_unit").value(periods_id(l.factors.periods_unit));
    j.key("exact_cents").value(l.exact_cents.str());
    j.end_object();
    j.key("trace");
    trace_json(j, l.trace);
    j.end_object();
  });
  j.end_array();
  j.key("lines_total_cents").value(a.lines_total.cents());
  j.key("total_cents").value(a.total.cents());
  j.key("surplus_cents").value(a.surplus.cents());
  j.key("shortfall_cents").value(a.shortfall.cents());
  j.key("penalty_cents").value(a.penalty.cents());
  j.key("penalty_trace");
  trace_json(j, a.penalty_trace);
  j.key("provisional").value(a.provisional);
  j.key("provisional_values");
  strings_json(j, a.provisional_values);
  j.key("warnings");
  strings_json(j, a.warnings);
  if (a.kind == Assessment::Kind::Offer) {
    j.key("employees");
    if (a.employees)
      j.value(*a.employees);
    else
      j.null();
    j.key("plausibility");
    signals_json(j, a.signals);
  }
  j.end_object();
}

}  // namespace

void render_assessment(std::ostream& out, const Assessment& a, Format format, Detail detail,
                       Lines lines) {
  bool explain = detail == Detail::Steps;
  if (format == Format::Json)
    assessment_json(out, a);
  else
    assessment_text(out, a, explain, explain || lines == Lines::Shown);
}

void render_obligation(std::ostream& out, const Region& region, const Contract& contract,
                       const ObligationResult& o, Format format, Detail detail) {
  bool explain = detail == Detail::Steps;
  if (format == Format::Json) {
    JsonWriter j(out);
    j.begin_object();
    region_json(j, region);
    j.key("contract_value_cents").value(contract.value.cents());
    obligation_json(j, o);
    j.key("provisional").value(o.provisional);
    j.key("provisional_values");
    strings_json(j, o.provisional_values);
    j.key("warnings");
    strings_json(j, o.warnings);
    j.end_object();
    return;
  }
  Table t({});
  t.row({say(Msg::CliRegion), region_header(region)});
  t.row({say(Msg::CliObligation), format_eur(o.amount)});
  t.row({say(Msg::CliReason),
         o.applies ? say(o.reason) : say(Msg::CliNoObligation, phrase(o.reason))});
  if (explain) trace_notes(t, o.trace, "  ");
  t.print(out);
  if (o.provisional) {
    out << "\n" << say(Msg::CliProvisional) << '\n';
    for (const auto& v : o.provisional_values) out << "  - " << say(v) << '\n';
  }
  for (const auto& w : o.warnings) out << say(Msg::CliWarning, phrase(w)) << '\n';
}

void render_blocks(std::ostream& out, const Region& r, Format format) {
  if (format == Format::Json) {
    JsonWriter j(out);
    j.begin_array();
    for (const auto& b : r.blocks) {
      j.begin_object();
      j.key("id").value(b.id);
      j.key("name").value(b.name);
      j.key("maps_to").value(b.maps_to);
      j.key("unit").value(unit_id(b.unit));
      j.key("value_cents").value(b.value.cents());
      if (b.max_per_day) j.key("max_per_day_cents").value(b.max_per_day->cents());
      if (b.unit == Unit::Invoice) j.key("percentage").number(b.percentage.decimal());
      j.key("counting_months");
      if (b.counting_months)
        j.value(*b.counting_months);
      else
        j.null();
      j.key("status").value(status_id(b.provenance));
      j.key("source").value(b.provenance.source);
      j.end_object();
    }
    j.end_array();
    return;
  }
  out << region_header(r) << "\n" << hours_text(r) << "\n\n";
  Table t({3});
  t.row({say(Msg::CliBlock), say(Msg::CliName), say(Msg::CliUnit), say(Msg::CliValue),
         say(Msg::CliCounting), say(Msg::CliStatus)});
  for (const auto& b : r.blocks) {
    std::string value = b.unit == Unit::Invoice
                            ? say(Msg::CliPercentOfInvoice, Percent{b.percentage})
                        : b.unit != Unit::ActualCost ? format_eur(b.value)
                        : b.max_per_day              ? say(Msg::MaxPerDay, *b.max_per_day)
                                                     : say(Msg::WordActualCost);
    t.row({b.id, b.name, text::unit_name(b.unit, g_lang), value, counting_text(b),
           status_text(b.provenance)});
  }
  t.print(out);
  if (!r.bonuses.empty()) {
    out << "\n" << say(Msg::CliBonusesHeading) << '\n';
    Table bt({2});
    for (const auto& b : r.bonuses)
      bt.row({"  " + b.id, b.name, "+ " + format_eur(b.value), status_text(b.provenance)});
    bt.print(out);
  }
}

void render_regions(std::ostream& out, const config::RegionSet& set, Format format) {
  if (format == Format::Json) {
    JsonWriter j(out);
    j.begin_array();
    for (const auto& id : set.ids())
      for (const Region* r : set.versions(id)) {
        j.begin_object();
        j.key("id").value(r->id).key("version").value(r->version).key("name").value(r->name);
        j.key("valid_from");
        if (r->valid_from)
          j.value(r->valid_from->iso());
        else
          j.null();
        j.key("valid_until");
        if (r->valid_until)
          j.value(r->valid_until->iso());
        else
          j.null();
        j.key("blocks").value(static_cast<int64_t>(r->blocks.size()));
        j.key("file").value(r->file);
        j.end_object();
      }
    j.end_array();
    return;
  }
  Table t({3});
  t.row({say(Msg::TermRegion), say(Msg::CliVersion), say(Msg::CliName), say(Msg::CliBlocks),
         say(Msg::CliValid)});
  for (const auto& id : set.ids())
    for (const Region* r : set.versions(id)) {
      std::string valid =
          r->valid_from ? say(Msg::WordFrom) + " " + text::say(Arg(*r->valid_from), g_lang) : "";
      if (r->valid_until) valid += (valid.empty() ? "" : " ") + say(Msg::CliUntil, *r->valid_until);
      t.row({r->id, r->version, r->name, std::to_string(r->blocks.size()), valid});
    }
  t.print(out);
}

}  // namespace sroi
