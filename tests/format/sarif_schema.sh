#!/bin/sh
# Runs check_sarif.js with node; reports SKIPPED (ctest's skip code 77) when node is not installed.
#   sh tests/format/sarif_schema.sh <drslint> <sarif-schema-2.1.0.json> <node_modules-dir>
if ! command -v node >/dev/null 2>&1; then
  echo "SKIPPED: node is not installed, so drslint's SARIF output was not validated against the SARIF schema"
  exit 77
fi
exec node "$(dirname "$0")/check_sarif.js" "$@"
