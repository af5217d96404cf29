#!/usr/bin/env bash
# Runs the README's two quick-start commands as a newcomer would, with no JAVA_HOME:
#   1. with a JDK 17 as the java on the PATH (a JDK 21+ only under /usr/lib/jvm: toolchain discovery),
#   2. with a JDK 21+ as the java on the PATH,
# then checks the no-JDK-21 failure message (simulated by asking for a JDK 99, since this machine
# has a JDK 21+ that can't be hidden). Each step bounded with timeout.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD='mvn -q -DskipTests package'
RUN='./run-sample-app.sh'
for command in "$BUILD" "$RUN"; do
  grep -qF -- "$command" README.md || { echo "README.md no longer shows '$command': update this check"; exit 1; }
done

major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }
old_jdk=""; new_jdk=""
for dir in /usr/lib/jvm/*; do
  [ -x "$dir/bin/javac" ] || continue
  m=$(major "$dir/bin/java")
  if [ "$m" -lt 21 ] 2>/dev/null; then old_jdk=$dir; elif [ "$m" -ge 21 ] 2>/dev/null; then new_jdk=$dir; fi
done
[ -n "$new_jdk" ] || { echo "check-readme: no JDK 21+ under /usr/lib/jvm"; exit 1; }

run_readme() { # label jdk
  local label=$1 jdk=$2 log port
  log=$(mktemp)
  echo "check-readme: $label: java on the PATH is $(major "$jdk/bin/java") ($jdk), JAVA_HOME unset"
  env -u JAVA_HOME PATH="$jdk/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" timeout 600 bash -c "$BUILD" \
    || { echo "check-readme: $label: '$BUILD' failed"; exit 1; }
  # The run command as written; PORT=0 (its environment variable) picks a free port here.
  env -u JAVA_HOME PATH="$jdk/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" PORT=0 WISP_DB_URL=memory \
    timeout 120 bash -c "exec $RUN" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do
    port=$(sed -n 's#.*http://localhost:\([0-9]*\)/.*#\1#p' "$log" | head -1)
    [ -n "$port" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.5
  done
  [ -n "$port" ] || { echo "check-readme: $label: '$RUN' did not start:"; cat "$log"; exit 1; }
  curl -fsS "http://127.0.0.1:$port/ready" >/dev/null && curl -fsS "http://127.0.0.1:$port/" | grep -q '<label for="title">New todo</label>' \
    || { echo "check-readme: $label: the app does not answer"; kill $pid; exit 1; }
  kill -TERM $pid
  wait $pid || { echo "check-readme: $label: the app did not stop cleanly"; exit 1; }
  echo "check-readme: $label: built, started on port $port, served the page, stopped"
  # The test command runs on the discovered JDK too (the tests need 21+: virtual threads); one
  # small test class stands for the rest, which .ci/run has just run in full.
  env -u JAVA_HOME PATH="$jdk/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" timeout 600 \
    mvn -q -pl server-core test -Dtest=HeadersTest -Dsurefire.failIfNoSpecifiedTests=false \
    || { echo "check-readme: $label: 'mvn verify' would not run the tests"; exit 1; }
  echo "check-readme: $label: the tests run on the discovered JDK"
  rm -f "$log"
}

if [ -n "$old_jdk" ]; then
  run_readme "default java older than 21" "$old_jdk"
else
  echo "check-readme: no JDK older than 21 on this machine: skipping the older-default-java case"
fi
run_readme "default java 21+" "$new_jdk"

# No JDK 21+ anywhere: the first command must fail, with a line saying what to install.
out=$(env -u JAVA_HOME PATH="${old_jdk:-$new_jdk}/bin:/usr/bin:/bin" timeout 300 mvn -q -N validate -Dwisp.jdk.min=99 '-Dwisp.jdk.version=[99,)' 2>&1) \
  && { echo "check-readme: the build did not fail without a suitable JDK"; exit 1; }
echo "$out" | grep -q "No JDK 99 or newer found.*install one, e.g. sudo apt-get install openjdk-21-jdk" \
  || { echo "check-readme: no install hint in:"; echo "$out"; exit 1; }
echo "check-readme: without a suitable JDK the build says: $(echo "$out" | grep -o 'No JDK 99.*command again.')"
echo "check-readme: passed"
