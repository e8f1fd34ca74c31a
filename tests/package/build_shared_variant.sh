#!/usr/bin/env bash
# Builds this source tree with BUILD_SHARED_LIBS=ON into BUILD_DIR (library and CLI, no tests):
# the shared libdrslint.so that Python's ctypes loads and that package_test.sh installs.
#   build_shared_variant.sh CMAKE GENERATOR SOURCE_DIR BUILD_DIR BUILD_TYPE CXX_COMPILER
set -euo pipefail
cmake=$1 generator=$2 source_dir=$3 build_dir=$4 build_type=$5 cxx=$6

"$cmake" -S "$source_dir" -B "$build_dir" -G "$generator" -DCMAKE_BUILD_TYPE="$build_type" \
  -DCMAKE_CXX_COMPILER="$cxx" -DBUILD_SHARED_LIBS=ON -DDRSLINT_BUILD_TESTS=OFF >/dev/null
"$cmake" --build "$build_dir" --parallel 2
