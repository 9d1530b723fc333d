#!/usr/bin/env bash
# Screenshots of a build's pages for docs/reports.md, taken with headless Chromium (skipped, with a
# line saying so, where Chromium is missing). Usage: bash scripts/screenshots.sh BUILD_FOLDER
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$(cd "$1" && pwd)
BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then
  echo "screenshots: Chromium is missing, docs/images/screens/ left as it is" >&2
  exit 0
fi
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
shot() {  # shot PAGE WIDTH HEIGHT NAME
  "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$PROFILE" --hide-scrollbars --window-size="$2,$3" \
    --screenshot="docs/images/screens/$4.png" "file://$BUILD/$1" >/dev/null 2>&1
}
shot index.html 1280 1400 dashboard
shot html/elava-portfolio.html 1280 1400 practice-report
shot html/elava-portfolio.html 500 1400 practice-report-phone
shot cards/elava-portfolio.cards.html 1280 1000 cards
for view in flow framework change; do
  shot "diagrams/elava-portfolio.$view.svg" 1280 1400 "view-$view"
done
shot diagrams/osallisuuden-palaset-esimerkit.matrix.svg 1280 900 view-matrix
shot diagrams/osallisuuden-palaset-esimerkit.overview.svg 1280 1400 view-overview
echo "screenshots: docs/images/screens/" >&2
