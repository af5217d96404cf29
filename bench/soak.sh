#!/usr/bin/env bash
# Soak test (hardening): sustained load against one server while sampling, every SAMPLE_SECONDS,
# the server's RSS, peak RSS, open file descriptors, live threads and CPU time into a CSV. A leak
# shows as a column that keeps climbing under steady load, or that doesn't come back down once the
# load stops (the last rows, sampled after the load, show that).
#
#   bash bench/soak.sh                       # 10 minutes against the bare core server
#   SOAK_SECONDS=60 bash bench/soak.sh       # one minute
#   SOAK_SERVER=netty bash bench/soak.sh     # the same soak against a peer, for comparison
#
# The load, both from wrk on the client CPU, both for the whole duration:
#   - keep-alive: SOAK_CONNS (64) connections cycling through GET /plaintext, GET /json and a
#     4 KiB POST /echo (wrk/mixed.lua);
#   - churn: SOAK_CHURN_CONNS (8) connections sending "Connection: close", so the server accepts
#     and closes connections all the time (leaked sockets or threads per connection show up here).
# Settings: SOAK_SECONDS [600], SAMPLE_SECONDS [10], SOAK_SERVER [wisp-core], SOAK_CONNS [64],
#   SOAK_CHURN_CONNS [8], BENCH_PORT [18080], SERVER_CPU / CLIENT_CPU [1 / 0], JAVA_OPTS, SKIP_BUILD=1.
# Output: bench/results/soak-<timestamp>.csv and a summary on stdout. Loopback only, bounded in time.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$BENCH/lib.sh"

: "${SOAK_SECONDS:=600}" "${SAMPLE_SECONDS:=10}" "${SOAK_SERVER:=wisp-core}" "${SOAK_CONNS:=64}" "${SOAK_CHURN_CONNS:=8}"
: "${BENCH_PORT:=18080}" "${SERVER_CPU:=1}" "${CLIENT_CPU:=0}" "${JAVA_OPTS:=}" "${SKIP_BUILD:=0}"
for v in SOAK_SECONDS SAMPLE_SECONDS SOAK_CONNS SOAK_CHURN_CONNS BENCH_PORT SERVER_CPU CLIENT_CPU; do
  is_uint "${!v}" || die "$v must be a whole number, got '${!v}'"
done
if [ "$SOAK_SECONDS" -lt 1 ] || [ "$SAMPLE_SECONDS" -lt 1 ]; then die "SOAK_SECONDS and SAMPLE_SECONDS must be at least 1"; fi
has_word "$ALL_SERVERS" "$SOAK_SERVER" || die "unknown SOAK_SERVER '$SOAK_SERVER'; choose from: $ALL_SERVERS"
read -r -a JOPTS <<< "$JAVA_OPTS"

skip() { die "cannot soak $1: $2"; }

select_jdk
command -v curl >/dev/null || die "curl is needed to detect readiness: apt-get install curl"
ensure_wrk
[ "$HAVE_WRK" = 1 ] || die "the soak needs wrk to generate load"

TS="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BENCH/results"
LOGS="$BENCH/results/soak-$TS"
mkdir -p "$LOGS"
CSV="$BENCH/results/soak-$TS.csv"

if [ "$SKIP_BUILD" = 1 ]; then
  say "SKIP_BUILD=1: using the jar already built"
else
  build_servers "$LOGS" "$SOAK_SERVER"
fi
JAR="$(jar_of "$SOAK_SERVER")"
[ -f "$JAR" ] || die "no jar at $JAR"

PIN_SERVER=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null && [ "$SERVER_CPU" != "$CLIENT_CPU" ]; then
  PIN_SERVER=(taskset -c "$SERVER_CPU")
  taskset -cp "$CLIENT_CPU" $$ > /dev/null
fi

SERVER_PID="" WRK_PIDS=()
cleanup() {
  local p
  for p in "${WRK_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do alive "$SERVER_PID" || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'say "interrupted; samples so far in $CSV"; exit 130' INT TERM

! (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PORT") 2>/dev/null || die "something already answers on 127.0.0.1:$BENCH_PORT (set BENCH_PORT)"
PORT="$BENCH_PORT" "${PIN_SERVER[@]}" "$JAVA" "${JOPTS[@]}" -jar "$JAR" --port "$BENCH_PORT" > "$LOGS/server.log" 2>&1 &
SERVER_PID=$!
deadline=$(( $(date +%s) + 30 ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$BENCH_PORT/plaintext" || true)" = 200 ]; do
  alive "$SERVER_PID" || die "$SOAK_SERVER exited before answering (log: $LOGS/server.log)"
  [ "$(date +%s)" -le "$deadline" ] || die "$SOAK_SERVER did not answer 200 within 30 s (log: $LOGS/server.log)"
  sleep 0.05
done
say "soaking $SOAK_SERVER (pid $SERVER_PID) for $SOAK_SECONDS s, sampling every $SAMPLE_SECONDS s into ${CSV#"$ROOT"/}"

echo "elapsed_s,phase,rss_kb,hwm_kb,fds,threads,cpu_ticks" > "$CSV"
sample() { # phase
  local fds threads
  fds="$(find "/proc/$SERVER_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)"
  threads="$(awk '$1 == "Threads:" {print $2}' "/proc/$SERVER_PID/status")"
  echo "$(( $(date +%s) - START )),$1,$(status_kb "$SERVER_PID" VmRSS),$(status_kb "$SERVER_PID" VmHWM),$fds,$threads,$(ticks "$SERVER_PID")" >> "$CSV"
}

START="$(date +%s)"
sample before
timeout -k 5 $(( SOAK_SECONDS + 60 )) wrk -t1 -c"$SOAK_CONNS" -d"$SOAK_SECONDS"s --timeout 5s \
  -s "$BENCH/wrk/mixed.lua" "http://127.0.0.1:$BENCH_PORT/" > "$LOGS/wrk-keepalive.txt" 2>&1 &
WRK_PIDS+=($!)
timeout -k 5 $(( SOAK_SECONDS + 60 )) wrk -t1 -c"$SOAK_CHURN_CONNS" -d"$SOAK_SECONDS"s --timeout 5s -H "Connection: close" \
  -s "$BENCH/wrk/report.lua" "http://127.0.0.1:$BENCH_PORT/plaintext" > "$LOGS/wrk-churn.txt" 2>&1 &
WRK_PIDS+=($!)

end=$(( START + SOAK_SECONDS ))
while [ "$(date +%s)" -lt "$end" ]; do
  sleep "$SAMPLE_SECONDS" # the sampling period itself, not a synchronisation
  alive "$SERVER_PID" || die "$SOAK_SERVER died during the soak (log: $LOGS/server.log; samples: $CSV)"
  sample load
done
for p in "${WRK_PIDS[@]}"; do wait "$p" || say "a wrk run exited with status $? (see $LOGS)"; done
WRK_PIDS=()

# After the load: give the server up to 10 s to close what the clients closed, then sample twice.
base_fds="$(sed -n 2p "$CSV" | cut -d, -f5)"
for _ in $(seq 1 100); do
  [ "$(find "/proc/$SERVER_PID/fd" -mindepth 1 -maxdepth 1 | wc -l)" -le $(( base_fds + 2 )) ] && break
  sleep 0.1
done
sample after
sleep "$SAMPLE_SECONDS"
sample after

summary() { # label column
  awk -F, -v col="$2" -v label="$1" 'NR == 2 {first = $col} NR > 1 && $2 == "load" {if ($col > max) max = $col; last_load = $col}
    NR > 1 {last = $col} END {printf "| %s | %s | %s | %s | %s |\n", label, first, max, last_load, last}' "$CSV"
}
echo
echo "## Soak: $SOAK_SERVER, $SOAK_SECONDS s, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| figure | before | max under load | last under load | after the load |"
echo "|---|---|---|---|---|"
summary "RSS kB" 3
summary "open fds" 5
summary "threads" 6
echo
for f in keepalive churn; do
  line="$(grep '^WRK ' "$LOGS/wrk-$f.txt" || true)"
  echo "- wrk $f: ${line#WRK }"
done
echo "- samples: ${CSV#"$ROOT"/}; server log and wrk output: ${LOGS#"$ROOT"/}/"
