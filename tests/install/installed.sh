#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The installed tree on its own: `cmake --install` into a temporary prefix, then from a folder
# that holds nothing of the sources, the installed sroi finds its region models under
# PREFIX/share/sroi, checks them and values a sample offer; the licence and README are in
# PREFIX/share/doc/sroi; --version names the version, the revision and the schema.
# usage: installed.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
unset SROI_REGIONS_DIR
build=$1 src=$2
prefix=$(mktemp -d) elsewhere=$(mktemp -d)
trap 'rm -rf "$prefix" "$elsewhere"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -x "$prefix/bin/sroi" ] || fail "no $prefix/bin/sroi"
for f in LICENSE README.md CHANGELOG.md; do
  [ -f "$prefix/share/doc/sroi/$f" ] || fail "no share/doc/sroi/$f"
done
[ -f "$prefix/share/sroi/regions/oost-nederland.toml" ] || fail "no share/sroi/regions"
[ -f "$prefix/share/sroi/buildingblocks/catalogue.toml" ] || fail "no share/sroi/buildingblocks"
cp "$src/samples/offer-oost-nederland.toml" "$elsewhere/"
cd "$elsewhere"
# Only the installed models: the source tree is out of reach under another name.
json=$(env -u SROI_REGIONS_DIR "$prefix/bin/sroi" --version --format json)
grep -q "\"regions_dir\": \"$prefix/share/sroi/regions\"" <<<"$json" ||
  fail "the installed sroi does not use its own models: $json"
grep -q '"register_schema_version": ' <<<"$json" || fail "no schema version: $json"
grep -q '"id": "oost-nederland"' <<<"$json" || fail "no region versions: $json"
"$prefix/bin/sroi" --version | grep -Eq '^sroi [0-9]+\.[0-9]+\.[0-9]+ \(.+\)$' ||
  fail "--version: $("$prefix/bin/sroi" --version)"
"$prefix/bin/sroi" check >/dev/null || fail "sroi check on the installed models"
out=$("$prefix/bin/sroi" offer offer-oost-nederland.toml) || fail "sroi offer: $out"
grep -q "202.833,33\|202,833.33" <<<"$out" || fail "sroi offer gave: $out"
# The portal is a program of its own in PREFIX/libexec/sroi, which `sroi serve` runs.
[ -x "$prefix/libexec/sroi/sroi-portal" ] || fail "no libexec/sroi/sroi-portal"
routes=$("$prefix/bin/sroi" --lang en serve --routes) || fail "sroi serve --routes: $routes"
grep -q 'POST .*/login' <<<"$routes" ||
  fail "sroi serve --routes gave: $routes"
# A sroi without its portal program says where it looked, and serves nothing.
mkdir "$elsewhere/alone" && cp "$prefix/bin/sroi" "$elsewhere/alone/"
if "$elsewhere/alone/sroi" --lang en serve --routes >/dev/null 2>"$elsewhere/err"; then
  fail "serve ran without sroi-portal"
fi
grep -q "the portal program sroi-portal is missing: it belongs beside sroi ($elsewhere/alone/sroi-portal)" \
  "$elsewhere/err" || fail "serve without sroi-portal said: $(cat "$elsewhere/err")"
# The manual: a section per verb, the same text as the verb's --help.
man1="$prefix/share/man/man1/sroi.1"
[ -f "$man1" ] || fail "no share/man/man1/sroi.1"
for verb in $("$prefix/bin/sroi" --help | sed -n 's/^  \([a-z]\+\)  .*/\1/p'); do
  grep -q "^\.SS $verb\$" "$man1" || fail "the manual has no section for $verb"
done
grep -q 'usage: sroi offer FILE.toml' "$man1" || fail "the manual lacks the offer verb's usage"
# The same manual in Dutch, for man -L nl.
grep -q 'gebruik: sroi offer FILE.toml' "$prefix/share/man/nl/man1/sroi.1" ||
  fail "no Dutch manual with the offer verb's usage"
# The completion: verbs, a verb's options and region ids, with the installed sroi on PATH.
completion="$prefix/share/bash-completion/completions/sroi"
[ -f "$completion" ] || fail "no bash completion"
complete_words() {
  PATH="$prefix/bin:$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
    _sroi; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@"
}
complete_words sroi of | grep -qx offer || fail "completion: sroi of → $(complete_words sroi of)"
complete_words sroi offer --xl | grep -qx -- --xlsx || fail "completion: sroi offer --xl"
complete_words sroi blocks oost | grep -qx oost-nederland ||
  fail "completion: sroi blocks oost → $(complete_words sroi blocks oost)"
echo "installed tree: ok"
