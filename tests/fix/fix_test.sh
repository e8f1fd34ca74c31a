#!/usr/bin/env bash
# Golden tests of --fix and --diff, one case per kind of fix (tests/fix/cases/NAME/): `input.*` is
# the file, `args` extra options (--unsafe-fixes), `expected.diff` what --diff prints, `fixed.*`
# what --fix writes. For each case: --diff prints exactly the golden diff and exits 1; `patch`
# applies it to give exactly the fixed file; --fix writes exactly that, keeps the file's mode, and
# a second --fix changes nothing (and --diff then prints nothing, exit 0).
#   fix_test.sh DRSLINT CASES_DIR [--update]
set -uo pipefail
drslint=$(realpath "$1")
cases=$(realpath "$2")
update=${3:-}
failures=0
fail() { echo "FAIL $case: $*"; failures=$((failures + 1)); }

for dir in "$cases"/*/; do
  case=$(basename "$dir")
  input=$(cd "$dir" && ls input.*)
  ext=${input##*.}
  args=()
  [[ -f $dir/args ]] && read -r -a args < "$dir/args"
  work=$(mktemp -d)
  cp "$dir/$input" "$work/$input"
  chmod 640 "$work/$input"

  diff_out=$(cd "$work" && "$drslint" "${args[@]}" --diff "$input"; echo "exit $?")
  if [[ $update == --update ]]; then
    (cd "$work" && "$drslint" "${args[@]}" --diff "$input" > "$dir/expected.diff")
  fi
  [[ $diff_out == "$(cat "$dir/expected.diff")"$'\n'"exit 1" ]] || fail "--diff differs from expected.diff: $diff_out"
  cmp -s "$work/$input" "$dir/$input" || fail "--diff changed the file"

  cp "$dir/$input" "$work/patched"
  (cd "$work" && patch --quiet --no-backup-if-mismatch patched < "$dir/expected.diff") || fail "patch refused the diff"

  (cd "$work" && "$drslint" "${args[@]}" --fix "$input" > /dev/null 2>&1)
  status=$?
  ((status == 0 || status == 1)) || fail "--fix exited $status"
  if [[ $update == --update ]]; then cp "$work/$input" "$dir/fixed.$ext"; fi
  cmp -s "$work/$input" "$dir/fixed.$ext" || fail "--fix did not write fixed.$ext"
  cmp -s "$work/patched" "$dir/fixed.$ext" || fail "patch with the diff does not give fixed.$ext"
  [[ $(stat -c %a "$work/$input") == 640 ]] || fail "--fix changed the file's mode"

  cp "$work/$input" "$work/once"
  (cd "$work" && "$drslint" "${args[@]}" --fix "$input" > /dev/null 2>&1)
  cmp -s "$work/$input" "$work/once" || fail "a second --fix changed the file"
  again=$(cd "$work" && "$drslint" "${args[@]}" --diff "$input"; echo "exit $?")
  [[ $again == "exit 0" ]] || fail "--diff after --fix is not empty with exit 0: $again"
  rm -rf "$work"
done

count=$(ls -d "$cases"/*/ | wc -l)
if ((failures)); then
  echo "$failures failure(s) in $count cases"
  exit 1
fi
echo "all $count fix cases pass"
