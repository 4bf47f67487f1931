#!/bin/bash
# SPDX-License-Identifier: EUPL-1.2
# msggen, the build's generator of message ids and catalogue tables: a good area gives one id
# per table in file order and its entries; every problem of a bad area is reported with its
# place and exit code 1; a name or key used by two areas is refused; an unchanged output is
# not rewritten (a changed text leaves the header, and so every file that includes it, alone).
set -u
msggen=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
check() {  # check WHAT CONDITION...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

cat > "$dir/good.toml" <<'TOML'
[Second]
key = "good.second"
nl = "tweede {0}"
en = "second {0}"

[First]
key = "good.first"
nl = "eerste \"zin\"\tmet tab"
en = "first"
TOML
"$msggen" area 7 good "$dir/good.toml" "$dir/good.hpp" "$dir/good.cpp"
check "a good area is accepted" test $? -eq 0
# The ids follow the file's order, not the names' order: Second is 0, First is 1.
check "ids in file order" grep -q 'inline constexpr MsgId Second{7, 0};' "$dir/good.hpp"
check "second id" grep -q 'inline constexpr MsgId First{7, 1};' "$dir/good.hpp"
check "the header holds no text" bash -c "! grep -q eerste '$dir/good.hpp'"
check "quotes and tabs escaped" grep -qF '{Msg::First, "good.first", "eerste \"zin\"\tmet tab", "first"}' "$dir/good.cpp"

touch -d '2001-01-01' "$dir/good.hpp"
sed -i 's/second {0}/the second {0}/' "$dir/good.toml"
"$msggen" area 7 good "$dir/good.toml" "$dir/good.hpp" "$dir/good.cpp"
check "a changed text leaves the header alone" test "$(stat -c %Y "$dir/good.hpp")" = "$(date -d 2001-01-01 +%s)"
check "a changed text rewrites the table" grep -q 'the second {0}' "$dir/good.cpp"

cat > "$dir/bad.toml" <<'TOML'
[NoEnglish]
key = "bad.no_english"
nl = "alleen Nederlands"

[Placeholders]
key = "bad.placeholders"
nl = "{0} en {1}"
en = "{0}"

[lowercase]
key = "bad.lowercase"
nl = "x"
en = "x"

[Extra]
key = "bad.extra"
nl = "x"
en = "x"
de = "x"
TOML
"$msggen" area 8 bad "$dir/bad.toml" "$dir/bad.hpp" "$dir/bad.cpp" 2> "$dir/bad.err"
check "a bad area fails with exit code 1" test $? -eq 1
check "no output is written for a bad area" test ! -e "$dir/bad.hpp"
check "the missing text, located" grep -q "bad.toml:1:1: error: NoEnglish needs a text 'en'" "$dir/bad.err"
check "other placeholders" grep -q "bad.toml:5:1: error: Placeholders: nl and en use different placeholders" "$dir/bad.err"
check "a name that is not an id" grep -q "bad.toml:10:1: error: 'lowercase' must be a table named like an id" "$dir/bad.err"
check "an unknown field" grep -q "bad.toml:19:6: error: Extra: unknown field 'de'" "$dir/bad.err"
check "every problem in one run" test "$(grep -c error: "$dir/bad.err")" -eq 4

printf '[Broken\n' > "$dir/broken.toml"
"$msggen" area 9 broken "$dir/broken.toml" "$dir/broken.hpp" "$dir/broken.cpp" 2> "$dir/broken.err"
check "malformed TOML fails, located" grep -q "broken.toml:1:" "$dir/broken.err"

cat > "$dir/other.toml" <<'TOML'
[First]
key = "other.first"
nl = "x"
en = "x"

[Third]
key = "good.second"
nl = "x"
en = "x"
TOML
"$msggen" areas "$dir/areas.cpp" "good=$dir/good.toml" "other=$dir/other.toml" 2> "$dir/areas.err"
check "two areas with one name fail" test $? -eq 1
check "the name used twice" grep -q "First: 'First' is already used in area good" "$dir/areas.err"
check "the key used twice" grep -q "Third: 'good.second' is already used in area good" "$dir/areas.err"
"$msggen" areas "$dir/areas.cpp" "good=$dir/good.toml" 2> /dev/null
check "the list of areas" grep -q 'messages_good(),' "$dir/areas.cpp"

echo "$failures failed"
test "$failures" -eq 0
