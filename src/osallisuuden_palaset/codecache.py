"""The code attrs and cattrs generate for the model's classes, compiled once and kept between runs.

Every run defines ~100 attrs classes and cattrs converters, and both libraries write Python
source for their methods and compile it: the largest single cost of starting ``palaset`` after
the imports. The same source always compiles to the same code, so each code object is kept in a
file of its own (``marshal``, named by a checksum of the source, its file name and mode, and
holding that key to compare) in the user's cache folder, per Python version: like
``__pycache__``, a run reads only the entries it needs.

The cache is only an optimisation and fails open: a missing, unreadable, foreign or corrupt
entry means compiling as usual, and an entry that cannot be written is left out. Set
``PALASET_NO_CODE_CACHE=1`` to turn it off. Entries are written atomically (a concurrent run
sees a whole entry or none).
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import os
import re
import sys
import zlib
from pathlib import Path
from types import CodeType
from typing import Any, Final

#: Modules whose generated code is cached: each gets this module's ``compile`` in its globals.
MODULES: Final = ("attr._make", "cattrs.gen", "cattrs.gen.typeddicts")

#: attrs salts each class's ``__hash__`` with ``hash()`` of a name, which differs per process
#: (hash randomisation): the salt is left out of the key. Code from the cache keeps the salt of
#: the run that compiled it, which is as good: a salt only has to be the same within one run.
_SALT: Final = re.compile(r"(return hash\(\(\n\s*)-?\d+,")
_SALTLESS: Final = r"\1SALT,"

_compile = builtins.compile
_folder: Path | None = None
#: What this run found in the cache and what it compiled (for tests and benchmarks).
counts = {"found": 0, "compiled": 0}


def cache_folder() -> Path:
    """Where the cache is: ``$XDG_CACHE_HOME`` (or ``~/.cache``), one folder per Python version."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = sys.implementation.cache_tag or "python"
    return Path(base) / "osallisuuden-palaset" / f"generated-code.{tag}"


def cached_compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
    """``compile``, answered from the cache for plain source text; anything else as it comes."""
    if _folder is None or args or kwargs or not isinstance(source, str) or not isinstance(filename, str):
        return _compile(source, filename, mode, *args, **kwargs)
    key = f"{mode}\0{filename}\0{_SALT.sub(_SALTLESS, source)}"
    raw = key.encode("utf-8", "surrogatepass")
    entry = _folder / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}{len(raw):x}.code"
    code = _read(entry, key, filename)
    if code is not None:
        counts["found"] += 1
        return code
    code = _compile(source, filename, mode)
    counts["compiled"] += 1
    _write(entry, key, code)
    return code


def _read(entry: Path, key: str, filename: str) -> CodeType | None:
    try:
        stored_key, code = marshal.loads(entry.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if stored_key != key or not isinstance(code, CodeType) or code.co_filename != filename:
        return None  # another source with the same checksum, or not ours: compile it
    return code


def _write(entry: Path, key: str, code: CodeType) -> None:
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps((key, code)))
        os.replace(tmp, entry)
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
    global _folder
    if _folder is not None or os.environ.get("PALASET_NO_CODE_CACHE"):
        return
    _folder = cache_folder()
    for name in MODULES:
        module = sys.modules.get(name)
        if module is not None:
            module.compile = cached_compile  # type: ignore[attr-defined]
    sys.meta_path.insert(0, _Patcher())
