"""The docstring examples of the graph stage's modules run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["abbreviations", "versions", "belief", "normalise", "variables", "candidates", "bare_names"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"causemap.graphbuilder.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
