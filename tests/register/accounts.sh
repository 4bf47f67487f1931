#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The portal's accounts from the command line, as a coordinator sets them up: a generated
# password is shown once and only its Argon2id hash is stored; a password from stdin must be
# long enough; names are unique; disabling revokes the account's API keys; the audit log
# names each change without any password or hash; nothing is stored on a refused command.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sroi db init >/dev/null
# A portal without an account cannot be used: its check says how to make one.
sroi serve --data-dir "$work" --check >/dev/null 2>"$work/err" && fail "check passed without accounts"
has "$(cat "$work/err")" 'sroi user add' || fail "check without accounts: $(cat "$work/err")"

out=$(sroi user add anna --role buyer --org "Gemeente Zwolle" 2>/dev/null)
pw=$(sed -n 's/.*(shown this once only): //p' <<<"$out")
[[ "$pw" =~ ^[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$ ]] || fail "generated password '$pw'"
hash=$(sql "select password_hash from users where name = 'anna'")
has "$hash" 'argon2id' || fail "stored hash is not Argon2id: $hash"
has "$hash" "$pw" && fail "the password itself is stored"

echo "een-lang-wachtwoord" | sroi user add bram --role supplier --org "Bouw BV" --password-stdin \
  >"$work/out" 2>&1 || fail "add with --password-stdin"
has "$(cat "$work/out")" 'een-lang-wachtwoord' && fail "a given password is echoed"
has "$(cat "$work/out")" 'added account bram: supplier of Bouw BV' || fail "add: $(cat "$work/out")"

before=$(sql "select count(*) from audit_log")
echo "kort" | sroi user passwd bram --password-stdin >/dev/null 2>"$work/err" && fail "short password accepted"
has "$(cat "$work/err")" 'at least 12 characters' || fail "short password message: $(cat "$work/err")"
sroi user add anna --role buyer --org X >/dev/null 2>"$work/err" && fail "duplicate name accepted"
has "$(cat "$work/err")" "already an account 'anna'" || fail "duplicate message"
sroi user add carl --role chef --org X >/dev/null 2>"$work/err" && fail "unknown role accepted"
has "$(cat "$work/err")" "unknown role 'chef'" || fail "bad role message"
sroi user add "$(printf 'x\033[31m')" --role buyer --org X >/dev/null 2>"$work/err" && fail "control character accepted"
expect_eq "$(sql "select count(*) from audit_log")" "$before" "refused commands wrote to the audit log"
expect_eq "$(sql "select count(*) from users")" "2" "refused commands stored an account"

token=$(sroi token add --account bram --label boekhouding 2>/dev/null | sed -n 's/.*: \(sroi_[0-9a-f]*\)$/\1/p')
[[ "$token" =~ ^sroi_[0-9a-f]{64}$ ]] || fail "token '$token'"
stored=$(sql "select token_hash from api_tokens")
has "$stored" "${token#sroi_}" && fail "the token itself is stored"
want=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
has "$stored" "$want" || fail "stored token hash is not its SHA-256"

sroi user disable bram 2>/dev/null
has "$(sroi user list)" 'bram .*disabled' || fail "bram not shown disabled: $(sroi user list)"
has "$(sroi token list)" 'revoked' || fail "bram's key not revoked: $(sroi token list)"
audit=$(sql "select action || ' ' || entity || ' ' || detail from audit_log where action like 'user.%' or action like 'token.%'")
for a in "user.add anna" "user.add bram" "token.add bram" "user.disable bram"; do
  has "$audit" "$a" || fail "audit lacks '$a': $audit"
done
has "$audit" 'argon2' && fail "a hash in the audit log"
has "$audit" "$pw" && fail "a password in the audit log"
sroi db verify >/dev/null || fail "audit chain broken"
# The service's check: the register in the data folder, the shipped regions, one active account.
on_postgres && where='postgresql://.*' || where='.*sroi.db'
has "$(sroi serve --data-dir "$work" --check)" "in order ($where, 1 active accounts, [0-9]* regions)" ||
  fail "serve --check: $(sroi serve --data-dir "$work" --check 2>&1)"
# In Dutch the role is said in Dutch, not as its id.
echo "een-lang-wachtwoord" | sroi --lang nl user add dirk --role buyer --org "Gemeente Zwolle" \
  --password-stdin >/dev/null 2>"$work/err" || fail "add in Dutch"
expect_eq "$(head -1 "$work/err")" "account dirk toegevoegd: opdrachtgever van Gemeente Zwolle" \
  "the Dutch message names the role in Dutch"
echo "ok: accounts"
