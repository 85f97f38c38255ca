#!/usr/bin/env bash
# `npm start`: installs what it needs when missing (Node 24, node_modules, the Temporal CLI), then runs scripts/start.ts, which starts PostgreSQL and the
# Temporal dev server (unless DATABASE_URL / TEMPORAL_ADDRESS are set), the worker and the api.
# Settings: DATA_DIR (./data), PG_PORT (5433), TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233), PORT (api).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-tools.sh --for start
source scripts/node-env.sh

# start.ts gets its own session (setsid) so that Ctrl-C in the terminal reaches only it, through the trap
# below, and it stops its children in order (api and worker, then Temporal, then PostgreSQL) instead of
# all of them receiving the signal at once.
cmd=(node node_modules/ts-node/dist/bin.js -r tsconfig-paths/register --transpile-only scripts/start.ts "$@")
if command -v setsid >/dev/null 2>&1; then
  setsid "${cmd[@]}" &
else
  "${cmd[@]}" &
fi
pid=$!
trap 'kill -INT "$pid" 2>/dev/null || true' INT
trap 'kill -TERM "$pid" 2>/dev/null || true' TERM HUP

status=0
while :; do
  wait "$pid" && status=0 || status=$?
  kill -0 "$pid" 2>/dev/null || break # wait returned because of a trapped signal: keep waiting
done
exit "$status"
