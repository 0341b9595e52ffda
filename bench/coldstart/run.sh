#!/usr/bin/env bash
# Cold-start benchmark: process start -> first GraphQL answer, median of N starts, for
#   (0) the packaged Native AOT app (artifacts/lambda-aot/bootstrap, package-lambda.sh --aot) in Lambda mode,
#   (a) the packaged self-contained ReadyToRun app (artifacts/lambda-r2r/bootstrap, package-lambda.sh --ready-to-run) in Lambda mode,
#   (b) the framework-dependent app (dotnet artifacts/lambda-fd/Goals.Api.dll, package-lambda.sh --framework-dependent) in Lambda mode,
#   (c) the same app on Kestrel (Goals.Local `serve`, Release build, external ConnectionStrings__Goals: no embedded DB start),
#   (d) a bare ASP.NET Core hello-world (bench/coldstart/HelloWorld) -> first HTTP 200,
# with a standalone Runtime API emulator (the tests' tests/Shared/RuntimeApiEmulator.cs, in the driver process) and one
# private PostgreSQL the driver starts once and migrates with the app's own `migrate` verb.
#
#   bench/coldstart/run.sh [--runs 10] [--skip-package] [--only lambda-aot,lambda-sc,lambda-fd,kestrel,hello]
# Prints a markdown table (medians, min, max, ratio vs hello; RSS right after the first answer and peak RSS) and the apps' init-phase log lines; also written to
# artifacts/bench/coldstart.md. Needs PostgreSQL server binaries (see src/Goals.Data) and zip or python3.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=10
package=1
only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift ;;
    --skip-package) package=0 ;;
    --only) only=(--only "$2"); shift ;;
    *) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

bench_out="$repo_root/artifacts/bench"
mkdir -p "$bench_out"
if [ "$package" = 1 ] || [ ! -x "$repo_root/artifacts/lambda-r2r/bootstrap" ] || [ ! -f "$repo_root/artifacts/lambda-fd/Goals.Api.dll" ] \
   || [ ! -x "$repo_root/artifacts/lambda-aot/bootstrap" ]; then
  # Local measurement: no cluster CA needed, and so none of these replaces artifacts/lambda.zip (the template's CodeUri).
  "$repo_root/scripts/package-lambda.sh" --ready-to-run --without-ca-certificate
  "$repo_root/scripts/package-lambda.sh" --framework-dependent --without-ca-certificate
  "$repo_root/scripts/package-lambda.sh" --aot --without-ca-certificate
fi
dotnet publish "$repo_root/bench/coldstart/HelloWorld/HelloWorld.csproj" -c Release -nologo -v quiet -o "$bench_out/hello"
dotnet build "$repo_root/bench/coldstart/Driver/ColdStart.Driver.csproj" -c Release -nologo -v quiet -o "$bench_out/driver"
dotnet build "$repo_root/src/Goals.Local/Goals.Local.csproj" -c Release -nologo -v quiet -p:SkipIdeInstall=true -o "$bench_out/local"

dotnet "$bench_out/driver/ColdStart.Driver.dll" \
  --aot "$repo_root/artifacts/lambda-aot" --sc "$repo_root/artifacts/lambda-r2r" --fd "$repo_root/artifacts/lambda-fd" --local "$bench_out/local" --hello "$bench_out/hello/HelloWorld.dll" \
  --runs "$runs" --out "$bench_out/coldstart.md" "${only[@]}"
