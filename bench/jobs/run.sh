#!/usr/bin/env bash
# Export and import of 10,000 goals x 5 tasks x 3 notes through the real job code; prints rows/s and memory growth.
# Usage: bash bench/jobs/run.sh [goals]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project bench/jobs -- "$@"
