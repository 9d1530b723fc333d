"""Entry points read from the installed metadata files agree with importlib.metadata's full scan."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path

from osallisuuden_palaset.plugins import entry_points
from osallisuuden_palaset.plugins.manager import ENTRY_POINT_GROUP

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "plugins" / "site"


def _importlib(path: list[str]) -> list[tuple[str, str, str, str]]:
    found = importlib.metadata.distributions(path=path)
    seen: set[str] = set()
    rows = []
    for dist in found:
        key = entry_points.normalized(dist.name)
        if key in seen:
            continue
        seen.add(key)
        rows += [
            (e.name, e.value, dist.name, dist.version)
            for e in dist.entry_points
            if e.group == ENTRY_POINT_GROUP
        ]
    return sorted(rows)


def _ours(path: list[str]) -> list[tuple[str, str, str | None, str | None]]:
    found = entry_points.entry_points(ENTRY_POINT_GROUP, path)
    assert found is not None
    return sorted((e.name, e.value, e.dist_name, e.version) for e in found)


def test_the_installed_plugins_are_found_as_importlib_finds_them() -> None:
    path = [str(SITE), *sys.path]
    assert _ours(path) == _importlib(path)
    assert ("kokeilu-asennettu", "kokeilu_installed", "osallisuuden-palaset-kokeilu", "0.3.0") in _ours(path)


def test_the_package_version_is_read_from_its_metadata() -> None:
    assert entry_points.version("Osallisuuden_Palaset") == importlib.metadata.version("osallisuuden-palaset")
    assert entry_points.version("ei-tällaista-jakelua") is None


def test_a_zip_file_on_the_path_leaves_it_to_importlib(tmp_path: Path) -> None:
    archive = tmp_path / "paketit.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("x.py", "")
    assert entry_points.entry_points(ENTRY_POINT_GROUP, [str(archive)]) is None


def test_a_value_with_an_attribute_and_extras_loads_the_attribute(tmp_path: Path) -> None:
    info = tmp_path / "jakelu-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: Jakelu\nVersion: 1.0\n\nkuvaus\n")
    (info / "entry_points.txt").write_text(
        "[console_scripts]\nx = os:getcwd\n\n# kommentti\n"
        "[osallisuuden_palaset]\npolku = os.path:join [extra]\n"
    )
    (found,) = entry_points.entry_points(ENTRY_POINT_GROUP, [str(tmp_path)]) or []
    assert (found.name, found.dist_name, found.version) == ("polku", "Jakelu", "1.0")
    import os.path

    assert found.load() is os.path.join
