"""Practices × a framework's dimensions and principles: one coverage verdict in each cell."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from osallisuuden_palaset.assessing.coverage import practice_coverage
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.coerce import each, to_tuple
from osallisuuden_palaset.model.evaluation import ElementKind, Level, Verdict
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Text, text


@attrs.frozen
class MatrixColumn:
    """One dimension or principle, in framework order (each dimension before its principles)."""

    element: str
    kind: ElementKind
    name: Text = attrs.field(converter=text)
    #: The dimension a principle belongs to (a dimension's own id for a dimension).
    dimension: str


@attrs.frozen
class MatrixRow:
    """One practice and its verdict on every column, in the columns' order."""

    practice: str
    name: Text = attrs.field(converter=text)
    #: The id of the project the practice belongs to, when it has one.
    project: str | None
    verdicts: tuple[Verdict, ...] = attrs.field(converter=to_tuple, validator=each(Verdict))

    @property
    def levels(self) -> tuple[Level, ...]:
        """The cells' levels."""
        return tuple(v.level for v in self.verdicts)


@attrs.frozen
class CoverageMatrix:
    """Every practice on one framework against its dimensions and principles."""

    framework: str
    framework_name: Text = attrs.field(converter=text)
    columns: tuple[MatrixColumn, ...] = attrs.field(converter=to_tuple, validator=each(MatrixColumn))
    rows: tuple[MatrixRow, ...] = attrs.field(converter=to_tuple, validator=each(MatrixRow))

    def __attrs_post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows:
            if len(row.verdicts) != width:
                raise ValueError(
                    msg(
                        "row {practice} has {cells} cells for {columns} columns",
                        practice=repr(row.practice),
                        cells=len(row.verdicts),
                        columns=width,
                    )
                )

    def count(self, column: int, level: Level) -> int:
        """How many practices have ``level`` in the column at index ``column``."""
        return sum(1 for row in self.rows if row.verdicts[column].level is level)

    def best(self, column: int) -> Level:
        """The best level any practice reaches in the column (not claimed when there are no rows)."""
        levels = (row.verdicts[column].level for row in self.rows)
        return max(levels, key=lambda level: level.rank, default=Level.NOT_CLAIMED)

    @property
    def nobody_covers(self) -> tuple[MatrixColumn, ...]:
        """The principles no practice covers (touched, unsupported or unclaimed in every row)."""
        return tuple(
            c
            for i, c in enumerate(self.columns)
            if c.kind is ElementKind.PRINCIPLE and self.best(i) is not Level.COVERED
        )


def framework_columns(framework: Framework) -> tuple[MatrixColumn, ...]:
    """The framework's dimensions in order, each followed by its principles in order."""
    columns = []
    for dimension in framework.dimensions:
        columns.append(MatrixColumn(dimension.id, ElementKind.DIMENSION, dimension.name, dimension.id))
        columns += [
            MatrixColumn(p.id, ElementKind.PRINCIPLE, p.name, dimension.id)
            for p in framework.principles
            if p.dimension == dimension.id
        ]
    placed = {c.element for c in columns}
    columns += [
        MatrixColumn(p.id, ElementKind.PRINCIPLE, p.name, p.dimension)
        for p in framework.principles
        if p.id not in placed
    ]
    return tuple(columns)


def coverage_matrix(
    practices: Iterable[Practice],
    framework: Framework,
    context: Context,
    *,
    projects: Mapping[str, str] | None = None,
) -> CoverageMatrix:
    """The matrix of ``practices`` (in the order given) against ``framework``.

    Each cell is the practice's own verdict on the element, by the rules of
    ``assessing.coverage`` (a dimension counts its principles' claims too). ``projects`` maps a
    practice id to its project's id.
    """
    columns = framework_columns(framework)
    rows = []
    for practice in practices:
        coverage = practice_coverage(practice, framework, context)
        verdicts = {row.element: row.verdict for row in coverage.rows()}
        rows.append(
            MatrixRow(
                practice.id,
                practice.name,
                (projects or {}).get(practice.id),
                [verdicts[c.element] for c in columns],
            )
        )
    return CoverageMatrix(framework.id, framework.name, columns, rows)
