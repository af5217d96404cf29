# shellcheck shell=bash disable=SC2034 # sets variables for the script that sources it
# Shared by bench/run.sh and bench/soak.sh (sourced, not run). Expects BENCH and ROOT set, and the
# caller to define skip NAME REASON (what to do when a server can't be built).

BUILD_TIMEOUT="${BUILD_TIMEOUT:-900}" # seconds for any one Maven build (the first one downloads the peers)
ALL_SERVERS="wisp-app wisp-core wisp-core-old wisp-core-jdkpoll jdk netty helidon undertow nginx"
OLD_CORE_COMMIT="${OLD_CORE_COMMIT:-14e2877}" # wisp-core-old: server-core as of this commit (before the seams refactor)

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
    nginx) command -v nginx || echo "/usr/sbin/nginx" ;; # not a jar: run.sh starts it with its own config
    wisp-core-old) echo "$BENCH/servers/wisp-core/target/old/bench-wisp-core.jar" ;;
    wisp-core-jdkpoll) echo "$BENCH/servers/wisp-core/target/bench-wisp-core.jar" ;;
    *) echo "$BENCH/servers/$1/target/bench-$1.jar" ;;
  esac
}

# JVM options of one server beyond JAVA_OPTS: the wisp-core variants choose server-core's
# readiness loop (io.ReadinessLoop): jdkpoll = the JDK's blocking reads instead.
server_jopts() {
  case "$1" in
    wisp-core-jdkpoll) echo "-Ddev.wisp.server.poller=jdk" ;;
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
  if has_word "$servers" wisp-core-old; then
    build_old_core "$logs" || servers="${servers/ wisp-core-old / }"
    has_word "$servers" wisp-core || servers="$servers wisp-core " # its jar is wisp-core's, re-pointed
  fi
  for s in wisp-core-jdkpoll; do # wisp-core's jar with another readiness loop
    if has_word "$servers" "$s"; then
      servers="${servers/ $s / }"
      has_word "$servers" wisp-core || servers="$servers wisp-core "
    fi
  done
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
  if has_word "$servers" nginx && ! command -v nginx >/dev/null; then
    say "nginx not found: installing Debian's nginx package with apt-get"
    timeout 300 apt-get install -y nginx >/dev/null 2>&1 || skip nginx "nginx is not installed and 'apt-get install nginx' failed"
  fi
  for s in $servers; do
    case "$s" in wisp-app | wisp-core-old | nginx) ;; *) modules+=("servers/$s") ;; esac
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

# wisp-core-old: the same bench server class, run against server-core as of OLD_CORE_COMMIT. The
# old server-core is built in a throw-away git worktree under /tmp (never installed, never
# committed) and its jar replaces the current one in a copy of wisp-core's target/lib, at
# servers/wisp-core/target/old/. Calls skip and returns 1 when it can't be built.
build_old_core() {
  local logs="$1" tree jar dest="$BENCH/servers/wisp-core/target/old"
  tree="$(mktemp -d /tmp/wisp-old-core.XXXXXX)"
  rmdir "$tree"
  say "building server-core at $OLD_CORE_COMMIT in $tree (git worktree, removed afterwards)"
  if ! git -C "$ROOT" worktree add --detach "$tree" "$OLD_CORE_COMMIT" > "$logs/build-old-core.log" 2>&1 \
     || ! mvn_build "$logs/build-old-core-mvn.log" "$tree" package -pl server-core -am; then
    skip wisp-core-old "server-core at $OLD_CORE_COMMIT did not build (see $logs/build-old-core*.log)"
    git -C "$ROOT" worktree remove --force "$tree" >/dev/null 2>&1 || true
    return 1
  fi
  jar="$(ls "$tree"/server-core/target/wisp-server-core-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1)"
  rm -rf "$dest" && mkdir -p "$dest/lib"
  cp "$jar" "$dest/old-server-core.jar"
  OLD_CORE_DESC="$(git -C "$ROOT" log -1 --format='%h %s' "$OLD_CORE_COMMIT")"
  git -C "$ROOT" worktree remove --force "$tree" >/dev/null 2>&1 || true
}

# After wisp-core is built: its jar and lib/, with lib/'s server-core replaced by the old one.
finish_old_core() {
  local src="$BENCH/servers/wisp-core/target" dest="$BENCH/servers/wisp-core/target/old" f
  [ -f "$dest/old-server-core.jar" ] && [ -f "$src/bench-wisp-core.jar" ] || return 1
  cp "$src/bench-wisp-core.jar" "$dest/"
  for f in "$src"/lib/*.jar; do
    case "$(basename "$f")" in
      wisp-server-core-*) cp "$dest/old-server-core.jar" "$dest/lib/$(basename "$f")" ;;
      *) cp "$f" "$dest/lib/" ;;
    esac
  done
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
