"""Every HTML page the examples build, in headless Chromium: phone and desktop widths, links, print size."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.chromium import A4_TEXT_WIDTH, measure, print_pdf

pytestmark = pytest.mark.requires_chromium

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (390, 1280)
#: A4 and A6 in PostScript points, and how far Chromium's rounding may stray from them.
A4 = (595.0, 842.0)
A6 = (297.6, 419.5)
A4_SLACK = 1.0
#: The paper of each folder's pages: reports on A4, the cards format's palanen cards on A6.
PAPER = {"cards": A6}

T = TypeVar("T")
R = TypeVar("R")


def _two_at_a_time(work: Callable[[T], R], jobs: list[T]) -> list[R]:
    """``work`` over ``jobs``, two Chromiums at a time (the machines that run this have few cores)."""
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(work, jobs))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples built as ``scripts/examples.sh`` builds them, survey results included."""
    out = tmp_path_factory.mktemp("examples")
    examples = ROOT / "examples"
    command = [
        sys.executable,
        "-m",
        "osallisuuden_palaset",
        "build",
        str(examples),
        "--output",
        str(out),
        "--survey",
        str(examples / "kyselyt" / "elava-portfolio-alku.csv"),
        "--survey",
        str(examples / "kyselyt" / "elava-portfolio-seuranta.csv"),
        "--survey-practice",
        "elava-portfolio",
        "--survey-by",
        "ryhma",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def pages(built: Path) -> list[Path]:
    found = sorted(built.rglob("*.html"))
    assert len(found) >= 9, found  # the index, 6 practices, 2 projects and the collection at least
    return found


@pytest.fixture(scope="session")
def measured(pages: list[Path]) -> dict[tuple[str, str], dict[str, Any]]:
    """(page name, "390", "1280" or "print") → what Chromium measured there."""
    return {(page.name, view): result for (page, view), result in measure(pages, WIDTHS).items()}


@pytest.mark.parametrize("view", [*map(str, WIDTHS), "print"])
def test_no_page_is_wider_than_the_screen_or_the_printed_page(
    measured: dict[tuple[str, str], dict[str, Any]], view: str
) -> None:
    shown = {name: m for (name, v), m in measured.items() if v == view}
    assert {m["width"] for m in shown.values()} == {A4_TEXT_WIDTH if view == "print" else int(view)}
    wider = {
        name: (m["scrollWidth"], m["wide"]) for name, m in shown.items() if m["scrollWidth"] > m["width"]
    }
    assert not wider, f"pages wider than the {view} view (scroll width, elements past the edge): {wider}"


def test_on_a_desktop_tables_stay_in_the_text_column(measured: dict[tuple[str, str], dict[str, Any]]) -> None:
    sticking_out = {
        name: m["tableOverhang"]
        for (name, view), m in measured.items()
        if view == "1280" and m["tableOverhang"] is not None and m["tableOverhang"] > 0
    }
    assert not sticking_out, f"tables past the text column by (px): {sticking_out}"


@pytest.mark.parametrize("view", [str(w) for w in WIDTHS])
def test_flow_diagram_text_is_readable(measured: dict[tuple[str, str], dict[str, Any]], view: str) -> None:
    small = {
        name: m["diagramText"]
        for (name, v), m in measured.items()
        if v == view and m["diagramText"] is not None and m["diagramText"] < 11
    }
    with_diagrams = [m for (_, v), m in measured.items() if v == view and m["diagramText"] is not None]
    assert with_diagrams, "no page has a flow diagram: is Graphviz installed?"
    assert not small, f"diagram text under 11 px high: {small}"


def test_every_text_has_aa_contrast(measured: dict[tuple[str, str], dict[str, Any]]) -> None:
    low = {name: m["contrast"] for (name, view), m in measured.items() if view == "1280" and m["contrast"]}
    assert not low, f"texts under WCAG AA contrast (4.5:1, large 3:1): {low}"


class _Targets(HTMLParser):
    """The ``href`` of every link, the ``src`` of every image and every ``id`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        wanted = {"a": "href", "img": "src"}.get(tag)
        if wanted and values.get(wanted):
            self.targets.append(str(values[wanted]))


def _broken(page: Path) -> list[str]:
    parser = _Targets()
    parser.feed(page.read_text(encoding="utf-8"))
    broken = []
    for target in parser.targets:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            continue  # a web address: not ours to check offline
        if parts.path:
            found = (page.parent / unquote(parts.path)).is_file()
        else:
            found = not parts.fragment or unquote(parts.fragment) in parser.ids
        if not found:
            broken.append(target)
    return broken


def test_every_link_and_image_resolves(pages: list[Path]) -> None:
    broken = {page.name: found for page in pages if (found := _broken(page))}
    assert not broken, f"links or images that go nowhere: {broken}"


def test_reports_link_their_full_size_diagrams(built: Path) -> None:
    page = (built / "html" / "elava-portfolio.html").read_text(encoding="utf-8")
    assert 'href="../diagrams/elava-portfolio.flow.svg"' in page


_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")


def test_every_page_prints_on_its_paper(pages: list[Path], tmp_path: Path) -> None:
    printed = _two_at_a_time(
        lambda page: print_pdf(page, tmp_path / f"{page.parent.name}-{page.stem}.pdf"), pages
    )
    wrong = {}
    for page, pdf in zip(pages, printed, strict=True):
        paper = PAPER.get(page.parent.name, A4)
        boxes = {tuple(float(v) for v in box) for box in _MEDIA_BOX.findall(pdf)}
        sizes = {(round(x1 - x0, 2), round(y1 - y0, 2)) for x0, y0, x1, y1 in boxes}
        if not sizes or any(abs(w - paper[0]) > A4_SLACK or abs(h - paper[1]) > A4_SLACK for w, h in sizes):
            wrong[page.name] = (paper, sizes)
    assert any(page.parent.name not in PAPER for page in pages)
    assert not wrong, f"pages not printed on their paper (expected, printed in pt): {wrong}"
