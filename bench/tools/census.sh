#!/usr/bin/env bash
# System calls, context switches and CPU per request of one running server (issue 15's figures).
#
#   bash bench/tools/census.sh PID URL [CONNS] [SECONDS] [LUA]
#
# Against a server already started (pinned with taskset by the caller) and warmed up, it runs one
# wrk load of SECONDS (default 5) on CPU $CLIENT_CPU (default 0) while `perf stat` counts, for
# every thread of PID, the kernel's syscall tracepoints (entries of read/recvfrom/write/writev/
# sendto/epoll_ctl/epoll_wait/futex, and read exits that returned EAGAIN) and context switches.
# Counting tracepoints in the kernel costs far less than strace's ptrace stops, so the same run
# also gives CPU µs/request (utime+stime of every thread from /proc/PID/stat; user time alone
# beside it) and wrk's p50/p99.
# Needs root or kernel.perf_event_paranoid <= -1 for the tracepoints.
# Prints one line; every figure except p50/p99 is per completed wrk request.
set -euo pipefail
PID=$1 URL=$2 CONNS=${3:-16} SECS=${4:-5} LUA=${5:-}
HERE=$(cd "$(dirname "$0")/.." && pwd)
CPU=${CLIENT_CPU:-0}
TCK=$(getconf CLK_TCK)
script="$HERE/wrk/report.lua"
[[ -n "$LUA" ]] && script=$LUA
names=(read recvfrom write writev sendto epoll_ctl epoll_wait futex)
events=()
for n in "${names[@]}"; do events+=(-e "syscalls:sys_enter_$n"); done
events+=(-e syscalls:sys_exit_read --filter 'ret == -11' -e context-switches -e raw_syscalls:sys_enter)
out=$(mktemp)
perf stat -x, -o "$out" "${events[@]}" -p "$PID" & ppid=$!
sleep 0.3
read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$PID/stat")
line=$(taskset -c "$CPU" wrk -t1 -c"$CONNS" -d"${SECS}s" --latency -s "$script" "$URL" | grep '^WRK')
read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$PID/stat")
kill -INT "$ppid"; wait "$ppid" 2>/dev/null || true
field() { sed -E "s/.*$1=([0-9]+).*/\1/" <<<"$line"; }
awk -F, -v r="$(field requests)" -v d="$((u1 - u0 + s1 - s0))" -v du="$((u1 - u0))" -v t="$TCK" -v c="$CONNS" \
    -v p50="$(field p50_us)" -v p99="$(field p99_us)" '
  $3 ~ /sys_enter_/ { sub(/.*sys_enter_/, "", $3); v[$3] = $1 }
  $3 ~ /sys_exit_read/ { eagain = $1 }
  $3 == "context-switches" { cs = $1 }
  $3 ~ /raw_syscalls/ { all = $1 }
  END {
    printf "conns=%d requests=%d cpu_us_per_req=%.2f user_us_per_req=%.2f p50_us=%d p99_us=%d |", c, r, d * 1e6 / t / r, du * 1e6 / t / r, p50, p99
    split("read recvfrom write writev sendto epoll_ctl epoll_wait futex", k, " ")
    for (i = 1; i in k; i++) if (v[k[i]] > 0) printf " %s=%.3f", k[i], v[k[i]] / r
    printf " read_eagain=%.3f syscalls=%.3f cs=%.3f\n", eagain / r, all / r, cs / r
  }' "$out"
rm -f "$out"
