"""The workbook is built in time linear in its rows: no step rescans the sheet it writes."""

from __future__ import annotations

import attrs
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from osallisuuden_palaset_xlsx import EXPORTER

from osallisuuden_palaset import Block, Collection, Mapping, Practice, Strength
from osallisuuden_palaset.output.exporting import export

#: Worksheet members that visit every cell of the sheet (openpyxl computes them by a scan).
SCANS = ("max_row", "max_column", "min_row", "min_column", "dimensions")


def collection(practices: int) -> Collection:
    steps = [
        Block(id=f"b{i}", name=f"Vaihe {i}", mappings=[Mapping(f"p{i % 9 + 1}", Strength.MODERATE)])
        for i in range(8)
    ]
    model = Practice(id="malli", name="Malli", steps=steps)
    return Collection(
        id="kokonaisuus",
        name="Kokonaisuus",
        practices=[attrs.evolve(model, id=f"malli-{n}") for n in range(practices)],
    )


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each time building the workbook asks a sheet for something found by a full scan."""
    seen: list[str] = []
    for name in SCANS:
        original = getattr(Worksheet, name)

        def counted(self: Worksheet, _original: property = original, _name: str = name) -> object:
            seen.append(_name)
            return _original.fget(self)  # type: ignore[misc]

        monkeypatch.setattr(Worksheet, name, property(counted))
    return seen


def test_the_workbook_never_rescans_a_sheet_per_row(scans: list[str]) -> None:
    # Saving computes each sheet's dimensions once; building rows must add no scans per row
    # (asking max_row per appended row made 200 practices take 125 s).
    export(EXPORTER, collection(5))
    small = len(scans)
    scans.clear()
    export(EXPORTER, collection(40))
    assert len(scans) == small, f"{len(scans) - small} more full-sheet scans for 8x the practices"
