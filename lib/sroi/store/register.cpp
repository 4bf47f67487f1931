// SPDX-License-Identifier: EUPL-1.2
// The register's contracts, offers and audit log. The schema, its migrations and opening are in
// register_schema.cpp; realisation lines (imports and the reads that stream them) in
// register_lines.cpp.
#include "sroi/store/register.hpp"

#include "sroi/model/enum_ids.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/register.hpp"
#include "sroi/msg/store.hpp"
#include "sroi/store/register_impl.hpp"

namespace sroi::store {

bool ContractFilter::matches(const ContractRecord& c) const {
  auto contains = [](const std::string& name, const std::string& part) {
    return lower_ascii(name).find(lower_ascii(part)) != std::string::npos;
  };
  return (!contract || lower_ascii(c.contract.id) == lower_ascii(*contract)) &&
         (!supplier || contains(c.supplier, *supplier)) && (!buyer || contains(c.buyer, *buyer));
}

Register::~Register() = default;

int Register::schema_version() const { return impl_->version; }
int Register::opened_version() const { return impl_->opened_version; }
const std::string& Register::path() const { return impl_->path; }

void Register::note_init() {
  guarded(msg(Msg::DoingWriteAudit), [&] {
    // Every audit entry is written under the write lock: it takes the next id and links to the
    // last entry, which two processes must not read at the same time.
    sql::Transaction tx(impl_->db);
    impl_->audit("db.init", "database", facts({{"schema_version", impl_->version}}));
    tx.commit();
    return 0;
  });
}

void Register::add_contract(const Offer& f, const std::string& source_file,
                            const std::string& hash) {
  guarded(msg(Msg::DoingAddContract, as_is(f.contract.id)), [&] {
    refuse_bsn(f.contract.id, "contract");
    refuse_bsn(f.buyer, "buyer");
    refuse_bsn(f.supplier, "supplier");
    refuse_bsn(f.contract.description, "description");
    // What a batch of files keeps waiting is written first, outside the savepoint.
    if (impl_->batch) impl_->flush_batch();
    // One transaction per contract, or a savepoint inside a batch (a folder of contracts).
    sql::AllOrNothing tx(impl_->db, impl_->batch != nullptr, "add_contract");
    // Statements kept for the next contract: prepared once on a PostgreSQL server.
    sql::Statement& exists =
        impl_->prepared("SELECT source_file, added_at FROM contracts WHERE id = ?");
    exists.bind(1, f.contract.id);
    if (exists.executeStep())
      throw StoreError(msg(Msg::ContractExists, as_is(f.contract.id),
                           as_is(exists.getColumn(0).getString()),
                           as_is(exists.getColumn(1).getString())));
    exists.reset();
    sql::Statement& st = impl_->prepared(
        "INSERT INTO contracts(id, buyer, supplier, region, region_version, "
        "value_cents, percentage, threshold_cents, start_date, end_date, "
        "pso_level, pso_valid_until, source_file, source_hash, added_at, "
        "penalty_kind, penalty_factor, description, report_every, grace_days, "
        "count_rule) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const Contract& c = f.contract;
    st.bind(1, c.id);
    st.bind(2, f.buyer);
    st.bind(3, f.supplier);
    st.bind(4, f.region.id);
    bind_optional(st, 5, f.region.version);
    st.bind(6, c.value.cents());
    bind_optional(st, 7, c.percentage);
    bind_optional(st, 8, c.threshold);
    st.bind(9, c.start.iso());
    st.bind(10, c.end.iso());
    st.bind(11);  // certificates live in contract_pso since schema 2
    st.bind(12);
    st.bind(13, source_file);
    st.bind(14, hash);
    st.bind(15, now_utc());
    if (c.penalty) {
      st.bind(16, std::string(id_of(c.penalty->kind)));
      st.bind(17, ratio_text(c.penalty->factor));
    } else {
      st.bind(16);
      st.bind(17);
    }
    st.bind(18, c.description);
    if (c.report_every)
      st.bind(19, std::string(id_of(*c.report_every)));
    else
      st.bind(19);
    if (c.grace_days)
      st.bind(20, int64_t{*c.grace_days});
    else
      st.bind(20);
    if (c.count_accepted_only)
      st.bind(21, std::string(*c.count_accepted_only ? "accepted" : "submitted"));
    else
      st.bind(21);
    st.exec();
    sql::Statement& pso = impl_->prepared(
        "INSERT INTO contract_pso(contract_id, seq, level, issued, valid_until) "
        "VALUES (?, ?, ?, ?, ?)");
    int seq = 0;
    for (const auto& p : f.pso) {
      pso.bind(1, c.id);
      pso.bind(2, ++seq);
      pso.bind(3, std::string(pso_level_id(p.level)));
      bind_optional(pso, 4, p.issued);
      pso.bind(5, p.valid_until.iso());
      pso.exec();
      pso.reset();
    }
    impl_->start_figures(c.id);
    impl_->audit("contract.add", c.id,
                 facts({{"buyer", f.buyer},
                        {"supplier", f.supplier},
                        {"region", f.region.id},
                        {"value", format_plain(c.value)},
                        {"start", c.start.iso()},
                        {"end", c.end.iso()}}),
                 source_file, hash, "contract:" + c.id, impl_->contract_rows_hash(c.id));
    if (!f.lines.empty()) {
      int64_t offer = impl_->insert_offer(c.id, f.lines, source_file, hash);
      impl_->audit("offer.save", c.id, facts({{"offer", offer}, {"lines", f.lines.size()}}),
                   source_file, hash);
    }
    tx.commit();
    return 0;
  });
}

std::vector<ContractRecord> Register::contracts(const ContractFilter& filter) const {
  std::vector<ContractRecord> out;
  out.reserve(contract_count());  // records are large: no moving them on growth
  each_contract([&](ContractRecord&& c) {
    if (filter.matches(c)) out.push_back(std::move(c));
  });
  return out;
}

int64_t Register::contract_count() const {
  return guarded(msg(Msg::DoingReadContracts),
                 [&] { return impl_->db.scalar("SELECT COUNT(*) FROM contracts"); });
}

void Register::each_contract(const std::function<void(ContractRecord&&)>& fn) const {
  guarded(msg(Msg::DoingReadContracts), [&] {
    auto pso = impl_->certificates();
    sql::Statement st(impl_->db, std::string(kContractColumns) + " ORDER BY id");
    while (st.executeStep()) {
      ContractRecord c = impl_->read_contract(st);
      auto it = pso.find(c.contract.id);
      if (it != pso.end()) c.pso = std::move(it->second);
      fn(std::move(c));
    }
  });
}

std::vector<ContractRecord> Register::contracts_named(std::vector<std::string> ids) const {
  return guarded(msg(Msg::DoingReadContracts),
                 [&] { return impl_->read_contracts(std::move(ids)); });
}

std::optional<ContractRecord> Register::contract(const std::string& id) const {
  return guarded(msg(Msg::DoingReadContract, as_is(id)),
                 [&]() -> std::optional<ContractRecord> { return impl_->find_contract(id); });
}

int64_t Register::save_offer(const std::string& contract_id, const std::vector<OfferLine>& lines,
                             const std::string& source_file, const std::string& hash) {
  return guarded(msg(Msg::DoingSaveOffer, as_is(contract_id)), [&] {
    sql::Transaction tx(impl_->db);
    sql::Statement exists(impl_->db, "SELECT 1 FROM contracts WHERE id = ?");
    exists.bind(1, contract_id);
    if (!exists.executeStep())
      throw StoreError(msg(Msg::UnknownContract, as_is(contract_id)), Remedy::AddContract);
    int64_t id = impl_->insert_offer(contract_id, lines, source_file, hash);
    impl_->audit("offer.save", contract_id, facts({{"offer", id}, {"lines", lines.size()}}),
                 source_file, hash);
    tx.commit();
    return id;
  });
}

std::map<std::string, std::vector<OfferLine>> Register::latest_offers(
    const std::optional<std::vector<std::string>>& only) const {
  std::map<std::string, std::vector<OfferLine>> out;
  each_latest_offer(only, [&](const std::string& contract, std::vector<OfferLine>& lines) {
    out[contract] = std::move(lines);
  });
  return out;
}

void Register::each_latest_offer(
    const std::optional<std::vector<std::string>>& only,
    const std::function<void(const std::string&, std::vector<OfferLine>&)>& fn) const {
  guarded(msg(Msg::DoingReadOffers), [&] {
    sql::Statement st(
        impl_->db,
        std::string("SELECT o.contract_id, l.block, l.persons, l.hours_per_week, l.months, "
                    "l.amount_cents, l.hours, l.years, l.count, l.bonuses, o.source_file, "
                    "l.line_no FROM offer_lines l JOIN offers o ON o.id = l.offer_id WHERE "
                    "l.offer_id IN (SELECT MAX(id) FROM offers ") +
            (only ? "WHERE " + among(impl_->db.dialect(), "contract_id", only->size()) + " "
                  : std::string()) +
            "GROUP BY contract_id) ORDER BY l.offer_id, l.line_no");  // the key's order
    if (only) bind_ids(st, 1, *only);
    // One latest offer per contract, its lines one after another: each handed over whole.
    std::string contract;
    std::vector<OfferLine> lines;
    while (st.executeStep()) {
      std::string_view of = text_of(st, 0);
      if (of != contract) {
        if (!lines.empty()) fn(contract, lines);
        lines.clear();
        contract = of;
      }
      OfferLine line;
      SourceLocation at{st.getColumn(10).getString(), st.getColumn(11).getInt()};
      line.where = at;
      line.block_at = Spot::of(at);
      line.block = st.getColumn(1).getString();
      line.quantities = read_quantities(st, {2, 3, 4, 5, 6, 7, 8, 9}, at);
      lines.push_back(std::move(line));
    }
    if (!lines.empty()) fn(contract, lines);
  });
}

std::map<std::string, int64_t> Register::offer_counts() const {
  return guarded(msg(Msg::DoingCountOffers), [&] {
    std::map<std::string, int64_t> out;
    sql::Statement st(impl_->db, "SELECT contract_id, COUNT(*) FROM offers GROUP BY contract_id");
    while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getInt64();
    return out;
  });
}

std::vector<AuditEntry> Register::audit() const {
  return guarded(msg(Msg::DoingReadAudit), [&] {
    std::vector<AuditEntry> out;
    sql::Statement st(impl_->db,
                      "SELECT id, at, user_name, action, entity, detail, "
                      "COALESCE(source_file, ''), COALESCE(source_hash, '') FROM audit_log "
                      "ORDER BY id");
    while (st.executeStep())
      out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                     st.getColumn(2).getString(), st.getColumn(3).getString(),
                     st.getColumn(4).getString(), st.getColumn(5).getString(),
                     st.getColumn(6).getString(), st.getColumn(7).getString()});
    return out;
  });
}

Counts Register::counts() const {
  return guarded(msg(Msg::DoingCountRows), [&] { return impl_->count_rows(); });
}

std::vector<Message> Register::integrity() const {
  return guarded(msg(Msg::DoingCheckDatabase), [&] {
    std::vector<Message> out;
    sql::Connection::Integrity found = impl_->db.integrity();
    for (const std::string& line : found.problems)
      out.push_back(msg(Msg::Value, as_is(line)));  // the store's own words
    if (found.foreign_key_table)
      out.push_back(msg(Msg::ForeignKeyViolation, as_is(*found.foreign_key_table)));
    return out;
  });
}

}  // namespace sroi::store
