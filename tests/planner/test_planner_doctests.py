"""The docstring examples of the planner's modules run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["adjustment", "implications", "gaps", "scoring", "targets", "refute", "identification"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"causemap.planner.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
