#!/usr/bin/env bash
# Publishes the native (ahead-of-time compiled) actorcity command: one executable, no JIT at run time, so a simulation
# spends no time compiling code. Installs the native toolchain (clang, zlib) on Debian when it is missing.
#
#   scripts/publish-native.sh                  # writes artifacts/native/actorcity
#   scripts/publish-native.sh --out DIR        # writes DIR/actorcity
#   scripts/publish-native.sh --toolchain-only # only checks (and installs) clang and zlib
#
# Intermediate files go under artifacts/native-build (or ACTORCITY_NATIVE_BUILD_DIR), apart from the bin/ and obj/
# folders that `dotnet build` and `dotnet test` use, so a publish never rewrites what a test run is loading.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
OUT="${ROOT}/artifacts/native"
BUILD_DIR="${ACTORCITY_NATIVE_BUILD_DIR:-${ROOT}/artifacts/native-build}"
TOOLCHAIN_ONLY=false

fail() { printf 'publish-native.sh: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) [[ $# -ge 2 ]] || fail "--out needs a directory"; OUT="$2"; shift 2 ;;
    --toolchain-only) TOOLCHAIN_ONLY=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done

# shellcheck source=scripts/common.sh
source "${ROOT}/scripts/common.sh"

# The native linker step needs a C toolchain (clang) and zlib's development files.
ensure_toolchain() {
  if command -v clang >/dev/null 2>&1 && [[ -f /usr/include/zlib.h ]]; then
    echo "Native toolchain: clang and zlib are installed."
    return
  fi
  command -v apt-get >/dev/null 2>&1 \
    || fail "clang and zlib development files are missing, and this is not a Debian/Ubuntu machine: install them, then run again"
  echo "Native toolchain: installing clang and zlib1g-dev."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y clang zlib1g-dev
  command -v clang >/dev/null 2>&1 && [[ -f /usr/include/zlib.h ]] || fail "apt-get ran, but clang or zlib.h is still missing"
}

runtime_identifier() {
  case "$(uname -m)" in
    x86_64) echo linux-x64 ;;
    aarch64|arm64) echo linux-arm64 ;;
    *) fail "no native build for machine type $(uname -m) (linux x86_64 and arm64 only)" ;;
  esac
}

ensure_toolchain
if [[ "${TOOLCHAIN_ONLY}" == true ]]; then
  exit 0
fi

command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK is not on PATH (need SDK 10.0.x)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
rid="$(runtime_identifier)"
echo "Publishing the native actorcity for ${rid} into ${OUT} (about a minute)."
dotnet publish "${ROOT}/src/ActorCity.Cli/ActorCity.Cli.csproj" -c Release -r "${rid}" -p:ActorCityNative=true \
  --artifacts-path "${BUILD_DIR}" -o "${OUT}" --nologo -v quiet
[[ -x "${OUT}/actorcity" ]] || fail "the publish finished but ${OUT}/actorcity is missing"
echo "Native build: ${OUT}/actorcity"
