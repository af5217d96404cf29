#!/usr/bin/env bash
# Scale-out, proven: nginx (deploy/nginx.conf) in front of three sample-app instances sharing one
# PostgreSQL, a mixed load for LOAD_SECONDS through nginx while one instance is stopped with SIGTERM
# (drain delay) and started again. Passes when no client request failed, every todo created is
# readable through each instance, and an event stream on one instance sees todos created through
# another. Bounded: about a minute; every wait has a limit.
#   bash deploy/scale-out-test.sh        (needs the jar: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."

LOAD_SECONDS=${LOAD_SECONDS:-20}
CLIENTS=${CLIENTS:-16}
DRAIN_SECONDS=6   # longer than nginx.conf's upstream keepalive_timeout (4 s)
DB_NAME=wisp_scaleout
PG_HOST=127.0.0.1
PG_PORT=5432
export PGPASSWORD=${PGPASSWORD:-wisp-scaleout}
JAR=sample-app/target/wisp-sample-app.jar
WORK=$(mktemp -d /tmp/wisp-scale-out.XXXXXX)

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'; }
JAVA=""
for candidate in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  if [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ]; then JAVA=$candidate; break; fi
done
[ -n "$JAVA" ] || { echo "scale-out: no JDK 21+ found (install openjdk-21-jdk)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "scale-out: $JAR is missing: run mvn -q -DskipTests package first" >&2; exit 1; }

# --- PostgreSQL: the machine's, or installed and started here -------------------------------------
if ! pg_isready -q -h $PG_HOST -p $PG_PORT 2>/dev/null; then
  echo "scale-out: no PostgreSQL at $PG_HOST:$PG_PORT; installing and starting one"
  command -v pg_ctlcluster >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
  version=$(ls /etc/postgresql | sort -n | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h $PG_HOST -p $PG_PORT && break; sleep 1; done
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD '$PGPASSWORD'\""
fi
psql -q -h $PG_HOST -p $PG_PORT -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME" -c "CREATE DATABASE $DB_NAME" >/dev/null

# --- nginx -----------------------------------------------------------------------------------------
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORTS=("$(free_port)" "$(free_port)" "$(free_port)")
LISTEN=$(free_port)
PIDS=("" "" "")

cleanup() {
  for pid in "${PIDS[@]}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  psql -q -h $PG_HOST -p $PG_PORT -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start_instance() { # index
  local i=$1
  WISP_DB_PASSWORD=$PGPASSWORD "$JAVA" -jar "$JAR" --host 127.0.0.1 --port "${PORTS[$i]}" \
    --db "postgresql://postgres@$PG_HOST:$PG_PORT/$DB_NAME" --drain-delay $DRAIN_SECONDS \
    >>"$WORK/app$i.log" 2>&1 &
  PIDS[$i]=$!
}

wait_ready() { # index
  for _ in $(seq 1 60); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORTS[$1]}/ready")" = 200 ] && return 0
    kill -0 "${PIDS[$1]}" 2>/dev/null || { echo "scale-out: instance $1 exited:"; tail -5 "$WORK/app$1.log"; return 1; }
    sleep 0.5
  done
  echo "scale-out: instance $1 not ready in 30 s"; tail -5 "$WORK/app$1.log"; return 1
}

for i in 0 1 2; do start_instance $i; done
for i in 0 1 2; do wait_ready $i; done

mkdir -p "$WORK/nginx"
sed -e "s#@PREFIX@#$WORK/nginx#g" -e "s/@PORT1@/${PORTS[0]}/" -e "s/@PORT2@/${PORTS[1]}/" \
    -e "s/@PORT3@/${PORTS[2]}/" -e "s/@LISTEN@/$LISTEN/" deploy/nginx.conf >"$WORK/nginx/nginx.conf"
"$NGINX" -q -t -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx/" # the configuration as deployed must pass nginx -t
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx/"
echo "scale-out: nginx on 127.0.0.1:$LISTEN in front of instances on ports ${PORTS[*]}"

# --- the event stream across instances -------------------------------------------------------------
set +e
"$JAVA" deploy/LoadClient.java sse "http://127.0.0.1:${PORTS[0]}" "http://127.0.0.1:${PORTS[1]}"
sse=$?
set -e
[ $sse = 0 ] || [ $sse = 3 ] || { echo "scale-out: FAILED (events across instances)"; exit 1; }

# --- load through nginx, with a rolling restart of instance 0 in the middle -------------------------
"$JAVA" deploy/LoadClient.java load "http://127.0.0.1:$LISTEN" "$LOAD_SECONDS" "$CLIENTS" "$WORK/ids.txt" >"$WORK/load.out" 2>&1 &
load_pid=$!
sleep 5 # let the load run a while first (a scenario step, not synchronisation)
echo "scale-out: SIGTERM to instance 0 (drain ${DRAIN_SECONDS} s), then starting it again"
kill -TERM "${PIDS[0]}"
for _ in $(seq 1 60); do kill -0 "${PIDS[0]}" 2>/dev/null || break; sleep 0.5; done
if kill -0 "${PIDS[0]}" 2>/dev/null; then echo "scale-out: instance 0 did not stop within 30 s"; exit 1; fi
wait "${PIDS[0]}" && status=0 || status=$?
echo "scale-out: instance 0 exited with status $status"
[ "$status" = 0 ] || { tail -5 "$WORK/app0.log"; exit 1; }
start_instance 0
wait_ready 0
set +e
wait $load_pid
load=$?
set -e
cat "$WORK/load.out"
[ $load = 0 ] || { echo "scale-out: FAILED (client requests failed)"; exit 1; }

"$JAVA" deploy/LoadClient.java check "$WORK/ids.txt" "http://127.0.0.1:${PORTS[0]}" "http://127.0.0.1:${PORTS[1]}" "http://127.0.0.1:${PORTS[2]}" \
  || { echo "scale-out: FAILED (todos not readable everywhere)"; exit 1; }
echo "scale-out: passed"
