"""Faults: writes interrupted midway, dot hanging, missing or failing, read-only folders; nothing is lost."""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from osallisuuden_palaset.files.atomicfile import WriteError, write_atomic
from osallisuuden_palaset.output.exporting import Exporter, ExportError, RenderError, export_to_file
from osallisuuden_palaset.plugins.registry import get_exporters
from osallisuuden_palaset.testing import make_plugin_manager, run_cli

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "paivakeskus-pandemia.yaml"
OLD = b"the previous file, which must survive\n"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="fake dot scripts are POSIX shell")


def _leftovers(folder: Path, name: str) -> list[Path]:
    """Temporary files write_atomic may have left beside ``name``."""
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.")]


class _InjectedError(Exception):
    """The injected fault."""


@pytest.fixture
def half_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make every atomic write fail after writing half its bytes; yields the sizes written."""
    written: list[int] = []
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            half = len(data) // 2
            self.handle.write(data[:half])
            self.handle.flush()
            written.append(half)
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> HalfWriter:
        return HalfWriter(real_fdopen(fd, *args, **kwargs))

    monkeypatch.setattr("os.fdopen", fdopen)
    return written


def test_a_write_failing_midway_keeps_the_previous_file(tmp_path: Path, half_writes: list[int]) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(OLD)
    with pytest.raises(WriteError, match=r"cannot write .*out\.json: the disk is full"):
        write_atomic(target, b"x" * 100_000)
    assert half_writes == [50_000]  # the fault really struck midway
    assert target.read_bytes() == OLD
    assert not _leftovers(tmp_path, "out.json")


def test_an_interrupt_midway_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or any exception) between writing and replacing leaves the old file and no temporary."""
    target = tmp_path / "out.md"
    target.write_bytes(OLD)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new content" * 1000)
    assert target.read_bytes() == OLD
    assert not _leftovers(tmp_path, "out.md")


@pytest.mark.parametrize("name", ["json", "yaml", "markdown", "html", "csv", "mermaid"])
def test_every_exporter_interrupted_midway_keeps_the_previous_file(
    name: str, tmp_path: Path, half_writes: list[int]
) -> None:
    from osallisuuden_palaset.files.loading import load_document

    exporter = get_exporters(make_plugin_manager())[name]
    target = tmp_path / f"out{exporter.suffix}"
    target.write_bytes(OLD)
    model = load_document(EXAMPLE).model
    with pytest.raises(WriteError):
        export_to_file(target, exporter, model)  # type: ignore[arg-type]
    assert half_writes
    assert half_writes[0] > 0
    assert target.read_bytes() == OLD
    assert not _leftovers(tmp_path, target.name)


def test_an_exporter_failing_while_rendering_never_touches_the_file(tmp_path: Path) -> None:
    def broken(request: object) -> bytes:
        raise _InjectedError("renderer crashed halfway")

    exporter = Exporter("rikki", "Rikki", ".txt", "text/plain", ("practice",), broken)
    target = tmp_path / "out.txt"
    target.write_bytes(OLD)
    from osallisuuden_palaset.files.loading import load_document

    with pytest.raises(RenderError, match="renderer crashed halfway") as caught:
        export_to_file(target, exporter, load_document(EXAMPLE).model)  # type: ignore[arg-type]
    assert isinstance(caught.value.__cause__, _InjectedError)
    assert target.read_bytes() == OLD
    with pytest.raises(ExportError):
        export_to_file(target, exporter, _project())
    assert target.read_bytes() == OLD


def _project() -> Any:
    from osallisuuden_palaset import Project

    return Project("hanke", "Hanke")


def test_cli_export_interrupted_midway_says_so_and_keeps_the_previous_file(
    tmp_path: Path, half_writes: list[int]
) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(OLD)
    result = run_cli(["export", str(EXAMPLE), "--format", "markdown", "-o", str(target)])
    assert result.exit_code == 1
    assert "levy on täynnä" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert target.read_bytes() == OLD
    assert not _leftovers(tmp_path, "out.md")


# --- a read-only output folder ------------------------------------------------------------------


def _refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make creating files fail as in a read-only folder (for when the tests run as root)."""

    def create(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("osallisuuden_palaset.files.atomicfile._create_temporary", create)


def test_a_read_only_folder_is_a_clear_error_and_the_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(OLD)
    _refused(monkeypatch)
    with pytest.raises(WriteError, match=r"cannot write .*out\.json: the disk is read-only"):
        write_atomic(target, b"{}")
    assert target.read_bytes() == OLD


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="permissions do not stop root (nor work on Windows)"
)
def test_a_folder_without_write_permission_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "lukittu"
    folder.mkdir()
    target = folder / "out.json"
    target.write_bytes(OLD)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(WriteError, match="no permission"):
            write_atomic(target, b"{}")
        result = run_cli(["export", str(EXAMPLE), "--format", "json", "-o", str(target)])
        assert result.exit_code == 1
        assert "ei oikeuksia" in result.stderr
    finally:
        folder.chmod(stat.S_IRWXU)
    assert target.read_bytes() == OLD


@pytest.mark.parametrize(
    "args",
    [
        ["export", str(EXAMPLE), "--format", "json", "-o", "{out}/out.json"],
        ["diagram", str(EXAMPLE), "-o", "{out}/out.gv"],
        ["assess", str(EXAMPLE), "--fail-on", "never", "-o", "{out}/out.txt"],
    ],
    ids=["export", "diagram", "assess"],
)
def test_cli_commands_report_a_read_only_folder_cleanly(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "tulokset"
    out.mkdir()
    argv = [a.replace("{out}", str(out)) for a in args]
    target = Path(argv[-1])
    target.write_bytes(OLD)
    _refused(monkeypatch)
    result = run_cli(argv)
    assert result.exit_code == 1, result.output
    assert "vain luku" in result.stderr
    assert result.stderr.startswith("palaset: ")
    assert "Traceback" not in result.stderr + result.stdout
    assert target.read_bytes() == OLD


# --- dot hanging, missing or failing ------------------------------------------------------------


@pytest.fixture
def fake_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder first on PATH, where a test puts its own ``dot``; PATH keeps only system tools."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}/bin{os.pathsep}/usr/bin")
    return folder


def _script(folder: Path, body: str) -> None:
    script = folder / "dot"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)


def _diagram(tmp_path: Path, *extra: str) -> tuple[Any, Path]:
    target = tmp_path / "kaavio.svg"
    target.write_bytes(OLD)
    return run_cli(["--lang", "en", "diagram", str(EXAMPLE), "-o", str(target), *extra]), target


@posix_only
def test_a_hanging_dot_is_stopped_with_a_clear_error(fake_dot: Path, tmp_path: Path) -> None:
    _script(fake_dot, "exec sleep 30")
    start = time.monotonic()
    result, target = _diagram(tmp_path, "--timeout", "0.5")
    assert time.monotonic() - start < 10
    assert result.exit_code == 1
    assert "took longer than 0.5 s" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == OLD


@posix_only
def test_a_failing_dot_passes_on_its_message(fake_dot: Path, tmp_path: Path) -> None:
    _script(fake_dot, 'cat >/dev/null; echo "Error: <stdin>: syntax error in line 3" >&2; exit 1')
    result, target = _diagram(tmp_path)
    assert result.exit_code == 1
    assert "Graphviz failed" in result.stderr
    assert "syntax error in line 3" in result.stderr
    assert target.read_bytes() == OLD


@posix_only
def test_a_dot_writing_garbage_then_dying_leaves_the_old_file(fake_dot: Path, tmp_path: Path) -> None:
    _script(fake_dot, "cat >/dev/null; printf '<svg>half'; kill -9 $$")
    result, target = _diagram(tmp_path)
    assert result.exit_code == 1
    assert "Graphviz failed" in result.stderr
    assert target.read_bytes() == OLD


def test_a_missing_dot_says_how_to_install_it(
    fake_dot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(fake_dot))  # an empty folder: no dot anywhere
    result, target = _diagram(tmp_path)
    assert result.exit_code == 1
    assert "Graphviz is needed" in result.stderr
    assert "apt-get install graphviz" in result.stderr
    assert target.read_bytes() == OLD
    gv = tmp_path / "kaavio.gv"
    assert run_cli(["diagram", str(EXAMPLE), "-o", str(gv)]).exit_code == 0  # DOT source needs no dot
    assert gv.read_text(encoding="utf-8").startswith("digraph")


@posix_only
def test_a_failing_dot_in_a_folder_run_keeps_every_other_diagram(fake_dot: Path, tmp_path: Path) -> None:
    """One diagram failing neither stops the others nor replaces an earlier drawing of it."""
    _script(fake_dot, 'input=$(cat); case "$input" in *rikkinainen*) echo "bad graph" >&2; exit 7;; esac; '
            """printf '<svg xmlns="http://www.w3.org/2000/svg">ok</svg>'""")  # fmt: skip
    models = tmp_path / "mallit"
    models.mkdir()
    for ident in ("ehja", "rikkinainen"):
        (models / f"{ident}.yaml").write_text(
            f"practice:\n  id: {ident}\n  name: {ident}\n  steps:\n    - id: a\n      name: A\n",
            encoding="utf-8",
        )
    out = tmp_path / "kaaviot"
    out.mkdir()
    earlier = out / "rikkinainen.flow.svg"
    earlier.write_bytes(OLD)
    result = run_cli(["diagram", str(models), "-o", str(out), "--format", "svg", "-j", "2"])
    assert result.exit_code == 1
    assert "exit status 7" in result.stderr
    assert "bad graph" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "ehja.flow.svg").read_bytes() == b'<svg xmlns="http://www.w3.org/2000/svg">ok</svg>'
    assert earlier.read_bytes() == OLD


# --- dot's output checked, its warnings shown, the html export bounded -------------------------

_SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg">'
_SVG_OF = f"{_SVG_OPEN}<text>%s</text></svg>"
_SCALED = "Warning: graph is too large for cairo-renderer bitmaps. Scaling by 0.5 to fit"


@posix_only
def test_dot_warnings_are_shown_by_palaset_diagram(fake_dot: Path, tmp_path: Path) -> None:
    _script(fake_dot, f"cat >/dev/null; echo '{_SCALED}' >&2; printf '{_SVG_OF}' ok")
    result, target = _diagram(tmp_path)
    assert result.exit_code == 0, result.stderr
    assert f"palaset: warning: Graphviz, paivakeskus-hybridi: {_SCALED}" in result.stderr  # --lang en
    assert b"<text>ok</text>" in target.read_bytes()


@posix_only
def test_dot_warnings_are_shown_for_each_diagram_of_a_folder_run(fake_dot: Path, tmp_path: Path) -> None:
    _script(fake_dot, f"cat >/dev/null; echo '{_SCALED}' >&2; printf '{_SVG_OF}' ok")
    models = tmp_path / "mallit"
    models.mkdir()
    (models / "a.yaml").write_text("practice:\n  id: a\n  name: A\n  steps:\n    - id: s\n      name: S\n")
    result = run_cli(["diagram", str(models), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert f"Graphviz, a: {_SCALED}" in result.stderr


@posix_only
@pytest.mark.parametrize("suffix", ["svg", "png", "pdf"])
def test_garbage_from_dot_is_not_written_and_fails(fake_dot: Path, tmp_path: Path, suffix: str) -> None:
    _script(fake_dot, "cat >/dev/null; echo 'this is no picture'")
    target = tmp_path / f"kaavio.{suffix}"
    target.write_bytes(OLD)
    result = run_cli(["--lang", "en", "diagram", str(EXAMPLE), "-o", str(target)])
    assert result.exit_code == 1
    assert f"is not a proper {suffix} file" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == OLD
    fresh = tmp_path / f"uusi.{suffix}"
    assert run_cli(["diagram", str(EXAMPLE), "-o", str(fresh)]).exit_code == 1
    assert not fresh.exists()


def _html(tmp_path: Path, *extra: str) -> tuple[Any, str]:
    target = tmp_path / "raportti.html"
    result = run_cli(["export", str(EXAMPLE), "-f", "html", "-o", str(target), "--no-checks", *extra])
    return result, target.read_text(encoding="utf-8") if target.exists() else ""


@posix_only
def test_the_html_export_inlines_only_checked_svg(fake_dot: Path, tmp_path: Path) -> None:
    _dot_writing(fake_dot, f"{_SVG_OPEN}<script>alert('dot')</script></svg>")
    result, page = _html(tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "alert('dot')" not in page
    assert "Kaavion piirtäminen epäonnistui" in page
    assert "it holds a &lt;script&gt; element" in page


@posix_only
def test_the_html_export_rewrites_the_svg_it_inlines(fake_dot: Path, tmp_path: Path) -> None:
    # An HTML parser ends the comment at "<!-->", so copying it would have made the <img> live.
    _dot_writing(
        fake_dot, "<svg xmlns='http://www.w3.org/2000/svg'><!--><img src=x onerror=alert(1)>-->ok</svg>"
    )
    result, page = _html(tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "onerror" not in page
    svg = '<svg xmlns="http://www.w3.org/2000/svg">ok</svg>'
    assert f'<figure class="diagram"><div class="scroll">{svg}</div>' in page
    assert f"Graphvizin varoitus: {_SCALED}" in page


def _dot_writing(folder: Path, output: str) -> None:
    """A fake dot that writes ``output`` (and a warning) whatever it is given."""
    (folder / "output").write_text(output, encoding="utf-8")
    _script(folder, f"cat >/dev/null; echo '{_SCALED}' >&2; cat '{folder / 'output'}'")


@posix_only
@pytest.mark.parametrize("how", [["--timeout", "0.5"], ["-O", "timeout=0.5"]])
def test_the_html_export_takes_a_timeout(fake_dot: Path, tmp_path: Path, how: list[str]) -> None:
    _script(fake_dot, "exec sleep 30")
    start = time.monotonic()
    result, page = _html(tmp_path, *how)
    assert time.monotonic() - start < 15
    assert result.exit_code == 0, result.stderr
    assert "took longer than 0.5 s" in page


def test_a_wrong_timeout_is_refused_clearly(tmp_path: Path) -> None:
    result, _ = _html(tmp_path, "-O", "timeout=soon")
    assert result.exit_code == 1
    assert (
        "valitsin 'timeout' on sekuntimäärä, suurempi kuin 0 (esim. -O timeout=30), ei 'soon'"
        in result.stderr
    )
    markdown = run_cli(["export", str(EXAMPLE), "-f", "markdown", "--timeout", "5"])
    assert markdown.exit_code == 1
    assert "muoto 'markdown' ei piirrä kaavioita, joten --timeout ei koske sitä" in markdown.stderr
