// SPDX-License-Identifier: EUPL-1.2
// What a supplier does in the portal: hand in a realisation (a file, or one line in a form),
// fetch the template, and compose an offer with its value and explanation as it is typed.
#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "sroi/accounts/secrets.hpp"
#include "sroi/config/input_checks.hpp"
#include "sroi/config/line_rows.hpp"
#include "sroi/config/toml_text.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/handback/marked.hpp"
#include "sroi/io/csv.hpp"
#include "sroi/io/dutch_numbers.hpp"
#include "sroi/io/text_input.hpp"
#include "sroi/msg/config_common.hpp"
#include "sroi/msg/labels.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/msg/register.hpp"
#include "sroi/portal/assets.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/portfolio/import_files.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/store/hash.hpp"
#include "sroi/xlsx/report.hpp"

namespace sroi::portal {
namespace {

const Html kOfferScriptTag = "<script src=\"/static/offer.js\" defer></script>";

const char* const kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace

Portal::HandedIn Portal::hand_in(Lang l, const Identity& who, const std::string& id,
                                 const std::string& name, const std::string& bytes, bool replace,
                                 Place place) {
  HandedIn out;
  // The upload under its own (clean) name: messages and the register name it so.
  try {
    store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(who));
    auto set = regions();
    portfolio::KeepFigures keep(reg, *set, today());
    store::ImportOutcome done = portfolio::import_data(
        reg, *set, name, bytes, id, replace ? store::ImportMode::Replace : store::ImportMode::Add);
    out.stored = true;
    out.rows = static_cast<int64_t>(done.rows);
  } catch (const DataError& e) {
    out.found = e.diagnostics();
    out.remedy = e.remedy();
    keep_problems(out, worded(e.diagnostics(), l, place != Place::Without,
                              place == Place::ForScripts ? text::Places::ForEditors
                                                         : text::Places::ForPeople));
  } catch (const store::StoreError& e) {
    keep_problems(out, {name + ": " + text::say(e.message(), l)});
  }
  // The figures follow in the background; the pages say so until they are there.
  if (out.stored) status_.get();
  return out;
}

void Portal::keep_problems(HandedIn& out, std::vector<std::string> worded) {
  out.more = worded.size() > kShownProblems ? worded.size() - kShownProblems : 0;
  if (out.more > 0) {
    for (const auto& p : worded) {
      if (out.all.size() + p.size() + 1 > kProblemsKept) break;
      out.all += p + "\n";
    }
    worded.resize(kShownProblems);
  }
  out.problems = std::move(worded);
}

Html Portal::problem_items(const httplib::Request& req, const HandedIn& h,
                           const std::string& download) const {
  Html out = text_bullets(h.problems);
  if (h.more > 0) {
    Html more = said(req, msg(Msg::PortalMoreProblems, static_cast<int64_t>(h.more)));
    if (!download.empty()) more += " " + link(download, said(req, Msg::PortalProblemList));
    out += para(more);
  }
  return out;
}

Html Portal::supplier_forms(const httplib::Request& req, const portfolio::ContractStatus& s,
                            const Identity& who) const {
  const std::string at = "/contracts/" + url_part(s.record.contract.id);
  Html out = "<h2 id=\"upload\">" + said(req, Msg::PortalUpload) + "</h2>" +
             para(said(req, Msg::PortalUploadHelp) + " " +
                  link(at + "/template.xlsx", said(req, Msg::LabelRealisationTitle) + " (.xlsx)")) +
             "<form method=\"post\" enctype=\"multipart/form-data\" action=\"" +
             Html::text(at + "/import") + "\">" + csrf_input(who) + "<p><label>" +
             said(req, Msg::PortalFile) +
             "<br><input type=\"file\" name=\"file\" accept=\".csv,.xlsx\" required></label></p>"
             "<p><label><input type=\"checkbox\" name=\"replace\" value=\"1\"> " +
             said(req, Msg::PortalReplace) + "</label></p><p><button>" +
             said(req, Msg::PortalSend) + "</button></p></form>";
  return out + line_form(req, s, who, nullptr);
}

Html Portal::line_form(const httplib::Request& req, const portfolio::ContractStatus& s,
                       const Identity& who, const httplib::Request* typed) const {
  const std::string at = "/contracts/" + url_part(s.record.contract.id);
  // What was typed, when the form comes back refused: nothing a person typed is lost.
  auto was = [&](const char* name) {
    return typed ? Html::text(field(*typed, name)) : Html::text("");
  };
  // One line in a form: the region's blocks to choose from.
  Html blocks;
  if (s.region)
    for (const auto& b : s.region->blocks) {
      Html o = option(b.id, Html::text(b.name));
      if (typed && field(*typed, "block") == b.id)
        o = "<option value=\"" + Html::text(b.id) + "\" selected>" + Html::text(b.name) +
            "</option>";
      blocks += o;
    }
  auto input = [&](MsgId label, const char* name, const Html& attributes) {
    return "<label>" + said(req, label) + " <input name=\"" + Html::text(name) + "\" value=\"" +
           was(name) + "\" " + attributes + "></label> ";
  };
  return "<h2 id=\"line\">" + said(req, Msg::PortalAddLine) + "</h2>" +
         para(said(req, Msg::PortalAddLineHelp)) + "<form method=\"post\" action=\"" +
         Html::text(at + "/lines") + "\">" + csrf_input(who) + "<fieldset>" +
         input(Msg::LabelCandidate, "candidate", "size=\"10\"") + "<label>" +
         said(req, Msg::LabelBlock) + " <select name=\"block\">" + blocks +
         "</select></label><br>" +
         input(Msg::LabelStart, "start", "size=\"10\" placeholder=\"1-3-2027\" required") +
         input(Msg::LabelEnd, "end", "size=\"10\" placeholder=\"31-12-2027\" required") +
         input(Msg::LabelHoursPerWeek, "hours_per_week", "size=\"5\"") +
         input(Msg::LabelAmount, "amount", "size=\"12\"") + "</fieldset><button>" +
         said(req, Msg::PortalSave) + "</button></form>";
}

void Portal::import_realisation(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  const std::string& id = c.contract->record.contract.id;
  auto file = req.files.find("file");
  std::string name = file == req.files.end() ? "" : clean_file_name(file->second.filename);
  auto ends = [&](const std::string& e) {
    return name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  };
  if (file == req.files.end() || !(ends(".csv") || ends(".xlsx"))) {
    res.status = 422;
    return page(req, res, word(req, Msg::PortalUpload),
                para(said(req, Msg::PortalWrongType), "risk") +
                    back_link(req, "/contracts/" + url_part(id)),
                who);
  }
  // Stored in the background, one hand-in after another; a file done within a second is
  // answered at once, a longer one shows its progress.
  auto job = std::make_shared<ImportJob>();
  job->owner = who->name;
  job->contract = id;
  job->name = name;
  job->bytes = file->second.content.size();
  if (ends(".csv")) {  // its lines below the header
    auto lines = std::count(file->second.content.begin(), file->second.content.end(), '\n');
    job->rows = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, lines - 1));
  }
  job->received = std::chrono::steady_clock::now();
  std::string job_id = accounts::random_hex(16);
  job->id = job_id;
  Lang l = lang(req);
  bool replace = field(req, "replace") == "1";
  enqueue_import(job, [this, job, l, account = *who, bytes = file->second.content, replace] {
    HandedIn r = hand_in(l, account, job->contract, job->name, bytes, replace);
    std::lock_guard<std::mutex> done(jobs_mu_);
    if (!r.stored && !r.found.empty()) job->refused = bytes;  // to hand back marked
    job->result = std::move(r);
    job->done = true;
  });
  {
    std::unique_lock<std::mutex> lock(jobs_mu_);
    jobs_cv_.wait_for(lock, o_.answer_within, [&] { return job->done; });
    if (!job->done) {
      res.status = 303;
      res.set_header("Location", "/imports/" + job_id);
      return;
    }
  }
  job_page(req, res, *who, *job);
}

void Portal::enqueue_import(const std::shared_ptr<ImportJob>& job, std::function<void()> work) {
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    // Finished jobs are kept an hour for their page; their file and problems go with them.
    for (auto it = jobs_.begin(); it != jobs_.end();)
      it = it->second->done && it->second->received + std::chrono::hours(1) < job->received
               ? jobs_.erase(it)
               : std::next(it);
    jobs_[job->id] = job;
    job_queue_.emplace_back(job, std::move(work));
  }
  jobs_cv_.notify_all();
}

void Portal::run_imports() {
  std::unique_lock<std::mutex> queue(jobs_mu_);
  for (;;) {
    jobs_cv_.wait(queue, [this] { return stopping_ || !job_queue_.empty(); });
    if (job_queue_.empty()) return;  // stopping, and every hand-in stored
    auto [next, work] = std::move(job_queue_.front());
    job_queue_.pop_front();
    next->started = true;
    queue.unlock();
    work();
    jobs_cv_.notify_all();
    queue.lock();
  }
}

void Portal::offer_script(Call& c) {
  // The offer composer works without it (Berekenen); with it the result follows the typing.
  c.res.set_content(kOfferScript, "text/javascript; charset=utf-8");
}

void Portal::style_sheet(Call& c) { c.res.set_content(kPortalCss, "text/css; charset=utf-8"); }

std::shared_ptr<Portal::ImportJob> Portal::own_job(Call& c) {
  std::shared_ptr<ImportJob> job;
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    auto it = jobs_.find(c.param("job"));
    if (it != jobs_.end() && it->second->owner == c.id().name) job = it->second;
  }
  if (!job) not_found(c.req, c.res, c.who);
  return job;
}

void Portal::import_progress(Call& c) {
  if (auto job = own_job(c)) job_page(c.req, c.res, c.id(), *job);
}

void Portal::import_problems(Call& c) {
  auto job = own_job(c);
  if (!job) return;
  std::string all;
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    if (job->done) all = job->result.all;
  }
  if (all.empty()) return not_found(c.req, c.res, c.who);
  send_file(c.res, all, clean_file_name(job->name + "-problemen.txt"), "text/plain; charset=utf-8");
}

void Portal::import_marked(Call& c) {
  auto job = own_job(c);
  if (!job) return;
  std::string bytes;
  std::vector<Diagnostic> found;
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    if (job->done) bytes = job->refused, found = job->result.found;
  }
  if (found.empty()) return not_found(c.req, c.res, c.who);
  TempDir tmp;
  std::string out = tmp.path() + "/gemarkeerd.xlsx";
  handback::write_marked_bytes(job->name, bytes, found, out,
                               {lang(c.req), xlsx::Overwrite::Replace});
  std::string stem = job->name.substr(0, job->name.rfind('.'));
  send_file(c.res, TempDir::read(out), clean_file_name(stem + "-gemarkeerd.xlsx"), kXlsxType);
}

void Portal::job_page(const httplib::Request& req, httplib::Response& res, const Identity& who,
                      const ImportJob& job) {
  Html back = back_link(req, "/contracts/" + url_part(job.contract));
  // Refused: back to the upload form itself, where the file is handed in again.
  Html to_form = para(
      link("/contracts/" + url_part(job.contract) + "#upload", said(req, Msg::PortalToUpload)));
  bool done, started;
  HandedIn result;
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    done = job.done;
    started = job.started;
    if (done) result = job.result;
  }
  if (!done) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::steady_clock::now() - job.received)
                       .count();
    Arg size = job.rows ? Arg{Amount{Ratio(static_cast<int64_t>(job.rows)), Counted::Lines}}
                        : Arg{as_is(std::to_string(job.bytes / 1024) + " kB")};
    Message m = msg(started ? Msg::PortalImportRunning : Msg::PortalImportQueued, as_is(job.name),
                    size, int64_t{seconds});
    return page(req, res, word(req, Msg::PortalUpload), para(said(req, m), "updating") + back, who,
                1);
  }
  Html body;
  if (result.stored) {
    body = para(said(req, msg(Msg::PortalImported, as_is(job.name),
                              Amount{Ratio(result.rows), Counted::Rows})),
                "ok") +
           para(said(req, Msg::PortalUpdatingSoon));
  } else {
    res.status = 422;
    // Rows already stored: the file is most likely the complete list, handed in without its
    // tick; say which tick, not "correct the file".
    bool repeats =
        result.remedy == Remedy::ReplaceRepeatedRows || result.remedy == Remedy::ReplaceSameFile;
    body = para(said(req, msg(repeats ? Msg::PortalRefusedRepeats : Msg::PortalRefused,
                              as_is(job.name), phrase(msg(Msg::PortalReplace)))),
                "risk");
    if (!result.found.empty())  // the file back, each problem where it is
      body += para(link("/imports/" + job.id + "/gemarkeerd.xlsx",
                        said(req, msg(Msg::PortalMarkedCopy, as_is(job.name)))),
                   "marked");
    body += problem_items(req, result, "/imports/" + job.id + "/problems.txt");
    back = to_form;
  }
  page(req, res, word(req, Msg::PortalUpload), body + back, who);
}

void Portal::add_line(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  const std::string& id = c.contract->record.contract.id;
  // The line as a one-row table with the form's headings: every check of an import applies,
  // a problem names the field as the form does ("Uren per week 'veel' …"), and the audit
  // log names the form.
  std::string head, cells;
  bool filled = false;
  for (const char* f : {"candidate", "block", "start", "end", "hours_per_week", "amount"}) {
    const auto& column = config::line_column(f);
    head += io::csv_field(text::word(column.name, lang(req))) + ";";
    cells += io::csv_field(field(req, f)) + ";";
    filled = filled || !field(req, f).empty();
  }
  head.back() = '\n';
  cells.back() = '\n';
  std::string name = clean_file_name(word(req, Msg::PortalForm) + std::string(".csv"));
  // An empty form is no line (a file would skip the empty row and store nothing).
  HandedIn done;
  if (filled)
    done = hand_in(lang(req), *who, id, name, head + cells, false, Place::Without);
  else
    done.problems.push_back(say(req, msg(Msg::CandidateEmpty)));
  if (done.stored) {
    res.status = 303;
    res.set_header("Location", "/contracts/" + url_part(id) + "?done=line#lines");
    return;
  }
  res.status = 422;
  // The problems, then the form as it was typed, to correct in place.
  page(req, res, word(req, Msg::PortalAddLine),
       para(said(req, Msg::PortalLineRefused), "risk") + problem_items(req, done, "") +
           line_form(req, *c.contract, *who, &req) + back_link(req, "/contracts/" + url_part(id)),
       who);
}

void Portal::download_template(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const portfolio::ContractStatus* s = c.contract;
  if (!s->region) return not_found(req, res, c.who);
  TempDir dir;
  std::string name = clean_file_name("realisatie-" + s->record.contract.id + ".xlsx");
  std::string path = dir.path() + "/" + name;
  xlsx::WriteOptions wo;
  wo.lang = lang(req);
  // The contract's fields come filled in: the supplier adds only the lines.
  const store::ContractRecord& r = s->record;
  forms::Prefill fill{r.supplier, r.buyer, r.contract, r.pso};
  forms::write_realisation_template(*s->region, path, wo, &fill);
  send_file(res, TempDir::read(path), name, kXlsxType);
}

Portal::OfferForm Portal::offer_form_state(const httplib::Request& req, const Identity& who) {
  OfferForm f;
  if (!field(req, "rows").empty())
    f.rows = std::clamp(std::atoi(field(req, "rows").c_str()), 1, 60);
  if (req.has_param("more")) f.rows += 4;
  // The region of the supplier's own contracts until another is chosen.
  f.region = field(req, "region");
  if (f.region.empty()) {
    auto own = mine(*status_.get(), who);
    f.region = own.empty() ? regions()->ids().front() : own.front()->record.region.id;
  }
  return f;
}

std::string Portal::offer_place(const httplib::Request& req, int row) const {
  return row == 0 ? word(req, Msg::PortalOfferTerms)
                  : say(req, msg(Msg::PortalOfferRow, int64_t{row}));
}

namespace {
/// A form field as typed, to show it back in its box; a BSN is never shown back.
std::string shown_back(const httplib::Request& req, const std::string& name) {
  std::string typed = field(req, name);
  return io::holds_bsn(typed) ? std::string() : typed;
}
}  // namespace

Html Portal::offer_form(const httplib::Request& req, const Identity& who,
                        const OfferForm& f) const {
  auto set = regions();
  auto input = [&](const std::string& name, MsgId label, const Html& size,
                   const std::string& hint) {
    return "<label>" + said(req, label) + " <input name=\"" + Html::text(name) + "\" size=\"" +
           size + "\" value=\"" + Html::text(shown_back(req, name)) + "\" placeholder=\"" +
           Html::text(hint) + "\"></label> ";
  };
  Html choices;
  for (const auto& r : set->ids())
    choices += (r == f.region ? Html("<option selected>") : Html("<option>")) + Html::text(r) +
               "</option>";
  // Without JavaScript the block lists follow the region when the form is sent: a button
  // for that.
  Html form = para(said(req, Msg::PortalOfferHelp)) +
              "<form id=\"offer\" method=\"post\" action=\"/offer\">" + csrf_input(who) +
              hidden("rows", std::to_string(f.rows)) + "<fieldset><legend>" +
              said(req, Msg::LabelContract) + "</legend><label>" + said(req, Msg::LabelRegion) +
              " <select name=\"region\">" + choices +
              "</select></label> <button name=\"refresh\" value=\"1\">" +
              said(req, Msg::PortalShowBlocks) + "</button><br>" +
              input("buyer", Msg::LabelBuyer, "24", "Gemeente …") +
              input("contract", Msg::LabelContract, "12", "2027-014") + "<br>" +
              input("value", Msg::LabelContractValue, "16", "€ 1.250.000,00") +
              input("percentage", Msg::LabelPercentage, "5", "5%") +
              input("start", Msg::LabelStart, "10", "1-1-2027") +
              input("end", Msg::LabelEnd, "10", "31-12-2028") + "</fieldset><table>" +
              heading_row({{},
                           said(req, Msg::LabelBlock),
                           said(req, Msg::LabelPersons),
                           said(req, Msg::LabelHoursPerWeek),
                           said(req, Msg::PortalMonths),
                           said(req, Msg::PortalYears),
                           said(req, Msg::LabelAmount)});
  const Region* shown = nullptr;
  for (const auto* r : set->versions(f.region)) shown = r;
  for (int i = 1; i <= f.rows; ++i) {
    std::string n = std::to_string(i);
    Html blocks = "<option value=\"\"></option>";
    if (shown)
      for (const auto& b : shown->blocks)
        blocks += "<option value=\"" + Html::text(b.id) + "\"" +
                  (field(req, "block" + n) == b.id ? Html(" selected") : Html()) + ">" +
                  Html::text(b.name) + "</option>";
    form += "<tr>" + cell(Html::number(i)) +
            cell("<select name=\"block" + Html::number(i) + "\">" + blocks + "</select>");
    for (std::string q : {"persons", "hours", "months", "years", "amount"})
      form += cell("<input name=\"" + Html::text(q + n) + "\" size=\"6\" value=\"" +
                   Html::text(shown_back(req, q + n)) + "\">");
    form += "</tr>";
  }
  return form + "</table><p><button name=\"calculate\" value=\"1\">" +
         said(req, Msg::PortalCalculate) + "</button> <button name=\"more\" value=\"1\">" +
         said(req, Msg::PortalMoreRows) + "</button> <button name=\"download\" value=\"toml\">" +
         said(req, Msg::PortalOfferToml) + "</button> <button name=\"download\" value=\"xlsx\">" +
         said(req, Msg::PortalOfferXlsx) + "</button>" +
         // A supplier hands the composed offer in to its contract in the register.
         (who.role == store::Role::Supplier ? " <button formaction=\"/offer/submit\">" +
                                                  said(req, Msg::PortalOfferSubmit) + "</button>"
                                            : Html()) +
         "</p></form>";
}

Portal::FormOffer Portal::offer_from_form(const httplib::Request& req, const Identity& who,
                                          const OfferForm& f) const {
  FormOffer out;
  Offer& o = out.offer;
  o.region = RegionChoice{f.region, std::nullopt, {}};
  o.supplier = who.org;
  o.buyer = io::unicode_normalised(field(req, "buyer"));
  o.contract.id = io::normalise_id(field(req, "contract"));
  if (o.contract.id.empty()) o.contract.id = "aanbieding";
  // The contract's terms, each read as people type it; a problem is at row 0 (the terms).
  bool read = true;
  auto term = [&](MsgId label, const Message& why) {
    out.problems.push_back({SourceLocation{"", 0, 0},
                            msg(Msg::PortalFieldProblem, as_is(word(req, label)), phrase(why))});
    read = false;
  };
  // Names carry no BSN either (the field named, its value not repeated).
  for (auto [label, text] :
       {std::pair{Msg::LabelBuyer, &o.buyer}, std::pair{Msg::LabelContract, &o.contract.id}})
    if (io::holds_bsn(*text)) {
      out.problems.push_back(
          {SourceLocation{"", 0, 0}, msg(Msg::CellHoldsBsn, as_is(word(req, label)))});
      *text = "";
      read = false;
    }
  Message why;
  if (auto v = io::read_amount(field(req, "value"), &why))
    o.contract.value = *v;
  else
    term(Msg::LabelContractValue, why);
  if (!field(req, "percentage").empty()) {
    if (auto p = io::read_percentage(field(req, "percentage"), &why))
      o.contract.percentage = *p;
    else
      term(Msg::LabelPercentage, why);
  }
  auto start = io::read_date(field(req, "start"), &why);
  if (!start) term(Msg::LabelStart, why);
  auto end = io::read_date(field(req, "end"), &why);
  if (!end) term(Msg::LabelEnd, why);
  if (start && end) {
    o.contract.start = *start;
    o.contract.end = *end;
    std::size_t before = out.problems.size();
    config::check_period(*start, *end, SourceLocation{"", 0, 0}, out.problems);
    read = read && out.problems.size() == before;
  }
  out.part.contract_read = read;
  // The rows are a table of lines, read as a file's rows are: a problem is at its form row,
  // and names the column as the form's heading does.
  config::LineRows table(config::LineRows::Kind::Offer, SourceLocation{""}, out.problems);
  const char* keys[] = {"block", "persons", "hours_per_week", "months", "years", "amount"};
  const char* fields[] = {"block", "persons", "hours", "months", "years", "amount"};
  io::CsvRow head;
  for (int k = 0; k < 6; ++k) {
    const auto& column = config::line_column(keys[k]);
    head.fields.push_back({text::word(column.name, lang(req)), k + 1});
  }
  table.header(head);
  for (int i = 1; i <= f.rows; ++i) {
    std::string n = std::to_string(i);
    if (field(req, "block" + n).empty()) continue;
    io::CsvRow row{i, {}, false};
    for (int k = 0; k < 6; ++k) row.fields.push_back({field(req, fields[k] + n), k + 1});
    table.row(row);
  }
  o.lines = std::move(table.offer_lines);
  out.part.line_read.assign(o.lines.size(), true);
  out.part.bad_row_blocks = std::move(table.bad_row_blocks);
  return out;
}

std::string Portal::offer_toml(const Offer& o) {
  // The valued offer as the file `sroi offer` reads.
  std::string t = "region = " + config::toml_string(o.region.id) +
                  "\nsupplier = " + config::toml_string(o.supplier) +
                  "\nbuyer = " + config::toml_string(o.buyer) +
                  "\n\n[contract]\nid = " + config::toml_string(o.contract.id) +
                  "\nvalue = " + config::toml_string(format_plain(o.contract.value)) + "\n";
  if (o.contract.percentage)
    t += "percentage = " + config::toml_string(o.contract.percentage->decimal(6)) + "\n";
  t += "start = " + o.contract.start.iso() + "\nend = " + o.contract.end.iso() + "\n";
  for (const auto& line : o.lines) {
    const Quantities& q = line.quantities;
    t += "\n[[line]]\nblock = " + config::toml_string(line.block) + "\n";
    if (q.persons) t += "persons = " + std::to_string(q.persons->value) + "\n";
    if (q.hours_per_week) t += "hours_per_week = " + q.hours_per_week->value.decimal(4) + "\n";
    if (q.months) t += "months = " + q.months->value.decimal(4) + "\n";
    if (q.years) t += "years = " + q.years->value.decimal(4) + "\n";
    if (q.amount) t += "amount = " + config::toml_string(format_plain(q.amount->value)) + "\n";
  }
  return t;
}

Html Portal::offer_result(const httplib::Request& req, const Assessment& a,
                          const Offer& offer) const {
  // The form row each line came from.
  auto row_of = [&](std::size_t k) {
    return k < offer.lines.size() ? offer.lines[k].where.line : static_cast<int>(k) + 1;
  };
  auto steps = [&](const std::vector<TraceStep>& trace) {
    return bullets(trace_steps(req, trace), "trace");
  };
  auto fact = [&](MsgId label, Money m, const Html& cls) {
    return "<tr><th>" + said(req, label) + "</th><td class=\"n" + cls + "\">" + money(m) +
           "</td></tr>";
  };
  Html out =
      "<h2 id=\"result\">" + said(req, Msg::PortalOfferResult) + "</h2><table>" +
      fact(Msg::LabelObligation, a.obligation.amount, {}) + fact(Msg::LabelTotal, a.total, {}) +
      fact(Msg::LabelSurplus, a.surplus, {}) +
      fact(Msg::LabelShortfall, a.shortfall, a.shortfall.cents() > 0 ? Html(" risk") : Html()) +
      "</table>" + steps(a.obligation.trace) + "<table>" +
      heading_row({{},
                   said(req, Msg::LabelBlock),
                   said(req, Msg::LabelValue),
                   said(req, Msg::LabelExplanation)});
  for (std::size_t k = 0; k < a.lines.size(); ++k) {
    const auto& r = a.lines[k];
    int at = row_of(k);
    out += row({cell(Html::number(at)), cell(Html::text(r.block_name)),
                figure_cell(money(r.value) + (r.provisional ? Html(" *") : Html())),
                cell(steps(r.trace))});
  }
  out += "</table>";
  if (a.provisional) out += para("* " + said(req, Msg::PortalProvisional));
  std::vector<Html> notes;
  for (const auto& m : a.warnings) notes.push_back(said(req, m));
  for (const auto& sig : a.signals) {
    // A signal about a line names the form row it came from.
    std::string at;
    if (sig.line) at = offer_place(req, row_of(*sig.line)) + ": ";
    notes.push_back(Html::text(at) + said(req, sig.explanation));
  }
  if (!notes.empty()) out += "<h3>" + said(req, Msg::PortalWarnings) + "</h3>" + bullets(notes);
  return out;
}

void Portal::offer_page(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  OfferForm f = offer_form_state(req, c.id());
  Html form = offer_form(req, c.id(), f);
  if (req.method != "POST" || req.has_param("more") || req.has_param("refresh"))
    return page(req, res, word(req, Msg::PortalOffer),
                form + "<div id=\"result-area\"></div>" + kOfferScriptTag, c.who);
  FormOffer read = offer_from_form(req, c.id(), f);
  Html result;
  try {
    portfolio::OfferIntake intake = portfolio::take_offer(*regions(), std::move(read.offer),
                                                          std::move(read.problems), read.part);
    const std::string download = field(req, "download");
    if (download == "toml")
      return send_file(res, offer_toml(intake.offer), "aanbieding.toml",
                       "application/toml; charset=utf-8");
    if (download == "xlsx") {
      // The one offer workbook, filled in with the composed offer: it keeps computing as the
      // supplier changes it, and is handed in as it is.
      TempDir dir;
      std::string out = dir.path() + "/aanbieding.xlsx";
      xlsx::WriteOptions wo;
      wo.lang = lang(req);
      forms::write_offer_workbook(*intake.region, out, wo, &intake.offer);
      return send_file(res, TempDir::read(out), "aanbieding.xlsx", kXlsxType);
    }
    result = offer_result(req, intake.assessment, intake.offer);
  } catch (const DataError& e) {
    // Every problem at the place it is in: the terms (row 0) or a form row.
    res.status = 422;
    std::vector<Html> items;
    for (const auto& d : e.diagnostics())
      items.push_back(Html::text(offer_place(req, d.where.line) + ": " + say(req, d.message)));
    result = "<h2 id=\"result\">" + said(req, Msg::PortalOfferResult) + "</h2>" +
             para(said(req, Msg::PortalOfferProblems), "risk") + bullets(items);
  }
  // The page's script asks for the result alone as the supplier types.
  if (req.get_header_value("X-Sroi-Partial") == "1")
    return res.set_content(result.str(), "text/html; charset=utf-8");
  page(req, res, word(req, Msg::PortalOffer),
       form + "<div id=\"result-area\">" + result + "</div>" + kOfferScriptTag, c.who);
}

void Portal::offer_submit(Call& c) {
  const auto& req = c.req;
  OfferForm f = offer_form_state(req, c.id());
  FormOffer read = offer_from_form(req, c.id(), f);
  std::vector<Html> problems;
  try {
    portfolio::OfferIntake intake = portfolio::take_offer(*regions(), std::move(read.offer),
                                                          std::move(read.problems), read.part);
    const Offer& offer = intake.offer;
    store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(c.id()));
    // Only to a contract of the supplier's own: another's is unknown here.
    auto record = reg.contract(offer.contract.id);
    if (!record || record->supplier != c.id().org)
      throw DataError(SourceLocation{}, msg(Msg::UnknownContract, as_is(offer.contract.id)));
    const std::string text = offer_toml(offer);
    portfolio::save_offer(reg, *regions(), offer, "portaal: aanbieding " + offer.contract.id,
                          store::sha256_hex(text));
    c.res.status = 303;
    c.res.set_header("Location", "/contracts/" + url_part(offer.contract.id) + "?done=offer");
    return;
  } catch (const DataError& e) {
    for (const auto& d : e.diagnostics())
      problems.push_back(Html::text(offer_place(req, d.where.line) + ": " + say(req, d.message)));
  } catch (const StoreError& e) {
    problems.push_back(said(req, e.message()));
  }
  c.res.status = 422;
  page(req, c.res, word(req, Msg::PortalOffer),
       para(said(req, Msg::PortalOfferNotSubmitted), "risk") + bullets(problems) +
           offer_form(req, c.id(), f),
       c.who);
}

}  // namespace sroi::portal
