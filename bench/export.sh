#!/usr/bin/env bash
# Benchmark (issue #18): FHIR Bulk Data export, goal >= 5,000 resources/s. The published Release build in Production on
# SQLite and on a throwaway PostgreSQL cluster; the seeder (bench/CipnCare.Bench) fills one care team with PATIENTS patients
# and WEEKS weekly check-ins each (every check-in a QuestionnaireResponse and eight score Observations; alerts for one
# patient in five), and bench/export.py times a whole-system export by the team's clinician, twice (a cold app, then warm).
# Results go to docs/benchmarks.md by hand. Usage: bench/export.sh [both|sqlite|postgres] [PATIENTS=1000] [WEEKS=26]
set -euo pipefail
cd "$(dirname "$0")/.."
SIDES=${1:-both}; PATIENTS=${2:-1000}; WEEKS=${3:-26}; PORT=5081; PGPORT=55481
source bench/lib.sh

build_apps

run() { # provider connection-string
  migrate_app "$1" "$2"
  dotnet "$SEEDER" "$1" "$2" "$PATIENTS" "$WEEKS" > "$SEED_OUT" 2> /dev/null
  start_app "$1" "$2"
  local clinician password
  clinician=$(sed -n 's/^clinician=//p' "$SEED_OUT"); password=$(sed -n 's/^password=//p' "$SEED_OUT")
  if [ -n "${TRACE:-}" ]; then # TRACE=file.nettrace: a CPU profile of the app during the first run
    ~/.dotnet/tools/dotnet-trace collect -p "$(cat "$WORK/app.pid")" --profile dotnet-sampled-thread-time --duration 00:00:00:20 --format speedscope -o "${TRACE%.nettrace}-$1.nettrace" > /tmp/dotnet-trace.log 2>&1 &
    tracer=$!
  fi
  echo "$1, first run:  $(python3 bench/export.py "http://127.0.0.1:$PORT" "$clinician" "$password")"
  [ -z "${tracer:-}" ] || wait "$tracer"
  echo "$1, second run: $(python3 bench/export.py "http://127.0.0.1:$PORT" "$clinician" "$password")"
  stop_app
}

echo "== $(date -u +%F) $(nproc) cores, $PATIENTS patients x $WEEKS weeks"
SEED_OUT="$WORK/seed.out"
[ "$SIDES" = postgres ] || run Sqlite "Data Source=$WORK/bench.db"
if [ "$SIDES" != sqlite ]; then
  start_postgres
  run Postgres "$PG"
  stop_postgres
fi
