// SPDX-License-Identifier: EUPL-1.2
// The portal's routes, sign-in and the frame every page shares; the pages of each role are in
// buyer_pages.cpp, supplier_pages.cpp and coordinator_pages.cpp, the JSON API in api.cpp.
#include "sroi/portal/server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "sroi/accounts/secrets.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/portal/gate.hpp"
#include "sroi/portal/portal.hpp"

namespace sroi::portal {
namespace {

constexpr const char* kSessionCookie = "sroi_session";
constexpr const char* kFormCookie = "sroi_form";  // the sign-in form's CSRF token
constexpr const char* kLangCookie = "sroi_lang";
constexpr int kWorkers = 64;  // requests served at once
// Registers kept open between requests: half the workers, so that two instances on one
// PostgreSQL server stay within its default of 100 connections; a busier moment opens more
// and closes them as they come back.
constexpr std::size_t kKeptOpen = kWorkers / 2;

}  // namespace

Portal::Portal(const ServeOptions& o, config::RegionSet regions)
    : o_(o),
      regions_(std::make_shared<const config::RegionSet>(std::move(regions))),
      sessions_(o.session_lifetime),
      form_key_(accounts::random_hex(32)),
      status_(
          o.db_path, [this] { return this->regions(); }, [this] { return today(); }),
      pool_(o.db_path, kKeptOpen) {
  // Hand-ins are stored one after another by a worker that starts and stops with the portal.
  job_worker_ = std::thread([this] { run_imports(); });
}

Portal::~Portal() {
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  if (job_worker_.joinable()) job_worker_.join();
}

void Portal::warm() {
  try {
    status_.get();
  } catch (const std::exception&) {  // the first request meets the problem and shows it
  }
}

Lang Portal::lang(const httplib::Request& req) const {
  if (req.has_param("lang")) return req.get_param_value("lang") == "en" ? Lang::En : Lang::Nl;
  return cookie(req, kLangCookie) == "en" ? Lang::En : Lang::Nl;
}

std::string Portal::word(const httplib::Request& req, MsgId id) const {
  return text::word(id, lang(req));
}

std::string Portal::say(const httplib::Request& req, const Message& m) const {
  return text::say(m, lang(req));
}

Date Portal::today() const { return o_.today ? *o_.today : sroi::today(); }

std::string Portal::cookie_attrs(int max_age) const {
  return "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (o_.secure_cookies ? "; Secure" : "");
}

std::shared_ptr<const config::RegionSet> Portal::regions() const {
  std::lock_guard<std::mutex> lock(regions_mu_);
  return regions_;
}

void Portal::set_regions(std::shared_ptr<const config::RegionSet> next) {
  std::lock_guard<std::mutex> lock(regions_mu_);
  regions_ = std::move(next);
}

std::optional<Identity> Portal::identity(const httplib::Request& req) {
  std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) {
    auto u = pool_.read()->user_of_token(accounts::token_sha256(auth.substr(7)));
    if (!u) return std::nullopt;
    return Identity{u->name, u->role, u->org, ""};
  }
  return session_identity(req);
}

std::optional<Identity> Portal::session_identity(const httplib::Request& req) {
  std::string token = cookie(req, kSessionCookie);
  auto found = sessions_.find(token);
  if (!found) return std::nullopt;
  // The account as the register has it now: `sroi user disable` or `passwd` in another
  // process ends the session at its next request.
  auto u = pool_.read()->find_user(found->who.name);
  if (!u || !u->active() ||
      !accounts::same_secret(accounts::token_sha256(u->password_hash), found->mark)) {
    sessions_.close(token);
    return std::nullopt;
  }
  return found->who;
}

bool Portal::visible(const Identity& who, const store::ContractRecord& c) {
  switch (who.role) {
    case store::Role::Supplier:
      return c.supplier == who.org;
    case store::Role::Buyer:
      return c.buyer == who.org;
    case store::Role::Coordinator:
      return c.region.id == who.org;
  }
  return false;
}

std::vector<const portfolio::ContractStatus*> Portal::mine(const StatusView& view,
                                                           const Identity& who) {
  std::vector<const portfolio::ContractStatus*> out;
  for (const auto& s : view.rows)
    if (visible(who, s->record)) out.push_back(s.get());
  return out;
}

const portfolio::ContractStatus* Portal::find_mine(const StatusView& view, const Identity& who,
                                                   const std::string& id) {
  const portfolio::ContractStatus* s = view.find(id);
  return s && visible(who, s->record) ? s : nullptr;
}

std::string Portal::audit_user(const Identity& who) const {
  return who.name + " (" + store::role_id(who.role) + ", " + who.org + ")";
}

Html Portal::said(const httplib::Request& req, MsgId id) const { return Html::text(word(req, id)); }

Html Portal::said(const httplib::Request& req, const Message& m) const {
  return Html::text(say(req, m));
}

Html Portal::as_of_line(const httplib::Request& req, const StatusView& view, int& refresh) {
  Html out = para(said(req, msg(Msg::PortalAsOf, view.as_of)));
  // Contracts with a changed model are named only where there are some (a new day, or the
  // parts of a re-valuation after the first, leave only candidates waiting).
  if (view.pending.affected > 0 || view.pending.waiting > 0) {
    Message left = view.pending.affected > 0
                       ? msg(Msg::PortalPendingContracts, Count{view.pending.affected},
                             Count{view.pending.waiting})
                       : msg(Msg::PortalPendingCandidates, Count{view.pending.waiting});
    out += para(said(req, msg(Msg::PortalFiguresPending, phrase(std::move(left)))), "updating");
  }
  if (status_.behind(view)) {
    refresh = 2;
    out += para(said(req, Msg::PortalUpdating), "updating");
  }
  return out;
}

void Portal::page(const httplib::Request& req, httplib::Response& res, const std::string& title,
                  const Html& body, const std::optional<Identity>& who, int refresh) {
  bool en = lang(req) == Lang::En;
  Html html = "<!DOCTYPE html><html lang=\"" + (en ? Html("en") : Html("nl")) +
              "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
              "content=\"width=device-width\">";
  if (refresh > 0)
    html += "<meta http-equiv=\"refresh\" content=\"" + Html::number(refresh) + "\">";
  html += "<title>" + Html::text(title) + " — " + said(req, Msg::PortalTitle) +
          "</title><link rel=\"stylesheet\" href=\"/static/portal.css\"></head><body><header>"
          "<strong>" +
          said(req, Msg::PortalTitle) + "</strong>";
  if (who) {
    html += "<nav>" + link("/", said(req, Msg::PortalContracts));
    if (who->role != store::Role::Coordinator)
      html += link("/meldingen", said(req, Msg::InboxTitle));
    if (who->role == store::Role::Supplier) html += link("/offer", said(req, Msg::PortalOffer));
    if (who->role == store::Role::Buyer)
      html += link("/bids", said(req, Msg::PortalBidsTitle)) +
              link("/kpi", said(req, Msg::PortalKpiTitle));
    if (who->role == store::Role::Coordinator)
      html += link("/admin/regions", said(req, Msg::PortalRegionAdmin));
    html += link("/regions", said(req, Msg::PortalRegions)) + "</nav><span>" +
            said(req, msg(Msg::PortalSignedInAs, as_is(who->name),
                          phrase(msg(role_word(who->role))), as_is(who->org))) +
            "</span>";
    if (!who->csrf.empty())
      html += "<form method=\"post\" action=\"/logout\">" + csrf_input(*who) + "<button>" +
              said(req, Msg::PortalLogout) + "</button></form>";
  }
  html +=
      link(en ? "?lang=nl" : "?lang=en", said(req, en ? Msg::PortalDutch : Msg::PortalEnglish)) +
      "</header><main><h1>" + Html::text(title) + "</h1>" + body + "</main></body></html>";
  if (req.has_param("lang"))
    res.set_header("Set-Cookie",
                   std::string(kLangCookie) + "=" + (en ? "en" : "nl") + cookie_attrs(31536000));
  res.set_content(html.str(), "text/html; charset=utf-8");
}

void Portal::not_found(const httplib::Request& req, httplib::Response& res,
                       const std::optional<Identity>& who) {
  Call c{req, res, {}, who, nullptr, nullptr};
  refuse(c, nullptr, 404, Msg::PortalNotFound);
}

void Portal::forbidden(const httplib::Request& req, httplib::Response& res,
                       const std::optional<Identity>& who, MsgId why) {
  res.status = 403;
  page(req, res, word(req, Msg::PortalForbidden), para(said(req, why)), who);
}

Html Portal::money(Money m) const { return Html::text(format_eur(m)); }

Html Portal::csrf_input(const Identity& who) const { return hidden("csrf", who.csrf); }

Html Portal::back_link(const httplib::Request& req, const std::string& href) const {
  return para(link(href, said(req, Msg::PortalBack)));
}

std::vector<Html> Portal::trace_steps(const httplib::Request& req,
                                      const std::vector<TraceStep>& trace) const {
  std::vector<Html> out;
  for (const auto& step : trace)
    out.push_back(Html::text(text::word(step.step, lang(req))) + ": " + said(req, step.detail));
  return out;
}

Html Portal::problem_list(const httplib::Request& req,
                          const std::vector<Diagnostic>& problems) const {
  return text_bullets(worded(problems, lang(req)));
}

void Portal::login_page(const httplib::Request& req, httplib::Response& res,
                        const std::string& error) {
  // The sign-in form's CSRF token: a cookie and the same value in the form, made by this
  // server (a nonce and its keyed hash), so a pair made up elsewhere is refused.
  std::string nonce = accounts::random_hex(16);
  std::string form = nonce + accounts::keyed_hex(form_key_, nonce);
  res.set_header("Set-Cookie", std::string(kFormCookie) + "=" + form + cookie_attrs(3600));
  Html body = (error.empty() ? Html() : para(Html::text(error), "risk")) +
              "<form method=\"post\" action=\"/login\">" + hidden("csrf", form) + "<p><label>" +
              said(req, Msg::PortalName) +
              "<br><input name=\"name\" autocomplete=\"username\" required></label></p>"
              "<p><label>" +
              said(req, Msg::PortalPassword) +
              "<br><input name=\"password\" type=\"password\" "
              "autocomplete=\"current-password\" required></label></p><p><button>" +
              said(req, Msg::PortalLogin) + "</button></p></form>" +
              para(link("/regions", said(req, Msg::PortalRegions)));
  page(req, res, word(req, Msg::PortalLogin), body);
}

void Portal::login_form(Call& c) { login_page(c.req, c.res, ""); }

void Portal::login(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  std::string form = req.get_param_value("csrf");
  bool ours =
      form.size() > 32 &&
      accounts::same_secret(form.substr(32), accounts::keyed_hex(form_key_, form.substr(0, 32)));
  if (!ours || !accounts::same_secret(form, cookie(req, kFormCookie)))
    return forbidden(req, res, std::nullopt, Msg::PortalBadForm);
  std::string name = req.get_param_value("name");
  // Keys of a fixed size, however long the name tried.
  std::string account = "name:" + accounts::token_sha256(name);
  std::string address = "addr:" + peer(req);
  // 5 attempts per account in 15 minutes, each counted as it starts (a burst of guesses is
  // counted whole); 20 failures per address (an office shares one, and its people may all
  // sign in at nine o'clock: only failures count there).
  int wait = sessions_.begin_attempt(account, 5);
  if (wait == 0) {
    wait = sessions_.wait_for(address, 20);
    if (wait > 0) sessions_.undo(account);
  }
  if (wait > 0) {
    res.status = 429;
    res.set_header("Retry-After", std::to_string(wait));
    return login_page(req, res, say(req, msg(Msg::PortalThrottled, int64_t{wait})));
  }
  auto u = pool_.read()->find_user(name);
  // The same work whether or not the account exists: no timing tells which names exist.
  static const std::string kDummy = accounts::hash_password("sroi-no-such-account");
  bool ok =
      accounts::verify_password(u ? u->password_hash : kDummy, req.get_param_value("password")) &&
      u && u->active();
  if (!ok) {
    sessions_.failed(address);
    res.status = 401;
    return login_page(req, res, word(req, Msg::PortalLoginFailed));
  }
  sessions_.succeeded(account);
  std::string token =
      sessions_.open({u->name, u->role, u->org, ""}, accounts::token_sha256(u->password_hash));
  res.status = 303;
  res.set_header("Location", "/");
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token +
                                   cookie_attrs(static_cast<int>(o_.session_lifetime.count())));
}

void Portal::logout(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  sessions_.close(cookie(req, kSessionCookie));
  res.status = 303;
  res.set_header("Location", "/login");
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + cookie_attrs(0));
}

namespace {
Gate* g_gate = nullptr;
extern "C" void on_signal(int) {
  if (g_gate) g_gate->stop();
}

/// A folder only this user can enter, for the socket between the gate and the workers; it
/// goes with everything in it.
struct PrivateDir {
  std::string path;
  PrivateDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sroi-portal-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw Error(msg(Msg::PortalCannotListen, as_is(pattern), int64_t{0}));
    path = pattern;
  }
  ~PrivateDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};
}  // namespace

std::optional<std::pair<std::string, int>> parse_listen(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::string host = text.substr(0, colon), port = text.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  int p = std::stoi(port);
  if (p < 1 || p > 65535) return std::nullopt;
  return std::make_pair(host, p);
}

Message check_setup(const ServeOptions& o, const config::RegionSet& regions) {
  store::Register reg(o.db_path, store::Register::Access::ReadOnly, "portal");
  int64_t active = 0;
  for (const auto& u : reg.users()) active += u.active() ? 1 : 0;
  if (active == 0) throw StoreError(msg(Msg::PortalNoAccounts));
  int64_t n = static_cast<int64_t>(regions.ids().size());
  return msg(Msg::PortalChecked, as_is(store::shown_location(o.db_path)), active,
             Amount{Ratio(n), Counted::Regions});
}

void serve(const ServeOptions& o, config::RegionSet regions,
           const std::function<void(const Message&)>& announce) {
  check_setup(o, regions);
  int listening = listen_tcp(o.host, o.port, 1024);
  if (listening < 0) throw Error(msg(Msg::PortalCannotListen, as_is(o.host), int64_t{o.port}));
  PrivateDir dir;
  std::string socket = dir.path + "/portal.sock";
  httplib::Server svr;
  Portal portal(o, std::move(regions));
  portal.routes(svr);
  // The gate reads every request whole (or streams a large body at a bounded pace) before a
  // worker sees it, so the workers only ever wait for the register: enough of them for a few
  // dozen people at once.
  svr.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  svr.set_read_timeout(o.gate.stall + std::chrono::seconds(5));
  svr.set_address_family(AF_UNIX);
  // cpp-httplib listens with a backlog of 5: the socket is taken as it is made and listens
  // again with room for a burst (the gate connects at once and must not wait).
  int inner = -1;
  svr.set_socket_options([&inner](int sock) { inner = sock; });
  if (!svr.bind_to_port(socket.c_str(), 80)) {
    ::close(listening);
    throw Error(msg(Msg::PortalCannotListen, as_is(o.host), int64_t{o.port}));
  }
  if (inner >= 0) ::listen(inner, 1024);
  Gate gate(listening, socket, o.gate);
  g_gate = &gate;
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  announce(msg(Msg::PortalListening, as_is(o.host), int64_t{o.port}));
  std::thread workers([&svr] { svr.listen_after_bind(); });
  // The register's status computed while the first visitors sign in.
  std::thread warm([&portal] { portal.warm(); });
  gate.run();
  g_gate = nullptr;
  svr.stop();
  workers.join();
  warm.join();
  announce(msg(Msg::PortalStopped));
}

}  // namespace sroi::portal
