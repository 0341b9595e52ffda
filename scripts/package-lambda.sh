#!/usr/bin/env bash
# Builds a Lambda deployment zip and prints its size. A deployable package (aot or ready-to-run) built with the database
# CA certificate is also copied, byte for byte, to <out>/lambda.zip: serverless.template's CodeUri (artifacts/lambda.zip).
#
#   scripts/package-lambda.sh                        # the default, same as --aot
#   scripts/package-lambda.sh --aot                  # artifacts/lambda-aot.zip (+ artifacts/lambda.zip): Native AOT, one native
#                                                    #   'bootstrap' (plus appsettings.json) for provided.al2023 (deployed by
#                                                    #   default); trim/AOT warnings fail it. Needs clang and zlib1g-dev
#                                                    #   (scripts/setup.sh installs them); the target must be the host's
#                                                    #   architecture (arm64: build on arm64)
#   scripts/package-lambda.sh --ready-to-run         # artifacts/lambda-r2r.zip (+ artifacts/lambda.zip): self-contained linux-x64
#                                                    #   + ReadyToRun (JIT), the apphost as 'bootstrap' for provided.al2023: the
#                                                    #   same template, Runtime and handlers. --self-contained is an alias
#   scripts/package-lambda.sh --framework-dependent  # artifacts/lambda-fd.zip only: framework-dependent linux-x64 + ReadyToRun,
#                                                    #   'Goals.Api.dll' for a managed dotnet runtime (measured, not deployed)
#   options: --project <csproj> (default src/Goals.Api/Goals.Api.csproj), --out <dir> (default artifacts/)
#            --arch x86_64|arm64 (default x86_64; must match the template's Architecture parameter)
#            --ca-certificate <pem> (default certs/cockroachdb-root.crt): the database CA, shipped as
#              certs/cockroachdb-root.crt (DatabaseRootCertificate's default). Without it the script refuses, because such
#              a package deploys and then fails every cold start; --without-ca-certificate is for local measurement only,
#              and then <out>/lambda.zip is neither written nor replaced.
#
# The publish folder is kept beside the zip (artifacts/lambda-aot/, lambda-r2r/ or lambda-fd/) for bench/coldstart.
# Zipping uses `zip` (-X: no extra attributes; Unix modes are kept, so 'bootstrap' stays executable) or, when
# zip is missing (it is not in a fresh Debian), python3's zipfile with the modes set explicitly. Neither present:
# it fails and says so; it installs nothing. The zip is checked afterwards: entry names and bootstrap's mode, and
# scripts/check-lambda-package.sh fails the package if it holds local-only or test code (Goals.Local, the IDE, xunit, ...).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$repo_root/src/Goals.Api/Goals.Api.csproj"
out_root="$repo_root/artifacts"
mode=aot
arch=x86_64
ca_certificate="$repo_root/certs/cockroachdb-root.crt"
require_ca=1
while [ $# -gt 0 ]; do
  case "$1" in
    --aot) mode=aot ;;
    --ready-to-run|--self-contained) mode=ready-to-run ;;   # --self-contained: the name before ready-to-run
    --framework-dependent) mode=framework-dependent ;;
    --project) project="$2"; shift ;;
    --out) out_root="$2"; shift ;;
    --arch) arch="$2"; shift ;;
    --ca-certificate) ca_certificate="$2"; shift ;;
    --without-ca-certificate) require_ca=0 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
    *) echo "package-lambda: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$out_root"
out_root="$(cd "$out_root" && pwd)"   # absolute: zip runs from inside the publish folder

case "$arch" in
  x86_64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
  *) echo "package-lambda: --arch must be x86_64 or arm64 (Lambda's names), not '$arch'" >&2; exit 2 ;;
esac

# Checked before anything is built, so a refusal is immediate.
if [ "$require_ca" = 1 ]; then
  if [ ! -f "$ca_certificate" ]; then
    echo "package-lambda: refusing to package without the database CA certificate: $ca_certificate does not exist." >&2
    echo "  Put the cluster's CA PEM there (or pass --ca-certificate <pem>); a package without it fails every cold start." >&2
    exit 1
  fi
  if ! grep -q -- "-----BEGIN CERTIFICATE-----" "$ca_certificate" \
     || { command -v openssl >/dev/null 2>&1 && ! openssl x509 -noout -in "$ca_certificate" >/dev/null 2>&1; }; then
    echo "package-lambda: refusing to package: $ca_certificate is not a PEM certificate." >&2
    exit 1
  fi
fi

app_name="$(basename "$project" .csproj)"
code_uri_zip="$out_root/lambda.zip"   # serverless.template's Globals.Function.CodeUri (a literal path: sam package resolves no Ref)
if [ "$mode" = ready-to-run ]; then
  publish_dir="$out_root/lambda-r2r"; zip_path="$out_root/lambda-r2r.zip"
  # Self-contained: provided.al2023 has no .NET. ReadyToRun: less JIT at cold start.
  publish_args=(--self-contained true -p:PublishReadyToRun=true -p:TieredPGO=true)
elif [ "$mode" = aot ]; then
  publish_dir="$out_root/lambda-aot"; zip_path="$out_root/lambda-aot.zip"
  host_arch="$(uname -m)"; [ "$host_arch" = aarch64 ] && host_arch=arm64
  if [ "$host_arch" != "$arch" ]; then
    echo "package-lambda: --aot builds for the host's architecture only ($host_arch); cross-compiling to $arch needs that" >&2
    echo "  target's sysroot and linker. Build the $arch package on a $arch machine (e.g. a Graviton CI runner)." >&2
    exit 2
  fi
  for tool in clang; do
    command -v "$tool" >/dev/null 2>&1 || { echo "package-lambda: --aot needs $tool to link (bash scripts/setup.sh installs it)" >&2; exit 1; }
  done
  [ -f /usr/include/zlib.h ] || { echo "package-lambda: --aot needs zlib1g-dev (bash scripts/setup.sh installs it)" >&2; exit 1; }
  # Every trim or AOT warning is an error here (the normal build already runs the analyzers: IsAotCompatible).
  publish_args=(--self-contained true -p:PublishAot=true -p:StripSymbols=true -p:TrimmerSingleWarn=false
                -p:IlcTreatWarningsAsErrors=true -p:ILLinkTreatWarningsAsErrors=true -p:TreatWarningsAsErrors=true)
else
  publish_dir="$out_root/lambda-fd"; zip_path="$out_root/lambda-fd.zip"
  # The managed runtime brings the (already ReadyToRun) shared framework; only the app's own assemblies are compiled.
  publish_args=(--self-contained false -p:PublishReadyToRun=true -p:TieredPGO=true)
fi

if [ -n "${PACKAGE_LAMBDA_ZIPPER:-}" ]; then zipper="$PACKAGE_LAMBDA_ZIPPER"   # zip | python3 (to test the fallback)
elif command -v zip >/dev/null 2>&1; then zipper=zip
elif command -v python3 >/dev/null 2>&1; then zipper=python3
else
  echo "package-lambda: neither 'zip' nor 'python3' is installed; install one (Debian: apt-get install zip)." >&2
  exit 1
fi

rm -rf "$publish_dir" "$zip_path"
# A deployable build replaces the template's package: a failed one must not leave the previous package to be deployed.
if [ "$mode" != framework-dependent ] && [ "$require_ca" = 1 ]; then rm -f "$code_uri_zip"; fi
mkdir -p "$out_root"
# InvariantGlobalization is set repo-wide (Amazon Linux 2023 minimal images lack ICU). The IDE is Goals.Local's: not here.
dotnet publish "$project" -c Release -r "$rid" "${publish_args[@]}" \
  -p:GenerateDocumentationFile=false -p:EnforceCodeStyleInBuild=false \
  -p:DebugType=none -p:DebugSymbols=false \
  -nologo -v quiet -o "$publish_dir"
# Never ship the Development settings: they hold the public local signing key, which would be trusted if the
# environment were ever set to Development.
rm -f "$publish_dir"/appsettings.Development.json
# serverless.template's DatabaseRootCertificate (default certs/cockroachdb-root.crt) is a path inside the package.
if [ "$require_ca" = 1 ]; then
  mkdir -p "$publish_dir/certs"
  cp "$ca_certificate" "$publish_dir/certs/cockroachdb-root.crt"
else
  echo "package-lambda: WARNING: --without-ca-certificate: this package is for local measurement; it cannot reach a TLS CockroachDB." >&2
fi

if [ "$mode" = aot ]; then
  # The native executable is the whole app; provided.al2023 runs it as <package root>/bootstrap.
  mv "$publish_dir/$app_name" "$publish_dir/bootstrap"
  chmod 755 "$publish_dir/bootstrap"
  rm -f "$publish_dir"/*.dbg "$publish_dir"/*.staticwebassets.endpoints.json
  entry=bootstrap
elif [ "$mode" = ready-to-run ]; then
  # provided.al2023 runs <package root>/bootstrap. The apphost finds its app by its own name's dll, so a copy of
  # the apphost named 'bootstrap' starts Goals.Api.dll. The original apphost is dropped (it is the same 70 KB file).
  mv "$publish_dir/$app_name" "$publish_dir/bootstrap"
  chmod 755 "$publish_dir/bootstrap"
  entry=bootstrap
else
  rm -f "$publish_dir/$app_name"   # the managed runtime starts 'dotnet <app>.dll'; the apphost is not needed
  entry="$app_name.dll"
fi

bash "$repo_root/scripts/check-lambda-package.sh" "$publish_dir"   # the zip is this folder

if [ "$zipper" = zip ]; then
  (cd "$publish_dir" && zip -X -q -r -9 "$zip_path" .)
else
  python3 - "$publish_dir" "$zip_path" <<'PY'
import os, stat, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for directory, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            path = os.path.join(directory, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, root))
            info.external_attr = (stat.S_IFREG | (os.stat(path).st_mode & 0o777)) << 16
            info.create_system = 3  # Unix: Lambda reads the mode from the external attributes
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source:
                archive.writestr(info, source.read())
PY
fi

# Check what Lambda will see: the entry point at the root, executable for the custom runtime.
python_check() {
  python3 - "$zip_path" "$entry" "$mode" <<'PY'
import sys, zipfile
path, entry, mode = sys.argv[1:]
with zipfile.ZipFile(path) as archive:
    infos = {i.filename: i for i in archive.infolist()}
    if entry not in infos: sys.exit(f"{entry} is not at the root of {path}")
    if mode in ("ready-to-run", "aot") and not (infos[entry].external_attr >> 16) & 0o111:
        sys.exit(f"{entry} is not executable inside {path}")
    if mode in ("ready-to-run", "aot") and (infos[entry].external_attr >> 16) & 0o777 != 0o755:
        sys.exit(f"{entry} is not mode 755 inside {path}")
    required_files = ("appsettings.json",) if mode == "aot" else ("Goals.Api.dll", "Goals.Api.runtimeconfig.json", "Goals.Api.deps.json", "appsettings.json")
    if mode == "aot" and any(name.endswith(".dll") for name in infos): sys.exit(f"a Native AOT package holds managed assemblies: {path}")
    for required in required_files:
        if required not in infos: sys.exit(f"{required} is missing from {path}")
    if "appsettings.Development.json" in infos: sys.exit(f"appsettings.Development.json (local signing key) is in {path}")
PY
}
if command -v python3 >/dev/null 2>&1; then python_check
elif command -v unzip >/dev/null 2>&1; then
  listing="$(unzip -Z "$zip_path")"
  grep -Eq " $entry\$" <<<"$listing" || { echo "package-lambda: $entry is not at the root of $zip_path" >&2; exit 1; }
  if [ "$mode" != framework-dependent ]; then
    grep -Eq "^-rwx.* bootstrap\$" <<<"$listing" || { echo "package-lambda: bootstrap is not executable in $zip_path" >&2; exit 1; }
  fi
else
  echo "package-lambda: warning: neither python3 nor unzip to verify $zip_path" >&2
fi

zip_bytes=$(stat -c %s "$zip_path")
unpacked=$(du -sb "$publish_dir" | cut -f1)
echo "Lambda package ($mode, $arch): $zip_path"
echo "  zip: $zip_bytes bytes ($((zip_bytes / 1024 / 1024)) MiB); unpacked: $unpacked bytes ($((unpacked / 1024 / 1024)) MiB, limit 250 MiB); entry: $entry"

# The deployable package becomes the template's CodeUri, unless it lacks the CA (it would fail every cold start in AWS).
if [ "$mode" != framework-dependent ]; then
  if [ "$require_ca" = 1 ]; then
    cp "$zip_path" "$code_uri_zip.tmp"
    mv -f "$code_uri_zip.tmp" "$code_uri_zip"   # never a half-copied lambda.zip
    cmp -s "$zip_path" "$code_uri_zip" || { echo "package-lambda: $code_uri_zip differs from $zip_path after copying" >&2; exit 1; }
    echo "serverless.template's CodeUri ($code_uri_zip) now holds the $mode package (a copy of $(basename "$zip_path"))"
  else
    echo "package-lambda: --without-ca-certificate: $code_uri_zip (serverless.template's CodeUri) was not written or replaced;" \
         "a package without the database CA fails every cold start in AWS" >&2
  fi
fi
