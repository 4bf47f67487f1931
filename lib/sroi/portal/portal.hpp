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
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sroi/config/input_loader.hpp"
#include "sroi/manage/due.hpp"
#include "sroi/portal/html.hpp"
#include "sroi/portal/routes.hpp"
#include "sroi/portal/server.hpp"
#include "sroi/portal/sessions.hpp"
#include "sroi/portal/status_cache.hpp"
#include "sroi/report/manage/tables.hpp"
#include "sroi/report/render.hpp"
#include "sroi/store/pool.hpp"
#include "sroi/tender/bids.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::portal {

/// A request admitted by the frame: its path's values, the caller, and for a route whose
/// {contract} must be the caller's, that contract (found in `view`).
struct Call {
  const httplib::Request& req;
  httplib::Response& res;
  std::map<std::string, std::string> params;
  std::optional<Identity> who;  ///< always set, except on a Public route without a sign-in
  std::shared_ptr<const StatusView> view;
  const portfolio::ContractStatus* contract = nullptr;
  const Identity& id() const { return *who; }
  const std::string& param(const std::string& name) const { return params.at(name); }
};

/// The bids form's choices as they were sent, shown again with the comparison or its problems.
struct BidsFormState {
  std::string rule = "none";
  std::string points = "100";
  std::string maximum;
};

/// The version of region `id` a contract starting `day` would use; none when none is valid.
const Region* in_force_on(const config::RegionSet& set, const std::string& id, const Date& day);

/// The file an activated region model is written to: "<id>-<version>.toml" with every
/// character other than a letter or digit as '-', letters in lower case.
std::string model_file_name(const std::string& id, const std::string& version);

class Portal {
 public:
  Portal(const ServeOptions& o, config::RegionSet regions);
  /// Finishes the imports handed in (none is lost on SIGTERM), then returns.
  ~Portal();
  Portal(const Portal&) = delete;
  Portal& operator=(const Portal&) = delete;
  /// Serves the route table on `svr`, with the one error answer and the security headers.
  void routes(httplib::Server& svr);
  /// Computes the register's status ahead of the first request.
  void warm();

  using Handler = void (Portal::*)(Call&);
  struct Route {
    RouteInfo info;
    Handler handler;
  };
  /// The routes: the only place access is stated.
  static const std::vector<Route>& table();

 private:
  // frame.cpp: the route table enforced.
  /// The route of a request, with the values of its path; nothing when none fits.
  const Route* route_of(const httplib::Request& req,
                        std::map<std::string, std::string>& params) const;
  /// Checks a route's rule for `c` but the CSRF token — who calls, the role, the body's
  /// size, the contract's owner — before the body is read; on a refusal the answer
  /// (redirect, 401, 403, 404, 413) is set and false returned.
  bool admit_caller(Call& c, const Route& r);
  /// The CSRF token of a write with a session cookie, once the body is read; else 403 set.
  bool admit_token(Call& c, const Route& r);
  void dispatch(const httplib::Request& req, httplib::Response& res);
  /// A refusal in the route's kind: a page, or JSON for the API.
  void refuse(Call& c, const Route* r, int status, MsgId why);
  void server_error(const httplib::Request& req, httplib::Response& res, std::exception_ptr e);
  /// The API's one error answer: a stable code, the sentence in the caller's language, and
  /// the problems when there are some.
  static void api_error(httplib::Response& res, int status, const std::string& code,
                        const std::string& message, const std::vector<std::string>& problems = {});

  // server.cpp: the frame every page shares.
  Lang lang(const httplib::Request& req) const;
  std::string word(const httplib::Request& req, MsgId id) const;
  std::string say(const httplib::Request& req, const Message& m) const;
  /// word() and say() as page text: escaped.
  Html said(const httplib::Request& req, MsgId id) const;
  Html said(const httplib::Request& req, const Message& m) const;
  Date today() const;
  std::string cookie_attrs(int max_age) const;
  std::shared_ptr<const config::RegionSet> regions() const;
  void set_regions(std::shared_ptr<const config::RegionSet> next);
  /// The account of a session cookie or a bearer token; nothing when neither is valid.
  std::optional<Identity> identity(const httplib::Request& req);
  /// The account of a browser's session cookie, while the account is active and its password
  /// unchanged since the sign-in (a disabled account or a new password ends every session).
  std::optional<Identity> session_identity(const httplib::Request& req);
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
            const Html& body, const std::optional<Identity>& who = std::nullopt, int refresh = 0);
  /// The "as of" line, and while the figures lag the register a notice (the page then
  /// refreshes itself: `refresh` is set to 2 seconds).
  Html as_of_line(const httplib::Request& req, const StatusView& view, int& refresh);
  /// What the small bars of the contract list show, in their colours.
  Html bar_legend(const httplib::Request& req) const;
  void not_found(const httplib::Request& req, httplib::Response& res,
                 const std::optional<Identity>& who);
  void forbidden(const httplib::Request& req, httplib::Response& res,
                 const std::optional<Identity>& who, MsgId why);
  Html money(Money m) const;
  /// A contract's next report and deadline, and under it the reports overdue (in red).
  Html reports_cell(const httplib::Request& req, const manage::ContractReports& d) const;
  /// The contract page's reports: every period, its deadline and its state.
  Html reports_section(const httplib::Request& req, const portfolio::ContractStatus& s);
  Html csrf_input(const Identity& who) const;
  /// <p><a href="…">Terug</a></p>
  Html back_link(const httplib::Request& req, const std::string& href) const;
  /// A trace's steps as page text ("tarief: € 40.000,00 per voltijdjaar …").
  std::vector<Html> trace_steps(const httplib::Request& req,
                                const std::vector<TraceStep>& trace) const;
  /// A list of located problems.
  Html problem_list(const httplib::Request& req, const std::vector<Diagnostic>& problems) const;
  void login_form(Call& c);
  void login_page(const httplib::Request& req, httplib::Response& res, const std::string& error);
  void login(Call& c);
  void logout(Call& c);

  // buyer_pages.cpp
  void dashboard(Call& c);
  void contract(Call& c);
  void inbox(Call& c);
  void review_delivery(Call& c);
  void settlement_page(Call& c);
  void settle(Call& c);
  void settlement_download(Call& c);
  void offer_submit(Call& c);
  void kpi_page(Call& c);
  // tender_pages.cpp
  void bids_page(Call& c);
  void bids_compare(Call& c);
  Html bids_form(const httplib::Request& req, const Identity& who, const BidsFormState& f) const;
  Html tender_section(const httplib::Request& req, const tender::Tender& t) const;
  /// The contract page's deliveries with their review (and, for a buyer, its forms).
  Html deliveries_section(const httplib::Request& req, const portfolio::ContractStatus& s,
                          const Identity& who);
  /// A line's review (its own, else its delivery's) and, for a buyer, the forms that change it.
  Html line_review(const httplib::Request& req, const Identity& who, const std::string& contract,
                   int64_t line_id, const std::map<int64_t, store::LineReview>& own,
                   const std::map<int64_t, int64_t>& import_of,
                   const std::map<int64_t, store::ImportRecord>& deliveries, bool reviewer) const;
  void record_evidence(Call& c);
  void download_status(Call& c);
  Html chart(const httplib::Request& req, const portfolio::ContractStatus& s, bool small) const;
  Html lines_section(const httplib::Request& req, const portfolio::ContractStatus& s,
                     const Identity& who);
  /// Per candidate of `candidates`, the target-group evidence recorded, and for a buyer the
  /// form to record more.
  Html evidence_section(const httplib::Request& req, const portfolio::ContractStatus& s,
                        const Identity& who, store::Register& reg,
                        const std::set<std::string>& candidates, Date as_of) const;

  // supplier_pages.cpp
  /// What became of a realisation handed in through the portal (a file or a line in a form).
  struct HandedIn {
    bool stored = false;
    int64_t rows = 0;
    /// The first kShownProblems problems, each located and worded in the request's language;
    /// `more` counts the rest, and `all` holds every one a line each (for the download),
    /// as long as it stays under kProblemsKept bytes.
    std::vector<std::string> problems;
    std::size_t more = 0;
    std::string all;
    /// The problems as found, for the file handed back with them marked (a refused file).
    std::vector<Diagnostic> found;
    Remedy remedy = Remedy::None;  ///< what the refusal asks of the file as a whole
  };
  static constexpr std::size_t kShownProblems = 200, kProblemsKept = 16 * 1024 * 1024;
  /// Keeps `worded` in `out` as HandedIn describes.
  static void keep_problems(HandedIn& out, std::vector<std::string> worded);
  /// A list of problems as HandedIn keeps them; `download`: where the whole list is, if more.
  Html problem_items(const httplib::Request& req, const HandedIn& h,
                     const std::string& download) const;
  /// Whether a problem is worded with its place: as a person reads it ("rij 2, kolom Uren per
  /// week"), not at all (a form's one line), or as a script reads it (file:line:column).
  enum class Place { With, Without, ForScripts };
  /// The same checks and storage as `sroi import`, audited as the account with its role; the
  /// figures are brought up to date in the background. `name` is a clean file name.
  HandedIn hand_in(Lang l, const Identity& who, const std::string& id, const std::string& name,
                   const std::string& bytes, bool replace, Place place = Place::With);
  /// A file handed in on a page, stored in the background so that a long one shows its
  /// progress (/imports/ID) instead of a browser waiting without a word.
  struct ImportJob {
    std::string id, owner, contract, name;
    std::size_t bytes = 0, rows = 0;  ///< rows: lines of a CSV file (0 for .xlsx)
    std::chrono::steady_clock::time_point received;
    bool started = false, done = false;  ///< under jobs_mu_
    HandedIn result;
    std::string refused;  ///< a refused file's bytes, to hand it back marked (under jobs_mu_)
  };
  void import_progress(Call& c);
  void import_problems(Call& c);
  /// A refused file handed back as a workbook with each problem's cell red and commented.
  void import_marked(Call& c);
  /// The import job of the path's {job} when it is the caller's; else 404 set.
  std::shared_ptr<ImportJob> own_job(Call& c);
  /// The page of a job: its progress, or once done what became of the file.
  void job_page(const httplib::Request& req, httplib::Response& res, const Identity& who,
                const ImportJob& job);
  void import_realisation(Call& c);
  /// Puts `work` for `job` in the queue (and lets finished jobs of over an hour go).
  void enqueue_import(const std::shared_ptr<ImportJob>& job, std::function<void()> work);
  /// The worker that stores hand-ins one after another, until the portal stops and the queue
  /// is empty.
  void run_imports();
  void add_line(Call& c);
  void download_template(Call& c);
  void offer_page(Call& c);
  /// The offer composer's rows and region, from the request (the region of the supplier's
  /// own contracts until another is chosen).
  struct OfferForm {
    int rows = 6;
    std::string region;
  };
  OfferForm offer_form_state(const httplib::Request& req, const Identity& who);
  Html offer_form(const httplib::Request& req, const Identity& who, const OfferForm& f) const;
  /// The form as an offer: the terms read as people type them, the rows as a table of lines;
  /// every problem located at its form row (0: the terms).
  struct FormOffer {
    Offer offer;
    std::vector<Diagnostic> problems;
    config::PartRead part;
  };
  FormOffer offer_from_form(const httplib::Request& req, const Identity& who,
                            const OfferForm& f) const;
  /// A valued offer as the TOML file `sroi offer` reads (the composer's download).
  static std::string offer_toml(const Offer& o);
  /// "Contractgegevens" or "Regel 3".
  std::string offer_place(const httplib::Request& req, int row) const;
  Html offer_result(const httplib::Request& req, const Assessment& a, const Offer& offer) const;
  void offer_script(Call& c);
  void style_sheet(Call& c);
  Html supplier_forms(const httplib::Request& req, const portfolio::ContractStatus& s,
                      const Identity& who) const;
  /// The form of one line; `typed`, when given, is a refused request whose values it shows.
  Html line_form(const httplib::Request& req, const portfolio::ContractStatus& s,
                 const Identity& who, const httplib::Request* typed) const;

  // coordinator_pages.cpp
  void regions_page(Call& c);
  void region_admin(Call& c);
  void region_check(Call& c);
  void region_activate(Call& c);
  void download_calculator(Call& c);
  Html region_problems(const httplib::Request& req, const std::string& name,
                       const std::vector<std::string>& problems) const;
  std::string comparison(Format f) const;
  /// The comparison as an HTML table, `own` region first.
  Html comparison_table(const httplib::Request& req, const std::string& own) const;
  /// Checks a region model file together with the active ones (as `sroi check` does): its
  /// problems, worded, or none; `region` receives the model when it loads.
  std::vector<std::string> check_region(const httplib::Request& req, const Identity& who,
                                        const std::string& name, const std::string& bytes,
                                        std::optional<Region>& region,
                                        std::shared_ptr<const config::RegionSet>* staged);
  // version_pages.cpp
  void region_rollback(Call& c);
  /// Whether `r`'s file is one the portal activated (in its own data folder): those can be
  /// rolled back.
  bool activated_here(const Region& r) const;
  /// What going from the region set in force to `staged` does: the difference between
  /// `from` and `to` (two versions of `region_id`; none to leave it out) and the effect on
  /// every contract of the register, figures now and after.
  Html version_change(const httplib::Request& req, const config::RegionSet& staged,
                      const std::string& region_id, const Region* from, const Region* to);

  // api.cpp
  void api_status(Call& c);
  void api_contracts(Call& c);
  void api_regions(Call& c);
  void api_compare(Call& c);
  void api_offers(Call& c);
  void api_imports(Call& c);
  void api_import(Call& c);

  const ServeOptions& o_;
  mutable std::mutex regions_mu_;
  std::shared_ptr<const config::RegionSet> regions_;
  Sessions sessions_;
  /// The key of the sign-in form's tokens; new at every start.
  std::string form_key_;
  StatusCache status_;
  /// Read-only registers kept open for the requests: half the workers (kKeptOpen), so two
  /// instances stay within PostgreSQL's default 100 connections; more open at a busy moment.
  store::RegisterPool pool_;
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
