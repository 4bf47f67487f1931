// SPDX-License-Identifier: EUPL-1.2
// The realisation's fill-in workbook (`sroi template realisation`, the portal's download): what
// a supplier fills in instead of writing TOML or CSV by hand, and hands back (read.cpp reads
// it). An offer has its own live workbook (calculator.cpp).
#include <algorithm>

#include "sroi/config/line_rows.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/forms/layout.hpp"
#include "sroi/forms/sheets.hpp"
#include "sroi/model/limits.hpp"
#include "sroi/msg/forms.hpp"

namespace sroi::forms {
namespace {

using xlsx::Sheet;
using xlsx::Style;

/// The columns of the lines sheet: only those the region's blocks can use.
std::vector<std::string> columns_for(const Region& region) {
  auto uses = [&](std::initializer_list<Unit> units) {
    return std::any_of(region.blocks.begin(), region.blocks.end(), [&](const BuildingBlock& b) {
      return std::find(units.begin(), units.end(), b.unit) != units.end();
    });
  };
  bool untimed = uses({Unit::Invoice, Unit::ActualCost, Unit::Hour, Unit::Activity});
  std::vector<std::string> out = {"candidate", "block", "start", "end"};
  if (uses({Unit::FulltimeYear})) out.push_back("hours_per_week");
  if (untimed) out.push_back("date");
  if (uses({Unit::Hour})) out.push_back("hours");
  // count: activities, or the days of a cost with a maximum per day.
  bool days = std::any_of(region.blocks.begin(), region.blocks.end(),
                          [](const BuildingBlock& b) { return b.max_per_day.has_value(); });
  if (uses({Unit::Activity}) || days) out.push_back("count");
  if (uses({Unit::Invoice, Unit::ActualCost})) out.push_back("amount");
  if (!region.bonuses.empty()) out.insert(out.end(), {"bonus_1", "bonus_2"});
  if (region.counts_while_subsidy) out.push_back("subsidy_until");
  return out;
}

MsgId help_of(const std::string& key) {
  static const std::map<std::string, MsgId> help = {
      {"candidate", Msg::HelpCandidate}, {"block", Msg::HelpBlock},
      {"start", Msg::HelpStart},         {"end", Msg::HelpEnd},
      {"date", Msg::HelpDateOnly},       {"hours_per_week", Msg::HelpHoursPerWeek},
      {"hours", Msg::HelpHours},         {"count", Msg::HelpCount},
      {"amount", Msg::HelpAmount},       {"bonus_1", Msg::HelpBonus},
      {"bonus_2", Msg::HelpBonus},       {"subsidy_until", Msg::HelpSubsidyUntil}};
  return help.at(key);
}

/// One column of the lines sheet: its header and help, the check a cell gets (a day, a block
/// or bonus from the drop-down, an amount, a count, a number in range, a candidate's length)
/// and its blank input cells.
void write_line_column(Sheet& lines, int c, const std::string& key, const BlockTable& bt,
                       const BonusTable& ot, Lang lang) {
  namespace t = layout::tmpl;
  const xlsx::Labels& L = xlsx::labels(lang);
  const config::LineColumn& col = config::line_column(key);
  const int first = t::kFirstLine, last = t::kFirstLine + t::kInputRows - 1;
  lines.column_width(c, c, key == "block" ? 48 : key == "candidate" ? 16 : 14);
  lines.text(t::kHeaderRow, c, word(col.name, lang), Style::Header);
  std::string help = word(help_of(key), lang);
  lines.text(t::kHelpRow, c, help, Style::Wrap);
  Style input = Style::InputText;
  if (key == "start" || key == "end" || key == "date" || key == "subsidy_until") {
    input = Style::InputDate;
    lines.validate_date(first, c, last, Date{2000, 1, 1}, Date{2100, 12, 31}, help, help);
  } else if (key == "block") {
    lines.validate_list(first, c, last, "=" + bt.choices, L.pick_block, help);
  } else if (key == "bonus_1" || key == "bonus_2") {
    lines.validate_list(first, c, last, "=" + ot.choices, L.bonus_list, help);
  } else if (key == "amount") {
    input = Style::InputEuro;
    lines.validate_range(first, c, last, 0.01, static_cast<double>(limits::kMaxAmountEuros), false,
                         number_range(0, limits::kMaxAmountEuros), help);
  } else if (key == "count") {
    input = Style::InputDecimal;
    int64_t max = 1'000'000;
    lines.validate_range(first, c, last, 1, static_cast<double>(max), true, number_range(1, max),
                         help);
  } else if (key != "candidate") {
    input = Style::InputDecimal;
    int64_t max = key == "hours_per_week" ? limits::kMaxHoursPerWeek : limits::kMaxHours;
    lines.validate_range(first, c, last, 0.01, static_cast<double>(max), false,
                         number_range(0, max), help);
  } else {
    lines.validate_length(first, c, last, 64, number_range(0, 64), help);
  }
  for (int r = first; r <= last; ++r) lines.blank(r, c, input);
}

/// The contract sheet: the title, what to do, the region and the contract's fields.
void write_contract_sheet(Sheet& contract, const Region& region, const RegionSettings& rs,
                          Lang lang, const Prefill* prefill) {
  const xlsx::Labels& L = xlsx::labels(lang);
  auto say = [&](const Message& m) { return text::say(m, lang); };
  contract.column_width(0, 0, 24);
  contract.column_width(1, 1, 34);
  contract.column_width(2, 2, 70);
  std::string title = region.name + " (" + region.id + " " + region.version + ")";
  contract.text(0, 0, say(msg(Msg::TemplateRealisationTitle, as_is(title))), Style::Title);
  contract.text(1, 0, say(msg(Msg::TemplateIntro, as_is(L.lines))));
  contract.text(layout::tmpl::kRegionRow, 0, L.region, Style::Bold);
  contract.text(layout::tmpl::kRegionRow, 1, region.id + " " + region.version, Style::Bold);
  write_contract_fields(contract, layout::tmpl::kFirstField, region, lang, rs.pso_levels, 2,
                        prefill);
  contract.protect();
}

}  // namespace

void write_realisation_template(const Region& region, const std::string& path,
                                const xlsx::WriteOptions& options, const Prefill* prefill) {
  const Lang lang = options.lang;
  const xlsx::Labels& L = xlsx::labels(lang);
  xlsx::Workbook wb(path, options.overwrite, xlsx::Rows::AnyOrder);
  wb.page_text({std::string(L.realisation_title) + " — " + region.name, "", region.label(), ""});
  Sheet& contract = wb.add_sheet(L.contract);
  Sheet& lines = wb.add_sheet(L.lines);
  Sheet& blocks = wb.add_sheet(L.blocks);
  Sheet* bonuses = region.bonuses.empty() ? nullptr : &wb.add_sheet(L.bonuses);
  Sheet& settings = wb.add_sheet(L.settings);
  BlockTable bt = write_block_table(blocks, region, lang, true);
  BonusTable ot = bonuses ? write_bonus_table(*bonuses, region, lang, true) : BonusTable{};
  RegionSettings rs = write_region_settings(settings, region, lang);
  write_contract_sheet(contract, region, rs, lang, prefill);
  // The lines sheet: one row per line, a drop-down for the block. Qualified: the unity build
  // puts calculator.cpp's layout::calc beside layout::tmpl.
  namespace t = layout::tmpl;
  std::vector<std::string> keys = columns_for(region);
  for (int c = 0; c < static_cast<int>(keys.size()); ++c)
    write_line_column(lines, c, keys[static_cast<std::size_t>(c)], bt, ot, lang);
  lines.freeze(t::kFirstLine, 1);
  lines.autofilter(t::kHeaderRow, 0, t::kFirstLine + t::kInputRows - 1,
                   static_cast<int>(keys.size()) - 1);
  wb.close();
}

}  // namespace sroi::forms
