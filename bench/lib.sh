# Functions shared by bench/run.sh and bench/profile.sh (sourced, not run). They expect BENCH, ROOT,
# OUT, PY, RUN, and for the scenarios DURATION, WARMUP, CONNECTIONS and the SCENARIOS table.

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
selected() { [ -z "$ONLY" ] || [[ "$ONLY" == *",$1,"* ]]; }

# --- prerequisites ----------------------------------------------------------------------------
install_prerequisites() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  command -v curl >/dev/null || missing+=(curl)
  command -v taskset >/dev/null || missing+=(util-linux)
  [ -x "$PY" ] || missing+=(python3)
  { [ -x "$PY" ] && "$PY" -c "import matplotlib" 2>/dev/null; } || missing+=(python3-matplotlib)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || die "the .NET 10 SDK is needed (see README)"
}

# --- build --------------------------------------------------------------------------------------
build() {
  export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
  log "building Release into bench/.out/"
  local project
  for project in src/IdentityServer:identity-server src/ClientAppB:client-app-b bench/tool:tool; do
    dotnet publish "$ROOT/${project%%:*}" -c Release -o "$OUT/${project##*:}" --nologo -v quiet -clp:ErrorsOnly \
      || die "build of ${project%%:*} failed"
  done
  # The bench's own settings replace the demo ones (fixed ports, demo users and clients): the
  # servers run as Development only because that is what allows plain http on loopback.
  cp "$BENCH/config/identity-server.json" "$OUT/identity-server/appsettings.Development.json"
  cp "$BENCH/config/client-app-b.json" "$OUT/client-app-b/appsettings.Development.json"
}

# --- processes ----------------------------------------------------------------------------------
RUN="" SERVER_PID="" APP_PID=""
cleanup() {
  local pid
  for pid in "$APP_PID" "$SERVER_PID"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ -n "$RUN" ] && [ "$KEEP" = 0 ]; then rm -rf "$RUN"; elif [ -n "$RUN" ]; then log "kept $RUN"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

SERVER_CORE=1 LOAD_CORE=0
pin() { taskset -c "$1" "${@:2}"; }

wait_healthy() { # name url pid log
  local i
  for i in $(seq 1 240); do
    curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { tail -30 "$4" >&2; die "$1 exited during start-up (log above)"; }
    sleep 0.25
  done
  tail -30 "$4" >&2
  die "$1 did not become healthy at $2"
}

stop() { # pid
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

SERVER_ENV=() # extra NAME=value settings for the identity server (profile.sh)
# The runtime waits until no new method has been compiled for 100 ms before it counts calls for
# tier-1 (optimised) compilation; on this shared 2-core machine that kept much of the hot path in
# unoptimised tier-0 code for over 40 s of load (half the throughput). Counting at once reaches
# the steady state (tier-1 with dynamic PGO, as a long-running server has) within the warm-up.
RUNTIME_ENV=(DOTNET_TC_CallCountingDelayMs=0)
start_server() { # database algorithm log
  # Scheduled pruning off while scenarios are measured (it would delete rows of the grown database
  # during the runs); prune_with_server measures it on its own.
  ( cd "$OUT/identity-server" && exec env "${RUNTIME_ENV[@]}" TokenPruning__Enabled=false "${SERVER_ENV[@]}" ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://localhost:$PORT" \
      Server__Issuer="$ISSUER" Database__SqlitePath="$1" Keys__SigningAlgorithm="$2" \
      Seed__Clients__0__ClientSecret="$SERVICE_SECRET" Seed__Clients__1__ClientSecret="$WEB_SECRET" \
      Seed__Clients__2__ClientSecret="$API_SECRET" \
      taskset -c "$SERVER_CORE" ./IdentityServer >"$3" 2>&1 ) &
  SERVER_PID=$!
  wait_healthy "identity server" "$BASE/health" "$SERVER_PID" "$3"
}

start_app_b() { # log
  ( cd "$OUT/client-app-b" && exec env "${RUNTIME_ENV[@]}" "${SERVER_ENV[@]}" ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://localhost:$APP_PORT" \
      Sso__Authority="$ISSUER" Sso__ClientId=bench-web Sso__ClientSecret="$WEB_SECRET" \
      Api__Introspection__ClientId=billing-api Api__Introspection__ClientSecret="$API_SECRET" \
      DownstreamApi__BaseUrl="http://127.0.0.1:9/" DataProtection__KeysPath="$RUN/app-b-keys" \
      Api__Introspection__ClientSecret="$API_SECRET" Sessions__SqlitePath="$RUN/app-b-sessions.db" \
      taskset -c "$SERVER_CORE" ./ClientAppB >"$1" 2>&1 ) &
  APP_PID=$!
  wait_healthy "ClientAppB" "http://127.0.0.1:$APP_PORT/health" "$APP_PID" "$1"
}

# A database file with everything the server writes at its first start (schema, keys, the
# data-protection key ring, seeded users and clients), checkpointed so one file is the whole state.
make_snapshot() { # algorithm file
  local db="$RUN/first-start-$1.db"
  start_server "$db" "$1" "$RUN/logs/snapshot-$1.log"
  stop "$SERVER_PID"; SERVER_PID=""
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  mv "$db" "$2"
  rm -f "$db-wal" "$db-shm"
}

# Ports, per-run client secrets (nothing secret is committed) and their Basic headers.
# In target mode (BENCH_TARGET) the server is already running: its URL, and the secrets it was seeded with.
setup_endpoints() {
  PORT=$(free_port) APP_PORT=$(free_port)
  BASE="http://127.0.0.1:$PORT" ISSUER="http://localhost:$PORT/"
  if [ -n "${TARGET_URL:-}" ]; then
    BASE=${TARGET_URL%/} ISSUER=${BENCH_TARGET_ISSUER:-$BASE/}
  fi
  SERVICE_SECRET=${BENCH_SERVICE_SECRET:-$(openssl rand -hex 32)} WEB_SECRET=${BENCH_WEB_SECRET:-$(openssl rand -hex 32)}
  API_SECRET=${BENCH_API_SECRET:-$(openssl rand -hex 32)}
  SERVICE_BASIC=$(printf 'bench-service:%s' "$SERVICE_SECRET" | base64 -w0)
  WEB_BASIC=$(printf 'bench-web:%s' "$WEB_SECRET" | base64 -w0)
  API_BASIC=$(printf 'billing-api:%s' "$API_SECRET" | base64 -w0)
  printf 'bench-user-%d bench-passphrase-%d\n' 0 0 1 1 2 2 3 3 > "$RUN/users-empty.txt"
}

# --- measuring ----------------------------------------------------------------------------------
# CPU ticks (user + system) summed over the given processes; one that has gone counts 0.
cpu_ticks() {
  local pid stat total=0
  for pid in "$@"; do
    read -r -a stat < "/proc/$pid/stat" 2>/dev/null || continue
    total=$(( total + stat[13] + stat[14] ))
  done
  echo "$total"
}
core_stat() { awk -v core="cpu$1" '$1 == core { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat; } # busy steal
peak_rss_kb() { local pid; for pid in "$@"; do cat "/proc/$pid/status" 2>/dev/null; done | awk '/^VmHWM:/ && $2 > max { max = $2 } END { print max + 0 }'; }

prepare() { # data folder, then prepare.py options
  local data=$1; shift
  "$PY" "$BENCH/tools/prepare.py" --base "$BASE" --out "$data" --users "$data/users.txt" \
    --web-secret "$WEB_SECRET" --service-secret "$SERVICE_SECRET" "$@" || die "preparing the scenario failed"
}

wrk_run() { # seconds url lua output data
  BENCH_OUT="$4" BENCH_DATA="$5" BENCH_LUA="$BENCH/lua" BENCH_CONNECTIONS="$CONN" BENCH_ISSUER="$ISSUER" \
  BENCH_ALG="$ALG" BENCH_SERVICE_BASIC="$SERVICE_BASIC" BENCH_WEB_BASIC="$WEB_BASIC" BENCH_API_BASIC="$API_BASIC" \
  BENCH_REFRESH_FILE="$6" \
    taskset -c "$LOAD_CORE" wrk -t"$CONN" -c"$CONN" -d"${1}s" --timeout 10s -s "$BENCH/lua/$3" "$2" >>"$RUN/logs/wrk.log" 2>&1 \
    || die "wrk failed (see $RUN/logs/wrk.log)"
}

# Makes what a scenario consumes and sets DATA, URL (what wrk drives) and PID (what is measured);
# for the API call that is ClientAppB, started here.
prepare_scenario() { # phase name
  local phase=$1 name=$2
  DATA="$RUN/data-$phase-$name" URL="$BASE" PID="${TARGET_PIDS:-$SERVER_PID}"
  mkdir -p "$DATA"
  cp "$RUN/users-$phase.txt" "$DATA/users.txt"
  case "$name" in
    refresh) prepare "$DATA" --sessions 1 --refresh-tokens $(( 4 * CONN )) ;;
    sso-hop) prepare "$DATA" --sessions "$CONN" ;;
    sign-in) prepare "$DATA" ;;
    api-call|introspection) prepare "$DATA" --access-tokens 64 ;;
  esac
  if [ "$name" = refresh ]; then # separate pools: warm-up rotates its tokens away
    head -n $(( 2 * CONN )) "$DATA/refresh-tokens.txt" > "$DATA/refresh-warmup.txt"
    tail -n +$(( 2 * CONN + 1 )) "$DATA/refresh-tokens.txt" > "$DATA/refresh-run.txt"
  fi
  if [ "$name" = api-call ]; then
    start_app_b "$RUN/logs/$phase-$name-app-b.log"
    URL="http://127.0.0.1:$APP_PORT" PID="$APP_PID"
  fi
}

run_scenario() { # phase name lua target connections what
  local phase=$1 name=$2 lua=$3 target=$4 what=$6
  CONN=$5
  prepare_scenario "$phase" "$name"
  local data=$DATA url=$URL pid=$PID

  # Warm-up until the runtime has compiled the hot path to tier-1 with PGO: on this shared machine
  # that took 20-30 s of load (introspection: 113 ops per CPU-second in the first 6 s, 261 after
  # 30 s). The sign-in does a few operations per second and needed 60-75 s (3 ops per CPU-second
  # in its first 15 s, 6.5 after 75 s); discovery and the API call do thousands and need less.
  local warmup=$WARMUP
  case "$name" in
    sign-in) warmup=$(( 4 * WARMUP )) ;;
    discovery|api-call) warmup=$(( (WARMUP + 1) / 2 )) ;;
  esac
  log "$phase / $name: warm-up ${warmup}s, then ${DURATION}s with $CONN connections"
  wrk_run "$warmup" "$url" "$lua" "$RUN/results/$phase-$name.warmup.json" "$data" "$data/refresh-warmup.txt"
  local ticks0 core0 steal0 ticks1 core1 steal1 t0 t1 support=() support0=0 support1=0
  # Target mode: processes that serve the target without being the identity server (nginx,
  # PostgreSQL backends), listed now that the warm-up has opened their connections.
  if [ -n "${TARGET_SUPPORT_CMD:-}" ]; then read -r -a support < <(bash -c "$TARGET_SUPPORT_CMD" | tr '\n' ' ') || true; fi
  # shellcheck disable=SC2086 # pid is a list in target mode
  ticks0=$(cpu_ticks $pid); [ ${#support[@]} -gt 0 ] && support0=$(cpu_ticks "${support[@]}")
  read -r core0 steal0 < <(core_stat "$SERVER_CORE"); t0=$(date +%s.%N)
  wrk_run "$DURATION" "$url" "$lua" "$RUN/results/$phase-$name.wrk.json" "$data" "$data/refresh-run.txt"
  # shellcheck disable=SC2086
  ticks1=$(cpu_ticks $pid); [ ${#support[@]} -gt 0 ] && support1=$(cpu_ticks "${support[@]}")
  read -r core1 steal1 < <(core_stat "$SERVER_CORE"); t1=$(date +%s.%N)

  "$PY" - "$RUN/results/$phase-$name.wrk.json" "$RUN/results/$phase-$name.json" <<PYTHON
import json, sys
wrk = json.load(open(sys.argv[1]))
tick = $(getconf CLK_TCK)
elapsed = $t1 - $t0
cpu = ($ticks1 - $ticks0) / tick
ops = wrk["operations"]
json.dump({
    "phase": "$phase", "scenario": "$name", "what": "$what", "target": $target, "connections": $CONN,
    "operations": ops, "ops_per_s": ops / wrk["duration_s"], "p50_ms": wrk["p50_ms"], "p90_ms": wrk["p90_ms"],
    "p99_ms": wrk["p99_ms"], "requests": wrk["requests"], "server_cpu_s": cpu,
    "cpu_s_per_1000_ops": 1000 * cpu / ops if ops else None, "ops_per_cpu_s": ops / cpu if cpu else None,
    "peak_rss_mb": $(peak_rss_kb $pid) / 1024, "measured_process": "$( [ "$name" = api-call ] && echo ClientAppB || echo IdentityServer )",
    "server_processes": len("$pid".split()), "target_url": "${TARGET_URL:-}",
    "support_cpu_s": ($support1 - $support0) / tick, "support_processes": ${#support[@]},
    "ops_per_total_cpu_s": ops / (cpu + ($support1 - $support0) / tick) if cpu else None,
    "errors": wrk["check_errors"] + wrk["socket_errors"], "error_samples": wrk["samples"],
    "server_core_other_load": max(0.0, (($core1 - $core0) / tick - cpu) / elapsed),
    "server_core_steal": ($steal1 - $steal0) / tick / elapsed,
}, open(sys.argv[2], "w"), indent=1)
PYTHON
  "$PY" -c 'import json,sys; r = json.load(open(sys.argv[1])); print("    %.0f ops/s, %.0f ops per server CPU-s (target %d), p50 %.1f ms, p99 %.1f ms, peak RSS %.0f MB, %d errors%s" % (r["ops_per_s"], r["ops_per_cpu_s"] or 0, r["target"], r["p50_ms"], r["p99_ms"], r["peak_rss_mb"], r["errors"], ("; e.g. " + r["error_samples"][0]) if r["error_samples"] else ""))' "$RUN/results/$phase-$name.json" >&2

  if [ "$name" = api-call ]; then stop "$APP_PID"; APP_PID=""; fi
}

run_phase() { # phase database-source(copy|shared|target) database
  local phase=$1 mode=$2 db=$3 entry name lua target conns what
  for entry in "${SCENARIOS[@]}"; do
    IFS='|' read -r name lua target conns what <<<"$entry"
    selected "$name" || continue
    [ "$phase" = grown ] && [[ "$GROWTH_SKIP" == *",$name,"* ]] && continue
    ALG=RS256
    [ "$name" = client-credentials-es256 ] && ALG=ES256
    if [ "$mode" = target ]; then
      run_scenario "$phase" "$name" "$lua" "$target" "$conns" "$what"
      continue
    fi
    local database=$db
    if [ "$mode" = copy ]; then
      database="$RUN/$phase-$name.db"
      cp "$RUN/snapshot-$ALG.db" "$database"
    fi
    start_server "$database" "$ALG" "$RUN/logs/$phase-$name-server.log"
    run_scenario "$phase" "$name" "$lua" "$target" "$conns" "$what"
    stop "$SERVER_PID"; SERVER_PID=""
    if [ "$mode" = copy ]; then rm -f "$database" "$database-wal" "$database-shm"; fi
  done
}

db_bytes() { sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; stat -c %s "$1"; }

# Bulk loads skip the journal (a failed load fails the whole run anyway); WAL is restored after.
bulk_sql() { # database sql-file parameters...
  local db=$1 sql=$2 args=() name
  shift 2
  for name in "$@"; do args+=(-cmd ".parameter set :${name%%=*} ${name#*=}"); done
  sqlite3 "$db" -cmd "PRAGMA journal_mode=OFF" -cmd "PRAGMA synchronous=OFF" "${args[@]}" < "$sql" >/dev/null
  sqlite3 "$db" "PRAGMA journal_mode=WAL" >/dev/null
}

grow() { # database
  local db=$1 s0 s1 s2 s3 t0
  s0=$(db_bytes "$db")
  log "growth: $GROW_USERS users"
  bulk_sql "$db" "$BENCH/sql/grow-users.sql" users="$GROW_USERS"
  s1=$(db_bytes "$db")
  log "growth: $GROW_AUTHORIZATIONS authorizations"
  bulk_sql "$db" "$BENCH/sql/grow-authorizations.sql" users="$GROW_USERS" authorizations="$GROW_AUTHORIZATIONS"
  s2=$(db_bytes "$db")
  log "growth: $GROW_TOKENS tokens"
  t0=$(date +%s%N)
  bulk_sql "$db" "$BENCH/sql/grow-tokens.sql" tokens="$GROW_TOKENS" authorizations="$GROW_AUTHORIZATIONS"
  s3=$(db_bytes "$db")
  cat > "$RUN/results/growth.json" <<JSON
{"users": $GROW_USERS, "authorizations": $GROW_AUTHORIZATIONS, "tokens": $GROW_TOKENS,
 "bytes_empty": $s0, "bytes_after_users": $s1, "bytes_after_authorizations": $s2, "bytes_after_tokens": $s3,
 "token_insert_ms": $(( ($(date +%s%N) - t0) / 1000000 ))}
JSON
  # Sign-ins and sessions on the grown database use grown users (bench-user-0's password).
  "$PY" -c 'import random, sys; n = int(sys.argv[1]); random.seed(5); print("\n".join("grow-user-%d bench-passphrase-0" % random.randint(1, n) for _ in range(1000)))' \
    "$GROW_USERS" > "$RUN/users-grown.txt"
}

# The server's own scheduled pruning (Protocol/TokenPruner) on the grown database: one pass at
# start, each kind (tokens, then authorizations) for at most PRUNE_SECONDS; the rates come from the
# pass's log lines ("Pruned N tokens of M ... in S s, pass finished|time budget reached").
prune_with_server() { # database output
  local db=$1 budget i
  budget=$(printf '%02d:%02d:%02d' $((PRUNE_SECONDS / 3600)) $((PRUNE_SECONDS % 3600 / 60)) $((PRUNE_SECONDS % 60)))
  SERVER_ENV=(TokenPruning__Enabled=true TokenPruning__Retention="$PRUNE_DAYS.00:00:00" TokenPruning__MaxPassDuration="$budget")
  start_server "$db" RS256 "$RUN/logs/prune-server.log"
  SERVER_ENV=()
  for i in $(seq 1 $(( 8 * PRUNE_SECONDS + 240 ))); do
    [ "$(grep -c 'Pruned [0-9]* \(tokens\|authorizations\)' "$RUN/logs/prune-server.log")" -ge 2 ] && break
    sleep 0.5
  done
  stop "$SERVER_PID"; SERVER_PID=""
  "$PY" - "$RUN/logs/prune-server.log" "$PRUNE_DAYS" "$PRUNE_SECONDS" > "$2" <<'PYTHON' || die "pruning did not report (see $RUN/logs/prune-server.log)"
import json, re, sys
text = open(sys.argv[1]).read()
found = {m[2]: m for m in re.finditer(r"Pruned (\d+) (tokens|authorizations) of (\d+) .*? in ([\d.]+) s, (pass finished|time budget reached)", text, re.S)}
if len(found) < 2:
    sys.exit("no pruning pass in the log")
out = {"threshold_days": int(sys.argv[2]), "budget_seconds": float(sys.argv[3]), "job": "TokenPruner"}
for kind, key in (("tokens", "token"), ("authorizations", "authorization")):
    m = found[kind]
    out[f"{kind}_before"] = int(m[3])
    out[f"{kind}_after"] = int(m[3]) - int(m[1])
    out[f"{key}_seconds"] = float(m[4])
    out[f"{kind}_finished"] = m[5] == "pass finished"
json.dump(out, sys.stdout)
PYTHON
}

machine_json() {
  "$PY" - "$ROOT" > "$RUN/results/machine.json" <<'PYTHON'
import json, os, platform, subprocess, sys, datetime
def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=sys.argv[1]).stdout.strip()
    except OSError:
        return ""
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")), "")
runtimes = [l for l in run("dotnet", "--list-runtimes").splitlines() if l.startswith("Microsoft.AspNetCore.App")]
json.dump({
    "cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(mem / 1024 / 1024, 1), "os": osname,
    "kernel": platform.release(), "dotnet_sdk": run("dotnet", "--version"),
    "aspnetcore_runtime": runtimes[-1].split()[1] if runtimes else "",
    "wrk": " ".join(run("wrk", "--version").split()[:2]),
    "commit": run("git", "rev-parse", "--short", "HEAD"),
    "dirty": bool(run("git", "status", "--porcelain", "--", "src", "bench/lua", "bench/config", "bench/run.sh")),
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "load_average_at_start": open("/proc/loadavg").read().split()[:3],
}, sys.stdout, indent=1)
PYTHON
}

