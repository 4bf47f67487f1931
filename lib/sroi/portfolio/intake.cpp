// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portfolio/intake.hpp"

#include <algorithm>

#include "sroi/calc/line_value.hpp"
#include "sroi/calc/obligation.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/model/similar.hpp"

namespace sroi::portfolio {
namespace {

/// Throws the problems when there are any: those of command-line options first, as given, then
/// those of the file in reading order.
void throw_sorted(std::vector<Diagnostic>& problems) {
  if (problems.empty()) return;
  auto option = [](const Diagnostic& d) { return d.where.file.str().rfind("--", 0) == 0; };
  std::stable_sort(problems.begin(), problems.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    if (option(a) || option(b)) return option(a) && !option(b);
    return a.where < b.where;
  });
  throw DataError(std::move(problems));
}

/// The region version a file names, or nothing with its problem added.
const Region* region_of(const config::RegionSet& regions, const RegionChoice& choice,
                        const Date& start, std::vector<Diagnostic>& problems) {
  try {
    return &regions.select(choice, start);
  } catch (const DataError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    return nullptr;
  }
}

/// The obligation's own problems (no percentage where the region has no default).
void check_obligation(const Region& region, const Contract& contract, const PsoCertificates& pso,
                      std::vector<Diagnostic>& problems) {
  try {
    compute_obligation(region, contract, pso);
  } catch (const DataError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
  }
}

}  // namespace

namespace {
/// The block a person named by its published name or by the drop-down's "id — name".
const BuildingBlock* block_named(const Region& region, const std::string& written) {
  std::string text = forms::id_of_choice(written);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  std::string wanted = lower_ascii(text);
  for (const auto& b : region.blocks)
    if (lower_ascii(b.id) == wanted || lower_ascii(b.name) == wanted) return &b;
  return nullptr;
}
}  // namespace

bool known_block(const config::RegionSet& regions, const Region& region, std::string& id,
                 const SourceLocation& at, std::vector<Diagnostic>& problems) {
  if (region.find_block(id)) return true;
  if (const BuildingBlock* b = block_named(region, id)) {
    id = b->id;
    return true;
  }
  problems.push_back({at, regions.unknown_block(region, id)});
  return false;
}

void check_bad_row_blocks(const config::RegionSet& regions, const Region& region,
                          const std::vector<WrittenBlock>& blocks,
                          std::vector<Diagnostic>& problems) {
  for (const auto& b : blocks) {
    std::string id = b.id;
    known_block(regions, region, id, b.where, problems);
  }
}

namespace {
/// Drops the lines whose block the region lacks, each with its problem (known_block).
void drop_unknown_blocks(const config::RegionSet& regions, const Region& region,
                         std::vector<RealisationLine>& lines, std::vector<Diagnostic>& problems) {
  std::erase_if(lines, [&](RealisationLine& l) {
    return !known_block(regions, region, l.block, l.block_where(), problems);
  });
}

/// Values lines for their problems only, a few thousand at a time: checking a large file
/// needs the results of those only.
void value_for_problems(const Region& region, const Contract& contract,
                        const std::vector<RealisationLine>& lines,
                        std::vector<Diagnostic>& problems) {
  ValuationOptions quiet;
  quiet.trace = false;
  quiet.notes = false;
  quiet.figures_only = true;
  value_by_candidate(region, contract, lines, quiet, 4096, problems,
                     [](const std::vector<std::size_t>&, std::vector<LineResult>&) {});
}
}  // namespace

void check_realisation_lines(const config::RegionSet& regions, const Region& region,
                             const Contract& contract, std::vector<RealisationLine>& lines,
                             std::vector<Diagnostic>& problems) {
  drop_unknown_blocks(regions, region, lines, problems);
  value_for_problems(region, contract, lines, problems);
}

OfferIntake take_offer(const config::RegionSet& regions, Offer offer,
                       std::vector<Diagnostic> problems, const config::PartRead& part) {
  OfferIntake out;
  out.offer = std::move(offer);
  if (part.contract_read)
    out.region = region_of(regions, out.offer.region, out.offer.contract.start, problems);
  if (out.region) {
    // Lines that read cleanly are valued too, so their blocks and quantities are checked in
    // this same run.
    check_obligation(*out.region, out.offer.contract, out.offer.pso, problems);
    check_bad_row_blocks(regions, *out.region, part.bad_row_blocks, problems);
    for (std::size_t i = 0; i < out.offer.lines.size(); ++i) {
      OfferLine& line = out.offer.lines[i];
      if (i >= part.line_read.size() || !part.line_read[i]) continue;
      if (known_block(regions, *out.region, line.block, line.block_where(), problems))
        value_offer_line(*out.region, out.offer.contract, line, problems);
    }
  }
  throw_sorted(problems);
  out.assessment = assess_offer(*out.region, out.offer);
  return out;
}

OfferIntake take_offer(const config::RegionSet& regions, const std::string& path) {
  std::vector<Diagnostic> problems;
  config::PartRead part;
  Offer offer = forms::is_workbook(path) ? forms::read_offer_workbook(regions, path, problems, part)
                                         : config::read_offer(path, problems, part);
  return take_offer(regions, std::move(offer), std::move(problems), part);
}

OfferIntake take_offer_text(const config::RegionSet& regions, const std::string& text,
                            const std::string& name) {
  std::vector<Diagnostic> problems;
  config::PartRead part;
  Offer offer = config::read_offer_text(text, name, problems, part);
  return take_offer(regions, std::move(offer), std::move(problems), part);
}

OfferIntake take_offer_upload(const config::RegionSet& regions, const std::string& name,
                              const std::string& bytes) {
  if (!forms::is_workbook(name)) return take_offer_text(regions, bytes, name);
  std::vector<Diagnostic> problems;
  config::PartRead part;
  Offer offer = forms::read_offer_workbook(regions, name, problems, part, &bytes);
  return take_offer(regions, std::move(offer), std::move(problems), part);
}

RealisationIntake take_realisation(const config::RegionSet& regions, const std::string& path,
                                   const config::ContractFlags& flags, std::optional<Date> as_of,
                                   LineVisitor* visitor) {
  RealisationIntake out;
  std::vector<Diagnostic> problems;
  config::PartRead part;
  out.realisation = forms::is_workbook(path)
                        ? forms::read_realisation_workbook(regions, path, problems, part)
                        : config::read_realisation(path, flags, problems, part);
  out.csv_separator = part.csv_separator;
  Realisation& real = out.realisation;
  if (part.contract_read)
    out.region = region_of(regions, real.region, real.contract.start, problems);
  if (out.region) {
    check_obligation(*out.region, real.contract, real.pso, problems);
    check_bad_row_blocks(regions, *out.region, part.bad_row_blocks, problems);
    // The lines read without a problem are checked further. All of them, as a rule: checked
    // where they are, since a copy of 100,000 lines doubles the memory of the whole run.
    bool all_read =
        part.line_read.size() >= real.lines.size() &&
        std::find(part.line_read.begin(), part.line_read.end(), false) == part.line_read.end();
    if (all_read) {
      drop_unknown_blocks(regions, *out.region, real.lines, problems);
      // A file clean so far is valued once, below: its lines' problems come from there.
      if (!problems.empty()) value_for_problems(*out.region, real.contract, real.lines, problems);
    } else {
      std::vector<RealisationLine> clean;
      for (std::size_t i = 0; i < real.lines.size(); ++i)
        if (i < part.line_read.size() && part.line_read[i]) clean.push_back(real.lines[i]);
      check_realisation_lines(regions, *out.region, real.contract, clean, problems);
    }
  }
  throw_sorted(problems);
  // Only the totals are kept: the text, JSON and workbook value the lines again one candidate
  // at a time as they write them (or see them now, as the visitor), so memory is that of the
  // input lines, not of their results.
  try {
    out.assessment = assess_realisation(*out.region, real, KeepLines::No, as_of, visitor);
  } catch (const DataError& e) {
    std::vector<Diagnostic> found = e.diagnostics();
    throw_sorted(found);
    throw;
  }
  return out;
}

}  // namespace sroi::portfolio
