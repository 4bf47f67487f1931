// SPDX-License-Identifier: EUPL-1.2
// `sroi --version`: the release, the sources it was built from, the register schema it reads
// and writes, and (with --format json) the version of every region model it finds.
#include "version.hpp"

#include <nlohmann/json.hpp>

#include "sroi/config/region_set.hpp"
#include "sroi/store/register.hpp"
#include "sroi_revision.hpp"

namespace sroi::cli {

const char* version() { return SROI_VERSION; }
const char* revision() { return SROI_REVISION; }

void print_version(std::ostream& out, Format format, const std::string& regions_dir,
                   const std::string& catalogue_dir) {
  if (format != Format::Json) {
    out << "sroi " << version() << " (" << revision() << ")\n";
    return;
  }
  nlohmann::ordered_json j{{"name", "sroi"},
                           {"version", version()},
                           {"revision", revision()},
                           {"register_schema_version", store::Register::kSchemaVersion},
                           {"regions_dir", regions_dir}};
  // The models as they load; a folder with problems still lists what it could read.
  std::vector<Diagnostic> problems;
  auto set = config::RegionSet::load(regions_dir, catalogue_dir, problems);
  nlohmann::ordered_json regions = nlohmann::ordered_json::array();
  for (const auto& r : set.all()) {
    nlohmann::ordered_json one{{"id", r.id}, {"version", r.version}, {"file", r.file}};
    one["valid_from"] =
        r.valid_from ? nlohmann::ordered_json(r.valid_from->iso()) : nlohmann::ordered_json();
    regions.push_back(one);
  }
  j["regions"] = regions;
  j["region_problems"] = problems.size();
  out << j.dump(2) << '\n';
}

}  // namespace sroi::cli
