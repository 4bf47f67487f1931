// SPDX-License-Identifier: EUPL-1.2
#include "sroi/text/catalogue.hpp"

#include <array>

#include "sroi/error.hpp"

namespace sroi::text {
namespace {

using M = Msg;

// In the order of the ids (a test checks it, and that every id has both languages).
constexpr Entry kEntries[] = {
    {M::Value, "value", "{0}", "{0}"},
    // Step names.
    {M::StepRate, "step.rate", "tarief", "rate"},
    {M::StepBonus, "step.bonus", "bonus", "bonus"},
    {M::StepYearlyValue, "step.yearly_value", "jaarwaarde", "yearly value"},
    {M::StepMinimumHours, "step.minimum_hours", "minimum uren", "minimum hours"},
    {M::StepHoursFactor, "step.hours_factor", "urenfactor", "hours factor"},
    {M::StepCap, "step.cap", "begrenzing", "cap"},
    {M::StepValue, "step.value", "waarde", "value"},
    {M::StepInvoice, "step.invoice", "factuur", "invoice"},
    {M::StepShare, "step.share", "aandeel", "share"},
    {M::StepCost, "step.cost", "kosten", "cost"},
    {M::StepMonthsCounted, "step.months_counted", "maanden geteld", "months counted"},
    {M::StepDuplicate, "step.duplicate", "dubbel", "duplicate"},
    {M::StepDate, "step.date", "datum", "date"},
    {M::StepPeriod, "step.period", "periode", "period"},
    {M::StepMonths, "step.months", "maanden", "months"},
    {M::StepPriorEmployment, "step.prior_employment", "eerder in dienst", "prior employment"},
    {M::StepPersonsWeek, "step.persons_week", "week van de persoon", "person's week"},
    {M::StepBase, "step.base", "grondslag", "base"},
    {M::StepPercentage, "step.percentage", "percentage", "percentage"},
    {M::StepThreshold, "step.threshold", "drempel", "threshold"},
    {M::StepDuration, "step.duration", "looptijd", "duration"},
    {M::StepGross, "step.gross", "bruto", "gross"},
    {M::StepPso, "step.pso", "pso", "pso"},
    {M::StepPsoDiscount, "step.pso_discount", "pso-korting", "pso discount"},
    {M::StepPsoFulfilment, "step.pso_fulfilment", "pso-invulling", "pso fulfilment"},
    {M::StepObligation, "step.obligation", "verplichting", "obligation"},
    {M::StepPenalty, "step.penalty", "boete", "penalty"},
    // Words.
    {M::WordPublished, "word.published", "gepubliceerd", "published"},
    {M::WordProvisional, "word.provisional", "voorlopig", "provisional"},
    {M::WordNone, "word.none", "geen", "none"},
    {M::WordAsOfDate, "word.as_of_date", "de peildatum", "the as-of date"},
    {M::WordContractEnd, "word.contract_end", "het einde van het contract", "the contract end"},
    {M::WordFrom, "word.from", "vanaf", "from"},
    {M::WordAbove, "word.above", "boven", "above"},
    {M::WordContractClause, "word.contract_clause", "het boetebeding van het contract",
     "the contract's penalty clause"},
    {M::WordRegionRule, "word.region_rule", "de regel van de regio", "the region's rule"},
    {M::BaseContractValue, "base.contract_value", "contractwaarde", "contract value"},
    {M::BaseInvoicedTurnover, "base.invoiced_turnover", "gefactureerde omzet", "invoiced turnover"},
    {M::BaseWageBill, "base.wage_bill", "loonsom", "wage bill"},
    {M::PerFulltimeYear, "per.fulltime_year", "per voltijdjaar", "per full-time year"},
    {M::PerMonth, "per.month", "per maand", "per month"},
    {M::PerLearningYear, "per.learning_year", "per leerwerkjaar", "per learning-work year"},
    {M::PerHour, "per.hour", "per uur", "per hour"},
    {M::PerActivity, "per.activity", "per activiteit", "per activity"},
    // A line's value.
    {M::RateOf, "line.rate", "{0} {1} ({2}: {3}; {4})", "{0} {1} ({2}: {3}; {4})"},
    {M::BonusesExclude, "line.bonuses_exclude",
     "{0} en {1} sluiten elkaar uit (groep {2}): alleen de hoogste, {1}, telt",
     "{0} and {1} exclude each other (group {2}): only the highest, {1}, applies"},
    {M::BonusAdded, "line.bonus_added", "+ {0} {1} ({2})", "+ {0} {1} ({2})"},
    {M::YearlyValueWithBonuses, "line.yearly_value", "{0} per voltijdjaar met bonussen",
     "{0} per full-time year with bonuses"},
    {M::BelowMinimumHours, "line.below_minimum_hours",
     "{0} u/week is minder dan het minimum van de regio van {1} u/week per persoon",
     "{0} h/week is below the region's minimum of {1} h/week per person"},
    {M::WorthNothing, "line.worth_nothing", "{0}: de regel is € 0 waard",
     "{0}: the line is worth € 0"},
    {M::HoursCapped, "line.hours_capped",
     "{0} u/week ÷ {1} u voltijd, begrensd op 1 (voltijd telt één keer)",
     "{0} h/week ÷ {1} h full-time, capped at 1 (full time counts once)"},
    {M::HoursFactorIs, "line.hours_factor", "{0} u/week ÷ {1} u voltijd = {2}",
     "{0} h/week ÷ {1} h full-time = {2}"},
    {M::CountingPeriodCaps, "line.counting_period_caps",
     "telperiode van {0} maanden begrenst {1} op {2}",
     "counting period of {0} months caps {1} at {2}"},
    {M::ContractStopsTime, "line.contract_stops_time",
     "het contract loopt {0}; {1} stoppen bij het einde van het contract",
     "contract runs {0}; {1} stop at the contract end"},
    {M::MonthsToYears, "line.months_to_years", "{0} ÷ 12 = {1}", "{0} ÷ 12 = {1}"},
    {M::ValueFormula, "line.value", "{0} = {1}", "{0} = {1}"},
    {M::ValueFormulaExact, "line.value_exact",
     "{0} = {1} (exact {2} cent, één keer afgerond, de helft van nul af)",
     "{0} = {1} (exact {2} cents, rounded half away from zero once)"},
    {M::InvoiceExclVat, "line.invoice", "{0} excl. btw", "{0} excl. VAT"},
    {M::InvoiceShareCounts, "line.invoice_share", "{0} van de factuur telt",
     "{0} of the invoice counts"},
    {M::CostCountsInFull, "line.cost", "{0} werkelijke kosten tellen volledig",
     "{0} actual cost counts in full"},
    {M::DatedOutsideContract, "line.dated_outside",
     "gedateerd {0}, buiten de contractperiode {1} tot en met {2}",
     "dated {0}, outside the contract period {1} to {2}"},
    {M::CountsNothing, "line.counts_nothing", "{0}: telt € 0", "{0}: counts € 0"},
    {M::CandidateCountsNothing, "line.candidate_counts_nothing", "{0}: {1}; telt € 0",
     "{0}: {1}; counts € 0"},
    {M::DuplicateOf, "line.duplicate_of", "dubbel met {0}: één plaatsing twee keer geregistreerd",
     "duplicate of {0}: one placement registered twice"},
    {M::DuplicateLine, "line.duplicate_line",
     "dubbele regel: {0} herhaalt {1} ({2}, {3}); één keer geteld",
     "duplicate line: {0} repeats {1} ({2}, {3}); counted once"},
    {M::CountedFromContractStart, "line.from_contract_start",
     "geteld vanaf de start van het contract {0}", "counted from the contract start {0}"},
    {M::StopsAt, "line.stops_at", "stopt bij {0} {1}", "stops at {0} {1}"},
    {M::MonthsBetween, "line.months_between", "{0} tot en met {1} = {2} {3}",
     "{0} to {1} = {2} {3}"},
    {M::MonthsByDays, "line.months_by_days", "(dagen ÷ 365 × 12)", "(days ÷ 365 × 12)"},
    {M::MonthsByCalendar, "line.months_by_calendar",
     "(kalendermaanden, een deel van een maand naar dagen)",
     "(calendar months, partial months by days)"},
    {M::PriorStartAllowed, "line.prior_start_allowed",
     "{0} begon op {1}, voor de start van het contract {2}: regio {3} staat een start tot {4} "
     "maanden eerder toe, dus de telperiode loopt vanaf de start van het contract",
     "{0} started on {1}, before the contract start {2}: region {3} allows a start up to {4} "
     "months before, so the counting period runs from the contract start"},
    {M::PriorStartCountsNothing, "line.prior_start",
     "{0} begon op {1}, voor de start van het contract {2}: de tijd voor het contract gebruikt "
     "de telperiode en telt niet",
     "{0} started on {1}, before the contract start {2}: the time before the contract uses the "
     "counting period and counts nothing"},
    {M::PriorStartCountsNothingAtMost, "line.prior_start_at_most",
     "{0} begon op {1}, voor de start van het contract {2}: de tijd voor het contract gebruikt "
     "de telperiode en telt niet (regio {3} staat hoogstens {4} maanden eerder toe)",
     "{0} started on {1}, before the contract start {2}: the time before the contract uses the "
     "counting period and counts nothing (region {3} allows at most {4} months before)"},
    {M::SubsidyRuleMissing, "line.subsidy_rule_missing",
     "{0}: regio {1} kent geen telregel voor loonkostensubsidie; subsidy_until telt niet mee",
     "{0}: region {1} has no wage-subsidy counting rule; subsidy_until is ignored"},
    {M::CountingWindowCaps, "line.counting_window",
     "telperiode van {0} maanden vanaf de eerste start van {1} in {2} op {3} ({4} al geteld): "
     "{5} van {6} tellen",
     "counting period of {0} months from {1}'s first start in {2} on {3} ({4} already "
     "counted): {5} of {6} count"},
    {M::CountingWindowCapsOn, "line.counting_window_on",
     "telperiode van {0} maanden vanaf de eerste start van {1} in {2} op {3} ({4} al geteld "
     "op contract {7}): {5} van {6} tellen",
     "counting period of {0} months from {1}'s first start in {2} on {3} ({4} already counted "
     "on contract {7}): {5} of {6} count"},
    {M::CountsWhileSubsidy, "line.counts_while_subsidy",
     "telt zolang de loonkostensubsidie loopt (tot en met {0}): {1} van {2} tellen",
     "counts while the wage-cost subsidy runs (until {0}): {1} of {2} count"},
    {M::CountsAlways, "line.counts_always", "geen telperiode: telt altijd",
     "no counting period: counts always"},
    {M::HoursFactorWeighted, "line.hours_weighted", "gewogen over de getelde maanden: {0}",
     "weighted over the counted months: {0}"},
    {M::BelowMinimumPerPerson, "line.below_minimum",
     "minder dan het minimum van de regio van {0} u/week per persoon",
     "below the region's minimum of {0} h/week per person"},
    {M::WeekBelowMinimum, "week.below_minimum",
     "{0} {1} tot en met {2}: {3} u/week in totaal, minder dan het minimum van {4} u/week per "
     "persoon",
     "{0} {1} to {2}: {3} h/week in all, below the minimum of {4} h/week per person"},
    {M::WeekShared, "week.shared",
     "{0} {1} tot en met {2}: {3} u/week op {4} regels delen één voltijdweek (met {5}); deze "
     "regel telt {6} van zijn {7} u/week",
     "{0} {1} to {2}: {3} h/week on {4} lines share one full-time week (with {5}); this line "
     "counts {6} of its {7} h/week"},
    {M::WeekReachesMinimum, "week.reaches_minimum",
     "{0} {1} tot en met {2}: {3} u/week op de gelijktijdige regels van de persoon halen het "
     "minimum van {4} u/week per persoon",
     "{0} {1} to {2}: {3} h/week on the person's concurrent lines reach the minimum of {4} "
     "h/week per person"},
    {M::SharedWith, "week.shared_with", "{0} ({1} u)", "{0} ({1} h)"},
    {M::ContractRef, "contract_ref", "contract {0}", "contract {0}"},
    {M::AtPlace, "at_place", "{0}: {1}", "{0}: {1}"},
    // Provisional values.
    {M::ProvisionalValue, "provisional.value", "{0} ({1})", "{0} ({1})"},
    {M::ProvisionalBlock, "provisional.block", "bouwblok {0}", "block {0}"},
    {M::ProvisionalBonus, "provisional.bonus", "bonus {0}", "bonus {0}"},
    {M::ProvisionalBonusGroup, "provisional.bonus_group", "bonusgroep {0}", "bonus group {0}"},
    {M::ProvisionalFulltimeHours, "provisional.fulltime_hours", "voltijduren {0} van {1}",
     "full-time hours {0} of {1}"},
    {M::ProvisionalMinimumHours, "provisional.minimum_hours", "minimum uren van {0}",
     "minimum hours of {0}"},
    {M::ProvisionalPriorEmployment, "provisional.prior_employment", "regel voor eerder in dienst",
     "prior employment rule"},
    {M::ProvisionalSubsidyRule, "provisional.subsidy_rule", "telregel loonkostensubsidie",
     "wage-subsidy counting rule"},
    {M::ProvisionalObligationRules, "provisional.obligation_rules", "verplichtingsregels van {0}",
     "obligation rules of {0}"},
    {M::ProvisionalDefaultPercentage, "provisional.default_percentage",
     "standaardpercentage van de verplichting {0}", "default obligation percentage {0}"},
    {M::ProvisionalPso, "provisional.pso", "PSO {0} {1}", "PSO {0} {1}"},
    {M::ProvisionalPenaltyFactor, "provisional.penalty_factor", "boetefactor", "penalty factor"},
    // The obligation.
    {M::BaseAmount, "obligation.base", "{0} {1}", "{0} {1}"},
    {M::PercentageFromContract, "obligation.percentage_contract", "{0} (in het contract)",
     "{0} (set by the contract)"},
    {M::PercentageDefault, "obligation.percentage_default", "{0} (standaard van de regio)",
     "{0} (region default)"},
    {M::BelowThreshold, "obligation.below_threshold",
     "{0} {1} ligt onder de drempel {2}, en een verplichting geldt alleen {3} de drempel",
     "{0} {1} is below the threshold {2}, and an obligation applies only {3} it"},
    {M::EqualsThreshold, "obligation.equals_threshold",
     "{0} {1} is gelijk aan de drempel {2}, en een verplichting geldt alleen {3} de drempel",
     "{0} {1} equals the threshold {2}, and an obligation applies only {3} it"},
    {M::NoObligationBecause, "obligation.none_because", "{0}: geen verplichting",
     "{0}: no obligation"},
    {M::ThresholdReached, "obligation.threshold_reached", "verplichting {0} {1}: gehaald",
     "obligation {0} {1}: reached"},
    {M::ThresholdReachedContract, "obligation.threshold_reached_contract",
     "verplichting {0} {1} (in het contract): gehaald",
     "obligation {0} {1} (set by the contract): reached"},
    {M::ContractTooShort, "obligation.too_short",
     "het contract loopt {0} maanden, korter dan het minimum van {1} maanden",
     "contract runs {0} months, shorter than the minimum of {1} months"},
    {M::GrossAmount, "obligation.gross", "{0} × {1} = {2} (de helft van nul af afgerond)",
     "{0} × {1} = {2} (rounded half away from zero)"},
    {M::CappedPerContract, "obligation.capped", "gemaximeerd op {0} per contract",
     "capped at {0} per contract"},
    {M::ObligationReason, "obligation.reason", "{0} van {1} {2}", "{0} of {1} {2}"},
    {M::ReasonCappedAt, "obligation.reason_capped", "gemaximeerd op {0}", "capped at {0}"},
    {M::ReasonMinusPsoDiscount, "obligation.reason_pso", "min PSO-korting {0} {1}",
     "minus PSO {0} discount {1}"},
    {M::PsoNotCountedByRegion, "pso.not_counted",
     "regio {0} telt geen PSO-certificaten; {1} blijft buiten beschouwing",
     "region {0} does not count PSO certificates; {1} ignored"},
    {M::PsoIgnoredNoRule, "pso.no_rule", "{0} telt niet: de regio heeft geen PSO-regel",
     "{0} not counted: the region has no PSO rule"},
    {M::PsoGap, "pso.gap",
     "PSO-certificaat {0} laat {1} van het contract onbedekt ({2}); een certificaat moet het "
     "contract zonder onderbreking van start tot einde dekken, dus PSO telt niet",
     "PSO certificate {0} leaves {1} of the contract uncovered ({2}); a certificate must cover "
     "the contract from start to end without a gap, so PSO is not counted"},
    {M::PsoGaps, "pso.gaps",
     "PSO-certificaten {0} laten {1} van het contract onbedekt ({2}); een certificaat moet het "
     "contract zonder onderbreking van start tot einde dekken, dus PSO telt niet",
     "PSO certificates {0} leave {1} of the contract uncovered ({2}); a certificate must cover "
     "the contract from start to end without a gap, so PSO is not counted"},
    {M::DateRange, "date_range", "{0} tot en met {1}", "{0} to {1}"},
    {M::PsoChainLowest, "pso.chain",
     "{0} volgen elkaar zonder onderbreking op; het laagste aandeel, {1} {2}, telt",
     "{0} follow each other without a gap; the lowest share, {1} {2}, counts"},
    {M::PsoDiscountAmount, "pso.discount", "{0}: {1} van {2} = {3} korting op de verplichting",
     "{0}: {1} of {2} = {3} off the obligation"},
    {M::PsoFulfilmentAmount, "pso.fulfilment", "{0}: {1} van {2} = {3} telt als gerealiseerd",
     "{0}: {1} of {2} = {3} counts as realised"},
    // The penalty.
    {M::PenaltyNoShortfall, "penalty.no_shortfall", "geen tekort, geen boete",
     "no shortfall, no penalty"},
    {M::PenaltyContractSetsNone, "penalty.contract_none", "het contract kent geen boete",
     "the contract sets no penalty"},
    {M::PenaltyRegionHasNone, "penalty.region_none", "de regio publiceert geen boeteregel",
     "the region publishes no penalty rule"},
    {M::PenaltyOfShortfall, "penalty.of_shortfall", "{0} × tekort {1} = {2} ({3})",
     "{0} × shortfall {1} = {2} ({3})"},
    {M::PenaltyOfObligation, "penalty.of_obligation", "{0} × verplichting {1} = {2} ({3})",
     "{0} × obligation {1} = {2} ({3})"},
    // A contract's status.
    {M::StartsAfterAsOf, "status.starts_after_as_of",
     "het contract begint op {0}, na de peildatum {1}: er kan nog niets gerealiseerd zijn",
     "the contract starts on {0}, after the as-of date {1}: nothing can be realised yet"},
    {M::OfferBelowObligation, "status.offer_below",
     "de aanbieding {0} ligt onder de verplichting {1}",
     "the offer {0} is below the obligation {1}"},
    {M::RealisationBelowObligation, "status.realisation_below",
     "de realisatie {0} ligt onder de verplichting {1}",
     "the realisation {0} is below the obligation {1}"},
    {M::ForecastBelowObligation, "status.forecast_below",
     "de prognose {0} ligt onder de verplichting {1}",
     "the forecast {0} is below the obligation {1}"},
    // Region versions.
    {M::VersionUnsettled, "region.version_unsettled",
     "regio {0} heeft {1} versies waarvan de geldigheidsdata niet beslissen welke op {2} geldt; "
     "gerekend met de nieuwste, {3}; noem een andere ({4}) zo: region_version = \"{5}\" in het "
     "bestand, of {0}@{5} op de opdrachtregel",
     "region {0} has {1} versions whose validity dates do not settle which applies on {2}; "
     "valued on the newest, {3}; to use another ({4}), name it: region_version = \"{5}\" in the "
     "file, or {0}@{5} on the command line"},
    // Workbook labels.
    {M::LabelSummary, "label.summary", "Samenvatting", "Summary"},
    {M::LabelLines, "label.lines", "Regels", "Lines"},
    {M::LabelTrace, "label.trace", "Toelichting", "Explanation"},
    {M::LabelBlocks, "label.blocks", "Bouwblokken", "Building blocks"},
    {M::LabelProgress, "label.progress", "Voortgang", "Progress"},
    {M::LabelCalculator, "label.calculator", "Rekenhulp", "Calculator"},
    {M::LabelBonuses, "label.bonuses", "Bonussen", "Bonuses"},
    {M::LabelSettings, "label.settings", "Instellingen", "Settings"},
    {M::LabelOfferTitle, "label.offer_title", "SROI-aanbieding", "SROI offer"},
    {M::LabelRealisationTitle, "label.realisation_title", "SROI-realisatie", "SROI realisation"},
    {M::LabelSupplier, "label.supplier", "Leverancier", "Supplier"},
    {M::LabelContract, "label.contract", "Contract", "Contract"},
    {M::LabelContractValue, "label.contract_value", "Opdrachtwaarde", "Contract value"},
    {M::LabelPeriod, "label.period", "Looptijd", "Period"},
    {M::LabelRegion, "label.region", "Regio", "Region"},
    {M::LabelVersion, "label.version", "Versie", "Version"},
    {M::LabelValidFrom, "label.valid_from", "Geldig vanaf", "Valid from"},
    {M::LabelFulltimeHours, "label.fulltime_hours", "Voltijd uren per week",
     "Full-time hours per week"},
    {M::LabelMinimumHours, "label.minimum_hours", "Minimum uren per week",
     "Minimum hours per week"},
    {M::LabelSources, "label.sources", "Bronnen", "Sources"},
    {M::LabelBase, "label.base", "Grondslag", "Base"},
    {M::LabelPercentage, "label.percentage", "Percentage", "Percentage"},
    {M::LabelThreshold, "label.threshold", "Drempelbedrag", "Threshold"},
    {M::LabelGross, "label.gross", "Verplichting vóór plafond en PSO",
     "Obligation before cap and PSO"},
    {M::LabelCap, "label.cap", "Plafond", "Cap"},
    {M::LabelPso, "label.pso", "PSO-certificaat", "PSO certificate"},
    {M::LabelPsoDiscount, "label.pso_discount", "PSO-korting", "PSO discount"},
    {M::LabelPsoFulfilment, "label.pso_fulfilment", "PSO-vervulling", "PSO fulfilment"},
    {M::LabelObligation, "label.obligation", "SROI-verplichting", "SROI obligation"},
    {M::LabelObligationReason, "label.obligation_reason", "Toelichting verplichting",
     "Obligation reason"},
    {M::LabelLinesTotal, "label.lines_total", "Som van de regels", "Sum of the lines"},
    {M::LabelTotal, "label.total", "Totale waarde", "Total value"},
    {M::LabelSurplus, "label.surplus", "Overschot", "Surplus"},
    {M::LabelShortfall, "label.shortfall", "Tekort", "Shortfall"},
    {M::LabelPenalty, "label.penalty", "Boeterisico", "Penalty exposure"},
    {M::LabelProvisionalWarning, "label.provisional_warning",
     "LET OP: deze berekening gebruikt voorlopige waarden (niet gepubliceerd):",
     "WARNING: this calculation uses provisional values (not published):"},
    {M::LabelWarning, "label.warning", "Waarschuwing", "Warning"},
    {M::LabelNone, "label.none", "geen", "none"},
    {M::LabelProvisional, "label.provisional", "voorlopig", "provisional"},
    {M::LabelPublished, "label.published", "gepubliceerd", "published"},
    {M::LabelNr, "label.nr", "Nr", "No"},
    {M::LabelBlock, "label.block", "Bouwblok", "Block"},
    {M::LabelName, "label.name", "Naam", "Name"},
    {M::LabelCandidate, "label.candidate", "Kandidaat", "Candidate"},
    {M::LabelStart, "label.start", "Begin", "Start"},
    {M::LabelEnd, "label.end", "Einde", "End"},
    {M::LabelRate, "label.rate", "Tarief", "Rate"},
    {M::LabelBonusList, "label.bonus_list", "Bonussen", "Bonuses"},
    {M::LabelPersons, "label.persons", "Personen", "Persons"},
    {M::LabelHoursPerWeek, "label.hours_per_week", "Uren per week", "Hours per week"},
    {M::LabelHoursFactor, "label.hours_factor", "Urenfactor", "Hours factor"},
    {M::LabelQuantity, "label.quantity", "Hoeveelheid", "Quantity"},
    {M::LabelUnit, "label.unit", "Eenheid", "Unit"},
    {M::LabelMaxCounted, "label.max_counted", "Maximaal te tellen", "Counts at most"},
    {M::LabelContractDuration, "label.contract_duration", "Contractduur", "Contract duration"},
    {M::LabelCounted, "label.counted", "Geteld", "Counted"},
    {M::LabelPeriods, "label.periods", "Perioden", "Periods"},
    {M::LabelValue, "label.value", "Waarde", "Value"},
    {M::LabelStep, "label.step", "Stap", "Step"},
    {M::LabelExplanation, "label.explanation", "Toelichting", "Explanation"},
    {M::LabelCountingMonths, "label.counting_months", "Telperiode (maanden)",
     "Counting period (months)"},
    {M::LabelStatus, "label.status", "Status", "Status"},
    {M::LabelSource, "label.source", "Bron", "Source"},
    {M::LabelMapsTo, "label.maps_to", "Catalogus", "Catalogue"},
    {M::LabelNote, "label.note", "Opmerking", "Note"},
    {M::LabelInvoiceShare, "label.invoice_share", "Deel van factuur (%)", "Share of invoice (%)"},
    {M::LabelMonth, "label.month", "Maand", "Month"},
    {M::LabelRealisedCumulative, "label.realised_cumulative", "Gerealiseerd (cumulatief)",
     "Realised (cumulative)"},
    {M::LabelProgressTitle, "label.progress_title", "Realisatie tegen verplichting",
     "Realisation against obligation"},
    {M::LabelCalculatorIntro, "label.calculator_intro",
     "Kies een bouwblok en vul de gele cellen in; waarde en totaal rekenen mee. Het contracteinde "
     "begrenst hier niet: tel maanden binnen de looptijd.",
     "Pick a block and fill in the yellow cells; value and total follow. The contract end does not "
     "cap here: count months within the contract."},
    {M::LabelEnterObligation, "label.enter_obligation", "Verplichting (vul in)",
     "Obligation (enter)"},
    {M::LabelBonus1, "label.bonus1", "Bonus 1", "Bonus 1"},
    {M::LabelBonus2, "label.bonus2", "Bonus 2", "Bonus 2"},
    {M::LabelAmount, "label.amount", "Bedrag (factuur of kosten)", "Amount (invoice or cost)"},
    {M::LabelPickBlock, "label.pick_block", "Kies een bouwblok uit de lijst",
     "Pick a building block from the list"},
    {M::LabelQuantityHelp, "label.quantity_help",
     "Maanden (per jaar/maand), jaren (leerwerkjaar), uren of aantal activiteiten",
     "Months (per year/month), years (learning-work year), hours or number of activities"},
    // Quantity measures.
    {M::QuantityMonths, "quantity.months", "maanden", "months"},
    {M::QuantityYears, "quantity.years", "jaren", "years"},
    {M::QuantityInvoice, "quantity.invoice", "% van factuur", "% of invoice"},
    {M::QuantityHours, "quantity.hours", "uren", "hours"},
    {M::QuantityActivities, "quantity.activities", "activiteiten", "activities"},
    {M::QuantityCost, "quantity.cost", "kosten", "cost"},
    // Region diffs.
    {M::AspectName, "aspect.name", "naam", "name"},
    {M::AspectValidFrom, "aspect.valid_from", "geldig vanaf", "valid from"},
    {M::AspectValidUntil, "aspect.valid_until", "geldig tot en met", "valid until"},
    {M::AspectFulltimeHours, "aspect.fulltime_hours", "voltijduren", "full-time hours"},
    {M::AspectMinimumHours, "aspect.minimum_hours", "minimum uren", "minimum hours"},
    {M::AspectTimeBasis, "aspect.time_basis", "tijdbasis", "time basis"},
    {M::AspectObligationPercentage, "aspect.obligation_percentage", "verplichtingspercentage",
     "obligation percentage"},
    {M::AspectObligationBase, "aspect.obligation_base", "grondslag", "obligation base"},
    {M::AspectThreshold, "aspect.threshold", "drempel", "threshold"},
    {M::AspectCap, "aspect.cap", "plafond", "cap"},
    {M::AspectPsoRule, "aspect.pso_rule", "PSO-regel", "PSO rule"},
    {M::AspectPenalty, "aspect.penalty", "boete", "penalty"},
    {M::AspectBlock, "aspect.block", "bouwblok {0}", "block {0}"},
    {M::AspectBlockValue, "aspect.block_value", "bouwblok {0} waarde", "block {0} value"},
    {M::AspectBlockUnit, "aspect.block_unit", "bouwblok {0} eenheid", "block {0} unit"},
    {M::AspectBlockCountingPeriod, "aspect.block_counting_period", "bouwblok {0} telperiode",
     "block {0} counting period"},
    {M::AspectBlockInvoiceShare, "aspect.block_invoice_share", "bouwblok {0} factuuraandeel",
     "block {0} invoice share"},
    {M::AspectBlockName, "aspect.block_name", "bouwblok {0} naam", "block {0} name"},
    {M::AspectBlockStatus, "aspect.block_status", "bouwblok {0} status", "block {0} status"},
    {M::AspectBonus, "aspect.bonus", "bonus {0}", "bonus {0}"},
    {M::WordDays, "word.days", "dagen", "days"},
    {M::WordMonths, "word.months", "maanden", "months"},
    {M::WordDiscount, "word.discount", "korting", "discount"},
    {M::WordFulfilment, "word.fulfilment", "invulling", "fulfilment"},
    {M::WordActualCost, "word.actual_cost", "werkelijke kosten", "actual cost"},
    {M::PerBlockValue, "block.value_per", "{0} {1}", "{0} {1}"},
    {M::InvoiceShareOf, "block.invoice_share", "{0} van de factuur", "{0} of the invoice"},
    {M::BlockCountingSuffix, "block.counting_suffix", "{0}, {1}", "{0}, {1}"},
    {M::ProvisionalSuffix, "provisional.suffix", "{0} (voorlopig)", "{0} (provisional)"},
    {M::BonusAmount, "bonus.amount", "+ {0}", "+ {0}"},
    {M::PsoRuleValue, "pso.rule", "{0}{1}", "{0}{1}"},
    {M::PenaltyFactorOfShortfall, "penalty.factor_shortfall", "{0} × tekort", "{0} × shortfall"},
    {M::PenaltyFactorOfObligation, "penalty.factor_obligation", "{0} × verplichting",
     "{0} × obligation"},
    {M::ChangedFromTo, "diff.changed", "{0} van {1} naar {2}", "{0} from {1} to {2}"},
    {M::RenamedTo, "diff.renamed", "{0} → {1}", "{0} → {1}"},
    {M::AddedWith, "diff.added", "{0} ({1})", "{0} ({1})"},
    {M::ChangelogReplaces, "changelog.replaces", "Versie {0} van {1} vervangt versie {2}.",
     "Version {0} of {1} replaces version {2}."},
    {M::ChangelogValues, "changelog.values", "Gewijzigde waarden: {0}.", "Changed values: {0}."},
    {M::ChangelogRenamed, "changelog.renamed", "Hernoemde bouwblokken: {0}.",
     "Renamed blocks: {0}."},
    {M::ChangelogAdded, "changelog.added", "Nieuwe bouwblokken: {0}.", "New blocks: {0}."},
    {M::ChangelogRemoved, "changelog.removed", "Vervallen bouwblokken: {0}.",
     "Removed blocks: {0}."},
    {M::ChangelogOther, "changelog.other", "Overige regels: {0}.", "Other rules: {0}."},
    {M::ChangelogNothingElse, "changelog.nothing_else", "Verder is niets gewijzigd.",
     "Nothing else changed."},
    // Portfolio workbook.
    {M::PortfolioTitle, "portfolio.title", "Portefeuille", "Portfolio"},
    {M::PortfolioPerSupplier, "portfolio.per_supplier", "Per leverancier", "Per supplier"},
    {M::PortfolioPerBuyer, "portfolio.per_buyer", "Per opdrachtgever", "Per buyer"},
    {M::PortfolioColContract, "portfolio.col_contract", "Contract", "Contract"},
    {M::PortfolioColBuyer, "portfolio.col_buyer", "Opdrachtgever", "Buyer"},
    {M::PortfolioColSupplier, "portfolio.col_supplier", "Leverancier", "Supplier"},
    {M::PortfolioColRegion, "portfolio.col_region", "Regio", "Region"},
    {M::PortfolioColStart, "portfolio.col_start", "Begin", "Start"},
    {M::PortfolioColEnd, "portfolio.col_end", "Einde", "End"},
    {M::PortfolioColContractValue, "portfolio.col_contract_value", "Opdrachtwaarde",
     "Contract value"},
    {M::PortfolioColObligation, "portfolio.col_obligation", "Verplichting", "Obligation"},
    {M::PortfolioColOffered, "portfolio.col_offered", "Aangeboden", "Offered"},
    {M::PortfolioColRealised, "portfolio.col_realised", "Gerealiseerd", "Realised"},
    {M::PortfolioColSurplus, "portfolio.col_surplus", "Overschot", "Surplus"},
    {M::PortfolioColShortfall, "portfolio.col_shortfall", "Tekort", "Shortfall"},
    {M::PortfolioColForecastAtEnd, "portfolio.col_forecast_at_end", "Prognose einde",
     "Forecast at end"},
    {M::PortfolioColPenaltyExposure, "portfolio.col_penalty_exposure", "Boeterisico",
     "Penalty exposure"},
    {M::PortfolioColLines, "portfolio.col_lines", "Regels", "Lines"},
    {M::PortfolioGroupName, "portfolio.group_name", "Naam", "Name"},
    {M::PortfolioGroupContracts, "portfolio.group_contracts", "Contracten", "Contracts"},
    {M::PortfolioGroupObligation, "portfolio.group_obligation", "Verplichting", "Obligation"},
    {M::PortfolioGroupRealised, "portfolio.group_realised", "Gerealiseerd", "Realised"},
    {M::PortfolioGroupShortfall, "portfolio.group_shortfall", "Tekort", "Shortfall"},
    {M::PortfolioTotal, "portfolio.total", "Totaal", "Total"},
    {M::PortfolioChartTitle, "portfolio.chart_title",
     "Gerealiseerd tegen verplichting per leverancier", "Realised against obligation per supplier"},
    {M::PortfolioAsOf, "portfolio.as_of", "Peildatum", "As of"},
    // Harmonisation workbooks.
    {M::HarmComparison, "harmonise.comparison", "Vergelijking", "Comparison"},
    {M::HarmCatalogue, "harmonise.catalogue", "Catalogus", "Catalogue"},
    {M::HarmDescription, "harmonise.description", "Omschrijving", "Description"},
    {M::HarmDiffers, "harmonise.differs", "Verschilt", "Differs"},
    {M::HarmYes, "harmonise.yes", "ja", "yes"},
    {M::HarmNo, "harmonise.no", "nee", "no"},
    {M::HarmProposal, "harmonise.proposal", "Voorstel", "Proposal"},
    {M::HarmName, "harmonise.name", "Naam", "Name"},
    {M::HarmUnit, "harmonise.unit", "Eenheid", "Unit"},
    {M::HarmLowest, "harmonise.lowest", "Laagste", "Lowest"},
    {M::HarmHighest, "harmonise.highest", "Hoogste", "Highest"},
    {M::HarmSpread, "harmonise.spread", "Spreiding", "Spread"},
    {M::HarmProvenance, "harmonise.provenance", "Herkomst", "Provenance"},
    {M::HarmEffectOnOffers, "harmonise.effect_on_offers", "Effect op aanbiedingen",
     "Effect on offers"},
    {M::HarmOffer, "harmonise.offer", "Aanbieding", "Offer"},
    {M::HarmOwnRegion, "harmonise.own_region", "Eigen regio", "Own region"},
    {M::HarmValueThere, "harmonise.value_there", "Waarde daar", "Value there"},
    {M::HarmValueUnderDraft, "harmonise.value_under_draft", "Waarde in concept",
     "Value under draft"},
    {M::HarmMovesBy, "harmonise.moves_by", "Verschil", "Moves by"},
    {M::HarmMovesByPercent, "harmonise.moves_by_percent", "Verschil %", "Moves by %"},
    {M::HarmUnmappedLines, "harmonise.unmapped_lines", "Niet te plaatsen regels", "Unmapped lines"},
    {M::HarmProposalMethod, "harmonise.proposal_method", "Voorstel ({0})", "Proposal ({0})"},
    // Region comparison values.
    {M::Gap, "compare.gap", "—", "—"},
    {M::HoursValue, "compare.hours", "{0} u", "{0} h"},
    {M::WordPerPerson, "word.per_person", "per persoon", "per person"},
    {M::WordPerContract, "word.per_contract", "per contract", "per contract"},
    {M::PsoEveryLevel, "compare.pso_every_level", "{0} {1} op elke trede",
     "{0} {1} at every level"},
    {M::PsoLevelShare, "compare.pso_level_share", "{0} {1}", "{0} {1}"},
#include "sroi/text/catalogue_problems.ipp"
};

constexpr bool in_id_order() {
  for (std::size_t i = 0; i < std::size(kEntries); ++i)
    if (static_cast<std::size_t>(kEntries[i].id) != i) return false;
  return true;
}
static_assert(std::size(kEntries) == static_cast<std::size_t>(Msg::Count_),
              "every message id needs one catalogue entry");
static_assert(in_id_order(), "catalogue entries follow the order of the ids");

/// "." → "," for Dutch decimals.
std::string localise_decimal(std::string s, Lang lang) {
  if (lang == Lang::Nl)
    for (auto& c : s)
      if (c == '.') c = ',';
  return s;
}

struct UnitWords {
  const char *one, *many;
};

UnitWords unit_words(Counted what, Lang lang) {
  bool nl = lang == Lang::Nl;
  switch (what) {
    case Counted::Months:
      return nl ? UnitWords{"maand", "maanden"} : UnitWords{"month", "months"};
    case Counted::Years:
      return nl ? UnitWords{"jaar", "jaar"} : UnitWords{"year", "years"};
    case Counted::Hours:
      return nl ? UnitWords{"uur", "uur"} : UnitWords{"hour", "hours"};
    case Counted::Activities:
      return nl ? UnitWords{"activiteit", "activiteiten"} : UnitWords{"activity", "activities"};
    case Counted::Persons:
      return nl ? UnitWords{"persoon", "personen"} : UnitWords{"person", "persons"};
    case Counted::Days:
      return nl ? UnitWords{"dag", "dagen"} : UnitWords{"day", "days"};
  }
  return {"", ""};
}

}  // namespace

std::span<const Entry> catalogue() { return kEntries; }

const Entry& entry(Msg id) {
  auto i = static_cast<std::size_t>(id);
  if (i >= std::size(kEntries)) throw Error(msg(Msg::Value, as_is("message id out of range")));
  return kEntries[i];
}

const char* word(Msg id, Lang lang) {
  const Entry& e = entry(id);
  return lang == Lang::Nl ? e.nl : e.en;
}

std::string amount(const Ratio& n, Counted what, Lang lang) {
  UnitWords w = unit_words(what, lang);
  if (n == Ratio(1)) return std::string("1 ") + w.one;
  return localise_decimal(n.decimal(4), lang) + " " + w.many;
}

std::string say(const Arg& a, Lang lang) {
  struct Visitor {
    Lang lang;
    std::string operator()(const Verbatim& v) const { return v.text; }
    std::string operator()(int64_t n) const { return std::to_string(n); }
    std::string operator()(Money m) const { return format_eur(m); }
    std::string operator()(const Date& d) const { return d.iso(); }
    std::string operator()(const Decimal& d) const {
      return localise_decimal(d.n.decimal(d.places), lang);
    }
    std::string operator()(const Fraction& f) const { return f.n.str(); }
    std::string operator()(const Percent& p) const {
      return localise_decimal(p.n.decimal(4), lang) + " %";
    }
    std::string operator()(const Amount& a) const { return amount(a.n, a.what, lang); }
    std::string operator()(const Phrase& p) const {
      return p.message ? say(*p.message, lang) : std::string();
    }
    std::string operator()(const PhraseList& l) const {
      std::string out;
      const char* join = l.join == PhraseList::Join::Times       ? " × "
                         : l.join == PhraseList::Join::Space     ? " "
                         : l.join == PhraseList::Join::Semicolon ? "; "
                                                                 : ", ";
      const char* last = l.join != PhraseList::Join::And ? join
                         : lang == Lang::Nl              ? " en "
                                                         : " and ";
      for (std::size_t i = 0; i < l.items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == l.items.size() ? last : join) + say(l.items[i], lang);
      return out;
    }
  };
  return std::visit(Visitor{lang}, a);
}

std::string say(const Message& m, Lang lang) {
  const Entry& e = entry(m.id);
  std::string_view t = lang == Lang::Nl ? e.nl : e.en;
  std::string out;
  out.reserve(t.size() + 16);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '{') {
      std::size_t close = t.find('}', i);
      if (close != std::string_view::npos && close > i + 1) {
        std::size_t n = 0;
        bool digits = true;
        for (std::size_t k = i + 1; k < close; ++k) {
          if (t[k] < '0' || t[k] > '9') digits = false;
          n = n * 10 + static_cast<std::size_t>(t[k] - '0');
        }
        if (digits) {
          if (n < m.args.size()) out += say(m.args[n], lang);
          i = close;
          continue;
        }
      }
    }
    out += t[i];
  }
  return out;
}

std::string say(const Diagnostic& d, Lang lang) {
  std::string where = d.where.str();
  if (where.empty()) return say(msg(Msg::DiagnosticNowhere, phrase(d.message)), lang);
  return say(msg(Msg::DiagnosticAt, as_is(where), phrase(d.message)), lang);
}

}  // namespace sroi::text
