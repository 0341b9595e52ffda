#!/usr/bin/env bash
# Fails when a Lambda package holds local-only or test code: Goals.Local (the private PostgreSQL, the local verbs, the
# GraphQL IDE), test assemblies, xunit, Playwright, the IDE's assets. scripts/package-lambda.sh runs it on every package.
#
#   scripts/check-lambda-package.sh <publish folder>     # exit 0: clean; 1: what was found, one line each, on stderr
#
# Two looks: file names (assemblies and folders that must not be there), and the bytes of every file for the names of
# local-only types, which catches such code compiled into a shipped assembly whatever its file is called.
set -euo pipefail

dir="${1:?usage: check-lambda-package.sh <publish folder>}"
[ -d "$dir" ] || { echo "check-lambda-package: $dir is not a folder" >&2; exit 2; }
dir="$(cd "$dir" && pwd)"

problems=()
while IFS= read -r -d '' path; do
  name="${path#"$dir"/}"
  case "${name##*/}" in
    Goals.Local.*|*.Tests.*|xunit.*|Microsoft.Playwright*|Microsoft.TestPlatform.*|Microsoft.VisualStudio.TestPlatform.*|testhost*|Microsoft.NET.Test.Sdk*)
      problems+=("$name: a local-only or test file") ;;
  esac
  case "/$name" in */ide/*) problems+=("$name: the GraphQL IDE's assets") ;; esac
done < <(find "$dir" -type f -print0)

# Types of Goals.Local (private PostgreSQL, IDE, local verbs) and test-only ones; the IDE's npm package name.
for marker in PrivatePostgres SharedDatabaseServer EmbeddedDatabase RecordingTransactionObserver IdeAssets LocalCommandLine DevelopmentTokens \
              Goals.Local.Embedded Goals.Local.Cli bananacakepop-graphql-ide Xunit.Sdk Microsoft.Playwright; do
  while IFS= read -r path; do
    problems+=("${path#"$dir"/}: contains '$marker'")
  done < <(grep -rlaF -- "$marker" "$dir" || true)
done

if [ ${#problems[@]} -gt 0 ]; then
  echo "check-lambda-package: $dir holds local-only or test code:" >&2
  printf '  %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "check-lambda-package: clean (no Goals.Local, test, xunit, Playwright, IDE or private-PostgreSQL code)"
