#!/usr/bin/env bash
# Installs what builds, tests and `npm start` need; every step is skipped when already done.
#   1. node_modules (npm ci when missing, npm install when package-lock.json changed)
#   2. the Temporal CLI (dev server), built from the Go module proxy into the tool cache
#   3. the Temporal time-skipping test server (Java) with all its jars, plus a wrapper executable
#   4. Chromium for the dashboard's browser tests (Debian's package; CHROMIUM_PATH names another executable)
# Tool cache: ${REGLIFE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reglife} (outside the repo, shared by clones).
# Safe to run concurrently: a lock serialises the runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${REGLIFE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reglife}"
TEMPORAL_CLI_VERSION="v1.5.1"
TEST_SERVER_POM="$ROOT/tools/temporal-test-server/pom.xml"

log() { echo "[setup] $*"; }
die() { echo "[setup] ERROR: $*" >&2; exit 1; }
started=$SECONDS

mkdir -p "$CACHE/bin"
exec 9>"$CACHE/.ensure-tools.lock"
if ! flock -n 9; then
  log "another setup run holds $CACHE/.ensure-tools.lock; waiting…"
  flock 9
fi

# ---------------------------------------------------------------- 1. node_modules
ensure_node_modules() {
  local lock="$ROOT/package-lock.json"
  local stamp="$ROOT/node_modules/.package-lock.json" # written by npm after every install
  local hash_file="$ROOT/node_modules/.reglife-lock.sha256"
  local want
  want="$(sha256sum "$lock" | cut -d' ' -f1)"
  cd "$ROOT"
  if [ ! -d node_modules ] || [ ! -f "$stamp" ]; then
    log "installing npm packages (npm ci)…"
    npm ci --no-audit --no-fund
  elif [ "$lock" -nt "$stamp" ]; then
    if [ -f "$hash_file" ] && [ "$(cat "$hash_file")" = "$want" ]; then
      log "node_modules up to date (package-lock.json touched, content unchanged)"
    else
      log "package-lock.json is newer than node_modules: npm install…"
      npm install --no-audit --no-fund
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

# ---------------------------------------------------------------- 2. Temporal CLI
temporal_cli_ok() {
  local bin="$CACHE/bin/temporal"
  "$bin" --version >/dev/null 2>&1 || return 1
  # `go install` builds report 0.0.0-DEV; the module version is in the build info.
  if command -v go >/dev/null 2>&1; then
    go version -m "$bin" 2>/dev/null | grep -qE "^\s*mod\s+github.com/temporalio/cli\s+${TEMPORAL_CLI_VERSION}\s" || return 1
  fi
}

ensure_temporal_cli() {
  if temporal_cli_ok; then
    log "Temporal CLI ${TEMPORAL_CLI_VERSION} present ($CACHE/bin/temporal)"
    return
  fi
  command -v go >/dev/null 2>&1 || die "Go is needed to build the Temporal CLI (go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION})"
  log "building Temporal CLI ${TEMPORAL_CLI_VERSION} (once per machine, takes a few minutes)…"
  local t=$SECONDS
  GOBIN="$CACHE/bin" GOFLAGS="${GOFLAGS:-} -trimpath" go install "github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}"
  temporal_cli_ok || die "the built Temporal CLI does not run: $CACHE/bin/temporal"
  log "Temporal CLI built in $((SECONDS - t)) s"
}

# ---------------------------------------------------------------- 3. Java time-skipping test server
ensure_java_tools() {
  if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Java and Maven (apt-get)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless maven >/dev/null
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
    # (Maven 3.8 prints colour resets even in batch mode; the sed drops them.)
    mvn -q -B -Dstyle.color=never -f "$TEST_SERVER_POM" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$lib.tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
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
  if [ ! -x "$wrapper" ] || [ "$(cat "$wrapper")" != "$content" ]; then
    printf '%s\n' "$content" >"$wrapper.tmp"
    chmod +x "$wrapper.tmp"
    mv "$wrapper.tmp" "$wrapper"
    log "wrote $wrapper"
  fi
  command -v java >/dev/null 2>&1 || die "java is not on PATH; the test server needs Java 17+"
}

# ---------------------------------------------------------------- 4. Chromium (browser tests)
# playwright-core drives the system's Chromium: Playwright's own browser downloads are not used.
ensure_chromium() {
  local bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ -x "$bin" ]; then
    log "Chromium present ($bin)"
    return
  fi
  [ -z "${CHROMIUM_PATH:-}" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Chromium for the browser tests (apt-get install chromium, once per machine)…"
    local t=$SECONDS
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
    [ -x "$bin" ] || die "apt-get installed no $bin"
    log "Chromium installed in $((SECONDS - t)) s"
  else
    log "WARNING: no Chromium at $bin: the browser tests (test/browser) will fail. Install it with" \
      "'sudo apt-get install -y chromium' (Debian, Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable"
  fi
}

ensure_node_modules
ensure_temporal_cli
ensure_test_server
ensure_chromium
log "tools ready in $((SECONDS - started)) s (cache: $CACHE)"
