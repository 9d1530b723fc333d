#!/usr/bin/env bash
# The main job: validate every example and write its reports, exports and diagrams into OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
OUT=${1:-out/examples}
.venv/bin/palaset build examples --output "$OUT"
for script in examples/*.py; do
  .venv/bin/python "$script" --output "$OUT/scripts"
done
echo "examples: results in $OUT" >&2
