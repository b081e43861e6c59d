"""What a newcomer relies on: lint and format are clean, and every imported package is declared.

These run with the README's test command, so CI checks them on every change.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE_FOLDERS = ("causemap", "ingest", "graphbuilder", "planner", "ui")
OTHER_FOLDERS = ("tests", "benchmarks", "examples", "corpus_samples")


def ruff(*args: str) -> subprocess.CompletedProcess:
    executable = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if executable is None:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    return subprocess.run([executable, *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_check_is_clean():
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def _requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> tuple[set[str], set[str]]:
    """(dependencies, dependencies plus every extra), as normalised distribution names."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    core = {_requirement_name(r) for r in project["dependencies"]}
    extras = {_requirement_name(r) for group in project["optional-dependencies"].values() for r in group}
    return core, core | extras


def _imports(folders: tuple[str, ...]) -> dict[str, set[str]]:
    """Top-level module name -> the files that import it, for the third-party imports in ``folders``."""
    found: dict[str, set[str]] = {}
    local = {path.stem for folder in folders for path in (REPO / folder).rglob("*.py")}
    for folder in folders:
        for path in (REPO / folder).rglob("*.py"):
            if ".venv" in path.parts or "venv" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top == "causemap" or top in local:
                        continue
                    found.setdefault(top, set()).add(str(path.relative_to(REPO)))
    return found


def _undeclared(imports: dict[str, set[str]], declared: set[str]) -> dict[str, list[str]]:
    distributions = packages_distributions()
    missing = {}
    for module, files in imports.items():
        names = {d.lower().replace("_", "-") for d in distributions.get(module, [])}
        names = names or {module.lower().replace("_", "-")}  # not installed here: judged by its own name
        if not names & declared:
            missing[module] = sorted(files)
    return missing


def test_every_package_the_code_imports_is_declared():
    _, everything = _declared()
    assert _undeclared(_imports(PACKAGE_FOLDERS), everything) == {}


def test_every_package_the_tests_and_benchmarks_import_is_declared():
    _, everything = _declared()
    assert _undeclared(_imports(OTHER_FOLDERS), everything) == {}


def _shipped_folders() -> set[str]:
    """The dotted names the package folders install as: every tracked folder holding a file."""
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    tracked = subprocess.run(
        ["git", "ls-files", "--", *PACKAGE_FOLDERS], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    folders = set()
    for dotted, folder in setuptools["package-dir"].items():
        for path in tracked:
            parent = Path(path).parent
            if parent == Path(folder) or Path(folder) in parent.parents:
                folders.add(".".join([dotted, *parent.relative_to(folder).parts]))
    return folders


def test_every_folder_that_ships_is_a_declared_package():
    # A folder missing from `packages` is left out of the wheel (or, for a data-only folder such as
    # resources/, shipped with a BuildBackendWarning that a later setuptools turns into an omission).
    declared = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    assert _shipped_folders() - declared == set()


def test_every_benchmark_that_imports_causemap_puts_its_checkout_first():
    # benchmarks/this_checkout.py, imported before causemap: else `python benchmarks/X.py` measures
    # whichever causemap is installed.
    late = []
    for path in sorted((REPO / "benchmarks").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = {
            node.lineno: alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
        }
        first = min(
            (n for n, name in lines.items() if name.split(".")[0] in ("causemap", "claimants")), default=None
        )
        checkout = min((n for n, name in lines.items() if name == "this_checkout"), default=None)
        if first is not None and (checkout is None or checkout > first):
            late.append(path.name)
    assert late == []
