"""The shared evaluation's own scorer (``shared/eval/score.py``, or ``$CAUSEMAP_EVAL_DIR``), which the
scoring tests agree with; tests that need it are marked ``needs_eval`` and skip where it is absent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = Path(os.environ.get("CAUSEMAP_EVAL_DIR", REPO.parent / "shared" / "eval"))
needs_eval = pytest.mark.skipif(
    not (EVAL_DIR / "score.py").exists(), reason="reference scorer (shared/eval) not present"
)


def reference_scores(task: str, gold: Path, pred: Path) -> dict:
    """What ``score.py TASK GOLD PRED`` prints."""
    out = subprocess.run(
        [sys.executable, str(EVAL_DIR / "score.py"), task, str(gold), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)
