#!/usr/bin/env bash
# Sign-in timing: does the answer's timing say whether an account exists? (issue #15, finding 4)
# Starts the app (Development, SQLite, demo data, real password hashing) and times N failed sign-ins through the API
# for a real account and for unknown emails, then prints the medians. Usage: bench/signin-timing.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-25}
port=5197
db=$(mktemp -d)/timing.db
dotnet build src/CipnCare.Web -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Default="Data Source=$db" Security__SignIn__PerAddress=100000 Security__SignIn__PerAccount=100000 \
  dotnet src/CipnCare.Web/bin/Release/net10.0/CipnCare.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null' EXIT
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 1; done
time_login() { curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"Wrong-password-9\"}" "http://127.0.0.1:$port/api/auth/login"; }
time_login clinician@demo.cipncare.org >/dev/null # warm up
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) * 1000}'; }
real=$(for _ in $(seq "$n"); do time_login clinician@demo.cipncare.org; done | median)
unknown=$(for i in $(seq "$n"); do time_login "nobody-$i-$RANDOM@example.org"; done | median)
printf 'failed sign-ins, median of %s: real account %.1f ms, unknown email %.1f ms\n' "$n" "$real" "$unknown"
