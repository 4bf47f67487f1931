// SPDX-License-Identifier: EUPL-1.2
// What a supplier does in the portal: hand in a realisation (a file, or one line in a form),
// fetch the template, and compose an offer with its value and explanation as it is typed.
#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "sroi/accounts/secrets.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/io/dutch_numbers.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/portfolio/import_files.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/xlsx/report.hpp"

namespace sroi::portal {
namespace {

/// A CSV field, always quoted, quotes doubled.
std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// A TOML basic string.
std::string toml_string(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

const char* const kOfferScript = "<script src=\"/static/offer.js\" defer></script>";

const char* const kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace

Portal::HandedIn Portal::hand_in(Lang l, const Identity& who, const std::string& id,
                                 const std::string& name, const std::string& bytes, bool replace) {
  HandedIn out;
  // The upload in a folder of its own, under its own (clean) name: messages name it.
  TempDir dir;
  std::string path = dir.write(name, bytes);
  try {
    store::Register reg(o_.db_path, store::Register::Access::ReadWrite, audit_user(who));
    store::ImportOutcome done = portfolio::import_file(
        reg, *regions(), path, id, replace ? store::ImportMode::Replace : store::ImportMode::Add);
    out.stored = true;
    out.rows = static_cast<int64_t>(done.rows);
  } catch (const DataError& e) {
    keep_problems(out, dir.worded(e.diagnostics(), l));
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

std::string Portal::problem_items(const httplib::Request& req, const HandedIn& h,
                                  const std::string& download) const {
  std::string out = "<ul>";
  for (const auto& p : h.problems) out += "<li>" + escape(p) + "</li>";
  out += "</ul>";
  if (h.more > 0) {
    out += "<p>" + escape(say(req, msg(Msg::PortalMoreProblems, static_cast<int64_t>(h.more))));
    if (!download.empty())
      out += " <a href=\"" + escape(download) + "\">" + escape(word(req, Msg::PortalProblemList)) +
             "</a>";
    out += "</p>";
  }
  return out;
}

std::string Portal::supplier_forms(const httplib::Request& req, const portfolio::ContractStatus& s,
                                   const Identity& who) const {
  const std::string id = url_part(s.record.contract.id);
  std::string out =
      "<h2 id=\"upload\">" + escape(word(req, Msg::PortalUpload)) + "</h2><p>" +
      escape(word(req, Msg::PortalUploadHelp)) + " <a href=\"/contracts/" + escape(id) +
      "/template.xlsx\">" + escape(word(req, Msg::LabelRealisationTitle)) +
      " (.xlsx)</a></p><form method=\"post\" enctype=\"multipart/form-data\" action=\"/contracts/" +
      escape(id) + "/import\">" + csrf_input(who) + "<p><label>" +
      escape(word(req, Msg::PortalFile)) +
      "<br><input type=\"file\" name=\"file\" accept=\".csv,.xlsx\" required></label></p>"
      "<p><label><input type=\"checkbox\" name=\"replace\" value=\"1\"> " +
      escape(word(req, Msg::PortalReplace)) + "</label></p><p><button>" +
      escape(word(req, Msg::PortalSend)) + "</button></p></form>";
  // One line in a form: the region's blocks to choose from.
  out += "<h2 id=\"line\">" + escape(word(req, Msg::PortalAddLine)) + "</h2><p>" +
         escape(word(req, Msg::PortalAddLineHelp)) +
         "</p><form method=\"post\" action=\"/contracts/" + escape(id) + "/lines\">" +
         csrf_input(who) + "<fieldset><label>" + escape(word(req, Msg::LabelCandidate)) +
         " <input name=\"candidate\" size=\"10\" required></label> <label>" +
         escape(word(req, Msg::LabelBlock)) + " <select name=\"block\">";
  if (s.region)
    for (const auto& b : s.region->blocks)
      out += "<option value=\"" + escape(b.id) + "\">" + escape(b.name) + "</option>";
  out += "</select></label><br><label>" + escape(word(req, Msg::LabelStart)) +
         " <input name=\"start\" size=\"10\" placeholder=\"1-3-2027\" required></label> <label>" +
         escape(word(req, Msg::LabelEnd)) +
         " <input name=\"end\" size=\"10\" placeholder=\"31-12-2027\" required></label> <label>" +
         escape(word(req, Msg::LabelHoursPerWeek)) +
         " <input name=\"hours_per_week\" size=\"5\"></label> <label>" +
         escape(word(req, Msg::LabelAmount)) +
         " <input name=\"amount\" size=\"12\"></label>"
         "</fieldset><button>" +
         escape(word(req, Msg::PortalSave)) + "</button></form>";
  return out;
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
  std::string back = "<p><a href=\"/contracts/" + escape(url_part(id)) + "\">" +
                     escape(word(req, Msg::PortalBack)) + "</a></p>";
  if (file == req.files.end() || !(ends(".csv") || ends(".xlsx"))) {
    res.status = 422;
    return page(req, res, word(req, Msg::PortalUpload),
                "<p class=\"risk\">" + escape(word(req, Msg::PortalWrongType)) + "</p>" + back,
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
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    // Finished jobs are kept an hour for their page.
    for (auto it = jobs_.begin(); it != jobs_.end();)
      it = it->second->done && it->second->received + std::chrono::hours(1) < job->received
               ? jobs_.erase(it)
               : std::next(it);
    jobs_[job_id] = job;
    job_queue_.emplace_back(
        job, [this, job, l, account = *who, bytes = file->second.content, replace] {
          HandedIn r = hand_in(l, account, job->contract, job->name, bytes, replace);
          std::lock_guard<std::mutex> done(jobs_mu_);
          job->result = std::move(r);
          job->done = true;
        });
    if (!job_worker_.joinable())
      job_worker_ = std::thread([this] {
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
      });
  }
  jobs_cv_.notify_all();
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

void Portal::offer_script(Call& c) {
  auto& res = c.res;
  // The offer composer works without it (Berekenen); with it the result follows the typing.
  static const char* kScript = R"js(// SPDX-License-Identifier: EUPL-1.2
(() => {
  const form = document.getElementById('offer');
  const area = document.getElementById('result-area');
  if (!form || !area || !window.fetch) return;
  let timer = null, asked = 0;
  const ready = () => ['value', 'start', 'end'].every(n => form.elements[n].value.trim() !== '')
      && [...form.querySelectorAll('select[name^=block]')].some(s => s.value !== '');
  const update = () => {
    if (!ready()) return;
    const data = new URLSearchParams(new FormData(form));
    data.set('calculate', '1');
    const mine = ++asked;
    fetch('/offer', {method: 'POST', body: data, credentials: 'same-origin',
                     headers: {'X-Sroi-Partial': '1'}})
      .then(r => r.text())
      .then(html => { if (mine === asked) area.innerHTML = html; });
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(update, 400); };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
)js";
  res.set_content(kScript, "text/javascript; charset=utf-8");
}

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

void Portal::job_page(const httplib::Request& req, httplib::Response& res, const Identity& who,
                      const ImportJob& job) {
  std::string back = "<p><a href=\"/contracts/" + escape(url_part(job.contract)) + "\">" +
                     escape(word(req, Msg::PortalBack)) + "</a></p>";
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
    return page(req, res, word(req, Msg::PortalUpload),
                "<p class=\"updating\">" + escape(say(req, m)) + "</p>" + back, who, 1);
  }
  std::string body;
  if (result.stored) {
    body = "<p class=\"ok\">" +
           escape(say(req, msg(Msg::PortalImported, as_is(job.name),
                               Amount{Ratio(result.rows), Counted::Rows}))) +
           "</p><p>" + escape(word(req, Msg::PortalUpdatingSoon)) + "</p>";
  } else {
    res.status = 422;
    body = "<p class=\"risk\">" + escape(say(req, msg(Msg::PortalRefused, as_is(job.name)))) +
           "</p>" + problem_items(req, result, "/imports/" + job.id + "/problems.txt");
  }
  page(req, res, word(req, Msg::PortalUpload), body + back, who);
}

void Portal::add_line(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  const std::string& id = c.contract->record.contract.id;
  // The line as a one-row file: every check of an import applies, and the audit log names it.
  std::string csv = "candidate;block;start;end;hours_per_week;amount\n";
  bool filled = false;
  for (const char* f : {"candidate", "block", "start", "end", "hours_per_week", "amount"}) {
    csv += csv_field(field(req, f)) + (std::string(f) == "amount" ? "\n" : ";");
    filled = filled || !field(req, f).empty();
  }
  std::string name = word(req, Msg::PortalForm) + std::string(".csv");
  // An empty form is no line (a file would skip the empty row and store nothing).
  HandedIn done;
  if (filled)
    done = hand_in(lang(req), *who, id, clean_file_name(name), csv, false);
  else
    done.problems.push_back(say(req, msg(Msg::CandidateEmpty)));
  if (done.stored) {
    res.status = 303;
    res.set_header("Location", "/contracts/" + url_part(id) + "?done=line#lines");
    return;
  }
  res.status = 422;
  std::string body = "<p class=\"risk\">" + escape(word(req, Msg::PortalLineRefused)) + "</p>" +
                     problem_items(req, done, "");
  body += "<p><a href=\"/contracts/" + escape(url_part(id)) + "#line\">" +
          escape(word(req, Msg::PortalBack)) + "</a></p>";
  page(req, res, word(req, Msg::PortalAddLine), body, who);
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
  forms::write_template(forms::FormKind::Realisation, *s->region, path, wo, &fill);
  send_file(res, TempDir::read(path), name, kXlsxType);
}

void Portal::offer_page(Call& c) {
  const auto& req = c.req;
  auto& res = c.res;
  const auto& who = c.who;
  auto set = regions();
  Lang l = lang(req);
  auto get = [&](const std::string& f) { return field(req, f); };
  int rows = 6;
  if (!get("rows").empty()) rows = std::clamp(std::atoi(get("rows").c_str()), 1, 60);
  if (req.has_param("more")) rows += 4;

  // The form, filled with what was sent.
  // The region of the supplier's own contracts until another is chosen.
  std::string region_id = get("region");
  if (region_id.empty()) {
    auto view = status_.get();
    auto own = mine(*view, *who);
    region_id = own.empty() ? set->ids().front() : own.front()->record.region.id;
  }
  auto input = [&](const std::string& name, Msg label, const std::string& size,
                   const std::string& hint) {
    return "<label>" + escape(word(req, label)) + " <input name=\"" + name + "\" size=\"" + size +
           "\" value=\"" + escape(get(name)) + "\" placeholder=\"" + escape(hint) + "\"></label> ";
  };
  std::string form = "<p>" + escape(word(req, Msg::PortalOfferHelp)) +
                     "</p><form id=\"offer\" method=\"post\" action=\"/offer\">" +
                     csrf_input(*who) + "<input type=\"hidden\" name=\"rows\" value=\"" +
                     std::to_string(rows) + "\"><fieldset><legend>" +
                     escape(word(req, Msg::LabelContract)) + "</legend><label>" +
                     escape(word(req, Msg::LabelRegion)) + " <select name=\"region\">";
  for (const auto& r : set->ids())
    form +=
        "<option" + std::string(r == region_id ? " selected" : "") + ">" + escape(r) + "</option>";
  // Without JavaScript the block lists follow the region when the form is sent: a button
  // for that.
  form += "</select></label> <button name=\"refresh\" value=\"1\">" +
          escape(word(req, Msg::PortalShowBlocks)) + "</button><br>" +
          input("buyer", Msg::LabelBuyer, "24", "Gemeente …") +
          input("contract", Msg::LabelContract, "12", "2027-014") + "<br>" +
          input("value", Msg::LabelContractValue, "16", "€ 1.250.000,00") +
          input("percentage", Msg::LabelPercentage, "5", "5%") +
          input("start", Msg::LabelStart, "10", "1-1-2027") +
          input("end", Msg::LabelEnd, "10", "31-12-2028") + "</fieldset>";
  const Region* shown = nullptr;
  for (const auto* r : set->versions(region_id)) shown = r;
  form += "<table><tr><th></th><th>" + escape(word(req, Msg::LabelBlock)) + "</th><th>" +
          escape(word(req, Msg::LabelPersons)) + "</th><th>" +
          escape(word(req, Msg::LabelHoursPerWeek)) + "</th><th>" +
          escape(word(req, Msg::PortalMonths)) + "</th><th>" + escape(word(req, Msg::PortalYears)) +
          "</th><th>" + escape(word(req, Msg::LabelAmount)) + "</th></tr>";
  for (int i = 1; i <= rows; ++i) {
    std::string n = std::to_string(i);
    form +=
        "<tr><td>" + n + "</td><td><select name=\"block" + n + "\"><option value=\"\"></option>";
    if (shown)
      for (const auto& b : shown->blocks)
        form += "<option value=\"" + escape(b.id) + "\"" +
                (get("block" + n) == b.id ? " selected" : "") + ">" + escape(b.name) + "</option>";
    form += "</select></td>";
    for (const char* f : {"persons", "hours", "months", "years", "amount"})
      form += "<td><input name=\"" + std::string(f) + n + "\" size=\"6\" value=\"" +
              escape(get(f + n)) + "\"></td>";
    form += "</tr>";
  }
  form += "</table><p><button name=\"calculate\" value=\"1\">" +
          escape(word(req, Msg::PortalCalculate)) + "</button> <button name=\"more\" value=\"1\">" +
          escape(word(req, Msg::PortalMoreRows)) +
          "</button> <button name=\"download\" "
          "value=\"toml\">" +
          escape(word(req, Msg::PortalOfferToml)) +
          "</button> <button name=\"download\" "
          "value=\"xlsx\">" +
          escape(word(req, Msg::PortalOfferXlsx)) + "</button></p></form>";
  if (req.method != "POST" || req.has_param("more") || req.has_param("refresh"))
    return page(req, res, word(req, Msg::PortalOffer),
                form + "<div id=\"result-area\"></div>" + kOfferScript, who);

  // The offer as a TOML file, each field read as people type it; every problem named with the
  // field it is in.
  std::vector<std::string> problems;
  auto where = [&](int row) {
    return row == 0 ? word(req, Msg::PortalOfferTerms)
                    : say(req, msg(Msg::PortalOfferRow, int64_t{row}));
  };
  auto problem = [&](int row, Msg label, const Message& why) {
    problems.push_back(where(row) + ", " + word(req, label) + ": " + say(req, why));
  };
  std::string toml = "region = " + toml_string(region_id) +
                     "\nsupplier = " + toml_string(who->org) +
                     "\nbuyer = " + toml_string(get("buyer")) + "\n\n[contract]\nid = " +
                     toml_string(get("contract").empty() ? "aanbieding" : get("contract")) + "\n";
  Message why;
  if (auto v = io::read_amount(get("value"), &why))
    toml += "value = " + toml_string(format_plain(*v)) + "\n";
  else
    problem(0, Msg::LabelContractValue, why);
  if (!get("percentage").empty()) {
    if (auto p = io::read_percentage(get("percentage"), &why))
      toml += "percentage = " + toml_string(p->decimal(6)) + "\n";
    else
      problem(0, Msg::LabelPercentage, why);
  }
  for (auto [f, label] : {std::pair{"start", Msg::LabelStart}, std::pair{"end", Msg::LabelEnd}}) {
    if (auto d = io::read_date(get(f), &why))
      toml += std::string(f) + " = " + d->iso() + "\n";
    else
      problem(0, label, why);
  }
  std::vector<std::pair<int, int>> line_rows;  // TOML line of a [[line]] → form row
  auto toml_lines = [&] { return static_cast<int>(std::count(toml.begin(), toml.end(), '\n')); };
  for (int i = 1; i <= rows; ++i) {
    std::string n = std::to_string(i);
    if (get("block" + n).empty()) continue;
    toml += "\n";
    line_rows.emplace_back(toml_lines() + 1, i);
    toml += "[[line]]\nblock = " + toml_string(get("block" + n)) + "\n";
    for (auto [f, key, label] : {std::tuple{"persons", "persons", Msg::LabelPersons},
                                 std::tuple{"hours", "hours_per_week", Msg::LabelHoursPerWeek},
                                 std::tuple{"months", "months", Msg::PortalMonths},
                                 std::tuple{"years", "years", Msg::PortalYears}}) {
      std::string text = get(f + n);
      if (text.empty()) continue;
      if (auto v = io::read_number(text, &why))
        toml += std::string(key) + " = " + v->decimal(4) + "\n";
      else
        problem(i, label, why);
    }
    if (!get("amount" + n).empty()) {
      if (auto v = io::read_amount(get("amount" + n), &why))
        toml += "amount = " + toml_string(format_plain(*v)) + "\n";
      else
        problem(i, Msg::LabelAmount, why);
    }
  }
  std::string result;
  if (problems.empty()) {
    TempDir dir;
    std::string path = dir.write("aanbieding.toml", toml);
    try {
      portfolio::OfferIntake intake = portfolio::take_offer(*set, path);
      const Assessment& a = intake.assessment;
      if (get("download") == "toml")
        return send_file(res, toml, "aanbieding.toml", "application/toml; charset=utf-8");
      if (get("download") == "xlsx") {
        std::string out = dir.path() + "/aanbieding.xlsx";
        xlsx::WriteOptions wo;
        wo.lang = l;
        xlsx::write_report(a, out, wo);
        return send_file(res, TempDir::read(out), "aanbieding.xlsx", kXlsxType);
      }
      result = "<h2 id=\"result\">" + escape(word(req, Msg::PortalOfferResult)) +
               "</h2><table><tr><th>" + escape(word(req, Msg::LabelObligation)) +
               "</th><td class=\"n\">" + money(a.obligation.amount) + "</td></tr><tr><th>" +
               escape(word(req, Msg::LabelTotal)) + "</th><td class=\"n\">" + money(a.total) +
               "</td></tr><tr><th>" + escape(word(req, Msg::LabelSurplus)) +
               "</th><td class=\"n\">" + money(a.surplus) + "</td></tr><tr><th>" +
               escape(word(req, Msg::LabelShortfall)) + "</th><td class=\"n" +
               (a.shortfall.cents() > 0 ? " risk" : "") + "\">" + money(a.shortfall) +
               "</td></tr></table><ul class=\"trace\">";
      for (const auto& step : a.obligation.trace)
        result += "<li>" + escape(text::word(step.step, l)) + ": " + escape(say(req, step.detail)) +
                  "</li>";
      result += "</ul><table><tr><th></th><th>" + escape(word(req, Msg::LabelBlock)) + "</th><th>" +
                escape(word(req, Msg::LabelValue)) + "</th><th>" +
                escape(word(req, Msg::LabelExplanation)) + "</th></tr>";
      int k = 0;
      for (const auto& r : a.lines) {
        int row = k < static_cast<int>(line_rows.size()) ? line_rows[k].second : k + 1;
        ++k;
        std::string trace;
        for (const auto& step : r.trace)
          trace += "<li>" + escape(text::word(step.step, l)) + ": " +
                   escape(say(req, step.detail)) + "</li>";
        result += "<tr><td>" + std::to_string(row) + "</td><td>" + escape(r.block_name) +
                  "</td><td class=\"n\">" + money(r.value) + (r.provisional ? " *" : "") +
                  "</td><td><ul class=\"trace\">" + trace + "</ul></td></tr>";
      }
      result += "</table>";
      if (a.provisional) result += "<p>* " + escape(word(req, Msg::PortalProvisional)) + "</p>";
      std::vector<std::string> notes;
      for (const auto& m : a.warnings) notes.push_back(say(req, m));
      for (const auto& sig : a.signals) {
        // A signal about a line names the form row it came from.
        std::string at;
        if (sig.line && *sig.line < line_rows.size())
          at = where(line_rows[*sig.line].second) + ": ";
        notes.push_back(at + say(req, sig.explanation));
      }
      if (!notes.empty()) {
        result += "<h3>" + escape(word(req, Msg::PortalWarnings)) + "</h3><ul>";
        for (const auto& n : notes) result += "<li>" + escape(n) + "</li>";
        result += "</ul>";
      }
    } catch (const DataError& e) {
      // Each problem at the form row its [[line]] came from.
      for (const auto& d : e.diagnostics()) {
        int row = 0;
        for (const auto& [at, r] : line_rows)
          if (d.where.line >= at) row = r;
        problems.push_back(where(row) + ": " + say(req, d.message));
      }
    }
  }
  if (!problems.empty()) {
    res.status = 422;
    result = "<h2 id=\"result\">" + escape(word(req, Msg::PortalOfferResult)) +
             "</h2><p class=\"risk\">" + escape(word(req, Msg::PortalOfferProblems)) + "</p><ul>";
    for (const auto& p : problems) result += "<li>" + escape(p) + "</li>";
    result += "</ul>";
  }
  // The page's script asks for the result alone as the supplier types.
  if (req.get_header_value("X-Sroi-Partial") == "1")
    return res.set_content(result, "text/html; charset=utf-8");
  page(req, res, word(req, Msg::PortalOffer),
       form + "<div id=\"result-area\">" + result + "</div>" + kOfferScript, who);
}

}  // namespace sroi::portal
