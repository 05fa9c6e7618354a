#!/usr/bin/env bash
# Starts the whole Sso system for a demo: the identity server and both apps, on SQLite, with the
# demo users and clients from the Development settings, and a telemetry dashboard for the
# OpenTelemetry the apps export (skip it with --no-dashboard). Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
export ASPNETCORE_ENVIRONMENT=Development DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dashboard=yes
[[ "${1:-}" == "--no-dashboard" ]] && dashboard=no

echo "Building (Debug)..."
for project in IdentityServer ClientAppA ClientAppB; do
  dotnet build "src/$project" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary
done

mkdir -p .data/logs
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

if [[ $dashboard == yes ]]; then
  # The standalone Aspire dashboard, fetched from NuGet by tools/dashboard (no containers).
  dotnet restore tools/dashboard --nologo -v quiet > .data/logs/dashboard-restore.log || { cat .data/logs/dashboard-restore.log; exit 1; }
  packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  ASPNETCORE_URLS=http://localhost:18888 ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:18889 \
    DASHBOARD__FRONTEND__AUTHMODE=Unsecured DASHBOARD__OTLP__AUTHMODE=Unsecured ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
    "$packages/aspire.dashboard.sdk.linux-x64/13.6.5/tools/Aspire.Dashboard" > .data/logs/dashboard.log 2>&1 &
  pids+=($!)
  # All three apps send their traces, metrics and logs there (Sso.Observability).
  export OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:18889
fi

start() { # name project url
  dotnet run --no-build --no-launch-profile --project "src/$2" > ".data/logs/$1.log" 2>&1 &
  pids+=($!)
}
start identity-server IdentityServer
start client-app-a ClientAppA
start client-app-b ClientAppB

wait_for() { # name url
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$2" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "$1 did not start; see .data/logs/$1.log" >&2
  exit 1
}
wait_for identity-server http://localhost:5000/health
wait_for client-app-a http://localhost:5001/health
wait_for client-app-b http://localhost:5002/health
[[ $dashboard == yes ]] && wait_for dashboard http://localhost:18888/

cat <<'TEXT'

Sso is running (logs in .data/logs/):
  Identity server   http://localhost:5000/
  Orders  (app A)   http://localhost:5001/account   <- open this first and sign in
  Billing (app B)   http://localhost:5002/account   <- then this: no password asked

Demo users:  alice / alice-demo-passphrase (admin)     bob / bob-demo-passphrase
TEXT
[[ $dashboard == yes ]] && echo "  Telemetry dashboard  http://localhost:18888/   (traces, metrics and logs)"
echo "Press Ctrl+C to stop."

wait
