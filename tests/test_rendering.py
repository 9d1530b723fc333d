"""Running dot: formats, a dot that hangs, fails or is missing, and many diagrams in parallel."""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from osallisuuden_palaset import Block, Collection, Flow, Practice, Project
from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
from osallisuuden_palaset.rendering import (
    INSTALL_HINTS,
    GraphvizMissing,
    RenderError,
    RenderFailed,
    RenderJob,
    RenderOutcome,
    RenderTimeout,
    format_of,
    render,
    render_many,
)

SOURCE = "digraph { a [label=<å &amp; 😀>]; a -> b }"


def _fake_dot(folder: Path, body: str) -> Path:
    """A script called ``dot`` in ``folder`` running ``body`` (a POSIX shell script)."""
    script = folder / "dot"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.fixture
def fake_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding only a folder for a fake dot (and the shell tools the scripts use)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}/bin{os.pathsep}/usr/bin")
    return folder


pytestmark_posix = pytest.mark.skipif(sys.platform == "win32", reason="fake dot scripts are POSIX shell")


def test_gv_is_the_source_and_needs_no_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render(SOURCE, "gv") == SOURCE.encode("utf-8")


def test_missing_dot_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizMissing) as caught:
        render(SOURCE, "svg")
    message = str(caught.value)
    for platform, command in INSTALL_HINTS:
        assert f"{platform}: {command}" in message
    assert "apt-get install graphviz" in message
    assert "gv" in message


@pytestmark_posix
def test_a_hanging_dot_times_out_and_is_stopped(fake_path: Path) -> None:
    _fake_dot(fake_path, "sleep 30")
    started = time.monotonic()
    with pytest.raises(RenderTimeout, match=r"longer than 0\.5 s"):
        render(SOURCE, "svg", timeout=0.5)
    assert time.monotonic() - started < 10


@pytestmark_posix
def test_a_failing_dot_carries_its_own_message(fake_path: Path) -> None:
    _fake_dot(fake_path, 'cat >/dev/null; echo "Error: syntax error in line 1 near ->" >&2; exit 3')
    with pytest.raises(RenderFailed) as caught:
        render(SOURCE, "png")
    assert caught.value.returncode == 3
    assert "syntax error in line 1" in caught.value.stderr
    assert "syntax error in line 1" in str(caught.value)


@pytest.mark.requires_dot
def test_real_dot_reports_bad_dot_source() -> None:
    with pytest.raises(RenderFailed, match="syntax error"):
        render("digraph { a -> }", "svg")


@pytest.mark.requires_dot
@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<svg"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_real_dot_draws_every_format(fmt: str, magic: bytes) -> None:
    assert magic in render(SOURCE, fmt)[:400]


def test_unknown_formats_and_suffixes_are_refused() -> None:
    with pytest.raises(RenderError, match="svg, png, pdf, gv"):
        render(SOURCE, "jpg")
    with pytest.raises(RenderError, match=r"\.svg, \.png"):
        format_of("kaavio.txt")
    assert format_of("Kaavio.SVG") == "svg"
    assert format_of("x.dot") == "gv"


@pytestmark_posix
def test_render_many_reports_failures_and_finishes_the_rest(fake_path: Path, tmp_path: Path) -> None:
    _fake_dot(
        fake_path, 'input=$(cat); case "$input" in *FAIL*) echo "bad graph" >&2; exit 1;; esac; echo "$input"'
    )
    jobs = [
        RenderJob(f"j{i}", f"digraph {{ {'FAIL' if i == 2 else 'ok'} }}", "svg", tmp_path / f"j{i}.svg")
        for i in range(5)
    ]
    seen: list[int] = []
    report = render_many(jobs, workers=3, progress=lambda done, total, outcome: seen.append(done))
    assert sorted(seen) == [1, 2, 3, 4, 5]
    assert [o.job.name for o in report.failures] == ["j2"]
    assert "bad graph" in str(report.failures[0].error)
    assert not (tmp_path / "j2.svg").exists()
    assert (tmp_path / "j4.svg").read_text(encoding="utf-8").strip() == "digraph { ok }"


def test_render_many_without_dot_fails_before_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizMissing):
        render_many([RenderJob("a", SOURCE, "svg")])
    report = render_many([RenderJob("a", SOURCE, "gv", tmp_path / "a.gv")])
    assert (tmp_path / "a.gv").read_bytes() == SOURCE.encode()
    assert not report.failures


def test_render_many_draws_jobs_from_a_generator_as_they_come(fake_path: Path, tmp_path: Path) -> None:
    _fake_dot(fake_path, "cat")
    made: list[str] = []

    def jobs() -> Iterator[RenderJob]:
        for i in range(4):
            made.append(f"j{i}")
            yield RenderJob(f"j{i}", f"digraph {{ n{i} }}", "svg", tmp_path / f"j{i}.svg")

    calls: list[tuple[int, int]] = []
    report = render_many(jobs(), workers=2, total=4, progress=lambda d, t, o: calls.append((d, t)))
    assert made == ["j0", "j1", "j2", "j3"]
    assert [o.job.name for o in report.outcomes] == made  # in the order given, whatever finished first
    assert sorted(calls) == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert (tmp_path / "j3.svg").read_text(encoding="utf-8") == "digraph { n3 }"


def test_a_generator_without_dot_fails_before_its_first_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    jobs = (RenderJob(n, SOURCE, fmt, tmp_path / f"{n}.{fmt}") for n, fmt in (("a", "gv"), ("b", "svg")))
    with pytest.raises(GraphvizMissing):
        render_many(jobs)
    assert not (tmp_path / "b.svg").exists()


def _collection(size: int) -> Collection:
    practices = [
        Practice(
            f"malli-{i}",
            f"Toimintamalli {i}",
            steps=(Block("a", f"Alku {i}"), Block("b", "Loppu")),
            flows=(Flow("a", "b"),),
        )
        for i in range(size)
    ]
    return Collection("iso", "Iso kokoelma", projects=(Project("hanke", "Hanke", practices=practices),))


@pytest.mark.requires_dot
def test_five_hundred_practices_render_in_parallel_with_progress(tmp_path: Path) -> None:
    collection = _collection(500)
    jobs = [
        RenderJob(p.id, diagram_source(p, DiagramOptions()), "svg", tmp_path / f"{p.id}.svg")
        for p in collection.all_practices()
    ]
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int, outcome: RenderOutcome) -> None:
        calls.append((done, total))

    report = render_many(jobs, progress=progress)
    assert not report.failures
    assert len(calls) == 500
    assert calls[-1] == (500, 500)
    assert len(list(tmp_path.glob("*.svg"))) == 500
    assert b"Toimintamalli 499" in (tmp_path / "malli-499.svg").read_bytes()
