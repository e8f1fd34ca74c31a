#!/usr/bin/env bash
# Sets up (idempotent), builds, and runs the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
ctest --preset release -j2
