#!/usr/bin/env bash
# Installs schemathesis (PyPI) into a virtualenv in the tool cache, once: the API fuzz test runs it from there.
#   venv:  ${REGLIFE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reglife}/venv
# Skipped when the pinned version is already installed; a lock serialises concurrent runs. Prints the path
# of the schemathesis executable as its last line.
set -euo pipefail

SCHEMATHESIS_VERSION="4.32.5"
CACHE="${REGLIFE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reglife}"
VENV="$CACHE/venv"
BIN="$VENV/bin/schemathesis"

log() { echo "[setup] $*" >&2; }
die() { echo "[setup] ERROR: $*" >&2; exit 1; }

installed() {
  [ -x "$BIN" ] && [ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" = "$SCHEMATHESIS_VERSION" ]
}

mkdir -p "$CACHE"
exec 8>"$CACHE/.ensure-schemathesis.lock"
if ! flock -n 8; then
  log "another run holds $CACHE/.ensure-schemathesis.lock; waiting…"
  flock 8
fi

if installed; then
  log "schemathesis $SCHEMATHESIS_VERSION present ($BIN)"
else
  PYTHON="$(command -v python3 || true)"
  [ -n "$PYTHON" ] || die "python3 is required for schemathesis (3.9 or newer)"
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' || die "python3 3.9 or newer is required, found $("$PYTHON" --version)"
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating the virtualenv $VENV…"
    "$PYTHON" -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  fi
  log "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $VENV (about a minute)…"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  installed || die "schemathesis $SCHEMATHESIS_VERSION did not install into $VENV"
  log "schemathesis $SCHEMATHESIS_VERSION installed"
fi
echo "$BIN"
