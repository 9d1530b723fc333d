"""Tests of running exporters: finding one, checking options, refusing kinds, writing atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset import Block, Collection, Practice, Project
from osallisuuden_palaset.files.atomicfile import WriteError
from osallisuuden_palaset.output.exporting import (
    Exporter,
    ExportError,
    ExportOption,
    ExportRequest,
    RenderError,
    export,
    export_to_file,
    find_exporter,
    is_text,
    kind_name,
    parse_options,
    resolve_options,
)

PRACTICE = Practice(id="p", name="P", steps=[Block(id="a", name="A")])


def _echo(request: ExportRequest) -> bytes:
    return f"{kind_name(request.model)}:{request.model.id}:{request.lang}:{dict(request.options)}".encode()


def _exporter(**kwargs: object) -> Exporter:
    defaults: dict[str, object] = {
        "name": "echo",
        "description": "Kaiku",
        "suffix": ".txt",
        "media_type": "text/plain",
        "accepts": ("practice",),
        "render": _echo,
        "options": (
            ExportOption("mode", "Tila", default="short", choices=("short", "long")),
            ExportOption("title", "Otsikko"),
        ),
    }
    defaults.update(kwargs)
    return Exporter(**defaults)  # type: ignore[arg-type]


def test_unknown_format_names_the_known_ones() -> None:
    exporters = {"json": _exporter(name="json"), "yaml": _exporter(name="yaml")}
    with pytest.raises(ExportError, match=r"unknown format 'jsno'.*'json'.*known formats: json, yaml"):
        find_exporter(exporters, "jsno")


def test_options_get_defaults_and_are_checked() -> None:
    exporter = _exporter()
    assert resolve_options(exporter, {}) == {"mode": "short"}
    assert resolve_options(exporter, {"title": "x", "mode": "long"}) == {"mode": "long", "title": "x"}
    with pytest.raises(ExportError, match=r"no option 'mdoe'.*did you mean 'mode'"):
        resolve_options(exporter, {"mdoe": "long"})
    with pytest.raises(ExportError, match=r"one of 'short', 'long', not 'wide'"):
        resolve_options(exporter, {"mode": "wide"})


def test_parse_options_needs_key_and_value() -> None:
    assert parse_options(["delimiter=;", "a=b=c", "empty="]) == {"delimiter": ";", "a": "b=c", "empty": ""}
    with pytest.raises(ExportError, match="key=value"):
        parse_options(["novalue"])
    with pytest.raises(ExportError, match="key=value"):
        parse_options(["=x"])


def test_export_passes_language_and_resolved_options() -> None:
    data = export(_exporter(), PRACTICE, lang="en", options={"title": "T"})
    assert data == b"practice:p:en:{'mode': 'short', 'title': 'T'}"


@pytest.mark.parametrize(
    "model",
    [Project(id="h", name="H"), Collection(id="c", name="C")],
)
def test_a_format_refuses_kinds_it_does_not_accept(model: Project | Collection) -> None:
    with pytest.raises(ExportError, match=rf"cannot export a {kind_name(model)}; it exports: practice"):
        export(_exporter(), model)


def test_an_exporter_must_return_bytes() -> None:
    with pytest.raises(RenderError, match="returned str, not bytes"):
        export(_exporter(render=lambda request: "text"), PRACTICE)


def test_export_to_file_writes_the_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    export_to_file(target, _exporter(), PRACTICE)
    assert target.read_bytes() == export(_exporter(), PRACTICE)


def test_a_failing_exporter_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"previous")

    def broken(request: ExportRequest) -> bytes:
        raise RuntimeError("half way")

    with pytest.raises(RenderError, match="RuntimeError: half way") as caught:
        export_to_file(target, _exporter(render=broken), PRACTICE)
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_bad_option_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(ExportError):
        export_to_file(target, _exporter(), PRACTICE, options={"mode": "wide"})
    assert not target.exists()


def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="cannot write"):
        export_to_file(tmp_path / "missing" / "out.txt", _exporter(), PRACTICE)


@pytest.mark.parametrize(
    ("media_type", "text"),
    [
        ("text/markdown; charset=utf-8", True),
        ("application/json", True),
        ("application/yaml", True),
        ("image/svg+xml", True),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        ("image/png", False),
    ],
)
def test_text_formats_are_told_from_binary_ones(media_type: str, text: bool) -> None:
    assert is_text(_exporter(media_type=media_type)) is text


def test_request_finds_frameworks_in_the_context_too() -> None:
    from tests.default_plugins.exporters.samples import context, thl

    request = ExportRequest(PRACTICE, context=context())
    assert request.framework("thl") == thl()
    assert request.framework("nope") is None
    assert request.option("missing", "fallback") == "fallback"


def test_exporter_accepts_given_as_one_text_is_refused() -> None:
    """``accepts="practice"`` once became the set of its letters, and the format exported nothing."""
    with pytest.raises(TypeError, match=r"Exporter\.accepts must be a list .*not the text 'practice'"):
        _exporter(accepts="practice")


def test_exporter_accepts_only_kinds_of_model() -> None:
    with pytest.raises(
        ValueError, match=r"'practise' is not a kind of model; give some of: practice, project"
    ):
        _exporter(accepts=["practise"])
    with pytest.raises(ValueError, match="nothing is a kind of model"):
        _exporter(accepts=[])


def test_an_option_default_outside_its_choices_is_refused() -> None:
    with pytest.raises(
        ValueError, match=r"option 'mode': the default 'wide' is not one of its choices 'short'"
    ):
        ExportOption("mode", "Tila", default="wide", choices=("short", "long"))


def test_an_option_with_choices_given_as_one_text_is_refused() -> None:
    with pytest.raises(TypeError, match=r"ExportOption\.choices must be a list"):
        ExportOption("mode", "Tila", choices="short")


@pytest.mark.parametrize("suffix", ["json", "/../../x.json", ".a/b", "", ".js on", "."])
def test_an_exporter_suffix_is_a_file_suffix_never_a_path(suffix: str) -> None:
    with pytest.raises(ValueError, match="is not a file suffix"):
        _exporter(suffix=suffix)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "Iso Nimi"}, "not a valid id"),
        ({"media_type": "plain"}, "is not a media type"),
        ({"render": b"bytes"}, r"Exporter\.render must be a function"),
        ({"options": [ExportOption("a", "A"), ExportOption("a", "B")]}, "declares option 'a' twice"),
        ({"options": ["mode"]}, r"Exporter\.options\[0\] must be an? ExportOption"),
    ],
)
def test_an_exporter_checks_what_it_is_given(changes: dict[str, object], message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=message):
        _exporter(**changes)


def test_an_exporter_with_a_suffix_like_tar_gz_and_parameters_in_its_media_type_is_fine() -> None:
    exporter = _exporter(suffix=".tar.gz", media_type="text/csv; charset=utf-8")
    assert exporter.suffix == ".tar.gz"
