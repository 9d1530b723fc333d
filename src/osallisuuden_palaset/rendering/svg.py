"""Check that what ``dot`` wrote is what the format says: an SVG of drawing elements only, a PNG, a PDF.

An SVG is parsed and held to the elements and attributes Graphviz draws with: no scripts,
no event handlers, no foreign content, no entity declarations, no links out. Only such an
SVG is ever inlined into an HTML page, and then re-written from the parse (elements,
attributes and text, every value escaped), never copied as ``dot`` wrote it.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from typing import Any, Final

from osallisuuden_palaset.messages.catalogue import msg

SVG_NS: Final = "http://www.w3.org/2000/svg"
XLINK_NS: Final = "http://www.w3.org/1999/xlink"

#: The elements Graphviz draws SVG with (and a few plain shapes it may use).
ELEMENTS: Final = frozenset(
    {
        "svg", "g", "title", "desc", "a", "path", "polygon", "polyline", "ellipse", "circle", "rect",
        "line", "text", "tspan", "defs", "linearGradient", "radialGradient", "stop",
    }
)  # fmt: skip
#: Attributes with a namespace prefix that are allowed (any other prefixed attribute is refused).
_PREFIXED: Final = frozenset({"xlink:href", "xlink:title", "xml:space", "xml:lang"})
_HREFS: Final = frozenset({"href", "xlink:href"})
#: A link that stays inside the picture, or goes to a web page or an address.
_SAFE_LINK: Final = re.compile(r"(#|https?://|mailto:)", re.IGNORECASE)
#: ``url(...)`` pointing anywhere but inside the picture, or script in a value.
_OUTSIDE: Final = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|javascript:|expression\s*\(|@import", re.IGNORECASE)

_PNG_START: Final = b"\x89PNG\r\n\x1a\n"
_PNG_END: Final = b"IEND\xaeB`\x82"


class OutputRefused(ValueError):  # noqa: N818 - the reason a drawing is refused, raised as RenderError
    """What ``dot`` wrote is not a proper file of the format; the message says why."""


def check_output(data: bytes, fmt: str) -> None:
    """Refuse ``data`` unless it is a whole file of format ``fmt`` (svg, png or pdf).

    Raises:
        OutputRefused: saying what is wrong with it.
    """
    if fmt == "svg":
        _SvgCheck(data, rewrite=False)
    elif fmt == "png":
        if not data.startswith(_PNG_START) or not data.endswith(_PNG_END):
            raise OutputRefused(msg("it is not a whole PNG image"))
    elif fmt == "pdf" and (not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]):
        raise OutputRefused(msg("it is not a whole PDF document"))


def inline_svg(data: bytes) -> str:
    """The ``<svg>`` element of a checked SVG, re-written for inlining into HTML.

    Comments, the XML declaration and the doctype are left out; every attribute value and
    text is escaped afresh.

    Raises:
        OutputRefused: ``data`` is not an SVG of drawing elements only.
    """
    return _SvgCheck(data, rewrite=True).text()


class _SvgCheck:
    """One pass of expat over an SVG document, refusing anything but drawing (and re-writing it)."""

    def __init__(self, data: bytes, *, rewrite: bool) -> None:
        self.out: list[str] | None = [] if rewrite else None
        self.depth = 0
        self.ended = False
        parser = xml.parsers.expat.ParserCreate()
        parser.ordered_attributes = True
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        parser.ProcessingInstructionHandler = self.instruction
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.entity
        parser.ExternalEntityRefHandler = self.external
        try:
            parser.Parse(data, True)
        except xml.parsers.expat.ExpatError as error:
            raise OutputRefused(msg("it is not an XML document ({error})", error=str(error))) from None
        if not self.ended:
            raise OutputRefused(msg("it is not an SVG document"))

    def text(self) -> str:
        assert self.out is not None
        return "".join(self.out)

    def start(self, name: str, attributes: list[str]) -> None:
        if self.ended:
            raise OutputRefused(msg("it holds more than one drawing"))
        if self.depth == 0 and name != "svg":
            raise OutputRefused(msg("it is not an SVG document (it starts with <{name}>)", name=str(name)))
        if name not in ELEMENTS:
            raise OutputRefused(
                msg("it holds a <{name}> element, which a drawing does not need", name=str(name))
            )
        pairs = list(zip(attributes[::2], attributes[1::2], strict=True))
        for key, value in pairs:
            _check_attribute(name, key, value)
        if self.depth == 0 and ("xmlns", SVG_NS) not in pairs:
            raise OutputRefused(msg("its <svg> element is not in the SVG namespace"))
        self.depth += 1
        if self.out is not None:
            written = "".join(f' {key}="{_escape(value, quote=True)}"' for key, value in pairs)
            self.out.append(f"<{name}{written}>")

    def end(self, name: str) -> None:
        self.depth -= 1
        self.ended = self.depth == 0
        if self.out is not None:
            self.out.append(f"</{name}>")

    def characters(self, data: str) -> None:
        if self.out is not None and self.depth > 0:
            self.out.append(_escape(data, quote=False))

    def instruction(self, target: str, data: str) -> None:
        raise OutputRefused(msg("it holds a processing instruction (<?{target}?>)", target=str(target)))

    def doctype(self, name: str, system: str | None, public: str | None, internal: bool) -> None:
        if internal:
            raise OutputRefused(msg("its doctype declares entities or elements of its own"))

    def entity(self, *args: Any) -> None:
        raise OutputRefused(msg("it declares an entity"))

    def external(self, *args: Any) -> int:
        raise OutputRefused(msg("it refers to an external entity"))


def _check_attribute(element: str, key: str, value: str) -> None:
    if key == "xmlns":
        if value != SVG_NS:
            raise OutputRefused(
                msg(
                    "it holds foreign content (<{element} xmlns={value}>)",
                    element=str(element),
                    value=repr(value),
                )
            )
    elif key.startswith("xmlns:"):
        if key != "xmlns:xlink" or value != XLINK_NS:
            raise OutputRefused(
                msg("it declares the namespace {key}={value}", key=str(key), value=repr(value))
            )
    elif ":" in key and key not in _PREFIXED:
        raise OutputRefused(
            msg("its <{element}> has the attribute {key}", element=str(element), key=repr(key))
        )
    elif key.lower().startswith("on"):
        raise OutputRefused(
            msg("its <{element}> has the event handler {key}", element=str(element), key=repr(key))
        )
    if key in _HREFS and not _SAFE_LINK.match(value.strip()):
        raise OutputRefused(
            msg("its <{element}> links to {value}", element=str(element), value=repr(value[:80]))
        )
    if _OUTSIDE.search(value):
        raise OutputRefused(
            msg(
                "its <{element}> {key} refers outside the drawing ({value})",
                element=str(element),
                key=repr(key),
                value=repr(value[:80]),
            )
        )


def _escape(value: str, *, quote: bool) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace('"', "&quot;") if quote else value
