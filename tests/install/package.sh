#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The Debian package: cpack builds sroi_VERSION_amd64.deb from this build; it depends on
# Debian's runtime libraries; unpacked into a temporary root it runs `sroi check` and
# `sroi offer` on a sample from the package's own files only; then the root is removed.
# usage: package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
unset SROI_REGIONS_DIR
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >/dev/null) ||
  fail "cpack -G DEB"
deb=$(ls "$work"/out/sroi_*_amd64.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no sroi_VERSION_amd64.deb in $(ls "$work/out")"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsqlite3 libxlsxwriter libboost-program-options libsodium libcpp-httplib; do
  echo "$depends" | grep -q "$lib" || fail "the package does not depend on $lib: $depends"
done
contents=$(dpkg-deb -c "$deb")
grep -q './usr/bin/sroi$' <<<"$contents" || fail "no /usr/bin/sroi in the package"
grep -q './usr/libexec/sroi/sroi-portal$' <<<"$contents" || fail "no portal program in the package"
grep -q './usr/share/man/man1/sroi.1' <<<"$contents" || fail "no manual in the package"
grep -q './usr/share/sroi/regions/oost-nederland.toml' <<<"$contents" || fail "no region models"
grep -q './usr/share/doc/sroi/LICENSE' <<<"$contents" || fail "no licence in the package"
root="$work/root"
dpkg-deb -x "$deb" "$root"
mkdir "$work/elsewhere"
cp "$src/samples/offer-oost-nederland.toml" "$work/elsewhere/"
cd "$work/elsewhere"
version=$("$root/usr/bin/sroi" --version --format json)
grep -q "\"regions_dir\": \"$root/usr/share/sroi/regions\"" <<<"$version" ||
  fail "the packaged sroi does not use its own models: $version"
"$root/usr/bin/sroi" check >/dev/null || fail "sroi check from the package"
offer=$("$root/usr/bin/sroi" offer offer-oost-nederland.toml) || fail "sroi offer from the package"
grep -q "202.833,33\|202,833.33" <<<"$offer" || fail "sroi offer from the package: $offer"
rm -rf "$root"
[ ! -e "$root" ] || fail "the temporary root was not removed"
echo "package: ok ($(basename "$deb"), $(du -k "$deb" | cut -f1) kB)"
