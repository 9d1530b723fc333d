"""Running dot: formats, a dot that hangs, fails or is missing, and many diagrams in parallel."""

from __future__ import annotations

import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from osallisuuden_palaset import Block, Collection, Flow, Practice, Project
from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
from osallisuuden_palaset.rendering.drawing import (
    INSTALL_HINTS,
    GraphvizMissing,
    RenderError,
    RenderFailed,
    RenderJob,
    RenderOutcome,
    RenderRefused,
    RenderTimeout,
    RenderTooLarge,
    draw,
    format_of,
    render,
    render_many,
)
from osallisuuden_palaset.rendering.svg import inline_svg

SOURCE = "digraph { a [label=<å &amp; 😀>]; a -> b }"
#: A (tiny, valid) SVG holding a text; a fake dot's body that draws one holding its input.
SVG_OF = '<svg xmlns="http://www.w3.org/2000/svg"><text>%s</text></svg>'
DRAW_INPUT = f"printf '{SVG_OF}' \"$(cat)\""


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
        fake_path,
        'input=$(cat); case "$input" in *FAIL*) echo "bad graph" >&2; exit 1;; esac; '
        f"printf '{SVG_OF}' \"$input\"",
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
    assert "<text>digraph { ok }</text>" in (tmp_path / "j4.svg").read_text(encoding="utf-8")


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
    _fake_dot(fake_path, DRAW_INPUT)
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
    assert "<text>digraph { n3 }</text>" in (tmp_path / "j3.svg").read_text(encoding="utf-8")


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


# --- dot bounded: output capped, one deadline, killed on any exit, output checked -------------


def _pids(path: Path, count: int) -> list[int]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = path.read_text(encoding="ascii").split() if path.exists() else []
        if len(found) >= count:
            return [int(p) for p in found]
        time.sleep(0.02)
    raise AssertionError(f"the fake dot did not write {count} pids")


@pytestmark_posix
def test_a_dot_flooding_stdout_is_stopped_at_the_output_cap(fake_path: Path) -> None:
    _fake_dot(fake_path, "cat >/dev/null; exec yes '<svg>'")
    started = time.monotonic()
    with pytest.raises(RenderTooLarge, match="more than 1,048,576 bytes"):
        draw(SOURCE, "svg", timeout=30, max_output=1024 * 1024)
    assert time.monotonic() - started < 10


@pytestmark_posix
def test_a_dot_flooding_stdout_under_a_timeout_stops_at_the_cap_or_the_timeout(fake_path: Path) -> None:
    """The finding: 14 GB and 67 s under --timeout 10. Now whichever bound comes first holds."""
    _fake_dot(fake_path, "cat >/dev/null; exec yes '<svg>'")
    started = time.monotonic()
    with pytest.raises((RenderTooLarge, RenderTimeout)):
        render(SOURCE, "svg", timeout=2)
    assert time.monotonic() - started < 8


@pytestmark_posix
def test_the_timeout_covers_the_whole_run_including_reading(fake_path: Path) -> None:
    _fake_dot(fake_path, "cat >/dev/null; while :; do echo '<g/>'; sleep 0.05; done")
    started = time.monotonic()
    with pytest.raises(RenderTimeout):
        render(SOURCE, "svg", timeout=1)
    assert time.monotonic() - started < 6


@pytestmark_posix
def test_a_dot_ignoring_sigterm_is_killed_with_everything_it_started(fake_path: Path, tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    _fake_dot(fake_path, f"trap '' TERM INT; sleep 60 & echo $$ $! > {pids}; wait")
    with pytest.raises(RenderTimeout):
        render(SOURCE, "svg", timeout=1)
    for pid in _pids(pids, 2):
        assert _process_ended(pid), pid


@pytestmark_posix
def test_ctrl_c_kills_dot_and_waits_for_it(fake_path: Path, tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    _fake_dot(fake_path, f"trap '' INT; sleep 60 & echo $$ $! > {pids}; wait")

    def interrupt() -> None:
        _pids(pids, 2)
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    threading.Thread(target=interrupt, daemon=True).start()
    with pytest.raises(KeyboardInterrupt):
        render(SOURCE, "svg", timeout=60)
    for pid in _pids(pids, 2):
        assert _process_ended(pid), pid


@pytestmark_posix
def test_an_exception_in_a_parallel_run_kills_every_dot_still_drawing(
    fake_path: Path, tmp_path: Path
) -> None:
    pids = tmp_path / "pids"
    _fake_dot(
        fake_path,
        f"input=$(cat); case \"$input\" in *fast*) printf '{SVG_OF}' ok; exit 0;; esac; "
        f"sleep 60 & echo $$ $! >> {pids}; wait",
    )
    jobs = [
        RenderJob("fast", "digraph { fast }", "svg"),
        *(RenderJob(f"s{i}", "digraph {}", "svg") for i in range(2)),
    ]

    def progress(done: int, total: int, outcome: RenderOutcome) -> None:
        _pids(pids, 4)  # both slow jobs have started their dot
        raise RuntimeError("stop")

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="stop"):
        render_many(jobs, workers=3, progress=progress, timeout=60)
    assert time.monotonic() - started < 20
    for pid in _pids(pids, 4):
        assert _process_ended(pid), pid


def _process_ended(pid: int) -> bool:
    """Whether ``pid`` is gone, or at most a zombie that is no child of ours (init reaps it).

    A killed grandchild may take a moment to die and be reaped; our own child must have been
    waited for already.
    """
    deadline = time.monotonic() + 5
    while True:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat_file:
                state = stat_file.read().rsplit(") ", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if pid in _our_children():
            return False
        if state == "Z" or time.monotonic() > deadline:
            return state == "Z"
        time.sleep(0.05)


def _our_children() -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text(encoding="ascii").rsplit(") ", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.add(int(entry.name))
    return found


SCALED = "Warning: graph is too large for cairo-renderer bitmaps. Scaling by 0.5 to fit"
_SVG = '<svg xmlns="http://www.w3.org/2000/svg"'


@pytestmark_posix
def test_dot_warnings_are_kept_and_returned(fake_path: Path) -> None:
    _fake_dot(
        fake_path,
        f"cat >/dev/null; echo '{SCALED}' >&2; printf '{SVG_OF}' ok",
    )
    drawing = draw(SOURCE, "svg")
    assert drawing.warnings == (SCALED,)
    assert b"<text>ok</text>" in drawing.data
    report = render_many([RenderJob("a", SOURCE, "svg")])
    assert report.outcomes[0].warnings == drawing.warnings


@pytestmark_posix
@pytest.mark.parametrize(
    ("fmt", "output", "reason"),
    [
        ("svg", "garbage", "not an XML document"),
        ("svg", "<html><body>hi</body></html>", "not an SVG document"),
        ("svg", f"{_SVG}><script>alert(1)</script></svg>", "<script>"),
        ("svg", f'{_SVG} onload="alert(1)"/>', "event handler"),
        ("svg", f"{_SVG}><foreignObject/></svg>", "<foreignObject>"),
        ("svg", '<svg xmlns="http://www.w3.org/1999/xhtml"/>', "foreign content"),
        (
            "svg",
            f'<?xml-stylesheet href="x"?>{_SVG}/>',
            "processing instruction",
        ),
        ("svg", f'<!DOCTYPE svg [<!ENTITY a "b">]>{_SVG}/>', "entit"),
        ("svg", f'{_SVG}><a href="javascript:alert(1)"/></svg>', "links to"),
        (
            "svg",
            '<svg xmlns="http://www.w3.org/2000/svg"><g fill="url(http://x/y)"/></svg>',
            "refers outside",
        ),
        ("png", "garbage", "not a whole PNG"),
        ("pdf", "garbage", "not a whole PDF"),
    ],
)
def test_garbage_from_dot_is_refused(fake_path: Path, fmt: str, output: str, reason: str) -> None:
    script = fake_path / "output"
    script.write_text(output, encoding="utf-8")
    _fake_dot(fake_path, f"cat >/dev/null; cat '{script}'")
    with pytest.raises(RenderRefused, match="not a proper") as caught:
        render(SOURCE, fmt)
    assert reason in caught.value.reason


@pytest.mark.requires_dot
def test_an_svg_from_real_dot_is_inlined_without_comments_or_prolog() -> None:
    data = render(SOURCE, "svg")
    inline = inline_svg(data)
    assert inline.startswith("<svg ")
    assert inline.endswith("</svg>")
    assert "<!--" not in inline
    assert "å &amp; 😀" in inline


def test_inlining_rewrites_the_svg_so_comments_cannot_open_markup() -> None:
    tricky = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><!--><script>alert(1)</script>-->'
        b"<text>&lt;b&gt; &amp; <![CDATA[<i>]]></text></svg>"
    )
    inline = inline_svg(tricky)
    assert "<script" not in inline
    assert inline == '<svg xmlns="http://www.w3.org/2000/svg"><text>&lt;b&gt; &amp; &lt;i&gt;</text></svg>'


def _png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.requires_dot
def test_a_png_has_192_dots_per_inch_unless_told_otherwise() -> None:
    sharp = _png_size(render("digraph { a -> b }", "png"))
    screen = _png_size(render("digraph { a -> b }", "png", dpi=96))
    assert sharp == _png_size(render("digraph { a -> b }", "png", dpi=192))
    assert abs(sharp[0] - 2 * screen[0]) <= 2
    assert abs(sharp[1] - 2 * screen[1]) <= 2


def test_a_resolution_dot_cannot_draw_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="between 1 and 2"):
        RenderJob("a", SOURCE, "png", dpi=0)
