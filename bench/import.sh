#!/usr/bin/env bash
# Benchmark (issue #17): FHIR transaction Bundle import, goal >= 1,000 resources/s for a 10,000-dose history. The published
# Release build in Production on SQLite and on a throwaway PostgreSQL cluster; bench/import.py creates the patients and
# posts their histories (834 patients x 12 oxaliplatin doses + height and weight = 11,676 resources in bundles of 60
# patients) twice: a first run on a cold app, then a second with new patients. Results go to docs/benchmarks.md by hand.
# Usage: bench/import.sh [both|sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
SIDES=${1:-both}; PORT=5080; PGPORT=55479
source bench/lib.sh

build_apps

run() { # provider connection-string
  migrate_app "$1" "$2"
  dotnet "$SEEDER" "$1" "$2" 1 1 > "$WORK/seed.out" # the care team and its clinician (and one patient)
  start_app "$1" "$2"
  local clinician password
  clinician=$(sed -n 's/^clinician=//p' "$WORK/seed.out"); password=$(sed -n 's/^password=//p' "$WORK/seed.out")
  echo "$1, first run:  $(python3 bench/import.py "http://127.0.0.1:$PORT" "$clinician" "$password")"
  if [ -n "${TRACE:-}" ]; then # TRACE=file.nettrace: a CPU profile of the app during the second run, file-Sqlite/-Postgres (dotnet tool install -g dotnet-trace)
    ~/.dotnet/tools/dotnet-trace collect -p "$(cat "$WORK/app.pid")" --profile dotnet-sampled-thread-time --duration 00:00:00:15 --format speedscope -o "${TRACE%.nettrace}-$1.nettrace" > /tmp/dotnet-trace.log 2>&1 &
    tracer=$!
  fi
  echo "$1, second run: $(python3 bench/import.py "http://127.0.0.1:$PORT" "$clinician" "$password")"
  [ -z "${tracer:-}" ] || wait "$tracer"
  stop_app
}

echo "== $(date -u +%F) $(nproc) cores"
[ "$SIDES" = postgres ] || run Sqlite "Data Source=$WORK/bench.db"
if [ "$SIDES" != sqlite ]; then
  start_postgres
  run Postgres "$PG"
  stop_postgres
fi
