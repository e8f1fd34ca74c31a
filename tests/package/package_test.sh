#!/usr/bin/env bash
# Installs a built drslint into a temporary prefix and uses it the way other projects do:
#   1. what lands where (headers, library, drslint, schemas, CMake package, drslint.pc);
#   2. the installed drslint runs from its prefix;
#   3. consumer/ built with find_package(drslint) and linked to drslint::drslint;
#   4. the same consumer built with g++ and `pkg-config --cflags --libs drslint`;
#   5. tests/capi/capi_test.c built as C with gcc and pkg-config (the path cgo takes);
#   6. (shared) only the C API and the public C++ API are exported, and the soname;
#   7. the real CLI (tools/drslint/main.cpp) built against the package alone (cli_consumer/) prints
#      byte for byte what the installed drslint prints, with the same exit code.
# Consumers 3-5 lint a body with mistakes (must report them and fail) and a clean one.
#   package_test.sh static|shared CMAKE BUILD_DIR SOURCE_DIR WORK_DIR VERSION
set -euo pipefail
kind=$1 cmake=$2 build_dir=$3 source_dir=$4 work=$5 version=$6

bad=$source_dir/examples/speed-limit-with-mistakes.json
good=$source_dir/examples/rename-task.json
# The finding every consumer must print for $bad: rule, pointer, line:column.
expected_finding="string-format /job/params/speed_limit/1/end 7:36"

fail() { echo "FAIL: $*" >&2; exit 1; }

# Runs a linting program on $bad and $good and checks its verdicts and output.
check_consumer() {
  local name=$1; shift
  local out status
  set +e; out=$("$@" "$bad" 2>&1); status=$?; set -e
  [ "$status" -eq 1 ] || fail "$name on $bad exited $status, expected 1 (errors found); output: $out"
  grep -qF "$expected_finding" <<<"$out" || fail "$name on $bad did not report '$expected_finding'; output: $out"
  set +e; out=$("$@" "$good" 2>&1); status=$?; set -e
  [ "$status" -eq 0 ] || fail "$name on $good exited $status, expected 0; output: $out"
  [ -z "$out" ] || fail "$name reported findings on the clean $good: $out"
  echo "ok: $name"
}

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
"$cmake" --install "$build_dir" --prefix "$prefix" >/dev/null

# 1. The layout. libdir is lib/ or lib/<multiarch>/ depending on the platform: ask the .pc file's place.
pc_file=$(find "$prefix" -name drslint.pc -path '*/pkgconfig/*')
[ -n "$pc_file" ] || fail "drslint.pc not installed"
libdir=$(dirname "$(dirname "$pc_file")")
for f in include/drslint/drslint.h include/drslint/linter.h include/drslint/finding.h include/drslint/version.h \
         bin/drslint share/drslint/schemas/request/update-job-request.schema.json share/drslint/schemas/rules.json \
         share/drslint/schemas/drslint-config.schema.json include/drslint/suggest.h share/man/man1/drslint.1 \
         share/bash-completion/completions/drslint share/zsh/site-functions/_drslint \
         share/doc/drslint/LICENSE share/doc/drslint/CHANGELOG.md; do
  [ -f "$prefix/$f" ] || fail "$f not installed"
done
for f in drslintConfig.cmake drslintConfigVersion.cmake drslintTargets.cmake; do
  [ -f "$libdir/cmake/drslint/$f" ] || fail "$f not installed in $libdir/cmake/drslint"
done
if [ "$kind" = static ]; then
  [ -f "$libdir/libdrslint.a" ] || fail "libdrslint.a not installed"
  ! compgen -G "$libdir/libdrslint.so*" >/dev/null || fail "a static build installed a shared library"
else
  [ -f "$libdir/libdrslint.so.$version" ] || fail "libdrslint.so.$version not installed"
fi
grep -q "DRSLINT_VERSION_STRING \"$version\"" "$prefix/include/drslint/version.h" || fail "version.h does not say $version"
grep -q "drslint $version" "$prefix/share/man/man1/drslint.1" || fail "the man page does not say $version"
echo "ok: installed layout ($kind)"

# 2. The installed tool, with no help from the build tree (a shared one finds its library by RPATH).
# (JSON output: version 1 is a stable contract, the text layout is for people.)
set +e; out=$(env -u LD_LIBRARY_PATH "$prefix/bin/drslint" --format json "$bad" "$good" 2>&1); status=$?; set -e
[ "$status" -eq 1 ] || fail "installed drslint exited $status, expected 1; output: $out"
grep -qF '"rule":"string-format"' <<<"$out" && grep -qF '"pointer":"/job/params/speed_limit/1/end"' <<<"$out" \
  || fail "installed drslint: no string-format finding; output: $out"
env -u LD_LIBRARY_PATH "$prefix/bin/drslint" "$good" >/dev/null || fail "installed drslint fails the clean $good"
echo "ok: installed drslint"

# 3. find_package(drslint): only the temporary prefix is searched, never a system-wide drslint.
"$cmake" -S "$source_dir/tests/package/consumer" -B "$work/consumer-cmake" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF \
  -DEXPECTED_VERSION="$version" >"$work/consumer-cmake.log" 2>&1 || { cat "$work/consumer-cmake.log"; fail "consumer: configure"; }
grep -qx "drslint_DIR:PATH=$libdir/cmake/drslint" "$work/consumer-cmake/CMakeCache.txt" \
  || fail "find_package did not find the package in $prefix: $(grep drslint_DIR "$work/consumer-cmake/CMakeCache.txt")"
"$cmake" --build "$work/consumer-cmake" >>"$work/consumer-cmake.log" 2>&1 || { cat "$work/consumer-cmake.log"; fail "consumer: build"; }
check_consumer "find_package consumer" "$work/consumer-cmake/consumer"

# 4. and 5. pkg-config. A static libdrslint.a needs its private libraries (libstdc++, libm) in a C
# link: that is what `pkg-config --static` is for. A shared library brings its own.
PKG_CONFIG_PATH=$(dirname "$pc_file")
export PKG_CONFIG_PATH
[ "$(pkg-config --modversion drslint)" = "$version" ] || fail "pkg-config --modversion is not $version"
[ "$(pkg-config --variable=schemadir drslint)" -ef "$prefix/share/drslint/schemas" ] || fail "pkg-config schemadir is wrong"
libs_option=(--libs)
[ "$kind" = static ] && libs_option=(--static --libs)
run_env=(env)
[ "$kind" = shared ] && run_env=(env LD_LIBRARY_PATH="$libdir")
# shellcheck disable=SC2046  # pkg-config's output is a list of words
g++ -std=c++17 -o "$work/consumer-pkgconfig" "$source_dir/tests/package/consumer/main.cpp" $(pkg-config --cflags --libs drslint)
check_consumer "pkg-config consumer (g++)" "${run_env[@]}" "$work/consumer-pkgconfig"
# shellcheck disable=SC2046
gcc -std=c99 -Wall -o "$work/capi-pkgconfig" "$source_dir/tests/capi/capi_test.c" $(pkg-config --cflags drslint) \
  $(pkg-config "${libs_option[@]}" drslint) -pthread
"${run_env[@]}" "$work/capi-pkgconfig" >/dev/null || fail "capi_test against the installed package failed"
echo "ok: C API test built with gcc and pkg-config ${libs_option[*]}"

# 6. Symbol visibility of the shared library (cmake/drslint.map): the C API and the public C++ API
# (include/drslint/), nothing of the internal namespaces and no RapidJSON or valijson code, which
# would interpose with a program's own copies. That every public function the CLI needs is
# exported, section 7 proves: its CLI links against this library.
if [ "$kind" = shared ]; then
  so=$libdir/libdrslint.so.$version
  exported=$(nm -D --defined-only "$so" | awk '{print $3}')
  grep -qx 'drslint_lint' <<<"$exported" || fail "drslint_lint is not exported"
  grep -q '^_ZNK7drslint6Linter4lint' <<<"$exported" || fail "drslint::Linter::lint is not exported"
  foreign=$(grep -vE '^drslint_|7drslint' <<<"$exported" | head -5 || true)
  [ -z "$foreign" ] || fail "symbols that are not drslint's are exported: $foreign"
  third_party=$(grep -E '^_Z(T[VIS])?N[KVr]*(9rapidjson|8valijson)' <<<"$exported" | head -5 || true)
  [ -z "$third_party" ] || fail "RapidJSON or valijson symbols are exported: $third_party"
  demangled=$(nm -DC --defined-only "$so" | cut -d' ' -f3-)
  internal=$(grep -E 'drslint::(core|parse|schema|rules|findings|input|report|embedded)::|drslint::Linter::Impl' \
             <<<"$demangled" | head -5 || true)
  [ -z "$internal" ] || fail "internal symbols are exported: $internal"
  # Thrown by the library, caught by programs: one typeinfo for both sides.
  for error in ConfigError InputError; do
    grep -qx "typeinfo for drslint::$error" <<<"$demangled" || fail "typeinfo for drslint::$error is not exported"
  done
  readelf -d "$so" | grep -q "SONAME.*\[libdrslint\.so\.${version%.*}\]" || fail "soname is not libdrslint.so.${version%.*}"
  echo "ok: shared library exports only drslint_* and the public C++ API; soname libdrslint.so.${version%.*}"
fi

# 7. The CLI as a program outside the tree builds it: tools/drslint/main.cpp with find_package(drslint)
# and the installed headers only. No build type: -O0 compiles CLI11 fastest, and the output must
# not depend on it anyway.
"$cmake" -S "$source_dir/tests/package/cli_consumer" -B "$work/cli-consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DDRSLINT_CLI_MAIN="$source_dir/tools/drslint/main.cpp" >"$work/cli-consumer.log" 2>&1 \
  || { cat "$work/cli-consumer.log"; fail "CLI consumer: configure"; }
"$cmake" --build "$work/cli-consumer" >>"$work/cli-consumer.log" 2>&1 || { cat "$work/cli-consumer.log"; fail "CLI consumer: build"; }
# Its compile line names the installed headers and none of the source or build tree's.
compile=$(grep '"command"' "$work/cli-consumer/compile_commands.json")
grep -qF -- "$prefix/include" <<<"$compile" || fail "the CLI consumer is not compiled with $prefix/include: $compile"
for tree_dir in "$source_dir/src" "$source_dir/include" "$build_dir/include" "$build_dir/generated"; do
  ! grep -qE -- "$(sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$tree_dir")([/ \"]|\$)" <<<"$compile" \
    || fail "the CLI consumer's compile line names $tree_dir: $compile"
done
consumer_cli=$work/cli-consumer/drslint_cli_consumer

# Inputs: a directory (bodies with mistakes, with warnings and clean, one in a subdirectory), an
# .http file whose body has two mistakes, and a JSON Lines batch with an invalid line.
inputs=$work/cli-inputs
mkdir -p "$inputs/bodies/nested"
cp "$source_dir"/examples/*.json "$inputs/bodies/"
cp "$bad" "$inputs/bodies/nested/again.json"
cat >"$inputs/request.http" <<'HTTP'
PUT /v5/{{project}}/jobs/{{job}}
Content-Type: application/json
X-Auth-Token: {{token}}

{"job": {"type": "speed_limit", "params": {"speed_limit": [{"begin": "22:00", "end": "23:30", "speed": 50}]}}}
HTTP
for body in "$good" "$bad" "$source_dir/examples/rename-with-warnings.json"; do tr -d '\n' <"$body"; echo; done >"$inputs/batch.jsonl"
echo '{"job": {"type": "name", "params": ' >>"$inputs/batch.jsonl"

# Runs both CLIs from $inputs (SARIF and JSON hold absolute paths based on the current directory)
# and requires the same exit code, EXPECTED, and byte-identical, non-empty standard output.
compare_clis() {
  local expected=$1; shift
  local installed_status consumer_status
  set +e
  (cd "$inputs" && env -u LD_LIBRARY_PATH "$prefix/bin/drslint" "$@" >"$work/cli-installed.out" 2>"$work/cli-installed.err")
  installed_status=$?
  (cd "$inputs" && "${run_env[@]}" "$consumer_cli" "$@" >"$work/cli-consumer.out" 2>"$work/cli-consumer.err")
  consumer_status=$?
  set -e
  [ "$installed_status" -eq "$expected" ] \
    || fail "installed drslint $* exited $installed_status, expected $expected: $(head -c 2000 "$work/cli-installed.err")"
  [ "$consumer_status" -eq "$installed_status" ] \
    || fail "CLI consumer $* exited $consumer_status, the installed drslint $installed_status: $(head -c 2000 "$work/cli-consumer.err")"
  [ -s "$work/cli-installed.out" ] || fail "installed drslint $* printed nothing"
  cmp -s "$work/cli-installed.out" "$work/cli-consumer.out" \
    || fail "CLI consumer $* prints otherwise than the installed drslint: $(diff "$work/cli-installed.out" "$work/cli-consumer.out" | head -20)"
}
for format in text json sarif github junit; do
  compare_clis 1 --format "$format" bodies
  compare_clis 1 --format "$format" request.http
  compare_clis 1 --format "$format" --jsonl batch.jsonl
done
compare_clis 0 rules
echo "ok: the CLI built against the installed package prints what the installed drslint prints ($kind)"

echo "package_test ($kind): all checks passed"
