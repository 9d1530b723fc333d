#!/usr/bin/env bash
# The main job: validate every example and write its reports, exports and diagrams into OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
OUT=${1:-out/examples}
# The survey answers under examples/kyselyt/ are invented (see its README.md); they give the
# reports of elava-portfolio a survey section, with two small groups suppressed.
.venv/bin/palaset build examples --output "$OUT" \
  --survey examples/kyselyt/elava-portfolio-alku.csv \
  --survey examples/kyselyt/elava-portfolio-seuranta.csv \
  --survey-practice elava-portfolio --survey-by ryhma
# The pictures in docs/diagrams.md, drawn from the examples.
.venv/bin/palaset --lang fi diagram examples --id elava-portfolio -o docs/images/diagrams/elava-portfolio.flow.svg
.venv/bin/palaset --lang fi diagram examples --id elava-portfolio --view framework \
  -o docs/images/diagrams/elava-portfolio.framework.svg
.venv/bin/palaset --lang fi diagram examples --id elava-portfolio --view change \
  -o docs/images/diagrams/elava-portfolio.change.svg
.venv/bin/palaset --lang fi diagram examples --view overview -o docs/images/diagrams
.venv/bin/palaset --lang fi diagram examples --view matrix -o docs/images/diagrams
# Screenshots of the dashboard, a practice report, the cards and each view, for docs/reports.md.
bash scripts/screenshots.sh "$OUT"
for script in examples/*.py; do
  .venv/bin/python "$script" --output "$OUT/scripts"
done
echo "examples: results in $OUT" >&2
