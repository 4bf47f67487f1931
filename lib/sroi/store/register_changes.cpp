// SPDX-License-Identifier: EUPL-1.2
// What changed since a reader looked: the register's versions, and the contracts whose status
// a write may have moved (a portal values only those again, not the whole register).
#include <algorithm>
#include <string_view>

#include "sroi/msg/store.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/register_impl.hpp"

namespace sroi::store {
namespace {

/// Audit actions whose entity is the one contract they change (besides the contracts whose
/// figures move with them, which their figures rows record).
constexpr std::string_view kContractActions[] = {
    "contract.add",  "offer.save",  "import",          "import.replace", "import.remove",
    "import.review", "line.review", "evidence.record", "contract.settle"};
/// Audit actions that change no contract's status: accounts, keys, reminders sent.
constexpr std::string_view kNoStatusActions[] = {"user.add",     "user.passwd", "user.disable",
                                                 "user.contact", "token.add",   "token.revoke",
                                                 "remind.sent"};

bool one_of(const std::string& action, const auto& list) {
  return std::find(std::begin(list), std::end(list), action) != std::end(list);
}

}  // namespace

int64_t Register::data_version() const {
  return guarded(msg(Msg::DoingReadRegister), [&] { return impl_->db.data_version(); });
}

int64_t Register::audit_entries() const {
  return guarded(msg(Msg::DoingReadRegister), [&] {
    sql::Statement st(impl_->db, "SELECT entries FROM audit_head WHERE id = 1");
    return st.executeStep() ? st.getColumn(0).getInt64() : int64_t{0};
  });
}

RegisterChanges Register::changes_since(int64_t entries, int64_t most) const {
  Snapshot snapshot(*this);
  RegisterChanges out;
  out.entries = audit_entries();
  // A log shorter than the reader's (another register, a restored copy), or too many entries
  // to read one by one: everything.
  if (out.entries < entries || out.entries - entries > most) {
    out.whole = true;
    return out;
  }
  if (out.entries == entries) return out;
  return guarded(msg(Msg::DoingReadRegister), [&] {
    // The entries are numbered 1, 2, … in the order written (the chain links them so).
    sql::Statement named(impl_->db, "SELECT action, entity FROM audit_log WHERE id > ?");
    named.bind(1, entries);
    while (named.executeStep()) {
      std::string action = named.getColumn(0).getString();
      if (one_of(action, kContractActions))
        out.contracts.push_back(named.getColumn(1).getString());
      else if (!one_of(action, kNoStatusActions))
        out.whole = true;
    }
    if (out.whole) {
      out.contracts.clear();
      return out;
    }
    sql::Statement moved(impl_->db, "SELECT contract_id FROM contract_figures WHERE moved > ?");
    moved.bind(1, entries);
    while (moved.executeStep()) out.contracts.push_back(moved.getColumn(0).getString());
    std::sort(out.contracts.begin(), out.contracts.end());
    out.contracts.erase(std::unique(out.contracts.begin(), out.contracts.end()),
                        out.contracts.end());
    return out;
  });
}

}  // namespace sroi::store
