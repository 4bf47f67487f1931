#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Figures that follow the data (issue 25), from the command line: imports store each line's
# figure and each contract's sums; a register migrated from schema 6 waits for `db revalue`
# (readers value it meanwhile, with the same figures); `db verify` names a figure edited in SQL.
source "$(dirname "$0")/lib.sh"
R="$SRC/samples/register"
export SROI_TODAY=2027-12-31
passed=0
ok() { passed=$((passed + 1)); }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

sroi db init >/dev/null
sroi contract add "$R/contracts" >/dev/null 2>&1
# A folder of contracts (one batch) values nothing, so it sets no figures' day.
expect_eq "$(sroi --format json db info | json "d['figures_day']")" None "figures' day before any import"
sroi import "$R/realisations" >/dev/null 2>&1
expect_eq "$(sroi --format json db info | json "d['figures_day']")" 2027-12-31 "figures' day"
expect_eq "$(sroi --format json db info | json "d['figures_waiting_candidates']")" 0 "waiting"
has "$(sroi db verify)" "stored figures ok: 7 lines and 3 contracts equal a fresh computation up to 2027-12-31" ||
  fail "verify: $(sroi db verify)"
has "$(sroi db verify)" "kpi lines ok: equal to the lines (candidates: 6)" ||
  fail "verify, kpi lines: $(sroi db verify)"
stored=$(sroi --format json status)
ok

# Another day: the figures of the candidates whose lines run between the two days are valued
# again; the result is what a fresh valuation (--explain values every line) gives.
a=$(sroi --format json status --as-of 2027-06-30 | json "[r['realised_cents'] for r in d]")
b=$(sroi --format json status --as-of 2027-06-30 --explain | json "[r['realised_cents'] for r in d]")
expect_eq "$a" "$b" "status on another day, stored against fresh"
[ "$a" != "$(json "[r['realised_cents'] for r in d]" <<<"$stored")" ] || fail "the day made no difference"
ok

# db revalue moves the figures' day; everything again with --all changes nothing.
has "$(sroi db revalue --as-of 2027-06-30)" "figures re-valued up to 2027-06-30" || fail "revalue"
expect_eq "$(sroi --format json db info | json "d['figures_day']")" 2027-06-30 "moved day"
expect_eq "$(sroi --format json db revalue --as-of 2027-06-30 --all | json "d['changed']")" 0 \
  "revalue --all on a register in step"
expect_eq "$(sroi --format json status --as-of 2027-06-30 | json "[r['realised_cents'] for r in d]")" "$a" \
  "status from the new day's figures"
sroi db revalue >/dev/null
ok

# A register from before schema 7 (SQLite: the shared store starts at schema 7): its lines
# wait; status gives the same figures meanwhile.
if ! on_postgres; then
python3 - <<'PY'
import os, sqlite3
c = sqlite3.connect(os.environ["SROI_DB"])
c.executescript("""
DROP TABLE figures_meta; DROP TABLE contract_figures; DROP TABLE candidates;
DROP INDEX lines_by_candidate;
ALTER TABLE realisation_lines DROP COLUMN value_cents;
ALTER TABLE realisation_lines DROP COLUMN figure_flags;
CREATE INDEX lines_by_candidate ON realisation_lines(candidate, id);
ALTER TABLE contracts DROP COLUMN description;
ALTER TABLE contracts DROP COLUMN report_every;
ALTER TABLE contracts DROP COLUMN grace_days;
ALTER TABLE users DROP COLUMN email;
ALTER TABLE users DROP COLUMN lang;
DROP TABLE notices_sent;
DROP TABLE settlements;
DROP TABLE line_reviews;
DROP TABLE kept_days;
DROP TABLE kept_figures;
DROP TABLE kpi_lines;
ALTER TABLE contracts DROP COLUMN count_rule;
ALTER TABLE imports DROP COLUMN review;
ALTER TABLE imports DROP COLUMN reviewed_by;
ALTER TABLE imports DROP COLUMN reviewed_at;
ALTER TABLE imports DROP COLUMN review_reason;
PRAGMA user_version = 6;
""")
c.commit()
PY
sroi db init >/dev/null
expect_eq "$(sroi --format json db info | json "d['figures_day']")" None "no figures after migrating"
expect_eq "$(sroi --format json status)" "$stored" "status of a migrated register, values computed"
has "$(sroi db verify)" "the register holds no figures yet: sroi db revalue stores them" ||
  fail "verify before revalue: $(sroi db verify)"
has "$(sroi db revalue)" "figures re-valued up to 2027-12-31: 6 candidates, 7 lines, 7 figures changed" ||
  fail "revalue after migrating: $(sroi db revalue 2>&1)"
expect_eq "$(sroi --format json status)" "$stored" "status from the stored figures"
fi
ok

# A figure edited behind sroi's back is named (exit 1).
sql "UPDATE realisation_lines SET value_cents = value_cents + 1 WHERE id = 2"
set +e
out=$(sroi db verify 2>&1); code=$?
set -e
expect_eq "$code" 1 "db verify after a figure was edited"
has "$out" "line 2 (contract ON-2027-001, row 3): stored € " || fail "named: $out"
# The kpi lines hold the figure as it was valued: they now differ from the line.
has "$out" "kpi lines differ from the lines (candidates: 1; the first: " || fail "kpi lines: $out"
sroi db revalue --all >/dev/null
has "$(sroi db verify)" "stored figures ok" || fail "revalue --all repairs: $(sroi db verify)"
ok

# One contract's status from the stored figures reads the same whether it parsed only its
# region's models (the figures hold for the models' print) or every model (no print).
fast=$(sroi --format json status --contract U-2027-003)
# A register from before schema 15 knows no print of the models until a re-valuation, which
# records it even with nothing to value.
sql "UPDATE figures_meta SET models = NULL"
expect_eq "$(sroi --format json status --contract U-2027-003)" "$fast" "one contract, all models"
has "$(sroi db revalue)" "were up to date: nothing re-valued" || fail "nothing to revalue: $(sroi db revalue)"
[ -n "$(sql "SELECT models FROM figures_meta")" ] || fail "no models' print after db revalue"
ok

# The re-valuation recorded one print of the models for every contract, on which one
# contract's status reads its stored figures alone. A contract's fingerprint edited behind
# sroi's back contradicts it, and is named (exit 1).
sql "UPDATE contract_figures SET valued_with = 'elsewhere' WHERE contract_id = 'U-2027-003'"
set +e
out=$(sroi db verify 2>&1); code=$?
set -e
expect_eq "$code" 1 "db verify after a fingerprint was edited"
has "$out" "the figures say every contract was valued with these region models, but some were not (contracts: 1; the first: U-2027-003)" ||
  fail "models' print: $out"
sroi db revalue >/dev/null
has "$(sroi db verify)" "stored figures ok" || fail "revalue repairs the print: $(sroi db verify)"
ok

echo "$passed passed, 0 failed"
