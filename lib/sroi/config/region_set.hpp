// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/model/contract.hpp"
#include "sroi/model/message.hpp"
#include "sroi/model/region.hpp"

namespace sroi::config {

/// A regions folder read but not parsed, with its catalogue: what every set of models is made
/// from (RegionSet), and what one contract's status reads while the register opens, to parse
/// only its region's models after (RegionSet::load_only).
struct RegionFolder {
  struct File {
    std::string path, name, text;
    std::vector<Diagnostic> problems;  ///< why it could not be read (no text then)
  };
  std::string dir;
  Catalogue catalogue;
  bool catalogue_usable = false;     ///< it had no problems: models are checked against it
  bool found = false;                ///< the folder exists
  std::vector<Diagnostic> problems;  ///< the catalogue's, or the folder missing
  std::vector<File> files;           ///< in order of name
  /// The catalogue and every model file of `regions_dir` but those named in `leave_out`.
  static RegionFolder read(const std::string& regions_dir, const std::string& catalogue_dir,
                           const std::vector<std::string>& leave_out = {});
};

/// Every region model version in a regions directory, checked against the catalogue.
class RegionSet {
 public:
  /// A region model handed in as text (an upload), named as its sender called it.
  struct ModelText {
    std::string name;
    std::string text;
  };
  /// Loads all regions, and `more` beside the files as if it were one of them (to check a
  /// new version together with the active ones); appends every problem (also duplicate
  /// versions) to `problems`. The files named in `leave_out` (names in the directory) are left
  /// out, as if they were not there (to see the set a version's rollback leaves).
  static RegionSet load(const std::string& regions_dir, const std::string& catalogue_dir,
                        std::vector<Diagnostic>& problems, const std::vector<ModelText>& more = {},
                        const std::vector<std::string>& leave_out = {});
  /// Loads all regions; throws DataError listing every problem.
  static RegionSet load_or_throw(const std::string& regions_dir, const std::string& catalogue_dir);
  /// The versions of the regions `ids` only, from a folder read before: a file whose
  /// top-level id says another (declared_region_id) is fingerprinted, not parsed, so its
  /// problems go unseen. Throws DataError listing every problem of the catalogue and the files
  /// it parsed. Its print is the whole folder's: one contract's status reads its stored
  /// figures with it.
  static RegionSet load_only(RegionFolder folder, const std::set<std::string>& ids);
  /// Every model of a folder read before; throws DataError listing every problem.
  static RegionSet load_or_throw(RegionFolder folder);
  /// Some files were left unparsed (load_only): the set knows only some regions.
  bool partial() const { return !unparsed_.empty(); }

  const std::vector<Region>& all() const { return regions_; }
  const Catalogue& catalogue() const { return catalogue_; }
  std::size_t files() const { return files_; }
  /// Versions of one region, oldest first.
  std::vector<const Region*> versions(const std::string& id) const;
  /// Region ids, sorted.
  std::vector<std::string> ids() const;
  /// One fingerprint of every model file (its name and bytes, in order of name), those load_only
  /// left unparsed too: two sets with the same print choose the same version for every
  /// contract (select), and value it the same.
  std::string print() const;
  /// The named version, or the newest version valid on `on`. Throws DataError at `choice.where`.
  const Region& select(const RegionChoice& choice, const Date& on) const;
  /// The named version; else, with a date, the newest valid on it (select); else the newest
  /// version of all (what blocks, publish and compare show). Throws DataError at `choice.where`.
  const Region& resolve(const RegionChoice& choice, const std::optional<Date>& on) const;
  /// Where a choice names no version and several versions are valid on `on` (their validity
  /// dates unknown): which one select() uses and how to pick another. Nothing otherwise.
  std::optional<Message> version_warning(const RegionChoice& choice, const Date& on) const;

  /// Where `block_id` is not a block of `region`: what names it elsewhere and the blocks of
  /// `region` for the same catalogue entry (a supplier who used another region's id).
  struct Counterparts {
    std::string found_in;           ///< the region (label) whose block it is; "" when none
    std::vector<std::string> here;  ///< `region`'s blocks for its catalogue entry
  };
  Counterparts counterparts(const Region& region, const std::string& block_id) const;

  /// A problem for a line whose block `region` does not have: the closest ids, or the block
  /// for the same target group where the id is another region's.
  Message unknown_block(const Region& region, const std::string& block_id) const;

 private:
  /// The models of `folder` (those `only` names, when given) and `more`; every problem goes to
  /// `problems`.
  static RegionSet from(RegionFolder folder, const std::set<std::string>* only,
                        std::vector<Diagnostic>& problems, const std::vector<ModelText>& more);
  /// Adds a model read from `path` (none: it had problems), unless its version is there.
  void add(std::optional<Region> region, const std::string& path,
           std::vector<Diagnostic>& problems);
  /// The versions' order and the versions they supersede, once every model is in.
  void check_versions(const std::string& regions_dir, std::vector<Diagnostic>& problems);
  std::vector<Region> regions_;
  Catalogue catalogue_;
  std::size_t files_ = 0;
  /// The files load_only did not parse: each one's name and fingerprint.
  std::vector<std::string> unparsed_;
};

/// The top-level `id = "…"` of a region model's text, read without parsing it: a line of its
/// own before the first table, outside any multi-line string. Nothing when the text does not
/// say it so plainly (the file is then parsed).
std::optional<std::string> declared_region_id(std::string_view text);

/// Accepts "utrecht" and "utrecht@2019" (region id at version label).
RegionChoice parse_region_choice(const std::string& text);

}  // namespace sroi::config
