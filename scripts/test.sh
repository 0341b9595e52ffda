#!/usr/bin/env bash
# Runs every test: the graphql-js oracle and template checks (Node), then every .NET test project
# against a private PostgreSQL the tests start themselves. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser || exit 1

failed_steps=()
step() {
  local name=$1; shift
  echo "== $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

dotnet build Goals.slnx --no-restore -c Debug -v quiet -nologo || { echo "0 passed, 1 failed"; exit 1; }

[ -f tests/graphql-oracle/generate.mjs ] && step "graphql-js expectations are up to date" node tests/graphql-oracle/generate.mjs --check
[ -f tests/template/validate.mjs ] && step "serverless.template matches the SAM schema" node tests/template/validate.mjs
# cfn-lint (Python; npm's copy is too old for the template's resources) when installed: `pip install cfn-lint`.
if command -v cfn-lint >/dev/null 2>&1; then step "serverless.template passes cfn-lint $(cfn-lint --version | cut -d' ' -f2)" cfn-lint serverless.template
else echo "== cfn-lint not installed: skipped (pip install cfn-lint)"; fi

log=$(mktemp)
dotnet test Goals.slnx --no-build -c Debug --logger "console;verbosity=minimal" 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; failed_steps+=("dotnet test exited $test_status"); fi

# The Native AOT package (package-lambda.sh --aot): its bootstrap, unpacked from the zip with its modes, answers the
# Lambda end-to-end tests (API Gateway v1/v2 events, the SQS worker, failure paths) through the Runtime API emulator.
aot_lambda_tests() {
  local work; work=$(mktemp -d)
  bash scripts/package-lambda.sh --aot --without-ca-certificate --out "$work/out" \
    && python3 - "$work/out/lambda-aot.zip" "$work/unpacked" <<'PY' \
    && GOALS_LAMBDA_BOOTSTRAP="$work/unpacked/bootstrap" timeout 1200 dotnet test tests/Goals.Api.Tests --no-build -c Debug \
         --logger "console;verbosity=minimal" \
         --filter "FullyQualifiedName~Goals.Api.Tests.Lambda.LambdaEndToEndTests|FullyQualifiedName~Goals.Api.Tests.Lambda.LambdaFailurePathTests"
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    for info in archive.infolist():
        path = archive.extract(info, sys.argv[2])
        os.chmod(path, (info.external_attr >> 16) & 0o777)
PY
  local status=$?
  rm -rf "$work"
  return $status
}
step "Native AOT package passes the Lambda end-to-end tests" aot_lambda_tests
failed=$((failed + ${#failed_steps[@]}))

[ ${#failed_steps[@]} -gt 0 ] && printf 'failed step: %s\n' "${failed_steps[@]}"
echo "Total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
