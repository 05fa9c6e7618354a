#!/usr/bin/env bash
# Empty against grown database for one scenario, in interleaved rounds, so that load from other
# processes on this shared machine hits both sides alike (run.sh measures each database once).
#
#   bench/ab-growth.sh [scenario] [rounds]     default: client-credentials-rs256, 3 rounds
#
# Prints per round: operations per server CPU-second, and read/write system calls per operation
# (from /proc/PID/io; socket reads are the same on both sides, so the difference is database pages).
# Settings: BENCH_WARMUP (20), BENCH_DURATION (10), BENCH_CONNECTIONS (8), BENCH_GROW_* as run.sh.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT="$BENCH/.out"
PY=/usr/bin/python3
KEEP=0
NAME=${1:-client-credentials-rs256}
ROUNDS=${2:-3}
WARMUP=${BENCH_WARMUP:-20} DURATION=${BENCH_DURATION:-10} CONNECTIONS=${BENCH_CONNECTIONS:-8}
GROW_USERS=${BENCH_GROW_USERS:-100000} GROW_TOKENS=${BENCH_GROW_TOKENS:-1000000}
GROW_AUTHORIZATIONS=${BENCH_GROW_AUTHORIZATIONS:-1000000}
# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
case "$NAME" in client-credentials-*) LUA=client-credentials.lua ;; *) LUA="$NAME.lua" ;; esac

install_prerequisites
RUN=$(mktemp -d /tmp/sso-ab.XXXXXX)
mkdir -p "$RUN/logs" "$RUN/results"
build
setup_endpoints
make_snapshot RS256 "$RUN/snapshot-RS256.db"
cp "$RUN/snapshot-RS256.db" "$RUN/grown.db"
grow "$RUN/grown.db"
cp "$RUN/users-empty.txt" "$RUN/users-empty-ab.txt"
cp "$RUN/users-grown.txt" "$RUN/users-grown-ab.txt"

io() { awk '/^syscr:/ { r = $2 } /^syscw:/ { w = $2 } END { print r, w }' "/proc/$1/io"; }
ALG=RS256 CONN=$CONNECTIONS
for round in $(seq 1 "$ROUNDS"); do
  for side in empty grown; do
    db="$RUN/grown.db"
    if [ "$side" = empty ]; then db="$RUN/empty.db"; cp "$RUN/snapshot-RS256.db" "$db"; fi
    start_server "$db" RS256 "$RUN/logs/$side.log"
    prepare_scenario "$side-ab" "$NAME" >/dev/null
    wrk_run "$WARMUP" "$URL" "$LUA" "$RUN/warmup.json" "$DATA" "$DATA/refresh-warmup.txt"
    read -r r0 w0 < <(io "$PID"); t0=$(cpu_ticks "$PID"); read -r c0 _ < <(core_stat "$SERVER_CORE")
    wrk_run "$DURATION" "$URL" "$LUA" "$RUN/run.json" "$DATA" "$DATA/refresh-run.txt"
    read -r r1 w1 < <(io "$PID"); t1=$(cpu_ticks "$PID"); read -r c1 _ < <(core_stat "$SERVER_CORE")
    "$PY" -c "import json; w = json.load(open('$RUN/run.json')); ops = w['operations']; cpu = ($t1 - $t0) / $(getconf CLK_TCK)
print('round $round $side: %d ops, %.0f ops per server CPU-s, %.1f read and %.1f write calls per op, other load on core $SERVER_CORE %.0f%%, %d errors'
      % (ops, ops / cpu, ($r1 - $r0) / ops, ($w1 - $w0) / ops, 100 * max(0, (($c1 - $c0) / $(getconf CLK_TCK) - cpu) / w['duration_s']), w['check_errors'] + w['socket_errors']))"
    stop "$SERVER_PID"; SERVER_PID=""
    rm -rf "$DATA"
  done
done
