#!/usr/bin/env bash
# Close-churn latency beside keep-alive load, like soak.sh's mix but short (issue 15's fairness
# check: a yielding connection must not delay connections the acceptor has just handed over).
#
#   bash bench/tools/churn.sh PORT [SECONDS] [KEEPALIVE_CONNS] [CHURN_CONNS]
#
# Runs wrk with KEEPALIVE_CONNS (64) keep-alive connections and, at the same time, wrk with
# CHURN_CONNS (8) connections that each send "Connection: close" (a new connection per request),
# both on CPU $CLIENT_CPU (0). Prints the churn run's requests and p50/p99 (µs).
set -euo pipefail
PORT=$1 SECS=${2:-5} KA=${3:-64} CH=${4:-8}
HERE=$(cd "$(dirname "$0")/.." && pwd)
CPU=${CLIENT_CPU:-0}
taskset -c "$CPU" wrk -t1 -c"$KA" -d"${SECS}s" "http://127.0.0.1:$PORT/plaintext" >/dev/null & ka=$!
line=$(taskset -c "$CPU" wrk -t1 -c"$CH" -d"${SECS}s" --latency -H "Connection: close" -s "$HERE/wrk/report.lua" \
  "http://127.0.0.1:$PORT/plaintext" | grep '^WRK')
wait "$ka"
echo "churn $(sed -E 's/.*(requests=[0-9]+).*(p50_us=[0-9]+ p99_us=[0-9]+).*/\1 \2/' <<<"$line")"
