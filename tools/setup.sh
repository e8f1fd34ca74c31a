#!/usr/bin/env bash
# Installs what drslint needs from Debian packages (only the missing ones), installs ajv for the
# schema tests from the npm registry, and builds the release preset into build/release.
#   tools/setup.sh              everything
#   tools/setup.sh --no-build   dependencies only
#   tools/setup.sh --sanitizers also clang, its sanitizer and libFuzzer runtimes and llvm-symbolizer
#                               (the asan and fuzz presets; tools/test.sh asks for them)
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 sanitizers=0
for arg in "$@"; do
  case $arg in
    --no-build) build=0 ;;
    --sanitizers) sanitizers=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

packages=(g++ cmake make pkg-config libvalijson-dev rapidjson-dev libboost-test-dev libcli11-dev nodejs npm)
# For the tests of the C API (a C compiler, Python's ctypes), the package, the pre-commit hook, --diff (patch) and the language server (Neovim).
packages+=(gcc python3 git pre-commit patch neovim)
# libclang-rt-dev follows the default clang, as clang does; clang only recommends it.
if ((sanitizers)); then
  packages+=(clang libclang-rt-dev llvm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm may come from elsewhere than Debian (e.g. a preinstalled Node.js): that is fine.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=($(printf '%s\n' "${missing[@]}" | grep -vx -e nodejs -e npm || true))
fi
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ajv checks that every schema file works as it is in another JSON Schema tool (strict mode).
mkdir -p build
if [ ! -f build/node_modules/ajv/package.json ] || [ ! -f build/node_modules/ajv-draft-04/package.json ] \
   || [ ! -f build/node_modules/ajv-formats/package.json ]; then
  echo "setup: installing ajv into build/node_modules"
  npm install --prefix build --no-audit --no-fund --silent ajv@8 ajv-draft-04@1 ajv-formats@3 >/dev/null
fi

if ((build)); then
  cmake --preset release >/dev/null
  cmake --build --preset release
fi
