#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The tests' own PostgreSQL server: `server.sh start STATE` makes a cluster in a temporary
# folder (initdb, as an unprivileged user when run as root: PostgreSQL refuses to run as
# root), starts it on a free port of 127.0.0.1 and writes its address to STATE/url;
# `server.sh stop STATE` stops it and removes the folder. CTest runs them as a fixture, so the
# server stops at the end even when tests fail. `server.sh createdb STATE` prints the address
# of a new, empty database.
set -euo pipefail
cmd=$1 state=$2
mkdir -p "$state"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (Debian package postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state/dir" ] || return 0
  local dir
  dir=$(cat "$state/dir")
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  rm -f "$state/dir" "$state/url"
}

case $cmd in
start)
  stop  # a server left by an earlier run that was killed
  dir=$(mktemp -d /tmp/sroi-pg.XXXXXX)
  echo "$dir" >"$state/dir"
  [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$dir"
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U sroi --auth=trust --no-sync -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Nothing is forced to disk (fsync off: a test's data need not survive a crash of the
  # machine), but commits are synchronous, as on a production server: VACUUM marks a page
  # all-visible only once its rows' commit is written, which the tests check.
  # A free port: asked of the kernel, then tried; another process may take it first, so a
  # failed start is tried again on another.
  for attempt in 1 2 3 4 5; do
    port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      echo "postgresql://sroi@127.0.0.1:$port" >"$state/url"
      exit 0
    fi
  done
  cat "$dir/server.log" >&2
  exit 1
  ;;
stop)
  stop
  ;;
createdb)
  url=$(cat "$state/url")
  name="t_$(date +%s%N)_$$_$RANDOM"
  "$bin/psql" -q -X -v ON_ERROR_STOP=1 "$url/postgres" -c "CREATE DATABASE $name" >/dev/null
  echo "$url/$name"
  ;;
*)
  echo "usage: server.sh start|stop|createdb STATE" >&2
  exit 2
  ;;
esac
