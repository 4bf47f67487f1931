// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portal/server.hpp"

#include <httplib.h>

#include <cctype>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sroi/accounts/secrets.hpp"
#include "sroi/portal/sessions.hpp"
#include "sroi/portfolio/import_files.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/register_tables.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::portal {
namespace {

constexpr const char* kSessionCookie = "sroi_session";
constexpr const char* kFormCookie = "sroi_form";  // the sign-in form's CSRF token
constexpr const char* kLangCookie = "sroi_lang";

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  return out;
}

/// A path segment: letters, digits and -._~ as they are, every other byte as %XX.
std::string url_part(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// A cookie's value from the request's Cookie header ("" when absent).
std::string cookie(const httplib::Request& req, const std::string& name) {
  std::string all = req.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < all.size()) {
    std::size_t end = all.find(';', at);
    if (end == std::string::npos) end = all.size();
    std::string part = all.substr(at, end - at);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    at = end + 1;
  }
  return "";
}

Msg role_word(store::Role r) {
  switch (r) {
    case store::Role::Coordinator:
      return Msg::RoleCoordinator;
    case store::Role::Buyer:
      return Msg::RoleBuyer;
    case store::Role::Supplier:
      break;
  }
  return Msg::RoleSupplier;
}

/// Compares two secrets in time that does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d |= static_cast<unsigned char>(a[i] ^ b[i]);
  return d == 0;
}

class Portal {
 public:
  Portal(const ServeOptions& o, const config::RegionSet& regions)
      : o_(o), regions_(regions), sessions_(o.session_lifetime) {}

  void routes(httplib::Server& svr) {
    svr.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
      // What a browser may do with our pages: nothing from elsewhere, no framing, no sniffing.
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                     "frame-ancestors 'none'; base-uri 'none'");
      res.set_header("X-Frame-Options", "DENY");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_header("Cache-Control", "no-store");
    });
    svr.Get("/login", [&](const auto& req, auto& res) { login_page(req, res, ""); });
    svr.Post("/login", [&](const auto& req, auto& res) { login(req, res); });
    svr.Post("/logout", [&](const auto& req, auto& res) { logout(req, res); });
    svr.Get("/", [&](const auto& req, auto& res) { dashboard(req, res); });
    svr.Get(R"(/contracts/([^/]+))", [&](const auto& req, auto& res) { contract(req, res); });
    svr.Post(R"(/contracts/([^/]+)/import)",
             [&](const auto& req, auto& res) { import_realisation(req, res); });
    svr.Get("/regions", [&](const auto& req, auto& res) { regions_page(req, res); });
    svr.Get("/api/v1/status", [&](const auto& req, auto& res) { api_status(req, res); });
    svr.Get("/api/v1/contracts", [&](const auto& req, auto& res) { api_contracts(req, res); });
    svr.Get("/api/v1/regions", [&](const auto& req, auto& res) { api_regions(req, res); });
    svr.set_error_handler([&](const auto& req, auto& res) {
      if (res.status == 404)
        page(req, res, word(req, Msg::PortalNotFound),
             "<p>" + escape(word(req, Msg::PortalNotFound)) + "</p>");
    });
  }

 private:
  const ServeOptions& o_;
  const config::RegionSet& regions_;
  Sessions sessions_;

  Lang lang(const httplib::Request& req) const {
    if (req.has_param("lang")) return req.get_param_value("lang") == "en" ? Lang::En : Lang::Nl;
    return cookie(req, kLangCookie) == "en" ? Lang::En : Lang::Nl;
  }
  std::string word(const httplib::Request& req, Msg id) const { return text::word(id, lang(req)); }
  std::string say(const httplib::Request& req, const Message& m) const {
    return text::say(m, lang(req));
  }
  Date today() const {
    if (o_.today) return *o_.today;
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
  }
  std::string cookie_attrs(int max_age) const {
    return "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
           (o_.secure_cookies ? "; Secure" : "");
  }

  /// The account of a session cookie or a bearer token; nothing when neither is valid.
  std::optional<Identity> identity(const httplib::Request& req) {
    std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) {
      store::Register reg(o_.db_path, store::Register::Access::ReadOnly, "portal");
      auto u = reg.user_of_token(accounts::token_sha256(auth.substr(7)));
      if (!u) return std::nullopt;
      return Identity{u->name, u->role, u->org, ""};
    }
    return sessions_.find(cookie(req, kSessionCookie));
  }

  static bool visible(const Identity& who, const store::ContractRecord& c) {
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

  /// The status of the contracts `who` may see, as of today.
  std::vector<portfolio::ContractStatus> status_for(const Identity& who) {
    store::Register reg(o_.db_path, store::Register::Access::ReadOnly, who.name);
    portfolio::StatusOptions so;
    so.as_of = today();
    std::vector<portfolio::ContractStatus> all = portfolio::compute_status(reg, regions_, so);
    std::vector<portfolio::ContractStatus> out;
    for (auto& s : all)
      if (visible(who, s.record)) out.push_back(std::move(s));
    return out;
  }

  void page(const httplib::Request& req, httplib::Response& res, const std::string& title,
            const std::string& body, const std::optional<Identity>& who = std::nullopt) {
    std::string html =
        "<!DOCTYPE html><html lang=\"" + std::string(lang(req) == Lang::En ? "en" : "nl") +
        "\"><head><meta charset=\"utf-8\"><title>" + escape(title) + " — " +
        escape(word(req, Msg::PortalTitle)) +
        "</title><style>body{font-family:sans-serif;margin:2em;max-width:70em}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;"
        "padding:.3em .6em;text-align:left}td.n{text-align:right;white-space:nowrap}td "
        "a{white-space:nowrap}"
        ".risk{color:#a00;font-weight:bold}header{display:flex;gap:1em;"
        "align-items:center;border-bottom:2px solid #036;margin-bottom:1em}"
        "</style></head><body><header><strong>" +
        escape(word(req, Msg::PortalTitle)) + "</strong>";
    if (who) {
      html += "<span>" +
              escape(say(req, msg(Msg::PortalSignedInAs, as_is(who->name),
                                  phrase(msg(role_word(who->role))), as_is(who->org)))) +
              "</span><form method=\"post\" action=\"/logout\"><input type=\"hidden\" "
              "name=\"csrf\" value=\"" +
              escape(who->csrf) + "\"><button>" + escape(word(req, Msg::PortalLogout)) +
              "</button></form>";
    }
    html += "<a href=\"?lang=" + std::string(lang(req) == Lang::En ? "nl\">" : "en\">") +
            escape(word(req, lang(req) == Lang::En ? Msg::PortalDutch : Msg::PortalEnglish)) +
            "</a></header><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    if (req.has_param("lang"))
      res.set_header("Set-Cookie", std::string(kLangCookie) + "=" +
                                       (lang(req) == Lang::En ? "en" : "nl") +
                                       cookie_attrs(31536000));
    res.set_content(html, "text/html; charset=utf-8");
  }

  void login_page(const httplib::Request& req, httplib::Response& res, const std::string& error) {
    // The sign-in form's CSRF token: a cookie and the same value in the form.
    std::string form = accounts::random_hex(16);
    res.set_header("Set-Cookie", std::string(kFormCookie) + "=" + form + cookie_attrs(3600));
    std::string body = (error.empty() ? "" : "<p class=\"risk\">" + escape(error) + "</p>") +
                       "<form method=\"post\" action=\"/login\"><input type=\"hidden\" "
                       "name=\"csrf\" value=\"" +
                       form + "\"><p><label>" + escape(word(req, Msg::PortalName)) +
                       "<br><input name=\"name\" autocomplete=\"username\" required></label></p>"
                       "<p><label>" +
                       escape(word(req, Msg::PortalPassword)) +
                       "<br><input name=\"password\" type=\"password\" "
                       "autocomplete=\"current-password\" required></label></p><p><button>" +
                       escape(word(req, Msg::PortalLogin)) +
                       "</button></p></form><p><a href=\"/regions\">" +
                       escape(word(req, Msg::PortalRegions)) + "</a></p>";
    page(req, res, word(req, Msg::PortalLogin), body);
  }

  void login(const httplib::Request& req, httplib::Response& res) {
    if (!same_secret(req.get_param_value("csrf"), cookie(req, kFormCookie))) {
      res.status = 403;
      return page(req, res, word(req, Msg::PortalForbidden),
                  "<p>" + escape(word(req, Msg::PortalBadForm)) + "</p>");
    }
    std::string name = req.get_param_value("name");
    std::string address = "addr:" + req.remote_addr;
    // 5 failures per account, 20 per address (an office shares one) in 15 minutes.
    int wait =
        std::max(sessions_.wait_seconds("name:" + name, 5), sessions_.wait_seconds(address, 20));
    if (wait > 0) {
      res.status = 429;
      res.set_header("Retry-After", std::to_string(wait));
      return login_page(req, res, say(req, msg(Msg::PortalThrottled, int64_t{wait})));
    }
    store::Register reg(o_.db_path, store::Register::Access::ReadOnly, "portal");
    auto u = reg.find_user(name);
    // The same work whether or not the account exists: no timing tells which names exist.
    static const std::string kDummy = accounts::hash_password("sroi-no-such-account");
    bool ok =
        accounts::verify_password(u ? u->password_hash : kDummy, req.get_param_value("password")) &&
        u && u->active();
    if (!ok) {
      sessions_.failed("name:" + name);
      sessions_.failed(address);
      res.status = 401;
      return login_page(req, res, word(req, Msg::PortalLoginFailed));
    }
    sessions_.succeeded("name:" + name);
    std::string token = sessions_.open({u->name, u->role, u->org, ""});
    res.status = 303;
    res.set_header("Location", "/");
    res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token +
                                     cookie_attrs(static_cast<int>(o_.session_lifetime.count())));
  }

  void logout(const httplib::Request& req, httplib::Response& res) {
    auto who = sessions_.find(cookie(req, kSessionCookie));
    if (who && !same_secret(req.get_param_value("csrf"), who->csrf)) {
      res.status = 403;
      return page(req, res, word(req, Msg::PortalForbidden),
                  "<p>" + escape(word(req, Msg::PortalBadForm)) + "</p>");
    }
    sessions_.close(cookie(req, kSessionCookie));
    res.status = 303;
    res.set_header("Location", "/login");
    res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + cookie_attrs(0));
  }

  /// A page for a signed-in account; otherwise to the sign-in page.
  std::optional<Identity> signed_in(const httplib::Request& req, httplib::Response& res) {
    auto who = identity(req);
    if (!who) {
      res.status = 303;
      res.set_header("Location", "/login");
    }
    return who;
  }

  std::string money(Money m) const { return escape(format_eur(m)); }

  void dashboard(const httplib::Request& req, httplib::Response& res) {
    auto who = signed_in(req, res);
    if (!who) return;
    auto rows = status_for(*who);
    std::string body = "<p>" + escape(say(req, msg(Msg::PortalAsOf, today()))) + "</p>";
    if (rows.empty()) {
      body += "<p>" + escape(word(req, Msg::PortalNoContracts)) + "</p>";
    } else {
      body +=
          "<table><tr><th>" + escape(word(req, Msg::LabelContract)) + "</th><th>" +
          escape(word(req, Msg::LabelSupplier)) + "</th><th>" + escape(word(req, Msg::LabelBuyer)) +
          "</th><th>" + escape(word(req, Msg::KpiObligation)) + "</th><th>" +
          escape(word(req, Msg::KpiOffered)) + "</th><th>" + escape(word(req, Msg::KpiRealised)) +
          "</th><th>" + escape(word(req, Msg::PortalForecast)) + "</th><th>" +
          escape(word(req, Msg::PortalPenalty)) + "</th><th></th></tr>";
      for (const auto& s : rows) {
        const std::string& id = s.record.contract.id;
        body += "<tr><td><a href=\"/contracts/" + escape(url_part(id)) + "\">" + escape(id) +
                "</a></td><td>" + escape(s.record.supplier) + "</td><td>" + escape(s.record.buyer) +
                "</td><td class=\"n\">" + money(s.obligation.amount) + "</td><td class=\"n\">" +
                money(s.offered) + "</td><td class=\"n\">" + money(s.realised) +
                "</td><td class=\"n\">" + money(s.forecast) + "</td><td class=\"n\">" +
                money(s.penalty) + "</td><td>" +
                (s.at_risk()
                     ? "<span class=\"risk\">" + escape(word(req, Msg::PortalAtRisk)) + "</span>"
                     : "") +
                "</td></tr>";
      }
      body += "</table>";
    }
    page(req, res, word(req, Msg::PortalContracts), body, who);
  }

  void contract(const httplib::Request& req, httplib::Response& res) {
    auto who = signed_in(req, res);
    if (!who) return;
    std::string id = req.matches[1];
    for (const auto& s : status_for(*who)) {
      if (s.record.contract.id != id) continue;
      std::string body = "<p>" + escape(say(req, msg(Msg::PortalAsOf, today()))) + "</p><table>";
      auto row = [&](Msg label, const std::string& value) {
        body +=
            "<tr><th>" + escape(word(req, label)) + "</th><td class=\"n\">" + value + "</td></tr>";
      };
      row(Msg::LabelSupplier, escape(s.record.supplier));
      row(Msg::LabelBuyer, escape(s.record.buyer));
      row(Msg::LabelRegion, escape(s.region ? s.region->label() : s.record.region.id));
      row(Msg::KpiObligation, money(s.obligation.amount));
      row(Msg::KpiOffered, money(s.offered));
      row(Msg::KpiRealised, money(s.realised));
      row(Msg::PortalForecast, money(s.forecast));
      row(Msg::PortalPenalty, money(s.penalty));
      row(Msg::PortalLines, std::to_string(s.lines));
      body += "</table>";
      auto list = [&](Msg title, const std::vector<Message>& items) {
        if (items.empty()) return;
        body += "<h2>" + escape(word(req, title)) + "</h2><ul>";
        for (const auto& m : items) body += "<li>" + escape(say(req, m)) + "</li>";
        body += "</ul>";
      };
      list(Msg::PortalRisks, s.risks);
      list(Msg::PortalWarnings, s.warnings);
      if (who->role == store::Role::Supplier && !who->csrf.empty())
        body += upload_form(req, id, who->csrf);
      body += "<p><a href=\"/\">" + escape(word(req, Msg::PortalBack)) + "</a></p>";
      return page(req, res, id, body, who);
    }
    // Another organisation's contract and one that does not exist look the same.
    res.status = 404;
    page(req, res, word(req, Msg::PortalNotFound),
         "<p>" + escape(word(req, Msg::PortalNotFound)) + "</p>", who);
  }

  std::string upload_form(const httplib::Request& req, const std::string& id,
                          const std::string& csrf) {
    return "<h2>" + escape(word(req, Msg::PortalUpload)) + "</h2><p>" +
           escape(word(req, Msg::PortalUploadHelp)) +
           "</p><form method=\"post\" enctype=\"multipart/form-data\" action=\"/contracts/" +
           escape(url_part(id)) + "/import\"><input type=\"hidden\" name=\"csrf\" value=\"" +
           escape(csrf) + "\"><p><label>" + escape(word(req, Msg::PortalFile)) +
           "<br><input type=\"file\" name=\"file\" accept=\".csv,.xlsx\" required></label></p>"
           "<p><label><input type=\"checkbox\" name=\"replace\" value=\"1\"> " +
           escape(word(req, Msg::PortalReplace)) + "</label></p><p><button>" +
           escape(word(req, Msg::PortalSend)) + "</button></p></form>";
  }

  /// A supplier hands in a realisation for its own contract: the same checks as sroi import,
  /// every problem located, nothing stored unless the whole file is right; audited with the
  /// account and its role.
  void import_realisation(const httplib::Request& req, httplib::Response& res) {
    auto who = sessions_.find(cookie(req, kSessionCookie));
    if (!who) {
      res.status = 303;
      res.set_header("Location", "/login");
      return;
    }
    auto field = [&](const char* name) {
      auto it = req.files.find(name);
      return it == req.files.end() ? std::string() : it->second.content;
    };
    if (!same_secret(field("csrf"), who->csrf)) {
      res.status = 403;
      return page(req, res, word(req, Msg::PortalForbidden),
                  "<p>" + escape(word(req, Msg::PortalBadForm)) + "</p>", who);
    }
    std::string id = req.matches[1];
    std::optional<store::ContractRecord> record;
    {
      store::Register reg(o_.db_path, store::Register::Access::ReadOnly, who->name);
      record = reg.contract(id);
    }
    if (!record || !visible(*who, *record)) {
      res.status = 404;
      return page(req, res, word(req, Msg::PortalNotFound),
                  "<p>" + escape(word(req, Msg::PortalNotFound)) + "</p>", who);
    }
    if (who->role != store::Role::Supplier) {
      res.status = 403;
      return page(req, res, word(req, Msg::PortalForbidden),
                  "<p>" + escape(word(req, Msg::PortalForbidden)) + "</p>", who);
    }
    auto file = req.files.find("file");
    std::string original = file == req.files.end() ? "" : file->second.filename;
    // Only the name's last part, with nothing a path or a terminal could act on.
    std::string name;
    for (char c : original.substr(original.find_last_of("/\\") + 1))
      name += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')
                  ? c
                  : '_';
    auto ends = [&](const char* ext) {
      std::string e = ext;
      return name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
    };
    std::string back = "<p><a href=\"/contracts/" + escape(url_part(id)) + "\">" +
                       escape(word(req, Msg::PortalBack)) + "</a></p>";
    if (file == req.files.end() || !(ends(".csv") || ends(".xlsx"))) {
      res.status = 422;
      return page(req, res, word(req, Msg::PortalUpload),
                  "<p class=\"risk\">" + escape(word(req, Msg::PortalWrongType)) + "</p>" + back,
                  who);
    }
    // The upload in a folder of its own, under its own (cleaned) name: messages name it.
    char tmpl[] = "/tmp/sroi-upload-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    if (!dir) throw Error(msg(Msg::PortalBadForm));
    std::string path = std::string(dir) + "/" + name;
    {
      std::ofstream out(path, std::ios::binary);
      out << file->second.content;
    }
    std::string body;
    try {
      store::Register reg(o_.db_path, store::Register::Access::ReadWrite,
                          who->name + " (" + store::role_id(who->role) + ", " + who->org + ")");
      store::ImportOutcome done = portfolio::import_file(
          reg, regions_, path, id,
          field("replace") == "1" ? store::ImportMode::Replace : store::ImportMode::Add);
      body = "<p>" +
             escape(say(req, msg(Msg::PortalImported, as_is(name),
                                 Amount{Ratio(static_cast<int64_t>(done.rows)), Counted::Rows}))) +
             "</p>";
    } catch (const DataError& e) {
      res.status = 422;
      body = "<p class=\"risk\">" + escape(say(req, msg(Msg::PortalRefused, as_is(name)))) +
             "</p><ul>";
      for (const auto& d : e.diagnostics()) {
        std::string line = text::say(d, lang(req));
        if (line.rfind(std::string(dir) + "/", 0) == 0)
          line = line.substr(std::string(dir).size() + 1);
        body += "<li>" + escape(line) + "</li>";
      }
      body += "</ul>";
    }
    std::filesystem::remove_all(dir);
    page(req, res, word(req, Msg::PortalUpload), body + back, who);
  }

  void regions_page(const httplib::Request& req, httplib::Response& res) {
    std::ostringstream out;
    render_regions(out, regions_, Format::Text);
    page(req, res, word(req, Msg::PortalRegions), "<pre>" + escape(out.str()) + "</pre>",
         identity(req));
  }

  bool api_identity(const httplib::Request& req, httplib::Response& res, Identity& who) {
    auto w = identity(req);
    if (!w) {
      res.status = 401;
      res.set_header("WWW-Authenticate", "Bearer");
      res.set_content("{\"error\": \"unauthorised\"}\n", "application/json");
      return false;
    }
    who = *w;
    return true;
  }

  void api_status(const httplib::Request& req, httplib::Response& res) {
    Identity who;
    if (!api_identity(req, res, who)) return;
    std::ostringstream out;
    render_status(out, status_for(who), today(), Format::Json, Detail::Figures);
    res.set_content(out.str(), "application/json");
  }

  void api_contracts(const httplib::Request& req, httplib::Response& res) {
    Identity who;
    if (!api_identity(req, res, who)) return;
    store::Register reg(o_.db_path, store::Register::Access::ReadOnly, who.name);
    std::vector<store::ContractRecord> mine;
    std::string json = "[";
    for (const auto& c : reg.contracts())
      if (visible(who, c)) {
        std::ostringstream one;
        store::ContractFilter only;
        only.contract = c.contract.id;
        export_table(one, reg, regions_, "contracts", only, today(), Format::Json);
        std::string s = one.str();
        // export_table writes a list of one: keep its object.
        auto a = s.find('{'), b = s.rfind('}');
        if (a != std::string::npos && b != std::string::npos)
          json += (json.size() > 1 ? "," : "") + s.substr(a, b - a + 1);
      }
    json += "]\n";
    res.set_content(json, "application/json");
  }

  void api_regions(const httplib::Request&, httplib::Response& res) {
    std::ostringstream out;
    render_regions(out, regions_, Format::Json);
    res.set_content(out.str(), "application/json");
  }
};

httplib::Server* g_server = nullptr;
extern "C" void on_signal(int) {
  if (g_server) g_server->stop();
}

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
  return msg(Msg::PortalChecked, as_is(o.db_path), active, Amount{Ratio(n), Counted::Regions});
}

void serve(const ServeOptions& o, const config::RegionSet& regions,
           const std::function<void(const Message&)>& announce) {
  check_setup(o, regions);
  httplib::Server svr;
  Portal portal(o, regions);
  portal.routes(svr);
  svr.set_payload_max_length(64 * 1024 * 1024);
  if (!svr.bind_to_port(o.host.c_str(), o.port))
    throw Error(msg(Msg::PortalCannotListen, as_is(o.host), int64_t{o.port}));
  g_server = &svr;
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  announce(msg(Msg::PortalListening, as_is(o.host), int64_t{o.port}));
  svr.listen_after_bind();
  g_server = nullptr;
  announce(msg(Msg::PortalStopped));
}

}  // namespace sroi::portal
