#!/usr/bin/env bash
# Runs the API locally: embedded private PostgreSQL in .data/, migrated, demo data, explorer at /graphql.
# Extra arguments go to the app, e.g. --urls http://127.0.0.1:8080
# GOALS_PREBUILT=1 skips the set-up and the build (the test that runs this script does so after the test build).
set -euo pipefail
cd "$(dirname "$0")/.."
# The app runs as Production unless told otherwise; this local run chooses Development (its public signing key, the
# `token` verb, the SPA dev origins) unless the caller chose an environment.
if [ -z "${ASPNETCORE_ENVIRONMENT:-}" ] && [ -z "${DOTNET_ENVIRONMENT:-}" ]; then
  export ASPNETCORE_ENVIRONMENT=Development
fi
if [ "${GOALS_PREBUILT:-}" = 1 ]; then
  exec dotnet run --project src/Goals.Local --no-build -- serve "$@"
fi
bash scripts/setup.sh
exec dotnet run --project src/Goals.Local -- serve "$@"
