// SPDX-License-Identifier: EUPL-1.2
// What the buyer records: that a candidate's target-group evidence was seen (never the
// document) and a contract's settlement at its end; and audit entries for changes made outside
// the register's tables.
#include "sroi/msg/store.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/register_impl.hpp"

namespace sroi::store {

void Register::note_event(const std::string& action, const std::string& entity,
                          const std::string& facts_json) {
  guarded(msg(Msg::DoingWriteAudit), [&] {
    sql::Transaction tx(impl_->db);
    impl_->audit(action, entity, facts_json);
    tx.commit();
    return 0;
  });
}

int64_t Register::record_evidence(const std::string& contract_id, const std::string& candidate,
                                  const std::string& kind, const Date& seen_on) {
  return guarded(msg(Msg::DoingRecordEvidence), [&] {
    refuse_bsn(candidate, "candidate");
    refuse_bsn(kind, "kind");
    sql::Transaction tx(impl_->db);
    sql::Statement has(impl_->db,
                       "SELECT 1 FROM realisation_lines WHERE contract_id = ? AND candidate = ? "
                       "LIMIT 1");
    has.bind(1, contract_id);
    has.bind(2, candidate);
    if (!has.executeStep())
      throw StoreError(msg(Msg::EvidenceNoCandidate, as_is(candidate), as_is(contract_id)));
    sql::Statement st(impl_->db,
                      "INSERT INTO evidence(contract_id, candidate, kind, seen_on, recorded_by, "
                      "recorded_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    st.bind(1, contract_id);
    st.bind(2, candidate);
    st.bind(3, kind);
    st.bind(4, seen_on.iso());
    st.bind(5, impl_->user);
    st.bind(6, now_utc());
    st.executeStep();
    int64_t id = st.getColumn(0).getInt64();
    st.reset();
    impl_->audit("evidence.record", contract_id,
                 facts({{"candidate", candidate}, {"kind", kind}, {"seen_on", seen_on.iso()}}));
    tx.commit();
    return id;
  });
}

std::vector<EvidenceRecord> Register::evidence(const std::string& contract_id) const {
  return guarded(msg(Msg::DoingReadRegister), [&] {
    std::vector<EvidenceRecord> out;
    sql::Statement st(impl_->db,
                      "SELECT id, contract_id, candidate, kind, seen_on, recorded_by, "
                      "recorded_at FROM evidence WHERE contract_id = ? ORDER BY id");
    st.bind(1, contract_id);
    while (st.executeStep()) {
      EvidenceRecord e;
      e.id = st.getColumn(0).getInt64();
      e.contract = st.getColumn(1).getString();
      e.candidate = st.getColumn(2).getString();
      e.kind = st.getColumn(3).getString();
      e.seen_on = date_from(text_of(st, 4));
      e.recorded_by = st.getColumn(5).getString();
      e.recorded_at = st.getColumn(6).getString();
      out.push_back(std::move(e));
    }
    return out;
  });
}

void Register::record_settlement(const SettlementRecord& r) {
  guarded(msg(Msg::DoingRecordSettlement, as_is(r.contract)), [&] {
    refuse_bsn(r.reason, "reason");
    sql::Transaction tx(impl_->db);
    impl_->require_contract(r.contract);
    if (auto earlier = settlement(r.contract))
      throw StoreError(msg(Msg::AlreadySettled, as_is(r.contract), as_is(earlier->decided_at),
                           as_is(earlier->decided_by)));
    const std::string now = now_utc();
    sql::Statement st(impl_->db,
                      "INSERT INTO settlements(contract_id, obligation_cents, realised_cents, "
                      "shortfall_cents, rule_penalty_cents, decision, penalty_cents, reason, "
                      "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, r.contract);
    st.bind(2, r.obligation.cents());
    st.bind(3, r.realised.cents());
    st.bind(4, r.shortfall.cents());
    st.bind(5, r.rule_penalty.cents());
    st.bind(6, r.decision);
    st.bind(7, r.penalty.cents());
    st.bind(8, r.reason);
    st.bind(9, impl_->user);
    st.bind(10, now);
    st.exec();
    impl_->audit("contract.settle", r.contract,
                 facts({{"obligation", format_plain(r.obligation)},
                        {"realised", format_plain(r.realised)},
                        {"shortfall", format_plain(r.shortfall)},
                        {"rule_penalty", format_plain(r.rule_penalty)},
                        {"decision", r.decision},
                        {"penalty", format_plain(r.penalty)},
                        {"reason", r.reason}}));
    tx.commit();
    return 0;
  });
}

std::optional<SettlementRecord> Register::settlement(const std::string& contract_id) const {
  return guarded(
      msg(Msg::DoingReadSettlement, as_is(contract_id)), [&]() -> std::optional<SettlementRecord> {
        sql::Statement st(impl_->db,
                          "SELECT obligation_cents, realised_cents, shortfall_cents, "
                          "rule_penalty_cents, decision, penalty_cents, reason, decided_by, "
                          "decided_at FROM settlements WHERE contract_id = ?");
        st.bind(1, contract_id);
        if (!st.executeStep()) return std::nullopt;
        SettlementRecord r;
        r.contract = contract_id;
        r.obligation = Money::cents(st.getColumn(0).getInt64());
        r.realised = Money::cents(st.getColumn(1).getInt64());
        r.shortfall = Money::cents(st.getColumn(2).getInt64());
        r.rule_penalty = Money::cents(st.getColumn(3).getInt64());
        r.decision = st.getColumn(4).getString();
        r.penalty = Money::cents(st.getColumn(5).getInt64());
        r.reason = st.getColumn(6).getString();
        r.decided_by = st.getColumn(7).getString();
        r.decided_at = st.getColumn(8).getString();
        return r;
      });
}

}  // namespace sroi::store
