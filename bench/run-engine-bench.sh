#!/usr/bin/env bash
# Times graphql-js and Goals.GraphQL on the same documents and data and prints one side-by-side table.
#   bash bench/run-engine-bench.sh            (about 3-4 minutes on 2 cores)
# Env: JS_SECONDS (timed seconds per graphql-js operation, default 1.5), ARTIFACTS (default bench/artifacts).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="${ARTIFACTS:-$root/bench/artifacts}"
mkdir -p "$artifacts"

if [ ! -d bench/graphql-js/node_modules/graphql ]; then
  npm ci --prefix bench/graphql-js --no-audit --no-fund
fi

echo "== Same work? (each document's response from both engines, compared as JSON)"
mkdir -p "$artifacts/responses"
node bench/graphql-js/bench.mjs --dump "$artifacts/responses" >/dev/null
dotnet run -c Release --project bench/Goals.Benchmarks -- --dump "$artifacts/responses" > "$artifacts/dump.log" 2>&1 \
  || echo "(Goals.GraphQL could not produce the responses; see $artifacts/dump.log)"
node bench/compare-results.mjs --responses "$artifacts/responses" || true

echo "== graphql-js"
NODE_ENV=production node bench/graphql-js/bench.mjs --seconds "${JS_SECONDS:-1.5}" --out "$artifacts/graphql-js.json"

echo "== Goals.GraphQL (BenchmarkDotNet, short in-process job)"
rm -rf "$artifacts/dotnet"
dotnet run -c Release --no-build --project bench/Goals.Benchmarks -- --short --filter '*EngineBenchmarks*' --artifacts "$artifacts/dotnet" \
  > "$artifacts/dotnet.log" 2>&1 || echo "(BenchmarkDotNet reported failures; see $artifacts/dotnet.log)"
grep -E '^\|' "$artifacts/dotnet.log" | tail -n 12 || true

echo
echo "== Side by side"
node bench/compare-results.mjs "$artifacts/graphql-js.json" \
  "$artifacts/dotnet/results/Goals.Benchmarks.EngineBenchmarks-report-full.json" --markdown "$artifacts/comparison.md"
