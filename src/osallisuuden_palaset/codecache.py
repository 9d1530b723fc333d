"""The code attrs and cattrs generate for the model's classes, compiled once and kept between runs.

Every run defines ~100 attrs classes and cattrs converters, and both libraries write Python
source for their methods and compile it: ~420 ``compile`` calls, the largest single cost of
starting ``palaset`` (a quarter of ``palaset validate``). The same source always compiles to
the same code, so the code objects are kept in a cache file (``marshal``, keyed by the source,
its file name and mode) in the user's cache folder, per Python version.

The cache is only an optimisation and fails open: a missing, unreadable, foreign or corrupt
file means compiling as usual, and a cache that cannot be written is left alone. Set
``PALASET_NO_CODE_CACHE=1`` to turn it off. It is written once, at exit, and only when this run
compiled something new (atomically: a concurrent run sees the old file or the new one).
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import marshal
import os
import re
import sys
from pathlib import Path
from types import CodeType
from typing import Any, Final

#: Modules whose generated code is cached: each gets this module's ``compile`` in its globals.
MODULES: Final = ("attr._make", "cattrs.gen", "cattrs.gen.typeddicts")
#: A cache holding more entries than this is started afresh (stale entries from old versions).
MAX_ENTRIES: Final = 4000
_MAGIC: Final = b"palaset-code-1\n"

#: attrs salts each class's ``__hash__`` with ``hash()`` of a name, which differs per process
#: (hash randomisation): the salt is left out of the key. Code from the cache keeps the salt of
#: the run that compiled it, which is as good: a salt only has to be the same within one run.
_SALT: Final = re.compile(r"(return hash\(\(\n\s*)-?\d+,")
_SALTLESS: Final = r"\1SALT,"

_compile = builtins.compile
_cache: dict[str, bytes] = {}
_new = 0
_path: Path | None = None
_loaded = False


def cache_file() -> Path:
    """Where the cache is: ``$XDG_CACHE_HOME`` (or ``~/.cache``), one file per Python version."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = sys.implementation.cache_tag or "python"
    return Path(base) / "osallisuuden-palaset" / f"generated-code.{tag}.marshal"


def cached_compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
    """``compile``, answered from the cache for plain source text; anything else as it comes."""
    global _new, _loaded
    if not _loaded:
        _loaded = True
        if _path is not None:
            _load(_path)
    if args or kwargs or not isinstance(source, str) or not isinstance(filename, str):
        return _compile(source, filename, mode, *args, **kwargs)
    key = f"{mode}\0{filename}\0{_SALT.sub(_SALTLESS, source)}"
    found = _cache.get(key)
    if found is not None:
        try:
            code = marshal.loads(found)
        except (ValueError, EOFError, TypeError):
            code = None
        if isinstance(code, CodeType) and code.co_filename == filename:
            return code
    code = _compile(source, filename, mode)
    _cache[key] = marshal.dumps(code)
    _new += 1
    return code


def _load(path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError:
        return
    if not data.startswith(_MAGIC):
        return
    try:
        entries = marshal.loads(data[len(_MAGIC) :])
    except (ValueError, EOFError, TypeError):
        return
    if isinstance(entries, dict) and len(entries) <= MAX_ENTRIES:
        _cache.update({k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, bytes)})


def _save() -> None:
    if not _new or _path is None:
        return
    tmp = _path.with_name(f".{_path.name}.{os.getpid()}.tmp")
    try:
        _path.parent.mkdir(parents=True, exist_ok=True)
        entries = _cache if len(_cache) <= MAX_ENTRIES else {}
        tmp.write_bytes(_MAGIC + marshal.dumps(entries))
        os.replace(tmp, _path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink()


class _Patcher:
    """A finder on ``sys.meta_path`` that gives each of :data:`MODULES` the cached ``compile``.

    The modules are patched when something imports them, so importing this package imports
    neither attrs nor cattrs.
    """

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in MODULES:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        loader = spec.loader if spec is not None else None
        if loader is None or not hasattr(loader, "exec_module"):
            return None
        run = loader.exec_module

        def exec_module(module: Any) -> None:
            run(module)
            module.compile = cached_compile

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def install() -> None:
    """Cache the generated code of :data:`MODULES` from now on (before any model class is defined)."""
    global _path
    if _path is not None or os.environ.get("PALASET_NO_CODE_CACHE"):
        return
    _path = cache_file()
    for name in MODULES:
        module = sys.modules.get(name)
        if module is not None:
            module.compile = cached_compile  # type: ignore[attr-defined]
    sys.meta_path.insert(0, _Patcher())
    atexit.register(_save)
