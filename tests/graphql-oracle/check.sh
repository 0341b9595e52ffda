#!/usr/bin/env bash
# CI step: install the pinned graphql-js and fail when expectations.json is stale.
#   bash tests/graphql-oracle/check.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
node "$here/generate.mjs" --check
