// SPDX-License-Identifier: EUPL-1.2
// The region models: public tables and calculators for anyone; for a region's coordinator a
// new version checked as `sroi check` does, activated without a restart, and the comparison
// with the other regions.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sroi/accounts/secrets.hpp"
#include "sroi/config/region_loader.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/harmonise/harmonise.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/report/harmonise_tables.hpp"
#include "sroi/xlsx/staged_file.hpp"

namespace sroi::portal {
namespace fs = std::filesystem;

std::string model_file_name(const std::string& id, const std::string& version) {
  std::string name;
  for (char ch : id + "-" + version) {
    auto u = static_cast<unsigned char>(ch);
    name += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-';
  }
  return name + ".toml";
}

void Portal::regions_page(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;

  auto set = regions();
  Lang l = lang(req);
  std::string body;
  for (const auto& id : set->ids()) {
    auto versions = set->versions(id);
    const Region& newest = *versions.back();
    body += "<h2>" + escape(newest.name) + " <small>(" + escape(id) + ")</small></h2><p>" +
            escape(word(req, Msg::PortalVersions)) + ": ";
    for (std::size_t i = 0; i < versions.size(); ++i)
      body +=
          (i ? ", " : "") + escape(versions[i]->version) +
          (versions[i]->valid_from ? " (" + escape(word(req, Msg::LabelValidFrom)) + " " +
                                         escape(text::say(Arg{*versions[i]->valid_from}, l)) + ")"
                                   : "");
    body += " — <a href=\"/regions/" + escape(url_part(id)) + "/calculator.xlsx\">" +
            escape(word(req, Msg::PortalCalculatorLink)) + "</a></p><details><summary>" +
            escape(word(req, Msg::LabelBlocks)) + " (" + std::to_string(newest.blocks.size()) +
            ")</summary><table><tr><th>" + escape(word(req, Msg::LabelBlock)) + "</th><th>" +
            escape(word(req, Msg::LabelName)) + "</th><th>" + escape(word(req, Msg::LabelUnit)) +
            "</th><th>" + escape(word(req, Msg::LabelValue)) + "</th><th>" +
            escape(word(req, Msg::LabelCountingMonths)) + "</th><th>" +
            escape(word(req, Msg::LabelStatus)) + "</th></tr>";
    for (const auto& b : newest.blocks)
      body += "<tr><td>" + escape(b.id) + "</td><td>" + escape(b.name) + "</td><td>" +
              escape(text::unit_name(b.unit, l)) + "</td><td class=\"n\">" +
              (b.unit == Unit::Invoice ? ""
               : b.unit == Unit::ActualCost
                   ? (b.max_per_day ? escape(say(req, msg(Msg::MaxPerDay, *b.max_per_day))) : "")
                   : money(b.value)) +
              "</td><td class=\"n\">" +
              (b.counting_months ? std::to_string(*b.counting_months) : "") + "</td><td>" +
              escape(word(
                  req, b.provenance.provisional() ? Msg::LabelProvisional : Msg::LabelPublished)) +
              "</td></tr>";
    body += "</table></details>";
  }
  page(req, res, word(req, Msg::PortalRegions), body, c.who);
}

void Portal::download_calculator(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  auto set = regions();
  const std::string& id = c.param("region");
  auto versions = set->versions(id);
  if (versions.empty()) return not_found(req, res, c.who);
  TempDir dir;
  std::string name = clean_file_name("rekenhulp-" + id + ".xlsx");
  std::string path = dir.path() + "/" + name;
  xlsx::WriteOptions wo;
  wo.lang = lang(req);
  forms::write_calculator(*versions.back(), path, wo);
  send_file(res, TempDir::read(path), name,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

std::string Portal::comparison(Format f) const {
  auto set = regions();
  std::vector<const Region*> newest;
  for (const auto& id : set->ids()) newest.push_back(set->versions(id).back());
  std::ostringstream out;
  render_comparison(out, harmonise::compare(set->catalogue(), newest), f);
  return out.str();
}

std::string Portal::comparison_table(const httplib::Request& req, const std::string& own) const {
  // The newest version of every region, the coordinator's own first; rows where the regions
  // differ are marked, as `sroi compare` marks them with ≠.
  auto set = regions();
  std::vector<const Region*> newest;
  for (const auto* r : set->versions(own)) newest = {r};
  for (const auto& id : set->ids())
    if (id != own) newest.push_back(set->versions(id).back());
  harmonise::Matrix m = harmonise::compare(set->catalogue(), newest);
  std::string out = "<div class=\"wide\"><table class=\"compare\"><tr><th></th>";
  for (const auto* r : m.regions) out += "<th>" + escape(r->label()) + "</th>";
  out += "</tr>";
  for (const auto& row : m.rows) {
    out += std::string("<tr") + (row.differs ? " class=\"differs\"" : "") + "><th>" +
           (row.differs ? "≠ " : "") + escape(say(req, row.name)) + "</th>";
    for (const auto& v : row.values) out += "<td>" + escape(say(req, v)) + "</td>";
    out += "</tr>";
  }
  return out + "</table></div>";
}

std::vector<std::string> Portal::check_region(const httplib::Request& req, const Identity& who,
                                              const std::string& name, const std::string& bytes,
                                              std::optional<Region>& region) {
  std::vector<std::string> out;
  // The active models and the new one, in a folder of their own: loaded together, so that a
  // version that clashes with an active one is found too.
  TempDir dir;
  for (const auto& e : fs::directory_iterator(o_.regions_dir))
    if (e.is_regular_file() && e.path().extension() == ".toml")
      fs::copy_file(e.path(), dir.path() + "/" + e.path().filename().string());
  std::string path = dir.path() + "/" + name;
  if (fs::exists(path)) path = dir.path() + "/new-" + name;
  {
    std::ofstream f(path, std::ios::binary);
    f << bytes;
  }
  std::vector<Diagnostic> problems;
  config::RegionSet::load(dir.path(), o_.catalogue_dir, problems);
  std::vector<Diagnostic> own;
  region = config::load_region(path, &regions()->catalogue(), own);
  out = dir.worded(problems, lang(req));
  if (region && region->id != who.org)
    out.push_back(name + ": " +
                  say(req, msg(Msg::PortalNotYourRegion, as_is(region->id), as_is(who.org))));
  if (!region && out.empty())
    for (const auto& d : own) out.push_back(name + ": " + say(req, d.message));
  return out;
}

void Portal::region_admin(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  auto set = regions();
  std::string body = "<h2>" + escape(word(req, Msg::PortalVersions)) + "</h2><ul>";
  for (const auto* r : set->versions(who->org))
    body += "<li>" + escape(r->label()) + " — " + escape(r->name) + "</li>";
  body += "</ul><h2>" + escape(word(req, Msg::PortalRegionUpload)) + "</h2><p>" +
          escape(say(req, msg(Msg::PortalRegionUploadHelp, as_is(who->org)))) + "</p>";
  if (!o_.regions_writable) body += "<p>" + escape(word(req, Msg::PortalNoDataDir)) + "</p>";
  if (!who->csrf.empty())
    body +=
        "<form method=\"post\" enctype=\"multipart/form-data\" "
        "action=\"/admin/regions/check\">" +
        csrf_input(*who) +
        "<p><input type=\"file\" name=\"file\" accept=\".toml\" required></p><p><button>" +
        escape(word(req, Msg::PortalRegionUpload)) + "</button></p></form>";
  body +=
      "<h2>" + escape(word(req, Msg::PortalCompare)) + "</h2>" + comparison_table(req, who->org);
  page(req, res, word(req, Msg::PortalRegionAdmin), body, who);
}

void Portal::region_check(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  auto file = req.files.find("file");
  std::string name =
      clean_file_name(file == req.files.end() ? "region.toml" : file->second.filename);
  std::string bytes = file == req.files.end() ? "" : file->second.content;
  std::optional<Region> region;
  std::vector<std::string> problems = check_region(req, *who, name, bytes, region);
  std::string back =
      "<p><a href=\"/admin/regions\">" + escape(word(req, Msg::PortalBack)) + "</a></p>";
  if (!problems.empty() || !region) {
    res.status = 422;
    std::string body = "<p class=\"risk\">" +
                       escape(say(req, msg(Msg::PortalRegionProblems, as_is(name)))) + "</p><ul>";
    for (const auto& p : problems) body += "<li>" + escape(p) + "</li>";
    return page(req, res, word(req, Msg::PortalRegionUpload), body + "</ul>" + back, who);
  }
  {
    std::lock_guard<std::mutex> lock(pending_mu_);
    pending_[who->name] = {name, bytes};
  }
  std::string body =
      "<p class=\"ok\">" +
      escape(say(req, msg(Msg::PortalRegionChecked, as_is(region->id), as_is(region->version)))) +
      "</p>";
  if (o_.regions_writable)
    body += "<form method=\"post\" action=\"/admin/regions/activate\">" + csrf_input(*who) +
            "<button>" + escape(word(req, Msg::PortalActivate)) + "</button></form>";
  else
    body += "<p>" + escape(word(req, Msg::PortalNoDataDir)) + "</p>";
  page(req, res, word(req, Msg::PortalRegionUpload), body + back, who);
}

void Portal::region_activate(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  // Not a matter of access: the portal cannot, or there is nothing to activate.
  auto conflict = [&](Msg why) {
    res.status = 409;
    page(req, res, word(req, Msg::PortalActivate), "<p>" + escape(word(req, why)) + "</p>", who);
  };
  if (!o_.regions_writable) return conflict(Msg::PortalNoDataDir);
  std::pair<std::string, std::string> file;
  {
    std::lock_guard<std::mutex> lock(pending_mu_);
    auto it = pending_.find(who->name);
    if (it == pending_.end()) return conflict(Msg::PortalNoPending);
    file = it->second;
    pending_.erase(it);
  }
  std::string back =
      "<p><a href=\"/admin/regions\">" + escape(word(req, Msg::PortalBack)) + "</a></p>";
  // Checked again: another coordinator may have activated a clashing version meanwhile.
  std::optional<Region> region;
  std::vector<std::string> problems = check_region(req, *who, file.first, file.second, region);
  if (!problems.empty() || !region) {
    res.status = 422;
    std::string body = "<p class=\"risk\">" +
                       escape(say(req, msg(Msg::PortalRegionProblems, as_is(file.first)))) +
                       "</p><ul>";
    for (const auto& p : problems) body += "<li>" + escape(p) + "</li>";
    return page(req, res, word(req, Msg::PortalActivate), body + "</ul>" + back, who);
  }
  // The file's name comes from the checked id and version only ([a-z0-9-]); an active
  // version is never replaced, and the file appears whole or not at all.
  std::string target = o_.regions_dir + "/" + model_file_name(region->id, region->version);
  try {
    xlsx::write_text_file(target, file.second, xlsx::Overwrite::Refuse);
  } catch (const ExportError& e) {
    res.status = 409;
    Message why = e.remedy() == Remedy::Overwrite
                      ? msg(Msg::PortalVersionExists, as_is(region->id), as_is(region->version))
                      : e.message();
    return page(req, res, word(req, Msg::PortalActivate),
                "<p class=\"risk\">" + escape(say(req, why)) + "</p>" + back, who);
  }
  set_regions(std::make_shared<const config::RegionSet>(
      config::RegionSet::load_or_throw(o_.regions_dir, o_.catalogue_dir)));
  store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(*who));
  reg.note_event("region.activate", region->id,
                 nlohmann::json{{"version", region->version},
                                {"file", fs::path(target).filename().string()},
                                {"sha256", accounts::token_sha256(file.second)}}
                     .dump());
  page(req, res, word(req, Msg::PortalActivate),
       "<p class=\"ok\">" +
           escape(say(req, msg(Msg::PortalActivated, as_is(region->id), as_is(region->version)))) +
           "</p>" + back,
       who);
}

}  // namespace sroi::portal
