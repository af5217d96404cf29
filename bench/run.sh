#!/usr/bin/env bash
# Wisp's benchmark harness (issue 5): Wisp's sample app and bare core handler next to the JDK's
# built-in server, Netty, Helidon SE and Undertow, on loopback, one server at a time.
#
#   bash bench/run.sh                        # full run: every server and scenario, 5 s x 3 reps
#   QUICK=1 bash bench/run.sh                # smoke test: 1 s, 1 rep, fewer scenarios, 2000 idle conns
#   SERVERS="wisp-core netty" bash bench/run.sh
#
# Settings (environment; defaults in brackets, QUICK=1 defaults after the slash):
#   SERVERS          servers to run, in order [wisp-app wisp-core jdk netty helidon undertow]
#   SCENARIOS        [plaintext-16 plaintext-256 json-16 json-256 pipelined echo startup idle]
#                    / [plaintext-16 json-256 pipelined echo startup idle]
#   DURATION         seconds per measured wrk run [5 / 1]
#   WARMUP           seconds of unmeasured load before each scenario (lets the JIT settle) [5 / 1]
#   REPS             repetitions per measurement; the table shows medians [3 / 1]
#   IDLE_CONNS       idle keep-alive connections in the idle scenario [10000 / 2000]
#   IDLE_GC          1: a full GC (jcmd PID GC.run) before each idle RSS reading; 0: raw RSS [1]
#   PIPELINE_DEPTH   requests per pipelined batch [16];  PIPELINE_CONNS connections [256]
#   ECHO_BYTES       POST /echo body size [1048576];     ECHO_CONNS connections [16]
#   BENCH_PORT       the one loopback port every server listens on, in turn [18080]
#   SERVER_CPU / CLIENT_CPU   CPUs the server and the load generator are pinned to [1 / 0]
#   JAVA_OPTS        extra JVM options, the same for every server [none]
#   SKIP_BUILD=1     reuse the jars already built;   MVN_FLAGS  extra Maven flags, e.g. -o
#
# Output: a markdown report on stdout, also saved to bench/results/<UTC timestamp>.md, with the
# raw measurements, wrk outputs, server logs and build logs in bench/results/<timestamp>/.
# Every step is bounded in time; only 127.0.0.1 is ever contacted.
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
STARTUP_TIMEOUT=30   # seconds from launch to the first 200 before a server counts as failed
IDLE_DEADLINE=180    # seconds for the idle client to open, time and close its connections
LOAD_SCENARIOS="plaintext-16 plaintext-256 json-16 json-256 pipelined echo"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$BENCH/lib.sh"

for v in IDLE_GC DURATION WARMUP REPS IDLE_CONNS PIPELINE_DEPTH PIPELINE_CONNS ECHO_BYTES ECHO_CONNS BENCH_PORT SERVER_CPU CLIENT_CPU; do
  is_uint "${!v}" || die "$v must be a whole number, got '${!v}'"
done
if [ "$DURATION" -lt 1 ] || [ "$REPS" -lt 1 ]; then die "DURATION and REPS must be at least 1"; fi
for s in $SERVERS; do
  has_word "$ALL_SERVERS" "$s" || die "unknown server '$s' in SERVERS; choose from: $ALL_SERVERS"
done
for s in $SCENARIOS; do
  has_word "$LOAD_SCENARIOS startup idle" "$s" || die "unknown scenario '$s' in SCENARIOS; choose from: $LOAD_SCENARIOS startup idle"
done
read -r -a JOPTS <<< "$JAVA_OPTS"

# ---------------------------------------------------------------------------------- tools
select_jdk
command -v curl >/dev/null || die "curl is needed to detect readiness: apt-get install curl"
ensure_wrk
if [ "$HAVE_WRK" = 0 ]; then
  say "the load scenarios are skipped; start-up runs, and idle runs without its warm-up"
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

STARTUP_MS="" READY_RSS_KB="" FAIL_REASON=""
start_server() { # name log -> sets SERVER_PID, STARTUP_MS, READY_RSS_KB; 1 and FAIL_REASON on failure
  local name="$1" log="$2" jar t0 t1 code deadline
  jar="$(jar_of "$name")"
  port_free || { FAIL_REASON="something already answers on 127.0.0.1:$BENCH_PORT (set BENCH_PORT)"; return 1; }
  t0="$(date +%s%N)"
  HOST=127.0.0.1 PORT="$BENCH_PORT" "${PIN_SERVER[@]}" "$JAVA" "${JOPTS[@]}" -jar "$jar" --port "$BENCH_PORT" > "$log" 2>&1 &
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
  READY_RSS_KB="$(status_kb "$SERVER_PID" VmRSS)"
}

wrk_args() { # scenario -> prints: connections path script [script args]
  case "$1" in
    plaintext-16) echo "16 /plaintext report.lua" ;;
    plaintext-256) echo "256 /plaintext report.lua" ;;
    json-16) echo "16 /json report.lua" ;;
    json-256) echo "256 /json report.lua" ;;
    pipelined) echo "$PIPELINE_CONNS /plaintext pipeline.lua $PIPELINE_DEPTH" ;;
    echo) echo "$ECHO_CONNS /echo echo.lua $ECHO_BYTES" ;;
  esac
}

run_wrk() { # scenario seconds output-file
  local conns path script arg
  read -r conns path script arg <<< "$(wrk_args "$1")"
  local extra=()
  [ -z "${arg:-}" ] || extra=(-- "$arg")
  timeout -k 5 $(( $2 + 60 )) wrk -t1 -c"$conns" -d"$2"s --timeout 5s --latency \
    -s "$BENCH/wrk/$script" "http://127.0.0.1:$BENCH_PORT$path" "${extra[@]}" > "$3" 2>&1
}

field() { # key line -> value of key=value in line
  local kv
  for kv in $2; do
    [ "${kv%%=*}" = "$1" ] && { echo "${kv#*=}"; return 0; }
  done
  echo ""
}

measure_load() { # server scenario rep
  local s="$1" sc="$2" rep="$3" pid="$SERVER_PID" out line c0 c1 req dur
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

for s in $SERVERS; do
  [ -z "${SKIP[$s]:-}" ] || continue
  say "== $s"
  # Start-up and idle connections: a fresh process for every repetition.
  if has_word "$SCENARIOS" startup || has_word "$SCENARIOS" idle; then
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
    [ -z "${SKIP[$s]:-}" ] || continue
  fi
  # Load scenarios: one process, an unmeasured warm-up before each scenario.
  if [ -n "$load_wanted" ]; then
    log="$RUN_DIR/server-$s-load.log"
    if ! start_server "$s" "$log"; then
      skip "$s" "failed to start: $FAIL_REASON"
      continue
    fi
    for sc in $load_wanted; do
      run_wrk "$sc" "$WARMUP" "$RUN_DIR/wrk-$s-$sc-warmup.txt" || true
      for ((rep = 1; rep <= REPS; rep++)); do
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
  fi
done

"$JAVA" "$BENCH/tools/Report.java" "$RUN_DIR" > "$REPORT"
cat "$REPORT"
say "report saved to ${REPORT#"$ROOT"/}; raw data and logs in ${RUN_DIR#"$ROOT"/}/"
