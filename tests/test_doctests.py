"""Every docstring example in causemap runs and holds (numpydoc ``>>>`` examples are tests too).

Modules are found by their source: any module of the package folders whose text holds ``>>>``. The
app's entry script and pages are left out: importing them runs a Streamlit page.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# folder -> package, as [tool.setuptools.package-dir] in pyproject.toml installs them
PACKAGES = {
    "causemap": "causemap",
    "ingest": "causemap.ingest",
    "graphbuilder": "causemap.graphbuilder",
    "planner": "causemap.planner",
    "ui": "causemap.ui",
}
NOT_IMPORTABLE = ("ui/app.py", "ui/pages/")


def modules_with_examples() -> list[str]:
    found = []
    for folder, package in PACKAGES.items():
        for path in sorted((REPO / folder).rglob("*.py")):
            relative = path.relative_to(REPO).as_posix()
            if relative.startswith(NOT_IMPORTABLE) or ">>>" not in path.read_text(encoding="utf-8"):
                continue
            parts = path.relative_to(REPO / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found.append(".".join((package, *parts)))
    return found


MODULES = modules_with_examples()


def test_the_examples_are_found():
    assert {"causemap.api", "causemap.graphbuilder.belief", "causemap.ingest.clean"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has '>>>' but no example doctest can run"
    assert result.failed == 0
