// SPDX-License-Identifier: EUPL-1.2
// Workbook labels: Dutch by default (the users' language), English with --lang en.
#pragma once

#include <string>

#include "sroi/model/region.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::xlsx {

using sroi::Lang;

struct Labels {
  // sheet names
  const char* summary;
  const char* lines;
  const char* trace;
  const char* blocks;
  const char* progress;
  const char* appendix;
  const char* calculator;
  const char* bonuses;
  const char* settings;
  // summary
  const char* offer_title;
  const char* realisation_title;
  const char* supplier;
  const char* buyer;
  const char* contract;
  const char* contract_value;
  const char* period;
  const char* region;
  const char* version;
  const char* valid_from;
  const char* fulltime_hours;
  const char* minimum_hours;
  const char* sources;
  const char* base;
  const char* percentage;
  const char* threshold;
  const char* gross;
  const char* cap;
  const char* pso;
  const char* pso_discount;
  const char* pso_fulfilment;
  const char* obligation;
  const char* obligation_reason;
  const char* lines_total;
  const char* total;
  const char* surplus;
  const char* shortfall;
  const char* penalty;
  const char* provisional_warning;
  const char* provisional_see_appendix;
  const char* appendix_title;
  const char* provisional_values;
  const char* warning;
  const char* none;
  const char* provisional;
  const char* published;
  // lines
  const char* nr;
  const char* block;
  const char* name;
  const char* candidate;
  const char* start;
  const char* end;
  const char* rate;
  const char* bonus_list;
  const char* persons;
  const char* hours_per_week;
  const char* hours_factor;
  const char* quantity;
  const char* unit;
  const char* max_counted;
  const char* contract_duration;
  const char* counted;
  const char* periods;
  const char* value;
  // trace
  const char* step;
  const char* explanation;
  // blocks
  const char* counting_months;
  const char* status;
  const char* source;
  const char* maps_to;
  const char* note;
  const char* invoice_share;
  // progress
  const char* month;
  const char* realised_cumulative;
  const char* progress_title;
  // calculator
  const char* calculator_intro;
  const char* enter_obligation;
  const char* bonus1;
  const char* bonus2;
  const char* amount;
  const char* pick_block;
  const char* quantity_help;
};

const Labels& labels(Lang lang);

/// The unit of a line's quantity column: "maanden", "jaren", ...
std::string quantity_unit(Lang lang, Unit unit);

}  // namespace sroi::xlsx
