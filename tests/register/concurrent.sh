#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Two writers and a reader at once: every command succeeds (the second writer waits for the
# first), every read sees whole imports, and the register holds exactly what was imported.
source "$(dirname "$0")/lib.sh"
# Three first 'db init's at once: each succeeds (they took the same audit id before).
for k in 1 2 3; do sroi db init >init$k.out 2>&1 & done
for k in 1 2 3; do wait -n || fail "a concurrent db init failed: $(cat init*.out)"; done
has "$(sroi db verify)" "audit log ok" || fail "audit chain after concurrent db init"
sroi contract add "$SRC/samples/register/contracts" 2>/dev/null
big_csv 60000 A >ON-2027-001.csv
big_csv 60000 B 4 >ON-2027-002.csv
"$SROI" --regions-dir "$SRC/regions" import ON-2027-001.csv 2>a.err & a=$!
"$SROI" --regions-dir "$SRC/regions" import ON-2027-002.csv 2>b.err & b=$!
running() { kill -0 $a 2>/dev/null || kill -0 $b 2>/dev/null; }
# Read while the imports run (at least 10 times): a read overlapped them when an import was
# running when it began and still when it ended; the test counts them and needs one.
reads=0 ok_reads=0 torn=0 overlapped=0
while running || [ $reads -lt 10 ]; do
  running && began=1 || began=0
  reads=$((reads + 1))
  if sroi --format json status --as-of 2027-12-31 >status.json 2>status.err; then
    ok_reads=$((ok_reads + 1))
    # One snapshot: each file is one transaction, so a contract has all its 60,000 lines or
    # none (reading candidate ranges through separate connections once showed half a file).
    for n in $(sed -n 's/.*"lines": \([0-9]*\).*/\1/p' status.json); do
      [ "$n" = 0 ] || [ "$n" = 60000 ] || torn=$((torn + 1))
    done
  else
    echo "read $reads: $(cat status.err)" >&2
  fi
  if [ $began = 1 ] && running; then overlapped=$((overlapped + 1)); fi
done
wait $a || fail "first import: $(cat a.err)"
wait $b || fail "second import: $(cat b.err)"
echo "$reads reads, $overlapped of them while an import ran" >&2
[ "$overlapped" -ge 1 ] || fail "no read overlapped the imports ($reads reads)"
expect_eq "$ok_reads" "$reads" "status runs that succeeded while importing"
expect_eq "$torn" 0 "status runs that saw part of an import"
expect_eq "$(lines_in_db)" 120000 "lines after two concurrent imports"
has "$(sroi db info)" "database file: ok" || fail "integrity"
echo "1 passed, 0 failed"
