"""Write model objects as YAML 1.2 or JSON model files that load back equal."""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import Reader
from ruamel.yaml.representer import SafeRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.serializer import Serializer
from ruamel.yaml.tag import Tag

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.files.atomicfile import write_atomic
from osallisuuden_palaset.files.converting import Model, to_document
from osallisuuden_palaset.messages.catalogue import msg

_STR = "tag:yaml.org,2002:str"
#: Characters that a YAML reader may turn into line breaks or drop unless they are escaped.
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_YAML_11 = VersionedResolver(version=(1, 1))


def _looks_like_yaml_11_value(value: str) -> bool:
    """Whether a YAML 1.1 reader (PyYAML and others) would read ``value`` as something else."""
    tag = _YAML_11.resolve(ScalarNode, value, (True, False))
    return str(tag) != _STR


def _represent_str(representer: SafeRepresenter, value: str) -> ScalarNode:
    style: str | None = None
    if _NEEDS_ESCAPE.search(value) or "\r" in value:
        style = '"'
    elif "\n" in value:
        # A literal block where the text allows one; the emitter falls back to quotes otherwise.
        style = "|"
    elif _looks_like_yaml_11_value(value):
        # YAML 1.2 reads `on`, `no` and `yes` as text, but quoting keeps older readers right too.
        style = "'"
    node: ScalarNode = representer.represent_scalar(_STR, value, style=style)
    return node


class _Representer(SafeRepresenter):
    """The safe representer, with strings quoted for every YAML reader and lists made lazily."""

    def ignore_aliases(self, data: Any) -> bool:
        """Always: :func:`_plain` gives every list and dict fresh, so nothing is shared to alias."""
        return True


class _Items:
    """A list's item nodes, each made when the serializer reaches it and let go after it is written.

    So the node tree of a whole collection never exists at once: a 1,000-practice collection took
    more memory as nodes than everything else a build holds.
    """

    __slots__ = ("_items", "_represent")

    def __init__(self, represent: Callable[[Any], Node], items: list[Any]) -> None:
        self._represent = represent
        self._items = items

    def __iter__(self) -> Iterator[Node]:
        return (self._represent(item) for item in self._items)


def _represent_list(representer: SafeRepresenter, value: list[Any]) -> SequenceNode:
    return SequenceNode(
        Tag(suffix="tag:yaml.org,2002:seq"), _Items(representer.represent_data, value), flow_style=False
    )


class _Nothing(dict[Any, Any]):
    """Remembers nothing: every node is its first time, and none has an anchor."""

    def __getitem__(self, key: Any) -> None:
        return None

    def __contains__(self, key: object) -> bool:
        return False

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


class _Serializer(Serializer):
    """The serializer without the anchor pass over the whole tree (there are no aliases to find)."""

    anchors = property(lambda self: _Nothing(), lambda self, value: None)
    serialized_nodes = property(lambda self: _Nothing(), lambda self, value: None)

    def anchor_node(self, node: Any) -> None:
        """Nothing to find: no node is shared (see :meth:`_Representer.ignore_aliases`)."""


_Representer.add_representer(str, _represent_str)
_Representer.add_representer(list, _represent_list)


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.Representer = _Representer
    yaml.Serializer = _Serializer
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    return yaml


def _plain(data: Any) -> Any:
    """Only dict, list and exact str (enum members become their values, tuples lists)."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(v) for v in data]
    if isinstance(data, str):
        return str(data)
    return data


def dump_yaml_data(data: Any) -> str:
    """Plain data as block-style YAML 1.2 text (keys in the order given)."""
    out = io.StringIO()
    _yaml().dump(_plain(data), out)
    return out.getvalue()


def dump_yaml(model: Model) -> str:
    """A model file's YAML text for ``model``; the same model always gives the same text."""
    return dump_yaml_data(to_document(model))


def json_parts(model: Model) -> Iterator[str]:
    """A model file's JSON text for ``model`` piece by piece (see :func:`dump_json`).

    The pieces come as the encoder makes them, so a large collection is never one text in memory.
    """
    escape = Reader.NON_PRINTABLE.sub
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
    for part in encoder.iterencode(to_document(model)):
        yield escape(_escaped, part)  # per character, so pieces can be escaped one by one
    yield "\n"


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def dump_json(model: Model) -> str:
    """A model file's JSON text for ``model``: indented by 2, UTF-8 letters as they are, final newline.

    Characters a YAML 1.2 reader refuses (DEL, C1 controls, lone surrogates, ...) are written as
    ``\\uXXXX`` escapes, so the file loads back (model files are read as YAML 1.2) and encodes as UTF-8.
    """
    return "".join(json_parts(model))


def dump(model: Model, suffix: str) -> str:
    """YAML or JSON text for ``model``, chosen by a file suffix (".yaml", ".yml" or ".json").

    Raises:
        UsageError: the suffix is none of these.
    """
    lower = suffix.lower()
    if lower in (".yaml", ".yml"):
        return dump_yaml(model)
    if lower == ".json":
        return dump_json(model)
    raise UsageError(
        msg("cannot tell the format from {suffix}: name the file *.yaml or *.json", suffix=repr(suffix))
        if suffix
        else msg("cannot tell the format from a name without a suffix: name the file *.yaml or *.json")
    )


def write_model(model: Model, path: str | os.PathLike[str]) -> None:
    """Write ``model`` to ``path`` as YAML or JSON (by the suffix), atomically.

    Raises:
        UsageError: the suffix is not .yaml, .yml or .json.
        WriteError: the file cannot be written (the previous file, if any, is kept).
    """
    target = Path(path)
    write_atomic(target, dump(model, target.suffix).encode("utf-8"))
