#!/usr/bin/env bash
# The whole test suite: lint, types, the core's tests and every plugin package's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests plugins examples benchmarks
.venv/bin/ruff format --check src tests plugins examples benchmarks
.venv/bin/mypy
for plugin in plugins/*/; do
  .venv/bin/mypy --strict "$plugin/src" "$plugin/tests"
done
.venv/bin/python -m pytest "$@"
