#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) run by the real pre-commit, the way a user's
# repository runs it: `pre-commit try-repo HOOK_REPO drslint --files ...` in a throw-away git
# repository, with the drslint under test first on PATH.
#   precommit_test.sh DRSLINT_BINARY SOURCE_DIR
#
# try-repo on a local path uses the path's *committed* HEAD plus changes to tracked files, so an
# uncommitted or untracked .pre-commit-hooks.yaml (or a source tree that is no git checkout) would
# not be what is tested. The hook repository is therefore a fresh git repository holding a copy of
# this tree's .pre-commit-hooks.yaml: the manifest tested is exactly the one in the working tree.
set -euo pipefail
drslint=$1 source_dir=$2

if ! command -v pre-commit >/dev/null; then
  echo "SKIPPED: pre-commit is not installed (tools/setup.sh installs Debian's pre-commit)"
  exit 77
fi

fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# pre-commit keeps a cache and git reads user configuration: keep both inside $tmp.
export HOME=$tmp/home XDG_CACHE_HOME=$tmp/cache PRE_COMMIT_HOME=$tmp/pre-commit
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir -p "$HOME"
drslint_dir=$(cd "$(dirname "$drslint")" && pwd)
export PATH="$drslint_dir:$PATH"
[ "$(command -v drslint)" -ef "$drslint" ] || fail "the drslint under test is not the first on PATH"

hooks=$tmp/hooks
git init -q "$hooks"
cp "$source_dir/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m hooks

user=$tmp/user
git init -q "$user"
mkdir -p "$user/drs" "$user/config"
cp "$source_dir/examples/speed-limit-with-mistakes.json" "$user/drs/bad.json"
cp "$source_dir/examples/rename-task.json" "$user/drs/good.json"
cp "$source_dir/examples/speed-limit-with-mistakes.json" "$user/config/speed.drs.json"
echo '{"name": "not-a-request-body", "version": "1.0.0"}' >"$user/package.json"
git -C "$user" add -A
before=$(cd "$user" && sha256sum drs/*.json config/*.json package.json)
cd "$user"

try_hook() {
  set +e
  out=$(pre-commit try-repo "$hooks" drslint --verbose "$@" 2>&1)
  status=$?
  set -e
}

# A body with errors blocks the commit, and the finding is printed.
try_hook --files drs/bad.json
[ "$status" -ne 0 ] || fail "the hook passed drs/bad.json; output: $out"
grep -q "drs/bad.json.*\[string-format\]" <<<"$out" \
  || fail "the finding is not in the output: $out"
grep -q "drslint (DRS update-task request bodies).*Failed" <<<"$out" || fail "no 'Failed' line: $out"
echo "ok: a body with errors fails the hook, finding printed"

# A clean body passes.
try_hook --files drs/good.json
[ "$status" -eq 0 ] || fail "the hook failed drs/good.json; output: $out"
grep -q "drslint (DRS update-task request bodies).*Passed" <<<"$out" || fail "no 'Passed' line: $out"
echo "ok: a clean body passes"

# The default files: pattern picks *.drs.json outside drs/ and leaves other JSON alone.
try_hook --files config/speed.drs.json
[ "$status" -ne 0 ] && grep -q "config/speed.drs.json.*\[string-format\]" <<<"$out" \
  || fail "config/speed.drs.json was not linted; output: $out"
try_hook --files package.json
[ "$status" -eq 0 ] && grep -q "drslint (DRS update-task request bodies).*Skipped" <<<"$out" \
  || fail "package.json should be skipped by the default files: pattern; output: $out"
echo "ok: the default files: pattern selects drs/ and *.drs.json only"

# --all-files sees every file; only the two bad bodies fail.
try_hook --all-files
[ "$status" -ne 0 ] || fail "--all-files passed; output: $out"
grep -q "drs/bad.json.*\[string-format\]" <<<"$out" && grep -q "config/speed.drs.json.*\[string-format\]" <<<"$out" \
  || fail "--all-files did not report both bad bodies: $out"
! grep -q "package.json" <<<"$out" || fail "--all-files linted package.json: $out"
echo "ok: --all-files"

# The hook never changes a file.
[ "$(sha256sum drs/*.json config/*.json package.json)" = "$before" ] || fail "the hook modified files"
echo "ok: no file modified"

# drslint-fix applies the safe fix (speed 50 -> "50") in place and fails, because it changed a file;
# the error it cannot fix is still reported. Run again, it changes nothing.
try_fix() {
  set +e
  out=$(pre-commit try-repo "$hooks" drslint-fix --verbose "$@" 2>&1)
  status=$?
  set -e
}
try_fix --files drs/bad.json
[ "$status" -ne 0 ] || fail "drslint-fix passed a file it changed; output: $out"
grep -q '"speed": "50"' drs/bad.json || fail "drslint-fix did not fix drs/bad.json: $(cat drs/bad.json)"
grep -q "files were modified by this hook" <<<"$out" || fail "pre-commit did not see the change: $out"
fixed=$(sha256sum drs/bad.json)
try_fix --files drs/bad.json
[ "$(sha256sum drs/bad.json)" = "$fixed" ] || fail "a second drslint-fix changed drs/bad.json"
grep -q "drs/bad.json.*\[string-format\]" <<<"$out" || fail "what --fix leaves is not reported: $out"
echo "ok: drslint-fix fixes in place, fails when it changed a file, and changes nothing the second time"

# A clean body passes drslint-fix untouched.
try_fix --files drs/good.json
[ "$status" -eq 0 ] || fail "drslint-fix failed drs/good.json; output: $out"
echo "ok: drslint-fix passes a clean body"
echo "precommit_test: all checks passed"
