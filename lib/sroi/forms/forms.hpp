// SPDX-License-Identifier: EUPL-1.2
// Workbooks people fill in and hand back: the live offer workbook (`sroi template offer`,
// `sroi publish`) and the fill-in template for a realisation (`sroi template realisation`),
// and the readers that turn a filled one back into an offer or a realisation, every problem
// located at its cell ("F.xlsx:Regels!B12").
#pragma once

#include <string>
#include <vector>

#include "sroi/config/input_loader.hpp"
#include "sroi/config/region_set.hpp"
#include "sroi/xlsx/report.hpp"

namespace sroi::forms {

/// What a workbook's contract fields already say: a contract of the register, so its supplier
/// fills in only the lines (and the filled workbook also checks on its own). The PSO fields
/// take the certificate when the contract has exactly one.
struct Prefill {
  std::string supplier;
  std::string buyer;
  Contract contract;
  PsoCertificates pso;
};

/// The offer workbook, the one a supplier fills in for an offer under `region`: contract fields
/// and the obligation they give, a block per line from a drop-down, each line's value and what
/// it still lacks, the total against the obligation, all by live formulas that follow the
/// engine's rules (tests compare the two). Blank, or with `filled`'s contract and lines already
/// in it (the formulas' cached results then are the engine's figures, so that a program that
/// does not recalculate on opening shows them too; every line must be valid). `sroi offer`,
/// `sroi offer --save`, `sroi contract add` and `sroi bids` read it back.
void write_offer_workbook(const Region& region, const std::string& path,
                          const xlsx::WriteOptions& options, const Offer* filled = nullptr);

/// A fill-in workbook for a realisation under `region`: the contract's fields (empty, or those
/// of `prefill`), a sheet of lines with drop-downs of the region's blocks (with their names) and
/// bonuses, validation of every input column and help per column.
void write_realisation_template(const Region& region, const std::string& path,
                                const xlsx::WriteOptions& options,
                                const Prefill* prefill = nullptr);

/// True for a path ending in .xlsx (any case).
bool is_workbook(const std::string& path);

/// "participatiewet-gt2 — Participatiewet, uitkering > 2 jaar" as a template's drop-down writes
/// a choice: the id before the dash (the text as it is when there is no dash).
std::string id_of_choice(const std::string& text);

/// The offer in a filled offer workbook (or an offer template or calculator of an earlier
/// version): what could be read, every problem added to
/// `problems` (PartRead as config::read_offer gives it). `bytes`, when given, is the file's
/// content (an upload: `path` then only names it).
Offer read_offer_workbook(const config::RegionSet& regions, const std::string& path,
                          std::vector<Diagnostic>& problems, config::PartRead& part,
                          const std::string* bytes = nullptr);

/// The realisation in a filled realisation template.
Realisation read_realisation_workbook(const config::RegionSet& regions, const std::string& path,
                                      std::vector<Diagnostic>& problems, config::PartRead& part);

/// The lines of a filled realisation template, for an import into a contract of the register
/// (which knows region and contract): every bad row added to `problems`. `bytes`, when given,
/// is the file's content the caller already read (the file is then not read again).
/// The blocks of bad rows go to `bad_row_blocks` when given.
std::vector<RealisationLine> realisation_lines_from_workbook(
    const std::string& path, std::vector<Diagnostic>& problems, const std::string* bytes = nullptr,
    std::vector<WrittenBlock>* bad_row_blocks = nullptr);

}  // namespace sroi::forms
