// SPDX-License-Identifier: EUPL-1.2
// The portal's accounts and API tokens: hashes only, every change audited.
#include "sroi/msg/store.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/register_impl.hpp"

namespace sroi::store {
namespace {

UserRecord user_from(sql::Statement& st) {
  UserRecord u;
  u.id = st.getColumn(0).getInt64();
  u.name = st.getColumn(1).getString();
  u.role = parse_role(st.getColumn(2).getString()).value_or(Role::Supplier);
  u.org = st.getColumn(3).getString();
  u.password_hash = st.getColumn(4).getString();
  u.created_at = st.getColumn(5).getString();
  u.disabled_at = column_text(st, 6);
  u.email = st.getColumn(7).getString();
  u.lang = st.getColumn(8).getString();
  return u;
}

const char* const kUserColumns =
    "SELECT id, name, role, org, password_hash, created_at, disabled_at, email, lang FROM users";

}  // namespace

const char* role_id(Role r) { return id_of(r); }

std::optional<Role> parse_role(std::string_view id) { return from_id<Role>(id); }

void Register::add_user(const std::string& name, Role role, const std::string& org,
                        const std::string& password_hash) {
  guarded(msg(Msg::DoingAddUser), [&] {
    refuse_bsn(name, "name");
    refuse_bsn(org, "org");
    sql::Transaction tx(impl_->db);
    sql::Statement exists(impl_->db, "SELECT 1 FROM users WHERE name = ?");
    exists.bind(1, name);
    if (exists.executeStep()) throw StoreError(msg(Msg::UserExists, as_is(name)));
    sql::Statement st(impl_->db,
                      "INSERT INTO users(name, role, org, password_hash, created_at) "
                      "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, name);
    st.bind(2, role_id(role));
    st.bind(3, org);
    st.bind(4, password_hash);
    st.bind(5, now_utc());
    st.exec();
    impl_->audit("user.add", name, facts({{"role", role_id(role)}, {"org", org}}));
    tx.commit();
    return 0;
  });
}

std::vector<UserRecord> Register::users() const {
  return guarded(msg(Msg::DoingReadUsers), [&] {
    std::vector<UserRecord> out;
    sql::Statement st(impl_->db, std::string(kUserColumns) + " ORDER BY name");
    while (st.executeStep()) out.push_back(user_from(st));
    return out;
  });
}

std::optional<UserRecord> Register::find_user(const std::string& name) const {
  return guarded(msg(Msg::DoingReadUsers), [&]() -> std::optional<UserRecord> {
    sql::Statement st(impl_->db, std::string(kUserColumns) + " WHERE name = ?");
    st.bind(1, name);
    if (!st.executeStep()) return std::nullopt;
    return user_from(st);
  });
}

namespace {

/// The account `name`, or a StoreError that names the accounts there are.
UserRecord existing(const Register& reg, const std::string& name) {
  if (auto u = reg.find_user(name)) return *u;
  std::vector<std::string> names;
  for (const auto& u : reg.users()) names.push_back(u.name);
  throw StoreError(msg(Msg::UserUnknown, as_is(name), listed(names)));
}

}  // namespace

void Register::set_password(const std::string& name, const std::string& password_hash) {
  UserRecord u = existing(*this, name);
  guarded(msg(Msg::DoingChangeUser), [&] {
    sql::Transaction tx(impl_->db);
    sql::Statement st(impl_->db, "UPDATE users SET password_hash = ? WHERE id = ?");
    st.bind(1, password_hash);
    st.bind(2, u.id);
    st.exec();
    impl_->audit("user.passwd", name, facts({{"role", role_id(u.role)}, {"org", u.org}}));
    tx.commit();
    return 0;
  });
}

void Register::disable_user(const std::string& name) {
  UserRecord u = existing(*this, name);
  guarded(msg(Msg::DoingChangeUser), [&] {
    sql::Transaction tx(impl_->db);
    sql::Statement st(impl_->db,
                      "UPDATE users SET disabled_at = COALESCE(disabled_at, ?) WHERE id = ?");
    st.bind(1, now_utc());
    st.bind(2, u.id);
    st.exec();
    // Its API tokens stop with it.
    sql::Statement tokens(impl_->db,
                          "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) "
                          "WHERE user_id = ?");
    tokens.bind(1, now_utc());
    tokens.bind(2, u.id);
    tokens.exec();
    impl_->audit("user.disable", name, facts({{"role", role_id(u.role)}, {"org", u.org}}));
    tx.commit();
    return 0;
  });
}

int64_t Register::add_api_token(const std::string& user, const std::string& token_sha256,
                                const std::string& label) {
  UserRecord u = existing(*this, user);
  return guarded(msg(Msg::DoingAddToken), [&] {
    refuse_bsn(label, "label");
    sql::Transaction tx(impl_->db);
    sql::Statement st(impl_->db,
                      "INSERT INTO api_tokens(user_id, token_hash, label, created_at) "
                      "VALUES (?, ?, ?, ?) RETURNING id");
    st.bind(1, u.id);
    st.bind(2, token_sha256);
    st.bind(3, label);
    st.bind(4, now_utc());
    st.executeStep();
    int64_t id = st.getColumn(0).getInt64();
    st.reset();
    impl_->audit("token.add", user,
                 facts({{"token", id}, {"label", label}, {"role", role_id(u.role)}}));
    tx.commit();
    return id;
  });
}

std::vector<ApiTokenRecord> Register::api_tokens() const {
  return guarded(msg(Msg::DoingReadUsers), [&] {
    std::vector<ApiTokenRecord> out;
    sql::Statement st(impl_->db,
                      "SELECT t.id, u.name, t.label, t.created_at, t.revoked_at "
                      "FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id");
    while (st.executeStep())
      out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                     st.getColumn(2).getString(), st.getColumn(3).getString(), column_text(st, 4)});
    return out;
  });
}

ApiTokenRecord Register::revoke_api_token(int64_t id) {
  std::optional<ApiTokenRecord> found;
  for (auto& t : api_tokens())
    if (t.id == id) found = std::move(t);
  if (!found) throw StoreError(msg(Msg::TokenUnknown, id));
  return guarded(msg(Msg::DoingRevokeToken), [&] {
    sql::Transaction tx(impl_->db);
    sql::Statement st(impl_->db,
                      "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?");
    st.bind(1, now_utc());
    st.bind(2, id);
    st.exec();
    impl_->audit("token.revoke", found->user, facts({{"token", id}, {"label", found->label}}));
    tx.commit();
    return *found;
  });
}

std::optional<UserRecord> Register::user_of_token(const std::string& token_sha256) const {
  return guarded(msg(Msg::DoingReadUsers), [&]() -> std::optional<UserRecord> {
    sql::Statement st(
        impl_->db,
        "SELECT u.id, u.name, u.role, u.org, u.password_hash, u.created_at, "
        "u.disabled_at, u.email, u.lang FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND "
        "u.disabled_at IS NULL");
    st.bind(1, token_sha256);
    if (!st.executeStep()) return std::nullopt;
    return user_from(st);
  });
}

void Register::set_contact(const std::string& name, const std::string& email,
                           const std::string& lang) {
  guarded(msg(Msg::DoingSetContact), [&] {
    refuse_bsn(email, "email");
    sql::Transaction tx(impl_->db);
    existing(*this, name);
    sql::Statement st(impl_->db, "UPDATE users SET email = ?, lang = ? WHERE name = ?");
    st.bind(1, email);
    st.bind(2, lang);
    st.bind(3, name);
    st.exec();
    // The address is personal data: the log says that it was set, not what it is.
    impl_->audit("user.contact", name,
                 facts({{"email", email.empty() ? "none" : "set"}, {"lang", lang}}));
    tx.commit();
    return 0;
  });
}

std::set<std::string> Register::notices_sent(const std::string& user) const {
  return guarded(msg(Msg::DoingReadNotices), [&] {
    std::set<std::string> out;
    sql::Statement st(impl_->db, "SELECT notice FROM notices_sent WHERE user_name = ?");
    st.bind(1, user);
    while (st.executeStep()) out.insert(st.getColumn(0).getString());
    return out;
  });
}

void Register::record_notices_sent(const std::string& user,
                                   const std::vector<std::string>& notices) {
  guarded(msg(Msg::DoingRecordNotices), [&] {
    sql::Transaction tx(impl_->db);
    const std::string now = now_utc();
    sql::Statement st(impl_->db,
                      "INSERT INTO notices_sent(user_name, notice, sent_at) VALUES (?, ?, ?) "
                      "ON CONFLICT (user_name, notice) DO NOTHING");
    for (const auto& n : notices) {
      st.bind(1, user);
      st.bind(2, n);
      st.bind(3, now);
      st.exec();
      st.reset();
    }
    impl_->audit("remind.sent", user, facts({{"notices", notices.size()}}));
    tx.commit();
    return 0;
  });
}

}  // namespace sroi::store
