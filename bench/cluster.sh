#!/usr/bin/env bash
# Issue 6's figures: client credentials (RS256) and refresh with rotation on
#   1 identity server instance on SQLite  (bench/run.sh as usual),
#   1 instance on PostgreSQL              (cluster/run.sh 1, driven directly),
#   2 instances on PostgreSQL behind nginx (cluster/run.sh 2, driven through nginx),
# each measured by bench/run.sh (the PostgreSQL ones in its target mode). Writes bench/cluster.json
# and the section "Scale-out" of bench/RESULTS.md (the next bench/run.sh keeps it).
#
#   bench/cluster.sh            about 6 minutes
#   bench/cluster.sh --quick    a few seconds per scenario; writes only to bench/.out/cluster/
#   settings: BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS as for run.sh; BENCH_CLUSTER_PORT (18080)
#
# Every server-side process (instances, nginx) is pinned to core 1 and wrk to core 0, as in run.sh.
# "Per server CPU-second" counts the identity server processes (summed over the instances); the
# CPU of nginx and of the PostgreSQL backends serving the bench's database is reported beside it
# (PostgreSQL is the machine's shared service: not pinned, and its background writer and
# checkpointer are not counted). Needs PostgreSQL and nginx (cluster/run.sh says how) and root (su postgres).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
PY=/usr/bin/python3
OUT="$BENCH/.out/cluster"
QUICK=()
[ "${1:-}" = --quick ] && QUICK=(--quick)
SCENARIOS=client-credentials-rs256,refresh
PORT=${BENCH_CLUSTER_PORT:-18080}
DB=sso_bench

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# One set of secrets for every configuration; the instances read them (and the rest of the bench
# settings, bench/config/identity-server.json, published by run.sh) like run.sh's own server.
BENCH_SERVICE_SECRET=$(openssl rand -hex 32) BENCH_WEB_SECRET=$(openssl rand -hex 32) BENCH_API_SECRET=$(openssl rand -hex 32)
export BENCH_SERVICE_SECRET BENCH_WEB_SECRET BENCH_API_SECRET
export Seed__Clients__0__ClientSecret=$BENCH_SERVICE_SECRET Seed__Clients__1__ClientSecret=$BENCH_WEB_SECRET \
  Seed__Clients__2__ClientSecret=$BENCH_API_SECRET
export DOTNET_TC_CallCountingDelayMs=0 TokenPruning__Enabled=false Keys__SigningAlgorithm=RS256

rm -rf "$OUT"
mkdir -p "$OUT"

log "1 instance on SQLite (bench/run.sh)"
BENCH_RESULTS_DIR="$OUT/sqlite-1" "$BENCH/run.sh" "${QUICK[@]}" --skip-growth --scenarios "$SCENARIOS"

cluster_pid=""
stop_cluster() {
  if [ -n "$cluster_pid" ]; then
    kill -TERM "$cluster_pid" 2>/dev/null || true
    wait "$cluster_pid" 2>/dev/null || true
    cluster_pid=""
  fi
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

listening_pid() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
fresh_database() { su postgres -c "dropdb --if-exists $DB" >/dev/null; }
BACKENDS="su postgres -c \"psql -tAc \\\"SELECT pid FROM pg_stat_activity WHERE datname = '$DB'\\\"\""
NGINX="master=\$(cat '$ROOT/cluster/.run/nginx.pid'); echo \$master; pgrep -P \$master"

for n in 1 2; do
  log "$n instance(s) on PostgreSQL (cluster/run.sh $n)"
  fresh_database
  SSO_CLUSTER_PORT=$PORT SSO_CLUSTER_NO_BUILD=1 SSO_CLUSTER_PUBLISH="$BENCH/.out/identity-server" \
    SSO_CLUSTER_DATABASE=$DB SSO_CLUSTER_CPUS=1 "$ROOT/cluster/run.sh" "$n" >"$OUT/cluster-$n.log" 2>&1 &
  cluster_pid=$!
  for _ in $(seq 240); do
    grep -q '^Issuer' "$OUT/cluster-$n.log" && break
    kill -0 "$cluster_pid" 2>/dev/null || { tail -20 "$OUT/cluster-$n.log" >&2; die "cluster/run.sh $n stopped"; }
    sleep 0.5
  done
  grep -q '^Issuer' "$OUT/cluster-$n.log" || die "cluster/run.sh $n did not come up (see $OUT/cluster-$n.log)"
  pids=""
  for i in $(seq 1 "$n"); do pids+=" $(listening_pid $((PORT + i)))"; done
  if [ "$n" = 1 ]; then url="http://127.0.0.1:$((PORT + 1))" support="$BACKENDS"
  else url="http://127.0.0.1:$PORT" support="$NGINX; $BACKENDS"
  fi
  BENCH_TARGET=$url BENCH_TARGET_ISSUER="http://localhost:$PORT/" BENCH_TARGET_PIDS="${pids# }" \
    BENCH_TARGET_SUPPORT_CMD="$support" BENCH_RESULTS_DIR="$OUT/postgresql-$n" \
    "$BENCH/run.sh" "${QUICK[@]}" --scenarios "$SCENARIOS"
  stop_cluster
done
fresh_database

"$PY" - "$OUT" "$ROOT" > "$OUT/cluster.json" <<'PYTHON'
import json, os, subprocess, sys, datetime
out, root = sys.argv[1], sys.argv[2]
runs = []
for key, what in (("sqlite-1", "1 instance, SQLite"), ("postgresql-1", "1 instance, PostgreSQL"),
                  ("postgresql-2", "2 instances, PostgreSQL, nginx round-robin")):
    saved = json.load(open(os.path.join(out, key, "results.json")))
    runs.append({"configuration": key, "what": what, "machine": saved["machine"], "results": saved["results"],
                 "duration_s": saved["duration_s"], "warmup_s": saved["warmup_s"], "quick": saved["quick"]})
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=root).stdout.strip()
json.dump({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit,
           "load_average_at_end": open("/proc/loadavg").read().split()[:3], "runs": runs}, sys.stdout, indent=1)
PYTHON

if [ ${#QUICK[@]} = 0 ]; then
  cp "$OUT/cluster.json" "$BENCH/cluster.json"
  if [ -f "$BENCH/results.json" ]; then
    "$PY" "$BENCH/tools/report.py" --from-json "$BENCH/results.json" --out "$BENCH" --cluster "$BENCH/cluster.json" >/dev/null
    log "wrote bench/cluster.json and the Scale-out section of bench/RESULTS.md"
  fi
fi
"$PY" "$BENCH/tools/report.py" --cluster-table "$OUT/cluster.json"
