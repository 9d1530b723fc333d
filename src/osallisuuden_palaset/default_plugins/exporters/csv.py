"""The ``csv`` format: blocks × framework elements with the strength of each claim, spreadsheet-safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.output.exporting import Exporter, ExportOption, ExportRequest

if TYPE_CHECKING:  # the rest is imported when a table is made: registering the format stays cheap
    from osallisuuden_palaset.model.block import Block, Strength
    from osallisuuden_palaset.model.practice import Practice

_DELIMITERS = {",": ",", ";": ";", "tab": "\t"}


def element_columns(request: ExportRequest, practices: tuple[Practice, ...]) -> list[tuple[str, str]]:
    """(framework id, element id) for every column: each framework's elements in its own order."""
    used: dict[str, set[str]] = {}
    for p in practices:
        used.setdefault(p.framework, set())
        for block in _all_blocks(request, p):
            for m in block.mappings:
                used.setdefault(m.framework or p.framework, set()).add(m.target)
    columns: list[tuple[str, str]] = []
    for fid, targets in used.items():
        framework = request.framework(fid)
        known = framework.element_ids() if framework is not None else ()
        columns += [(fid, e) for e in known]
        columns += [(fid, e) for e in sorted(targets - set(known))]
    return columns


def _all_blocks(request: ExportRequest, practice: Practice) -> Iterator[Block]:
    from osallisuuden_palaset.model.resolving import resolved_steps

    for r in resolved_steps(practice, request.context):
        if r.block is not None:
            yield from r.block.walk()


def rows(request: ExportRequest) -> list[list[str]]:
    """The header and one row per block (parts and reused blocks too; included practices as one row)."""
    from osallisuuden_palaset.messages.labels import label, value_label
    from osallisuuden_palaset.model.resolving import resolved_steps
    from osallisuuden_palaset.output.reporting import practices_of

    lang = request.lang
    practices = practices_of(request.model)
    columns = element_columns(request, practices)
    header = [
        label(k, lang)
        for k in ("practice_id", "step_id", "block_id", "name", "kind", "reused_from", "included_practice")
    ] + [f"{fid}:{e}" for fid, e in columns]
    out = [header]
    for p in practices:
        for r in resolved_steps(p, request.context):
            reused = r.origin if r.kind == "reuse" else ""
            included = r.origin if r.kind == "include" else ""
            if r.block is None:
                out.append([p.id, r.id, "", r.name.get(lang), "", reused or "", included or ""])
                out[-1] += [""] * len(columns)
                continue
            for block in r.block.walk():
                strengths: dict[tuple[str, str], Strength] = {}
                for m in block.mappings:
                    key = (m.framework or p.framework, m.target)
                    if key not in strengths or m.strength.weight > strengths[key].weight:
                        strengths[key] = m.strength
                name = r.name if block is r.block else block.name
                row = [p.id, r.id, block.id, name.get(lang), value_label(block.kind, lang), reused or "", ""]
                row += [value_label(strengths[c], lang) if c in strengths else "" for c in columns]
                out.append(row)
    return out


def render(request: ExportRequest) -> bytes:
    """RFC 4180 CSV (CRLF line ends, quoting where needed), every cell guarded against formulas."""
    from osallisuuden_palaset.markup import guard_formula

    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer,
        delimiter=_DELIMITERS[request.option("delimiter", ",")],
        quoting=csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    for row in rows(request):
        writer.writerow([guard_formula(" ".join(cell.split()) if "\n" in cell else cell) for cell in row])
    bom = "\ufeff" if request.option("bom", "no") == "yes" else ""
    return (bom + buffer.getvalue()).encode("utf-8")


EXPORTER = Exporter(
    name="csv",
    description=msg("Blocks × framework dimensions and principles with the strength of each claim (CSV)."),
    suffix=".csv",
    media_type="text/csv; charset=utf-8",
    accepts=("practice", "project", "collection"),
    render=render,
    options=(
        ExportOption(
            "delimiter",
            msg("Field delimiter: ',' (default), ';' (Excel with Finnish settings) or 'tab'."),
            default=",",
            choices=tuple(_DELIMITERS),
        ),
        ExportOption(
            "bom",
            msg("'yes' adds a UTF-8 byte order mark so that Excel reads ä and ö right."),
            default="no",
            choices=("no", "yes"),
        ),
    ),
)


@hookimpl
def register_exporters(register: Callable[..., None]) -> None:
    """Register the ``csv`` format."""
    register(EXPORTER)
