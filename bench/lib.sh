# shellcheck shell=bash
# bench/lib.sh: shared by the bench scripts (source it; it is not a program).
#
#   bench_init                       checks the jars, makes $BENCH_TMP, installs the EXIT trap
#   bench_machine [java...]          prints date, nproc, CPU model, kernel and each java's version
#   bench_unit_flags [archive-flag]  fills UNIT_FLAGS with the JVM flags of the systemd unit
#   node_start [shape] [args...]     starts the reference node's helper (files, ticker, PBS)
#   node_command WORDS...            sends a command line to it (pbs-fault NAME)
#   agent_start JAVA PORT LOG [jvm flags...] -- [agent args...]
#   agent_wait_good PORT TIMEOUT_S   waits for a scrape where every collector succeeded
#   agent_start_good JAVA LOG [jvm flags...] -- [args...]   both, on a free port (retried)
#   rss_kib PID, cpu_ticks PID, thread_count PID, fd_count PID, free_port
#
# Every process started through these helpers is killed on exit.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
AGENT_JAR=$ROOT/agent/target/storage-agent.jar
BENCH_JAR=$ROOT/bench/target/benchmarks.jar
UNIT_FILE=$ROOT/systemd/storage-agent.service
CDS_SCRIPT=$ROOT/packaging/deb/share/build-cds-archive
CLK_TCK=$(getconf CLK_TCK)
export CLK_TCK
# The collectors the reference node's config enables; a good scrape has all of them at 1.
BENCH_COLLECTORS=(disk smart lvm pbs pve_backup)
BENCH_PIDS=()
BENCH_TMP=""
BENCH_KEEP=${BENCH_KEEP:-}
NODE_FD=""

die() {
  echo "error: $*" >&2
  exit 1
}

bench_init() {
  local missing=()
  [[ -f $AGENT_JAR ]] || missing+=("$AGENT_JAR")
  [[ -f $BENCH_JAR ]] || missing+=("$BENCH_JAR")
  if ((${#missing[@]})); then
    echo "error: missing ${missing[*]}" >&2
    echo "build first: cd $ROOT && ./mvnw -Pbench package -DskipTests" >&2
    exit 1
  fi
  BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/storage-agent-bench.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_cleanup() {
  local pid
  if [[ -n $NODE_FD ]]; then
    # Closing our end of the helper's stdin makes it exit by itself.
    eval "exec ${NODE_FD}>&-" 2>/dev/null || true
    NODE_FD=""
  fi
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ -n $BENCH_TMP && -d $BENCH_TMP ]]; then
    if [[ -z $BENCH_KEEP ]]; then
      rm -rf "$BENCH_TMP"
    else
      echo "kept $BENCH_TMP" >&2
    fi
  fi
}

# Forget a pid we already stopped.
bench_forget() {
  local pid=$1 keep=() p
  for p in "${BENCH_PIDS[@]}"; do
    [[ $p == "$pid" ]] || keep+=("$p")
  done
  BENCH_PIDS=("${keep[@]}")
}

# Stops a process we started: TERM, then KILL after 5 s.
bench_stop() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 25); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  bench_forget "$pid"
}

java_version_line() {
  "$1" -version 2>&1 | head -n 1
}

# Major version of a java binary (17, 21, 25).
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

bench_machine() {
  local j
  echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)," \
    "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
  echo "kernel:  $(uname -sr)"
  for j in "$@"; do
    echo "java:    $j: $(java_version_line "$j")"
  done
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min; the machine may be shared)"
}

# The JVM flags of systemd/storage-agent.service's ExecStart: the words between /usr/bin/java
# and -jar, without $STORAGE_AGENT_JAVA_OPTS. The unit's SharedArchiveFile is dropped unless an
# archive flag is given (e.g. -XX:SharedArchiveFile=/tmp/x.jsa, which also maps an AOT cache),
# which then takes its place; with -XX:AOTCache the unit's -Xshare:auto goes too (the JVM refuses
# both).
unit_flags_from() {
  local file=$1
  sed -n '/^ExecStart=/,/-jar/p' "$file" |
    sed -e 's/^ExecStart=//' -e 's/\\$//' |
    tr -s ' \t' '\n' |
    sed -n '/\/java$/,/^-jar$/p' |
    sed -e '1d' -e '$d' |
    grep -v '^$'
}

bench_unit_flags() {
  local archive=${1:-} w
  UNIT_FLAGS=()
  [[ -f $UNIT_FILE ]] || die "no $UNIT_FILE"
  while IFS= read -r w; do
    case $w in
      "\$STORAGE_AGENT_JAVA_OPTS" | "\${STORAGE_AGENT_JAVA_OPTS}") ;; # the literal word in the unit
      -XX:SharedArchiveFile=*) [[ -n $archive ]] && UNIT_FLAGS+=("$archive") ;;
      # An AOT cache (Java 24+) refuses to start next to any -Xshare option.
      -Xshare:*) [[ $archive == -XX:AOTCache=* ]] || UNIT_FLAGS+=("$w") ;;
      *) UNIT_FLAGS+=("$w") ;;
    esac
  done < <(unit_flags_from "$UNIT_FILE")
  ((${#UNIT_FLAGS[@]} > 3)) || die "could not read the JVM flags from $UNIT_FILE"
}

# A TCP port nobody listens on right now (the machine is shared: never assume a fixed port).
free_port() {
  # Below the kernel's ephemeral range: a port from inside it can be taken by any outgoing
  # connection (1,000 scrapes open as many) between this check and the server's bind.
  local p low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  ((low > 20100)) || low=32768
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % (low - 20000)))
    if ! ss -Htln "sport = :$p" 2>/dev/null | grep -q .; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

# Starts the reference node's helper process (files, diskstats ticker, PBS simulator) in its own
# small JVM; further arguments go to ReferenceNode (e.g. --intervals=...). Sets NODE_DIR and
# NODE_PID. It exits when the fd we hold on its stdin closes, i.e. when this script ends however
# it ends; lines written to that fd are its commands (node_command).
node_start() {
  local shape=${1:-reference} fifo
  (($#)) && shift
  NODE_DIR=$BENCH_TMP/node-$shape
  fifo=$BENCH_TMP/node-$shape.stdin
  mkfifo "$fifo"
  java -XX:+UseSerialGC -Xms8m -Xmx96m -Xss256k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
    -Dsun.net.httpserver.nodelay=true \
    -cp "$BENCH_JAR" io.github.storageagent.bench.ReferenceNode \
    --shape="$shape" --dir="$NODE_DIR" --serve "$@" <"$fifo" >"$BENCH_TMP/node-$shape.log" 2>&1 &
  NODE_PID=$!
  BENCH_PIDS+=("$NODE_PID")
  exec {NODE_FD}>"$fifo"
  for _ in $(seq 300); do
    [[ -f $NODE_DIR/ready ]] && return 0
    kill -0 "$NODE_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$BENCH_TMP/node-$shape.log" >&2
  die "the reference node did not come up"
}

# Sends one command line to the node's helper, e.g. "pbs-fault SLOW" (see ReferenceNode).
node_command() {
  [[ -n $NODE_FD ]] || die "no reference node running"
  echo "$*" >&"$NODE_FD"
}

# agent_start JAVA PORT LOG [jvm flags...] -- [agent args...]
# Starts the agent with the given JVM flags on the node under $NODE_DIR, listening on 127.0.0.1.
# Sets AGENT_PID and AGENT_START_NS (wall clock just before the exec).
agent_start() {
  local java=$1 port=$2 log=$3
  shift 3
  local jvm=() args=()
  while (($#)); do
    if [[ $1 == -- ]]; then
      shift
      args=("$@")
      break
    fi
    jvm+=("$1")
    shift
  done
  local node_args=()
  mapfile -t node_args <"$NODE_DIR/agent.args"
  AGENT_START_NS=$(date +%s%N)
  # The helper's stdin fd is not handed down: only this script may hold it.
  MALLOC_ARENA_MAX=2 "$java" "${jvm[@]}" -jar "$AGENT_JAR" "${node_args[@]}" \
    --web.listen-address="127.0.0.1:$port" "${args[@]}" >"$log" 2>&1 {NODE_FD}>&- &
  AGENT_PID=$!
  BENCH_PIDS+=("$AGENT_PID")
}

# True if the agent's log in $1 says its port was taken (the machine is shared: another process
# may grab the port free_port found before the agent binds it).
port_clash() {
  grep -q 'Port already in use' "$1" 2>/dev/null
}

# agent_start_good JAVA LOG [jvm flags...] -- [agent args...]: agent_start on a free port and
# agent_wait_good (60 s), on another port if the first was taken meanwhile. Sets AGENT_PORT and
# AGENT_FIRST_GOOD_MS; fails if the agent does not come up.
# shellcheck disable=SC2034 # AGENT_FIRST_GOOD_MS is for the callers
agent_start_good() {
  local java=$1 log=$2 try
  shift 2
  for try in 1 2 3; do
    AGENT_PORT=$(free_port)
    agent_start "$java" "$AGENT_PORT" "$log" "$@"
    if AGENT_FIRST_GOOD_MS=$(agent_wait_good "$AGENT_PORT" 60); then
      return 0
    fi
    bench_stop "$AGENT_PID"
    port_clash "$log" || return 1
    echo "port $AGENT_PORT was taken meanwhile, trying another (attempt $try)" >&2
  done
  return 1
}

# True if the body in $1 has storage_collector_success 1 for every expected collector (a collector
# that runs per target, as pbs, carries a target label too).
all_collectors_good() {
  local body=$1 c
  for c in "${BENCH_COLLECTORS[@]}"; do
    grep -Eq "^storage_collector_success\{collector=\"$c\"(,target=\"[^\"]*\")?\} 1(\.0)?$" "$body" ||
      return 1
    ! grep -Eq "^storage_collector_success\{collector=\"$c\"(,target=\"[^\"]*\")?\} 0(\.0)?$" "$body" ||
      return 1
  done
}

# agent_wait_good PORT TIMEOUT_S [PID]: polls /metrics until HTTP 200 with every collector at 1.
# Prints the milliseconds since AGENT_START_NS; fails on timeout or if PID died. The time of the
# first HTTP 200 of all goes into $BENCH_TMP/first-200.PORT.
agent_wait_good() {
  local port=$1 timeout=$2 pid=${3:-$AGENT_PID} body code deadline
  body=$BENCH_TMP/first-scrape.$port
  rm -f "$BENCH_TMP/first-200.$port"
  deadline=$(($(date +%s%N) + timeout * 1000000000))
  while (($(date +%s%N) < deadline)); do
    code=$(curl -s -o "$body" -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/metrics" || true)
    if [[ $code == 200 && ! -f $BENCH_TMP/first-200.$port ]]; then
      # The first answer at all, before every collector has succeeded: JVM and HTTP start-up.
      echo $((($(date +%s%N) - AGENT_START_NS) / 1000000)) >"$BENCH_TMP/first-200.$port"
    fi
    if [[ $code == 200 ]] && all_collectors_good "$body"; then
      echo $((($(date +%s%N) - AGENT_START_NS) / 1000000))
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.01
  done
  return 1
}

rss_kib() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0
}

# RSS split as the kernel counts it: "anon file shmem" in KiB (the class-data archive and the
# jar's mapped pages are file-backed and shared with the page cache).
rss_parts_kib() {
  awk '/^RssAnon:/ {a = $2} /^RssFile:/ {f = $2} /^RssShmem:/ {s = $2} END {print a + 0, f + 0, s + 0}' \
    "/proc/$1/status" 2>/dev/null || echo "0 0 0"
}

# utime + stime of a process, in clock ticks.
cpu_ticks() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || {
    echo 0
    return
  }
  # Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  stat=${stat##*) }
  awk '{print $12 + $13}' <<<"$stat"
}

thread_count() {
  find "/proc/$1/task" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l
}

fd_count() {
  find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l
}

mib() {
  awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'
}

# Samples a process's RSS every 0.5 s into FILE until stopped; sets SAMPLER_PID.
rss_sampler_start() {
  local pid=$1 file=$2
  (
    while kill -0 "$pid" 2>/dev/null; do
      awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true
      sleep 0.5
    done
  ) >"$file" {NODE_FD}>&- &
  SAMPLER_PID=$!
  BENCH_PIDS+=("$SAMPLER_PID")
}

max_of() {
  sort -n "$1" | tail -n 1
}

# Median of numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.10g\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

# Parses a Prometheus-style duration (500ms, 30s, 10m, 1h) into seconds.
seconds_of() {
  local d=$1
  case $d in
    *ms) echo $((${d%ms} / 1000)) ;;
    *s) echo "${d%s}" ;;
    *m) echo $((${d%m} * 60)) ;;
    *h) echo $((${d%h} * 3600)) ;;
    *[0-9]) echo "$d" ;;
    *) die "bad duration: $d" ;;
  esac
}

# The java binary of a JAVA_HOME (or of a java binary given directly).
java_bin() {
  if [[ -x $1/bin/java ]]; then
    echo "$1/bin/java"
  elif [[ -x $1 && ! -d $1 ]]; then
    echo "$1"
  else
    die "no java at $1 (give a JAVA_HOME)"
  fi
}
