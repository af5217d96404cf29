#!/usr/bin/env bash
# Wisp's benchmark harness (issues 5, 9, 10, 11, 15): Wisp's sample app and bare core handler next
# to the JDK's built-in server, Netty, Helidon SE, Undertow and nginx, on loopback, one server at a time.
#
#   bash bench/run.sh                        # full run: every server and the default scenarios, 5 s x 3 reps
#   QUICK=1 bash bench/run.sh                # smoke test: 1 s, 1 rep, fewer scenarios, 2000 idle conns
#   SERVERS="wisp-core netty" bash bench/run.sh
#   INTERLEAVE=1 SERVERS="wisp-core wisp-core-old netty nginx" \
#     SCENARIOS="plaintext-16 tls-plaintext-256 tls-handshake census-plaintext-256" bash bench/run.sh
#
# Settings (environment; defaults in brackets, QUICK=1 defaults after the slash):
#   SERVERS          servers to run, in order [wisp-app wisp-core jdk netty helidon undertow];
#                    also: wisp-core-old (server-core at OLD_CORE_COMMIT [14e2877], built in a
#                    throw-away git worktree under /tmp), nginx (Debian's, own config per run),
#                    wisp-core-jdkpoll (wisp-core with the JDK's blocking reads instead of
#                    server-core's readiness loop: -Ddev.wisp.server.poller=jdk)
#   SCENARIOS        [plaintext-16 plaintext-256 json-16 json-256 pipelined echo startup idle]
#                    / [plaintext-16 json-256 pipelined echo startup idle]; opt-in:
#                    tls-plaintext-16 tls-plaintext-256 tls-json-16 tls-json-256  HTTPS keep-alive
#                    tls-handshake      HTTPS, Connection: close: a full TLS handshake per request
#                    census-S           system calls and context switches per request of wrk
#                                       scenario S (plaintext-16/-256, json-256, tls-plaintext-16)
#                    h2c-P-CxS, h2-P-CxS   h2load, P in plaintext json download, C in H2_CONNS,
#                                       S in H2_STREAMS, e.g. h2c-json-16x100 (skipped with one line
#                                       for a server that doesn't answer HTTP/2)
#                    ws-64 ws-16k       WebSocket echo (tools/WsLoad.java; skipped likewise)
#   DURATION         seconds per measured run [5 / 1]
#   WARMUP           seconds of unmeasured load before each scenario (lets the JIT settle) [5 / 1]
#   REPS             repetitions per measurement; the table shows medians [3 / 1]
#   INTERLEAVE=1     REPS rounds of one repetition per server (A B C A B C ...) instead of all of
#                    one server's repetitions in a row [0]; uptime is recorded around each block
#   IDLE_CONNS       idle keep-alive connections in the idle scenario [10000 / 2000]
#   IDLE_GC          1: a full GC (jcmd PID GC.run) before each idle RSS reading; 0: raw RSS [1]
#   PIPELINE_DEPTH   requests per pipelined batch [16];  PIPELINE_CONNS connections [256]
#   ECHO_BYTES       POST /echo body size [1048576];     ECHO_CONNS connections [16]
#   HANDSHAKE_CONNS  connections of tls-handshake [16] (HTTPS keep-alive runs include one handshake
#                    per connection; the report estimates their share from tls-handshake)
#   CERT_KEY         the run's certificate key: ec (P-256) or rsa (2048) [ec]
#   CENSUS_SECONDS   length of each census run [3] (perf trace -s, else strace -c -f)
#   H2_CONNS, H2_STREAMS  h2load connections and streams per connection [16 64] [10 100]
#   WS_CONNS         WebSocket connections [100]
#   BENCH_PORT       the loopback port every server listens on, in turn [18080]; HTTPS on +1,
#                    h2c on +2 (servers that take prior knowledge on the plain port use that),
#                    WebSocket on +3 (or /ws/echo on the plain port)
#   SERVER_CPU / CLIENT_CPU   CPUs the server and the load generator are pinned to [1 / 0]
#   JAVA_OPTS        extra JVM options, the same for every server [none]
#   SKIP_BUILD=1     reuse the jars already built;   MVN_FLAGS  extra Maven flags, e.g. -o
#
# Output: a markdown report on stdout, also saved to bench/results/<UTC timestamp>.md, with the
# raw measurements, wrk/h2load outputs, census traces, server logs and build logs in
# bench/results/<timestamp>/. The run's certificate is made with openssl and its key deleted at
# the end. Every step is bounded in time; only 127.0.0.1 is ever contacted.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"

# ---------------------------------------------------------------------------------- settings
QUICK="${QUICK:-0}"
if [ "$QUICK" = 1 ]; then
  : "${DURATION:=1}" "${WARMUP:=1}" "${REPS:=1}" "${IDLE_CONNS:=2000}"
  : "${SCENARIOS:=plaintext-16 json-256 pipelined echo startup idle}"
fi
: "${DURATION:=5}" "${WARMUP:=5}" "${REPS:=3}" "${IDLE_CONNS:=10000}"
: "${SCENARIOS:=plaintext-16 plaintext-256 json-16 json-256 pipelined echo startup idle}"
: "${SERVERS:=wisp-app wisp-core jdk netty helidon undertow}"
: "${PIPELINE_DEPTH:=16}" "${PIPELINE_CONNS:=256}" "${ECHO_BYTES:=1048576}" "${ECHO_CONNS:=16}"
: "${BENCH_PORT:=18080}" "${SERVER_CPU:=1}" "${CLIENT_CPU:=0}"
: "${JAVA_OPTS:=}" "${SKIP_BUILD:=0}" "${MVN_FLAGS:=}" "${IDLE_GC:=1}"
: "${INTERLEAVE:=0}" "${CENSUS_SECONDS:=3}" "${HANDSHAKE_CONNS:=16}" "${CERT_KEY:=ec}"
: "${H2_CONNS:=16 64}" "${H2_STREAMS:=10 100}" "${WS_CONNS:=100}"
TLS_PORT=$(( BENCH_PORT + 1 )) H2C_PORT=$(( BENCH_PORT + 2 )) WS_PORT=$(( BENCH_PORT + 3 ))
STARTUP_TIMEOUT=30   # seconds from launch to the first 200 before a server counts as failed
IDLE_DEADLINE=180    # seconds for the idle client to open, time and close its connections
WRK_SCENARIOS="plaintext-16 plaintext-256 json-16 json-256 pipelined echo tls-plaintext-16 tls-plaintext-256 tls-json-16 tls-json-256 tls-handshake"
H2_SCENARIOS=""
for proto in h2c h2; do
  for path in plaintext json download; do
    for c in $H2_CONNS; do
      for m in $H2_STREAMS; do H2_SCENARIOS="$H2_SCENARIOS $proto-$path-${c}x$m"; done
    done
  done
done
H2_SCENARIOS="${H2_SCENARIOS# }"
WS_SCENARIOS="ws-64 ws-16k"
CENSUS_SCENARIOS="census-plaintext-16 census-plaintext-256 census-json-256 census-tls-plaintext-16"
LOAD_SCENARIOS="$WRK_SCENARIOS $H2_SCENARIOS $WS_SCENARIOS $CENSUS_SCENARIOS"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$BENCH/lib.sh"

for v in IDLE_GC DURATION WARMUP REPS IDLE_CONNS PIPELINE_DEPTH PIPELINE_CONNS ECHO_BYTES ECHO_CONNS BENCH_PORT SERVER_CPU CLIENT_CPU INTERLEAVE CENSUS_SECONDS HANDSHAKE_CONNS WS_CONNS; do
  is_uint "${!v}" || die "$v must be a whole number, got '${!v}'"
done
if [ "$DURATION" -lt 1 ] || [ "$REPS" -lt 1 ]; then die "DURATION and REPS must be at least 1"; fi
for s in $SERVERS; do
  has_word "$ALL_SERVERS" "$s" || die "unknown server '$s' in SERVERS; choose from: $ALL_SERVERS"
done
for s in $SCENARIOS; do
  has_word "$LOAD_SCENARIOS startup idle" "$s" || die "unknown scenario '$s' in SCENARIOS; choose from: $LOAD_SCENARIOS startup idle"
done
case "$CERT_KEY" in ec | rsa) ;; *) die "CERT_KEY must be ec or rsa, got '$CERT_KEY'" ;; esac
wants_prefix() { local x; for x in $SCENARIOS; do [[ "$x" == "$1"* ]] && return 0; done; return 1; }
read -r -a JOPTS <<< "$JAVA_OPTS"

# ---------------------------------------------------------------------------------- tools
select_jdk
command -v curl >/dev/null || die "curl is needed to detect readiness: apt-get install curl"
ensure_wrk
if [ "$HAVE_WRK" = 0 ]; then
  say "the load scenarios are skipped; start-up runs, and idle runs without its warm-up"
fi

if wants_prefix tls- || wants_prefix h2 || wants_prefix census-tls; then
  command -v openssl >/dev/null || die "the HTTPS scenarios need openssl to make their certificate: apt-get install openssl"
fi
HAVE_H2LOAD=1
if wants_prefix h2; then
  command -v h2load >/dev/null || { say "h2load not found: installing Debian's nghttp2-client"; timeout 300 apt-get install -y nghttp2-client >/dev/null 2>&1 || true; }
  command -v h2load >/dev/null || { HAVE_H2LOAD=0; say "h2load can't be had ('apt-get install nghttp2-client' failed): HTTP/2 scenarios skipped"; }
fi
# The census counts system calls with perf trace (kernel tracepoints, every thread of the server);
# strace -c is the fallback and slows the server down a lot (the census is never timed anyway).
CENSUS_TOOL=none
if wants_prefix census-; then
  if command -v perf >/dev/null && timeout 20 perf trace -s -- true >/dev/null 2>&1; then
    CENSUS_TOOL=perf
  elif command -v strace >/dev/null; then
    CENSUS_TOOL=strace
  else
    say "neither 'perf trace' nor strace works here (apt-get install linux-perf or strace): census scenarios skipped"
  fi
fi

CPUS="$(nproc)"
if [ "$CPUS" -ge 2 ] && command -v taskset >/dev/null && [ "$SERVER_CPU" != "$CLIENT_CPU" ]; then
  PIN_SERVER=(taskset -c "$SERVER_CPU")
  PINNING="server on CPU $SERVER_CPU, wrk/curl/idle client on CPU $CLIENT_CPU (taskset)"
else
  PIN_SERVER=()
  PINNING="not pinned (needs 2+ CPUs, taskset, and SERVER_CPU != CLIENT_CPU)"
  say "warning: $PINNING; server and load generator will compete for CPU"
fi

# ---------------------------------------------------------------------------------- results
TS="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$BENCH/results/$TS"
REPORT="$BENCH/results/$TS.md"
mkdir -p "$RUN_DIR"
RAW="$RUN_DIR/raw.tsv"
META="$RUN_DIR/meta.tsv"
: > "$RAW"
: > "$META"
meta() { printf '%s\t%s\n' "$1" "$2" >> "$META"; }
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >> "$RAW"; } # server scenario rep metric value
declare -A SKIP=()
skip() { SKIP[$1]="$2"; meta "skip.$1" "$2"; say "SKIPPING $1: $2"; }

# ---------------------------------------------------------------------------------- build
if [ "$SKIP_BUILD" = 1 ]; then
  say "SKIP_BUILD=1: using the jars already built"
else
  # shellcheck disable=SC2086 # SERVERS is a list of names
  build_servers "$RUN_DIR" $SERVERS
  if has_word "$SERVERS" wisp-core-old && [ -z "${SKIP[wisp-core-old]:-}" ]; then
    finish_old_core || skip wisp-core-old "wisp-core's bench jar did not build, so the old one can't be assembled"
  fi
fi
for s in $SERVERS; do
  if [ -z "${SKIP[$s]:-}" ] && [ ! -f "$(jar_of "$s")" ]; then
    skip "$s" "no jar at $(jar_of "$s")"
  fi
done

# ---------------------------------------------------------------------------------- processes
# From here on this shell, and so wrk, curl and the idle client, run on the client CPU.
if [ "${#PIN_SERVER[@]}" -gt 0 ]; then
  taskset -cp "$CLIENT_CPU" $$ > /dev/null
fi

SERVER_PID=""
IDLE_PID=""

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  local pid="$SERVER_PID" i
  SERVER_PID=""
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do # graceful stop: up to 15 s
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    say "server $pid ignored SIGTERM for 15 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  [ -z "$IDLE_PID" ] || kill -KILL "$IDLE_PID" 2>/dev/null || true
  stop_server
  # The run's private key is made fresh for every run and never kept.
  [ -z "${TLS_DIR:-}" ] || rm -f "$TLS_DIR/key.pem"
}
trap cleanup EXIT
trap 'say "interrupted; partial results in $RUN_DIR"; exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PORT") 2>/dev/null; }

# Resets VmHWM to the current RSS (Linux 4.0+), so each scenario's peak is its own.
HWM_RESET=1
reset_hwm() {
  [ "$HWM_RESET" = 1 ] || return 0
  if ! { echo 5 > "/proc/$1/clear_refs"; } 2>/dev/null; then
    HWM_RESET=0
    say "cannot reset peak RSS (/proc/PID/clear_refs not writable): peak RSS is since process start"
    meta note.hwm "peak RSS could not be reset per run (/proc/PID/clear_refs not writable): it is the peak since the process started"
  fi
}

# A certificate for 127.0.0.1 made for this run (self-signed; the clients don't verify it).
TLS_DIR=""
make_certificate() {
  TLS_DIR="$RUN_DIR/tls"
  mkdir -p "$TLS_DIR"
  local key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
  [ "$CERT_KEY" = ec ] || key=(-newkey rsa:2048)
  openssl req -x509 "${key[@]}" -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" > "$TLS_DIR/openssl.log" 2>&1 \
    || die "openssl could not make the run's certificate (see $TLS_DIR/openssl.log)"
  chmod 600 "$TLS_DIR/key.pem"
}

server_args() { # name -> its arguments: the port, and the extra listeners the run's scenarios need
  local a=(--port "$BENCH_PORT")
  # The sample app takes only --port; the bench servers ignore the listeners they don't have.
  if [ "$1" != wisp-app ]; then
    [ -z "$TLS_DIR" ] || a+=(--tls-port "$TLS_PORT" --cert "$TLS_DIR/cert.pem" --key "$TLS_DIR/key.pem")
    ! wants_prefix h2c || a+=(--h2c-port "$H2C_PORT")
    ! wants_prefix ws- || a+=(--ws-port "$WS_PORT")
  fi
  echo "${a[@]}"
}

# nginx: its own prefix and configuration in the run's folder, one worker (pinned with the master
# by taskset), no access log, the endpoints as fixed replies (nginx has no JSON serializer: its
# /json is a constant string, so it is cheaper than anyone's real one) and /download as a file.
nginx_config() { # dir -> writes dir/nginx.conf
  local d="$1" tls="" h2tls=""
  mkdir -p "$d/logs" "$d/tmp" "$d/www"
  head -c 1048576 /dev/zero | tr '\0' 'a' > "$d/www/download"
  chmod -R go+rX "$d"
  if [ -n "$TLS_DIR" ]; then
    # nginx 1.22 spells HTTP/2 as a listen parameter; 1.25.1+ has "http2 on".
    tls="listen 127.0.0.1:$TLS_PORT ssl http2;
    ssl_certificate $TLS_DIR/cert.pem;
    ssl_certificate_key $TLS_DIR/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;"
  fi
  cat > "$d/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile 30000;
pid $d/nginx.pid;
error_log $d/logs/error.log warn;
events { worker_connections 20000; }
http {
    access_log off;
    client_body_temp_path $d/tmp/body;
    proxy_temp_path $d/tmp/proxy;
    fastcgi_temp_path $d/tmp/fastcgi;
    uwsgi_temp_path $d/tmp/uwsgi;
    scgi_temp_path $d/tmp/scgi;
    keepalive_requests 100000000;
    server {
        listen 127.0.0.1:$BENCH_PORT;
        listen 127.0.0.1:$H2C_PORT http2;
        $tls
        location = /plaintext { default_type text/plain; return 200 "Hello, World!"; }
        location = /json { default_type application/json; return 200 '{"message":"Hello, World!"}'; }
        location = /download { default_type application/octet-stream; alias $d/www/download; }
    }
}
CONF
}

# The process whose CPU, memory and system calls are measured: the server, or nginx's worker.
WORK_PID=""
find_work_pid() {
  WORK_PID="$SERVER_PID"
  if [ "$1" = nginx ]; then
    local i w=""
    for ((i = 0; i < 50; i++)); do
      w="$(pgrep -P "$SERVER_PID" | head -1 || true)"
      [ -n "$w" ] && break
      sleep 0.1
    done
    [ -n "$w" ] && WORK_PID="$w"
  fi
}

STARTUP_MS="" READY_RSS_KB="" FAIL_REASON=""
start_server() { # name log -> sets SERVER_PID, STARTUP_MS, READY_RSS_KB; 1 and FAIL_REASON on failure
  local name="$1" log="$2" jar t0 t1 code deadline
  jar="$(jar_of "$name")"
  port_free || { FAIL_REASON="something already answers on 127.0.0.1:$BENCH_PORT (set BENCH_PORT)"; return 1; }
  t0="$(date +%s%N)"
  local args
  read -r -a args <<< "$(server_args "$name")"
  if [ "$name" = nginx ]; then
    local d="$RUN_DIR/nginx"
    nginx_config "$d"
    "${PIN_SERVER[@]}" nginx -p "$d" -c "$d/nginx.conf" > "$log" 2>&1 &
  else
    local extra
    read -r -a extra <<< "$(server_jopts "$name")"
    HOST=127.0.0.1 PORT="$BENCH_PORT" "${PIN_SERVER[@]}" "$JAVA" "${JOPTS[@]}" "${extra[@]}" -jar "$jar" "${args[@]}" > "$log" 2>&1 &
  fi
  SERVER_PID=$!
  deadline=$(( t0 + STARTUP_TIMEOUT * 1000000000 ))
  # A tight loop on purpose: each curl is a fresh process (a few ms), which sets the resolution.
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$BENCH_PORT/plaintext" || true)"
    [ "$code" = 200 ] && break
    if ! alive "$SERVER_PID"; then
      wait "$SERVER_PID" 2>/dev/null || true
      SERVER_PID=""
      FAIL_REASON="the process exited before answering (log: ${log#"$BENCH"/})"
      return 1
    fi
    if [ "$(date +%s%N)" -gt "$deadline" ]; then
      stop_server
      FAIL_REASON="no 200 from GET /plaintext within ${STARTUP_TIMEOUT} s (last status '$code'; log: ${log#"$BENCH"/})"
      return 1
    fi
  done
  t1="$(date +%s%N)"
  STARTUP_MS=$(( (t1 - t0) / 1000000 ))
  # The other listeners (HTTPS, h2c, WebSocket) may bind after the first: a Java peer prints its
  # READY line when all are up.
  if [ "$name" != nginx ]; then
    while ! grep -q '^READY' "$log" && alive "$SERVER_PID" && [ "$(date +%s%N)" -le "$deadline" ]; do
      sleep 0.1
    done
  fi
  find_work_pid "$name"
  READY_RSS_KB="$(status_kb "$WORK_PID" VmRSS)"
}

wrk_args() { # scenario -> prints: connections path script [script args]
  case "$1" in
    plaintext-16) echo "16 /plaintext report.lua" ;;
    plaintext-256) echo "256 /plaintext report.lua" ;;
    json-16) echo "16 /json report.lua" ;;
    json-256) echo "256 /json report.lua" ;;
    pipelined) echo "$PIPELINE_CONNS /plaintext pipeline.lua $PIPELINE_DEPTH" ;;
    echo) echo "$ECHO_CONNS /echo echo.lua $ECHO_BYTES" ;;
    tls-plaintext-16) echo "16 /plaintext report.lua" ;;
    tls-plaintext-256) echo "256 /plaintext report.lua" ;;
    tls-json-16) echo "16 /json report.lua" ;;
    tls-json-256) echo "256 /json report.lua" ;;
    tls-handshake) echo "$HANDSHAKE_CONNS /plaintext close.lua" ;;
  esac
}

run_wrk() { # scenario seconds output-file
  local conns path script arg
  read -r conns path script arg <<< "$(wrk_args "$1")"
  local extra=()
  [ -z "${arg:-}" ] || extra=(-- "$arg")
  local base="http://127.0.0.1:$BENCH_PORT"
  [[ "$1" != tls-* ]] || base="https://127.0.0.1:$TLS_PORT"
  timeout -k 5 $(( $2 + 60 )) wrk -t1 -c"$conns" -d"$2"s --timeout 5s --latency \
    -s "$BENCH/wrk/$script" "$base$path" "${extra[@]}" > "$3" 2>&1
}

field() { # key line -> value of key=value in line
  local kv
  for kv in $2; do
    [ "${kv%%=*}" = "$1" ] && { echo "${kv#*=}"; return 0; }
  done
  echo ""
}

measure_load() { # server scenario rep
  case "$2" in
    h2*) measure_h2 "$@"; return ;;
    ws-*) measure_ws "$@"; return ;;
    census-*) measure_census "$@"; return ;;
  esac
  local s="$1" sc="$2" rep="$3" pid="$WORK_PID" out line c0 c1 req dur
  out="$RUN_DIR/wrk-$s-$sc-$rep.txt"
  reset_hwm "$pid"
  c0="$(ticks "$pid")"
  if ! run_wrk "$sc" "$DURATION" "$out"; then
    say "  $s $sc rep $rep: wrk failed or timed out (see ${out#"$BENCH"/})"
    record "$s" "$sc" "$rep" error wrk_failed
    return 0
  fi
  c1="$(ticks "$pid")"
  line="$(grep '^WRK ' "$out" || true)"
  req="$(field requests "$line")"
  dur="$(field duration_us "$line")"
  if [ -z "$req" ] || [ "$req" = 0 ]; then
    say "  $s $sc rep $rep: no request completed (see ${out#"$BENCH"/})"
    record "$s" "$sc" "$rep" error no_requests
    return 0
  fi
  local errors=0 k v
  for k in connect_errors read_errors write_errors timeouts non2xx; do
    v="$(field "$k" "$line")"
    errors=$(( errors + ${v:-0} ))
  done
  record "$s" "$sc" "$rep" requests "$req"
  record "$s" "$sc" "$rep" rps "$(awk -v r="$req" -v d="$dur" 'BEGIN {printf "%.1f", r * 1e6 / d}')"
  record "$s" "$sc" "$rep" cpu_us "$(awk -v t=$(( c1 - c0 )) -v hz="$CLK_TCK" -v r="$req" 'BEGIN {printf "%.3f", t * 1e6 / hz / r}')"
  # wrk's percentiles are not usable with pipelining: it records one latency per batch, then
  # "corrects" for coordinated omission with an interval computed from responses (16 per batch),
  # which puts counts below its minimum where its percentile walk never looks, so it prints 0.
  # The same 0 can show in other runs; a 0 percentile is recorded as "na", never as 0 ms.
  if [ "$sc" != pipelined ]; then
    for k in p50 p99; do
      v="$(field "${k}_us" "$line")"
      if [ -z "$v" ] || [ "$v" = 0 ]; then
        record "$s" "$sc" "$rep" "${k}_ms" na
      else
        record "$s" "$sc" "$rep" "${k}_ms" "$(awk -v u="$v" 'BEGIN {printf "%.3f", u / 1000}')"
      fi
    done
  fi
  record "$s" "$sc" "$rep" peak_rss_kb "$(status_kb "$pid" VmHWM)"
  record "$s" "$sc" "$rep" errors "$errors"
  say "  $s $sc rep $rep: $(awk -v r="$req" -v d="$dur" 'BEGIN {printf "%.0f", r * 1e6 / d}') req/s, cpu $(( c1 - c0 )) ticks, errors $errors"
}

# A load generator other than wrk ran: record its figures and the server's CPU per request.
record_run() { # server scenario rep requests duration_us ticks errors p50_us p99_us
  local s="$1" sc="$2" rep="$3" req="$4" dur="$5" t="$6" k v
  record "$s" "$sc" "$rep" requests "$req"
  record "$s" "$sc" "$rep" rps "$(awk -v r="$req" -v d="$dur" 'BEGIN {printf "%.1f", r * 1e6 / d}')"
  record "$s" "$sc" "$rep" cpu_us "$(awk -v t="$t" -v hz="$CLK_TCK" -v r="$req" 'BEGIN {printf "%.3f", t * 1e6 / hz / r}')"
  for k in p50 p99; do
    v="$8"; [ "$k" = p50 ] || v="$9"
    if [ -z "$v" ] || [ "$v" = na ]; then record "$s" "$sc" "$rep" "${k}_ms" na
    else record "$s" "$sc" "$rep" "${k}_ms" "$(awk -v u="$v" 'BEGIN {printf "%.3f", u / 1000}')"; fi
  done
  record "$s" "$sc" "$rep" peak_rss_kb "$(status_kb "$WORK_PID" VmHWM)"
  record "$s" "$sc" "$rep" errors "$7"
  say "  $s $sc rep $rep: $(awk -v r="$req" -v d="$dur" 'BEGIN {printf "%.0f", r * 1e6 / d}')/s, cpu $t ticks, errors $7"
}

# HTTP/2 with h2load (one thread, on the client CPU): h2c or h2-PATH-CONNSxSTREAMS.
H2C_URL="" H2_URL=""
h2_target() { # scenario -> URL of the listener that answers it
  local proto="${1%%-*}" rest="${1#*-}" path
  path="${rest%-*}"
  if [ "$proto" = h2c ]; then echo "$H2C_URL/$path"; else echo "$H2_URL/$path"; fi
}
run_h2load() { # scenario seconds output-file
  local rest="${1#*-}" cm conns streams
  cm="${rest##*-}"; conns="${cm%x*}"; streams="${cm#*x}"
  # -N: h2load's stop at the end of -D waits for its connections; against a server that doesn't
  # close after h2load's GOAWAY/close_notify it would wait out our timeout and print no summary.
  timeout -k 5 $(( $2 + 30 )) h2load -t 1 -c "$conns" -m "$streams" -D "$2" -N 3 "$(h2_target "$1")" > "$3" 2>&1
}
measure_h2() { # server scenario rep
  local s="$1" sc="$2" rep="$3" out c0 c1 req rps dur failed
  out="$RUN_DIR/h2load-$s-$sc-$rep.txt"
  reset_hwm "$WORK_PID"
  c0="$(ticks "$WORK_PID")"
  run_h2load "$sc" "$DURATION" "$out" || true
  c1="$(ticks "$WORK_PID")"
  # "requests: N total, N started, N done, N succeeded, N failed, N errored, N timeout"
  req="$(awk '/^requests:/ {print $8}' "$out")"
  failed="$(awk '/^requests:/ {print $10 + $12 + $14}' "$out")"
  rps="$(awk '/^finished in/ {gsub(/,/, "", $4); print $4}' "$out")"
  if [ -z "$req" ] || [ "$req" = 0 ] || [ -z "$rps" ]; then
    say "  $s $sc rep $rep: h2load completed no request (see ${out#"$BENCH"/})"
    record "$s" "$sc" "$rep" error no_requests
    return 0
  fi
  dur="$(awk -v r="$req" -v q="$rps" 'BEGIN {printf "%.0f", r / q * 1e6}')"
  record_run "$s" "$sc" "$rep" "$req" "$dur" $(( c1 - c0 )) "${failed:-0}" na na
}

# WebSocket echo with bench/tools/WsLoad.java: WS_CONNS connections, one message in flight each.
WS_TARGET=""
measure_ws() { # server scenario rep
  local s="$1" sc="$2" rep="$3" out c0 c1 line size=64
  [ "$sc" = ws-64 ] || size=16384
  out="$RUN_DIR/ws-$s-$sc-$rep.txt"
  reset_hwm "$WORK_PID"
  c0="$(ticks "$WORK_PID")"
  timeout -k 5 $(( DURATION + 60 )) "$JAVA" "$BENCH/tools/WsLoad.java" load "$WS_TARGET" "$WS_CONNS" "$size" "$DURATION" > "$out" 2>&1 || true
  c1="$(ticks "$WORK_PID")"
  line="$(grep '^WS ' "$out" || true)"
  if [ -z "$line" ] || [ "$(field messages "$line")" = 0 ]; then
    say "  $s $sc rep $rep: no message echoed (see ${out#"$BENCH"/})"
    record "$s" "$sc" "$rep" error no_messages
    return 0
  fi
  record_run "$s" "$sc" "$rep" "$(field messages "$line")" "$(field duration_us "$line")" $(( c1 - c0 )) \
    "$(field errors "$line")" "$(field p50_us "$line")" "$(field p99_us "$line")"
}
warm_ws() { # scenario seconds output
  local size=64
  [ "$1" = ws-64 ] || size=16384
  timeout -k 5 $(( $2 + 60 )) "$JAVA" "$BENCH/tools/WsLoad.java" load "$WS_TARGET" "$WS_CONNS" "$size" "$2" > "$3" 2>&1
}

# Syscall census: a separate CENSUS_SECONDS wrk run of the named scenario with the server's system
# calls counted by perf trace -s (or strace -c -f), and its threads' context switches from
# /proc/PID/task/*/status. Counts per request only: the census run itself is never timed.
ctx_switches() { # pid -> voluntary + involuntary context switches summed over its live threads
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches:/ {n += $2} END {print n + 0}'
}
measure_census() { # server scenario rep
  local s="$1" sc="$2" rep="$3" base="${2#census-}" out tr line req x0 x1 tpid
  out="$RUN_DIR/census-$s-$base-$rep.txt"
  tr="$RUN_DIR/census-$s-$base-$rep.trace"
  x0="$(ctx_switches "$WORK_PID")"
  if [ "$CENSUS_TOOL" = perf ]; then
    timeout -s INT -k 5 $(( CENSUS_SECONDS + 20 )) perf trace -s -p "$WORK_PID" -o "$tr" &
  else
    timeout -s INT -k 5 $(( CENSUS_SECONDS + 20 )) strace -c -f -p "$WORK_PID" -o "$tr" &
  fi
  tpid=$!
  sleep 1 # attach before the load starts
  run_wrk "$base" "$CENSUS_SECONDS" "$out" || true
  kill -INT "$tpid" 2>/dev/null || true
  wait "$tpid" 2>/dev/null || true
  x1="$(ctx_switches "$WORK_PID")"
  line="$(grep '^WRK ' "$out" || true)"
  req="$(field requests "$line")"
  if [ -z "$req" ] || [ "$req" = 0 ] || [ ! -s "$tr" ]; then
    say "  $s $sc rep $rep: census failed (see ${tr#"$BENCH"/})"
    record "$s" "$sc" "$rep" error census_failed
    return 0
  fi
  # Sum every thread's table: perf prints "name calls errors total min avg max stddev" rows,
  # strace "% time seconds usecs/call calls [errors] syscall".
  awk -v tool="$CENSUS_TOOL" -v req="$req" '
    tool == "perf" && NF >= 8 && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ { c[$1] += $2; e[$1] += $3; n += $2 }
    tool == "strace" && $1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" { k = $NF; c[k] += $4; if (NF == 6) e[k] += $5; n += $4 }
    END {
      split("read readv recvfrom recvmsg", r); split("write writev sendto sendmsg sendfile", w)
      split("epoll_wait epoll_pwait epoll_pwait2", ew)
      for (i in r) { rd += c[r[i]]; re += e[r[i]] }
      for (i in w) wr += c[w[i]]
      for (i in ew) wt += c[ew[i]]
      printf "total=%.3f reads=%.3f read_errors=%.3f writes=%.3f epoll_ctl=%.3f epoll_wait=%.3f futex=%.3f\n",
        n / req, rd / req, re / req, wr / req, c["epoll_ctl"] / req, wt / req, c["futex"] / req
      for (k in c) printf "SYSCALL %s %d %d\n", k, c[k], e[k] | "sort -k3,3nr"
    }' "$tr" > "$out.sum"
  line="$(grep -m1 "^total=" "$out.sum")"
  local k
  for k in total reads read_errors writes epoll_ctl epoll_wait futex; do
    record "$s" "$sc" "$rep" "sc_$k" "$(field "$k" "$line")"
  done
  record "$s" "$sc" "$rep" cs "$(awk -v a="$x0" -v b="$x1" -v r="$req" 'BEGIN {printf "%.3f", (b - a) / r}')"
  record "$s" "$sc" "$rep" census_requests "$req"
  say "  $s $sc rep $rep: $req requests; per request $line cs=$(awk -v a="$x0" -v b="$x1" -v r="$req" 'BEGIN {printf "%.3f", (b - a) / r}')"
}

measure_idle() { # server rep
  local s="$1" rep="$2" out line err
  out="$RUN_DIR/idle-$s-$rep.txt"
  if [ "$HAVE_WRK" = 1 ]; then
    run_wrk plaintext-16 "$WARMUP" "$RUN_DIR/wrk-$s-idle-warmup-$rep.txt" || true
  fi
  local gc=()
  [ "$IDLE_GC" = 0 ] || gc=(gc)
  "$JAVA" "$BENCH/tools/IdleClient.java" 127.0.0.1 "$BENCH_PORT" "$IDLE_CONNS" "$SERVER_PID" "$IDLE_DEADLINE" "${gc[@]}" > "$out" 2>&1 &
  IDLE_PID=$!
  local status=0
  wait "$IDLE_PID" || status=$?
  IDLE_PID=""
  line="$(grep '^IDLE ' "$out" || true)"
  if [ "$status" != 0 ] || [ -z "$line" ] || [ -n "$(field error "$line")" ]; then
    say "  $s idle rep $rep: failed (status $status; see ${out#"$BENCH"/}): $(tail -n 1 "$out")"
    err="$(field error "$line")"
    record "$s" idle "$rep" error "${err:-exit_status_$status}"
    return 0
  fi
  local k
  if [ "$(field gc "$line")" = failed ]; then
    meta "note.gc.$s.$rep" "$s idle rep $rep: the full GC before the RSS readings failed (see results/$TS/$(basename "$out")); its RSS figures include garbage"
  fi
  for k in rss_before_kb rss_idle_kb hwm_kb fds_before fds_idle new_conn_ms new_conn_max_ms reused_conn_ms; do
    record "$s" idle "$rep" "$k" "$(field "$k" "$line")"
  done
  say "  $s idle rep $rep: $line"
}

# The idle client holds IDLE_CONNS sockets; the server (a JVM) raises its own soft limit.
if has_word "$SCENARIOS" idle; then
  need=$(( IDLE_CONNS + 100 ))
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
    ulimit -n "$need" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  fi
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
    die "the idle scenario needs $need open files per process, the limit is $(ulimit -n) (hard $(ulimit -Hn)): lower IDLE_CONNS or raise the limit"
  fi
fi

CLK_TCK="$(getconf CLK_TCK)"

# ---------------------------------------------------------------------------------- meta
pom_prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$BENCH/pom.xml" | head -1; }
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta machine "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $CPUS CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), Linux $(uname -r)"
meta jdk "$("$JAVA" -version 2>&1 | head -1) at $JAVA_HOME"
meta java_opts "${JAVA_OPTS:-none}"
if [ "$HAVE_WRK" = 1 ]; then
  meta wrk "$(wrk --version 2>&1 | head -1 | awk '{print $2}' || true)"
else
  meta wrk "not available"
fi
meta pinning "$PINNING"
meta versions "netty $(pom_prop netty.version), helidon $(pom_prop helidon.version), undertow $(pom_prop undertow.version), jackson $(pom_prop jackson.version) (peers and bare core); Wisp $(pom_prop wisp.version)"
meta settings "DURATION=${DURATION}s WARMUP=${WARMUP}s REPS=$REPS IDLE_CONNS=$IDLE_CONNS IDLE_GC=$IDLE_GC PIPELINE_DEPTH=$PIPELINE_DEPTH PIPELINE_CONNS=$PIPELINE_CONNS ECHO_BYTES=$ECHO_BYTES ECHO_CONNS=$ECHO_CONNS QUICK=$QUICK"
meta servers "$SERVERS"
meta settings2 "INTERLEAVE=$INTERLEAVE CENSUS_SECONDS=${CENSUS_SECONDS}s CENSUS_TOOL=$CENSUS_TOOL HANDSHAKE_CONNS=$HANDSHAKE_CONNS CERT_KEY=$CERT_KEY H2_CONNS='$H2_CONNS' H2_STREAMS='$H2_STREAMS' WS_CONNS=$WS_CONNS; ports: http $BENCH_PORT, https $TLS_PORT, h2c $H2C_PORT, websocket $WS_PORT"
if has_word "$SERVERS" nginx && command -v nginx >/dev/null; then
  meta nginx "$(nginx -v 2>&1 | sed 's/.*: //'), one worker process, $(openssl version 2>/dev/null | awk '{print $1, $2}')"
fi
if has_word "$SERVERS" wisp-core-old; then
  meta old_core "wisp-core-old = the same bare handler on server-core at ${OLD_CORE_DESC:-$OLD_CORE_COMMIT}"
fi
command -v h2load >/dev/null && meta h2load "$(h2load --version 2>&1 | head -1)"
[ "$CENSUS_TOOL" = none ] || meta census_tool "$( [ "$CENSUS_TOOL" = perf ] && echo "perf trace -s ($(perf --version 2>&1))" || echo "strace -c -f ($(strace -V 2>&1 | head -1)); strace stops the server at every system call, so census runs are slow")"
meta scenarios "$SCENARIOS"
meta idle_conns "$IDLE_CONNS"
meta idle_gc "$IDLE_GC"
meta pipeline "depth $PIPELINE_DEPTH, $PIPELINE_CONNS connections"
if [ $(( ECHO_BYTES % 1048576 )) = 0 ]; then echo_size="$(( ECHO_BYTES / 1048576 )) MiB"; else echo_size="$ECHO_BYTES bytes"; fi
meta echo "$echo_size body, $ECHO_CONNS connections"
meta clk_tck "$CLK_TCK"
if [ "$QUICK" = 1 ]; then
  meta note.quick "QUICK=1 is a smoke test: 1 s runs after a 1 s warm-up are dominated by JIT compilation; don't quote these figures"
fi

# ---------------------------------------------------------------------------------- run
load_wanted=""
for sc in $SCENARIOS; do
  has_word "$LOAD_SCENARIOS" "$sc" && load_wanted="$load_wanted $sc"
done
if [ "$HAVE_WRK" = 0 ] && [ -n "$load_wanted" ]; then
  meta note.wrk "wrk unavailable: load scenarios skipped"
  load_wanted=""
fi
if wants_prefix tls- || wants_prefix h2 || wants_prefix census-tls; then
  make_certificate
fi

uptime_meta() { meta "uptime.$1" "$(uptime | sed 's/.*load average/load average/')"; }

# What a running server answers, probed once per process (so a server without HTTP/2 or
# WebSocket is skipped with one line instead of failing every run).
probe_protocols() { # server
  local s="$1" v p
  H2C_URL="" H2_URL="" WS_TARGET=""
  wants_prefix h2 || wants_prefix ws- || return 0
  for p in "$H2C_PORT" "$BENCH_PORT"; do
    v="$(curl -s --http2-prior-knowledge -o /dev/null -w '%{http_version} %{http_code}' --max-time 3 "http://127.0.0.1:$p/plaintext" || true)"
    if [ "$v" = "2 200" ]; then H2C_URL="http://127.0.0.1:$p"; break; fi
  done
  if [ -n "$TLS_DIR" ]; then
    v="$(curl -sk --http2 -o /dev/null -w '%{http_version} %{http_code}' --max-time 3 "https://127.0.0.1:$TLS_PORT/plaintext" || true)"
    [ "$v" != "2 200" ] || H2_URL="https://127.0.0.1:$TLS_PORT"
  fi
  wants_prefix ws- || return 0
  for p in "$WS_PORT" "$BENCH_PORT"; do
    if timeout 20 "$JAVA" "$BENCH/tools/WsLoad.java" probe "127.0.0.1:$p" > /dev/null 2>&1; then
      WS_TARGET="127.0.0.1:$p"; break
    fi
  done
}

# Why a scenario can't run against this server (empty: it can).
unsupported() { # server scenario
  # Peers built for these scenarios: HTTPS in wisp-core, netty, nginx; HTTP/2 in wisp-core, netty,
  # nginx, and h2c in helidon; WebSocket echo in wisp-core and netty.
  case "$1:$2" in
    wisp-app:tls-* | wisp-app:census-tls-*) echo "the sample app is started without HTTPS"; return ;;
    jdk:tls-* | helidon:tls-* | undertow:tls-* | jdk:census-tls-* | helidon:census-tls-* | undertow:census-tls-*)
      echo "no HTTPS listener in this peer"; return ;;
    jdk:h2* | undertow:h2*) echo "not an HTTP/2 peer"; return ;;
    helidon:h2-*) echo "no HTTPS listener in this peer (its HTTP/2 is h2c only)"; return ;;
    jdk:ws-* | helidon:ws-* | undertow:ws-* | nginx:ws-*) echo "not a WebSocket echo peer"; return ;;
  esac
  case "$2" in
    h2c-*) [ "$HAVE_H2LOAD" = 1 ] || { echo "h2load unavailable"; return; }
           [ -n "$H2C_URL" ] || echo "no HTTP/2 yet (no h2c answer with prior knowledge on port $H2C_PORT or $BENCH_PORT)" ;;
    h2-*) [ "$HAVE_H2LOAD" = 1 ] || { echo "h2load unavailable"; return; }
          [ -n "$H2_URL" ] || echo "no HTTP/2 over TLS yet (ALPN h2 not selected on port $TLS_PORT)" ;;
    ws-*) [ -n "$WS_TARGET" ] || echo "no WebSocket yet (no 101 for an upgrade to /ws/echo on port $WS_PORT or $BENCH_PORT)" ;;
    tls-* | census-tls-*) [ "$1" != wisp-core-old ] || echo "it predates TLS" ;;
    echo) [ "$1" != nginx ] || echo "nginx has no echo handler" ;;
  esac
  case "$2" in
    census-*) [ "$CENSUS_TOOL" != none ] || echo "neither perf trace nor strace works here" ;;
  esac
}

warm() { # server scenario
  case "$2" in
    h2*) run_h2load "$2" "$WARMUP" "$RUN_DIR/h2load-$1-$2-warmup.txt" || true ;;
    ws-*) warm_ws "$2" "$WARMUP" "$RUN_DIR/ws-$1-$2-warmup.txt" || true ;;
    census-*) ;; # runs after the measured scenarios on a warm process
    *) run_wrk "$2" "$WARMUP" "$RUN_DIR/wrk-$1-$2-warmup.txt" || true ;;
  esac
}

# One server process: an unmeasured warm-up before each scenario, then repetitions FIRST..LAST.
declare -A SAID=()
load_block() { # server first-rep last-rep
  local s="$1" first="$2" last="$3" log sc why rep
  log="$RUN_DIR/server-$s-load-$first.log"
  if ! start_server "$s" "$log"; then
    skip "$s" "failed to start: $FAIL_REASON"
    return 0
  fi
  probe_protocols "$s"
  for sc in $load_wanted; do
    why="$(unsupported "$s" "$sc" | head -1)"
    if [ -n "$why" ]; then
      if [ -z "${SAID[$s.$sc]:-}" ]; then
        SAID[$s.$sc]=1
        say "  $s $sc: skipped: $why"
        meta "unsupported.$s.$sc" "$why"
      fi
      continue
    fi
    warm "$s" "$sc"
    for ((rep = first; rep <= last; rep++)); do
      alive "$SERVER_PID" || break
      measure_load "$s" "$sc" "$rep"
    done
    if ! alive "$SERVER_PID"; then
      say "  $s died during $sc (see ${log#"$BENCH"/})"
      meta "died.$s" "during $sc (see results/$TS/$(basename "$log"))"
      wait "$SERVER_PID" 2>/dev/null || true
      SERVER_PID=""
      break
    fi
  done
  stop_server
  meta "ready.$s" "$(grep -m1 '^READY' "$log" | sed 's/^READY //' || true)"
}

for s in $SERVERS; do
  [ -z "${SKIP[$s]:-}" ] || continue
  # Start-up and idle connections: a fresh process for every repetition.
  if has_word "$SCENARIOS" startup || has_word "$SCENARIOS" idle; then
    say "== $s (start-up, idle)"
    for ((rep = 1; rep <= REPS; rep++)); do
      if ! start_server "$s" "$RUN_DIR/server-$s-fresh-$rep.log"; then
        skip "$s" "failed to start: $FAIL_REASON"
        break
      fi
      record "$s" startup "$rep" startup_ms "$STARTUP_MS"
      record "$s" startup "$rep" ready_rss_kb "$READY_RSS_KB"
      say "  $s start-up rep $rep: ${STARTUP_MS} ms, RSS $(( READY_RSS_KB / 1024 )) MiB"
      if has_word "$SCENARIOS" idle; then
        measure_idle "$s" "$rep"
      fi
      stop_server
    done
  fi
done

# Load scenarios. INTERLEAVE=1: REPS rounds, each starting every server once for one repetition
# of every scenario (A B C A B C ...), so the machine's drift hits every server alike.
if [ -n "$load_wanted" ]; then
  if [ "$INTERLEAVE" = 1 ]; then
    for ((round = 1; round <= REPS; round++)); do
      uptime_meta "round$round.before"
      for s in $SERVERS; do
        [ -z "${SKIP[$s]:-}" ] || continue
        say "== round $round/$REPS: $s"
        load_block "$s" "$round" "$round"
      done
      uptime_meta "round$round.after"
    done
  else
    for s in $SERVERS; do
      [ -z "${SKIP[$s]:-}" ] || continue
      say "== $s"
      uptime_meta "$s.before"
      load_block "$s" 1 "$REPS"
      uptime_meta "$s.after"
    done
  fi
fi

"$JAVA" "$BENCH/tools/Report.java" "$RUN_DIR" > "$REPORT"
cat "$REPORT"
say "report saved to ${REPORT#"$ROOT"/}; raw data and logs in ${RUN_DIR#"$ROOT"/}/"
