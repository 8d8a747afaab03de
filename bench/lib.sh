#!/usr/bin/env bash
# Shared by the benchmark scripts that run the published Release build (submit-compare.sh, import.sh): a work folder
# removed on exit, the publish, the app started in Production on PORT, and a throwaway PostgreSQL cluster on PGPORT.
# Source it after setting PORT and PGPORT; it sets WORK and PGBIN (and build_apps sets SEEDER). APP_LOG=file keeps the app's log;
# PG_STATEMENTS=file loads pg_stat_statements into the cluster (a script writes its figures there); PG_CONNECTION_OPTIONS adds
# Npgsql settings to the app's connection string (e.g. 'No Reset On Close=true').
# The app runs from APP_DIR (default: the publish build_apps makes).
WORK=$(mktemp -d); chmod 755 "$WORK"
PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | head -n 1)")
trap 'kill $(cat "$WORK/app.pid" 2> /dev/null) 2> /dev/null || true; [ -z "${APP_LOG:-}" ] || cp "$WORK/app.log" "$APP_LOG" 2> /dev/null || true; su postgres -c "$PGBIN/pg_ctl -D $WORK/pg/data stop -m fast" > /dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

build_apps() { # the Release publish, and the seeder (sets SEEDER)
  echo "== building (Release publish and the seeder)"
  dotnet publish src/CipnCare.Web -c Release -o "$WORK/app" -v q --nologo > /dev/null
  dotnet build bench/CipnCare.Bench -c Debug -v q > /dev/null
  SEEDER=bench/CipnCare.Bench/bin/Debug/net10.0/CipnCare.Bench.dll; }

app_env() { # provider connection-string: the app's settings, exported in the calling subshell
  export ASPNETCORE_ENVIRONMENT=Production Database__Provider="$1" ConnectionStrings__Default="$2" App__PublicBaseUrl="http://127.0.0.1:$PORT" \
    Security__RequireStaffMfa=false Demo__Seed=false Reminders__IntervalMinutes=0 Logging__LogLevel__Default=Warning; }

migrate_app() { ( cd "${APP_DIR:-$WORK/app}" && app_env "$1" "$2" && dotnet CipnCare.Web.dll migrate > /dev/null ); }

verify_audit() { # provider connection-string: the audit chain the run wrote is intact (prints the command's answer; fails if not)
  ( cd "${APP_DIR:-$WORK/app}" && app_env "$1" "$2" && dotnet CipnCare.Web.dll audit verify ) || { echo "the audit chain is broken"; exit 1; }; }

launch_app() { # provider connection-string: the app in the background, its pid in $WORK/app.pid (stopped on exit)
  ( cd "${APP_DIR:-$WORK/app}" && app_env "$1" "$2" && ASPNETCORE_URLS="http://127.0.0.1:$PORT" exec dotnet CipnCare.Web.dll > "$WORK/app.log" 2>&1 ) &
  echo $! > "$WORK/app.pid"; }

start_app() { # provider connection-string: launch_app, then wait until it is ready
  launch_app "$1" "$2"
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" > /dev/null && return; sleep 1; done
  echo "the app did not become ready"; cat "$WORK/app.log"; exit 1; }

stop_app() { kill "$(cat "$WORK/app.pid")" 2> /dev/null || true; for _ in $(seq 1 30); do curl -s "http://127.0.0.1:$PORT" > /dev/null || return 0; sleep 1; done
  echo "the app still answers on port $PORT after 30 s"; exit 1; }

start_postgres() { # a fresh cluster with a database "bench"; sets PG (the app's connection string)
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
  local statements=""; [ -z "${PG_STATEMENTS:-}" ] || statements="-c shared_preload_libraries=pg_stat_statements"
  su postgres -c "$PGBIN/initdb -D $WORK/pg/data -A trust -U postgres > /dev/null && $PGBIN/pg_ctl -D $WORK/pg/data -o '-p $PGPORT -k $WORK/pg -c max_connections=200 $statements' -l $WORK/pg/log start > /dev/null"
  su postgres -c "$PGBIN/psql -h $WORK/pg -p $PGPORT -qc 'create database bench'" > /dev/null
  PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=bench;Maximum Pool Size=100${PG_CONNECTION_OPTIONS:+;$PG_CONNECTION_OPTIONS}"; }

statements_report() { # the statements that took the database's time since the last reset, most first, into $PG_STATEMENTS
  [ -z "${PG_STATEMENTS:-}" ] || su postgres -c "$PGBIN/psql -h $WORK/pg -p $PGPORT -d bench -qAt -F ' | ' -c \"SELECT round(total_exec_time::numeric, 0) AS ms, calls, round((total_exec_time / calls)::numeric, 3) AS ms_each, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 400) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25\"" > "$PG_STATEMENTS"; }
statements_reset() { [ -z "${PG_STATEMENTS:-}" ] || su postgres -c "$PGBIN/psql -h $WORK/pg -p $PGPORT -d bench -qAt -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()'" > /dev/null; }

stop_postgres() { su postgres -c "$PGBIN/pg_ctl -D $WORK/pg/data stop -m fast" > /dev/null; }
