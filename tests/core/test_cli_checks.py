"""The argument checks every command shares (``causemap.cli.common``): each refuses with a usage error
(exit 2) that names what was wrong, and lets a good or absent value through."""

from __future__ import annotations

import pytest

from causemap.cli.common import check_choice, check_file, check_together
from causemap.errors import UsageError


def test_a_choice_outside_the_choices_is_refused_naming_them_all():
    with pytest.raises(UsageError, match=r"unknown colour 'mauve'; choose one of red, green"):
        check_choice("colour", "mauve", ("red", "green"))
    check_choice("colour", "green", ("red", "green"))
    check_choice("colour", None, ("red", "green"))  # not given: the command's default applies


def test_options_that_go_together_are_refused_alone(tmp_path):
    with pytest.raises(UsageError, match="--in and --out go together"):
        check_together("--in", tmp_path, "--out", None)
    with pytest.raises(UsageError, match="--in and --out go together"):
        check_together("--in", None, "--out", tmp_path)
    check_together("--in", tmp_path, "--out", tmp_path)
    check_together("--in", None, "--out", None)


def test_an_input_file_must_be_a_file(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        check_file(tmp_path / "missing.csv", "--data")
    with pytest.raises(UsageError, match="--data"):
        check_file(tmp_path, "--data")  # a folder is not a table
    (tmp_path / "table.csv").write_text("a,b\n1,2\n")
    check_file(tmp_path / "table.csv", "--data")
    check_file(None, "--data")
