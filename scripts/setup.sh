#!/usr/bin/env bash
# Set up a working environment in .venv: Graphviz and Chromium (when missing and we may install them),
# the package with its test tools, and every plugin package under plugins/.
set -euo pipefail
cd "$(dirname "$0")/.."

# install PACKAGE HINT PROGRAM...: apt-get install PACKAGE when none of the PROGRAMs is on PATH
# (as root, where apt-get exists), else print HINT.
install() {
  local package=$1 hint=$2
  shift 2
  for program in "$@"; do
    command -v "$program" >/dev/null 2>&1 && return 0
  done
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing $package (apt-get install $package)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    echo "setup: $hint" >&2
  fi
}
install graphviz "Graphviz 'dot' is missing; install it (Debian/Ubuntu: sudo apt-get install graphviz,\
 macOS: brew install graphviz, Windows: winget install graphviz). Diagrams other than .gv need it." dot
# Chromium runs the browser tests (tests/browser): reports at phone and desktop widths, printed to A4.
install chromium "Chromium is missing; the browser tests are skipped (Debian/Ubuntu: sudo apt-get install\
 chromium). In CI (CI=true) they fail instead." chromium chromium-browser

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
