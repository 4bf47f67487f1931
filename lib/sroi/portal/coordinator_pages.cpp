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
#include "sroi/msg/labels.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/msg/xlsx.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/report/harmonise/tables.hpp"
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
  auto set = regions();
  Lang l = lang(req);
  Html body;
  for (const auto& id : set->ids()) {
    auto versions = set->versions(id);
    const Region& newest = *versions.back();
    Html listed;
    for (std::size_t i = 0; i < versions.size(); ++i) {
      const Region& v = *versions[i];
      listed += (i ? Html(", ") : Html()) + Html::text(v.version);
      if (v.valid_from)
        listed += " (" + said(req, Msg::LabelValidFrom) + " " +
                  Html::text(text::say(Arg{*v.valid_from}, l)) + ")";
    }
    body += "<h2>" + Html::text(newest.name) + " <small>(" + Html::text(id) + ")</small></h2>" +
            para(said(req, Msg::PortalVersions) + ": " + listed + " — " +
                 link("/regions/" + url_part(id) + "/calculator.xlsx",
                      said(req, Msg::PortalCalculatorLink))) +
            "<details><summary>" + said(req, Msg::LabelBlocks) + " (" +
            Html::number(static_cast<long long>(newest.blocks.size())) + ")</summary><table>" +
            heading_row({said(req, Msg::LabelBlock), said(req, Msg::LabelName),
                         said(req, Msg::LabelUnit), said(req, Msg::LabelValue),
                         said(req, Msg::LabelCountingMonths), said(req, Msg::LabelStatus)});
    for (const auto& b : newest.blocks) {
      Html value = b.unit == Unit::Invoice ? Html()
                   : b.unit == Unit::ActualCost
                       ? (b.max_per_day ? said(req, msg(Msg::MaxPerDay, *b.max_per_day)) : Html())
                       : money(b.value);
      Html months = b.counting_months ? Html::number(*b.counting_months) : Html();
      body += row({cell(Html::text(b.id)), cell(Html::text(b.name)),
                   cell(Html::text(text::unit_name(b.unit, l))), figure_cell(value),
                   figure_cell(months),
                   cell(said(req, b.provenance.provisional() ? Msg::LabelProvisional
                                                             : Msg::LabelPublished))});
    }
    body += "</table></details>";
  }
  page(req, c.res, word(req, Msg::PortalRegions), body, c.who);
}

void Portal::download_calculator(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  auto set = regions();
  const std::string& id = c.param("region");
  auto versions = set->versions(id);
  if (versions.empty()) return not_found(req, res, c.who);
  TempDir dir;
  std::string name = clean_file_name("aanbieding-" + id + ".xlsx");
  std::string path = dir.path() + "/" + name;
  xlsx::WriteOptions wo;
  wo.lang = lang(req);
  forms::write_offer_workbook(*versions.back(), path, wo);
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

Html Portal::comparison_table(const httplib::Request& req, const std::string& own) const {
  // The newest version of every region, the coordinator's own first; rows where the regions
  // differ are marked, as `sroi compare` marks them with ≠.
  auto set = regions();
  std::vector<const Region*> newest;
  for (const auto* r : set->versions(own)) newest = {r};
  for (const auto& id : set->ids())
    if (id != own) newest.push_back(set->versions(id).back());
  harmonise::Matrix m = harmonise::compare(set->catalogue(), newest);
  Html out = "<div class=\"wide\"><table class=\"compare\"><tr><th></th>";
  for (const auto* r : m.regions) out += "<th>" + Html::text(r->label()) + "</th>";
  out += "</tr>";
  for (const auto& row : m.rows) {
    out += (row.differs() ? Html("<tr class=\"differs\"><th>≠ ") : Html("<tr><th>")) +
           said(req, row.name) + "</th>";
    for (const auto& v : row.values) out += cell(said(req, v));
    out += "</tr>";
  }
  return out + "</table></div>";
}

std::vector<std::string> Portal::check_region(const httplib::Request& req, const Identity& who,
                                              const std::string& name, const std::string& bytes,
                                              std::optional<Region>& region,
                                              std::shared_ptr<const config::RegionSet>* staged) {
  // The new model checked together with the active ones, so that a version that clashes
  // with an active one is found too; files are named by their file names only.
  std::vector<Diagnostic> problems;
  auto set = std::make_shared<const config::RegionSet>(
      config::RegionSet::load(o_.regions_dir, o_.catalogue_dir, problems, {{name, bytes}}));
  if (staged && problems.empty()) *staged = set;
  std::vector<Diagnostic> own;
  region = config::read_region(bytes, name, &regions()->catalogue(), own);
  for (auto& d : problems)
    if (d.where.file != name) d.where.file = fs::path(d.where.file.str()).filename().string();
  std::vector<std::string> out = worded(problems, lang(req));
  if (region && region->id != who.org)
    out.push_back(name + ": " +
                  say(req, msg(Msg::PortalNotYourRegion, as_is(region->id), as_is(who.org))));
  if (!region && out.empty())
    for (const auto& d : own) out.push_back(name + ": " + say(req, d.message));
  return out;
}

/// The problems of a region model, under the sentence that names the file.
Html Portal::region_problems(const httplib::Request& req, const std::string& name,
                             const std::vector<std::string>& problems) const {
  return para(said(req, msg(Msg::PortalRegionProblems, as_is(name))), "risk") +
         text_bullets(problems) + back_link(req, "/admin/regions");
}

void Portal::region_admin(Call& c) {
  const auto& req = c.req;
  const Identity& who = c.id();
  // Every version with its validity, and the one a contract starting today would use.
  auto set = regions();
  const Lang l = lang(req);
  const Region* in_force = in_force_on(*set, who.org, today());
  auto day = [&](const std::optional<Date>& d) {
    return d ? Html::text(text::say(Arg{*d}, l)) : Html("–");
  };
  Html versions =
      "<table>" + heading_row({said(req, Msg::LabelVersion), said(req, Msg::LabelName),
                               said(req, Msg::LabelValidFrom), said(req, Msg::LabelValidUntil),
                               said(req, Msg::PortalInForce), Html()});
  // A version activated here (its file is the portal's, in the data folder) can be rolled back.
  for (const auto* r : set->versions(who.org))
    versions += row(
        {cell(Html::text(r->version)), cell(Html::text(r->name)), cell(day(r->valid_from)),
         cell(day(r->valid_until)),
         cell(r == in_force ? "<strong>" + said(req, Msg::PortalInForceNow) + "</strong>" : Html()),
         cell(activated_here(*r) && !who.csrf.empty()
                  ? "<form method=\"post\" action=\"/admin/regions/rollback\">" + csrf_input(who) +
                        hidden("version", r->version) + "<button>" +
                        said(req, Msg::PortalRollback) + "</button></form>"
                  : Html())});
  versions += "</table>";
  Html body = "<h2>" + said(req, Msg::PortalVersions) + "</h2>" + versions + "<h2>" +
              said(req, Msg::PortalRegionUpload) + "</h2>" +
              para(said(req, msg(Msg::PortalRegionUploadHelp, as_is(who.org))));
  if (!o_.regions_writable) body += para(said(req, Msg::PortalNoDataDir));
  if (!who.csrf.empty())
    body +=
        "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/admin/regions/check\">" +
        csrf_input(who) +
        "<p><input type=\"file\" name=\"file\" accept=\".toml\" required></p><p><button>" +
        said(req, Msg::PortalRegionUpload) + "</button></p></form>";
  body += "<h2>" + said(req, Msg::PortalCompare) + "</h2>" + comparison_table(req, who.org);
  page(req, c.res, word(req, Msg::PortalRegionAdmin), body, c.who);
}

void Portal::region_check(Call& c) {
  const auto& req = c.req;
  const Identity& who = c.id();
  auto file = req.files.find("file");
  std::string name =
      clean_file_name(file == req.files.end() ? "region.toml" : file->second.filename);
  std::string bytes = file == req.files.end() ? "" : file->second.content;
  std::optional<Region> region;
  std::shared_ptr<const config::RegionSet> staged;
  std::vector<std::string> problems = check_region(req, who, name, bytes, region, &staged);
  if (!problems.empty() || !region || !staged) {
    c.res.status = 422;
    return page(req, c.res, word(req, Msg::PortalRegionUpload),
                region_problems(req, name, problems), c.who);
  }
  {
    std::lock_guard<std::mutex> lock(pending_mu_);
    pending_[who.name] = {name, bytes};
  }
  Html body = para(
      said(req, msg(Msg::PortalRegionChecked, as_is(region->id), as_is(region->version))), "ok");
  const Region* added = nullptr;
  for (const auto* v : staged->versions(region->id))
    if (v->version == region->version) added = v;
  const Region* now = in_force_on(*regions(), region->id, today());
  // What the version changes first, then the button: it is activated knowing that.
  body += version_change(req, *staged, region->id, now, added);
  if (o_.regions_writable)
    body += para(said(req, Msg::PortalActivateEffect)) +
            "<form method=\"post\" action=\"/admin/regions/activate\">" + csrf_input(who) +
            "<button>" + said(req, Msg::PortalActivate) + "</button></form>";
  else
    body += para(said(req, Msg::PortalNoDataDir));
  page(req, c.res, word(req, Msg::PortalRegionUpload), body + back_link(req, "/admin/regions"),
       c.who);
}

void Portal::region_activate(Call& c) {
  const auto& req = c.req;
  const Identity& who = c.id();
  auto answer = [&](int status, const Html& body) {
    c.res.status = status;
    page(req, c.res, word(req, Msg::PortalActivate), body, c.who);
  };
  // Not a matter of access: the portal cannot, or there is nothing to activate.
  if (!o_.regions_writable) return answer(409, para(said(req, Msg::PortalNoDataDir)));
  std::pair<std::string, std::string> file;
  {
    std::lock_guard<std::mutex> lock(pending_mu_);
    auto it = pending_.find(who.name);
    if (it == pending_.end()) return answer(409, para(said(req, Msg::PortalNoPending)));
    file = it->second;
    pending_.erase(it);
  }
  // Checked again: another coordinator may have activated a clashing version meanwhile.
  std::optional<Region> region;
  std::vector<std::string> problems =
      check_region(req, who, file.first, file.second, region, nullptr);
  if (!problems.empty() || !region) return answer(422, region_problems(req, file.first, problems));
  // The file's name comes from the checked id and version only ([a-z0-9-]); an active
  // version is never replaced, and the file appears whole or not at all.
  std::string target = o_.regions_dir + "/" + model_file_name(region->id, region->version);
  try {
    xlsx::write_text_file(target, file.second, xlsx::Overwrite::Refuse);
  } catch (const ExportError& e) {
    Message why = e.remedy() == Remedy::Overwrite
                      ? msg(Msg::PortalVersionExists, as_is(region->id), as_is(region->version))
                      : e.message();
    return answer(409, para(said(req, why), "risk") + back_link(req, "/admin/regions"));
  }
  set_regions(std::make_shared<const config::RegionSet>(
      config::RegionSet::load_or_throw(o_.regions_dir, o_.catalogue_dir)));
  store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(who));
  reg.note_event("region.activate", region->id,
                 nlohmann::json{{"version", region->version},
                                {"file", fs::path(target).filename().string()},
                                {"sha256", accounts::token_sha256(file.second)}}
                     .dump());
  answer(200, para(said(req, msg(Msg::PortalActivated, as_is(region->id), as_is(region->version))),
                   "ok") +
                  back_link(req, "/admin/regions"));
}

}  // namespace sroi::portal
