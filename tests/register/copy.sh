#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# sroi db copy (issue 25): an SQLite register moved into a PostgreSQL database and back keeps
# its audit chain, its stored figures and every figure of status, byte for byte; a target that
# holds tables already is refused and left as it was; a password in the address is never shown.
# Runs against the tests' own PostgreSQL server (CTest's pg fixture).
source "$(dirname "$0")/lib.sh"
on_postgres || fail "copy.sh needs the tests' PostgreSQL server (run it through ctest)"
R="$SRC/samples/register"
pg=$SROI_DB
export SROI_DB="$work/sroi.db"
sroi db init >/dev/null
sroi contract add "$R/contracts" >/dev/null 2>&1
sroi import "$R/realisations" >/dev/null 2>&1
sroi user add anna --role buyer --org "Gemeente Zwolle" >/dev/null 2>&1
sroi db revalue --as-of 2028-06-30 >/dev/null
sroi --format json status --as-of 2028-06-30 >sqlite.json
sroi --format json status >sqlite-today.json
entries=$(sroi --format json db info | python3 -c 'import json,sys; print(json.load(sys.stdin)["audit_entries"])')

out=$(sroi db copy --to "$pg" 2>/dev/null)
has "$out" "copied .*sroi.db to postgresql://.*: 3 contracts, 7 lines, $((entries + 1)) audit entries" ||
  fail "copy to PostgreSQL: $out"
SROI_DB=$pg sroi db verify >verify.out || fail "verify on PostgreSQL: $(cat verify.out)"
has "$(cat verify.out)" "stored figures ok: 7 lines and 3 contracts equal a fresh computation up to 2028-06-30" ||
  fail "figures after the copy: $(cat verify.out)"
SROI_DB=$pg sroi --format json status --as-of 2028-06-30 | cmp -s - sqlite.json ||
  fail "status on PostgreSQL differs from SQLite's"
SROI_DB=$pg sroi --format json status | cmp -s - sqlite-today.json ||
  fail "status of today on PostgreSQL differs from SQLite's"
has "$(SROI_DB=$pg sroi user list)" "anna" || fail "accounts were not copied"

# Into a database that holds a register already: refused, and nothing in it changed.
before=$(psql -qAtX "$pg" -c "SELECT COUNT(*) FROM audit_log")
set +e
out=$(sroi db copy --to "$pg" 2>&1); code=$?
set -e
expect_eq "$code" 1 "copy into a register"
has "$out" "already holds tables" || fail "copy into a register: $out"
expect_eq "$(psql -qAtX "$pg" -c "SELECT COUNT(*) FROM audit_log")" "$before" "audit entries after a refused copy"

# Back into a new SQLite file: the same figures again; the chain holds both copies' entries.
sroi db copy --from "$pg" --to back.db >/dev/null 2>&1
SROI_DB=back.db sroi db verify >/dev/null || fail "verify after copying back: $(SROI_DB=back.db sroi db verify)"
SROI_DB=back.db sroi --format json status --as-of 2028-06-30 | cmp -s - sqlite.json ||
  fail "status after copying back differs"
expect_eq "$(SROI_DB=back.db sroi --format json db info | python3 -c 'import json,sys; print(json.load(sys.stdin)["audit_entries"])')" \
  "$((entries + 2))" "audit entries after two copies"

# A password in the address is shown as ***, in messages and listings alike.
secret=${pg/sroi@/sroi:geheim-wachtwoord@}
out=$(SROI_DB=$secret sroi db info 2>&1 || true)
has "$out" "geheim-wachtwoord" && fail "the password was shown: $out"
has "$out" "sroi:\*\*\*@" || fail "the address was not shown masked: $out"
echo "ok: copy"
