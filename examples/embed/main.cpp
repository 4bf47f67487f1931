// SPDX-License-Identifier: EUPL-1.2
// A program that uses the sroi library: loads the region models and values an offer.
// usage: sroi-embed REGIONS_DIR CATALOGUE_DIR OFFER.toml
#include <iostream>

#include "sroi/calc/assessment.hpp"
#include "sroi/config/input_loader.hpp"
#include "sroi/config/region_set.hpp"
#include "sroi/error.hpp"
#include "sroi/text/catalogue.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: sroi-embed REGIONS_DIR CATALOGUE_DIR OFFER.toml\n";
    return 2;
  }
  try {
    auto regions = sroi::config::RegionSet::load_or_throw(argv[1], argv[2]);
    sroi::Offer offer = sroi::config::load_offer(argv[3]);
    const sroi::Region& region = regions.select(offer.region, offer.contract.start);
    sroi::Assessment a = sroi::assess_offer(region, offer);
    std::cout << region.label() << ": obligation " << sroi::format_eur(a.obligation.amount)
              << ", offered " << sroi::format_eur(a.total) << '\n';
    for (const auto& line : a.lines)
      std::cout << "  " << line.block << ' ' << sroi::format_eur(line.value) << '\n';
    return 0;
  } catch (const sroi::DataError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << sroi::text::say(d, sroi::Lang::En) << '\n';
    return 1;
  }
}
