#!/usr/bin/env bash
# Benchmark (issue #17): does a check-in submission cost the same whatever the patient's history? Seeds one patient
# with 5, then 500 weekly check-ins (SQLite, fresh each time) and times 100 sequential submissions for that patient
# (bench/submit.py). Results go to docs/benchmarks.md by hand. Usage: bench/submit-history.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=5078; WORK=$(mktemp -d)
dotnet build bench/CipnCare.Bench -c Debug -v q > /dev/null # builds the app too (Debug, as the figures in docs/benchmarks.md were taken)
APP=(dotnet bin/Debug/net10.0/CipnCare.Web.dll --urls "http://127.0.0.1:$PORT" --Demo:Seed=false --Logging:LogLevel:Default=Warning --Reminders:IntervalMinutes=0)
start_app() { ( cd src/CipnCare.Web && ASPNETCORE_ENVIRONMENT=Development Database__Provider=Sqlite ConnectionStrings__Default="$1" exec "${APP[@]}" > "$WORK/app.log" 2>&1 ) &
  echo $! > "$WORK/app.pid"
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" > /dev/null && return; sleep 1; done; echo "app did not start"; cat "$WORK/app.log"; exit 1; }
stop_app() { kill "$(cat "$WORK/app.pid")" 2> /dev/null || true; for _ in $(seq 1 30); do curl -s "http://127.0.0.1:$PORT" > /dev/null || return 0; sleep 1; done; }

for weeks in 5 500; do
  db="Data Source=$WORK/history-$weeks.db"
  start_app "$db"; stop_app
  dotnet bench/CipnCare.Bench/bin/Debug/net10.0/CipnCare.Bench.dll Sqlite "$db" 1 "$weeks" > "$WORK/seed.out"
  start_app "$db"
  echo "== $weeks earlier check-ins: $(python3 bench/submit.py "http://127.0.0.1:$PORT" "$(sed -n 's/^clinician=//p' "$WORK/seed.out")" "$(sed -n 's/^password=//p' "$WORK/seed.out")" "$(sed -n 's/^patient=//p' "$WORK/seed.out")" 100)"
  stop_app
done
rm -rf "$WORK"
