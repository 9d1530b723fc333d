"""The ``yaml`` format: the model file as YAML 1.2, lossless (it loads back to an equal model)."""

from __future__ import annotations

from collections.abc import Callable

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.output.exporting import KINDS, Exporter, ExportRequest


def render(request: ExportRequest) -> bytes:
    """The model as a YAML model file: ``{kind: data}``, fields in model order, UTF-8."""
    # Imported here so that registering the format does not load the YAML writer for every command.
    from osallisuuden_palaset.files.writing import dump_yaml

    return dump_yaml(request.model).encode("utf-8")


EXPORTER = Exporter(
    name="yaml",
    description=msg("The model file as YAML; loads back to an equal model."),
    suffix=".yaml",
    media_type="application/yaml",
    accepts=KINDS,
    render=render,
)


@hookimpl
def register_exporters(register: Callable[..., None]) -> None:
    """Register the ``yaml`` format."""
    register(EXPORTER)
