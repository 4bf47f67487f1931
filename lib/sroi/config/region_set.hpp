// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/model/contract.hpp"
#include "sroi/model/message.hpp"
#include "sroi/model/region.hpp"

namespace sroi::config {

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

  const std::vector<Region>& all() const { return regions_; }
  const Catalogue& catalogue() const { return catalogue_; }
  std::size_t files() const { return files_; }
  /// Versions of one region, oldest first.
  std::vector<const Region*> versions(const std::string& id) const;
  /// Region ids, sorted.
  std::vector<std::string> ids() const;
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
  std::vector<Region> regions_;
  Catalogue catalogue_;
  std::size_t files_ = 0;
};

/// Accepts "utrecht" and "utrecht@2019" (region id at version label).
RegionChoice parse_region_choice(const std::string& text);

}  // namespace sroi::config
