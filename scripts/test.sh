#!/usr/bin/env bash
# The whole gate, stopping at the first failure: tools, type check, lint, module boundaries, every jest
# project (unit, integration, e2e), then scripts/check-jest-results.ts (no skipped test, every project's test
# files run). Runs under Node 24 (scripts/node-env.sh). Extra arguments go to jest, e.g.
# `npm test -- --selectProjects unit` (then the per-project file counts are not checked).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { echo "[test] $*"; }
started=$SECONDS

bash scripts/ensure-tools.sh
source scripts/node-env.sh

step "type check: tsc --noEmit"
npx tsc --noEmit -p tsconfig.json

# The web app's API types come from the api's OpenAPI document: a changed DTO fails here or in the app's type check.
step "web app: API types from the OpenAPI document, type check (apps/web/tsconfig.json)"
node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/web/api-types.ts --check
npx tsc --noEmit -p apps/web/tsconfig.json

if [ -f eslint.config.mjs ]; then
  step "lint: eslint ."
  npx eslint .
fi

if [ -f .dependency-cruiser.cjs ]; then
  step "module boundaries: depcruise"
  dirs=()
  for dir in apps libs workflows; do [ -d "$dir" ] && dirs+=("$dir"); done
  if [ ${#dirs[@]} -gt 0 ]; then npx depcruise --config .dependency-cruiser.cjs "${dirs[@]}"; fi
fi

step "jest --ci (unit, integration, e2e) under node $(node --version)"
mkdir -p test/artifacts
results=test/artifacts/jest-results.json
rm -f "$results"
set +e
JEST_JUNIT_OUTPUT_DIR=test/artifacts JEST_JUNIT_OUTPUT_NAME=junit.xml \
  npx jest --ci --json --outputFile="$results" --reporters=default --reporters=jest-junit "$@"
status=$?
set -e
step "finished in $((SECONDS - started)) s, jest exit code $status"

# The gate's reading of the results (jest's JSON; the same results as JUnit XML in test/artifacts/junit.xml). It ends
# with jest's own summary lines and a plain `N passed, N failed` line, so the run's last line says how many tests ran.
if [ ! -f "$results" ]; then
  echo "[test] jest wrote no results: the gate fails"
  exit 1
fi
scope=whole
[ $# -eq 0 ] || scope=partial
node -r ts-node/register/transpile-only scripts/check-jest-results.ts "$PWD/$results" "$scope" || status=1
exit "$status"
