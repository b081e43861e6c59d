"""Benchmarks measure the checkout they sit in, not whichever causemap the environment installed.

``python benchmarks/X.py`` puts ``benchmarks/`` first on the path, not the repository, so a plain
``import causemap`` would find the installed package (a wheel, or another checkout's editable install).
Each benchmark imports this module before causemap: it puts this checkout first, where its
``causemap/`` joins the stages beside it (``causemap/__init__.py``), and ``environment()`` does the same
for the processes a benchmark starts (the console script, the app's server, a child run).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def use_this_checkout() -> None:
    """Put this checkout first on ``sys.path``; refuse if another causemap was already imported."""
    if str(REPO) not in sys.path[:1]:
        sys.path.insert(0, str(REPO))
    loaded = sys.modules.get("causemap")
    if loaded is not None and Path(loaded.__file__ or "").resolve().parent != REPO / "causemap":
        raise RuntimeError(f"causemap was imported from {loaded.__file__} before {REPO} was put first")


def environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: this process's environment) with this checkout first on ``PYTHONPATH``."""
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


use_this_checkout()
