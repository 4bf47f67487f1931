// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/portal: the portal's request handlers, one class shared by the files
// that hold them — server.cpp (routes, sign-in, the page frame), buyer_pages.cpp (dashboard,
// drill-down, evidence, downloads), supplier_pages.cpp (realisations, lines, the offer
// composer), coordinator_pages.cpp (region models, comparison) and api.cpp (/api/v1/).
// Every handler checks the account's role and organisation itself.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sroi/portal/html.hpp"
#include "sroi/portal/server.hpp"
#include "sroi/portal/sessions.hpp"
#include "sroi/portal/status_cache.hpp"
#include "sroi/report/render.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::portal {

class Portal {
 public:
  Portal(const ServeOptions& o, config::RegionSet regions);
  /// Finishes the imports handed in (none is lost on SIGTERM), then returns.
  ~Portal();
  Portal(const Portal&) = delete;
  Portal& operator=(const Portal&) = delete;
  void routes(httplib::Server& svr);
  /// Computes the register's status ahead of the first request.
  void warm();

 private:
  // server.cpp: the frame every page shares.
  Lang lang(const httplib::Request& req) const;
  std::string word(const httplib::Request& req, Msg id) const;
  std::string say(const httplib::Request& req, const Message& m) const;
  Date today() const;
  std::string cookie_attrs(int max_age) const;
  std::shared_ptr<const config::RegionSet> regions() const;
  void set_regions(std::shared_ptr<const config::RegionSet> next);
  /// The account of a session cookie or a bearer token; nothing when neither is valid.
  std::optional<Identity> identity(const httplib::Request& req);
  /// The account of a page request; otherwise a redirect to the sign-in page.
  std::optional<Identity> signed_in(const httplib::Request& req, httplib::Response& res);
  /// The account of a form sent with the session's CSRF token; otherwise 303 or 403 set.
  std::optional<Identity> form_sender(const httplib::Request& req, httplib::Response& res);
  /// The account of a form sent on the contract of the path (req.matches[1]) by `role`, an
  /// account that may see that contract; otherwise the refusal (303, 403 or 404) is set.
  std::optional<Identity> contract_form(const httplib::Request& req, httplib::Response& res,
                                        store::Role role);
  static bool visible(const Identity& who, const store::ContractRecord& c);
  /// The contracts of `view` that `who` may see.
  static std::vector<const portfolio::ContractStatus*> mine(const StatusView& view,
                                                            const Identity& who);
  /// One contract `who` may see, or nothing (another organisation's and none look the same).
  static const portfolio::ContractStatus* find_mine(const StatusView& view, const Identity& who,
                                                    const std::string& id);
  std::string audit_user(const Identity& who) const;
  /// A page in the portal's frame; `refresh`: seconds after which the browser loads it again
  /// (while figures are being brought up to date), 0 for never.
  void page(const httplib::Request& req, httplib::Response& res, const std::string& title,
            const std::string& body, const std::optional<Identity>& who = std::nullopt,
            int refresh = 0);
  /// The "as of" line, and while the figures lag the register a notice (the page then
  /// refreshes itself: `refresh` is set to 2 seconds).
  std::string as_of_line(const httplib::Request& req, const StatusView& view, int& refresh);
  void not_found(const httplib::Request& req, httplib::Response& res,
                 const std::optional<Identity>& who);
  void forbidden(const httplib::Request& req, httplib::Response& res,
                 const std::optional<Identity>& who, Msg why);
  std::string money(Money m) const;
  std::string csrf_input(const Identity& who) const;
  /// A list of located problems.
  std::string problem_list(const httplib::Request& req,
                           const std::vector<Diagnostic>& problems) const;
  void login_page(const httplib::Request& req, httplib::Response& res, const std::string& error);
  void login(const httplib::Request& req, httplib::Response& res);
  void logout(const httplib::Request& req, httplib::Response& res);

  // buyer_pages.cpp
  void dashboard(const httplib::Request& req, httplib::Response& res);
  void contract(const httplib::Request& req, httplib::Response& res);
  void record_evidence(const httplib::Request& req, httplib::Response& res);
  void download_status(const httplib::Request& req, httplib::Response& res);
  std::string chart(const httplib::Request& req, const portfolio::ContractStatus& s,
                    bool small) const;
  std::string lines_section(const httplib::Request& req, const portfolio::ContractStatus& s,
                            const Identity& who);

  // supplier_pages.cpp
  /// What became of a realisation handed in through the portal (a file or a line in a form).
  struct HandedIn {
    bool stored = false;
    int64_t rows = 0;
    std::vector<std::string> problems;  ///< each located, worded in the request's language
  };
  /// The same checks and storage as `sroi import`, audited as the account with its role; the
  /// figures are brought up to date in the background. `name` is a clean file name.
  HandedIn hand_in(Lang l, const Identity& who, const std::string& id, const std::string& name,
                   const std::string& bytes, bool replace);
  /// A file handed in on a page, stored in the background so that a long one shows its
  /// progress (/imports/ID) instead of a browser waiting without a word.
  struct ImportJob {
    std::string owner, contract, name;
    std::size_t bytes = 0, rows = 0;  ///< rows: lines of a CSV file (0 for .xlsx)
    std::chrono::steady_clock::time_point received;
    bool started = false, done = false;  ///< under jobs_mu_
    HandedIn result;
  };
  void import_progress(const httplib::Request& req, httplib::Response& res);
  /// The page of a job: its progress, or once done what became of the file.
  void job_page(const httplib::Request& req, httplib::Response& res, const Identity& who,
                const ImportJob& job);
  void import_realisation(const httplib::Request& req, httplib::Response& res);
  void add_line(const httplib::Request& req, httplib::Response& res);
  void download_template(const httplib::Request& req, httplib::Response& res);
  void offer_page(const httplib::Request& req, httplib::Response& res);
  void offer_script(const httplib::Request& req, httplib::Response& res);
  std::string supplier_forms(const httplib::Request& req, const portfolio::ContractStatus& s,
                             const Identity& who) const;

  // coordinator_pages.cpp
  void regions_page(const httplib::Request& req, httplib::Response& res);
  void region_admin(const httplib::Request& req, httplib::Response& res);
  void region_check(const httplib::Request& req, httplib::Response& res);
  void region_activate(const httplib::Request& req, httplib::Response& res);
  void download_calculator(const httplib::Request& req, httplib::Response& res);
  std::string comparison(Format f) const;
  /// The comparison as an HTML table, `own` region first.
  std::string comparison_table(const httplib::Request& req, const std::string& own) const;
  /// Checks a region model file together with the active ones (as `sroi check` does): its
  /// problems, worded, or none; `region` receives the model when it loads.
  std::vector<std::string> check_region(const httplib::Request& req, const Identity& who,
                                        const std::string& name, const std::string& bytes,
                                        std::optional<Region>& region);

  // api.cpp
  bool api_identity(const httplib::Request& req, httplib::Response& res, Identity& who);
  void api_status(const httplib::Request& req, httplib::Response& res);
  void api_contracts(const httplib::Request& req, httplib::Response& res);
  void api_regions(const httplib::Request& req, httplib::Response& res);
  void api_compare(const httplib::Request& req, httplib::Response& res);
  void api_offers(const httplib::Request& req, httplib::Response& res);
  void api_imports(const httplib::Request& req, httplib::Response& res);
  void api_import(const httplib::Request& req, httplib::Response& res);

  const ServeOptions& o_;
  mutable std::mutex regions_mu_;
  std::shared_ptr<const config::RegionSet> regions_;
  Sessions sessions_;
  StatusCache status_;
  /// Import jobs by id; one thread stores them in turn (the register takes one writer).
  std::mutex jobs_mu_;
  std::condition_variable jobs_cv_;
  std::map<std::string, std::shared_ptr<ImportJob>> jobs_;
  std::deque<std::pair<std::shared_ptr<ImportJob>, std::function<void()>>> job_queue_;
  bool stopping_ = false;
  std::thread job_worker_;
  /// A coordinator's checked, not yet active region model: account → (file name, contents).
  std::mutex pending_mu_;
  std::map<std::string, std::pair<std::string, std::string>> pending_;
};

}  // namespace sroi::portal
