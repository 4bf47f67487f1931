// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/forms: the sheets the calculator and the templates share (the region's
// blocks and bonuses, its parameters, the contract's fields), written once.
#pragma once

#include <map>
#include <string>

#include "sroi/forms/forms.hpp"
#include "sroi/forms/layout.hpp"
#include "sroi/model/region.hpp"
#include "sroi/text/catalogue.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::forms {

using text::word;

/// "1 - 10.000": a range with Dutch thousands dots, for validation messages.
std::string number_range(int64_t from, int64_t to);

/// The region's blocks: id, name, unit (in words), value, counting months, invoice share,
/// status, source, catalogue entry, and (with `choices`) "id — name" as the drop-downs of the
/// templates offer them. Absolute references for formulas.
struct BlockTable {
  std::string table;    ///< ids to catalogue entries, for VLOOKUP
  std::string ids;      ///< the id column
  std::string choices;  ///< the "id — name" column (templates)
};
BlockTable write_block_table(xlsx::Sheet& sheet, const Region& region, Lang lang, bool choices);

/// The region's bonuses: id, name, value, and (with `choices`) "id — name".
struct BonusTable {
  std::string ids;
  std::string values;
  std::string choices;
};
BonusTable write_bonus_table(xlsx::Sheet& sheet, const Region& region, Lang lang, bool choices);

/// "id — name", as a drop-down offers a block or bonus; the readers take the id before " — ".
std::string choice(const std::string& id, const std::string& name);

/// The region's parameters for the formulas (Instellingen): the region in B1, full-time and
/// minimum hours, default percentage, threshold and whether it is inclusive, cap, PSO rule and
/// whether a certificate may expire, and the PSO share per level.
struct RegionSettings {
  std::string fulltime, minimum, default_percentage, threshold, inclusive, cap, pso_rule,
      pso_expiring, pso_table, pso_levels;
};
RegionSettings write_region_settings(xlsx::Sheet& sheet, const Region& region, Lang lang);

/// The contract's fields from `first_row`: label in A, input in B, help in `help_col`, with
/// validation; the input cell of each field as an absolute reference.
struct Cells {
  std::map<layout::Field, std::string> refs;
  const std::string& at(layout::Field f) const { return refs.at(f); }
};
Cells write_contract_fields(xlsx::Sheet& sheet, int first_row, const Region& region, Lang lang,
                            const std::string& pso_levels, int help_col,
                            const Prefill* prefill = nullptr);

}  // namespace sroi::forms
