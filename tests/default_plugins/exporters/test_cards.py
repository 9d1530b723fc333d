"""The cards format: one printable card per step, with what happens, who takes part and the claims."""

from __future__ import annotations

import re

import pytest

from osallisuuden_palaset.model.resolving import resolved_steps
from osallisuuden_palaset.output.exporting import export
from tests.default_plugins.exporters import samples
from tests.default_plugins.exporters.formats import EXPORTERS
from tests.default_plugins.exporters.test_html import ALLOWED_TAGS, Page

CARDS = EXPORTERS["cards"]


def _cards(model: object, lang: str = "fi", **options: str) -> str:
    data = export(CARDS, model, lang=lang, context=samples.context(), options=options)  # type: ignore[arg-type]
    return data.decode("utf-8")


def test_every_step_of_every_practice_is_one_card_numbered_in_its_deck() -> None:
    collection = samples.collection()
    html = _cards(collection)
    expected = [
        (p.id, s.id) for p in collection.all_practices() for s in resolved_steps(p, samples.context())
    ]
    assert re.findall(r'<article class="card" id="([^"]+)--([^"]+)">', html) == expected
    first = next(iter(collection.all_practices()))
    n = len(resolved_steps(first, samples.context()))
    assert f"<span>1 / {n}</span>" in html


def test_a_card_says_what_happens_who_takes_part_and_what_it_claims_in_the_language() -> None:
    html = _cards(samples.rich_practice(), "sv")
    for heading in ("Vad händer", "Vilka deltar och hur", "Vad byggstenen påstår"):
        assert heading in html
    fi = _cards(samples.rich_practice())
    assert "Mitä palanen väittää" in fi
    assert "ilman näyttöä" in fi or '— <span class="evidence">' in fi


def test_cards_print_on_a6_by_default_and_on_a5_when_asked() -> None:
    assert "@page { size: 105mm 148mm;" in _cards(samples.rich_practice())
    assert "@page { size: 148mm 210mm;" in _cards(samples.rich_practice(), size="a5")


@pytest.mark.parametrize("model", [samples.hostile_practice, samples.collection])
def test_user_text_on_cards_is_escaped(model: object) -> None:
    html = _cards(model(), "en")  # type: ignore[operator]
    page = Page()
    page.feed(html)
    page.close()
    assert set(page.tags) <= ALLOWED_TAGS | {"article", "header", "h2", "h3"}
    assert "script" not in page.tags
    assert "<script>" not in html
