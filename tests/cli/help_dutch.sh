#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Every verb's --help in Dutch: the usage and each option described in Dutch. An option whose
# English description has no Dutch text in lib/sroi/text/messages/options.toml would show in
# English; English words that every such description has ("the", "default", "show") give it
# away. The English help of the same verb must have them (or the check would prove nothing).
set -u
sroi=$1
fail=0
verbs=$("$sroi" --lang en --help | awk '/^verbs:/ {f = 1; next} f && /^  [a-z]/ {print $1} f && /^$/ {f = 0}')
[ -n "$verbs" ] || { echo "FAIL: no verbs in sroi --help"; exit 1; }
english=0
for verb in $verbs; do
  nl=$("$sroi" --lang nl "$verb" --help 2>&1)
  en=$("$sroi" --lang en "$verb" --help 2>&1)
  grep -q "^opties van sroi $verb" <<<"$nl" || { echo "FAIL: $verb: no Dutch heading"; fail=1; }
  # Everything but the usage's command lines ("gebruik: sroi …", "       sroi …").
  said=$(grep -v '^gebruik: sroi\|^ *sroi ' <<<"$nl")
  if grep -Eiq "(^| |\()(the|default|show|only|also)( |:)" <<<"$said"; then
    echo "FAIL: $verb: English in the Dutch help:"
    grep -Ei "(^| |\()(the|default|show|only|also)( |:)" <<<"$said" | head -3
    fail=1
  fi
  grep -Eiq "(^| |\()(the|default|show|only|also)( |:)" <<<"$en" && english=$((english + 1))
done
[ "$english" -ge 10 ] || { echo "FAIL: only $english English helps have the words looked for"; fail=1; }
echo "checked $(wc -w <<<"$verbs") verbs"
exit $fail
