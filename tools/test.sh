#!/usr/bin/env bash
# Sets up (idempotent), builds, and runs the whole test suite with ctest: the release build; the
# same suite built with AddressSanitizer and UndefinedBehaviorSanitizer (the asan preset); the
# threads test under ThreadSanitizer (the tsan preset); and a
# one-minute libFuzzer run over the library, seeded with every example and schema case body (the
# fuzz preset). CI runs all of it (.ci/run).
#   tools/test.sh          everything
#   tools/test.sh --quick  the release suite only: the fast loop while developing
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
case "${1:-}" in
  "") ;;
  --quick) quick=1 ;;
  *) echo "test: unknown option $1 (--quick runs the release suite only)" >&2; exit 2 ;;
esac

if ((quick)); then
  bash tools/setup.sh
else
  bash tools/setup.sh --sanitizers
fi
ctest --preset release -j2
if ((quick)); then
  echo "test: --quick: the asan suite and the fuzz run were skipped"
  exit 0
fi

# The asan test preset leaves out the package tests: they install the library and build plain,
# unsanitized consumers against it, which cannot link a sanitized static library.
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

# One Linter shared by threads, under ThreadSanitizer: only the threads test is built here.
cmake --preset tsan >/dev/null
cmake --build --preset tsan
ctest --preset tsan

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz
