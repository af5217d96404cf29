#!/usr/bin/env bash
# Interleaved A/B/A/B census runs and their medians (issue 15's before/after method).
#
#   REPS=5 bash bench/tools/ab.sh PATH CONNS SECONDS NAME=PID:PORT NAME=PID:PORT... [-- LUA]
#
# Runs bench/tools/census.sh against each server in turn, REPS times round (A B A B ...), so
# that the drift of a shared machine hits all of them alike, then prints each server's median
# of every figure. The servers must be running and warmed up already.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
path=$1 conns=$2 secs=$3; shift 3
servers=() lua=""
while (($#)); do
  if [[ $1 == -- ]]; then lua=$2; break; fi
  servers+=("$1"); shift
done
log=$(mktemp)
for ((r = 1; r <= ${REPS:-5}; r++)); do
  for s in "${servers[@]}"; do
    name=${s%%=*} rest=${s#*=}
    echo "$name $(bash "$HERE/census.sh" "${rest%%:*}" "http://127.0.0.1:${rest##*:}$path" "$conns" "$secs" $lua)" | tee -a "$log" >&2
  done
done
# Medians per server of every key=value figure.
awk '{
  name = $1
  for (i = 2; i <= NF; i++) if (split($i, kv, "=") == 2) { key[kv[1]] = 1; v[name, kv[1], ++n[name, kv[1]]] = kv[2] }
  names[name] = 1
} END {
  for (name in names) {
    printf "MEDIAN %s", name
    split("conns requests cpu_us_per_req user_us_per_req p50_us p99_us read recvfrom write writev sendto epoll_ctl epoll_wait futex read_eagain syscalls cs", order, " ")
    for (j = 1; j in order; j++) {
      k = order[j]; m = n[name, k]; if (m == 0) continue
      for (a = 1; a <= m; a++) s[a] = v[name, k, a] + 0
      for (a = 2; a <= m; a++) { x = s[a]; b = a - 1; while (b > 0 && s[b] > x) { s[b + 1] = s[b]; b-- } s[b + 1] = x }
      med = (m % 2) ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
      printf " %s=%s", k, med
    }
    printf "\n"
  }
}' "$log"
rm -f "$log"
