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
has "$out" "does not exist; create it with 'sroi db init'" || fail "missing db message: $out"

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
has "$out" "use --replace to import it again" || fail "duplicate import: $out"
has "$(sroi import "$R/realisations/U-2027-003.csv" --replace 2>&1)" "replacing 2 rows" ||
  fail "--replace"
expect_eq "$(lines_in_db)" 7 "lines after replace"

printf 'candidate,block,start,end,hours_per_week\nK-1,nug,2027-01-01,2027-03-31,36\nK-2,nug,2027-01-01,2027-03-31,99\n111222333,nug,2027-01-01,2027-03-31,36\n' >ON-2027-001.csv
set +e
out=$(sroi import ON-2027-001.csv 2>&1); code=$?
set -e
expect_eq "$code" 1 "importing a file with bad rows"
has "$out" "ON-2027-001.csv:3:.*hours_per_week '99' is out of range" || fail "bad row 3: $out"
has "$out" "ON-2027-001.csv:4:1: error: candidate looks like a BSN" || fail "BSN row 4: $out"
expect_eq "$(lines_in_db)" 7 "lines after a refused import"

sroi offer "$SRC/samples/register/contracts/ON-2027-002.toml" --save >/dev/null 2>save.err
grep -q "saved offer" save.err || fail "offer --save: $(cat save.err)"

json=$(sroi --format json status --as-of 2027-12-31)
for key in contract obligation_cents offered_cents realised_cents surplus_cents shortfall_cents \
           penalty_cents forecast_cents; do
  has "$json" "\"$key\"" || fail "status json lacks $key"
done
has "$json" '"realised_cents": 4950000' || fail "ON-2027-001 realised: $json"
has "$(sroi status --supplier "Schoonmaak Utrecht BV" --as-of 2027-12-31)" "U-2027-003" ||
  fail "status --supplier"
sroi report --xlsx portfolio.xlsx --as-of 2027-12-31 2>/dev/null
[ -s portfolio.xlsx ] || fail "report workbook"
expect_eq "$(sroi --format csv export --table status --as-of 2027-12-31 | head -1 | tr -d '\r')" \
  "contract,buyer,supplier,region,region_version,as_of,obligation_cents,offered_cents,realised_cents,surplus_cents,shortfall_cents,forecast_cents,penalty_cents,lines" "export header"
expect_eq "$(sroi --format csv export --table lines | wc -l)" 8 "exported lines (header + 7)"
has "$(sroi --format json export --table audit)" '"action": "import.replace"' || fail "audit export"
has "$(sroi db info)" "integrity          ok" || fail "integrity"
echo "1 passed, 0 failed"
