#!/usr/bin/env bash
# Benchmark (issue #17): check-in submission over HTTP against the same writes as raw SQL, in one run, at 16 clients over
# 60 patients. PostgreSQL: pgbench runs a transaction that writes what a submission writes (the response row, its score
# rows, the audit event and the audit-chain head, copied from a real submission so the rows, tables and indexes are the
# app's own), then wrk posts check-ins (FHIR-style answers, bearer token) to the published Release build in Production.
# SQLite: the same two sides, the raw side a loop of the same inserts in one connection (SQLite has one writer).
# Prints throughput, p50/p99 and errors for each side, the CPU time per submission (the app's, the database's and the whole machine's), and the ratio; checks the audit
# chain the HTTP side wrote is intact (`audit verify`). Results go to docs/benchmarks.md by hand.
# Usage: bench/submit-compare.sh [seconds per run, default 30] [both|postgres|sqlite]   (needs wrk, pgbench: apt-get install wrk postgresql)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}; SIDES=${2:-both}; CLIENTS=16; PATIENTS=60; PORT=5079; PGPORT=55478
for tool in wrk python3; do command -v $tool > /dev/null || { echo "$tool is missing"; exit 1; }; done
source bench/lib.sh

build_apps

# The check-in body of bench/submit.py (every symptom mild, no free text: no triage, as in the raw transaction).
cat > "$WORK/body.json" << 'EOF'
{"questionnaire":"https://cipncare.org/fhir/Questionnaire/cipn-checkin","answers":{"numbness-hands":"1","tingling-hands":"1","pain-hands":"1","cold-hands":"1","numbness-feet":"1","tingling-feet":"1","pain-feet":"1","cold-feet":"1","cramps":"1","weakness-grip":"1","weakness-stairs":"1","weakness-chair":"1","balance":"1","dizziness-standing":"1","bowel-bladder":"1","palpitations":"1","falls":0,"sleep":"0","limits-everyday-sensory":false,"limits-everyday-motor":false,"limits-self-care-sensory":false,"limits-self-care-motor":false}}
EOF

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # a process's user + system CPU time, in clock ticks
db_ticks() { local t=0 pid; for pid in $(pgrep -x postgres); do t=$((t + $(cpu_ticks "$pid" 2> /dev/null || echo 0))); done; echo $t; } # the PostgreSQL server's processes
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; } # the whole machine's busy time (all cores)

http_side() { # provider connection-string patient-ids-file -> prints "rate p50 p99 errors" and the CPU ms per request of the app, the database and the machine
  local token
  token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"bench.clinician@bench.cipncare.org\",\"password\":\"Bench-password-1\"}" \
    "http://127.0.0.1:$PORT/api/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  python3 - "$3" "$token" "$WORK/body.json" > "$WORK/submit.lua" << 'EOF'
import json, sys
ids = [l.strip() for l in open(sys.argv[1]) if l.strip()]
body = open(sys.argv[3]).read().strip()
print("local ids = {" + ",".join(json.dumps(i) for i in ids) + "}")
print("local body = " + json.dumps(body))
print('local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer ' + sys.argv[2] + '"}')
print('request = function() return wrk.format("POST", "/api/patients/" .. ids[math.random(#ids)] .. "/responses", headers, body) end')
EOF
  # Warm-up (WARMUP seconds, default 60): after 30 s the tiered JIT's background thread still took 13 % of the machine.
  wrk -t 2 -c "$CLIENTS" -d "${WARMUP:-60}s" -s "$WORK/submit.lua" "http://127.0.0.1:$PORT" > /dev/null
  if [ -n "${TRACE:-}" ]; then # TRACE=file.nettrace: a profile of the app during the measured run (dotnet tool install -g dotnet-trace); TRACE_PROFILE=gc-verbose for allocations
    ~/.dotnet/tools/dotnet-trace collect -p "$(pgrep -f "dotnet CipnCare.Web.dll" | head -n 1)" --profile "${TRACE_PROFILE:-dotnet-common,dotnet-sampled-thread-time}" --duration "$(printf '00:00:%02d:%02d' $((DURATION / 60)) $((DURATION % 60)))" -o "$TRACE" > /tmp/dotnet-trace.log 2>&1 &
  fi
  if [ -n "${COUNTERS:-}" ]; then # COUNTERS=file: runtime counters of the app during the measured run (dotnet tool install -g dotnet-counters)
    ~/.dotnet/tools/dotnet-counters collect -p "$(pgrep -f "dotnet CipnCare.Web.dll" | head -n 1)" --counters System.Runtime,Microsoft.AspNetCore.Hosting,Npgsql \
      --duration "$(printf '00:00:%02d:%02d' $((DURATION / 60)) $((DURATION % 60)))" --refresh-interval 5 --format csv -o "$COUNTERS" > /tmp/dotnet-counters.log 2>&1 &
  fi
  local app_pid ticks_before; app_pid=$(pgrep -f "dotnet CipnCare.Web.dll" | head -n 1)
  [ "$1" != Postgres ] || statements_reset
  ticks_before=$(cpu_ticks "$app_pid"); local db_before busy_before; db_before=$(db_ticks); busy_before=$(busy_ticks)
  wrk -t 2 -c "$CLIENTS" -d "${DURATION}s" --latency --timeout 10s -s "$WORK/submit.lua" "http://127.0.0.1:$PORT" > "$WORK/wrk.out"
  echo "$(( $(cpu_ticks "$app_pid") - ticks_before )) $(( $(db_ticks) - db_before )) $(( $(busy_ticks) - busy_before ))" > "$WORK/cpu-ticks"
  [ "$1" != Postgres ] || statements_report
  wait
  python3 - "$WORK/wrk.out" "$WORK/cpu-ticks" "$(getconf CLK_TCK)" << 'EOF'
import re, sys
out = open(sys.argv[1]).read()
def ms(label):
    m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
requests = int(re.search(r"(\d+) requests in", out).group(1))
app, db, busy = (int(n) / int(sys.argv[3]) * 1000 / max(requests, 1) for n in open(sys.argv[2]).read().split())  # CPU ms (all cores) per request
print(f"{rate:.0f} {ms(50):.1f} {ms(99):.1f} {errors} {app:.1f} {db:.1f} {busy:.1f}")
EOF
}

report() { # name raw-line http-line
  read -r raw_rate raw_p50 raw_p99 raw_errors raw_cpu <<< "$2"; read -r http_rate http_p50 http_p99 http_errors http_cpu db_cpu busy_cpu <<< "$3"
  echo "$1: raw $raw_rate tx/s (p50 $raw_p50 ms, p99 $raw_p99 ms, errors $raw_errors, whole machine $raw_cpu ms CPU each) | HTTP $http_rate submissions/s (p50 $http_p50 ms, p99 $http_p99 ms, errors $http_errors, CPU per submission: app $http_cpu ms, database $db_cpu ms, whole machine $busy_cpu ms) | HTTP/raw $(python3 -c "print(f'{$http_rate / $raw_rate:.0%}')")"; }

# The raw transaction's SQL, built from a real submission's rows (bench_response, bench_scores, bench_audit).
raw_sql() { # "postgres" | "sqlite": prints the statements of one submission for patient :id
  python3 - "$1" "$WORK/columns" << 'EOF'
import sys
dialect, columns = sys.argv[1], {}
for line in open(sys.argv[2]):
    table, column = line.rstrip("\n").split("|")
    columns.setdefault(table, []).append(column)
new_id = "gen_random_uuid()" if dialect == "postgres" else "upper(hex(randomblob(16)))"
now = "now()" if dialect == "postgres" else "strftime('%Y-%m-%d %H:%M:%f', 'now')"
def select(table, template, overrides, skip=()):
    cols = [c for c in columns[table] if c not in skip]
    return ", ".join(f'"{c}"' for c in cols), ", ".join(overrides.get(c, f't."{c}"') for c in cols)
rcols, rvals = select("InstrumentResponses", "bench_response", {"Id": ":rid", "PatientId": ":pid", "AuthoredAt": now, "SubmissionKey": "NULL"})
scols, svals = select("ResponseScores", "bench_scores", {"Id": new_id, "ResponseId": ":rid", "PatientId": ":pid", "EffectiveAt": now})
acols, avals = select("AuditEvents", "bench_audit", {"At": now, "PatientId": ":pid", "Seq": '(SELECT "LastSeq" + 1 FROM "AuditChainHead" WHERE "Id" = 1)'}, skip=("Id",))
print('UPDATE "AuditChainHead" SET "LastSeq" = "LastSeq" WHERE "Id" = 1;')
if dialect == "postgres":  # one statement writes the response and its scores (pgbench variables are numbers here)
    scores = svals.replace(":rid", 'r."Id"').replace(":pid", 'r."PatientId"')
    print(f'WITH r AS (INSERT INTO "InstrumentResponses" ({rcols}) SELECT {rvals.replace(":rid", "gen_random_uuid()")} FROM bench_response t '
          f'RETURNING "Id", "PatientId") INSERT INTO "ResponseScores" ({scols}) SELECT {scores} FROM bench_scores t, r;')
else:
    print(f'INSERT INTO "InstrumentResponses" ({rcols}) SELECT {rvals} FROM bench_response t;')
    print(f'INSERT INTO "ResponseScores" ({scols}) SELECT {svals} FROM bench_scores t;')
print(f'INSERT INTO "AuditEvents" ({acols}) SELECT {avals} FROM bench_audit t;')
print('UPDATE "AuditChainHead" SET "LastSeq" = "LastSeq" + 1, "LastHash" = t."Hash" FROM bench_audit t WHERE "AuditChainHead"."Id" = 1;')
EOF
}

if [ "$SIDES" != sqlite ]; then
echo "== PostgreSQL ($($PGBIN/postgres --version)), default settings"
start_postgres
psql_run() { su postgres -c "$PGBIN/psql -h $WORK/pg -p $PGPORT -d bench -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
migrate_app Postgres "$PG"
dotnet "$SEEDER" Postgres "$PG" "$PATIENTS" 1 > /dev/null
psql_run 'SELECT \"Id\" FROM \"Patients\"' > "$WORK/patients"
start_app Postgres "$PG"
HTTP_PG=$(http_side Postgres "$PG" "$WORK/patients")
stop_app
verify_audit Postgres "$PG"

# The raw side copies the newest submission (made by wrk above) and runs it through pgbench at the same concurrency.
psql_run "CREATE TABLE bench_response AS SELECT * FROM \\\"InstrumentResponses\\\" ORDER BY \\\"AuthoredAt\\\" DESC LIMIT 1;
  CREATE TABLE bench_scores AS SELECT s.* FROM \\\"ResponseScores\\\" s JOIN bench_response r ON s.\\\"ResponseId\\\" = r.\\\"Id\\\";
  CREATE TABLE bench_audit AS SELECT * FROM \\\"AuditEvents\\\" WHERE \\\"Action\\\" = 'submit questionnaire response' ORDER BY \\\"Id\\\" DESC LIMIT 1;
  CREATE TABLE bench_patients AS SELECT row_number() OVER () AS n, \\\"Id\\\" FROM \\\"Patients\\\";"
psql_run "SELECT table_name || '|' || column_name FROM information_schema.columns WHERE table_name IN ('InstrumentResponses','ResponseScores','AuditEvents') ORDER BY table_name, ordinal_position" > "$WORK/columns"
{ echo "\\set n random(1, $PATIENTS)"; echo "BEGIN;"
  raw_sql postgres | sed 's/:pid/(SELECT "Id" FROM bench_patients WHERE n = :n)/g'; echo "COMMIT;"; } > "$WORK/submit.sql"
chown postgres "$WORK/submit.sql"; mkdir -p "$WORK/pgbench" && chown postgres "$WORK/pgbench"
su postgres -c "cd $WORK/pgbench && $PGBIN/pgbench -h $WORK/pg -p $PGPORT -n -c $CLIENTS -j 2 -T 5 -f $WORK/submit.sql bench > /dev/null"   # warm-up
busy_before=$(busy_ticks)
su postgres -c "cd $WORK/pgbench && rm -f pgbench_log.* && $PGBIN/pgbench -h $WORK/pg -p $PGPORT -n -c $CLIENTS -j 2 -T $DURATION -l -f $WORK/submit.sql bench > $WORK/pgbench/pgbench.out 2>&1" || { cat "$WORK/pgbench/pgbench.out"; exit 1; }
busy=$(( $(busy_ticks) - busy_before ))
RAW_PG=$(python3 - "$WORK/pgbench" "$WORK/pgbench/pgbench.out" "$busy" "$(getconf CLK_TCK)" << 'EOF'
import glob, re, sys
lat = sorted(int(l.split()[2]) / 1000 for f in glob.glob(sys.argv[1] + "/pgbench_log.*") for l in open(f))
out = open(sys.argv[2]).read()
failed = int(m.group(1)) if (m := re.search(r"number of failed transactions: (\d+)", out)) else 0
tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
print(f"{tps:.0f} {lat[len(lat) // 2]:.1f} {lat[int(len(lat) * 0.99)]:.1f} {failed} {int(sys.argv[3]) / int(sys.argv[4]) * 1000 / len(lat):.1f}")
EOF
)
stop_postgres
fi

if [ "$SIDES" != postgres ]; then
echo "== SQLite"
SQ="Data Source=$WORK/bench.db"
migrate_app Sqlite "$SQ"
dotnet "$SEEDER" Sqlite "$SQ" "$PATIENTS" 1 > /dev/null
python3 -c "import sqlite3,sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute('SELECT Id FROM Patients')]" "$WORK/bench.db" > "$WORK/patients"
start_app Sqlite "$SQ"
HTTP_SQ=$(http_side Sqlite "$SQ" "$WORK/patients")
stop_app
verify_audit Sqlite "$SQ"
python3 - "$WORK/bench.db" "$WORK/columns" > /dev/null << 'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
  CREATE TABLE bench_response AS SELECT * FROM InstrumentResponses ORDER BY AuthoredAt DESC LIMIT 1;
  CREATE TABLE bench_scores AS SELECT s.* FROM ResponseScores s JOIN bench_response r ON s.ResponseId = r.Id;
  CREATE TABLE bench_audit AS SELECT * FROM AuditEvents WHERE Action = 'submit questionnaire response' ORDER BY Id DESC LIMIT 1;""")
with open(sys.argv[2], "w") as f:
    for table in ("AuditEvents", "InstrumentResponses", "ResponseScores"):
        for row in db.execute(f"PRAGMA table_info({table})"):
            f.write(f"{table}|{row[1]}\n")
EOF
raw_sql sqlite > "$WORK/submit-sqlite.sql"
busy_before=$(busy_ticks)
RAW_SQ=$(python3 - "$WORK/bench.db" "$WORK/submit-sqlite.sql" "$DURATION" "$WORK/patients" << 'EOF'
import sqlite3, sys, time, uuid, random
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
statements = [s.strip() for s in open(sys.argv[2]).read().split(";\n") if s.strip()]
patients = [l.strip() for l in open(sys.argv[4]) if l.strip()]
lat, end = [], time.perf_counter() + float(sys.argv[3])
while time.perf_counter() < end:
    t = time.perf_counter()
    args = {"pid": random.choice(patients), "rid": str(uuid.uuid4()).upper()}
    db.execute("BEGIN IMMEDIATE")
    for s in statements:
        db.execute(s.rstrip(";"), args)
    db.execute("COMMIT")
    lat.append((time.perf_counter() - t) * 1000)
lat.sort()
print(f"{len(lat) / float(sys.argv[3]):.0f} {lat[len(lat) // 2]:.1f} {lat[int(len(lat) * 0.99)]:.1f} 0 {len(lat)}")
EOF
)
read -r rate p50 p99 errors count <<< "$RAW_SQ"
RAW_SQ="$rate $p50 $p99 $errors $(python3 -c "print(f'{($(busy_ticks) - $busy_before) / $(getconf CLK_TCK) * 1000 / $count:.1f}')")"
fi

echo
echo "== $(date -u +%F) $(nproc) cores, $CLIENTS clients, $PATIENTS patients, ${DURATION} s each"
[ "$SIDES" = sqlite ] || report "PostgreSQL" "$RAW_PG" "$HTTP_PG"
[ "$SIDES" = postgres ] || report "SQLite (raw: one writer, sequential)" "$RAW_SQ" "$HTTP_SQ"
