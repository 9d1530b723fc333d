"""A stack with little room left: shows that a walk over a long chain does not recurse, quickly."""

from __future__ import annotations

import contextlib
import inspect
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def few_frames(room: int = 150) -> Iterator[None]:
    """Allow only ``room`` more stack frames inside the block (RecursionError beyond them)."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + room)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)
