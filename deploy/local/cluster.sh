#!/usr/bin/env bash
# A real cluster on this machine: PostgreSQL, N silos, M gateways and nginx in front, on loopback.
#
#   deploy/local/cluster.sh up [--silos N] [--gateways M]   start everything, wait until ready, print URLs
#   deploy/local/cluster.sh down                            stop everything (data is kept in .state/local)
#   deploy/local/cluster.sh status                          every process, its port and its health
#   deploy/local/cluster.sh kill  silo|gateway K            SIGKILL one process
#   deploy/local/cluster.sh stop  silo|gateway K            SIGTERM one process and wait for it
#   deploy/local/cluster.sh start silo|gateway K            start one process again
#   deploy/local/cluster.sh logs [silo|gateway|postgres|nginx] [K]   tail the logs
#   deploy/local/cluster.sh clean                           down, then delete .state/local
#
# Ports (override with environment variables): PostgreSQL $PG_PORT (55432), nginx $LB_PORT (8080),
# silo K: silo port $SILO_PORT_BASE+K (11110+K), gateway port $GATEWAY_PORT_BASE+K (30010+K),
# health http://127.0.0.1:($SILO_HTTP_BASE+K) (8090+K); gateway K: http://127.0.0.1:($GATEWAY_HTTP_BASE+K) (5100+K).
# CONFIGURATION (Release) picks the build; STATE_DIR (.state/local) where data, logs and pids live.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
state="${STATE_DIR:-$root/.state/local}"
pg_port="${PG_PORT:-55432}"
lb_port="${LB_PORT:-8080}"
configuration="${CONFIGURATION:-Release}"
silo_port_base="${SILO_PORT_BASE:-11110}"
gateway_port_base="${GATEWAY_PORT_BASE:-30010}"
silo_http_base="${SILO_HTTP_BASE:-8090}"
gateway_http_base="${GATEWAY_HTTP_BASE:-5100}"
cluster_id="${CLUSTER_ID:-local}"
service_id="${SERVICE_ID:-chain-chat}"
database="chat"

die() { echo "cluster.sh: $*" >&2; exit 1; }
pg_bin() { local d; d="$(pg_config --bindir 2>/dev/null || true)"; [ -x "$d/initdb" ] || d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"; [ -x "$d/initdb" ] || die "PostgreSQL server binaries not found (apt-get install postgresql)"; echo "$d"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pidfile() { echo "$state/pids/$1-$2.pid"; }
logfile() { echo "$state/logs/$1-$2.log"; }
alive() { local f; f="$(pidfile "$1" "$2")"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }
http_port() { if [ "$1" = silo ]; then echo $((silo_http_base + $2)); else echo $((gateway_http_base + $2)); fi; }
count() { cat "$state/$1-count" 2>/dev/null || echo 0; }
connection_string() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$database;Maximum Pool Size=50"; }

ensure_tools() {
    local missing=()
    command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
    command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

build() {
    if [ ! -f "$root/Silo/bin/$configuration/net10.0/Silo.dll" ] || [ ! -f "$root/Gateway/bin/$configuration/net10.0/Gateway.dll" ] || [ -n "${REBUILD:-}" ]; then
        echo "building ($configuration)"
        dotnet build "$root/Cluster.sln" -c "$configuration" -nologo -v:q >/dev/null
    fi
}

start_postgres() {
    local bin; bin="$(pg_bin)"
    mkdir -p "$state/postgres"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$state/postgres"; fi
    if [ ! -f "$state/postgres/data/PG_VERSION" ]; then
        as_pg "$bin/initdb" -D "$state/postgres/data" -A trust -U postgres -E UTF8 --no-instructions >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$state/postgres/data" status >/dev/null 2>&1; then
        as_pg "$bin/pg_ctl" -D "$state/postgres/data" -l "$state/postgres/server.log" -w -t 60 \
            -o "-p $pg_port -k $state/postgres -c listen_addresses=127.0.0.1 -c max_connections=400" start >/dev/null
    fi
    psql "postgresql://postgres@127.0.0.1:$pg_port/postgres" -Xqtc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 \
        || psql "postgresql://postgres@127.0.0.1:$pg_port/postgres" -Xqc "CREATE DATABASE $database"
    bash "$root/deploy/sql/apply.sh" "postgresql://postgres@127.0.0.1:$pg_port/$database" >/dev/null
}

stop_postgres() {
    local bin; bin="$(pg_bin)"
    if [ -f "$state/postgres/data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$state/postgres/data" status >/dev/null 2>&1; then
        as_pg "$bin/pg_ctl" -D "$state/postgres/data" -m fast -w stop >/dev/null
    fi
}

signing_key() {
    # Every gateway signs and checks tokens with this one key, so a token from one is valid at all.
    [ -f "$state/signing-key" ] || head -c 48 /dev/urandom | base64 -w0 > "$state/signing-key"
    cat "$state/signing-key"
}

wallet_key() {
    # Every silo seals and opens custodial wallet keys with this one secret.
    [ -f "$state/wallet-key" ] || head -c 48 /dev/urandom | base64 -w0 > "$state/wallet-key"
    cat "$state/wallet-key"
}

start_one() {
    local kind="$1" k="$2" dll port
    alive "$kind" "$k" && { echo "$kind $k already running"; return; }
    port="$(http_port "$kind" "$k")"
    if [ "$kind" = silo ]; then dll="$root/Silo/bin/$configuration/net10.0/Silo.dll"; else dll="$root/Gateway/bin/$configuration/net10.0/Gateway.dll"; fi
    (
        cd "$(dirname "$dll")"
        export Cluster__Membership=AdoNet Cluster__Storage=AdoNet Cluster__ClusterId="$cluster_id" Cluster__ServiceId="$service_id"
        export ConnectionStrings__Postgres="$(connection_string)" ASPNETCORE_URLS="http://127.0.0.1:$port"
        export Auth__SigningKey="$(signing_key)" Wallet__EncryptionKey="$(wallet_key)"
        if [ "$kind" = silo ]; then
            export Cluster__SiloPort=$((silo_port_base + k)) Cluster__GatewayPort=$((gateway_port_base + k))
        else
            # nginx, on this host, is the only proxy whose X-Forwarded-For the gateways believe.
            export Gateway__Mode=Client Gateway__KnownProxies=127.0.0.1
        fi
        setsid nohup dotnet "$dll" >>"$(logfile "$kind" "$k")" 2>&1 &
        echo $! > "$(pidfile "$kind" "$k")"
    )
    echo "started $kind $k (pid $(cat "$(pidfile "$kind" "$k")"), http://127.0.0.1:$port)"
}

wait_ready() {
    local kind="$1" k="$2" port deadline
    port="$(http_port "$kind" "$k")"
    deadline=$((SECONDS + ${READY_TIMEOUT:-120}))
    until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
        alive "$kind" "$k" || die "$kind $k exited; see $(logfile "$kind" "$k")"
        [ $SECONDS -lt $deadline ] || die "$kind $k not ready in time; see $(logfile "$kind" "$k")"
        sleep 0.3
    done
}

stop_one() {
    local kind="$1" k="$2" signal="$3" f pid
    f="$(pidfile "$kind" "$k")"
    alive "$kind" "$k" || { rm -f "$f"; echo "$kind $k is not running"; return; }
    pid="$(cat "$f")"
    kill "-$signal" "$pid"
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "$kind $k (pid $pid) still running after SIGTERM"
    rm -f "$f"
    echo "$kind $k stopped ($signal)"
}

write_nginx() {
    local upstreams="" j
    for j in $(seq 1 "$(count gateway)"); do
        upstreams+="        server 127.0.0.1:$(http_port gateway "$j") max_fails=1 fail_timeout=5s;"$'\n'
    done
    mkdir -p "$state/nginx-tmp"
    sed -e "s|@STATE@|$state|g" -e "s|@PORT@|$lb_port|g" "$root/deploy/nginx/nginx.conf.template" \
        | awk -v ups="$upstreams" '{ if ($0 == "@UPSTREAMS@") printf "%s", ups; else print }' > "$state/nginx.conf"
}

start_nginx() {
    write_nginx
    nginx -t -q -c "$state/nginx.conf" -p "$state"
    if [ -f "$state/nginx.pid" ] && kill -0 "$(cat "$state/nginx.pid")" 2>/dev/null; then
        nginx -c "$state/nginx.conf" -p "$state" -s reload
    else
        nginx -c "$state/nginx.conf" -p "$state"
    fi
}

stop_nginx() {
    if [ -f "$state/nginx.pid" ] && kill -0 "$(cat "$state/nginx.pid")" 2>/dev/null; then
        nginx -c "$state/nginx.conf" -p "$state" -s quit
        for _ in $(seq 1 50); do [ -f "$state/nginx.pid" ] || break; sleep 0.1; done
    fi
}

cmd_up() {
    local silos=2 gateways=2
    while [ $# -gt 0 ]; do
        case "$1" in
            --silos) silos="$2"; shift 2 ;;
            --gateways) gateways="$2"; shift 2 ;;
            *) die "unknown option $1" ;;
        esac
    done
    [ "$silos" -ge 1 ] && [ "$gateways" -ge 1 ] || die "need at least one silo and one gateway"
    mkdir -p "$state/pids" "$state/logs"
    echo "$silos" > "$state/silo-count"; echo "$gateways" > "$state/gateway-count"
    ensure_tools
    build
    start_postgres
    local k
    for k in $(seq 1 "$silos"); do start_one silo "$k"; done
    for k in $(seq 1 "$silos"); do wait_ready silo "$k"; done
    for k in $(seq 1 "$gateways"); do start_one gateway "$k"; done
    for k in $(seq 1 "$gateways"); do wait_ready gateway "$k"; done
    start_nginx
    echo
    echo "ready: $silos silo(s), $gateways gateway(s)"
    echo "  load balancer  http://127.0.0.1:$lb_port"
    for k in $(seq 1 "$gateways"); do echo "  gateway $k      http://127.0.0.1:$(http_port gateway "$k")"; done
    for k in $(seq 1 "$silos"); do echo "  silo $k health  http://127.0.0.1:$(http_port silo "$k")/health/ready"; done
    echo "  postgres       postgresql://postgres@127.0.0.1:$pg_port/$database"
}

cmd_down() {
    local k
    stop_nginx
    for k in $(seq 1 "$(count gateway)"); do stop_one gateway "$k" TERM; done
    for k in $(seq 1 "$(count silo)"); do stop_one silo "$k" TERM; done
    stop_postgres
    echo "down"
}

cmd_status() {
    local kind k port health
    for kind in silo gateway; do
        for k in $(seq 1 "$(count "$kind")"); do
            port="$(http_port "$kind" "$k")"
            if alive "$kind" "$k"; then
                health="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)"
                printf '%-8s %-2s pid %-8s http %-6s ready %s\n' "$kind" "$k" "$(cat "$(pidfile "$kind" "$k")")" "$port" "$health"
            else
                printf '%-8s %-2s %-12s http %-6s\n' "$kind" "$k" "down" "$port"
            fi
        done
    done
    if [ -f "$state/nginx.pid" ] && kill -0 "$(cat "$state/nginx.pid")" 2>/dev/null; then
        printf '%-8s    pid %-8s http %-6s ready %s\n' nginx "$(cat "$state/nginx.pid")" "$lb_port" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$lb_port/health/ready" || true)"
    else
        printf '%-8s    down\n' nginx
    fi
    if as_pg "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then echo "postgres    up      port $pg_port"; else echo "postgres    down    port $pg_port"; fi
}

cmd_logs() {
    local kind="${1:-}" k="${2:-}"
    case "$kind" in
        "") tail -n 20 "$state"/logs/*.log ;;
        postgres) tail -n 50 "$state/postgres/server.log" ;;
        nginx) tail -n 50 "$state/logs/nginx-error.log" ;;
        silo|gateway) if [ -n "$k" ]; then tail -n 100 "$(logfile "$kind" "$k")"; else tail -n 20 "$state"/logs/"$kind"-*.log; fi ;;
        *) die "logs takes silo, gateway, postgres or nginx" ;;
    esac
}

one_process() {
    local kind="${1:-}" k="${2:-}"
    [[ "$kind" =~ ^(silo|gateway)$ ]] && [[ "$k" =~ ^[0-9]+$ ]] || die "expected: silo|gateway K"
}

main() {
    local command="${1:-}"; shift || true
    case "$command" in
        up) cmd_up "$@" ;;
        down) cmd_down ;;
        status) cmd_status ;;
        kill) one_process "$@"; stop_one "$1" "$2" KILL ;;
        stop) one_process "$@"; stop_one "$1" "$2" TERM ;;
        start) one_process "$@"; mkdir -p "$state/pids" "$state/logs"; [ "$2" -le "$(count "$1")" ] || echo "$2" > "$state/$1-count"; start_one "$1" "$2"; wait_ready "$1" "$2"; [ "$1" = gateway ] && start_nginx || true ;;
        logs) cmd_logs "$@" ;;
        clean) cmd_down || true; rm -rf "$state"; echo "removed $state" ;;
        *) sed -n '2,18p' "$0"; exit 2 ;;
    esac
}

main "$@"
