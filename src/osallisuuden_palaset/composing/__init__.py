"""Composition: sequence, branch, include, reuse, combine and flatten, never mutating their inputs.

Offers the operations of :mod:`.operations`; :mod:`.flattening` writes includes and reuses
out into one practice, :mod:`.pieces` holds the small pieces both share.
"""

from __future__ import annotations

from osallisuuden_palaset.composing.operations import (
    CompositionError,
    Part,
    PracticeLookup,
    branch,
    combine,
    flatten,
    include,
    namespace,
    resolve_reuse,
    reuse,
    sequence,
)

__all__ = [
    "CompositionError",
    "Part",
    "PracticeLookup",
    "branch",
    "combine",
    "flatten",
    "include",
    "namespace",
    "resolve_reuse",
    "reuse",
    "sequence",
]
