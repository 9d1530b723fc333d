"""The ``yaml`` format: the model file as YAML 1.2, lossless (it loads back to an equal model)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import SafeRepresenter

from osallisuuden_palaset.converting import to_document
from osallisuuden_palaset.exporting import KINDS, Exporter, ExportRequest
from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.model.text import Text


class _Representer(SafeRepresenter):
    """Multi-line strings as literal blocks (``|``), which read and diff well."""


#: Words YAML 1.1 readers take for booleans or null: quoted, so every reader sees a string.
_YAML11_SPECIAL = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})


def _represent_str(representer: SafeRepresenter, value: str) -> Any:
    style: str | None = None
    if "\n" in value.strip("\n"):
        style = "|"
    elif value.lower() in _YAML11_SPECIAL:
        style = "'"
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Representer.add_representer(str, _represent_str)


def render(request: ExportRequest) -> bytes:
    """The model as a YAML model file: ``{kind: data}``, fields in model order, UTF-8."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Representer = _Representer
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    out = io.StringIO()
    yaml.dump(to_document(request.model), out)
    return out.getvalue().encode("utf-8")


EXPORTER = Exporter(
    name="yaml",
    description=Text(
        fi="Mallitiedosto YAML-muodossa; latautuu takaisin samaksi malliksi.",
        en="The model file as YAML; loads back to an equal model.",
        sv="Modellfilen som YAML; läses in till en likadan modell.",
    ),
    suffix=".yaml",
    media_type="application/yaml",
    accepts=KINDS,
    render=render,
)


@hookimpl
def register_exporters(register: Callable[..., None]) -> None:
    """Register the ``yaml`` format."""
    register(EXPORTER)
