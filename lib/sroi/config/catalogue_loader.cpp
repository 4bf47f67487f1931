// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>
#include <filesystem>

#include "sroi/config/region_loader.hpp"
#include "sroi/config/toml_fields.ipp"
#include "sroi/msg/config.hpp"

namespace sroi::config {

std::vector<std::string> toml_files_in(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

Catalogue load_catalogue(const std::string& dir, std::vector<Diagnostic>& problems) {
  Catalogue cat;
  std::vector<std::pair<std::string, SourceLocation>> broader_at;
  if (!std::filesystem::is_directory(dir)) {
    problems.push_back({SourceLocation{dir}, msg(Msg::CatalogueDirNotFound)});
    return cat;
  }
  for (const auto& path : toml_files_in(dir)) {
    auto doc = parse_toml_file(path, problems);
    if (!doc) continue;
    Fields top(*doc, path, problems, msg(Msg::CtxCatalogue));
    for (EntryKind kind : {EntryKind::TargetGroup, EntryKind::Measure, EntryKind::Bonus}) {
      std::string key = kind == EntryKind::TargetGroup ? "target_group" : entry_kind_id(kind);
      for (const toml::table* t : top.tables(key, false)) {
        Fields f(*t, path, problems, "[[" + key + "]]");
        CatalogueEntry e;
        e.kind = kind;
        e.where = f.here();
        auto id = f.id("id", true);
        auto name = f.string("name", true);
        auto name_nl = f.string("name_nl", false);
        auto broader = f.id("broader", false);
        f.string("description", false);
        f.finish();
        if (!id || !name) continue;
        if (const CatalogueEntry* prev = cat.find(*id)) {
          f.error(f.at("id"), msg(Msg::DuplicateCatalogueId, as_is(*id), as_is(prev->where.str())));
          continue;
        }
        e.id = *id;
        e.name = *name;
        e.name_nl = name_nl.value_or("");
        e.broader = broader.value_or("");
        if (broader) broader_at.push_back({e.id, f.at("broader")});
        cat.entries.push_back(std::move(e));
      }
    }
    top.finish();
  }
  for (const auto& [id, at] : broader_at) {
    const CatalogueEntry* e = cat.find(id);
    if (!cat.find(e->broader))
      problems.push_back({at, msg(Msg::BroaderNotInCatalogue, as_is(e->broader))});
  }
  return cat;
}

}  // namespace sroi::config
