#!/usr/bin/env bash
# Runs the API locally: embedded private PostgreSQL in .data/, migrated, demo data, explorer at /graphql.
# Extra arguments go to the app, e.g. --urls http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec dotnet run --project src/Goals.Api -- serve "$@"
