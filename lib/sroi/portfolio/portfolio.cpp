// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portfolio/portfolio.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "sroi/calc/assessment.hpp"
#include "sroi/calc/line_value.hpp"
#include "sroi/calc/period.hpp"
#include "sroi/calc/progress.hpp"
#include "sroi/calc/runs.hpp"
#include "sroi/config/input_loader.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/io/csv.hpp"
#include "sroi/io/text_input.hpp"
#include "sroi/io/xlsx_cells.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/store/hash.hpp"

namespace sroi::portfolio {
namespace {

/// Contract id → place in the status list, looked up for every line of the register: open
/// addressing over a power-of-two table of (hash, id, place), so that the usual lookup is one
/// probe in one array (the ids are short and kept inline by the small-string optimisation).
class IdIndex {
 public:
  explicit IdIndex(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n + 1) size *= 2;
    slots_.resize(size);
    mask_ = size - 1;
  }
  void add(const std::string& id, std::size_t place) {
    std::size_t h = std::hash<std::string>{}(id);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used || (s.hash == h && s.id == id)) {
        s = {h, id, place, true};
        return;
      }
    }
  }
  std::optional<std::size_t> find(const std::string& id) const {
    std::size_t h = std::hash<std::string>{}(id);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return std::nullopt;
      if (s.hash == h && s.id == id) return s.place;
    }
  }

 private:
  struct Slot {
    std::size_t hash = 0;
    std::string id;
    std::size_t place = 0;
    bool used = false;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace

PreparedImport prepare_import(const config::RegionSet& regions,
                              const store::ContractRecord& contract, const std::string& file) {
  // One read: the bytes give the file's identity and its lines.
  return prepare_import_data(regions, contract, file,
                             forms::is_workbook(file)
                                 ? io::read_file_limited(file, io::kMaxXlsxBytes)
                                 : config::read_text_file(file));
}

PreparedImport prepare_import_data(const config::RegionSet& regions,
                                   const store::ContractRecord& contract, const std::string& name,
                                   const std::string& bytes) {
  PreparedImport p;
  p.file = name;
  p.contract_id = contract.contract.id;
  p.hash = store::sha256_hex(bytes);
  std::vector<Diagnostic> problems;
  bool workbook = forms::is_workbook(name);
  std::size_t limit = workbook ? io::kMaxXlsxBytes : io::kMaxCsvBytes;
  if (bytes.size() > limit)
    throw DataError(SourceLocation{name},
                    msg(Msg::FileTooLarge, static_cast<int64_t>(limit >> 20)));
  if (workbook) {
    p.lines = forms::realisation_lines_from_workbook(name, problems, &bytes);
  } else {
    p.csv_separator = io::detect_separator(bytes);
    p.lines = config::realisation_lines_from_csv(bytes, name, problems);
  }
  // Rows that read well are checked against the region too, so every bad row is listed.
  const Region& region = regions.select(contract.region, contract.contract.start);
  check_realisation_lines(regions, region, contract.contract, p.lines, problems);
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.where < b.where; });
    throw DataError(std::move(problems));
  }
  return p;
}

void add_contract_file(store::Register& reg, const config::RegionSet& regions,
                       const std::string& file) {
  Offer offer = config::load_offer(file);
  if (offer.buyer.empty())
    throw DataError(SourceLocation{file, 1, 1}, msg(Msg::ContractFileNeedsBuyer));
  const Region& region = regions.select(offer.region, offer.contract.start);
  assess_offer(region, offer);  // every line must be valid before anything is stored
  reg.add_contract(offer, file, store::sha256_hex(config::read_text_file(file)));
}

int64_t save_offer_file(store::Register& reg, const config::RegionSet& regions,
                        const std::string& file) {
  Offer offer = config::load_offer(file);
  auto record = reg.contract(offer.contract.id);
  if (!record)
    throw DataError(offer.contract.where, msg(Msg::UnknownContract, as_is(offer.contract.id)),
                    Remedy::AddContract);
  const Contract& c = offer.contract;
  const Contract& r = record->contract;
  // Each term that differs: the term, the offer's value and the register's.
  std::vector<Diagnostic> problems;
  auto differs = [&](Msg term, const Arg& here, const Arg& there) {
    if (here != there)
      problems.push_back(
          {c.where, msg(Msg::OfferNotForContract, as_is(c.id), phrase(msg(term)), here, there)});
  };
  auto pct = [](const std::optional<Ratio>& p) -> Arg {
    return p ? Arg(Percent{*p}) : Arg(phrase(msg(Msg::WordNone)));
  };
  auto eur = [](const std::optional<Money>& m) -> Arg {
    return m ? Arg(*m) : Arg(phrase(msg(Msg::WordNone)));
  };
  auto quoted = [](const std::string& s) { return phrase(msg(Msg::Quoted, as_is(s))); };
  differs(Msg::TermSupplier, quoted(offer.supplier), quoted(record->supplier));
  if (!offer.buyer.empty()) differs(Msg::TermBuyer, quoted(offer.buyer), quoted(record->buyer));
  differs(Msg::TermRegion, as_is(offer.region.id), as_is(record->region.id));
  if (offer.region.version && record->region.version)
    differs(Msg::TermRegionVersion, as_is(*offer.region.version), as_is(*record->region.version));
  differs(Msg::TermValue, c.value, r.value);
  differs(Msg::TermPercentage, pct(c.percentage), pct(r.percentage));
  differs(Msg::TermThreshold, eur(c.threshold), eur(r.threshold));
  differs(Msg::TermStart, c.start, r.start);
  differs(Msg::TermEnd, c.end, r.end);
  if (!problems.empty()) throw DataError(std::move(problems));
  const Region& region = regions.select(record->region, r.start);
  assess_offer(region, offer);  // every line must be valid before anything is stored
  return reg.save_offer(c.id, offer.lines, file, store::sha256_hex(config::read_text_file(file)));
}

void require_matches(const store::Register& reg, const store::ContractFilter& filter) {
  if (!filter.contract && !filter.supplier && !filter.buyer) return;
  std::vector<store::ContractRecord> all = reg.contracts();
  if (std::any_of(all.begin(), all.end(), [&](const auto& c) { return filter.matches(c); })) return;
  // Name the option that finds nothing on its own (else the first given).
  auto names = [&](auto field) {
    std::vector<std::string> out;
    for (const auto& c : all)
      if (std::find(out.begin(), out.end(), field(c)) == out.end()) out.push_back(field(c));
    return out;
  };
  auto alone = [&](store::ContractFilter one) {
    return std::none_of(all.begin(), all.end(), [&](const auto& c) { return one.matches(c); });
  };
  if (filter.contract && alone({filter.contract, {}, {}}))
    throw DataError(SourceLocation{"--contract"},
                    msg(Msg::UnknownContract, as_is(*filter.contract)));
  if (filter.supplier && alone({{}, filter.supplier, {}}))
    throw DataError(
        SourceLocation{"--supplier"},
        msg(Msg::NoContractMatches, phrase(msg(Msg::TermSupplier)), as_is(*filter.supplier),
            listed(names([](const auto& c) { return c.supplier; }))));
  if (filter.buyer && alone({{}, {}, filter.buyer}))
    throw DataError(SourceLocation{"--buyer"},
                    msg(Msg::NoContractMatches, phrase(msg(Msg::TermBuyer)), as_is(*filter.buyer),
                        listed(names([](const auto& c) { return c.buyer; }))));
  // Each finds contracts, but not together.
  throw DataError(SourceLocation{filter.contract ? "--contract" : "--supplier"},
                  msg(Msg::NoContractMatchesAll));
}

std::vector<ContractStatus> compute_status(const store::Register& reg,
                                           const config::RegionSet& regions,
                                           const StatusOptions& options) {
  // Contracts, offers and lines are read from one snapshot: an import that commits meanwhile
  // is seen whole or not at all.
  store::Register::Snapshot snapshot(reg);
  // Every contract takes part in the valuation (its lines can use a candidate's hours); the
  // filter only chooses what is reported.
  std::vector<store::ContractRecord> all = reg.contracts();
  std::vector<ContractStatus> status(all.size());
  IdIndex index(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    ContractStatus& s = status[i];
    s.record = std::move(all[i]);
    index.add(s.record.contract.id, i);
    try {
      s.region = &regions.select(s.record.region, s.record.contract.start);
      if (auto w = regions.version_warning(s.record.region, s.record.contract.start))
        s.warnings.push_back(*w);
      s.obligation = compute_obligation(*s.region, s.record.contract, s.record.pso);
      s.obligation.trace = {};  // status shows the figures, not the steps
      s.provisional = s.obligation.provisional;
    } catch (const DataError& e) {
      s.region = nullptr;
      s.problems = e.diagnostics();
    }
  }

  // What the filter selects, decided once per contract rather than once per line.
  std::vector<char> selected(status.size());
  for (std::size_t i = 0; i < status.size(); ++i)
    selected[i] = options.filter.matches(status[i].record);

  auto offers = reg.latest_offers();
  for (auto& s : status) {
    if (!s.region || !options.filter.matches(s.record)) continue;
    auto it = offers.find(s.record.contract.id);
    if (it == offers.end()) continue;
    s.has_offer = true;
    std::vector<Diagnostic> problems;
    for (const auto& line : it->second) {
      LineResult r = value_offer_line(*s.region, s.record.contract, line, problems);
      s.offered += r.value;
      s.provisional = s.provisional || r.provisional;
    }
    s.offered += s.obligation.pso_fulfilment;
    s.offer_problems = std::move(problems);
  }

  // Value each candidate's lines together, streaming the register per candidate from the one
  // snapshot: this thread reads, batches of whole candidates go to workers (candidates are
  // independent), and their totals are added up after.
  struct Totals {
    std::vector<Money> realised;
    std::vector<int64_t> lines, reduced;
    std::vector<std::vector<Message>> reductions;
    std::vector<std::vector<Diagnostic>> problems;
    std::vector<char> provisional;
    explicit Totals(std::size_t n)
        : realised(n), lines(n), reduced(n), reductions(n), problems(n), provisional(n) {}
  };
  ValuationOptions vo;
  vo.trace = false;
  vo.notes = options.notes;
  vo.as_of = options.as_of;
  vo.figures_only = true;
  using Batch = std::vector<store::LineRecord>;  // whole candidates, in candidate order
  auto value_batch = [&](const Batch& batch, Totals& t, std::size_t worker) {
    std::vector<LineInput> in;
    std::vector<std::size_t> owner;
    auto candidate = [](const store::LineRecord& r) -> const std::string& {
      return r.line.candidate;
    };
    for_each_run(batch.begin(), batch.end(), candidate, [&](auto first, auto last) {
      bool wanted = false;
      in.clear();
      owner.clear();
      // A candidate's lines mostly share a contract: look it up once per change.
      const std::string* last_contract = nullptr;
      std::size_t at = 0;
      bool known = false;
      for (auto rec = first; rec != last; ++rec) {
        const store::LineRecord& r = *rec;
        if (!last_contract || *last_contract != r.contract) {
          auto found = index.find(r.contract);
          known = found && status[*found].region;
          if (known) at = *found;
          last_contract = &r.contract;
        }
        if (!known) continue;
        const ContractStatus& s = status[at];
        wanted = wanted || selected[at];
        in.push_back({&r.line, s.region, &s.record.contract, r.id});
        owner.push_back(at);
      }
      if (!wanted) return;
      std::vector<Diagnostic> problems;
      std::vector<LineResult> values = value_realisations(in, vo, problems);
      if (options.observer) options.observer->candidate(worker, in, values, owner);
      for (std::size_t k = 0; k < values.size(); ++k) {
        std::size_t c = owner[k];
        t.realised[c] += values[k].value;
        t.provisional[c] = t.provisional[c] || values[k].provisional;
        ++t.lines[c];
        t.reduced[c] += values[k].reduced > 0 ? 1 : 0;
        for (auto& note : values[k].reductions) t.reductions[c].push_back(std::move(note));
      }
      // Lines were checked on import; a problem here means the region changed since.
      for (const auto& d : problems) t.problems[owner.front()].push_back(d);
    });
  };
  int threads = static_cast<int>(std::min(4u, std::max(1u, std::thread::hardware_concurrency())));
  std::vector<Totals> parts(static_cast<std::size_t>(threads), Totals(status.size()));
  if (options.observer) options.observer->start(status, parts.size());
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Batch> queue;
  bool reading = true;
  std::vector<std::exception_ptr> errors(parts.size());
  std::vector<std::thread> workers;
  for (std::size_t p = 0; p < parts.size(); ++p)
    workers.emplace_back([&, p] {
      try {
        for (;;) {
          Batch batch;
          {
            std::unique_lock<std::mutex> lock(mu);
            cv.wait(lock, [&] { return !queue.empty() || !reading; });
            if (queue.empty()) return;
            batch = std::move(queue.front());
            queue.pop_front();
          }
          cv.notify_all();
          value_batch(batch, parts[p], p);
        }
      } catch (...) {
        errors[p] = std::current_exception();
        std::lock_guard<std::mutex> lock(mu);
        queue.clear();
      }
    });
  auto hand_over = [&](Batch&& batch) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return queue.size() < 2 * parts.size(); });
    queue.push_back(std::move(batch));
    cv.notify_all();
  };
  std::exception_ptr read_error;
  try {
    // A batch has room for its lines from the start: growing it would move every record.
    constexpr std::size_t kBatch = 4096;
    auto fresh = [] {
      Batch b;
      b.reserve(kBatch + 64);
      return b;
    };
    Batch batch = fresh();
    reg.for_each_line_by_candidate([&](store::LineRecord&& r) {
      // Cut only between candidates, once a batch is large enough.
      if (batch.size() >= kBatch && batch.back().line.candidate != r.line.candidate)
        hand_over(std::exchange(batch, fresh()));
      batch.push_back(std::move(r));
    });
    if (!batch.empty()) hand_over(std::move(batch));
  } catch (...) {
    read_error = std::current_exception();
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    reading = false;
  }
  cv.notify_all();
  for (auto& w : workers) w.join();
  if (read_error) std::rethrow_exception(read_error);
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  for (auto& t : parts)
    for (std::size_t c = 0; c < status.size(); ++c) {
      ContractStatus& s = status[c];
      s.realised += t.realised[c];
      s.lines += t.lines[c];
      s.reduced += t.reduced[c];
      s.provisional = s.provisional || t.provisional[c];
      for (auto& n : t.reductions[c]) s.reductions.push_back(std::move(n));
      for (auto& p : t.problems[c]) s.problems.push_back(std::move(p));
    }

  std::vector<ContractStatus> out;
  for (auto& s : status) {
    if (!options.filter.matches(s.record)) continue;
    if (s.region) {
      const Contract& c = s.record.contract;
      Money lines_realised = s.realised;
      s.realised += s.obligation.pso_fulfilment;
      Balance now = balance(s.realised, s.obligation.amount);
      s.surplus = now.surplus;
      s.shortfall = now.shortfall;
      s.forecast = straight_line_forecast(lines_realised, c, options.as_of, s.region->time_basis) +
                   s.obligation.pso_fulfilment;
      s.penalty_from_contract = c.penalty.has_value();
      s.penalty = penalty_for(penalty_rule(*s.region, c), s.obligation.amount,
                              balance(s.forecast, s.obligation.amount).shortfall);
      if (options.as_of < c.start)
        s.warnings.push_back(msg(Msg::StartsAfterAsOf, c.start, options.as_of));
      if (s.obligation.applies && !s.obligation.amount.is_zero()) {
        if (s.has_offer && s.offered < s.obligation.amount)
          s.risks.push_back(msg(Msg::OfferBelowObligation, s.offered, s.obligation.amount));
        if (options.as_of >= c.start && s.forecast < s.obligation.amount)
          s.risks.push_back(msg(options.as_of >= c.end ? Msg::RealisationBelowObligation
                                                       : Msg::ForecastBelowObligation,
                                s.forecast, s.obligation.amount));
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sroi::portfolio
