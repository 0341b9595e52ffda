#!/usr/bin/env bash
# Installs what the run and the tests need on a fresh Debian machine with the .NET SDK and Node:
# PostgreSQL binaries (apt, only when initdb is missing), Chromium for the browser test (with --browser),
# clang and zlib1g-dev for the Native AOT package (when missing),
# the pinned npm packages of every package-lock.json in the repo, and the NuGet packages (dotnet restore).
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=true ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

apt_packages=()
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt_packages+=(postgresql)
fi
if $want_browser && [ ! -x /usr/bin/chromium ]; then
  apt_packages+=(chromium)
fi
# The Native AOT link (package-lambda.sh --aot): clang as the linker driver, zlib for the runtime.
if ! command -v clang >/dev/null 2>&1; then
  apt_packages+=(clang)
fi
if [ ! -f /usr/include/zlib.h ]; then
  apt_packages+=(zlib1g-dev)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "setup: installing ${apt_packages[*]} with apt-get"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

for lock in $(git ls-files '*package-lock.json' 2>/dev/null || find . -name package-lock.json -not -path '*/node_modules/*'); do
  dir=$(dirname "$lock")
  if [ ! -d "$dir/node_modules" ] || [ "$lock" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
done

dotnet restore Goals.slnx --verbosity quiet
