#!/usr/bin/env bash
# Benchmark of the Sso identity server (issue 5): every token flow, its throughput, latency, CPU
# per operation, memory and errors, on an empty database and on a grown one, plus pruning.
#
#   bench/run.sh            full run (about 15 minutes): writes bench/RESULTS.md, bench/results.json
#                           and bench/throughput.png, and prints the table
#   bench/run.sh --quick    a few seconds per scenario and a small growth, to try it out: writes
#                           to bench/.out/quick/ and leaves the committed results alone
#   options: --skip-growth, --scenarios a,b,c (names below), --keep (keep the temp folder)
#   settings (environment): BENCH_DURATION (s, 10), BENCH_WARMUP (s, 20), BENCH_CONNECTIONS (8),
#   BENCH_GROW_USERS (100000), BENCH_GROW_TOKENS (1000000), BENCH_GROW_AUTHORIZATIONS (1000000),
#   BENCH_PRUNE_SECONDS (15: time limit of each pruning pass), BENCH_RESULTS_DIR (where to write)
#
# Target mode (issue 6; bench/cluster.sh uses it): BENCH_TARGET=http://127.0.0.1:8080 drives an
# identity server that is already running (one instance, or nginx in front of several) instead of
# starting one; no build, no growth. It must have been seeded with bench/config/identity-server.json
# and the secrets given in BENCH_SERVICE_SECRET and BENCH_WEB_SECRET. BENCH_TARGET_PIDS (required):
# the server processes whose CPU (summed) and peak RSS (largest) are measured; BENCH_TARGET_SUPPORT_CMD:
# a command printing the PIDs of processes that serve without being the server (nginx, PostgreSQL
# backends), reported as extra CPU; BENCH_TARGET_ISSUER when the issuer differs from the URL.
#
# How: builds Release into bench/.out/, starts the identity server (and ClientAppB for the API
# call) on a fresh SQLite database in a temp folder with bench settings (bench/config/), pinned
# to core 1, and drives it with wrk pinned to core 0, one connection per wrk thread, with the Lua
# scripts of bench/lua/ that check every response. Each scenario gets a fresh server process and,
# on the empty database, a fresh copy of it; warm-up first, then a timed run. Server CPU comes
# from /proc/PID/stat (utime + stime) around the timed run, peak RSS from VmHWM.
# Installs what it needs from Debian's packages (wrk, sqlite3, python3-matplotlib) when missing.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT="$BENCH/.out"
PY=/usr/bin/python3

QUICK=0 GROWTH=1 KEEP=0 ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --skip-growth) GROWTH=0 ;;
    --keep) KEEP=1 ;;
    --scenarios) ONLY=",$2,"; shift ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then
  DURATION=${BENCH_DURATION:-3} WARMUP=${BENCH_WARMUP:-2}
  GROW_USERS=${BENCH_GROW_USERS:-2000} GROW_TOKENS=${BENCH_GROW_TOKENS:-20000}
  GROW_AUTHORIZATIONS=${BENCH_GROW_AUTHORIZATIONS:-20000} PRUNE_SECONDS=${BENCH_PRUNE_SECONDS:-3}
  RESULTS_DIR="$OUT/quick"
else
  DURATION=${BENCH_DURATION:-10} WARMUP=${BENCH_WARMUP:-20}
  GROW_USERS=${BENCH_GROW_USERS:-100000} GROW_TOKENS=${BENCH_GROW_TOKENS:-1000000}
  GROW_AUTHORIZATIONS=${BENCH_GROW_AUTHORIZATIONS:-1000000} PRUNE_SECONDS=${BENCH_PRUNE_SECONDS:-15}
  RESULTS_DIR="$BENCH"
fi
RESULTS_DIR=${BENCH_RESULTS_DIR:-$RESULTS_DIR}
TARGET_URL=${BENCH_TARGET:-} TARGET_PIDS=${BENCH_TARGET_PIDS:-} TARGET_SUPPORT_CMD=${BENCH_TARGET_SUPPORT_CMD:-}
if [ -n "$TARGET_URL" ]; then
  [ -n "$TARGET_PIDS" ] || { echo "BENCH_TARGET needs BENCH_TARGET_PIDS (the server processes to measure)" >&2; exit 2; }
  [ -n "${BENCH_SERVICE_SECRET:-}" ] && [ -n "${BENCH_WEB_SECRET:-}" ] \
    || { echo "BENCH_TARGET needs BENCH_SERVICE_SECRET and BENCH_WEB_SECRET (the secrets the target was seeded with)" >&2; exit 2; }
  [[ ",$ONLY," == *",api-call,"* || ",$ONLY," == *",client-credentials-es256,"* || -z "$ONLY" ]] \
    && { echo "BENCH_TARGET needs --scenarios without api-call and client-credentials-es256" >&2; exit 2; }
  GROWTH=0
fi
CONNECTIONS=${BENCH_CONNECTIONS:-8}
# TokenPruning:Retention: tokens older than this are pruned when expired or no longer valid (the default).
PRUNE_DAYS=14

# name | Lua script | target (operations per server CPU-second, issue 5) | connections | what
SCENARIOS=(
  "client-credentials-rs256|client-credentials.lua|2500|$CONNECTIONS|client credentials, RS256 access token"
  "client-credentials-es256|client-credentials.lua|8000|$CONNECTIONS|client credentials, ES256 access token"
  "refresh|refresh.lua|1500|$CONNECTIONS|refresh token grant with rotation"
  "sso-hop|sso-hop.lua|500|$CONNECTIONS|SSO hop: authorize with session cookie, code, token"
  "sign-in|sign-in.lua|10|4|password sign-in + code flow (4 requests)"
  "api-call|api-call.lua|10000|$CONNECTIONS|JWT-protected API call at ClientAppB"
  "introspection|introspection.lua|3000|$CONNECTIONS|token introspection"
  "discovery|discovery.lua|20000|$CONNECTIONS|discovery document or JWKS (one per operation)"
)
# The database-independent ones (ES256 signing, the app's API) are not repeated on the grown database.
GROWTH_SKIP=",client-credentials-es256,api-call,"

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

# --- main ---------------------------------------------------------------------------------------
install_prerequisites
[ "$(nproc)" -ge 2 ] || die "needs 2 cores: the server and the load generator each get one"
RUN=$(mktemp -d /tmp/sso-bench.XXXXXX)
mkdir -p "$RUN/logs" "$RUN/results" "$RESULTS_DIR"
machine_json
setup_endpoints

if [ -n "$TARGET_URL" ]; then
  log "target mode: $TARGET_URL, measuring processes $TARGET_PIDS"
  curl -fsS -o /dev/null "$BASE/health" || die "no identity server answers at $BASE/health"
  run_phase empty target ""
  "$PY" "$BENCH/tools/report.py" --results "$RUN/results" --out "$RESULTS_DIR" \
    --duration "$DURATION" --warmup "$WARMUP" $( [ "$QUICK" = 1 ] && echo --quick )
  log "wrote $RESULTS_DIR/RESULTS.md and results.json"
  exit 0
fi

build

log "unit costs of the server's cryptography (core $SERVER_CORE)"
taskset -c "$SERVER_CORE" "$OUT/tool/Sso.Bench.Tool" crypto > "$RUN/results/crypto.json"

log "fresh databases (RS256 and ES256 keys)"
make_snapshot RS256 "$RUN/snapshot-RS256.db"
make_snapshot ES256 "$RUN/snapshot-ES256.db"

run_phase empty copy ""

if [ "$GROWTH" = 1 ]; then
  cp "$RUN/snapshot-RS256.db" "$RUN/grown.db"
  grow "$RUN/grown.db"
  run_phase grown shared "$RUN/grown.db"
  log "pruning: the server's scheduled job (retention $PRUNE_DAYS days, at most ${PRUNE_SECONDS}s per kind)"
  prune_with_server "$RUN/grown.db" "$RUN/results/prune.json"
fi

# The committed results keep the Scale-out section of the last bench/cluster.sh.
"$PY" "$BENCH/tools/report.py" --results "$RUN/results" --out "$RESULTS_DIR" \
  --duration "$DURATION" --warmup "$WARMUP" $( [ "$QUICK" = 1 ] && echo --quick ) \
  $( [ "$RESULTS_DIR" = "$BENCH" ] && [ -f "$BENCH/cluster.json" ] && echo --cluster "$BENCH/cluster.json" )
log "wrote $RESULTS_DIR/RESULTS.md, results.json and throughput.png"
