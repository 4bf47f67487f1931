// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portfolio/portfolio.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "sroi/calc/assessment.hpp"
#include "sroi/calc/line_value.hpp"
#include "sroi/calc/period.hpp"
#include "sroi/calc/progress.hpp"
#include "sroi/calc/runs.hpp"
#include "sroi/config/input_loader.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/io/csv.hpp"
#include "sroi/io/text_input.hpp"
#include "sroi/io/xlsx_cells.hpp"
#include "sroi/msg/io.hpp"
#include "sroi/msg/portfolio.hpp"
#include "sroi/msg/register.hpp"
#include "sroi/msg/words.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/store/hash.hpp"

namespace sroi::portfolio {

PreparedImport prepare_import(const config::RegionSet& regions,
                              const store::ContractRecord& contract, const std::string& file) {
  // One read: the bytes give the file's identity and its lines.
  return prepare_import_data(regions, contract, file,
                             forms::is_workbook(file)
                                 ? io::read_file_limited(file, io::kMaxXlsxBytes)
                                 : config::read_text_file(file));
}

PreparedImport prepare_import_data(const config::RegionSet& regions,
                                   const store::ContractRecord& contract, const std::string& name,
                                   const std::string& bytes) {
  PreparedImport p;
  p.file = name;
  p.contract_id = contract.contract.id;
  p.hash = store::sha256_hex(bytes);
  std::vector<Diagnostic> problems;
  bool workbook = forms::is_workbook(name);
  std::size_t limit = workbook ? io::kMaxXlsxBytes : io::kMaxCsvBytes;
  if (bytes.size() > limit)
    throw DataError(SourceLocation{name},
                    msg(Msg::FileTooLarge, static_cast<int64_t>(limit >> 20)));
  std::vector<WrittenBlock> bad_row_blocks;
  if (workbook) {
    p.lines = forms::realisation_lines_from_workbook(name, problems, &bytes, &bad_row_blocks);
  } else {
    p.csv_separator = io::detect_separator(bytes);
    p.lines = config::realisation_lines_from_csv(bytes, name, problems, &bad_row_blocks);
  }
  // Rows that read well are checked against the region too, so every bad row is listed, and
  // the blocks of the others, so every problem of a row is.
  const Region& region = regions.select(contract.region, contract.contract.start);
  check_bad_row_blocks(regions, region, bad_row_blocks, problems);
  check_realisation_lines(regions, region, contract.contract, p.lines, problems);
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.where < b.where; });
    throw DataError(std::move(problems));
  }
  return p;
}

namespace {

/// The offer in `file`, a TOML file or a filled offer workbook, every problem in one
/// DataError.
Offer load_offer_file(const config::RegionSet& regions, const std::string& file) {
  if (!forms::is_workbook(file)) return config::load_offer(file);
  std::vector<Diagnostic> problems;
  config::PartRead part;
  Offer offer = forms::read_offer_workbook(regions, file, problems, part);
  if (!problems.empty()) throw DataError(std::move(problems));
  return offer;
}

}  // namespace

void add_contract_file(store::Register& reg, const config::RegionSet& regions,
                       const std::string& file) {
  Offer offer = load_offer_file(regions, file);
  if (offer.buyer.empty())
    throw DataError(forms::is_workbook(file) ? offer.contract.where : SourceLocation{file, 1, 1},
                    msg(forms::is_workbook(file) ? Msg::ContractWorkbookNeedsBuyer
                                                 : Msg::ContractFileNeedsBuyer));
  const Region& region = regions.select(offer.region, offer.contract.start);
  assess_offer(region, offer);  // every line must be valid before anything is stored
  // The file's identity: its bytes, text or workbook (read_text_file reads either whole).
  reg.add_contract(offer, file, store::sha256_hex(config::read_text_file(file)));
}

int64_t save_offer_file(store::Register& reg, const config::RegionSet& regions,
                        const std::string& file) {
  Offer offer = load_offer_file(regions, file);
  return save_offer(reg, regions, offer, file, store::sha256_hex(config::read_text_file(file)));
}

int64_t save_offer(store::Register& reg, const config::RegionSet& regions, const Offer& offer,
                   const std::string& source, const std::string& hash) {
  auto record = reg.contract(offer.contract.id);
  if (!record)
    throw DataError(offer.contract.where, msg(Msg::UnknownContract, as_is(offer.contract.id)),
                    Remedy::AddContract);
  const Contract& c = offer.contract;
  const Contract& r = record->contract;
  // Each term that differs: the term, the offer's value and the register's.
  std::vector<Diagnostic> problems;
  auto differs = [&](MsgId term, const Arg& here, const Arg& there) {
    if (here != there)
      problems.push_back(
          {c.where, msg(Msg::OfferNotForContract, as_is(c.id), phrase(msg(term)), here, there)});
  };
  auto pct = [](const std::optional<Ratio>& p) -> Arg {
    return p ? Arg(Percent{*p}) : Arg(phrase(msg(Msg::WordNone)));
  };
  auto eur = [](const std::optional<Money>& m) -> Arg {
    return m ? Arg(*m) : Arg(phrase(msg(Msg::WordNone)));
  };
  auto quoted = [](const std::string& s) { return phrase(msg(Msg::Quoted, as_is(s))); };
  differs(Msg::TermSupplier, quoted(offer.supplier), quoted(record->supplier));
  if (!offer.buyer.empty()) differs(Msg::TermBuyer, quoted(offer.buyer), quoted(record->buyer));
  differs(Msg::TermRegion, as_is(offer.region.id), as_is(record->region.id));
  if (offer.region.version && record->region.version)
    differs(Msg::TermRegionVersion, as_is(*offer.region.version), as_is(*record->region.version));
  differs(Msg::TermValue, c.value, r.value);
  differs(Msg::TermPercentage, pct(c.percentage), pct(r.percentage));
  differs(Msg::TermThreshold, eur(c.threshold), eur(r.threshold));
  differs(Msg::TermStart, c.start, r.start);
  differs(Msg::TermEnd, c.end, r.end);
  if (!problems.empty()) throw DataError(std::move(problems));
  const Region& region = regions.select(record->region, r.start);
  assess_offer(region, offer);  // every line must be valid before anything is stored
  return reg.save_offer(c.id, offer.lines, source, hash);
}

void require_matches(const store::Register& reg, const store::ContractFilter& filter) {
  if (!filter.contract && !filter.supplier && !filter.buyer) return;
  // A contract asked by its id is looked up alone: the whole list only names what is missing.
  if (filter.contract)
    if (auto one = reg.contract(*filter.contract); one && filter.matches(*one)) return;
  std::vector<store::ContractRecord> all = reg.contracts();
  if (std::any_of(all.begin(), all.end(), [&](const auto& c) { return filter.matches(c); })) return;
  // Name the option that finds nothing on its own (else the first given).
  auto names = [&](auto field) {
    std::vector<std::string> out;
    for (const auto& c : all)
      if (std::find(out.begin(), out.end(), field(c)) == out.end()) out.push_back(field(c));
    return out;
  };
  auto alone = [&](store::ContractFilter one) {
    return std::none_of(all.begin(), all.end(), [&](const auto& c) { return one.matches(c); });
  };
  if (filter.contract && alone({filter.contract, {}, {}}))
    throw DataError(SourceLocation{"--contract"},
                    msg(Msg::UnknownContract, as_is(*filter.contract)));
  if (filter.supplier && alone({{}, filter.supplier, {}}))
    throw DataError(
        SourceLocation{"--supplier"},
        msg(Msg::NoContractMatches, phrase(msg(Msg::TermSupplier)), as_is(*filter.supplier),
            listed(names([](const auto& c) { return c.supplier; }))));
  if (filter.buyer && alone({{}, {}, filter.buyer}))
    throw DataError(SourceLocation{"--buyer"},
                    msg(Msg::NoContractMatches, phrase(msg(Msg::TermBuyer)), as_is(*filter.buyer),
                        listed(names([](const auto& c) { return c.buyer; }))));
  // Each finds contracts, but not together.
  throw DataError(SourceLocation{filter.contract ? "--contract" : "--supplier"},
                  msg(Msg::NoContractMatchesAll));
}

}  // namespace sroi::portfolio
