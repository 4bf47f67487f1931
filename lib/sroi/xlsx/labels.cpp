// SPDX-License-Identifier: EUPL-1.2
// The workbook labels, taken from the message catalogue (lib/sroi/text) by id, so that no label
// depends on its position in a list and every one has its Dutch and English text.
#include "sroi/xlsx/labels.hpp"

#include "sroi/msg/labels.hpp"
#include "sroi/msg/sheet_labels.hpp"
#include "sroi/msg/xlsx.hpp"

namespace sroi::xlsx {
namespace {

using text::word;

Labels make(Lang lang) {
  Labels l{};
  l.summary = word(Msg::LabelSummary, lang);
  l.lines = word(Msg::LabelLines, lang);
  l.trace = word(Msg::LabelTrace, lang);
  l.blocks = word(Msg::LabelBlocks, lang);
  l.progress = word(Msg::LabelProgress, lang);
  l.appendix = word(Msg::LabelAppendix, lang);
  l.calculator = word(Msg::LabelCalculator, lang);
  l.bonuses = word(Msg::LabelBonuses, lang);
  l.settings = word(Msg::LabelSettings, lang);
  l.offer_title = word(Msg::LabelOfferTitle, lang);
  l.realisation_title = word(Msg::LabelRealisationTitle, lang);
  l.supplier = word(Msg::LabelSupplier, lang);
  l.buyer = word(Msg::LabelBuyer, lang);
  l.contract = word(Msg::LabelContract, lang);
  l.contract_value = word(Msg::LabelContractValue, lang);
  l.period = word(Msg::LabelPeriod, lang);
  l.region = word(Msg::LabelRegion, lang);
  l.version = word(Msg::LabelVersion, lang);
  l.valid_from = word(Msg::LabelValidFrom, lang);
  l.fulltime_hours = word(Msg::LabelFulltimeHours, lang);
  l.minimum_hours = word(Msg::LabelMinimumHours, lang);
  l.sources = word(Msg::LabelSources, lang);
  l.base = word(Msg::LabelBase, lang);
  l.percentage = word(Msg::LabelPercentage, lang);
  l.threshold = word(Msg::LabelThreshold, lang);
  l.gross = word(Msg::LabelGross, lang);
  l.cap = word(Msg::LabelCap, lang);
  l.pso = word(Msg::LabelPso, lang);
  l.pso_discount = word(Msg::LabelPsoDiscount, lang);
  l.pso_fulfilment = word(Msg::LabelPsoFulfilment, lang);
  l.obligation = word(Msg::LabelObligation, lang);
  l.obligation_reason = word(Msg::LabelObligationReason, lang);
  l.lines_total = word(Msg::LabelLinesTotal, lang);
  l.total = word(Msg::LabelTotal, lang);
  l.surplus = word(Msg::LabelSurplus, lang);
  l.shortfall = word(Msg::LabelShortfall, lang);
  l.penalty = word(Msg::LabelPenalty, lang);
  l.provisional_warning = word(Msg::LabelProvisionalWarning, lang);
  l.provisional_see_appendix = word(Msg::LabelProvisionalSeeAppendix, lang);
  l.appendix_title = word(Msg::LabelAppendixTitle, lang);
  l.provisional_values = word(Msg::LabelProvisionalValues, lang);
  l.warning = word(Msg::LabelWarning, lang);
  l.none = word(Msg::LabelNone, lang);
  l.provisional = word(Msg::LabelProvisional, lang);
  l.published = word(Msg::LabelPublished, lang);
  l.nr = word(Msg::LabelNr, lang);
  l.block = word(Msg::LabelBlock, lang);
  l.name = word(Msg::LabelName, lang);
  l.candidate = word(Msg::LabelCandidate, lang);
  l.start = word(Msg::LabelStart, lang);
  l.end = word(Msg::LabelEnd, lang);
  l.rate = word(Msg::LabelRate, lang);
  l.bonus_list = word(Msg::LabelBonusList, lang);
  l.persons = word(Msg::LabelPersons, lang);
  l.hours_per_week = word(Msg::LabelHoursPerWeek, lang);
  l.hours_factor = word(Msg::LabelHoursFactor, lang);
  l.quantity = word(Msg::LabelQuantity, lang);
  l.unit = word(Msg::LabelUnit, lang);
  l.max_counted = word(Msg::LabelMaxCounted, lang);
  l.contract_duration = word(Msg::LabelContractDuration, lang);
  l.counted = word(Msg::LabelCounted, lang);
  l.periods = word(Msg::LabelPeriods, lang);
  l.value = word(Msg::LabelValue, lang);
  l.step = word(Msg::LabelStep, lang);
  l.explanation = word(Msg::LabelExplanation, lang);
  l.counting_months = word(Msg::LabelCountingMonths, lang);
  l.status = word(Msg::LabelStatus, lang);
  l.source = word(Msg::LabelSource, lang);
  l.maps_to = word(Msg::LabelMapsTo, lang);
  l.note = word(Msg::LabelNote, lang);
  l.invoice_share = word(Msg::LabelInvoiceShare, lang);
  l.month = word(Msg::LabelMonth, lang);
  l.realised_cumulative = word(Msg::LabelRealisedCumulative, lang);
  l.progress_title = word(Msg::LabelProgressTitle, lang);
  l.calculator_intro = word(Msg::LabelCalculatorIntro, lang);
  l.enter_obligation = word(Msg::LabelEnterObligation, lang);
  l.bonus1 = word(Msg::LabelBonus1, lang);
  l.bonus2 = word(Msg::LabelBonus2, lang);
  l.amount = word(Msg::LabelAmount, lang);
  l.pick_block = word(Msg::LabelPickBlock, lang);
  l.quantity_help = word(Msg::LabelQuantityHelp, lang);
  return l;
}

}  // namespace

const Labels& labels(Lang lang) {
  static const Labels nl = make(Lang::Nl), en = make(Lang::En);
  return lang == Lang::En ? en : nl;
}

std::string quantity_unit(Lang lang, Unit unit) {
  switch (unit) {
    case Unit::FulltimeYear:
    case Unit::Month:
      return word(Msg::QuantityMonths, lang);
    case Unit::LearningYear:
      return word(Msg::QuantityYears, lang);
    case Unit::Invoice:
      return word(Msg::QuantityInvoice, lang);
    case Unit::Hour:
      return word(Msg::QuantityHours, lang);
    case Unit::Activity:
      return word(Msg::QuantityActivities, lang);
    case Unit::ActualCost:
      return word(Msg::QuantityCost, lang);
  }
  return "";
}

}  // namespace sroi::xlsx
