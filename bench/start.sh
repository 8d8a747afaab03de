#!/usr/bin/env bash
# What a start costs: the published Release app (Production, SQLite, migrated once beforehand, MigrateAtStartup on as
# shipped) started RUNS times (default 10) until /health/ready answers Healthy; for each start the app's CPU time until
# then (user + system, all threads, from /proc) and the wall time. Prints each start and the medians. Issue #14: the
# published-app tests start the app about 30 times; an operator restarts it on every deploy.
#   bash bench/start.sh [RUNS]                            # publishes the working tree
#   APPS="/a/publish /b/publish" bash bench/start.sh 10   # compares publishes made beforehand, taking turns
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10} PORT=${PORT:-5391}
source bench/lib.sh
if [ -z "${APPS:-}" ]; then
  dotnet publish src/CipnCare.Web -c Release -o "$WORK/app" -v q --nologo > /dev/null
  APPS="$WORK/app"
fi
read -r -a apps <<< "$APPS"
hz=$(getconf CLK_TCK)
echo "== $(date -u +%F\ %R) UTC, $(nproc) cores; $RUNS starts of each"
for i in "${!apps[@]}"; do APP_DIR=${apps[$i]} migrate_app Sqlite "Data Source=$WORK/start-$i.db"; done # a database each
cpu=() wall=()
for run in $(seq 1 "$RUNS"); do
  for i in "${!apps[@]}"; do
    ! curl -s --max-time 2 "http://127.0.0.1:$PORT" > /dev/null || { echo "port $PORT is in use: set PORT"; exit 1; }
    began=$(date +%s%N)
    APP_DIR=${apps[$i]} launch_app Sqlite "Data Source=$WORK/start-$i.db"
    pid=$(cat "$WORK/app.pid") # stopped by lib.sh on any exit
    until [ "$(curl -s --max-time 2 "http://127.0.0.1:$PORT/health/ready" 2> /dev/null)" = "Healthy" ]; do
      kill -0 "$pid" 2> /dev/null || { echo "the app stopped before ready"; cat "$WORK/app.log"; exit 1; }
      [ $(($(date +%s%N) - began)) -lt 90000000000 ] || { echo "not ready after 90 s"; cat "$WORK/app.log"; exit 1; }
      sleep 0.02
    done
    ready=$(date +%s%N)
    read -r -a stat < "/proc/$pid/stat" # fields 14 and 15: user and system clock ticks, every thread
    ms=$(((stat[13] + stat[14]) * 1000 / hz))
    kill "$pid"; wait "$pid" 2> /dev/null || true
    cpu[i]+="$ms " wall[i]+="$(((ready - began) / 1000000)) "
    echo "start $run, ${apps[$i]}: CPU $ms ms, ready after $(((ready - began) / 1000000)) ms"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
for i in "${!apps[@]}"; do
  echo "${apps[$i]}: median CPU to ready $(median <<< "${cpu[i]}") ms, median wall $(median <<< "${wall[i]}") ms"
done
