#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Runs one CLI golden case: the real sroi binary in a temporary directory holding a copy of the
# shipped regions/, buildingblocks/, samples/ and tests/data/, then compares stdout, stderr and
# the exit code with the case's expected files. Set SROI_UPDATE_GOLDEN=1 to rewrite them.
# A case may have a `setup` file: sroi commands (arguments split on spaces, one command per
# line, NAME=value words before them set for that command) run first in the same directory, e.g.
# to fill a register (./sroi.db), and an `env` file
# of NAME=value lines exported for the case (SROI_TODAY=2027-06-30).
set -u
sroi=$1 case_dir=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/regions" "$src/buildingblocks" "$src/samples" "$work/"
# The command line speaks Dutch unless asked for English, as our users get it: the golden files
# are Dutch unless a case says --lang en (a few do). The environment asks for nothing.
export LANG=C.UTF-8
# Times are shown in local time: the same zone wherever the tests run.
export TZ=Europe/Amsterdam
unset LANGUAGE LC_ALL LC_MESSAGES
# "Today" for the verbs that count up to it (realisation): far after every test contract, so
# that a realisation counts in full unless a case gives --as-of.
export SROI_TODAY=${SROI_TODAY:-2099-12-31}
if [ -f "$case_dir/env" ]; then
  while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    export "${line?}"
  done <"$case_dir/env"
fi
mkdir -p "$work/tests" && cp -r "$src/tests/data" "$work/tests/"
[ -d "$case_dir/files" ] && cp -r "$case_dir/files/." "$work/"
mapfile -t args < <(grep -v '^#' "$case_dir/cmd")
cd "$work" || exit 1
if [ -f "$case_dir/setup" ]; then
  while read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    # Words split as the shell splits them: "quoted names" stay one word (no globbing).
    set -f
    eval "step=($line)"
    set +f
    # A step may start with NAME=value words (SROI_CLOCK=2027-04-05: the day an import is
    # recorded), set for that step only.
    vars=()
    while [[ ${#step[@]} -gt 0 && "${step[0]}" =~ ^[A-Z_]+= ]]; do
      vars+=("${step[0]}"); step=("${step[@]:1}")
    done
    env "${vars[@]}" "$sroi" "${step[@]}" >/dev/null 2>"$work/.setup-err" || {
      echo "setup failed: sroi $line"; cat "$work/.setup-err"; exit 1
    }
  done <"$case_dir/setup"
fi
"$sroi" "${args[@]}" >"$work/.stdout" 2>"$work/.stderr"
code=$?
if [ "${SROI_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$work/.stdout" "$case_dir/stdout"; cp "$work/.stderr" "$case_dir/stderr"
  echo "$code" >"$case_dir/exit"
  exit 0
fi
fail=0
if [ "$code" != "$(cat "$case_dir/exit")" ]; then
  echo "exit code: got $code, want $(cat "$case_dir/exit")"; fail=1
fi
diff -u "$case_dir/stdout" "$work/.stdout" || fail=1
diff -u "$case_dir/stderr" "$work/.stderr" || fail=1
exit $fail
