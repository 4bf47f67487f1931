// SPDX-License-Identifier: EUPL-1.2
// A region's versions as a coordinator changes them: before a version is activated or rolled
// back, the difference with the version in force and the effect on every contract of the
// register (its version and figures now and after); the rollback of a version the portal
// activated, which keeps its file and is audited.
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "sroi/accounts/secrets.hpp"
#include "sroi/harmonise/harmonise.hpp"
#include "sroi/msg/labels.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/portfolio/version_effect.hpp"
#include "sroi/report/harmonise/tables.hpp"
#include "sroi/xlsx/staged_file.hpp"

namespace sroi::portal {
namespace fs = std::filesystem;

namespace {

/// Where rolled-back model files are kept: beside the portal's regions folder.
fs::path retired_dir(const std::string& regions_dir) {
  return fs::path(regions_dir).parent_path() / "regions-teruggedraaid";
}

}  // namespace

const Region* in_force_on(const config::RegionSet& set, const std::string& id, const Date& day) {
  try {
    RegionChoice choice;
    choice.id = id;
    return &set.select(choice, day);
  } catch (const Error&) {
    return nullptr;  // none valid that day
  }
}

bool Portal::activated_here(const Region& r) const {
  if (!o_.regions_writable) return false;
  std::error_code ec;
  return fs::path(r.file).filename() == model_file_name(r.id, r.version) &&
         fs::equivalent(fs::path(r.file).parent_path(), o_.regions_dir, ec);
}

Html Portal::version_change(const httplib::Request& req, const config::RegionSet& staged,
                            const std::string& region_id, const Region* from, const Region* to) {
  Html out;
  if (from && to) {
    harmonise::Diff d = harmonise::diff(*from, *to);
    if (d.changes.empty()) {
      out += para(said(req, msg(Msg::PortalDiffNone, as_is(from->label()))));
    } else {
      out += "<h2>" + said(req, msg(Msg::PortalDiffHeading, as_is(from->label()))) +
             "</h2><table>" +
             heading_row({said(req, Msg::PortalDiffKind), said(req, Msg::PortalDiffWhat),
                          said(req, Msg::PortalDiffValues)});
      for (const auto& ch : d.changes)
        out += row({cell(said(req, change_kind_name(ch.kind))), cell(said(req, ch.what())),
                    cell(said(req, change_values(ch)))});
      out += "</table>";
    }
  }
  // The figures now (the status the pages show, or the same computed again when the region
  // models changed since) against the figures under the staged models, on the same day.
  auto view = status_.get();
  auto current = regions();
  std::vector<portfolio::ContractStatus> before, after;
  {
    auto lease = pool_.read();
    portfolio::StatusOptions so;
    so.as_of = view->as_of;
    if (view->regions != current)
      before = portfolio::compute_status(*lease, *current, so);
    else
      for (const auto& row : view->rows) before.push_back(*row);
    after = portfolio::compute_status(*lease, staged, so);
  }
  const auto effect = portfolio::version_effect(before, after, region_id);
  out += "<h2>" + said(req, Msg::PortalEffectHeading) + "</h2>";
  if (effect.empty()) return out + para(said(req, msg(Msg::PortalEffectNone, view->as_of)));
  out += para(said(
      req, msg(Msg::PortalEffectIntro, Count{static_cast<int64_t>(effect.size())}, view->as_of)));
  auto version = [&](const std::string& v) {
    return v.empty() ? said(req, Msg::PortalNoVersion) : Html::text(v);
  };
  auto now_after = [&](Money a, Money b) {
    return a == b ? money(a) : money(a) + Html(" → <strong>") + money(b) + Html("</strong>");
  };
  out += "<table class=\"effect\">" +
         heading_row({said(req, Msg::LabelContract), said(req, Msg::LabelSupplier),
                      said(req, Msg::PortalEffectVersion), said(req, Msg::PortalEffectObligation),
                      said(req, Msg::PortalEffectRealised)});
  for (const auto& e : effect)
    out += row({cell(link("/contracts/" + url_part(e.contract), Html::text(e.contract))),
                cell(Html::text(e.supplier)),
                cell(e.changes_version() ? version(e.version_before) + Html(" → <strong>") +
                                               version(e.version_after) + Html("</strong>")
                                         : version(e.version_after)),
                figure_cell(now_after(e.obligation_before, e.obligation_after)),
                figure_cell(now_after(e.realised_before, e.realised_after))});
  return out + "</table>";
}

void Portal::region_rollback(Call& c) {
  const auto& req = c.req;
  const Identity& who = c.id();
  auto answer = [&](int status, const Html& body) {
    c.res.status = status;
    page(req, c.res, word(req, Msg::PortalRollback), body + back_link(req, "/admin/regions"),
         c.who);
  };
  auto set = regions();
  const std::string version = field(req, "version");
  const Region* target = nullptr;
  for (const auto* v : set->versions(who.org))
    if (v->version == version) target = v;
  // Only the coordinator's own region, and only a version this portal activated: a shipped
  // or installed model is not the portal's to take away.
  if (!target || !activated_here(*target))
    return answer(
        409,
        para(said(req, msg(Msg::PortalRollbackNotHere, as_is(version), as_is(who.org))), "risk"));
  const std::string file = fs::path(target->file).filename().string();
  std::vector<Diagnostic> problems;
  auto staged = std::make_shared<const config::RegionSet>(
      config::RegionSet::load(o_.regions_dir, o_.catalogue_dir, problems, {}, {file}));
  if (!problems.empty())  // another version names this one (supersedes): it must go first
    return answer(
        409,
        para(said(req, msg(Msg::PortalRollbackNotHere, as_is(version), as_is(who.org))), "risk") +
            text_bullets(worded(problems, lang(req))));
  // A contract that names this version would be left without one: refused, nothing moved.
  {
    auto lease = pool_.read();
    for (const auto& r : lease->contracts({}))
      if (r.region.id == target->id && r.region.version == target->version)
        return answer(
            409,
            para(said(req, msg(Msg::PortalRollbackPinned, as_is(version), as_is(r.contract.id))),
                 "risk"));
  }
  const std::string title =
      say(req, msg(Msg::PortalRollbackTitle, as_is(target->id), as_is(target->version)));
  if (field(req, "confirm") != "1") {
    const Region* back = in_force_on(*staged, target->id, today());
    Html body = para(said(req, msg(Msg::PortalRollbackHelp, as_is(target->version),
                                   as_is(retired_dir(o_.regions_dir).filename().string())))) +
                version_change(req, *staged, target->id, target, back) +
                "<form method=\"post\" action=\"/admin/regions/rollback\">" + csrf_input(who) +
                hidden("version", target->version) + hidden("confirm", "1") + "<p><button>" +
                said(req, msg(Msg::PortalRollbackConfirm, as_is(target->version))) +
                "</button></p></form>";
    return page(req, c.res, title, body + back_link(req, "/admin/regions"), c.who);
  }
  // The file moves aside under a name that says when; nothing is deleted.
  const std::string bytes = TempDir::read(target->file);
  fs::path keep = retired_dir(o_.regions_dir);
  std::error_code ec;
  fs::create_directories(keep, ec);
  std::string stamp = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count());
  fs::path kept = keep / (fs::path(file).stem().string() + "-" + stamp + ".toml");
  fs::rename(target->file, kept, ec);
  if (ec) return answer(500, para(Html::text(ec.message()), "risk"));
  const std::string id = target->id, rolled = target->version;
  set_regions(std::make_shared<const config::RegionSet>(
      config::RegionSet::load_or_throw(o_.regions_dir, o_.catalogue_dir)));
  store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(who));
  reg.note_event("region.rollback", id,
                 nlohmann::json{{"version", rolled},
                                {"file", file},
                                {"kept_as", kept.filename().string()},
                                {"sha256", accounts::token_sha256(bytes)}}
                     .dump());
  answer(200, para(said(req, msg(Msg::PortalRolledBack, as_is(id), as_is(rolled),
                                 as_is(kept.filename().string()))),
                   "ok"));
}

}  // namespace sroi::portal
