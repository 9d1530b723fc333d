#!/usr/bin/env bash
# Set up a working environment in .venv: Graphviz and Chromium (when missing and we may install them),
# the package with its test tools, and every plugin package under plugins/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dot >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Graphviz (apt-get install graphviz)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  else
    echo "setup: Graphviz 'dot' is missing; install it (Debian/Ubuntu: sudo apt-get install graphviz," \
         "macOS: brew install graphviz, Windows: winget install graphviz). Diagrams other than .gv need it." >&2
  fi
fi

# Chromium runs the browser tests (tests/browser): reports at phone and desktop widths, printed to A4.
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Chromium (apt-get install chromium)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: Chromium is missing; the browser tests are skipped (Debian/Ubuntu: sudo apt-get install" \
         "chromium). In CI (CI=true) they fail instead." >&2
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test,bench]'
for plugin in plugins/*/; do
  [ -f "$plugin/pyproject.toml" ] && .venv/bin/python -m pip install -q -e "$plugin[test]"
done
echo "setup: ready (.venv)" >&2
