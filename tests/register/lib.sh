# SPDX-License-Identifier: EUPL-1.2
# Helpers for the register tests: a fresh directory with a database and the sample contracts.
set -euo pipefail
SROI=$1 SRC=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export SROI_DB="$work/sroi.db"
# Against the shared store (CTest's pg fixture sets SROI_TEST_PG), the register is a new
# database on the tests' own PostgreSQL server.
on_postgres() { [ -n "${SROI_TEST_PG:-}" ]; }
if on_postgres; then SROI_DB=$(bash "$SRC/tests/pg/server.sh" createdb "$SROI_TEST_PG"); fi
# sql QUERY: the rows of a query run on the register behind sroi's back (what a test reads
# or tampers with), one per line, columns joined by '|', in either store.
sql() {
  if on_postgres; then
    psql -qAtX -v ON_ERROR_STOP=1 "$SROI_DB" -c "$1"
  else
    /usr/bin/python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for row in c.execute(sys.argv[2]).fetchall(): print("|".join("" if v is None else str(v) for v in row))
c.commit()' "$SROI_DB" "$1"
  fi
}
export SROI_TODAY=2099-12-31  # a realisation counts in full unless a test gives --as-of
sroi() { "$SROI" --regions-dir "$SRC/regions" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# has TEXT PATTERN: TEXT matches PATTERN (grep -q in a pipe could cut the writer short, and
# with pipefail that fails the pipe).
has() { grep -q -- "$2" <<<"$1"; }
expect_eq() { [ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"; }
lines_in_db() { sroi --format json db info | sed -n 's/.*"realisation_lines": \([0-9]*\).*/\1/p'; }
# A realisation CSV of N rows, candidates PREFIX-nnnnnnn, starting in 2027 from month FIRST
# (default 1) and ending on 2028-03-31: fits ON-2027-001, and ON-2027-002 from month 4.
big_csv() {
  awk -v n="$1" -v p="$2" -v m0="${3:-1}" 'BEGIN { print "candidate,block,start,end,hours_per_week";
    for (i = 0; i < n; i++)
      printf "%s-%07d,nug,2027-%02d-01,2028-03-31,%d\n", p, i, m0 + i % (13 - m0), 12 + i % 24 }'
}
