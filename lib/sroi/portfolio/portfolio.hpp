// SPDX-License-Identifier: EUPL-1.2
// Working with the register: importing files (validated against the contract's region before
// anything is stored) and the status of contracts across the whole register.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "sroi/calc/line_value.hpp"
#include "sroi/calc/obligation.hpp"
#include "sroi/config/region_set.hpp"
#include "sroi/store/register.hpp"

namespace sroi::portfolio {

/// A realisation file read and checked, ready to store.
struct PreparedImport {
  std::string file;
  std::string contract_id;
  std::string hash;
  std::vector<RealisationLine> lines;
  char csv_separator = ',';  ///< ',' or, as Dutch Excel saves, ';'
};

/// Reads a realisation CSV and checks every row against the contract and its region (all bad
/// rows reported). Touches no database, so it can run beside an import. Throws DataError.
PreparedImport prepare_import(const config::RegionSet& regions,
                              const store::ContractRecord& contract, const std::string& file);
/// The same for a file handed in as bytes (an upload), named as its sender called it: a
/// name ending in .xlsx is a workbook, any other a CSV file.
PreparedImport prepare_import_data(const config::RegionSet& regions,
                                   const store::ContractRecord& contract, const std::string& name,
                                   const std::string& bytes);

/// Adds a contract file (an offer file with a top-level buyer), after checking its region and
/// lines. Throws DataError or store::StoreError.
void add_contract_file(store::Register& reg, const config::RegionSet& regions,
                       const std::string& file);

/// Attaches the offer in `file` to its contract in the register, after checking its lines and
/// that it is an offer for that contract: supplier, buyer (when given), region, value,
/// percentage, threshold and dates must match what the register holds. Returns the offer id.
/// Throws DataError naming every mismatch, or store::StoreError.
int64_t save_offer_file(store::Register& reg, const config::RegionSet& regions,
                        const std::string& file);
/// The same for an offer composed elsewhere (the portal's composer): `source` names where it
/// came from and `hash` identifies its text.
int64_t save_offer(store::Register& reg, const config::RegionSet& regions, const Offer& offer,
                   const std::string& source, const std::string& hash);

struct ContractStatus {
  store::ContractRecord record;
  const Region* region = nullptr;
  ObligationResult obligation;
  Money offered;   ///< latest offer (with a PSO fulfilment)
  Money realised;  ///< up to the as-of date (with a PSO fulfilment); where only accepted
                   ///< deliveries count, those
  /// Where only accepted deliveries count: the value of every line submitted (without a PSO
  /// fulfilment), which the realisation would be if all were accepted.
  std::optional<Money> submitted;
  /// Where only accepted deliveries count and everything submitted would give another figure:
  /// the two are shown side by side.
  bool submitted_differs() const {
    return submitted && *submitted != realised - obligation.pso_fulfilment;
  }
  Money surplus;    ///< realised − obligation, when positive
  Money shortfall;  ///< obligation − realised, when positive
  Money forecast;   ///< straight line: realised ÷ elapsed × duration
  Money penalty;    ///< exposure: the contract's (else the region's) penalty on the forecast
                    ///< shortfall
  bool penalty_from_contract = false;
  bool has_offer = false;
  /// At risk: an offer below the obligation, a forecast below it. Each reason one sentence.
  std::vector<Message> risks;
  bool at_risk() const { return !risks.empty(); }
  std::vector<Message> warnings;  ///< not started by the as-of date, region version chosen
  int64_t lines = 0;
  bool provisional = false;
  int64_t reduced = 0;                     ///< lines whose hours another contract counted first
  std::vector<Message> reductions;         ///< the details, with StatusOptions::notes
  std::vector<Diagnostic> problems;        ///< why a figure could not be computed
  std::vector<Diagnostic> offer_problems;  ///< why a line of the stored offer has no value
};

/// Throws DataError at the option ("--supplier") when a filter matches no contract of the
/// register, naming what the register holds; a listing never just says "0 contracts".
void require_matches(const store::Register& reg, const store::ContractFilter& filter);

/// Sees every candidate's valued lines while the status is computed (steering figures are
/// gathered this way, in the same pass). Called from worker threads: `worker` (0 ≤ worker <
/// the count given to `workers`) is one thread's, so per-worker state needs no lock.
struct ContractStatus;

class LineObserver {
 public:
  virtual ~LineObserver() = default;
  /// Before any line: every contract of the register (its record, region and obligation; the
  /// place in this list is the index `candidate` gives) and how many workers will call
  /// `candidate`.
  virtual void start(const std::vector<ContractStatus>& contracts, std::size_t workers) = 0;
  /// One candidate's lines (all of them, of every contract the register holds) and their
  /// values; `contracts[k]` is the index in the status list of line k's contract.
  virtual void candidate(std::size_t worker, const std::vector<LineInput>& lines,
                         std::span<const LineResult> values,
                         const std::vector<std::size_t>& contracts) = 0;
};

struct StatusOptions {
  store::ContractFilter filter;
  /// Only these contracts (by id; with the filter, those it also selects): from the stored
  /// figures, only what their lines touch is read, as for one contract. What a portal values
  /// again after a write moved a few contracts (Register::changes_since).
  std::optional<std::vector<std::string>> contracts;
  /// The caller knows that no contract's region model changed since its figures were stored
  /// (the portal checked every contract when it last computed the whole register). With
  /// `contracts`, where the stored figures then cover the day asked and no candidate waits,
  /// nothing is valued again and the contracts sharing their candidates are not read.
  bool regions_unchanged = false;
  Date as_of;
  bool notes = false;  ///< describe each reduction (costs time on a large register)
  /// Value every line anew rather than start from the figures the register stores (what
  /// `db verify` compares them with).
  bool fresh = false;
  /// Sees the lines as they are valued; its contract indices point into the list returned
  /// when no filter is given.
  LineObserver* observer = nullptr;
  /// Set, when given, to whether every row came from the stored figures alone: they cover the
  /// day asked, none waits and no contract's region model changed, so nothing was valued again
  /// (what kpi needs to count the stored kpi lines instead).
  bool* stored_only = nullptr;
};

/// The status of every contract the filter selects. Realisation lines of the whole register
/// are valued together per candidate, so no hours or counting period count twice: the
/// register's stored figures, with only the candidates they do not cover on `as_of` valued
/// again (all of them with `notes` or `fresh`).
std::vector<ContractStatus> compute_status(const store::Register& reg,
                                           const config::RegionSet& regions,
                                           const StatusOptions& options);

/// One contract's status (`options.filter` names a contract and nothing else, no notes) when
/// its stored figures hold on the day asked: none waits, they cover the day, and every
/// contract was valued with the models of the folder `load` reads, whose print it gives. Only
/// the contract's region is parsed: `load(ids)` fills `regions` with those ids' models, which
/// the rows point into. Nothing (and `regions` empty) when the figures do not hold or the
/// contract is unknown: the caller loads every model and computes the status.
std::optional<std::vector<ContractStatus>> stored_contract_status(
    const store::Register& reg, const StatusOptions& options,
    const std::function<config::RegionSet(const std::set<std::string>&)>& load,
    std::optional<config::RegionSet>& regions);

/// The rows of a status with their notes, a part at a time: gives the first rows of `rows` (a
/// status computed with `options` but without notes, in id order) and as many after them as
/// make a part (at most 500,000 lines) their notes, each row valued afresh with every line of its
/// candidates (as `notes` values the whole register, which would hold every note at once: 1.6
/// GB per million lines); returns how many rows it did, at least one when there are any.
std::size_t add_notes(const store::Register& reg, const config::RegionSet& regions,
                      const StatusOptions& options, std::span<ContractStatus> rows);

/// One contract's realisation lines, each valued as status values it (with every other line of
/// the same candidates, across the register, up to `as_of`) and with its trace: what a buyer
/// drills into. Reads only those candidates' lines.
struct ContractLines {
  std::vector<LineResult> lines;  ///< the contract's lines, in candidate order
  std::vector<int64_t> line_ids;  ///< each line's id in the register, in the same order
  std::vector<Diagnostic> problems;
};
/// `known`, when given, finds a contract and its region without reading the register (a
/// status computed before: the portal's); it returns nulls for a contract it does not know.
using KnownContract = std::function<std::pair<const Contract*, const Region*>(const std::string&)>;
ContractLines contract_lines(const store::Register& reg, const config::RegionSet& regions,
                             const std::string& contract_id, const Date& as_of,
                             const KnownContract& known = {});
/// The same inside a snapshot the caller holds.
ContractLines contract_lines_within(const store::Register& reg, const config::RegionSet& regions,
                                    const std::string& contract_id, const Date& as_of,
                                    const KnownContract& known = {});
/// Whether only the deliveries the buyer accepted count for a contract: its own rule, else its
/// region's, else not.
bool counts_accepted_only(const Contract& contract, const Region* region);

}  // namespace sroi::portfolio
