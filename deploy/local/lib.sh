# Shared by deploy/local/{up,down,test,rabbit}: paths, ports and how to start PostgreSQL and RabbitMQ on loopback.
# Sourced, not run. Everything lives under $PERF_LOCAL (default .local/ in the repository).

PERF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PERF_LOCAL="${PERF_LOCAL:-$PERF_ROOT/.local}"
PG_PORT="${PERF_PG_PORT:-55432}"
RABBIT_PORT="${PERF_RABBIT_PORT:-55672}"
RABBIT_DIST_PORT="${PERF_RABBIT_DIST_PORT:-55673}"
RABBIT_EPMD_PORT="${PERF_RABBIT_EPMD_PORT:-55674}"
RABBIT_NODE="${PERF_RABBIT_NODE:-perf@localhost}"
PG_USER=perfplatform
PG_PASSWORD=perfplatform-local
RABBIT_USER=perfplatform
RABBIT_PASSWORD=perfplatform-local

log() { printf '\033[1m[local]\033[0m %s\n' "$*" >&2; }
die() { printf '[local] error: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { log "apt-get update"; as_root apt-get update -qq >/dev/null; apt_updated=1; }
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_packages() {
  command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"
  pg_bin >/dev/null 2>&1 || apt_install postgresql
  rabbit_sbin >/dev/null 2>&1 || apt_install rabbitmq-server
}

# The browser tests (tests/Web.Tests) drive Debian's Chromium; Chinese renders only with a CJK font.
ensure_browser() {
  command -v chromium >/dev/null || apt_install chromium
  dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || apt_install fonts-wqy-zenhei
}

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

# PostgreSQL refuses to run as root: as root we run it as the postgres OS user, from / (a working directory under a
# mode-700 home would only earn warnings).
pg_as() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

# Where PostgreSQL keeps its data, socket and log. Run as the postgres user, it cannot reach a checkout the user cannot
# traverse (one under /root, mode 700), so as root its home is outside the checkout, under PERF_PG_HOMES
# (/var/lib/perfplatform), keyed by PERF_LOCAL. A PERF_LOCAL that already holds its data (PERF_LOCAL/postgres/data,
# where every checkout kept it before) keeps it there; so does anyone not root, who runs PostgreSQL as themselves.
pg_home() {
  if [ "$(id -u)" -ne 0 ] || [ -f "$PERF_LOCAL/postgres/data/PG_VERSION" ]; then echo "$PERF_LOCAL/postgres"; return; fi
  local key; key="$(realpath -m "$PERF_LOCAL" | sha256sum | cut -c1-16)"
  echo "${PERF_PG_HOMES:-/var/lib/perfplatform}/$key/postgres"
}
pg_data() { echo "$(pg_home)/data"; }
pg_socket_dir() { echo "$(pg_home)/run"; }

pg_running() { [ -f "$(pg_data)/postmaster.pid" ] && pg_as "$(pg_bin)/pg_ctl" -D "$(pg_data)" status >/dev/null 2>&1; }

pg_start() {
  local bin home data; bin="$(pg_bin)"; home="$(pg_home)"; data="$(pg_data)"
  mkdir -p "$home/run" "$PERF_LOCAL"
  # A note for whoever looks in PERF_LOCAL for the data.
  [ "$home" = "$PERF_LOCAL/postgres" ] || echo "$home" >"$PERF_LOCAL/postgres-home"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$home"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    pg_as "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$home/run'
max_connections = 300
shared_buffers = 256MB
fsync = on
CONF
  fi
  if pg_running; then log "PostgreSQL already running on $PG_PORT"; else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (data in $data)"
    pg_as "$bin/pg_ctl" -D "$data" -l "$home/server.log" -w -t 60 start >/dev/null \
      || { tail -20 "$home/server.log" >&2; die "PostgreSQL did not start"; }
  fi
  pg_as "$bin/psql" -h "$home/run" -p "$PG_PORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
}

pg_stop() {
  if pg_running; then log "stopping PostgreSQL"; pg_as "$(pg_bin)/pg_ctl" -D "$(pg_data)" -m fast -w stop >/dev/null; fi
}

# Deletes PostgreSQL's data wherever it lives (down --purge, after pg_stop).
pg_purge() {
  local home; home="$(pg_home)"
  log "deleting $home"
  rm -rf "$home" "$PERF_LOCAL/postgres" "$PERF_LOCAL/postgres-home"
  # The key's folder under PERF_PG_HOMES, once empty.
  [ "$home" = "$PERF_LOCAL/postgres" ] || rmdir "$(dirname "$home")" 2>/dev/null || true
}

# Creates the database if missing (owned by the platform role).
pg_ensure_db() {
  local db="$1"
  pg_as "$(pg_bin)/psql" -h "$(pg_socket_dir)" -p "$PG_PORT" -U postgres -d postgres -qtAX \
    -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || pg_as "$(pg_bin)/createdb" -h "$(pg_socket_dir)" -p "$PG_PORT" -U postgres -O "$PG_USER" "$db"
}

pg_connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Database=$1;Username=$PG_USER;Password=$PG_PASSWORD"; }

rabbit_sbin() {
  local d
  for d in /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin; do [ -x "$d/rabbitmq-server" ] && { echo "$d"; return 0; }; done
  return 1
}

# The package's unwrapped scripts, always with the same HOME (the Erlang cookie) and node name.
rabbit_env() {
  local base="$PERF_LOCAL/rabbitmq"
  # Erlang writes its cookie under HOME (and fails with a crash dump in the working directory when it cannot).
  mkdir -p "$base/home" "$base/log"
  env HOME="$base/home" \
    ERL_CRASH_DUMP="$base/log/erl_crash.dump" \
    RABBITMQ_NODENAME="$RABBIT_NODE" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$RABBIT_PORT" \
    RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" \
    ERL_EPMD_PORT="$RABBIT_EPMD_PORT" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_MNESIA_BASE="$base/mnesia" \
    RABBITMQ_LOG_BASE="$base/log" \
    RABBITMQ_CONFIG_FILE="$base/rabbitmq" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$base/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins" \
    RABBITMQ_PID_FILE="$base/rabbit.pid" \
    RABBITMQ_SERVER_START_ARGS="-kernel inet_dist_listen_min $RABBIT_DIST_PORT -kernel inet_dist_listen_max $RABBIT_DIST_PORT" \
    "$@"
}

rabbitmqctl_() { rabbit_env "$(rabbit_sbin)/rabbitmqctl" "$@"; }

rabbit_running() { rabbitmqctl_ -q status >/dev/null 2>&1; }

rabbit_start() {
  local base="$PERF_LOCAL/rabbitmq"
  mkdir -p "$base/home" "$base/mnesia" "$base/log"
  [ -f "$base/rabbitmq.conf" ] || cat >"$base/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$RABBIT_PORT
loopback_users = none
disk_free_limit.absolute = 200MB
log.file.level = warning
CONF
  [ -f "$base/advanced.config" ] || echo "[]." >"$base/advanced.config"
  [ -f "$base/enabled_plugins" ] || echo "[]." >"$base/enabled_plugins"
  if rabbit_running; then log "RabbitMQ already running on $RABBIT_PORT"; else
    log "starting RabbitMQ on 127.0.0.1:$RABBIT_PORT"
    rabbit_env setsid "$(rabbit_sbin)/rabbitmq-server" >"$base/log/console.log" 2>&1 </dev/null &
    rabbitmqctl_ -q await_startup --timeout 120 >/dev/null 2>&1 || {
      sleep 3
      rabbitmqctl_ -q await_startup --timeout 60 >/dev/null 2>&1 \
        || { tail -30 "$base/log/console.log" >&2; die "RabbitMQ did not start"; }
    }
  fi
  if ! rabbitmqctl_ -q list_users 2>/dev/null | grep -q "^$RABBIT_USER"; then
    rabbitmqctl_ -q add_user "$RABBIT_USER" "$RABBIT_PASSWORD" >/dev/null
    rabbitmqctl_ -q set_user_tags "$RABBIT_USER" administrator >/dev/null
    rabbitmqctl_ -q set_permissions -p / "$RABBIT_USER" ".*" ".*" ".*" >/dev/null
  fi
}

rabbit_stop() {
  if rabbit_running; then log "stopping RabbitMQ"; rabbitmqctl_ -q stop >/dev/null 2>&1 || true; fi
  rabbit_env epmd -port "$RABBIT_EPMD_PORT" -kill >/dev/null 2>&1 || true
}

# The platform's processes: project folder, log/pid name (the chart's key), database (-: none). A service whose folder
# does not exist yet is skipped.
PERF_SERVICE_LIST=(
  "ProjectRegistry registry perf_registry"
  "IndicatorCatalogue indicators perf_indicators"
  "DisbursementTracking disbursement perf_disbursement"
  "Reporting reporting perf_reporting"
  "Gateway gateway -"
  "Web web -"
)

# A service's "HTTP gRPC" ports: its own configuration, the line "Ports": { "Http": …, "Grpc": … } of its appsettings.json
# ("-" for gRPC when the line has only "Http": the web console serves no gRPC).
service_ports() {
  [ -f "$PERF_ROOT/services/$1/appsettings.json" ] || return 0
  sed -nE -e 's/^ *"Ports": *\{ *"Http": *([0-9]+), *"Grpc": *([0-9]+) *\},? *$/\1 \2/p' \
    -e 's/^ *"Ports": *\{ *"Http": *([0-9]+) *\},? *$/\1 -/p' "$PERF_ROOT/services/$1/appsettings.json"
}

# PERF_SERVICES: "folder name http-port grpc-port database" of each, its ports read from its configuration.
PERF_SERVICES=()
for _entry in "${PERF_SERVICE_LIST[@]}"; do
  read -r _folder _name _db <<<"$_entry"
  _ports="$(service_ports "$_folder")"
  [ -n "$_ports" ] || [ ! -d "$PERF_ROOT/services/$_folder" ] \
    || die "services/$_folder/appsettings.json has no line \"Ports\": { \"Http\": …, \"Grpc\": … }"
  PERF_SERVICES+=("$_folder $_name ${_ports:-0 0} $_db")
done
unset _entry _folder _name _db _ports
BUILD_CONFIGURATION="${PERF_CONFIGURATION:-Release}"

# A service takes part once its project is in the solution.
in_solution() { grep -q "PerfPlatform.$1.csproj" "$PERF_ROOT/PerfPlatform.sln"; }

service_dll() { echo "$PERF_ROOT/services/$1/bin/$BUILD_CONFIGURATION/net10.0/PerfPlatform.$1.dll"; }

ensure_signing_key() {
  mkdir -p "$PERF_LOCAL"
  [ -s "$PERF_LOCAL/dev-signing.key" ] || { head -c 32 /dev/urandom | base64 >"$PERF_LOCAL/dev-signing.key"; chmod 600 "$PERF_LOCAL/dev-signing.key"; }
}

# Environment shared by every service (names as in the Helm chart's values).
service_env() {
  local http="$1" grpc="$2" db="$3"
  echo "Ports__Http=$http"
  echo "Ports__Grpc=$grpc"
  echo "Auth__SigningKeyFile=$PERF_LOCAL/dev-signing.key"
  echo "RabbitMq__Host=127.0.0.1"
  echo "RabbitMq__Port=$RABBIT_PORT"
  echo "RabbitMq__Username=$RABBIT_USER"
  echo "RabbitMq__Password=$RABBIT_PASSWORD"
  [ "$db" = "-" ] || echo "ConnectionStrings__Postgres=$(pg_connection "$db")"
  local entry folder name h g
  for entry in "${PERF_SERVICES[@]}"; do
    read -r folder name h g _ <<<"$entry"
    case "$name" in
      registry) echo "Upstreams__Registry__Http=http://127.0.0.1:$h"; echo "Upstreams__Registry__Grpc=http://127.0.0.1:$g" ;;
      indicators) echo "Upstreams__Indicators__Http=http://127.0.0.1:$h"; echo "Upstreams__Indicators__Grpc=http://127.0.0.1:$g" ;;
      disbursement) echo "Upstreams__Disbursement__Http=http://127.0.0.1:$h"; echo "Upstreams__Disbursement__Grpc=http://127.0.0.1:$g" ;;
      reporting) echo "Upstreams__Reporting__Http=http://127.0.0.1:$h"; echo "Upstreams__Reporting__Grpc=http://127.0.0.1:$g" ;;
    esac
  done
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_ready() {
  local name="$1" port="$2" i
  for i in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz/ready" 2>/dev/null && return 0
    pid_alive "$PERF_LOCAL/run/$name.pid" || { tail -30 "$PERF_LOCAL/logs/$name.log" >&2; die "$name exited during start-up"; }
    sleep 0.5
  done
  tail -30 "$PERF_LOCAL/logs/$name.log" >&2
  die "$name not ready on port $port after 60 s"
}

start_services() {
  mkdir -p "$PERF_LOCAL/run" "$PERF_LOCAL/logs"
  local entry folder name http grpc db
  for entry in "${PERF_SERVICES[@]}"; do
    read -r folder name http grpc db <<<"$entry"
    in_solution "$folder" || continue
    if pid_alive "$PERF_LOCAL/run/$name.pid"; then log "$name already running"; continue; fi
    [ "$db" = "-" ] || pg_ensure_db "$db"
    log "starting $name (REST :$http, gRPC :$grpc)"
    (
      cd "$PERF_ROOT/services/$folder"
      mapfile -t vars < <(service_env "$http" "$grpc" "$db")
      env "${vars[@]}" ASPNETCORE_ENVIRONMENT=Development setsid dotnet "$(service_dll "$folder")" \
        >>"$PERF_LOCAL/logs/$name.log" 2>&1 </dev/null &
      echo $! >"$PERF_LOCAL/run/$name.pid"
    )
  done
  for entry in "${PERF_SERVICES[@]}"; do
    read -r folder name http grpc db <<<"$entry"
    in_solution "$folder" || continue
    wait_ready "$name" "$http"
  done
}

# A process that has exited, even if its parent has not reaped it yet (a zombie still answers kill -0).
pid_gone() { ! kill -0 "$1" 2>/dev/null || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

# Asks every service to stop, then waits for each to exit (PERF_STOP_TIMEOUT seconds in all, 15 by default; then
# SIGKILL): `down` stops PostgreSQL only after the services let go of it, and an `up` right after finds their ports free.
stop_services() {
  local f i j pids=() names=() deadline=$((SECONDS + ${PERF_STOP_TIMEOUT:-15}))
  for f in "$PERF_LOCAL"/run/*.pid; do
    [ -e "$f" ] || continue
    if pid_alive "$f"; then
      log "stopping $(basename "$f" .pid)"
      kill "$(cat "$f")" 2>/dev/null || true
      pids+=("$(cat "$f")"); names+=("$(basename "$f" .pid)")
    fi
    rm -f "$f"
  done
  for i in "${!pids[@]}"; do
    while ! pid_gone "${pids[$i]}" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    pid_gone "${pids[$i]}" && continue
    log "${names[$i]} did not stop within ${PERF_STOP_TIMEOUT:-15} s: killing it"
    kill -KILL "${pids[$i]}" 2>/dev/null || true
    for j in $(seq 1 50); do pid_gone "${pids[$i]}" && break; sleep 0.1; done
  done
}

install_perfctl() {
  mkdir -p "$PERF_LOCAL/bin"
  cat >"$PERF_LOCAL/bin/perfctl" <<SH
#!/usr/bin/env bash
export PERF_SIGNING_KEY_FILE="\${PERF_SIGNING_KEY_FILE:-$PERF_LOCAL/dev-signing.key}"
exec dotnet "$PERF_ROOT/services/Cli/bin/$BUILD_CONFIGURATION/net10.0/perfctl.dll" "\$@"
SH
  chmod +x "$PERF_LOCAL/bin/perfctl"
}
