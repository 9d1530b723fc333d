"""The html format: one self-contained, printable page with every user text escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from osallisuuden_palaset.output.exporting import export
from tests.default_plugins.exporters import samples
from tests.default_plugins.exporters.formats import EXPORTERS

HTML = EXPORTERS["html"]
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "section", "h1", "h2", "h3", "h4", "h5", "h6",
    "dl", "dt", "dd", "p", "ol", "ul", "li", "strong", "span", "a", "table", "thead", "tbody", "tfoot", "tr",
    "th", "td", "div", "nav", "footer", "em", "code", "aside", "details", "summary",
    # The flow diagram, drawn by dot: only drawing elements, never script or foreign content.
    "figure", "figcaption", "svg", "g", "polygon", "polyline", "path", "ellipse", "text",
}  # fmt: skip


class Page(HTMLParser):
    """Collects tags, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(model: object, lang: str = "fi") -> tuple[str, Page]:
    html = export(HTML, model, lang=lang, context=samples.context()).decode("utf-8")  # type: ignore[arg-type]
    page = Page()
    page.feed(html)
    page.close()
    return html, page


@pytest.mark.parametrize("model", [samples.hostile_practice, samples.collection])
def test_hostile_text_is_escaped_and_shown_literally(model: object) -> None:
    html, page = _page(model(), "en")  # type: ignore[operator]
    assert set(page.tags) <= ALLOWED_TAGS
    assert "script" not in page.tags
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    text = "".join(page.text)
    assert samples.HOSTILE in text
    assert "<script>" not in html


def test_the_page_is_self_contained() -> None:
    html, page = _page(samples.collection())
    for name, value in page.attributes:
        assert name not in ("src", "srcset")
        if name == "href":
            assert value is not None
            assert value.startswith("#")
    assert "@import" not in html
    assert "url(" not in html
    assert "@media print" in html
    assert "default-src 'none'" in html


def test_a_practice_page_has_innokyla_fields_and_the_appendix() -> None:
    _, page = _page(samples.rich_practice(), "en")
    text = "\n".join(page.text)
    for heading in ("Basic information", "Conditions for working and adoption", "Evaluation appendix"):
        assert heading in text
    assert text.index("Basic idea of the solution") < text.index("Evaluation appendix")


def test_language_sets_labels_and_the_lang_attribute() -> None:
    html, _ = _page(samples.rich_practice(), "sv")
    assert '<html lang="sv">' in html
    assert "Levande portfolio" in html
    assert "Utvärderingsbilaga" in html


@pytest.mark.requires_dot
def test_each_practice_shows_its_flow_diagram() -> None:
    practice = samples.hostile_practice()
    html, page = _page(practice, "en")
    assert page.tags.count("figure") == 1
    assert page.tags.count("svg") == 1
    text = "".join(page.text)
    assert "The flow of the practice" in text
    for step in practice.steps:
        assert step.id in html  # dot names each node group after its step


def test_diagrams_can_be_left_out() -> None:
    page_html = export(HTML, samples.hostile_practice(), lang="en", options={"diagrams": "no"})
    assert b"<svg" not in page_html
    assert b"<figure" not in page_html


def test_without_dot_the_page_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    html = export(HTML, samples.hostile_practice(), lang="en").decode("utf-8")
    assert "<svg" not in html
    assert "apt-get install graphviz" in html
