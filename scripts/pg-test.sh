#!/usr/bin/env bash
# A throwaway PostgreSQL cluster in a project-owned directory on a loopback port, for the tally's
# tests. Sourced by scripts/test.sh; exports TEST_DATABASE_URL.
PG_DIR="${PG_DIR:-$PWD/.pgdata}"
PG_PORT="${PG_PORT:-55432}"
pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  dirname "$(command -v initdb)"
}
pg_start() {
  local bin; bin=$(pg_bin) || return 1
  local runas=()
  # initdb refuses to run as root: run the cluster as the unprivileged "postgres" user then.
  if [ "$(id -u)" = 0 ]; then
    # Debian's package creates the user; binaries copied in without it would leave none.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres || return 1
    runas=(runuser -u postgres --)
  fi
  # A cluster left running from an earlier start would hold the port: stop it before wiping it.
  [ -f "$PG_DIR/data/postmaster.pid" ] && "${runas[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
  # Another checkout's cluster (or anything else) may hold the port: take the next free one.
  local p
  for p in $(seq "$PG_PORT" $((PG_PORT + 20))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PG_PORT=$p; break; fi
  done
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  "${runas[@]}" "$bin/initdb" -D "$PG_DIR/data" -U tally --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${runas[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=on -c max_connections=200" start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  "${runas[@]}" "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U tally tally_test || return 1
  export TEST_DATABASE_URL="postgres://tally@127.0.0.1:$PG_PORT/tally_test"
  echo "==> PostgreSQL on 127.0.0.1:$PG_PORT ($TEST_DATABASE_URL)"
}
pg_stop() {
  local bin; bin=$(pg_bin) || return 0
  local runas=()
  if [ "$(id -u)" = 0 ]; then runas=(runuser -u postgres --); fi
  "${runas[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
}
