#!/usr/bin/env bash
# What a start costs: the published Release app (Production, SQLite, migrated once beforehand, MigrateAtStartup on as
# shipped) started RUNS times (default 10) until /health/ready answers Healthy; for each start the app's CPU time until
# then (user + system, all threads, from /proc) and the wall time. Prints each start and the medians. Issue #14: the
# published-app tests start the app about 30 times; an operator restarts it on every deploy.
#   bash bench/start.sh [RUNS]            # publishes the working tree
#   APPS="/a/publish /b/publish" bash bench/start.sh 10   # compares publishes made beforehand, taking turns
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10} PORT=${PORT:-5391} PGPORT=${PGPORT:-5392}
source bench/lib.sh
if [ -z "${APPS:-}" ]; then build_apps > /dev/null; APPS="$WORK/app"; fi
hz=$(getconf CLK_TCK)
echo "== $(date -u +%F\ %R) UTC, $(nproc) cores; $RUNS starts of each"
for app in $APPS; do
  db="$WORK/start-$(basename "$app").db"
  ( cd "$app" && app_env Sqlite "Data Source=$db" && dotnet CipnCare.Web.dll migrate > /dev/null )
done
declare -A cpu wall
for run in $(seq 1 "$RUNS"); do
  for app in $APPS; do
    db="$WORK/start-$(basename "$app").db"
    began=$(date +%s%N)
    ( cd "$app" && app_env Sqlite "Data Source=$db" && ASPNETCORE_URLS="http://127.0.0.1:$PORT" exec dotnet CipnCare.Web.dll > "$WORK/app.log" 2>&1 ) &
    pid=$!
    until [ "$(curl -s "http://127.0.0.1:$PORT/health/ready" 2> /dev/null)" = "Healthy" ]; do
      kill -0 "$pid" 2> /dev/null || { echo "the app stopped before ready"; cat "$WORK/app.log"; exit 1; }
      sleep 0.02
    done
    ready=$(date +%s%N)
    read -r -a stat < "/proc/$pid/stat"
    ticks=$((stat[13] + stat[14]))
    kill "$pid"; wait "$pid" 2> /dev/null || true
    cpu[$app]+="$((ticks * 1000 / hz)) "; wall[$app]+="$(((ready - began) / 1000000)) "
    echo "start $run, $app: CPU $((ticks * 1000 / hz)) ms, ready after $(((ready - began) / 1000000)) ms"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
for app in $APPS; do
  echo "$app: median CPU to ready $(median <<< "${cpu[$app]}") ms, median wall $(median <<< "${wall[$app]}") ms"
done
