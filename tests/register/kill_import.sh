#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A crash or kill in the middle of an import leaves the register exactly as before.
source "$(dirname "$0")/lib.sh"
sroi db init >/dev/null
sroi contract add "$SRC/samples/register/contracts" 2>/dev/null
sroi import "$SRC/samples/register/realisations/ON-2027-001.csv" 2>/dev/null
before=$(lines_in_db)
big_csv 400000 K >ON-2027-001-big.csv
for attempt in 1 2 3; do
  "$SROI" --regions-dir "$SRC/regions" import ON-2027-001-big.csv --contract ON-2027-001 2>/dev/null &
  pid=$!
  # Wait until the import is writing (its transaction spills into the WAL), then kill it.
  for _ in $(seq 1 400); do
    size=$(stat -c %s sroi.db-wal 2>/dev/null || echo 0)
    [ "$size" -gt 4000000 ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.02
  done
  if kill -0 $pid 2>/dev/null; then
    kill -9 $pid
    wait $pid 2>/dev/null || true
    killed=1
    break
  fi
  wait $pid || true
  fail "import finished before it could be killed (attempt $attempt)"
done
[ "${killed:-0}" = 1 ] || fail "never killed mid-import"
info=$(sroi db info)
has "$info" "integrity          ok" || fail "integrity after kill: $info"
expect_eq "$(lines_in_db)" "$before" "lines after a killed import"
# The killed file was not recorded as imported: it imports cleanly now.
sroi import ON-2027-001-big.csv --contract ON-2027-001 2>import.err || fail "import after the kill: $(cat import.err)"
expect_eq "$(lines_in_db)" "$((before + 400000))" "lines after importing the file again"
echo "1 passed, 0 failed"
