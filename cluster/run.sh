#!/usr/bin/env bash
# Brings up a local cluster: N identity server instances (published Release build) on PostgreSQL,
# behind nginx on http://localhost:$SSO_CLUSTER_PORT/ (the issuer). Ctrl-C stops everything.
#   cluster/run.sh [instances]          default 2
#   SSO_CLUSTER_PORT=8080               the load balancer's port (instances use the next ones)
#   SSO_CLUSTER_NO_BUILD=1              reuse the last publish
#   SSO_CLUSTER_PUBLISH=dir             run this published build (with its own appsettings) instead
#   SSO_CLUSTER_DATABASE=sso_cluster    the PostgreSQL database (created if missing)
#   SSO_CLUSTER_CPUS=1                  pin the instances and nginx to these CPUs (taskset list)
# Settings the instances do not get here are taken from the environment (Seed__..., Keys__...).
# Needs root for apt and for creating the PostgreSQL role once; on Debian 12:
#   apt-get install -y postgresql nginx
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
instances=${1:-2}
port=${SSO_CLUSTER_PORT:-8080}
run="$root/cluster/.run"
publish=${SSO_CLUSTER_PUBLISH:-$run/publish}
database=${SSO_CLUSTER_DATABASE:-sso_cluster}
pin=()
[ -n "${SSO_CLUSTER_CPUS:-}" ] && pin=(taskset -c "$SSO_CLUSTER_CPUS")
connection="Host=127.0.0.1;Username=sso_cluster;Password=sso_cluster;Database=$database"

for tool in pg_ctlcluster nginx; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y postgresql nginx" >&2; exit 1; }
done
mkdir -p "$run/tmp"

# PostgreSQL on loopback, one role and database for the cluster (created once).
pg_version=$(ls /etc/postgresql | sort -n | tail -1)
pg_ctlcluster "$pg_version" main start >/dev/null 2>&1 || true
for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'sso_cluster'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE sso_cluster LOGIN PASSWORD 'sso_cluster'\""
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname = '$database'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE DATABASE $database OWNER sso_cluster\""

if [ -z "${SSO_CLUSTER_NO_BUILD:-}" ]; then
  dotnet publish src/IdentityServer -c Release -o "$publish" --nologo -v quiet
fi

pids=()
stop() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

# Every instance gets the same settings but its name and port. The issuer is the load balancer's URL.
start_instance() {
  local n=$1 instance_port=$((port + $1))
  (cd "$publish" && exec env ASPNETCORE_ENVIRONMENT=Development \
    "Server__Issuer=http://localhost:$port/" "Server__InstanceName=sso-$n" Server__TrustForwardedHeaders=true \
    Database__Provider=PostgreSql "Database__ConnectionString=$connection" \
    "${pin[@]}" dotnet IdentityServer.dll --urls "http://127.0.0.1:$instance_port" >"$run/instance-$n.log" 2>&1) &
  pids+=($!)
}
wait_ready() {
  for _ in $(seq 60); do
    curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "instance on port $1 did not become ready; see $run/instance-*.log" >&2
  exit 1
}

# The first instance migrates and seeds alone; the others then start on a ready database.
start_instance 1
wait_ready $((port + 1))
upstreams="    server 127.0.0.1:$((port + 1)) max_fails=1 fail_timeout=5s;"
for n in $(seq 2 "$instances"); do
  start_instance "$n"
  upstreams+=$'\n'"    server 127.0.0.1:$((port + n)) max_fails=1 fail_timeout=5s;"
done
for n in $(seq 2 "$instances"); do wait_ready $((port + n)); done

template=$(<"$root/cluster/nginx.conf.template")
template=${template//__RUN__/$run}
template=${template//__PORT__/$port}
echo "${template//__UPSTREAMS__/$upstreams}" >"$run/nginx.conf"
"${pin[@]}" nginx -c "$run/nginx.conf" -g 'daemon off;' &
pids+=($!)

echo "Issuer http://localhost:$port/ : $instances instances on ports $((port + 1))-$((port + instances)), PostgreSQL database $database"
echo "Logs in $run. Ctrl-C stops the cluster."
wait
