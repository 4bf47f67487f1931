// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/region_set.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

#include "sroi/config/region_loader.hpp"
#include "sroi/config/toml_fields.ipp"
#include "sroi/io/digest.hpp"
#include "sroi/io/text_input.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/config.hpp"
#include "sroi/msg/words.hpp"

namespace sroi::config {
namespace {

/// Orders versions: by valid_from (none = earliest), then a version after the one it supersedes.
bool older(const Region& a, const Region& b) {
  if (b.supersedes && *b.supersedes == a.version) return true;
  if (a.supersedes && *a.supersedes == b.version) return false;
  Date min{1900, 1, 1};
  return a.valid_from.value_or(min) < b.valid_from.value_or(min);
}

bool valid_on(const Region& r, const Date& d) {
  return (!r.valid_from || *r.valid_from <= d) && (!r.valid_until || d <= *r.valid_until);
}

/// "V05 from 2019-01-01 until 2022-12-31", as far as the dates are known.
Message describe(const Region& r) {
  if (r.valid_from && r.valid_until)
    return msg(Msg::VersionFromUntil, as_is(r.version), *r.valid_from, *r.valid_until);
  if (r.valid_from) return msg(Msg::VersionFrom, as_is(r.version), *r.valid_from);
  if (r.valid_until) return msg(Msg::VersionUntil, as_is(r.version), *r.valid_until);
  return msg(Msg::Value, as_is(r.version));
}

}  // namespace

RegionFolder RegionFolder::read(const std::string& regions_dir, const std::string& catalogue_dir,
                                const std::vector<std::string>& leave_out) {
  RegionFolder folder;
  folder.dir = regions_dir;
  folder.catalogue = load_catalogue(catalogue_dir, folder.problems);
  // Without a usable catalogue every mapping would be reported; the catalogue problem is enough.
  folder.catalogue_usable = folder.problems.empty();
  folder.found = std::filesystem::is_directory(regions_dir);
  if (!folder.found) {
    folder.problems.push_back({SourceLocation{regions_dir}, msg(Msg::RegionsDirNotFound)});
    return folder;
  }
  for (const auto& path : toml_files_in(regions_dir)) {
    File f;
    f.path = path;
    f.name = std::filesystem::path(path).filename().string();
    if (std::find(leave_out.begin(), leave_out.end(), f.name) != leave_out.end()) continue;
    try {
      f.text = io::read_file_limited(path, io::kMaxTomlBytes);
    } catch (const DataError& e) {
      f.problems = e.diagnostics();
    }
    folder.files.push_back(std::move(f));
  }
  return folder;
}

RegionSet RegionSet::load_only(RegionFolder folder, const std::set<std::string>& ids) {
  std::vector<Diagnostic> problems;
  RegionSet set = from(std::move(folder), &ids, problems, {});
  if (!problems.empty()) throw DataError(std::move(problems));
  return set;
}

RegionSet RegionSet::load_or_throw(RegionFolder folder) {
  std::vector<Diagnostic> problems;
  RegionSet set = from(std::move(folder), nullptr, problems, {});
  if (!problems.empty()) throw DataError(std::move(problems));
  return set;
}

std::optional<std::string> declared_region_id(std::string_view text) {
  auto skip_blanks = [](std::string_view line, std::size_t k) {
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r')) ++k;
    return k;
  };
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    // A multi-line string could hold a line that looks like the id: the parser decides.
    if (line.find(R"(""")") != std::string_view::npos ||
        line.find(R"(''')") != std::string_view::npos)
      return std::nullopt;
    std::size_t k = skip_blanks(line, 0);
    if (k == line.size() || line[k] == '#') continue;
    if (line[k] == '[') return std::nullopt;  // a table begins: no top-level id before it
    if (line.compare(k, 2, "id") != 0) continue;
    k = skip_blanks(line, k + 2);
    if (k == line.size() || line[k] != '=') continue;  // another key (idx, id.x)
    k = skip_blanks(line, k + 1);
    if (k == line.size() || line[k] != '"') return std::nullopt;
    std::size_t close = line.find('"', k + 1);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view id = line.substr(k + 1, close - k - 1);
    if (id.find('\\') != std::string_view::npos) return std::nullopt;  // an escape
    k = skip_blanks(line, close + 1);
    if (k < line.size() && line[k] != '#') return std::nullopt;
    return std::string(id);
  }
  return std::nullopt;
}

RegionSet RegionSet::load(const std::string& regions_dir, const std::string& catalogue_dir,
                          std::vector<Diagnostic>& problems, const std::vector<ModelText>& more,
                          const std::vector<std::string>& leave_out) {
  return from(RegionFolder::read(regions_dir, catalogue_dir, leave_out), nullptr, problems, more);
}

RegionSet RegionSet::from(RegionFolder folder, const std::set<std::string>* only,
                          std::vector<Diagnostic>& problems, const std::vector<ModelText>& more) {
  RegionSet set;
  problems.insert(problems.end(), folder.problems.begin(), folder.problems.end());
  set.catalogue_ = std::move(folder.catalogue);
  const Catalogue* catalogue = folder.catalogue_usable ? &set.catalogue_ : nullptr;
  if (!folder.found) return set;
  for (const RegionFolder::File& f : folder.files) {
    if (!f.problems.empty()) {  // it could not be read
      problems.insert(problems.end(), f.problems.begin(), f.problems.end());
      ++set.files_;
      continue;
    }
    if (only)
      if (auto id = declared_region_id(f.text); id && !only->count(*id)) {
        ++set.files_;
        set.unparsed_.push_back(f.name + " " + io::fingerprint_hex(f.text));
        continue;
      }
    set.add(read_region(f.text, f.path, catalogue, problems), f.path, problems);
  }
  for (const auto& m : more)
    set.add(read_region(m.text, m.name, catalogue, problems), m.name, problems);
  set.check_versions(folder.dir, problems);
  return set;
}

void RegionSet::add(std::optional<Region> region, const std::string& path,
                    std::vector<Diagnostic>& problems) {
  ++files_;
  if (!region) return;
  auto dup = std::find_if(regions_.begin(), regions_.end(), [&](const Region& r) {
    return r.id == region->id && r.version == region->version;
  });
  if (dup != regions_.end()) {
    problems.push_back(
        {SourceLocation{path, 1, 1}, msg(Msg::DuplicateRegionVersion, as_is(region->id),
                                         as_is(region->version), as_is(dup->file))});
    return;
  }
  regions_.push_back(std::move(*region));
}

void RegionSet::check_versions(const std::string& regions_dir, std::vector<Diagnostic>& problems) {
  RegionSet& set = *this;
  for (const auto& r : set.regions_) {
    if (r.supersedes) {
      auto vs = set.versions(r.id);
      bool found = std::any_of(vs.begin(), vs.end(),
                               [&](const Region* v) { return v->version == *r.supersedes; });
      if (!found)
        problems.push_back({SourceLocation{r.file, 1, 1},
                            msg(Msg::SupersededMissing, as_is(r.id), as_is(r.version),
                                as_is(*r.supersedes), as_is(regions_dir))});
    }
  }
  // Two versions of a region must say which is newer: a later valid_from, or a supersedes
  // chain from one to the other. Otherwise "the newest" would depend on the order of files.
  auto replaces = [&](const Region& newer, const Region& older) {
    const Region* at = &newer;
    for (std::size_t step = 0; at && at->supersedes && step < set.regions_.size(); ++step) {
      if (*at->supersedes == older.version) return true;
      const Region* next = nullptr;
      for (const auto& r : set.regions_)
        if (r.id == newer.id && r.version == *at->supersedes) next = &r;
      at = next;
    }
    return false;
  };
  for (std::size_t i = 0; i < set.regions_.size(); ++i)
    for (std::size_t k = i + 1; k < set.regions_.size(); ++k) {
      const Region &a = set.regions_[i], &b = set.regions_[k];
      if (a.id != b.id || a.valid_from != b.valid_from || replaces(a, b) || replaces(b, a))
        continue;
      problems.push_back({SourceLocation{b.file, 1, 1},
                          a.valid_from ? msg(Msg::VersionOrderSameDay, as_is(a.id),
                                             as_is(a.version), as_is(b.version), *a.valid_from)
                                       : msg(Msg::VersionOrderNoDates, as_is(a.id),
                                             as_is(a.version), as_is(b.version))});
    }
  if (set.files_ == 0) problems.push_back({SourceLocation{regions_dir}, msg(Msg::NoRegionFiles)});
}

RegionSet RegionSet::load_or_throw(const std::string& regions_dir,
                                   const std::string& catalogue_dir) {
  std::vector<Diagnostic> problems;
  RegionSet set = load(regions_dir, catalogue_dir, problems);
  if (!problems.empty()) throw DataError(std::move(problems));
  return set;
}

const Region& RegionSet::resolve(const RegionChoice& choice, const std::optional<Date>& on) const {
  if (choice.version || on) return select(choice, on.value_or(Date{}));
  auto vs = versions(choice.id);
  if (vs.empty()) return select(choice, Date{});  // throws: unknown region
  return *vs.back();
}

std::vector<const Region*> RegionSet::versions(const std::string& id) const {
  std::vector<const Region*> out;
  for (const auto& r : regions_)
    if (r.id == id) out.push_back(&r);
  std::stable_sort(out.begin(), out.end(),
                   [](const Region* a, const Region* b) { return older(*a, *b); });
  return out;
}

std::vector<std::string> RegionSet::ids() const {
  std::set<std::string> s;
  for (const auto& r : regions_) s.insert(r.id);
  return {s.begin(), s.end()};
}

std::string RegionSet::print() const {
  std::vector<std::string> files = unparsed_;
  for (const Region& r : regions_)
    files.push_back(std::filesystem::path(r.file).filename().string() + " " + r.fingerprint);
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) all += f + "\n";
  return io::fingerprint_hex(all);
}

const Region& RegionSet::select(const RegionChoice& choice, const Date& on) const {
  auto vs = versions(choice.id);
  if (vs.empty())
    throw DataError(choice.where, msg(Msg::UnknownRegion, as_is(choice.id), listed(ids())));
  // The versions described only for a message (status selects one per contract).
  auto all = [&] {
    PhraseList out;
    for (const Region* v : vs) out.items.push_back(describe(*v));
    return out;
  };
  if (choice.version) {
    for (const Region* v : vs)
      if (lower_ascii(v->version) == lower_ascii(*choice.version)) return *v;
    throw DataError(choice.where,
                    msg(Msg::NoSuchVersion, as_is(choice.id), as_is(*choice.version), all()));
  }
  for (auto it = vs.rbegin(); it != vs.rend(); ++it)
    if (valid_on(**it, on)) return **it;
  throw DataError(choice.where, msg(Msg::NoVersionValidOn, as_is(choice.id), on, all()));
}

std::optional<Message> RegionSet::version_warning(const RegionChoice& choice,
                                                  const Date& on) const {
  if (choice.version) return std::nullopt;
  auto vs = versions(choice.id);
  int valid = 0;
  for (const Region* v : vs) valid += valid_on(*v, on) ? 1 : 0;
  if (valid < 2) return std::nullopt;
  const Region& used = select(choice, on);
  std::vector<std::string> others;
  for (const Region* v : vs)
    if (v != &used && valid_on(*v, on)) others.push_back(v->version);
  return msg(Msg::VersionUnsettled, as_is(choice.id), static_cast<int64_t>(vs.size()), on,
             as_is(used.version), listed(others), as_is(vs.front()->version));
}

RegionSet::Counterparts RegionSet::counterparts(const Region& region,
                                                const std::string& block_id) const {
  Counterparts out;
  for (const auto& other : regions_) {
    if (other.id == region.id) continue;
    const BuildingBlock* b = other.find_block(block_id);
    if (!b) continue;
    out.found_in = other.label();
    // The same catalogue entry, else its broader one, else the narrower ones (as harmonise
    // maps blocks between regions), of the same unit.
    std::string broader = catalogue_.broader(b->maps_to);
    auto pick = [&](auto&& same_group) {
      for (const auto& mine : region.blocks)
        if (out.here.empty() || out.here.back() != mine.id)
          if (mine.unit == b->unit && same_group(mine)) out.here.push_back(mine.id);
    };
    pick([&](const BuildingBlock& m) { return m.maps_to == b->maps_to; });
    if (out.here.empty() && !broader.empty())
      pick([&](const BuildingBlock& m) { return m.maps_to == broader; });
    if (out.here.empty())
      pick([&](const BuildingBlock& m) { return catalogue_.broader(m.maps_to) == b->maps_to; });
    if (!out.here.empty()) break;
  }
  return out;
}

Message RegionSet::unknown_block(const Region& region, const std::string& block_id) const {
  Counterparts c = counterparts(region, block_id);
  if (!c.here.empty())
    return msg(Msg::UnknownBlockElsewhere, as_is(block_id), as_is(region.label()),
               as_is(c.found_in), quoted_or(c.here), region.known_blocks());
  std::vector<std::string> ids;
  for (const auto& b : region.blocks) ids.push_back(b.id);
  std::vector<std::string> near = closest(block_id, ids);
  if (!near.empty())
    return msg(Msg::UnknownBlockDidYouMean, as_is(block_id), as_is(region.label()), quoted_or(near),
               region.known_blocks());
  return msg(Msg::UnknownBlockInRegion, as_is(block_id), as_is(region.label()),
             region.known_blocks());
}

RegionChoice parse_region_choice(const std::string& text) {
  RegionChoice c;
  auto at = text.find('@');
  c.id = lower_ascii(text.substr(0, at));  // ids are lower case: "Oost-Nederland" names one
  if (at != std::string::npos) c.version = text.substr(at + 1);
  return c;
}

}  // namespace sroi::config
