#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The register commands from a user's point of view: exit codes, messages, nothing changed by
# refused input.
source "$(dirname "$0")/lib.sh"
R="$SRC/samples/register"
set +e
out=$(sroi contract list 2>&1); code=$?
set -e
expect_eq "$code" 1 "commands before db init"
if on_postgres; then  # an empty database: not a register yet
  has "$out" "is not an sroi register (run 'sroi db init'" || fail "empty database message: $out"
else
  has "$out" "does not exist; create it with 'sroi db init'" || fail "missing db message: $out"
fi

has "$(sroi db init)" "initialised" || fail "db init"
sroi contract add "$R/contracts" 2>/dev/null
expect_eq "$(sroi contract list | wc -l)" 4 "contract list rows (header + 3)"
set +e
out=$(sroi contract add "$R/contracts/U-2027-003.toml" 2>&1); code=$?
set -e
expect_eq "$code" 1 "adding a contract twice"
has "$out" "contract 'U-2027-003' already exists" || fail "duplicate contract: $out"

sroi import "$R/realisations" 2>/dev/null
set +e
out=$(sroi import "$R/realisations/U-2027-003.csv" 2>&1); code=$?
set -e
expect_eq "$code" 1 "re-importing a file"
has "$out" "use --replace to make this file the contract's complete list" ||
  fail "duplicate import: $out"
has "$(sroi import "$R/realisations/U-2027-003.csv" --replace 2>&1)" "replacing 2 rows of 1 earlier import" ||
  fail "--replace"
expect_eq "$(lines_in_db)" 7 "lines after replace"

# A supplier's cumulative file: last quarter's rows again plus a new one. Without --replace it
# is refused with the repeated rows located; with it, it becomes the contract's list.
{ cat "$R/realisations/U-2027-003.csv"; echo "U-99,ww,2027-07-01,2027-12-31,20,,"; } >q2.csv
set +e
out=$(sroi import q2.csv --contract U-2027-003 2>&1); code=$?
set -e
expect_eq "$code" 1 "cumulative file without --replace"
has "$out" "q2.csv, row 2: error: row repeats a stored row of contract 'U-2027-003' (U-2027-003.csv, row 2)" ||
  fail "repeated row located: $out"
has "$out" "2 of 3 rows are already stored" || fail "repeat summary: $out"
expect_eq "$(lines_in_db)" 7 "lines after a refused cumulative file"
sroi import q2.csv --contract U-2027-003 --replace 2>/dev/null
expect_eq "$(lines_in_db)" 8 "lines after the cumulative file replaced the list"
imports=$(sroi imports --contract U-2027-003)
expect_eq "$(echo "$imports" | wc -l)" 4 "imports of U-2027-003 (header + 3)"
has "$imports" "q2.csv" || fail "imports lists q2.csv: $imports"
has "$imports" "replaced by" || fail "imports shows what was replaced: $imports"
id=$(sroi --format json imports --contract U-2027-003 | grep -o '"id": [0-9]*' | tail -1 | grep -o '[0-9]*$')
has "$(sroi imports remove "$id" 2>&1)" "removed import $id" || fail "imports remove"
expect_eq "$(lines_in_db)" 5 "lines after removing the list"
has "$(sroi --format json export --table audit)" '"action": "import.remove"' || fail "remove audited"
sroi import "$R/realisations/U-2027-003.csv" --replace 2>/dev/null
expect_eq "$(lines_in_db)" 7 "lines after the list is back"

printf 'candidate,block,start,end,hours_per_week\nK-1,nug,2027-01-01,2027-03-31,36\nK-2,nug,2027-01-01,2027-03-31,99\n111222333,nug,2027-01-01,2027-03-31,36\n' >ON-2027-001.csv
set +e
out=$(sroi import ON-2027-001.csv 2>&1); code=$?
set -e
expect_eq "$code" 1 "importing a file with bad rows"
has "$out" "ON-2027-001.csv, row 3, column Hours per week: error: Hours per week '99' is out of range" || fail "bad row 3: $out"
has "$out" "ON-2027-001.csv, row 4, column Candidate: error: candidate looks like a BSN" || fail "BSN row 4: $out"
expect_eq "$(lines_in_db)" 7 "lines after a refused import"

sroi offer "$SRC/samples/register/contracts/ON-2027-002.toml" --save >/dev/null 2>save.err
grep -q "saved offer" save.err || fail "offer --save: $(cat save.err)"

json=$(sroi --format json status --as-of 2027-12-31)
for key in contract obligation_cents offered_cents realised_cents surplus_cents shortfall_cents \
           penalty_cents forecast_cents; do
  has "$json" "\"$key\"" || fail "status json lacks $key"
done
has "$json" '"realised_cents": 4887500' || fail "ON-2027-001 realised: $json"
has "$json" '"at_risk": true' || fail "ON-2027-002 at risk: $json"
has "$(sroi status --as-of 2027-12-31)" "at risk: the offer € 10.000,00 is below the obligation" ||
  fail "status text names the risk"
has "$(sroi status --supplier "Schoonmaak Utrecht BV" --as-of 2027-12-31)" "U-2027-003" ||
  fail "status --supplier"
sroi report --xlsx portfolio.xlsx --as-of 2027-12-31 2>/dev/null
[ -s portfolio.xlsx ] || fail "report workbook"
expect_eq "$(sroi --format csv export --table status --as-of 2027-12-31 | head -1 | tr -d '\r')" \
  "contract,buyer,supplier,region,region_version,as_of,obligation_cents,offered_cents,realised_cents,surplus_cents,shortfall_cents,forecast_cents,penalty_cents,lines" "export header"
expect_eq "$(sroi --format csv export --table lines | wc -l)" 8 "exported lines (header + 7)"
has "$(sroi --format json export --table audit)" '"action": "import.replace"' || fail "audit export"
has "$(sroi db info)" "database file: ok" || fail "integrity"
# Without $USER and $LOGNAME (a service, a container) the audit log names the process's account.
env -u USER -u LOGNAME "$SROI" --regions-dir "$SRC/regions" imports remove 1 2>/dev/null ||
  fail "imports remove without USER"
audit=$(sroi --format json export --table audit)
has "$audit" "\"user\": \"$(id -un)\"" || fail "audit names the account $(id -un): $audit"
echo "1 passed, 0 failed"
