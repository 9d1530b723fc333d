"""The ``json`` format: the model file as JSON, lossless (it loads back to an equal model)."""

from __future__ import annotations

from collections.abc import Callable

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.output.exporting import KINDS, Exporter, ExportRequest, encoded


def render(request: ExportRequest) -> bytes:
    """The model as a JSON model file: ``{kind: data}``, fields in model order, UTF-8."""
    # Imported here so that registering the format does not load the YAML writer for every command.
    from osallisuuden_palaset.files.writing import json_parts

    return encoded(json_parts(request.model))


EXPORTER = Exporter(
    name="json",
    description=msg("The model file as JSON; loads back to an equal model."),
    suffix=".json",
    media_type="application/json",
    accepts=KINDS,
    render=render,
)


@hookimpl
def register_exporters(register: Callable[..., None]) -> None:
    """Register the ``json`` format."""
    register(EXPORTER)
