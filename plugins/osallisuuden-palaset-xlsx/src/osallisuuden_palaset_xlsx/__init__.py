"""The ``xlsx`` export format (an Excel workbook of a practice, project or collection) and answer reader."""

from __future__ import annotations

from collections.abc import Callable

from osallisuuden_palaset import hookimpl
from osallisuuden_palaset.model.text import Text
from osallisuuden_palaset.output.exporting import KINDS, Exporter, ExportRequest
from osallisuuden_palaset_xlsx.responses import READER

__all__ = ["EXPORTER", "READER", "register_exporters", "register_response_readers", "render"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render(request: ExportRequest) -> bytes:
    """The workbook's bytes: the same request always gives the same bytes."""
    # Imported here so that listing plugins does not load openpyxl.
    from osallisuuden_palaset_xlsx.workbook import build_workbook, workbook_bytes

    return workbook_bytes(build_workbook(request))


EXPORTER = Exporter(
    name="xlsx",
    description=Text(
        fi="Excel-työkirja: kuvaus, palaset × osa-alueet ja periaatteet, apukysymykset, arviointiliite "
        "(ja kyselyn tulokset, kun vastaukset annetaan).",
        en="An Excel workbook: description, blocks × dimensions and principles, questions, evaluation "
        "(and the survey results when answers are given).",
        sv="En Excel-arbetsbok: beskrivning, byggstenar × delområden och principer, hjälpfrågor, bilaga "
        "(och enkätresultaten när svar ges).",
    ),
    suffix=".xlsx",
    media_type=MEDIA_TYPE,
    accepts=KINDS,
    render=render,
)


@hookimpl
def register_exporters(register: Callable[..., None]) -> None:
    """Register the ``xlsx`` format."""
    register(EXPORTER)


@hookimpl
def register_response_readers(register: Callable[..., None]) -> None:
    """Register the reader of survey answers in ``.xlsx`` workbooks."""
    register(READER)
