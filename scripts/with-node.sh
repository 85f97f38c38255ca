#!/usr/bin/env bash
# Runs a command under the project's Node.js (24, see scripts/node-env.sh), e.g. `bash scripts/with-node.sh ts-node x.ts`.
# Installs the tools first when node_modules or that Node.js is missing; set-up messages go to stderr, so the
# command's own output (a token, a report) stays clean.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/node-env.sh"
if [ ! -d "$ROOT/node_modules" ] || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 24 ]; then
  bash "$ROOT/scripts/ensure-tools.sh" >&2
  source "$ROOT/scripts/node-env.sh"
fi
export PATH="$ROOT/node_modules/.bin:$PATH"
exec "$@"
