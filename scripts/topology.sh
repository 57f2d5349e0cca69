#!/usr/bin/env bash
# The deployment as a province runs it, on one machine: one PostgreSQL, two MotCua nodes (the published app, Production
# environment) and nginx in front terminating TLS with a certificate from a test CA made here.
#
#   scripts/topology.sh start DIR           makes DIR/tls (CA + server certificate), starts everything, prints the address
#   scripts/topology.sh stop DIR            stops everything started in DIR
#   scripts/topology.sh kill-node DIR a|b   kill -9 of one app node (what a crash does)
#   scripts/topology.sh start-node DIR a|b  starts a node again
#
# Settings (environment): MOTCUA_APP a published MotCua.Web folder (else `dotnet publish` into DIR/app);
# MOTCUA_TOPOLOGY_DEMO=1 loads the demo data first, in a one-off Staging run (Production refuses demo seeding);
# MOTCUA_HOST_NAME (motcua.test), MOTCUA_PG_PORT (55614), MOTCUA_NODE_PORTS ("56141 56142"), MOTCUA_HTTPS_PORT (56140).
#
# Addresses: nginx listens on 127.0.0.1:$MOTCUA_HTTPS_PORT and connects to the nodes from 127.0.0.2 (proxy_bind), the one
# address the nodes believe forwarded headers from (MotCua:Proxy:KnownProxies). A client reaching a node directly from
# anywhere else cannot claim another address or HTTPS.
set -euo pipefail

command=${1:-}
dir=${2:-}
[ -n "$command" ] && [ -n "$dir" ] || { sed -n '2,12p' "$0"; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)

pg_port=${MOTCUA_PG_PORT:-55614}
read -r -a node_ports <<<"${MOTCUA_NODE_PORTS:-56141 56142}"
https_port=${MOTCUA_HTTPS_PORT:-56140}
proxy_address=127.0.0.2
# The name clients use: HSTS is never sent for "localhost" (ASP.NET Core leaves it out), so a real-looking name.
host_name=${MOTCUA_HOST_NAME:-motcua.test}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=motcua;Maximum Pool Size=60"

as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

node_index() { case "$1" in a) echo 0 ;; b) echo 1 ;; *) echo "node is a or b" >&2; exit 2 ;; esac; }

# Waits until a URL answers 200 (curl trusts the test CA), or fails after 90 s.
wait_ready() {
    local url=$1 what=$2
    for _ in $(seq 1 180); do
        if curl -fsS -o /dev/null --cacert "$dir/tls/ca.crt" --resolve "$host_name:$https_port:127.0.0.1" "$url" 2>/dev/null; then return 0; fi
        sleep 0.5
    done
    echo "$what did not become ready ($url); see its log in $dir" >&2
    return 1
}

make_tls() {
    [ -f "$dir/tls/server.crt" ] && return 0
    mkdir -p "$dir/tls"
    (
        cd "$dir/tls"
        openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=MotCua Test CA" \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
            -keyout ca.key -out ca.crt 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -subj "/CN=$host_name" -keyout server.key -out server.csr 2>/dev/null
        printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
            "extendedKeyUsage=serverAuth" "subjectAltName=DNS:$host_name,DNS:localhost,IP:127.0.0.1" >server.ext
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile server.ext -out server.crt 2>/dev/null
        chmod 600 ca.key server.key
    )
}

start_pg() {
    mkdir -p "$dir/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pg"
    if [ ! -d "$dir/pg/data" ]; then
        as_pg "$pg_bin/initdb -D $dir/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
    fi
    # WAL level replica and a replication slot's worth of senders: scripts/backup.sh needs nothing more.
    as_pg "$pg_bin/pg_ctl -D $dir/pg/data -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg -c max_connections=200\" -l $dir/pg/log -w start >/dev/null"
    as_pg "$pg_bin/psql -X -q -h 127.0.0.1 -p $pg_port -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname = 'motcua'\"" | grep -q 1 \
        || as_pg "$pg_bin/createdb -h 127.0.0.1 -p $pg_port -U postgres motcua"
}

app_env() {
    # The settings a province gives each node; only the outbox folder differs (each node's delivered messages, for checks).
    local name=$1
    printf '%s\n' \
        "ASPNETCORE_ENVIRONMENT=Production" \
        "MotCua__Database__Provider=Postgres" \
        "MotCua__Database__ConnectionString=$connection" \
        "MotCua__Proxy__KnownProxies__0=$proxy_address" \
        "MotCua__Files__Directory=$dir/files" \
        "MotCua__Outbox__Folder=$dir/node-$name/outbox" \
        "MotCua__Outbox__PollInterval=00:00:01" \
        "MotCua__Scanning__Disabled=true" \
        "DOTNET_gcServer=0"
}

start_node() {
    local name=$1 port=${node_ports[$(node_index "$1")]}
    mkdir -p "$dir/node-$name"
    (
        cd "$dir/app"
        mapfile -t settings < <(app_env "$name")
        env "${settings[@]}" ASPNETCORE_URLS="http://127.0.0.1:$port" \
            setsid nohup dotnet "$dir/app/MotCua.Web.dll" --contentRoot "$dir/app" >>"$dir/node-$name/log" 2>&1 </dev/null &
        echo $! >"$dir/node-$name/pid"
    )
    wait_ready "http://127.0.0.1:$port/health/ready" "node $name"
}

seed_demo() {
    [ "${MOTCUA_TOPOLOGY_DEMO:-0}" = 1 ] || return 0
    [ -f "$dir/demo-seeded" ] && return 0
    local port=${node_ports[0]}
    local settings
    mapfile -t settings < <(app_env seed)
    env "${settings[@]}" ASPNETCORE_ENVIRONMENT=Staging MotCua__Database__SeedDemoData=true ASPNETCORE_URLS="http://127.0.0.1:$port" \
        dotnet "$dir/app/MotCua.Web.dll" --contentRoot "$dir/app" >"$dir/seed.log" 2>&1 </dev/null &
    local pid=$!
    wait_ready "http://127.0.0.1:$port/health/ready" "the demo seeding run"
    kill -TERM "$pid" && wait "$pid" || true
    touch "$dir/demo-seeded"
}

write_nginx_conf() {
    mkdir -p "$dir/nginx"
    cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log $dir/nginx/access.log;
    client_body_temp_path $dir/nginx/body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    client_max_body_size 60m;

    # Round robin over the two nodes. A node that refuses connections is skipped for 10 s; a request already sent to a
    # node that died is not replayed on the other (POST is not idempotent: the client retries with its Idempotency-Key).
    upstream motcua {
        server 127.0.0.1:${node_ports[0]} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:${node_ports[1]} max_fails=1 fail_timeout=10s;
        keepalive 32;
    }

    server {
        listen 127.0.0.1:$https_port ssl;
        server_name $host_name;
        ssl_certificate $dir/tls/server.crt;
        ssl_certificate_key $dir/tls/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;

        location / {
            proxy_pass http://motcua;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_bind $proxy_address;
            proxy_set_header Host \$host:\$server_port;
            # Replaces whatever X-Forwarded-For the client sent with the address nginx sees: with one proxy, the one to believe.
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_next_upstream error timeout;
            # Which node answered: for the operator's checks (and the tests); drop it if the node addresses are private.
            add_header X-Upstream \$upstream_addr always;
        }
    }
}
EOF
}

start_nginx() {
    write_nginx_conf
    "$nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log"
    wait_ready "https://$host_name:$https_port/health/live" "nginx"
}

stop_pid_file() {
    local file=$1
    [ -f "$file" ] || return 0
    local pid
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

case "$command" in
    start)
        make_tls
        if [ -n "${MOTCUA_APP:-}" ]; then
            [ -d "$dir/app" ] || ln -s "$(cd "$MOTCUA_APP" && pwd)" "$dir/app"
        elif [ ! -d "$dir/app" ]; then
            dotnet publish "$root/src/MotCua.Web" -c Release -o "$dir/app" -nologo -v quiet
        fi
        start_pg
        seed_demo
        # Node a first: it migrates the schema and writes the data-protection key, which node b then reads from the database.
        start_node a
        curl -fsS -o /dev/null "http://127.0.0.1:${node_ports[0]}/account/login"
        start_node b
        start_nginx
        echo "MotCua on https://$host_name:$https_port (resolve $host_name to 127.0.0.1) (CA: $dir/tls/ca.crt; database: $connection)"
        ;;
    stop)
        [ -f "$dir/nginx/nginx.pid" ] && "$nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" -s quit 2>/dev/null || true
        stop_pid_file "$dir/node-a/pid"
        stop_pid_file "$dir/node-b/pid"
        [ -d "$dir/pg/data" ] && as_pg "$pg_bin/pg_ctl -D $dir/pg/data -m fast -w stop >/dev/null" 2>/dev/null || true
        ;;
    kill-node)
        kill -KILL "$(cat "$dir/node-${3:?a or b}/pid")"
        ;;
    start-node)
        start_node "${3:?a or b}"
        ;;
    *)
        sed -n '2,12p' "$0"
        exit 2
        ;;
esac
