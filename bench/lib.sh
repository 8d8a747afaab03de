#!/usr/bin/env bash
# Shared by the benchmark scripts that run the published Release build (submit-compare.sh, import.sh): a work folder
# removed on exit, the publish, the app started in Production on PORT, and a throwaway PostgreSQL cluster on PGPORT.
# Source it after setting PORT and PGPORT; it sets WORK and PGBIN (and build_apps sets SEEDER). APP_LOG=file keeps the app's log.
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
  su postgres -c "$PGBIN/initdb -D $WORK/pg/data -A trust -U postgres > /dev/null && $PGBIN/pg_ctl -D $WORK/pg/data -o '-p $PGPORT -k $WORK/pg -c max_connections=200' -l $WORK/pg/log start > /dev/null"
  su postgres -c "$PGBIN/psql -h $WORK/pg -p $PGPORT -qc 'create database bench'" > /dev/null
  PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=bench;Maximum Pool Size=100"; }

stop_postgres() { su postgres -c "$PGBIN/pg_ctl -D $WORK/pg/data stop -m fast" > /dev/null; }
