#!/usr/bin/env bash
# Where the identity server's time goes, per scenario (client credentials, refresh, SSO hop and
# introspection by default): the numbers behind bench/PROFILE.md.
#
#   bench/profile.sh [scenario ...]     writes bench/.out/profile/<scenario>/ (perf data, folded stacks,
#                                       counters, trace, SQL log) and the summary bench/profile/<scenario>.txt
#
# For each scenario, on a fresh database and after a warm-up, while wrk drives the scenario:
#   * perf (cpu-clock samples with call stacks; the runtime writes /tmp/perf-PID.map so JIT-compiled
#     .NET frames have names) -> the share of server CPU per component (tools/perf_summary.py);
#   * dotnet-counters (System.Runtime, ASP.NET Core hosting, EF Core) -> allocations, GC, thread
#     pool, EF queries and SaveChanges per operation;
#   * dotnet-trace (EF Core / ADO.NET "database" profile) -> nothing parsed, kept for PerfView/speedscope;
# then a short single-connection run with EF Core's command log on counts SQL statements per
# operation by kind, and strace -c counts fsync/pwrite calls (disk syncs) per operation.
# Settings: BENCH_PROFILE_SECONDS (15), BENCH_WARMUP (15), BENCH_CONNECTIONS (8).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT="$BENCH/.out"
PY=/usr/bin/python3
KEEP=0
SECONDS_PROFILED=${BENCH_PROFILE_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
PROFILE="$OUT/profile"
TOOLS="$OUT/dotnet-tools"
# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(client-credentials-rs256 refresh sso-hop introspection)
lua_of() { case "$1" in client-credentials-*) echo client-credentials.lua ;; *) echo "$1.lua" ;; esac; }

install_prerequisites
command -v perf >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null; }
command -v strace >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq strace >/dev/null; }
for tool in dotnet-trace dotnet-counters; do
  [ -x "$TOOLS/$tool" ] || dotnet tool install "$tool" --version 10.0.750501 --tool-path "$TOOLS" >/dev/null
done

RUN=$(mktemp -d /tmp/sso-profile.XXXXXX)
mkdir -p "$RUN/logs" "$RUN/results" "$PROFILE"
build
setup_endpoints
cp "$RUN/users-empty.txt" "$RUN/users-profile.txt"
cp "$RUN/users-empty.txt" "$RUN/users-profile-sql.txt"
make_snapshot RS256 "$RUN/snapshot-RS256.db"

for name in "${scenarios[@]}"; do
  dir="$PROFILE/$name"
  rm -rf "$dir"; mkdir -p "$dir"
  lua=$(lua_of "$name")
  ALG=RS256 CONN=$CONNECTIONS
  cp "$RUN/snapshot-RS256.db" "$RUN/profile.db"
  SERVER_ENV=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
  start_server "$RUN/profile.db" RS256 "$dir/server.log"
  prepare_scenario profile "$name"
  log "$name: warm-up ${WARMUP}s"
  wrk_run "$WARMUP" "$URL" "$lua" "$dir/warmup.json" "$DATA" "$DATA/refresh-warmup.txt"

  log "$name: profiling ${SECONDS_PROFILED}s (perf, dotnet-counters, dotnet-trace)"
  perf record -e cpu-clock -F 997 -g -p "$PID" -o "$dir/perf.data" -- sleep "$SECONDS_PROFILED" >"$dir/perf-record.log" 2>&1 &
  perf_pid=$!
  "$TOOLS/dotnet-counters" collect -p "$PID" --format csv -o "$dir/counters.csv" --refresh-interval 1 \
    --counters System.Runtime,Microsoft.AspNetCore.Hosting,Microsoft.EntityFrameworkCore \
    --duration "00:00:00:$(printf %02d "$SECONDS_PROFILED")" >"$dir/counters.log" 2>&1 &
  counters_pid=$!
  "$TOOLS/dotnet-trace" collect -p "$PID" --profile database -o "$dir/database.nettrace" \
    --duration "00:00:00:$(printf %02d "$SECONDS_PROFILED")" >"$dir/trace.log" 2>&1 &
  trace_pid=$!
  sleep 0.5
  ticks0=$(cpu_ticks "$PID")
  wrk_run $(( SECONDS_PROFILED - 2 )) "$URL" "$lua" "$dir/wrk.json" "$DATA" "$DATA/refresh-run.txt"
  ticks1=$(cpu_ticks "$PID")
  wait "$perf_pid" "$counters_pid" "$trace_pid" 2>/dev/null || true
  echo "{\"server_cpu_s\": $(( ticks1 - ticks0 ))e-2}" > "$dir/cpu.json"
  cp "/tmp/perf-$PID.map" "$dir/perf.map" 2>/dev/null || true
  perf script -i "$dir/perf.data" 2>/dev/null | "$PY" "$BENCH/tools/perf_summary.py" --fold "$dir/folded.txt" > "$dir/perf-summary.txt" || true
  rm -f "/tmp/perf-$PID.map" "/tmp/perfinfo-$PID.map" # kept as $dir/perf.map
  stop "$APP_PID"; APP_PID=""
  stop "$SERVER_PID"; SERVER_PID=""

  # SQL statements per operation: a short single-connection run with EF Core's command log on.
  log "$name: SQL statements per operation"
  cp "$RUN/snapshot-RS256.db" "$RUN/profile.db"
  SERVER_ENV=(Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information)
  start_server "$RUN/profile.db" RS256 "$dir/sql.log"
  SERVER_ENV=()
  CONN=1
  prepare_scenario profile-sql "$name"
  lines_before=$(wc -l < "$dir/sql.log")
  # strace stops the process at each traced call: only here, never while perf measures.
  sql_seconds=3
  [ "$name" = sign-in ] && sql_seconds=12 # a few sign-ins, in tier-0 code
  timeout $(( sql_seconds + 1 )) strace -c -f -e trace=fsync,fdatasync,pwrite64,pread64 -p "$PID" -o "$dir/strace.txt" 2>/dev/null &
  strace_pid=$!
  wrk_run "$sql_seconds" "$URL" "$lua" "$dir/sql-wrk.json" "$DATA" "$DATA/refresh-run.txt"
  wait "$strace_pid" 2>/dev/null || true
  stop "$APP_PID"; APP_PID=""
  stop "$SERVER_PID"; SERVER_PID=""
  tail -n +"$((lines_before + 1))" "$dir/sql.log" > "$dir/sql-run.log"
  "$PY" "$BENCH/tools/sql_summary.py" "$dir/sql-run.log" "$dir/sql-wrk.json" > "$dir/sql-summary.txt"

  "$PY" "$BENCH/tools/profile_summary.py" "$dir" | tee "$dir/summary.txt"
  mkdir -p "$BENCH/profile"
  { echo "# bench/profile.sh $name, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)," \
      "load average $(cut -d' ' -f1-3 /proc/loadavg)"; cat "$dir/summary.txt"; } > "$BENCH/profile/$name.txt"
done
rm -rf "$RUN"
log "profiles in $PROFILE/"
