// SPDX-License-Identifier: EUPL-1.2
// The JSON API under /api/v1/: the keys of the command line's --format json, for a session or
// a bearer token, each request checked against the account's role and organisation.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sroi/msg/portal.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/report/register/tables.hpp"
#include "sroi/report/render.hpp"

namespace sroi::portal {
void Portal::api_status(Call& c) {
  const Identity& who = c.id();
  // A program reads what it just wrote: the status includes every change committed before.
  auto view = status_.fresh();
  std::vector<portfolio::ContractStatus> rows;
  for (const auto* s : mine(*view, who)) rows.push_back(*s);
  std::ostringstream out;
  render_status(out, rows, view->as_of, Format::Json, Detail::Figures);
  c.res.set_content(out.str(), "application/json");
}

void Portal::api_contracts(Call& c) {
  const Identity& who = c.id();
  auto lease = pool_.read();
  store::Register& reg = *lease;
  // `sroi export contracts --format json`, only the rows this account may see.
  std::ostringstream all;
  export_table(all, reg, *regions(), "contracts", {}, today(), Format::Json);
  nlohmann::json rows = nlohmann::json::parse(all.str());
  nlohmann::json out = nlohmann::json::array();
  std::map<std::string, bool> allowed;
  for (const auto& k : reg.contracts()) allowed[k.contract.id] = visible(who, k);
  for (auto& r : rows)
    if (allowed[r.value("contract", "")]) out.push_back(std::move(r));
  c.res.set_content(out.dump(2) + "\n", "application/json");
}

void Portal::api_regions(Call& c) {
  std::ostringstream out;
  render_regions(out, *regions(), Format::Json);
  // The server's folders are nobody's business: each model by its file's name only.
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(out.str());
  for (auto& r : j)
    if (r.contains("file") && r["file"].is_string())
      r["file"] = std::filesystem::path(r["file"].get<std::string>()).filename().string();
  c.res.set_content(j.dump(2) + "\n", "application/json");
}

void Portal::api_compare(Call& c) {
  c.res.set_content(comparison(Format::Json), "application/json");
}

void Portal::api_offers(Call& c) {
  // An offer file (TOML) in the body, valued as `sroi offer --format json` does; nothing is
  // stored.
  const auto& req = c.req;
  auto& res = c.res;
  if (req.body.empty())
    return api_error(res, 400, "no offer", say(req, msg(Msg::PortalOfferProblems)),
                     {say(req, msg(Msg::PortalEmptyOffer))});
  try {
    portfolio::OfferIntake intake = portfolio::take_offer_text(*regions(), req.body, "offer.toml");
    std::ostringstream out;
    render_assessment(out, intake.assessment, Format::Json, Detail::Steps);
    res.set_content(out.str(), "application/json");
  } catch (const DataError& e) {
    api_error(res, 422, "invalid offer", say(req, msg(Msg::PortalOfferProblems)),
              worded(e.diagnostics(), lang(req), true, text::Places::ForEditors));
  }
}

void Portal::api_imports(Call& c) {
  const auto& req = c.req;
  const Identity& who = c.id();
  auto lease = pool_.read();
  store::Register& reg = *lease;
  std::map<std::string, bool> allowed;
  for (const auto& k : reg.contracts()) allowed[k.contract.id] = visible(who, k);
  std::optional<std::string> only;
  if (req.has_param("contract")) only = req.get_param_value("contract");
  std::vector<store::ImportRecord> rows;
  if (!only || allowed[*only])
    for (auto& r : reg.imports(only))
      if (allowed[r.contract]) {
        // The file as its sender named it, and an operator's own account as "operator".
        r.source_file = std::filesystem::path(r.source_file).filename().string();
        if (r.user.empty() || r.user.back() != ')') r.user = "operator";
        rows.push_back(std::move(r));
      }
  std::ostringstream out;
  render_imports(out, rows, Format::Json);
  c.res.set_content(out.str(), "application/json");
}

void Portal::api_import(Call& c) {
  // A realisation CSV in the body (?replace=1: the complete current list; ?name=: the file
  // name messages use), for a supplier's own contract: `sroi import` with the same checks.
  const auto& req = c.req;
  auto& res = c.res;
  const Identity& who = c.id();
  const std::string& id = c.contract->record.contract.id;
  std::string name = clean_file_name(req.has_param("name") ? req.get_param_value("name")
                                                           : std::string("realisation.csv"));
  if (name.size() < 5 || name.compare(name.size() - 4, 4, ".csv") != 0) name += ".csv";
  HandedIn done = hand_in(lang(req), who, id, name, req.body, req.get_param_value("replace") == "1",
                          Place::ForScripts);  // a script reads "file:line:col"
  if (!done.stored)
    return api_error(res, 422, "not stored", say(req, msg(Msg::PortalRefused, as_is(name))),
                     done.problems);
  nlohmann::json j{{"contract", id}, {"file", name}, {"rows", done.rows}};
  res.status = 201;
  res.set_content(j.dump(2) + "\n", "application/json");
}

}  // namespace sroi::portal
