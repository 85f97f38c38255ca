#!/usr/bin/env bash
# The whole gate, stopping at the first failure: tools, type check, lint, module boundaries, every jest
# project (unit, integration, e2e). Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { echo "[test] $*"; }
started=$SECONDS

bash scripts/ensure-tools.sh

step "type check: tsc --noEmit"
npx tsc --noEmit -p tsconfig.json

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

step "jest --ci (unit, integration, e2e)"
mkdir -p test/artifacts
results=test/artifacts/jest-results.json
rm -f "$results"
set +e
npx jest --ci --json --outputFile="$results" "$@"
status=$?
set -e

# One plain closing line with the counts (jest's own summary has another shape).
if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
    if (r.numTotalTests === 0) {
      console.log("jest ran no test: the gate fails");
      process.exit(1);
    }
  ' "$PWD/$results" || status=1
else
  echo "[test] jest wrote no results: the gate fails"
  status=1
fi
step "finished in $((SECONDS - started)) s with exit code $status"
exit "$status"
