#!/usr/bin/env bash
# drslint against ajv and against the JSON parse floor, side by side, in one run on one machine
# (issue 7). From a fresh clone:
#
#   bash tools/bench/compare.sh
#
# It builds drslint_bench and the CLI into build/bench (Release, -DDRSLINT_BENCH=ON), installs
# ajv with npm when build/node_modules lacks it, and prints the comparison (also saved as
# build/bench/results/summary.txt). Figures are ratios between engines measured in the same run;
# absolute times on a shared machine are only indicative.
#
# Environment knobs:
#   BUILD_DIR=build/bench     build folder
#   BENCH_MIN_TIME=0.1        seconds per Google Benchmark repetition
#   BENCH_REPETITIONS=5       repetitions, randomly interleaved; the fastest is used (the least
#                             disturbed by other load on the machine)
#   BENCH_FILTER=.            regex over benchmark names (e.g. 'valid-db_object$')
#   FINDING_REPETITIONS=15    repetitions of finding_cost (a finding's cost, in µs), run apart
#   BATCH_LINES=200000        bodies in each JSON Lines batch (drslint --jsonl, the library, node):
#                             mixed.jsonl (about 30% invalid) and valid.jsonl
#   PAIR_RUNS=5               runs of each CLI format on one thread and on all cores, taken by turns
#   STARTUP_RUNS=50           runs of `drslint examples/rename-task.json`, and of the process floor
#                             (tests/bench/process_floor.cpp), twice each
#   DRSLINT_COMMIT            label for the measured tree (default: git rev-parse --short HEAD)
#   LINT_INSTRUCTIONS_BEFORE  instructions per typical-body lint to stay at or below (callgrind;
#                             default 42551, measured at 4e1ac61 the same way)
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD_DIR=${BUILD_DIR:-build/bench}
BENCH_MIN_TIME=${BENCH_MIN_TIME:-0.1}
BENCH_REPETITIONS=${BENCH_REPETITIONS:-5}
BENCH_FILTER=${BENCH_FILTER:-.}
FINDING_REPETITIONS=${FINDING_REPETITIONS:-15}
BATCH_LINES=${BATCH_LINES:-200000}
STARTUP_RUNS=${STARTUP_RUNS:-50}
RESULTS="$BUILD_DIR/results"
DATA="$BUILD_DIR/data"

say() { printf '== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- dependencies and build
bash tools/setup.sh --no-build >&2
if ! dpkg-query -W -f='${Status}' libbenchmark-dev 2>/dev/null | grep -q "install ok installed"; then
  say "installing libbenchmark-dev (Google Benchmark)"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends libbenchmark-dev >/dev/null
fi
say "building drslint_bench and drslint in $BUILD_DIR"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DDRSLINT_BENCH=ON -DDRSLINT_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD_DIR" -j2 --target drslint_bench drslint_cli drslint_process_floor >/dev/null
BENCH="$BUILD_DIR/tests/bench/drslint_bench"
CLI="$BUILD_DIR/drslint"
FLOOR="$BUILD_DIR/tests/bench/drslint_process_floor"

NODE_MODULES=""
if command -v node >/dev/null; then
  if [ -f build/node_modules/ajv/package.json ]; then
    NODE_MODULES=build/node_modules
  elif [ -f "$BUILD_DIR/node_modules/ajv/package.json" ]; then
    NODE_MODULES="$BUILD_DIR/node_modules"
  elif command -v npm >/dev/null; then
    say "installing ajv 8 into $BUILD_DIR/node_modules"
    npm install --prefix "$BUILD_DIR" --no-audit --no-fund --silent ajv@8 >/dev/null
    NODE_MODULES="$BUILD_DIR/node_modules"
  fi
fi
[ -n "$NODE_MODULES" ] || say "node or ajv unavailable: the ajv columns stay empty"

rm -rf "$RESULTS" "$DATA"
mkdir -p "$RESULTS" "$DATA"

# ---------------------------------------------------------------- inputs
# The large body and the batch come from drslint_bench's generator, so both engines read the same
# bytes and nothing large is committed.
"$BENCH" --emit "$DATA" --lines "$BATCH_LINES" >&2
BODIES=(tests/bench/corpus/*.json "$DATA"/valid-db_object-large.json)

# ---------------------------------------------------------------- per-document, in process
say "drslint_bench (Google Benchmark, $BENCH_REPETITIONS x ${BENCH_MIN_TIME}s per benchmark)"
"$BENCH" --benchmark_filter="$BENCH_FILTER" --benchmark_min_time="$BENCH_MIN_TIME" \
  --benchmark_repetitions="$BENCH_REPETITIONS" --benchmark_display_aggregates_only=true \
  --benchmark_enable_random_interleaving=true \
  --benchmark_out="$RESULTS/drslint.json" --benchmark_out_format=json >"$RESULTS/drslint.txt"
# A finding's cost is an absolute time, not a ratio between engines: its pairs get more
# repetitions (the fastest is used), since a shared machine has slow spells a whole repetition long.
say "drslint_bench finding_cost ($FINDING_REPETITIONS x ${BENCH_MIN_TIME}s per body)"
"$BENCH" --benchmark_filter='^finding_cost/' --benchmark_min_time="$BENCH_MIN_TIME" \
  --benchmark_repetitions="$FINDING_REPETITIONS" --benchmark_display_aggregates_only=true \
  --benchmark_enable_random_interleaving=true \
  --benchmark_out="$RESULTS/finding_cost.json" --benchmark_out_format=json >"$RESULTS/finding_cost.txt"
if [ -n "$NODE_MODULES" ]; then
  say "ajv per-document timing"
  node tools/bench/ajv_bench.js "$NODE_MODULES" schemas per-doc "${BODIES[@]}" >"$RESULTS/ajv.json"
fi

# ---------------------------------------------------------------- instructions per lint
# The typical body's Linter::lint in instructions (callgrind counts them exactly, whatever else
# the machine runs): 201 lints minus 101, per lint, so that work done once (a pattern's
# automaton built on first use) is left out as it is in a batch.
LINT_INSTRUCTIONS_BEFORE=${LINT_INSTRUCTIONS_BEFORE:-42551}  # at 4e1ac61 (this method), issue 17's reference
lint_instructions=null
if command -v valgrind >/dev/null; then
  say "callgrind: instructions per lint of the typical body"
  lint_ir() {
    valgrind --tool=callgrind --callgrind-out-file="$RESULTS/callgrind.out" --collect-atstart=no \
      --toggle-collect='drslint::Linter::lint(std::basic_string_view<char, std::char_traits<char> >) const' \
      "$BENCH" --lint tests/bench/corpus/valid-db_object.json --repeat "$1" >/dev/null 2>"$RESULTS/callgrind.log"
    awk '/^summary:/ { print $2; exit }' "$RESULTS/callgrind.out"
  }
  ir_101=$(lint_ir 101)
  ir_201=$(lint_ir 201)
  lint_instructions=$(( (ir_201 - ir_101) / 100 ))
  rm -f "$RESULTS/callgrind.out"
fi

# ---------------------------------------------------------------- whole processes
now_ns() { date +%s%N; }
# Wall time (ms) of one run of a command, its output to $1; the rest of the arguments are the command.
# Exit code 1 only says that some body has errors (drslint's contract); 2 and up is a failure.
run_ms() {
  local out=$1 start end
  shift
  start=$(now_ns)
  "$@" >"$out" || [ $? -eq 1 ] || { echo "compare.sh: $* failed" >&2; exit 2; }
  end=$(now_ns)
  echo $(( (end - start) / 1000000 ))
}
# Wall time (ms) of the fastest of three runs of a command; the end of its output goes to stderr.
# Its output of the last run stays in $OUT (default $RESULTS/last.out).
process_ms() {
  local times=() out=${OUT:-$RESULTS/last.out}
  for _ in 1 2 3; do times+=($(run_ms "$out" "$@")); done
  tail -n 1 "$out" | tail -c 200 >&2  # the CLI's JSON is one line: its summary is at the end
  printf '%s\n' "${times[@]}" | sort -n | head -n 1
}
# The fastest of PAIR_RUNS runs each of two commands, run by turns (one, the other, one, ...), so
# that a slow spell of a shared machine falls on both sides of their ratio rather than on one
# side's three runs. Arguments: OUT_A OUT_B ARGS_A... -- ARGS_B...; prints "MS_A MS_B".
PAIR_RUNS=${PAIR_RUNS:-5}
pair_ms() {
  local out_a=$1 out_b=$2 a=() b=() times_a=() times_b=()
  shift 2
  while [ "$1" != -- ]; do a+=("$1"); shift; done
  shift
  b=("$@")
  for _ in $(seq "$PAIR_RUNS"); do
    times_a+=($(run_ms "$out_a" "${a[@]}"))
    times_b+=($(run_ms "$out_b" "${b[@]}"))
  done
  echo "$(printf '%s\n' "${times_a[@]}" | sort -n | head -n 1) $(printf '%s\n' "${times_b[@]}" | sort -n | head -n 1)"
}
MIXED="$DATA/mixed.jsonl"
VALID="$DATA/valid.jsonl"
JOBS=$(nproc)
say "batches: $BATCH_LINES bodies each, whole process, fastest of 3 (one thread and all cores: of $PAIR_RUNS by turns)"
# The CLI (`drslint --jsonl`, output to a file) in every format on one thread and on all cores,
# whose outputs must be the same bytes; and always the library alone, drslint_bench --jsonl:
# drslint::lint_jsonl with nothing printed, without and with the valijson cross-check. One thread
# is the like-for-like comparison with node; all cores is what a batch gets.
batch_cli=null
batch_cli_all=null
batch_valid_cli=null
formats_json="{}"
if "$CLI" --help 2>&1 | grep -q -- '--jsonl'; then
  formats_json=""
  for format in json text jsonl github sarif junit; do
    read -r one all < <(pair_ms "$RESULTS/$format.1.out" "$RESULTS/$format.all.out" \
      "$CLI" --jsonl --jobs 1 --format "$format" "$MIXED" -- "$CLI" --jsonl --jobs "$JOBS" --format "$format" "$MIXED")
    same=false
    cmp -s "$RESULTS/$format.1.out" "$RESULTS/$format.all.out" && same=true
    bytes=$(wc -c <"$RESULTS/$format.1.out")
    rm -f "$RESULTS/$format.1.out" "$RESULTS/$format.all.out"
    formats_json="$formats_json${formats_json:+, }\"$format\": {\"one\": $one, \"all\": $all, \"identical\": $same, \"bytes\": $bytes}"
    if [ "$format" = json ]; then batch_cli=$one; batch_cli_all=$all; fi
  done
  formats_json="{$formats_json}"
  batch_valid_cli=$(process_ms "$CLI" --jsonl --jobs 1 --format json "$VALID")
fi
batch_lint=$(process_ms "$BENCH" --jsonl "$MIXED")
batch_checked=$(process_ms "$BENCH" --jsonl "$MIXED" --cross-check)
batch_lint_all=$(process_ms "$BENCH" --jsonl "$MIXED" --jobs "$JOBS")
batch_checked_all=$(process_ms "$BENCH" --jsonl "$MIXED" --jobs "$JOBS" --cross-check)
batch_ajv=null
batch_valid_ajv=null
if [ -n "$NODE_MODULES" ]; then
  batch_ajv=$(process_ms node tools/bench/ajv_bench.js "$NODE_MODULES" schemas jsonl "$MIXED")
  batch_valid_ajv=$(process_ms node tools/bench/ajv_bench.js "$NODE_MODULES" schemas jsonl "$VALID")
fi

say "start-up: drslint examples/rename-task.json and the process floor, $STARTUP_RUNS runs each"
# Mean wall time (ms) of $STARTUP_RUNS runs of a command, after one unmeasured run.
startup_of() {
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --warmup 3 --runs "$STARTUP_RUNS" --export-json "$RESULTS/hyperfine.json" "$*" >&2
    node -e 'console.log((require(process.argv[1]).results[0].mean * 1000).toFixed(2))' "$(pwd)/$RESULTS/hyperfine.json"
  else
    "$@" >/dev/null
    local start end
    start=$(now_ns)
    for _ in $(seq "$STARTUP_RUNS"); do "$@" >/dev/null; done
    end=$(now_ns)
    awk -v ns=$((end - start)) -v n="$STARTUP_RUNS" 'BEGIN { printf "%.2f", ns / n / 1e6 }'
  fi
}
startup_tool="bash loop"
command -v hyperfine >/dev/null && startup_tool=hyperfine
# Interleaved, drslint and the floor twice each, the lower of each pair: load that comes and goes
# falls on both.
floor_a=$(startup_of "$FLOOR")
startup_a=$(startup_of "$CLI" examples/rename-task.json)
floor_b=$(startup_of "$FLOOR")
startup_b=$(startup_of "$CLI" examples/rename-task.json)
floor_ms=$(awk -v a="$floor_a" -v b="$floor_b" 'BEGIN { printf "%.2f", a < b ? a : b }')
startup_ms=$(awk -v a="$startup_a" -v b="$startup_b" 'BEGIN { printf "%.2f", a < b ? a : b }')

# DRSLINT_COMMIT names the tree when it is not a git checkout of its own (e.g. a `git archive` export).
commit=${DRSLINT_COMMIT:-}
if [ -z "$commit" ]; then
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  [ -z "$(git status --porcelain 2>/dev/null)" ] || commit="$commit+uncommitted"
fi
cat >"$RESULTS/run.json" <<EOF
{"commit": "$commit", "nproc": $(nproc), "cpu": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')",
 "load": "$(cut -d' ' -f1-3 /proc/loadavg)", "batch_lines": $BATCH_LINES, "pair_runs": $PAIR_RUNS,
 "batch_ms": {"cli": $batch_cli, "cli_all_cores": $batch_cli_all,
              "lint": $batch_lint, "lint_cross_check": $batch_checked, "lint_all_cores": $batch_lint_all,
              "lint_cross_check_all_cores": $batch_checked_all, "ajv": $batch_ajv,
              "valid_cli": $batch_valid_cli, "valid_ajv": $batch_valid_ajv},
 "formats_ms": $formats_json,
 "lint_instructions": {"typical": $lint_instructions, "before": $LINT_INSTRUCTIONS_BEFORE},
 "startup": {"runs": $STARTUP_RUNS, "tool": "$startup_tool", "mean_ms": $startup_ms, "floor_ms": $floor_ms}}
EOF

if command -v node >/dev/null; then
  node tools/bench/report.js "$RESULTS" | tee "$RESULTS/summary.txt"
else
  cat "$RESULTS/drslint.txt" "$RESULTS/run.json" | tee "$RESULTS/summary.txt"
fi
