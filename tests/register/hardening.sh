#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Hostile input from the command line (issue: hardening): each block reproduces a defect that
# was found, and fails if it comes back.
source "$(dirname "$0")/lib.sh"
R="$SRC/samples/register"
passed=0
ok() { passed=$((passed + 1)); }

# Symlink clobber: a planted link at the old temporary name, or at the target itself, never
# has its target overwritten.
echo precious >victim
ln -s victim out.xlsx.tmp
sroi offer "$SRC/samples/offer-leiden.toml" --xlsx out.xlsx >/dev/null 2>&1
expect_eq "$(cat victim)" precious "workbook through a planted .tmp link"
ln -s victim draft.toml.tmp
sroi harmonise --out draft.toml >/dev/null 2>&1
expect_eq "$(cat victim)" precious "harmonise --out through a planted .tmp link"
ln -s victim linked.xlsx
set +e
out=$(sroi offer "$SRC/samples/offer-leiden.toml" --xlsx linked.xlsx 2>&1); code=$?
set -e
expect_eq "$code" 1 "an existing link without --force"
sroi offer "$SRC/samples/offer-leiden.toml" --xlsx linked.xlsx --force >/dev/null 2>&1
expect_eq "$(cat victim)" precious "--force replaces the link, not its target"
[ -L linked.xlsx ] && fail "linked.xlsx is still a link"
[ -z "$(ls -A | grep '^\.' || true)" ] || fail "staging folders left behind: $(ls -A)"
set +e
out=$(sroi offer "$SRC/samples/offer-leiden.toml" --xlsx "" 2>&1); code=$?
set -e
expect_eq "$code" 1 "--xlsx ''"
has "$out" "no output file given" || fail "--xlsx '': $out"
set +e
out=$(sroi offer "$SRC/samples/offer-leiden.toml" --xlsx "$work" 2>&1); code=$?
set -e
has "$out" "it is a folder" || fail "--xlsx FOLDER: $out"
ok

# CSV export injection: supplier, buyer and --user that a spreadsheet would run as formulas
# come out neutralised; JSON keeps the exact text.
sroi db init >/dev/null
sed -e 's/^supplier = .*/supplier = "=HYPERLINK(\\"http:\/\/x\\",\\"klik\\")"/' \
    -e 's/^buyer = .*/buyer = "@SUM(A1:A9)"/' "$R/contracts/U-2027-003.toml" >U-2027-003.toml
sroi --user "=cmd|' /C calc'!A0" contract add U-2027-003.toml 2>/dev/null
csv=$(sroi --format csv export --table contracts)
has "$csv" "\"'=HYPERLINK(" || fail "supplier not neutralised: $csv"
has "$csv" "'@SUM(A1:A9)" || fail "buyer not neutralised: $csv"
audit=$(sroi --format csv export --table audit)
has "$audit" "\"'=cmd|" || fail "--user not neutralised: $audit"
has "$(sroi --format json export --table contracts)" '"supplier": "=HYPERLINK(' ||
  fail "JSON must keep the exact text"
ok

# Abort on 12-decimal hours: `import` ended in terminate (exit 134), `realisation` said nothing
# about where. Every quantity has at most 4 decimals, refused at its place.
cat >H-1.toml <<'TOML'
region = "harlingen"
buyer = "Gemeente Harlingen"
supplier = "S"
[contract]
id = "H-1"
value = "400000"
percentage = 5
start = 2027-01-01
end = 2027-12-31
TOML
sroi contract add H-1.toml 2>/dev/null
printf 'candidate,block,start,end,hours_per_week,bonuses\nK-1,participatiewet-gt2,2027-01-01,2027-12-31,35.999999999999,plus-55\nK-2,participatiewet-gt2,2027-01-01,2027-12-31,29.404287087466,\n' >H-1.csv
set +e
out=$(sroi import H-1.csv 2>&1); code=$?
set -e
expect_eq "$code" 1 "import of 12-decimal hours"
has "$out" "H-1.csv, row 2, column Hours per week: .*more than 4 decimals" || fail "row 2 located: $out"
has "$out" "H-1.csv, row 3, column Hours per week: .*more than 4 decimals" || fail "row 3 located: $out"
has "$(sroi status --as-of 2027-12-31 2>&1)" "H-1" || fail "status still works"
set +e
out=$(sroi realisation H-1.csv --region harlingen --value 400000 --percentage 5 \
  --start 2027-01-01 --end 2027-12-31 2>&1); code=$?
set -e
expect_eq "$code" 1 "realisation of 12-decimal hours"
has "$out" "H-1.csv, row 2, column Hours per week: .*more than 4 decimals" || fail "realisation row 2 located: $out"
ok

# offer --save for another contract (other supplier, value, dates) was accepted silently.
sed -e 's/^supplier = .*/supplier = "Ander Bedrijf BV"/' -e 's/^value = .*/value = "999000"/' \
    -e 's/^end = .*/end = 2028-06-30/' "$R/contracts/U-2027-003.toml" >other-offer.toml
set +e
out=$(sroi offer other-offer.toml --save 2>&1 >/dev/null); code=$?
set -e
expect_eq "$code" 1 "offer --save for another contract"
has "$out" "supplier 'Ander Bedrijf BV' (register: '=HYPERLINK" || fail "supplier named: $out"
has "$out" "value € 999.000,00 (register: € 480.000,00)" || fail "value named: $out"
has "$out" "end 2028-06-30 (register: 2027-12-31)" || fail "end named: $out"
expect_eq "$(sroi --format json contract list | grep -c '"offers": 1')" 1 "no offer saved"
ok

# Read-only verbs wrote: status on any SQLite file added the sroi schema and an audit row, and
# --db /dev/null made a journal file. Now only 'db init' creates or migrates.
python3 -c "import sqlite3; c = sqlite3.connect('other.db'); c.execute('create table t(x)'); c.commit()"
cp other.db other-before.db
for verb in status "contract list" "db info" "imports" "export --table lines"; do
  set +e
  out=$(SROI_DB=other.db sroi $verb 2>&1); code=$?
  set -e
  expect_eq "$code" 1 "$verb on a foreign SQLite file"
  has "$out" "is not an sroi register (run 'sroi db init'" || fail "$verb: $out"
done
cmp -s other.db other-before.db || fail "a read-only verb changed a foreign database"
set +e
SROI_DB=/dev/null sroi status >/dev/null 2>&1
set -e
[ -e /dev/null-journal ] && fail "a journal file was made next to /dev/null"
ok

# Unbounded input: a 16 MB CSV import peaked at 460 MB. Rows are now read one at a time and
# checked a few thousand candidates at a time.
awk 'BEGIN { print "candidate,block,start,end,hours_per_week"
  for (i = 0; i < 300000; i++) printf "M-%07d,participatiewet-gt2,2027-01-01,2027-06-30,%d\n", i, 12 + i % 24 }' >H-1.csv
/usr/bin/time -f "%M" -o mem.txt "$SROI" --regions-dir "$SRC/regions" import H-1.csv --replace 2>/dev/null
# (AddressSanitizer's own bookkeeping multiplies memory: the bound holds for a plain build;
# CMake sets SROI_SANITIZED for a sanitizer build.)
if [ "${SROI_SANITIZED:-OFF}" != ON ]; then
  [ "$(tail -1 mem.txt)" -lt 320000 ] || fail "a 16 MB import peaked at $(tail -1 mem.txt) KB"
fi
ok

# Realisation memory: 60,000 lines as JSON with every trace peaked at about 180 MB (3 KB a
# line: every result and trace was held until written). Only the input lines are held now
# (about 0.65 KB each); the results are valued again one candidate at a time as they are
# written. Since locations can name a workbook's sheet ("F.xlsx:Regels!B12") each line's two
# locations hold one more string: 97 MB measured. Linking PostgreSQL's client (libpq, with
# its TLS, Kerberos and LDAP libraries) added about 2 MB to every run: 105.9 MB measured,
# hence the budget of 110 MB (issue 28 aims far lower, at the lines themselves).
awk 'BEGIN { print "candidate,block,start,end,hours_per_week"
  for (i = 0; i < 60000; i++) printf "R-%07d,participatiewet-gt2,2027-01-01,2027-06-30,%d\n", i / 2, 12 + i % 24 }' >R-1.csv
/usr/bin/time -f "%M" -o mem.txt "$SROI" --regions-dir "$SRC/regions" --format json realisation R-1.csv \
  --region oost-nederland --value 50000000 --start 2027-01-01 --end 2028-12-31 >R-1.json
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["lines"]) == 60000 and all(l["trace"] for l in d["lines"])' R-1.json ||
  fail "realisation JSON of 60,000 lines is incomplete"
if [ "${SROI_SANITIZED:-OFF}" != ON ]; then
  [ "$(tail -1 mem.txt)" -lt 110000 ] || fail "a 60,000-line realisation peaked at $(tail -1 mem.txt) KB"
fi
ok

# Every JSON the register prints parses (a hostile supplier name and --user included).
for cmd in "status --as-of 2027-12-31" "export --table lines" "export --table contracts" \
           "export --table audit" "export --table status --as-of 2027-12-31" "imports" \
           "contract list" "db info" "db verify"; do
  sroi --format json $cmd | python3 -c "import json, sys; json.load(sys.stdin)" ||
    fail "invalid JSON from $cmd"
done
ok

# Unbounded input: 'offer /dev/zero' grew without limit. A TOML file is read up to 16 MB, in
# pieces, and refused beyond with a clear error.
set +e
out=$( /usr/bin/time -f "%M" -o mem.txt "$SROI" --regions-dir "$SRC/regions" offer /dev/zero 2>&1); code=$?
set -e
expect_eq "$code" 1 "offer /dev/zero"
has "$out" "/dev/zero: error: file is larger than 16 MB" || fail "offer /dev/zero: $out"
if [ "${SROI_SANITIZED:-OFF}" != ON ]; then
  [ "$(tail -1 mem.txt)" -lt 200000 ] || fail "offer /dev/zero peaked at $(tail -1 mem.txt) KB"
fi
ok

# 'import DIR' skipped *.CSV and subfolders without a word; ANSI escapes in a name reached the
# terminal.
mkdir -p drop/sub
cp "$R/realisations/U-2027-003.csv" drop/U-2027-003.CSV
echo x >drop/notes.txt
out=$(sroi import drop --replace 2>&1)
has "$out" "drop: skipped what does not end in .csv: notes.txt, sub/" || fail "skipped files: $out"
has "$out" "imported" || fail "U-2027-003.CSV imported: $out"
set +e
out=$(sroi offer $'evil\e[31m.toml' 2>&1)
set -e
has "$out" 'evil\\x1B\[31m.toml' || fail "escape shown as text: $out"
[[ "$out" == *$'\e'* ]] && fail "a raw escape reached the terminal"
ok

# The audit log was not tamper-evident: after dropping a trigger and deleting rows 'db info'
# still said "integrity ok". Now the entries form a chain that 'db verify' checks.
has "$(sroi db verify)" "audit log ok" || fail "db verify on an untouched register"
python3 -c "
import sqlite3; c = sqlite3.connect('sroi.db')
c.execute('DROP TRIGGER audit_log_no_delete'); c.execute('DELETE FROM audit_log WHERE id = 5'); c.commit()"
set +e
out=$(sroi db verify 2>&1); code=$?
info=$(sroi db info 2>&1); info_code=$?
set -e
expect_eq "$code" 1 "db verify after a deletion"
has "$out" "broken at entry 5: entries 5 to 5 are missing" || fail "db verify names entry 5: $out"
expect_eq "$info_code" 1 "db info after a deletion"
has "$info" "audit log broken at entry 5" || fail "db info: $info"
ok

echo "$passed passed, 0 failed"
