// SPDX-License-Identifier: EUPL-1.2
// That a candidate's target-group evidence was seen — never the document — and audit entries
// for changes made outside the register's tables.
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

int64_t Register::data_version() const {
  return guarded(msg(Msg::DoingReadRegister), [&] { return impl_->db.data_version(); });
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

}  // namespace sroi::store
