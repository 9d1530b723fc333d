"""Composition: sequence, branch, include, reuse, combine and flatten, never mutating their inputs.

Offers the operations of :mod:`.operations`; :mod:`.flattening` writes includes and reuses
out into one practice, :mod:`.pieces` holds the small pieces both share.
"""

from __future__ import annotations

from osallisuuden_palaset.composing.operations import *  # noqa: F403 - the operations are this package's names
from osallisuuden_palaset.composing.operations import __all__ as __all__
