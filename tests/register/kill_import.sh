#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A crash or kill in the middle of an import leaves the register exactly as before.
source "$(dirname "$0")/lib.sh"
sroi db init >/dev/null
sroi contract add "$SRC/samples/register/contracts" 2>/dev/null
sroi import "$SRC/samples/register/realisations/ON-2027-001.csv" 2>/dev/null
before=$(lines_in_db)
cp sroi.db before.db  # the register as it was; no writer has it open (no -wal file)
# Kill the import once it is writing (its transaction spills into the WAL), waiting on that
# condition, not on a time. When the import ends first (a fast machine), the register is
# put back as it was and the file doubled, until a kill lands mid-write.
rows=400000
for attempt in 1 2 3 4; do
  big_csv $rows K >ON-2027-001-big.csv
  "$SROI" --regions-dir "$SRC/regions" import ON-2027-001-big.csv --contract ON-2027-001 2>/dev/null &
  pid=$!
  while kill -0 $pid 2>/dev/null && [ "$(stat -c %s sroi.db-wal 2>/dev/null || echo 0)" -le 4000000 ]; do
    sleep 0.02
  done
  kill -9 $pid 2>/dev/null || true
  rc=0
  wait $pid 2>/dev/null || rc=$?
  # 137: ended by the SIGKILL (an import that had just ended on its own would say 0 or 1).
  if [ $rc = 137 ]; then
    killed=$attempt
    break
  fi
  echo "attempt $attempt: the import of $rows rows ended before it was killed; again with twice as many" >&2
  rm -f sroi.db-wal sroi.db-shm
  cp before.db sroi.db
  rows=$((rows * 2))
done
[ -n "${killed:-}" ] || fail "the import ended before it could be killed, four times"
info=$(sroi db info)
has "$info" "database file: ok" || fail "integrity after kill: $info"
expect_eq "$(lines_in_db)" "$before" "lines after a killed import"
# The killed file was not recorded as imported: it imports cleanly now.
sroi import ON-2027-001-big.csv --contract ON-2027-001 2>import.err || fail "import after the kill: $(cat import.err)"
expect_eq "$(lines_in_db)" "$((before + rows))" "lines after importing the file again"
echo "1 passed, 0 failed"
