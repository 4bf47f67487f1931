#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Shared set-up for the quick-start commands: make sure the Debian packages are there
# (installing them with apt-get when root, else printing the exact command), then configure
# and build into build/. Sourced by scripts/demo and scripts/test.
set -euo pipefail

SROI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SROI_BUILD=${SROI_BUILD:-$SROI_ROOT/build}
SROI_PACKAGES=(g++ cmake make pkg-config bc time libboost-program-options-dev libtomlplusplus-dev
  libsqlitecpp-dev libxlsxwriter-dev libgtest-dev libgmock-dev libsodium-dev
  nlohmann-json3-dev libzip-dev libexpat1-dev libcpp-httplib-dev libicu-dev libpq-dev
  libcurl4-openssl-dev)
# The tests also open the workbooks in LibreOffice and read them with openpyxl, and check the
# formatting of the sources with clang-format; local times are checked in Amsterdam's zone (tzdata).
SROI_TEST_PACKAGES=(postgresql libreoffice-calc python3-openpyxl python3-websocket poppler-utils clang-format chromium dpkg-dev file
  tzdata python3-aiosmtpd)

sroi_require_packages() {
  local missing=()
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "sroi: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "sroi: missing Debian packages; run as root:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# sroi_build [TARGET...]: the targets named (scripts/demo: only the program), else everything.
sroi_build() {
  sroi_require_packages "${SROI_PACKAGES[@]}"
  local jobs
  jobs=$(nproc 2>/dev/null || echo 2)
  # The demo and the test command share build/: the same flags, so neither rebuilds the other's
  # work (-Werror is the sanitizer build's, in its own folder).
  cmake -S "$SROI_ROOT" -B "$SROI_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  cmake --build "$SROI_BUILD" -j "$jobs" "${targets[@]}" >&2
}
