#!/usr/bin/env bash
# Soak test of the Sso identity server (issue 7): N minutes of mixed load with zero errors and flat
# memory. Exits non-zero, saying why, when any response was wrong or memory kept growing.
#
#   bench/soak.sh                 10 minutes
#   bench/soak.sh --minutes 1     what CI runs
#   options: --minutes N (default 10), --rss-slack-mb M (default 64), --no-build (reuse bench/.out/soak),
#            --keep (keep the temp folder with logs, wrk results and the RSS samples)
#
# Load, all at once for the whole run, each stream checking every response (bench/lua/):
#   sign-in   1 connection   password sign-in through the form + code flow (4 requests)
#   sso-hop   2 connections  authorize with a session cookie + code redemption
#   refresh   2 connections  refresh token chains with rotation
#   api-call  2 connections  JWT-protected API call at ClientAppB (Billing), 5 ms apart
# The identity server and ClientAppB are Release builds on a fresh SQLite database, pinned to core 1;
# wrk runs on core 0. Every 5 s the resident memory (VmRSS) of both processes is sampled.
#
# Memory verdict: after a warm-up of W = min(60 s, run/4), the median RSS of the first window
# (W to W + L, L = min(60 s, run/4): "the first stable minute") is compared with the median of the
# last window (the last L seconds). The run fails if the last exceeds the first by more than the
# slack, for either process. A leak grows without bound; a healthy server levels off once its
# caches, pools and JIT-compiled code are in place, which the warm-up leaves out.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT="$BENCH/.out/soak"
PY=/usr/bin/python3

MINUTES=10 SLACK_MB=64 BUILD=1 KEEP=0 ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift ;;
    --rss-slack-mb) SLACK_MB=$2; shift ;;
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$MINUTES" =~ ^[0-9]+$ ]] && [ "$MINUTES" -ge 1 ] || { echo "--minutes must be a whole number ≥ 1" >&2; exit 2; }
[[ "$SLACK_MB" =~ ^[0-9]+$ ]] || { echo "--rss-slack-mb must be a whole number" >&2; exit 2; }
DURATION=$(( MINUTES * 60 ))

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

# --- prerequisites (no plotting needed here) ---------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
command -v taskset >/dev/null || missing+=(util-linux)
command -v openssl >/dev/null || missing+=(openssl)
[ -x "$PY" ] || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || die "the .NET 10 SDK is needed (see README)"
[ "$(nproc)" -ge 2 ] || die "needs 2 cores: the servers and the load generator each get one"

WRK_PIDS=()
# lib.sh's cleanup stops the servers and removes the temp folder; the load generators go first.
trap 'for pid in "${WRK_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; cleanup' EXIT
RUN=$(mktemp -d /tmp/sso-soak.XXXXXX)
mkdir -p "$RUN/logs" "$RUN/results" "$RUN/data"

if [ "$BUILD" = 1 ]; then
  export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
  log "building Release into bench/.out/soak/"
  for project in src/IdentityServer:identity-server src/ClientAppB:client-app-b; do
    dotnet publish "$ROOT/${project%%:*}" -c Release -o "$OUT/${project##*:}" --nologo -v quiet -clp:ErrorsOnly \
      || die "build of ${project%%:*} failed"
  done
fi
[ -x "$OUT/identity-server/IdentityServer" ] || die "no build in $OUT (run without --no-build)"
cp "$BENCH/config/identity-server.json" "$OUT/identity-server/appsettings.Development.json"
cp "$BENCH/config/client-app-b.json" "$OUT/client-app-b/appsettings.Development.json"

setup_endpoints
# The API call's access tokens are minted once, before the run: they must outlive it.
SERVER_ENV=("TokenLifetimes__AccessToken=$(printf '%02d:%02d:00' $(( (MINUTES + 10) / 60 )) $(( (MINUTES + 10) % 60 )))")
[ "$MINUTES" -le 1400 ] || die "--minutes: at most 1400 (access tokens live at most a day)"

log "starting the identity server and ClientAppB (fresh SQLite database)"
start_server "$RUN/sso.db" RS256 "$RUN/logs/identity-server.log"
start_app_b "$RUN/logs/client-app-b.log"

log "preparing sessions, refresh tokens and access tokens through the server's endpoints"
cp "$RUN/users-empty.txt" "$RUN/data/users.txt"
prepare "$RUN/data" --sessions 2 --refresh-tokens 64 --access-tokens 64

# One wrk per stream, side by side; each thread drives one connection, checks every answer and
# writes a JSON summary (operations, check and socket errors, latency) at the end.
soak_stream() { # name lua url connections [pause before each request, ms]
  BENCH_DELAY_MS="${5:-0}" BENCH_OUT="$RUN/results/$1.json" BENCH_DATA="$RUN/data" BENCH_LUA="$BENCH/lua" BENCH_CONNECTIONS="$4" \
  BENCH_ISSUER="$ISSUER" BENCH_ALG=RS256 BENCH_WEB_BASIC="$WEB_BASIC" BENCH_SERVICE_BASIC="$SERVICE_BASIC" \
  BENCH_API_BASIC="$API_BASIC" BENCH_REFRESH_FILE="$RUN/data/refresh-tokens.txt" \
    taskset -c "$LOAD_CORE" wrk -t"$4" -c"$4" -d"${DURATION}s" --timeout 10s -s "$BENCH/lua/$2" "$3" \
    >"$RUN/logs/wrk-$1.log" 2>&1 &
  WRK_PIDS+=("$!")
}
log "soaking for $MINUTES min: sign-in, SSO hop, refresh, API call"
soak_stream sign-in sign-in.lua "$BASE" 1
soak_stream sso-hop sso-hop.lua "$BASE" 2
soak_stream refresh refresh.lua "$BASE" 2
# Unpaced, the API call alone answers thousands a second and starves the identity server on the
# shared core until its answers take over wrk's 10 s timeout: an overload test, not a soak. 5 ms
# between calls keeps it at a few hundred a second.
soak_stream api-call api-call.lua "http://127.0.0.1:$APP_PORT" 2 5

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
started=$(date +%s) reported=0
echo "seconds server_kb app_kb" > "$RUN/results/rss.txt"
while :; do
  elapsed=$(( $(date +%s) - started ))
  echo "$elapsed $(rss_kb "$SERVER_PID") $(rss_kb "$APP_PID")" >> "$RUN/results/rss.txt"
  [ "$elapsed" -lt "$DURATION" ] || break
  if (( elapsed / 60 > reported )); then
    reported=$(( elapsed / 60 ))
    log "  ${reported} min: RSS identity server $(( $(rss_kb "$SERVER_PID") / 1024 )) MB, ClientAppB $(( $(rss_kb "$APP_PID") / 1024 )) MB"
  fi
  sleep 5
done
wrk_failed=0
for pid in "${WRK_PIDS[@]}"; do wait "$pid" || wrk_failed=1; done
alive=1
kill -0 "$SERVER_PID" 2>/dev/null && kill -0 "$APP_PID" 2>/dev/null || alive=0

verdict=0
"$PY" - "$RUN/results" "$DURATION" "$SLACK_MB" "$wrk_failed" "$alive" <<'PYTHON' || verdict=$?
import json, os, statistics, sys
results, duration, slack_mb, wrk_failed, alive = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1", sys.argv[5] == "1"
problems = []
print("\nstream     operations   ops/s   p50 ms   p99 ms   errors")
total_errors = 0
for name in ("sign-in", "sso-hop", "refresh", "api-call"):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        problems.append(f"{name}: wrk wrote no result (see logs/wrk-{name}.log)")
        continue
    r = json.load(open(path))
    errors = r["check_errors"] + r["socket_errors"]
    total_errors += errors
    print(f"{name:<10} {r['operations']:>10} {r['operations'] / r['duration_s']:>7.1f} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} {errors:>8}")
    if r["operations"] == 0:
        problems.append(f"{name}: no operation completed")
    if errors:
        problems.append(f"{name}: {errors} errors, e.g. " + "; ".join(r["samples"][:3]))

rows = [line.split() for line in open(os.path.join(results, "rss.txt")).read().splitlines()[1:]]
samples = [(int(s), int(server), int(app)) for s, server, app in rows]
warmup = window = min(60, duration // 4)
first = [s for s in samples if warmup <= s[0] < warmup + window]
last = [s for s in samples if s[0] >= duration - window]
print(f"\nmemory (VmRSS, MB): warm-up {warmup} s; first window {warmup}-{warmup + window} s, last window {duration - window}-{duration} s; slack {slack_mb} MB")
for index, name in ((1, "identity server"), (2, "ClientAppB")):
    if not first or not last:
        problems.append("too few memory samples")
        break
    a = statistics.median(s[index] for s in first) / 1024
    b = statistics.median(s[index] for s in last) / 1024
    peak = max(s[index] for s in samples) / 1024
    verdict = "flat" if b - a <= slack_mb else "GROWING"
    print(f"  {name:<16} first {a:7.1f}   last {b:7.1f}   growth {b - a:+7.1f}   peak {peak:7.1f}   {verdict}")
    if b - a > slack_mb:
        problems.append(f"{name}: RSS grew {b - a:.1f} MB from the first to the last window (slack {slack_mb} MB)")

if wrk_failed:
    problems.append("a wrk process failed (see logs/wrk-*.log)")
if not alive:
    problems.append("a server process died during the soak (see logs/)")
print()
if problems:
    print("SOAK FAILED:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"SOAK PASSED: {duration // 60} min, {total_errors} errors, memory flat")
PYTHON
if [ "$verdict" -ne 0 ]; then
  KEEP=1 # the logs, wrk results and memory samples explain the failure
  tail -20 "$RUN/logs/identity-server.log" >&2
  exit 1
fi
