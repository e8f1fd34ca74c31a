#!/usr/bin/env bash
# A real client: headless Neovim (Debian's neovim package) opens a bad body with `drslint lsp` as
# its language server, gets the diagnostics (rule ids and lines checked), applies "fix all" and
# the buffer is checked. SKIPPED (77) without nvim.
#   nvim_test.sh DRSLINT SOURCE_DIR
set -uo pipefail
drslint=$(realpath "$1") source_dir=$2
if ! command -v nvim >/dev/null; then
  echo "SKIPPED: nvim is not installed (tools/setup.sh installs Debian's neovim)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_STATE_HOME=$tmp/state XDG_CACHE_HOME=$tmp/cache
printf '%s\n' '{' '  "job": {' '    "type": "re_create",' '    "params": {' '      "job_id": 5,' '      "colour": 1' '    }' '  }' '}' > "$tmp/body.json"
DRSLINT=$drslint BODY=$tmp/body.json OUT=$tmp/out timeout 60 nvim --headless --clean -n \
  -c "luafile $source_dir/tests/lsp/nvim_client.lua" >/dev/null 2>"$tmp/stderr"
status=$?
expected='diagnostic type-mismatch 5
diagnostic unknown-member 6
applied drslint: fix all safe fixes
buffer {
buffer   "job": {
buffer     "type": "re_create",
buffer     "params": {
buffer       "job_id": "5",
buffer       "colour": 1
buffer     }
buffer   }
buffer }
status ok'
actual=$(cat "$tmp/out" 2>/dev/null)
if [[ $actual != "$expected" ]]; then
  echo "FAIL: nvim exited $status; got:"
  echo "$actual"
  cat "$tmp/stderr"
  exit 1
fi
echo "nvim_test: diagnostics and fix all through Neovim's LSP client"
