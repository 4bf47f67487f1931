#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The library as another program uses it, from the installed tree only: the public headers
# stand on their own (and the internal ones are not there); examples/embed builds with
# find_package(sroi CONFIG) and with pkg-config, and values the sample offer on the installed
# region models.
# usage: embed.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
[ -f "$prefix/lib/libsroi.a" ] || fail "no lib/libsroi.a"
[ ! -e "$prefix/include/sroi/store/register_impl.hpp" ] || fail "an internal header is installed"
[ -z "$(find "$prefix/include" -name '*.ipp')" ] || fail "message tables are installed"
[ ! -e "$prefix/include/sroi/portal" ] || fail "the portal's headers are installed"
# Every public header compiles with nothing but the installed tree.
(cd "$prefix/include" && find sroi -name '*.hpp' | sort | sed 's/.*/#include "&"/') >"$work/all.cpp"
g++ -std=c++20 -fsyntax-only -I"$prefix/include" "$work/all.cpp" || fail "the public headers"
want="oost-nederland V05: obligation € 62.500,00, offered € 202.833,33"
# CMake: find_package(sroi CONFIG), sroi::sroi.
cmake -S "$src/examples/embed" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null ||
  fail "configuring examples/embed"
cmake --build "$work/cmake" >/dev/null || fail "building examples/embed with CMake"
regions="$prefix/share/sroi/regions" catalogue="$prefix/share/sroi/buildingblocks"
out=$("$work/cmake/sroi-embed" "$regions" "$catalogue" "$src/samples/offer-oost-nederland.toml")
[ "$(head -1 <<<"$out")" = "$want" ] || fail "sroi-embed (CMake) printed: $out"
# pkg-config: the flags and the data folders.
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
g++ -o "$work/embed-pc" "$src/examples/embed/main.cpp" $(pkg-config --cflags --libs sroi) ||
  fail "building examples/embed with pkg-config"
out=$("$work/embed-pc" "$(pkg-config --variable=regionsdir sroi)" \
  "$(pkg-config --variable=cataloguedir sroi)" "$src/samples/offer-oost-nederland.toml")
[ "$(head -1 <<<"$out")" = "$want" ] || fail "sroi-embed (pkg-config) printed: $out"
echo "embed: ok"
