#!/usr/bin/env bash
# Builds the Lambda package serverless.template points at (CodeUri: artifacts/lambda/):
# a self-contained, ReadyToRun linux-x64 publish of Goals.Api plus the 'bootstrap' executable that
# the provided.al2023 runtime starts. Then: sam package / sam deploy (or aws cloudformation package).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="${1:-$repo_root/src/Goals.Api/Goals.Api.csproj}"
out="${2:-$repo_root/artifacts/lambda}"
app_name="$(basename "$project" .csproj)"

rm -rf "$out"
# Self-contained: provided.al2023 has no .NET. ReadyToRun: less JIT at cold start.
# InvariantGlobalization is already set repo-wide (Amazon Linux 2023 minimal images lack ICU).
dotnet publish "$project" -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -p:TieredPGO=true -p:GenerateDocumentationFile=false \
  -o "$out"

# The apphost knows its app's dll by name, so a copy named 'bootstrap' starts the same app.
cp "$out/$app_name" "$out/bootstrap"
chmod 755 "$out/bootstrap"
echo "Lambda package ready in $out ($(du -sh "$out" | cut -f1))"
