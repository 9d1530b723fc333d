"""Tests of the one writer: links kept, FIFOs and devices written into, modes kept, changes noticed."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuuden_palaset.files.atomicfile import (
    FileChangedError,
    Snapshot,
    WriteError,
    remove_temporaries,
    write_atomic,
)
from tests.special_files import FULL, NULL, device_copy, fifo

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, device nodes and modes are POSIX")


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- symlinks ----------------------------------------------------------------------------------


def test_write_atomic_to_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "muualla"
    elsewhere.mkdir()
    target = elsewhere / "kohde.md"
    target.write_bytes(b"old")
    link = tmp_path / "linkki.md"
    link.symlink_to(Path("muualla") / "kohde.md")  # relative, resolved from the link's folder
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("muualla") / "kohde.md")
    assert target.read_bytes() == b"new"
    assert not _leftovers(tmp_path)
    assert not _leftovers(elsewhere)


def test_write_atomic_follows_a_chain_of_links_and_a_dangling_one(tmp_path: Path) -> None:
    target = tmp_path / "kohde.txt"
    (tmp_path / "b").symlink_to("kohde.txt")
    (tmp_path / "a").symlink_to("b")
    write_atomic(tmp_path / "a", b"through two links")  # a dangling chain: the target is made
    assert target.read_bytes() == b"through two links"
    assert (tmp_path / "a").is_symlink()
    assert (tmp_path / "b").is_symlink()


def test_write_atomic_to_a_symlink_loop_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(WriteError, match=r"cannot write .*a: the path has a loop of symbolic links"):
        write_atomic(tmp_path / "a", b"x")


def test_write_atomic_to_a_folder_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="it is a folder"):
        write_atomic(tmp_path, b"x")


# --- FIFOs, devices and descriptors: written into, never replaced --------------------------------


@posix_only
def test_write_atomic_into_a_fifo_writes_through_and_keeps_the_fifo(tmp_path: Path) -> None:
    data = b"rivi\n" * 50_000  # more than a pipe holds: the reader must drain while it is written
    with fifo(tmp_path) as (path, reader):
        write_atomic(path, data)
        assert reader.data() == data
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert not _leftovers(tmp_path)


@posix_only
def test_write_atomic_into_a_device_copy_keeps_the_device(tmp_path: Path) -> None:
    null = device_copy(tmp_path, "null", NULL)
    write_atomic(null, b"gone")
    info = os.lstat(null)
    assert stat.S_ISCHR(info.st_mode)
    assert os.major(info.st_rdev) == 1
    assert os.minor(info.st_rdev) == 3
    assert not _leftovers(tmp_path)


@posix_only
def test_write_atomic_into_a_full_device_copy_is_a_clean_error(tmp_path: Path) -> None:
    full = device_copy(tmp_path, "full", FULL)
    with pytest.raises(WriteError, match=r"cannot write .*full: the disk is full; free some space"):
        write_atomic(full, b"x" * 10)
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@posix_only
def test_write_atomic_through_a_symlink_to_a_device_keeps_both(tmp_path: Path) -> None:
    null = device_copy(tmp_path, "null", NULL)
    link = tmp_path / "linkki"
    link.symlink_to("null")
    write_atomic(link, b"x")
    assert link.is_symlink()
    assert stat.S_ISCHR(os.lstat(null).st_mode)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc's descriptor links (Linux)")
def test_write_atomic_into_a_descriptor_link_writes_into_the_open_pipe(tmp_path: Path) -> None:
    """``-o /dev/stdout`` is such a link; a pipe of our own stands for stdout here."""
    read_end, write_end = os.pipe()
    try:
        write_atomic(f"/proc/self/fd/{write_end}", b"to the pipe")
        os.close(write_end)
        write_end = -1
        assert os.read(read_end, 100) == b"to the pipe"
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc's descriptor links (Linux)")
def test_write_atomic_into_a_descriptor_link_to_a_file_appends_and_keeps_the_file(tmp_path: Path) -> None:
    """As ``{ echo first; palaset ... -o /dev/stdout; } > file``: the earlier output stays."""
    target = tmp_path / "tuloste.txt"
    with target.open("wb") as handle:
        handle.write(b"first\n")
        handle.flush()
        inode = os.fstat(handle.fileno()).st_ino
        write_atomic(f"/proc/self/fd/{handle.fileno()}", b"second\n")
    assert target.read_bytes() == b"first\nsecond\n"
    assert target.stat().st_ino == inode


# --- mode and owner ----------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o444])
def test_write_atomic_keeps_the_mode_of_a_replaced_file(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "tiedosto"
    target.write_bytes(b"old")
    target.chmod(mode)
    write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_bytes() == b"new"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0, reason="only root gives files away")
def test_write_atomic_keeps_the_owner_of_a_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "tiedosto"
    target.write_bytes(b"old")
    os.chown(target, 4321, 4322)
    write_atomic(target, b"new")
    info = target.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4322)


@posix_only
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_write_atomic_gives_a_new_file_the_umask_default(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "uusi", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "uusi").stat().st_mode) == 0o666 & ~umask


KINDS = ("missing", "file", "link", "dangling-link")


@posix_only
@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=5000), kind=st.sampled_from(KINDS), mode=st.integers(0o400, 0o777))
def test_write_atomic_law_content_lands_and_what_the_path_is_stays(data: bytes, kind: str, mode: int) -> None:
    """For any bytes and any starting point: the file reads back the bytes, a link stays a link
    pointing where it did, a replaced file keeps its mode, and no temporary file is left."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path, real = folder / "polku", folder / "kohde"
        if kind in ("file", "link"):
            real.write_bytes(b"old")
            real.chmod(mode)
        if kind in ("link", "dangling-link"):
            path.symlink_to("kohde")
        elif kind == "file":
            path = real
        write_atomic(path, data)
        assert path.read_bytes() == data
        assert path.is_symlink() == (kind in ("link", "dangling-link"))
        if kind in ("file", "link"):
            assert stat.S_IMODE(real.stat().st_mode) == mode
        assert not _leftovers(folder)


# --- a file changed meanwhile --------------------------------------------------------------------


def test_write_atomic_refuses_a_file_changed_since_its_snapshot(tmp_path: Path) -> None:
    target = tmp_path / "malli.yaml"
    target.write_bytes(b"as read\n")
    data, snapshot = Snapshot.read(target)
    assert data == b"as read\n"
    target.write_bytes(b"edited meanwhile\n")
    with pytest.raises(FileChangedError, match="changed while palaset was working on it"):
        write_atomic(target, b"the import's result\n", unchanged_since=snapshot)
    assert target.read_bytes() == b"edited meanwhile\n"
    assert not _leftovers(tmp_path)


def test_write_atomic_refuses_a_file_replaced_by_another_of_the_same_content(tmp_path: Path) -> None:
    """An editor that saves by replacing (a new inode) is noticed even if the bytes are alike."""
    target = tmp_path / "malli.yaml"
    target.write_bytes(b"same\n")
    _, snapshot = Snapshot.read(target)
    other = tmp_path / "toinen"
    other.write_bytes(b"same\n")
    os.replace(other, target)
    with pytest.raises(FileChangedError):
        write_atomic(target, b"result\n", unchanged_since=snapshot)


def test_write_atomic_replaces_a_file_unchanged_since_its_snapshot(tmp_path: Path) -> None:
    target = tmp_path / "malli.yaml"
    target.write_bytes(b"as read\n")
    _, snapshot = Snapshot.read(target)
    write_atomic(target, b"result\n", unchanged_since=snapshot)
    assert target.read_bytes() == b"result\n"


def test_write_atomic_refuses_a_file_removed_since_its_snapshot(tmp_path: Path) -> None:
    target = tmp_path / "malli.yaml"
    target.write_bytes(b"as read\n")
    _, snapshot = Snapshot.read(target)
    target.unlink()
    with pytest.raises(FileChangedError):
        write_atomic(target, b"result\n", unchanged_since=snapshot)
    assert not target.exists()


# --- temporaries a killed writer left --------------------------------------------------------------


def test_remove_temporaries_removes_only_the_writers_own_leftovers(tmp_path: Path) -> None:
    (tmp_path / "json").mkdir()
    ours = [tmp_path / "json" / ".kahvila.json.a1b2c3d4.tmp", tmp_path / ".index.html.x_9kq2mz.tmp"]
    theirs = [
        tmp_path / "muistiinpanot.tmp",  # not hidden
        tmp_path / ".kahvila.json.tmp",  # no random part
        tmp_path / ".kahvila.json.a1b2c3d4.tmp.keep",
        tmp_path / "json" / "kahvila.json",
    ]
    for path in ours + theirs:
        path.write_bytes(b"x")
    assert remove_temporaries(tmp_path) == sorted(ours)
    assert all(p.exists() for p in theirs)
    assert not any(p.exists() for p in ours)


def test_a_temporary_of_write_atomic_matches_what_remove_temporaries_removes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The naming pattern is one: what an interrupted write leaves is what a later build removes."""

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", interrupted)
    monkeypatch.setattr("os.unlink", lambda path: None)  # as if killed before cleaning up
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "tulos.json", b"{}")
    monkeypatch.undo()
    left = _leftovers(tmp_path)
    assert len(left) == 1
    assert remove_temporaries(tmp_path) == left
