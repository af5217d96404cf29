#!/usr/bin/env bash
# Starts the sample app built by `mvn -q -DskipTests package` on a JDK 21 or newer: JAVA_HOME if it
# is one, else the java on the PATH if it is one, else the newest under /usr/lib/jvm (the places
# the build's toolchain discovery also looks). Arguments go to the app: ./run-sample-app.sh --help
set -euo pipefail
jar="$(dirname "$0")/sample-app/target/wisp-sample-app.jar"
major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }
java=""
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(major "$candidate")" -ge 21 ] 2>/dev/null; then java=$candidate; break; fi
done
if [ -z "$java" ]; then
  best=0
  for candidate in /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java; do
    [ -x "$candidate" ] || continue
    m=$(major "$candidate")
    if [ "${m:-0}" -ge 21 ] 2>/dev/null && [ "$m" -gt "$best" ]; then best=$m; java=$candidate; fi
  done
fi
[ -n "$java" ] || { echo "run-sample-app: no JDK 21 or newer found: install one, e.g. sudo apt-get install openjdk-21-jdk" >&2; exit 1; }
[ -f "$jar" ] || { echo "run-sample-app: $jar is missing: build it first with mvn -q -DskipTests package" >&2; exit 1; }
exec "$java" -jar "$jar" "$@"
