#!/usr/bin/env bash
# Benchmark (issues #5, #7): seed PATIENTS patients × WEEKS weekly check-ins (with scores) and alerts for one in five, then time
# the worklist query, one patient's page and their progress view on 127.0.0.1, on SQLite and on a throwaway PostgreSQL cluster. Bounded:
# 200 sequential requests each. Results go to docs/benchmarks.md by hand. Usage: bench/run.sh [patients] [weeks] [both|sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS=${1:-10000}; WEEKS=${2:-52}; SIDES=${3:-both}; PORT=5077; WORK=$(mktemp -d)
# The Release build a site runs; CONFIG=Debug for the build the figures before 2026-12-06 were taken with.
CONFIG=${CONFIG:-Release}
dotnet build bench/CipnCare.Bench -c "$CONFIG" -v q > /dev/null # builds the app too
APP=(dotnet "bin/$CONFIG/net10.0/CipnCare.Web.dll" --urls "http://127.0.0.1:$PORT" --Demo:Seed=false --Logging:LogLevel:Default=Warning --Reminders:IntervalMinutes=0)

start_app() { if curl -s "http://127.0.0.1:$PORT" > /dev/null; then echo "port $PORT is in use: stop what runs there"; exit 1; fi
  ( cd src/CipnCare.Web && ASPNETCORE_ENVIRONMENT=Development Database__Provider=$1 ConnectionStrings__Default="$2" exec "${APP[@]}" > "$WORK/app.log" 2>&1 ) &
  echo $! > "$WORK/app.pid"

  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/live" > /dev/null && return; sleep 1; done; echo "app did not start"; cat "$WORK/app.log"; exit 1; }
stop_app() { kill "$(cat "$WORK/app.pid")" 2> /dev/null || true; for _ in $(seq 1 30); do curl -s "http://127.0.0.1:$PORT" > /dev/null || return 0; sleep 1; done; }

run() { # provider connection-string
  start_app "$1" "$2"; stop_app            # migrations and shipped instruments
  echo "== $1: seeding $PATIENTS patients × $WEEKS weeks"
  local t0=$SECONDS
  dotnet "bench/CipnCare.Bench/bin/$CONFIG/net10.0/CipnCare.Bench.dll" "$1" "$2" "$PATIENTS" "$WEEKS" > "$WORK/seed.out"
  echo "seeded in $((SECONDS - t0)) s"
  start_app "$1" "$2"
  echo "== $1: timing (200 sequential requests each, after 10 warm-up)"
  python3 bench/measure.py "http://127.0.0.1:$PORT" "$(sed -n 's/^clinician=//p' "$WORK/seed.out")" "$(sed -n 's/^password=//p' "$WORK/seed.out")" "$(sed -n 's/^patient=//p' "$WORK/seed.out")" 200
  stop_app
}

[ "$SIDES" = postgres ] || run Sqlite "Data Source=$WORK/bench.db"
[ "$SIDES" = sqlite ] && { rm -rf "$WORK"; exit 0; }

PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | head -n 1)")
mkdir -p "$WORK/pg" && chown postgres "$WORK" "$WORK/pg"
su postgres -c "$PGBIN/initdb -D $WORK/pg/data -A trust -U postgres > /dev/null && $PGBIN/pg_ctl -D $WORK/pg/data -o '-p 55477 -k $WORK/pg' -l $WORK/pg/log start > /dev/null"
sleep 2; su postgres -c "psql -h $WORK/pg -p 55477 -c 'create database bench' > /dev/null"
run Postgres "Host=127.0.0.1;Port=55477;Username=postgres;Database=bench"
su postgres -c "$PGBIN/pg_ctl -D $WORK/pg/data stop > /dev/null"
rm -rf "$WORK"
