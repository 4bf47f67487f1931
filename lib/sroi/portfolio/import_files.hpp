// SPDX-License-Identifier: EUPL-1.2
// Importing realisation files into the register: the one path the command line (and later the
// portal) takes. Files are read and checked on a second thread, up to a batch ahead of the one
// being stored; many files are committed in batches, each file still all or nothing.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sroi/config/region_set.hpp"
#include "sroi/store/register.hpp"

namespace sroi::portfolio {

/// One file and the contract it belongs to.
struct ImportJob {
  std::string file;
  std::string contract_id;
};

struct ImportOptions {
  store::ImportMode mode = store::ImportMode::Add;
  /// Many files commit together, up to this many files or rows per transaction (every file
  /// still all or nothing), so that others wait at most a second or two and a crash loses at
  /// most one batch.
  std::size_t batch_files = 2000;
  std::size_t batch_rows = 100'000;
};

/// What became of one file.
struct FileOutcome {
  std::size_t index = 0;  ///< its place among the jobs
  const ImportJob* job = nullptr;
  std::optional<store::ImportOutcome> stored;  ///< set when the file was imported
  bool unknown_contract = false;               ///< the register has no such contract
  std::vector<Diagnostic> problems;            ///< why it was refused, each located
  std::optional<Message> store_error;          ///< the register could not take it
  Remedy remedy = Remedy::None;                ///< what the user can do about it
  char csv_separator = 0;                      ///< how the file separated its columns
  bool refused() const { return !stored; }
};

struct ImportTotals {
  std::size_t imported = 0;  ///< files
  std::size_t refused = 0;   ///< files
  std::size_t rows = 0;      ///< rows imported
};

/// Imports every job in order. `on_file` sees each file's outcome as soon as it is known (for
/// messages and progress); a refused file changes nothing and the others go on. Throws
/// StoreError only when the register itself fails (not for one file's rows).
ImportTotals import_files(
    store::Register& reg, const config::RegionSet& regions, const std::vector<ImportJob>& jobs,
    const ImportOptions& options,
    const std::function<void(const FileOutcome&, const ImportTotals&)>& on_file);

/// One file through import_files. Throws DataError (its problems; an unknown contract is one
/// located problem) or StoreError.
store::ImportOutcome import_file(store::Register& reg, const config::RegionSet& regions,
                                 const std::string& file, const std::string& contract_id,
                                 store::ImportMode mode);
/// The same for a file handed in as bytes (an upload), named as its sender called it; the
/// register records that name. Throws DataError or StoreError as import_file.
store::ImportOutcome import_data(store::Register& reg, const config::RegionSet& regions,
                                 const std::string& name, const std::string& bytes,
                                 const std::string& contract_id, store::ImportMode mode);

}  // namespace sroi::portfolio
