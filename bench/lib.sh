# shellcheck shell=bash disable=SC2034 # sets variables for the script that sources it
# Shared by bench/run.sh and bench/soak.sh (sourced, not run). Expects BENCH and ROOT set, and the
# caller to define skip NAME REASON (what to do when a server can't be built).

BUILD_TIMEOUT="${BUILD_TIMEOUT:-900}" # seconds for any one Maven build (the first one downloads the peers)
ALL_SERVERS="wisp-app wisp-core jdk netty helidon undertow"

die() { echo "${0##*/}: $*" >&2; exit 1; }
say() { echo "${0##*/}: $*" >&2; }
is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }
has_word() { [[ " $1 " == *" $2 "* ]]; }

java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

# The same JDK choice as .ci/run: JAVA_HOME if >= 21, else java on PATH if >= 21, else the newest
# in /usr/lib/jvm. Exports JAVA_HOME and PATH, sets JAVA.
select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    :
  elif command -v java >/dev/null && [ "$(java_major java)" -ge 21 ]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  else
    JAVA_HOME=""
    local dir
    for dir in /usr/lib/jvm/*; do
      if [ -x "$dir/bin/javac" ] && [ "$(java_major "$dir/bin/java")" -ge 21 ]; then
        JAVA_HOME="$dir"
      fi
    done
    [ -n "$JAVA_HOME" ] || die "no JDK 21 or newer found (default java: $(java -version 2>&1 | head -1)). Install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME to it."
  fi
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
  JAVA="$JAVA_HOME/bin/java"
  say "using JDK at $JAVA_HOME ($("$JAVA" -version 2>&1 | head -1))"
}

# Installs Debian's wrk when missing. Sets HAVE_WRK to 1 or 0 (and says why it can't be had).
ensure_wrk() {
  HAVE_WRK=1
  command -v wrk >/dev/null && return 0
  say "wrk not found: installing Debian's wrk package with apt-get"
  if ! { timeout 300 apt-get install -y wrk >/dev/null 2>&1 \
         || { timeout 300 apt-get update >/dev/null 2>&1 && timeout 300 apt-get install -y wrk >/dev/null 2>&1; }; } \
     || ! command -v wrk >/dev/null; then
    HAVE_WRK=0
    say "wrk can't be had here: 'apt-get install wrk' failed (not root, or no Debian package source)."
  fi
}

jar_of() {
  case "$1" in
    wisp-app) echo "$ROOT/sample-app/target/wisp-sample-app.jar" ;;
    *) echo "$BENCH/servers/$1/target/bench-$1.jar" ;;
  esac
}

tail_log() { echo "    (last lines of $1:)" >&2; tail -n "${2:-15}" "$1" | sed 's/^/    | /' >&2; }

mvn_build() { # log dir args... -> exit status of a bounded, quiet Maven run
  local log="$1" dir="$2"; shift 2
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  (cd "$dir" && timeout "$BUILD_TIMEOUT" mvn -B -q ${MVN_FLAGS:-} -DskipTests "$@") > "$log" 2>&1
}

# build_servers LOG_DIR SERVER... : builds what the named servers need; calls skip for each that
# can't be built. wisp-core needs server-core in ~/.m2; wisp-app is the sample app's own jar.
build_servers() {
  local logs="$1"; shift
  local servers=" $* " s m list modules=()
  command -v mvn >/dev/null || die "Maven is needed to build the servers: apt-get install maven"
  if has_word "$servers" wisp-core; then
    say "installing server-core into ~/.m2 (mvn install -pl server-core -am)"
    if ! mvn_build "$logs/build-server-core.log" "$ROOT" install -pl server-core -am; then
      skip wisp-core "server-core did not build and install (see $logs/build-server-core.log)"
      tail_log "$logs/build-server-core.log"
      servers="${servers/ wisp-core / }"
    fi
  fi
  if has_word "$servers" wisp-app; then
    say "building the sample app (mvn package -pl sample-app -am)"
    if ! mvn_build "$logs/build-sample-app.log" "$ROOT" package -pl sample-app -am; then
      skip wisp-app "the sample app did not build (see $logs/build-sample-app.log)"
      tail_log "$logs/build-sample-app.log"
    elif [ ! -f "$(jar_of wisp-app)" ]; then
      skip wisp-app "the sample-app build made no sample-app/target/wisp-sample-app.jar (its pom must build an executable jar with main class dev.wisp.sample.Main)"
    fi
  fi
  for s in $servers; do
    [ "$s" = wisp-app ] || modules+=("servers/$s")
  done
  [ "${#modules[@]}" -gt 0 ] || return 0
  list="$(IFS=,; echo "${modules[*]}")"
  say "building the benchmark servers: $list"
  if ! mvn_build "$logs/build-servers.log" "$BENCH" package -pl "$list" -am; then
    say "the combined build failed; building each server alone to find which"
    for m in "${modules[@]}"; do
      s="${m#servers/}"
      if ! mvn_build "$logs/build-$s.log" "$BENCH" package -pl "$m" -am; then
        skip "$s" "its benchmark server did not build (see $logs/build-$s.log)"
        tail_log "$logs/build-$s.log"
      fi
    done
  fi
}

alive() { # pid: running and not a zombie
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != Z ]
}

ticks() { # utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat)
  local stat f
  stat="$(cat "/proc/$1/stat")"
  stat="${stat##*) }" # drop "pid (comm) ": the command name may contain spaces
  read -r -a f <<< "$stat"
  echo $(( f[11] + f[12] ))
}

status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
