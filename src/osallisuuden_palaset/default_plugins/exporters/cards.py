"""The ``cards`` format: printable palanen cards, one A6 (or A5) card per step, HTML ready to print."""

from __future__ import annotations

from collections.abc import Callable

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.output.exporting import KINDS, Exporter, ExportOption, ExportRequest


def render(request: ExportRequest) -> bytes:
    """Every step of every practice as a card: name, what happens, who takes part and how, claims."""
    from osallisuuden_palaset.messages.labels import value_label
    from osallisuuden_palaset.model.evaluation import Level
    from osallisuuden_palaset.output.exporting import encoded
    from osallisuuden_palaset.output.templating import pieces

    return encoded(
        pieces(
            "cards.html.j2",
            request,
            card_size=request.option("size", "a6"),
            no_evidence=value_label(Level.UNSUPPORTED, request.lang),
        )
    )


EXPORTER = Exporter(
    name="cards",
    description=msg(
        "Printable cards, one per building block: what happens, who takes part, what it claims (HTML)."
    ),
    suffix=".cards.html",
    media_type="text/html; charset=utf-8",
    accepts=KINDS,
    render=render,
    options=(
        ExportOption(
            "size", msg("Card size when printed: a6 (default) or a5."), default="a6", choices=("a6", "a5")
        ),
    ),
)


@hookimpl
def register_exporters(register: Callable[..., None]) -> None:
    """Register the ``cards`` format."""
    register(EXPORTER)
