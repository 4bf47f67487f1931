// SPDX-License-Identifier: EUPL-1.2
#include "sroi/xlsx/labels.hpp"

namespace sroi::xlsx {
namespace {

const Labels kNl{
    "Samenvatting",
    "Regels",
    "Toelichting",
    "Bouwblokken",
    "Voortgang",
    "Rekenhulp",
    "Bonussen",
    "Instellingen",
    "SROI-aanbieding",
    "SROI-realisatie",
    "Leverancier",
    "Contract",
    "Opdrachtwaarde",
    "Looptijd",
    "Regio",
    "Versie",
    "Geldig vanaf",
    "Voltijd uren per week",
    "Minimum uren per week",
    "Bronnen",
    "Grondslag",
    "Percentage",
    "Drempelbedrag",
    "Verplichting vóór plafond en PSO",
    "Plafond",
    "PSO-certificaat",
    "PSO-korting",
    "PSO-vervulling",
    "SROI-verplichting",
    "Toelichting verplichting",
    "Som van de regels",
    "Totale waarde",
    "Overschot",
    "Tekort",
    "Boeterisico",
    "LET OP: deze berekening gebruikt voorlopige waarden (niet gepubliceerd):",
    "Waarschuwing",
    "geen",
    "voorlopig",
    "gepubliceerd",
    "Nr",
    "Bouwblok",
    "Naam",
    "Kandidaat",
    "Begin",
    "Einde",
    "Tarief",
    "Bonussen",
    "Personen",
    "Uren per week",
    "Urenfactor",
    "Hoeveelheid",
    "Eenheid",
    "Maximaal te tellen",
    "Contractduur",
    "Geteld",
    "Perioden",
    "Waarde",
    "Stap",
    "Toelichting",
    "Telperiode (maanden)",
    "Status",
    "Bron",
    "Catalogus",
    "Opmerking",
    "Deel van factuur (%)",
    "Maand",
    "Gerealiseerd (cumulatief)",
    "Realisatie tegen verplichting",
    "Kies een bouwblok en vul de gele cellen in; waarde en totaal rekenen mee. Het contracteinde "
    "begrenst hier niet: tel maanden binnen de looptijd.",
    "Verplichting (vul in)",
    "Bonus 1",
    "Bonus 2",
    "Bedrag (factuur of kosten)",
    "Kies een bouwblok uit de lijst",
    "Maanden (per jaar/maand), jaren (leerwerkjaar), uren of "
    "aantal activiteiten"};

const Labels kEn{
    "Summary",
    "Lines",
    "Explanation",
    "Building blocks",
    "Progress",
    "Calculator",
    "Bonuses",
    "Settings",
    "SROI offer",
    "SROI realisation",
    "Supplier",
    "Contract",
    "Contract value",
    "Period",
    "Region",
    "Version",
    "Valid from",
    "Full-time hours per week",
    "Minimum hours per week",
    "Sources",
    "Base",
    "Percentage",
    "Threshold",
    "Obligation before cap and PSO",
    "Cap",
    "PSO certificate",
    "PSO discount",
    "PSO fulfilment",
    "SROI obligation",
    "Obligation reason",
    "Sum of the lines",
    "Total value",
    "Surplus",
    "Shortfall",
    "Penalty exposure",
    "WARNING: this calculation uses provisional values (not published):",
    "Warning",
    "none",
    "provisional",
    "published",
    "No",
    "Block",
    "Name",
    "Candidate",
    "Start",
    "End",
    "Rate",
    "Bonuses",
    "Persons",
    "Hours per week",
    "Hours factor",
    "Quantity",
    "Unit",
    "Counts at most",
    "Contract duration",
    "Counted",
    "Periods",
    "Value",
    "Step",
    "Explanation",
    "Counting period (months)",
    "Status",
    "Source",
    "Catalogue",
    "Note",
    "Share of invoice (%)",
    "Month",
    "Realised (cumulative)",
    "Realisation against obligation",
    "Pick a block and fill in the yellow cells; value and total follow. The contract end does "
    "not cap here: count months within the contract.",
    "Obligation (enter)",
    "Bonus 1",
    "Bonus 2",
    "Amount (invoice or cost)",
    "Pick a building block from the list",
    "Months (per year/month), years (learning-work year), hours or number of activities"};

}  // namespace

const Labels& labels(Lang lang) { return lang == Lang::En ? kEn : kNl; }

std::string quantity_unit(Lang lang, Unit unit) {
  bool nl = lang == Lang::Nl;
  switch (unit) {
    case Unit::FulltimeYear:
    case Unit::Month:
      return nl ? "maanden" : "months";
    case Unit::LearningYear:
      return nl ? "jaren" : "years";
    case Unit::Invoice:
      return nl ? "% van factuur" : "% of invoice";
    case Unit::Hour:
      return nl ? "uren" : "hours";
    case Unit::Activity:
      return nl ? "activiteiten" : "activities";
    case Unit::ActualCost:
      return nl ? "kosten" : "cost";
  }
  return "";
}

}  // namespace sroi::xlsx
