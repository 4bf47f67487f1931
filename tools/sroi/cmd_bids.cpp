// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "sroi/io/dutch_numbers.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/msg/tender.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/report/tender/tables.hpp"
#include "sroi/tender/workbook.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {

int cmd_bids(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi bids options");
  opts.add_options()("offers", po::value<std::vector<std::string>>()->required(),
                     "the bids: offers (TOML or a filled offer workbook .xlsx) or a "
                     "directory of them")(
      "rule", po::value<std::string>()->default_value("none"),
      "scoring rule: proportional (points for the surplus between the obligation and "
      "--maximum), relative (points relative to the largest surplus), pass-fail, or none "
      "(ranked by offered value)")("points", po::value<std::string>()->default_value("100"),
                                   "P: the most points a bid can score")(
      "maximum", po::value<std::string>(),
      "proportional: the offered value that earns all points (\"150000\", \"€ 150.000,00\")")(
      "explain", "show each bid's points formula and its lines");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("offers", -1);
  po::variables_map vm;
  if (!parse_verb("sroi bids OFFER... [--rule proportional|relative|pass-fail|none] "
                  "[--points P] [--maximum AMOUNT] [--explain] [--xlsx OUT.xlsx [--force] "
                  "[--lang en]]",
                  args, opts, pos, vm))
    return 0;
  tender::Scoring scoring;
  std::string rule = vm["rule"].as<std::string>();
  auto r = tender::parse_rule(rule);
  if (!r) throw UsageError(msg(Msg::UnknownScoringRule, as_is(rule), listed(tender::rule_ids())));
  scoring.rule = *r;
  std::string points = vm["points"].as<std::string>();
  auto p = io::read_number(points);
  if (!p || !p->is_integer() || p->num() < 1 || p->num() > 1000)
    throw UsageError(msg(Msg::UsagePointsPositive, as_is(points)));
  scoring.points = p->num();
  if (vm.count("maximum")) {
    Message why;
    std::string text = vm["maximum"].as<std::string>();
    auto m = io::read_amount(text, &why);
    if (!m)
      throw UsageError(
          msg(Msg::UsageBadAmountOption, as_is("--maximum"), as_is(text), phrase(why)));
    scoring.maximum = *m;
  }
  if (scoring.rule == tender::Rule::Proportional && !scoring.maximum)
    throw UsageError(msg(Msg::BidMaximumMissing));
  xlsx::WriteOptions wo = xlsx_options(vm, g);
  auto set = load_regions(g);

  // Every bid is read before anything is compared: the problems of all files in one run.
  std::vector<tender::BidInput> bids;
  std::vector<Diagnostic> problems;
  for (const auto& file : expand_files(vm["offers"].as<std::vector<std::string>>(),
                                       {".toml", ".xlsx"}, EmptyFolder::Refused)) {
    try {
      portfolio::OfferIntake in = portfolio::take_offer(set, file);
      if (auto w = set.version_warning(in.offer.region, in.offer.contract.start))
        in.assessment.warnings.insert(in.assessment.warnings.begin(), *w);
      bids.push_back({file, std::move(in.offer), std::move(in.assessment)});
    } catch (const DataError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw DataError(std::move(problems));
  tender::check_same_terms(bids);
  tender::Tender t = tender::compare_bids(std::move(bids), scoring);
  maybe_write_xlsx(vm, [&](const std::string& out) { tender::write_tender(t, out, wo); });
  render_tender(std::cout, t, g.format, explain_detail(vm));
  return 0;
}

}  // namespace sroi::cli
