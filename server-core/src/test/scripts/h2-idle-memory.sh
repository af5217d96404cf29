#!/usr/bin/env bash
# Heap per idle HTTP/2 (h2c) connection: a server with the defaults, N clients (a separate
# process) that each send the preface, SETTINGS, an ACK and one GET, read the answer and stay
# open. The server prints the heap in use after full GCs before and with the N connections.
#   bash server-core/src/test/scripts/h2-idle-memory.sh [N=2000]   (after mvn -pl server-core compile)
set -euo pipefail
cd "$(dirname "$0")"
N="${1:-2000}"
CLASSES=../../../target/classes
ulimit -n 8192
out="$(mktemp)"
java -Xmx512m -XX:+UseSerialGC -cp "$CLASSES" H2IdleServer.java "$N" > "$out" 2>&1 &
server=$!
for _ in $(seq 1 100); do grep -q '^PORT ' "$out" && break; sleep 0.1; done
python3 h2-idle-client.py "$(sed -n 's/^PORT //p' "$out")" "$N"
wait "$server"
grep -E '^(BEFORE|AFTER)' "$out"
rm -f "$out"
