#!/usr/bin/env bash
# The project's load benchmark, one command from the repository root:
#
#   bash bench/load/run.sh            # < 5 min after the build: 3 rounds x 4 s per cell, RSS after 10k and 100k requests
#   bash bench/load/run.sh --quick    # about half of that: 1 round x 2 s per cell, RSS after 5k and 10k requests
#
# Builds the API and bench/load/LoadBench in Release, then LoadBench starts a private PostgreSQL (the data layer's
# throwaway cluster, with pg_stat_statements when installed), migrates it, seeds it with the API's `seed` verb,
# starts the API (Kestrel, pool 16, Production logging) and the HTTP ceiling, checks every workload's answers against
# the SQL ceiling, and measures. Everything listens on 127.0.0.1 and stops with the run.
# Other options: --rounds N --round-seconds S --warmup-seconds S --connections N --rss-after 10000,100000
# Output: the markdown table on stdout and in bench/load/results/<date>[-quick].md; server logs in bench/load/results/logs/.
# Exit code: 0 measured, 3 an answer was wrong (nothing is timed after a failed check), other = something broke.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "[load] building the API and the benchmark (Release)" >&2
dotnet build src/Goals.Local -c Release -v quiet -nologo -p:SkipIdeInstall=true >/tmp/goals-load-build.log 2>&1 \
  && dotnet build bench/load/LoadBench -c Release -v quiet -nologo >>/tmp/goals-load-build.log 2>&1 \
  || { tail -30 /tmp/goals-load-build.log >&2; exit 1; }

COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain -- src 2>/dev/null)" ]; then COMMIT="$COMMIT+uncommitted changes"; fi
BENCH_COMMIT="$COMMIT" exec dotnet bench/load/LoadBench/bin/Release/net10.0/LoadBench.dll run \
  --api-dll src/Goals.Local/bin/Release/net10.0/Goals.Local.dll \
  --bench-dll bench/load/LoadBench/bin/Release/net10.0/LoadBench.dll \
  --results bench/load/results "$@"
