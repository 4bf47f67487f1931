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

echo "$passed passed, 0 failed"
