// SPDX-License-Identifier: EUPL-1.2
// The JSON API under /api/v1/: the keys of the command line's --format json, for a session or
// a bearer token, each request checked against the account's role and organisation.
#include <nlohmann/json.hpp>
#include <sstream>

#include "sroi/portal/portal.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/report/register_tables.hpp"
#include "sroi/report/render.hpp"

namespace sroi::portal {
namespace {

void json_error(httplib::Response& res, int status, const std::string& error,
                const std::vector<std::string>& problems = {}) {
  res.status = status;
  nlohmann::json j{{"error", error}};
  if (!problems.empty()) j["problems"] = problems;
  res.set_content(j.dump(2) + "\n", "application/json");
}

}  // namespace

bool Portal::api_identity(const httplib::Request& req, httplib::Response& res, Identity& who) {
  auto w = identity(req);
  if (!w) {
    res.set_header("WWW-Authenticate", "Bearer");
    json_error(res, 401, "unauthorised");
    return false;
  }
  who = *w;
  return true;
}

void Portal::api_status(const httplib::Request& req, httplib::Response& res) {
  Identity who;
  if (!api_identity(req, res, who)) return;
  // A program reads what it just wrote: the status includes every change committed before.
  auto view = status_.fresh();
  std::vector<portfolio::ContractStatus> rows;
  for (const auto* s : mine(*view, who)) rows.push_back(*s);
  std::ostringstream out;
  render_status(out, rows, view->as_of, Format::Json, Detail::Figures);
  res.set_content(out.str(), "application/json");
}

void Portal::api_contracts(const httplib::Request& req, httplib::Response& res) {
  Identity who;
  if (!api_identity(req, res, who)) return;
  store::Register reg(o_.db_path, store::Register::Access::ReadOnly, who.name);
  // `sroi export contracts --format json`, only the rows this account may see.
  std::ostringstream all;
  export_table(all, reg, *regions(), "contracts", {}, today(), Format::Json);
  nlohmann::json rows = nlohmann::json::parse(all.str());
  nlohmann::json out = nlohmann::json::array();
  std::map<std::string, bool> allowed;
  for (const auto& c : reg.contracts()) allowed[c.contract.id] = visible(who, c);
  for (auto& r : rows)
    if (allowed[r.value("contract", "")]) out.push_back(std::move(r));
  res.set_content(out.dump(2) + "\n", "application/json");
}

void Portal::api_regions(const httplib::Request&, httplib::Response& res) {
  std::ostringstream out;
  render_regions(out, *regions(), Format::Json);
  res.set_content(out.str(), "application/json");
}

void Portal::api_compare(const httplib::Request& req, httplib::Response& res) {
  Identity who;
  if (!api_identity(req, res, who)) return;
  res.set_content(comparison(Format::Json), "application/json");
}

void Portal::api_offers(const httplib::Request& req, httplib::Response& res) {
  // An offer file (TOML) in the body, valued as `sroi offer --format json` does; nothing is
  // stored.
  Identity who;
  if (!api_identity(req, res, who)) return;
  if (req.body.empty()) return json_error(res, 400, "send the offer (TOML) as the body");
  TempDir dir;
  std::string path = dir.write("offer.toml", req.body);
  try {
    portfolio::OfferIntake intake = portfolio::take_offer(*regions(), path);
    std::ostringstream out;
    render_assessment(out, intake.assessment, Format::Json, Detail::Steps);
    res.set_content(out.str(), "application/json");
  } catch (const DataError& e) {
    json_error(res, 422, "invalid offer", dir.worded(e.diagnostics(), lang(req)));
  }
}

void Portal::api_imports(const httplib::Request& req, httplib::Response& res) {
  Identity who;
  if (!api_identity(req, res, who)) return;
  store::Register reg(o_.db_path, store::Register::Access::ReadOnly, who.name);
  std::map<std::string, bool> allowed;
  for (const auto& c : reg.contracts()) allowed[c.contract.id] = visible(who, c);
  std::optional<std::string> only;
  if (req.has_param("contract")) only = req.get_param_value("contract");
  std::vector<store::ImportRecord> rows;
  if (!only || allowed[*only])
    for (auto& r : reg.imports(only))
      if (allowed[r.contract]) rows.push_back(std::move(r));
  std::ostringstream out;
  render_imports(out, rows, Format::Json);
  res.set_content(out.str(), "application/json");
}

void Portal::api_import(const httplib::Request& req, httplib::Response& res) {
  // A realisation CSV in the body (?replace=1: the complete current list; ?name=: the file
  // name messages use), for a supplier's own contract: `sroi import` with the same checks.
  Identity who;
  if (!api_identity(req, res, who)) return;
  std::string id = req.matches[1];
  auto view = status_.get();
  if (!find_mine(*view, who, id)) return json_error(res, 404, "not found");
  if (who.role != store::Role::Supplier) return json_error(res, 403, "forbidden");
  std::string name = clean_file_name(req.has_param("name") ? req.get_param_value("name")
                                                           : std::string("realisation.csv"));
  if (name.size() < 5 || name.compare(name.size() - 4, 4, ".csv") != 0) name += ".csv";
  HandedIn done =
      hand_in(lang(req), who, id, name, req.body, req.get_param_value("replace") == "1");
  if (!done.stored) return json_error(res, 422, "not stored", done.problems);
  nlohmann::json j{{"contract", id}, {"file", name}, {"rows", done.rows}};
  res.status = 201;
  res.set_content(j.dump(2) + "\n", "application/json");
}

}  // namespace sroi::portal
