"""How a long verb of the API reports its progress: to a callback, or on stderr.

``progress=True`` has a stage draw its own bar (or a line per step) on stderr; a function
``progress(done, total, what)`` is called as the work goes; None reports nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

__all__ = ["Progress", "ProgressCallback", "tell"]

ProgressCallback = Callable[[int, int, str], None]
"""``progress(done, total, what)``: item ``done`` (0-based) of ``total`` starts; ``what`` names it."""
Progress = bool | ProgressCallback | None


def tell(progress: Progress, done: int, total: int, what: str) -> None:
    """Report a step: to the callback, or (``progress=True``) as a line on stderr."""
    if callable(progress):
        progress(done, total, what)
    elif progress is True:
        print(f"causemap: {what}", file=sys.stderr, flush=True)
