#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Records that can be trusted (issue 24), each block as the issue measured it from outside: a
# BSN in spreadsheet and Unicode disguises, the audit chain's tail and key, rows edited behind
# sroi's back, read-only copies, and empty settings.
source "$(dirname "$0")/lib.sh"
R="$SRC/samples/register"
passed=0
ok() { passed=$((passed + 1)); }
entries() { sroi --format json db info | python3 -c "import json,sys; print(json.load(sys.stdin)['audit_entries'])"; }
# contract_file ID: a copy of the Utrecht sample contract under another id.
contract_file() { sed -e "s/^id = .*/id = \"$1\"/" "$R/contracts/U-2027-003.toml" >"$1.toml"; echo "$1.toml"; }

# --- BSN disguises: every verb that takes text refuses them, names the cell, never the number.
sroi db init >/dev/null
sroi contract add "$R/contracts/U-2027-003.toml" >/dev/null
i=0
while IFS= read -r disguise; do
  i=$((i + 1))
  printf 'candidate;block;start;end;hours_per_week\nU-1;participatiewet;1-2-2027;31-12-2027;30\n%s;participatiewet;1-2-2027;31-12-2027;30\n' \
    "$disguise" >"U-2027-003.csv"
  for verb in "realisation U-2027-003.csv --contract U-2027-003 --region utrecht --value 480000 --start 2027-01-01 --end 2027-12-31" \
              "import U-2027-003.csv"; do
    set +e
    out=$(sroi $verb 2>&1); code=$?
    set -e
    expect_eq "$code" 1 "disguise $i ($verb)"
    has "$out" "U-2027-003.csv, row 3, column Candidate: error: candidate looks like a BSN" || fail "disguise $i ($verb): $out"
    has "$out" "111" && fail "disguise $i: the number was repeated: $out"
  done
  # As a supplier's name in a contract file.
  sed -e "s/^supplier = .*/supplier = \"Jansen $disguise BV\"/" -e 's/^id = .*/id = "B-1"/' \
    "$R/contracts/U-2027-003.toml" >B-1.toml
  set +e
  out=$(sroi contract add B-1.toml 2>&1); code=$?
  set -e
  expect_eq "$code" 1 "supplier with disguise $i"
  has "$out" "B-1.toml:5:12: error: supplier holds something that looks like a BSN" ||
    fail "supplier with disguise $i: $out"
done < <(python3 - <<'PY'
import unicodedata
bsn = "111222333"
def script(zero):  # 111222333 in the digits that start at `zero`
    return "".join(chr(zero + int(d)) for d in bsn)
print("111222333.0"); print("1.11222333E+08"); print("111,222,333"); print("0111222333")
print("K-111222333"); print("111222333A")
for cf in ("\u200b", "\u00ad", "\u2060", "\u200c"):
    print(cf.join(bsn))
print("111\u2013222\u2013333"); print("111\u2014222\u2014333")
for zero in (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE, 0x1D7F6):
    print(script(zero))
sup = {"0": "\u2070", "1": "\u00b9", "2": "\u00b2", "3": "\u00b3"}
print("".join(sup[d] for d in bsn))
print("".join(chr(0x2460 + int(d) - 1) for d in bsn))
PY
)
expect_eq "$(sroi --format json imports | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 0 \
  "nothing was imported"
ok

# --- The anchor: deleting the last three of 35 entries was "audit log ok (32 entries chained)".
n=0
while [ "$(entries)" -lt 35 ]; do
  n=$((n + 1))
  sroi contract add "$(contract_file "T-$n")" >/dev/null 2>&1
done
total=$(entries)  # 35 or more: the set-up above (one migration entry per schema version) may pass it
[ "$total" -ge 35 ] || fail "entries before the deletion: $total"
has "$(sroi db info)" "anchor: $total entries, last hash " || fail "db info prints the anchor"
python3 -c "
import sqlite3; c = sqlite3.connect('sroi.db')
c.execute('DROP TRIGGER audit_log_no_delete'); c.execute('DELETE FROM audit_log WHERE id > $((total - 3))'); c.commit()"
set +e
out=$(sroi db verify 2>&1); code=$?
set -e
expect_eq "$code" 1 "db verify after the tail was deleted"
has "$out" "the log ends at entry $((total - 3)) but its anchor records $total entries" ||
  fail "shortened: $out"
ok

# --- Rows edited behind sroi's back: a line's hours, a contract's value.
rm -f sroi.db
sroi db init >/dev/null
sroi contract add "$R/contracts/U-2027-003.toml" >/dev/null
sroi import "$R/realisations/U-2027-003.csv" >/dev/null
has "$(sroi db verify)" "stored rows ok (1 contracts" || fail "untouched rows: $(sroi db verify)"
python3 -c "
import sqlite3; c = sqlite3.connect('sroi.db')
c.execute(\"UPDATE realisation_lines SET hours_per_week = '40' WHERE line_no = 2\"); c.commit()"
set +e
out=$(sroi db verify 2>&1); code=$?
info=$(sroi db info 2>&1); info_code=$?
set -e
expect_eq "$code" 1 "db verify after a line was edited"
expect_eq "$info_code" 1 "db info after a line was edited"
has "$out" "stored row 1 (contract U-2027-003, import 1, line 2) was changed outside sroi" ||
  fail "edited line: $out"
has "$info" "stored row 1 (contract U-2027-003" || fail "db info: $info"
python3 -c "
import sqlite3; c = sqlite3.connect('sroi.db')
c.execute(\"UPDATE realisation_lines SET hours_per_week = '30' WHERE line_no = 2\")
c.execute(\"UPDATE contracts SET value_cents = 100 WHERE id = 'U-2027-003'\"); c.commit()"
set +e
out=$(sroi db verify 2>&1); code=$?
set -e
expect_eq "$code" 1 "db verify after a contract value was edited"
has "$out" "contract U-2027-003 was changed in the contracts table outside sroi" || fail "value: $out"
has "$out" "stored row 1" && fail "the line was put back: $out"
ok

# --- The keyed chain: rewriting entry 16 and recomputing the following hashes passed.
rm -f sroi.db
head -c 32 /dev/urandom >audit.key
export SROI_AUDIT_KEY_FILE="$work/audit.key"
sroi db init >/dev/null
n=0
while [ "$(entries)" -lt 34 ]; do
  n=$((n + 1))
  sroi contract add "$(contract_file "K-$n")" >/dev/null 2>&1
done
total=$(entries)  # 34 or 35: each contract adds two entries to the migrations' own
has "$(sroi db verify)" "entries 1 to $total proven with the key" || fail "keyed: $(sroi db verify)"
unset SROI_AUDIT_KEY_FILE
has "$(sroi db verify)" "entries 1 to $total are chained with a key; without the key only" ||
  fail "keyed, verified without the key: $(sroi db verify)"
set +e
out=$(sroi contract add "$(contract_file K-x)" 2>&1); code=$?
set -e
expect_eq "$code" 1 "writing a keyed log without the key"
has "$out" "only the key holder can extend it" || fail "no key: $out"
# The attacker rewrites entry 16 and chains 16..31 again as the register would without a key
# (SHA-256), anchor included; then again keeping the entries marked keyed.
cat >rewrite.py <<'PY'
import hashlib, sqlite3, sys
keep_keyed = sys.argv[1] == "keep"
c = sqlite3.connect("sroi.db")
c.execute("DROP TRIGGER audit_log_no_update")
rows = c.execute("SELECT id, at, user_name, action, entity, detail, source_file, source_hash, "
                 "prev_hash, rows_of, rows_hash FROM audit_log WHERE id >= 16 ORDER BY id").fetchall()
prev = rows[0][8]
for r in rows:
    r = list(r)
    if r[0] == 16:
        r[5] = r[5].replace("Schoonmaak", "Anders")
    parts = [str(r[0])] + [x or "" for x in r[1:8]] + [prev]
    if r[9]:
        parts += [r[9], r[10]]
    h = hashlib.sha256("".join(f"{len(p.encode())}:{p};" for p in parts).encode()).hexdigest()
    c.execute("UPDATE audit_log SET detail = ?, prev_hash = ?, entry_hash = ?, keyed = ? WHERE id = ?",
              (r[5], prev, h, 1 if keep_keyed else 0, r[0]))
    prev = h
c.execute("UPDATE audit_head SET last_hash = ?", (prev,))
c.commit()
PY
cp sroi.db keyed.db
python3 rewrite.py unkeyed
set +e
out=$(SROI_AUDIT_KEY_FILE="$work/audit.key" sroi db verify 2>&1); code=$?
set -e
expect_eq "$code" 1 "rewritten as unkeyed, verified with the key"
has "$out" "broken at entry 16: the entry is not chained with the key" || fail "unkeyed: $out"
cp keyed.db sroi.db
python3 rewrite.py keep
set +e
out=$(SROI_AUDIT_KEY_FILE="$work/audit.key" sroi db verify 2>&1); code=$?
set -e
expect_eq "$code" 1 "rewritten keeping the mark, verified with the key"
has "$out" "broken at entry 16: its content does not match its hash under this key" ||
  fail "keyed: $out"
head -c 32 /dev/urandom >other.key
set +e
out=$(sroi --audit-key-file other.key db verify --db keyed.db 2>&1); code=$?
out2=$(sroi --audit-key-file short.key db verify 2>&1); code2=$?
set -e
expect_eq "$code" 1 "another key"
has "$out" "broken at entry 1: its content does not match its hash under this key" || fail "other key: $out"
has "$out2" "audit key file short.key: cannot open file" || fail "missing key file: $out2"
head -c 8 /dev/urandom >short.key
set +e
out2=$(sroi --audit-key-file short.key db verify 2>&1)
set -e
has "$out2" "holds 8 bytes, at least 32 are needed" || fail "short key: $out2"
ok

# --- Reading what one may not write: WAL register, file 0444, folder the reader cannot write.
rm -f sroi.db keyed.db
sroi db init >/dev/null
sroi contract add "$R/contracts/U-2027-003.toml" >/dev/null
sroi import "$R/realisations/U-2027-003.csv" >/dev/null
has "$(python3 -c "import sqlite3; print(sqlite3.connect('sroi.db').execute('PRAGMA journal_mode').fetchone()[0])")" wal ||
  fail "the register is in WAL mode"
mkdir ro && cp sroi.db ro/ && chmod 0444 ro/sroi.db && chmod 0555 ro
as_reader() { "$@"; }
# What the other users run and read lies in $work (the source tree may be a 0700 clone).
mkdir bin && cp "$SROI" bin/sroi && cp -r "$SRC/regions" "$SRC/buildingblocks" .
cp "$R/realisations/U-2027-003.csv" ./U-2027-003.csv
SROI="$work/bin/sroi" SRC="$work" R="$work"
if [[ "${LSAN_OPTIONS:-}" == *suppressions=* ]]; then  # under the sanitizers: its file too
  supp=${LSAN_OPTIONS#*suppressions=}
  supp=${supp%%:*}
  cp "$supp" "$work/lsan.supp"
  export LSAN_OPTIONS=${LSAN_OPTIONS/"$supp"/"$work/lsan.supp"}
fi
if [ "$(id -u)" = 0 ]; then
  chmod 0755 "$work"
  as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
reads=("status" "export --table lines" "imports" "contract list" "db info" "db verify" "kpi --from 2027-01-01 --to 2027-12-31")
for verb in "${reads[@]}"; do
  set +e
  out=$(as_reader "$SROI" --regions-dir "$SRC/regions" --db "$work/ro/sroi.db" $verb 2>&1); code=$?
  set -e
  expect_eq "$code" 0 "$verb on a read-only copy ($out)"
done
# Writing it is refused in our words, not SQLite's.
set +e
out=$(as_reader "$SROI" --regions-dir "$SRC/regions" --db "$work/ro/sroi.db" import "$work/U-2027-003.csv" --replace 2>&1); code=$?
set -e
expect_eq "$code" 1 "an import into the read-only copy"
has "$out" "cannot be written here" || fail "read-only import: $out"
has "$out" "readonly database" && fail "SQLite's own text reached the user: $out"
[ -z "$(ls ro | grep -v '^sroi.db$' || true)" ] || fail "files left beside the copy: $(ls ro)"
# A folder the reader may write, a register it may not: it leaves no -shm or -wal behind that
# would block the owner (another uid) next time.
mkdir shared && chmod 1777 shared
if [ "$(id -u)" = 0 ]; then
  owner() { setpriv --reuid=65533 --regid=65533 --clear-groups "$@"; }
else
  owner() { "$@"; }
  as_reader() { chmod 0444 "$work/shared/sroi.db"; "$@"; chmod 0644 "$work/shared/sroi.db"; }
fi
owner cp sroi.db shared/sroi.db
chmod 0644 shared/sroi.db
for verb in "${reads[@]}"; do
  as_reader "$SROI" --regions-dir "$SRC/regions" --db "$work/shared/sroi.db" $verb >/dev/null 2>&1 ||
    fail "$verb in a shared folder"
done
[ -z "$(ls shared | grep -v '^sroi.db$' || true)" ] || fail "reader left: $(ls shared)"
cp U-2027-003.csv shared/again.csv
set +e
out=$(owner "$SROI" --regions-dir "$SRC/regions" --db "$work/shared/sroi.db" import shared/again.csv --contract U-2027-003 --replace 2>&1); code=$?
set -e
expect_eq "$code" 0 "the owner's import after a reader ($out)"
ok

# --- Empty settings: SROI_DB="" made 'db init' say "initialised" with no file; an empty folder
# option gave "filesystem error: cannot make absolute path".
mkdir empty && cd empty
SROI_DB="" sroi db init >/dev/null
[ -f sroi.db ] || fail "SROI_DB='' is the default, ./sroi.db"
for opt in --db --regions-dir --catalogue-dir --audit-key-file; do
  set +e
  out=$("$SROI" "$opt" "" status 2>&1); code=$?
  set -e
  expect_eq "$code" 2 "$opt ''"
  has "$out" "$opt is empty: give a value, or leave the option out" || fail "$opt '': $out"
done
set +e
out=$(SROI_REGIONS_DIR="" SROI_AUDIT_KEY_FILE="" "$SROI" --db sroi.db status 2>&1); code=$?
set -e
expect_eq "$code" 0 "empty SROI_REGIONS_DIR and SROI_AUDIT_KEY_FILE are unset ($out)"
has "$out" "filesystem error" && fail "raw filesystem text: $out"
ok

echo "$passed passed, 0 failed"
