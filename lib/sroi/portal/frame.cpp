// SPDX-License-Identifier: EUPL-1.2
// The frame every request passes: the route table (the one place that says who may do what),
// its enforcement before a handler runs — before a body is even read — and the one answer to
// an error.
#include <algorithm>
#include <charconv>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sroi/accounts/secrets.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/portal/portal.hpp"

namespace sroi::portal {
namespace {

using R = store::Role;
constexpr std::size_t kKiB = 1024, kMiB = 1024 * 1024;
/// The largest body any route takes (a realisation file); cpp-httplib refuses more.
constexpr std::size_t kLargestBody = 64 * kMiB;

thread_local std::chrono::steady_clock::time_point t_started;

/// What admit_caller found for a POST before its body was read, for dispatch on the same
/// thread (cpp-httplib hands the same request to both).
struct Admitted {
  const httplib::Request* req;
  const Portal::Route* route;
  std::map<std::string, std::string> params;
  std::optional<Identity> who;
  std::shared_ptr<const StatusView> view;
  const portfolio::ContractStatus* contract;
};
thread_local std::optional<Admitted> t_admitted;

/// A request's path as a log line may hold it: at most 200 bytes, nothing unprintable.
std::string logged_path(const httplib::Request& req) {
  return percent_encoded(req.path.substr(0, 200),
                         [](unsigned char ch) { return ch > 0x20 && ch < 0x7f; });
}

Portal::Route get(const char* path, Rule rule, Portal::Handler h) {
  return {{"GET", path, std::move(rule)}, h};
}
Portal::Route post(const char* path, Rule rule, Portal::Handler h) {
  return {{"POST", path, std::move(rule)}, h};
}

Rule pub(std::size_t body = 0) { return {Access::Public, {}, Owner::None, body}; }
Rule session(std::vector<R> roles = {}, Owner owner = Owner::None) {
  return {Access::Session, std::move(roles), owner, 0};
}
Rule form(std::vector<R> roles, Owner owner, std::size_t body) {
  return {Access::Form, std::move(roles), owner, body};
}
Rule api(std::vector<R> roles = {}, Owner owner = Owner::None, std::size_t body = 0) {
  return {Access::Api, std::move(roles), owner, body};
}

bool is_api_path(const std::string& path) { return path.rfind("/api/", 0) == 0; }

/// The Content-Length a request announces (0 without one; the maximum when unreadable).
std::size_t announced_length(const httplib::Request& req) {
  std::string v = req.get_header_value("Content-Length");
  if (v.empty()) return req.get_header_value("Transfer-Encoding").empty() ? 0 : kLargestBody;
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  return ec == std::errc() && end == v.data() + v.size() ? n : static_cast<std::size_t>(-1);
}

}  // namespace

const std::vector<Portal::Route>& Portal::table() {
  static const std::vector<Route> routes = {
      get("/login", pub(), &Portal::login_form),
      post("/login", pub(16 * kKiB), &Portal::login),
      post("/logout", form({}, Owner::None, 16 * kKiB), &Portal::logout),
      get("/", session(), &Portal::dashboard),
      get("/report.xlsx", session(), &Portal::download_status),
      get("/meldingen", session({R::Supplier, R::Buyer}), &Portal::inbox),
      get("/kpi", session({R::Buyer}), &Portal::kpi_page),
      get("/bids", session({R::Buyer}), &Portal::bids_page),
      post("/bids", form({R::Buyer}, Owner::None, 16 * kMiB), &Portal::bids_compare),
      get("/contracts/{contract}", session({}, Owner::Contract), &Portal::contract),
      get("/contracts/{contract}/status.xlsx", session({}, Owner::Contract),
          &Portal::download_status),
      get("/contracts/{contract}/template.xlsx", session({}, Owner::Contract),
          &Portal::download_template),
      post("/contracts/{contract}/import", form({R::Supplier}, Owner::Contract, kLargestBody),
           &Portal::import_realisation),
      post("/contracts/{contract}/lines", form({R::Supplier}, Owner::Contract, 64 * kKiB),
           &Portal::add_line),
      post("/contracts/{contract}/evidence", form({R::Buyer}, Owner::Contract, 64 * kKiB),
           &Portal::record_evidence),
      get("/contracts/{contract}/afrekening", session({}, Owner::Contract),
          &Portal::settlement_page),
      get("/contracts/{contract}/afrekening.xlsx", session({}, Owner::Contract),
          &Portal::settlement_download),
      get("/contracts/{contract}/afrekening.pdf", session({}, Owner::Contract),
          &Portal::settlement_download),
      post("/contracts/{contract}/settle", form({R::Buyer}, Owner::Contract, 16 * kKiB),
           &Portal::settle),
      post("/contracts/{contract}/imports/{import}/review",
           form({R::Buyer}, Owner::Contract, 16 * kKiB), &Portal::review_delivery),
      post("/contracts/{contract}/lines/{line}/review",
           form({R::Buyer}, Owner::Contract, 16 * kKiB), &Portal::review_delivery),
      get("/imports/{job}", session(), &Portal::import_progress),
      get("/imports/{job}/problems.txt", session(), &Portal::import_problems),
      get("/imports/{job}/gemarkeerd.xlsx", session(), &Portal::import_marked),
      get("/offer", session(), &Portal::offer_page),
      post("/offer", form({}, Owner::None, 256 * kKiB), &Portal::offer_page),
      post("/offer/submit", form({R::Supplier}, Owner::None, 256 * kKiB), &Portal::offer_submit),
      get("/static/offer.js", pub(), &Portal::offer_script),
      get("/static/portal.css", pub(), &Portal::style_sheet),
      get("/regions", pub(), &Portal::regions_page),
      get("/regions/{region}/calculator.xlsx", pub(), &Portal::download_calculator),
      get("/admin/regions", session({R::Coordinator}), &Portal::region_admin),
      post("/admin/regions/check", form({R::Coordinator}, Owner::None, kMiB),
           &Portal::region_check),
      post("/admin/regions/activate", form({R::Coordinator}, Owner::None, 16 * kKiB),
           &Portal::region_activate),
      post("/admin/regions/rollback", form({R::Coordinator}, Owner::None, 16 * kKiB),
           &Portal::region_rollback),
      get("/api/v1/status", api(), &Portal::api_status),
      get("/api/v1/contracts", api(), &Portal::api_contracts),
      get("/api/v1/regions", pub(), &Portal::api_regions),
      get("/api/v1/compare", api(), &Portal::api_compare),
      post("/api/v1/offers", api({}, Owner::None, kMiB), &Portal::api_offers),
      get("/api/v1/imports", api(), &Portal::api_imports),
      post("/api/v1/contracts/{contract}/imports",
           api({R::Supplier}, Owner::Contract, kLargestBody), &Portal::api_import),
  };
  return routes;
}

std::vector<RouteInfo> route_table() {
  std::vector<RouteInfo> out;
  for (const auto& r : Portal::table()) out.push_back(r.info);
  return out;
}

const Portal::Route* Portal::route_of(const httplib::Request& req,
                                      std::map<std::string, std::string>& params) const {
  std::string_view raw = req.target;
  raw = raw.substr(0, raw.find('?'));
  for (const auto& r : table()) {
    if (r.info.method != req.method) continue;
    if (auto p = match_path(r.info.path, raw)) {
      params = std::move(*p);
      return &r;
    }
  }
  return nullptr;
}

void Portal::refuse(Call& c, const Route* r, int status, MsgId why) {
  // A page for other roles says for whom it is.
  Message says = why == Msg::PortalForRoles && r && !r->info.rule.roles.empty() && c.who
                     ? msg(why, phrase(msg(role_word(r->info.rule.roles.front()))),
                           phrase(msg(role_word(c.who->role))))
                     : msg(why == Msg::PortalForRoles ? Msg::PortalForbidden : why);
  bool api = r ? r->info.rule.access == Access::Api : is_api_path(c.req.path);
  if (api) {
    if (status == 401) c.res.set_header("WWW-Authenticate", "Bearer");
    const char* code = status == 401   ? "unauthorised"
                       : status == 403 ? "forbidden"
                       : status == 404 ? "not found"
                       : status == 413 ? "too large"
                                       : "internal error";
    return api_error(c.res, status, code, say(c.req, says));
  }
  if (status == 303) {  // to the sign-in page
    c.res.status = 303;
    c.res.set_header("Location", "/login");
    return;
  }
  c.res.status = status;
  MsgId title = status == 404   ? Msg::PortalNotFound
                : status == 403 ? Msg::PortalForbidden
                                : Msg::PortalErrorTitle;
  page(c.req, c.res, word(c.req, title), para(said(c.req, says)) + back_link(c.req, "/"), c.who);
}

bool Portal::admit_caller(Call& c, const Route& r) {
  const Rule& rule = r.info.rule;
  switch (rule.access) {
    case Access::Public:
      c.who = identity(c.req);
      if (announced_length(c.req) <= rule.max_body) return true;
      refuse(c, &r, 413, Msg::PortalTooLarge);
      return false;
    case Access::Session:
    case Access::Api:
      c.who = identity(c.req);
      break;
    case Access::Form:  // a browser's session only, never an API key
      c.who = session_identity(c.req);
      break;
  }
  if (!c.who) {
    refuse(c, &r, rule.access == Access::Api ? 401 : 303, Msg::PortalForbidden);
    return false;
  }
  if (!rule.roles.empty() &&
      std::find(rule.roles.begin(), rule.roles.end(), c.who->role) == rule.roles.end()) {
    refuse(c, &r, 403, Msg::PortalForRoles);
    return false;
  }
  // Only now the size: a caller the route does not admit learns nothing of its limits.
  if (announced_length(c.req) > rule.max_body) {
    refuse(c, &r, 413, Msg::PortalTooLarge);
    return false;
  }
  if (rule.owner == Owner::Contract) {
    // Another organisation's contract and none at all look the same.
    c.view = rule.access == Access::Api ? status_.fresh() : status_.get();
    c.contract = find_mine(*c.view, *c.who, c.param("contract"));
    if (!c.contract) {
      refuse(c, &r, 404, Msg::PortalNotFound);
      return false;
    }
  }
  return true;
}

bool Portal::admit_token(Call& c, const Route& r) {
  // A write with a session cookie carries the session's token: a page elsewhere can make a
  // browser send the cookie, never the token.
  if (r.info.rule.access == Access::Public || c.req.method == "GET" || !c.who ||
      c.who->csrf.empty())
    return true;
  std::string sent = r.info.rule.access == Access::Api ? c.req.get_header_value("X-Sroi-Csrf")
                                                       : field(c.req, "csrf");
  if (accounts::same_secret(sent, c.who->csrf)) return true;
  refuse(c, &r, 403, Msg::PortalBadForm);
  return false;
}

void Portal::dispatch(const httplib::Request& req, httplib::Response& res) {
  // A POST was admitted before its body was read, on this thread: its caller is taken over
  // rather than looked up again.
  std::optional<Admitted> before = std::move(t_admitted);
  t_admitted.reset();
  if (before && before->req == &req) {
    Call c{req,
           res,
           std::move(before->params),
           std::move(before->who),
           std::move(before->view),
           before->contract};
    if (admit_token(c, *before->route)) (this->*(before->route->handler))(c);
    return;
  }
  Call c{req, res, {}, std::nullopt, nullptr, nullptr};
  const Route* r = route_of(req, c.params);
  if (!r) {
    c.who = identity(req);
    return refuse(c, nullptr, 404, Msg::PortalNotFound);
  }
  if (admit_caller(c, *r) && admit_token(c, *r)) (this->*(r->handler))(c);
}

void Portal::api_error(httplib::Response& res, int status, const std::string& code,
                       const std::string& message, const std::vector<std::string>& problems) {
  res.status = status;
  nlohmann::json j{{"error", code}, {"message", message}};
  if (!problems.empty()) j["problems"] = problems;
  res.set_content(j.dump(2) + "\n", "application/json");
}

void Portal::server_error(const httplib::Request& req, httplib::Response& res,
                          std::exception_ptr e) {
  std::string what = "unknown";
  try {
    if (e) std::rethrow_exception(e);
  } catch (const Error& err) {
    what = text::say(err.message(), Lang::En);
  } catch (const std::exception& err) {
    what = err.what();
  } catch (...) {
  }
  // The detail for the operator's log; the reader sees only that it went wrong.
  std::cerr << utc_timestamp() << " error: " << req.method << " " << logged_path(req) << ": "
            << percent_encoded(what, [](unsigned char ch) { return ch >= 0x20 && ch != 0x7f; })
            << std::endl;
  res = httplib::Response{};
  Call c{req, res, {}, std::nullopt, nullptr, nullptr};
  refuse(c, nullptr, 500, Msg::PortalServerError);
}

void Portal::routes(httplib::Server& svr) {
  svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_started = std::chrono::steady_clock::now();
    // Whatever an earlier request on this thread left (one whose body never came) goes.
    t_admitted.reset();
    // Before a body is read: its size and who sends it. Nothing is read for a refusal.
    if (req.method != "POST") return httplib::Server::HandlerResponse::Unhandled;
    Call c{req, res, {}, std::nullopt, nullptr, nullptr};
    const Route* r = route_of(req, c.params);
    if (!r) return httplib::Server::HandlerResponse::Unhandled;
    if (!admit_caller(c, *r)) {
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    t_admitted =
        Admitted{&req, r, std::move(c.params), std::move(c.who), std::move(c.view), c.contract};
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    // What a browser may do with our pages: nothing from elsewhere, no framing, no sniffing.
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'self'; connect-src 'self'; "
                   "style-src 'self'; img-src 'self'; "
                   "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
  });
  auto all = [this](const httplib::Request& req, httplib::Response& res) { dispatch(req, res); };
  svr.Get(".*", all);
  svr.Post(".*", all);
  svr.Put(".*", all);
  svr.Delete(".*", all);
  svr.Patch(".*", all);
  svr.set_exception_handler([this](const httplib::Request& req, httplib::Response& res,
                                   std::exception_ptr e) { server_error(req, res, e); });
  svr.set_payload_max_length(kLargestBody);
  if (o_.log_requests)
    svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      static std::mutex out;
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - t_started)
                    .count();
      std::string line = utc_timestamp() + " " + peer(req) + " " + req.method + " " +
                         logged_path(req) + " " + std::to_string(res.status) + " " +
                         std::to_string(ms) + " ms\n";
      std::lock_guard<std::mutex> lock(out);
      std::cerr << line << std::flush;
    });
}

}  // namespace sroi::portal
