"""The README's path, from the installed wheel: causemap built, installed non-editable into a fresh venv,
and run from the repository's root, where the checkout's ``causemap/`` folder is on ``sys.path`` of
``python -m`` and ``python -c`` (see tests/wheel_env.py for what the venv borrows from the test venv)."""

from __future__ import annotations

import json

import pytest
from wheel_env import REPO

pytestmark = pytest.mark.slow


def test_the_wheel_holds_causemap_and_every_stage(wheel_env, tmp_path):
    # Outside the checkout nothing can shadow the installed package: this is what the wheel holds.
    code = (
        "import causemap, causemap.graphbuilder, causemap.ingest, causemap.planner, causemap.ui, json; "
        "from causemap.graphbuilder.belief import load_belief_params; load_belief_params(); "
        "print(json.dumps([causemap.__file__, causemap.graphbuilder.__file__]))"
    )
    result = wheel_env.run("python", "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = str(wheel_env.site_packages())
    assert all(path.startswith(site) for path in json.loads(result.stdout))
    assert (wheel_env.site_packages() / "causemap" / "ui" / "app.py").is_file()


def test_python_m_causemap_help_from_the_repository_root(wheel_env):
    result = wheel_env.run("python", "-m", "causemap", "--help")
    assert result.returncode == 0, result.stderr
    assert "ingest" in result.stdout and "demo" in result.stdout


def test_import_of_a_stage_from_the_repository_root(wheel_env):
    result = wheel_env.run("python", "-c", "import causemap.graphbuilder, causemap.ui.launch; print('ok')")
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_the_console_script_runs_the_installed_package(wheel_env):
    result = wheel_env.run("causemap", "--help")
    assert result.returncode == 0, result.stderr
    code = "import causemap.cli, sys; print(sys.modules['causemap'].__file__)"
    where = wheel_env.run("python", "-c", code, cwd=wheel_env.root)
    assert where.stdout.strip().startswith(str(wheel_env.site_packages()))


def test_the_demo_runs_to_completion_from_the_repository_root(wheel_env, tmp_path):
    demo = tmp_path / "causemap-demo"
    result = wheel_env.run("causemap", "demo", "--no-ui", "--workspace", str(demo), timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    n_samples = len(list((REPO / "corpus_samples" / "pdf").glob("*.pdf")))
    assert f"ingest   {n_samples} ingested, 0 already there, 0 failed" in result.stdout
    assert f"open it again with: causemap ui -w {demo}" in result.stdout
    assert (demo / "plan.md").read_text().startswith("#")
    status = wheel_env.run("causemap", "status", "--workspace", str(demo), "--json")
    counts = json.loads(status.stdout)["counts"]
    assert counts["papers"] == n_samples and counts["claims"] > 0 and counts["edges"] > 0


@pytest.mark.parametrize("first", ["", "import this_checkout; "])
def test_a_benchmark_measures_its_checkout_not_the_installed_wheel(wheel_env, tmp_path, first):
    # `python benchmarks/X.py` puts benchmarks/ first on sys.path, as this does; from elsewhere, so that
    # nothing but benchmarks/this_checkout.py can put the checkout before the wheel.
    code = (
        f"import sys; sys.path.insert(0, {str(REPO / 'benchmarks')!r}); {first}"
        "import causemap.graphbuilder as g; print(g.__file__)"
    )
    result = wheel_env.run("python", "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    where = REPO / "graphbuilder" if first else wheel_env.site_packages() / "causemap" / "graphbuilder"
    assert result.stdout.strip() == str(where / "__init__.py")


def test_a_benchmark_script_starts_from_the_installed_wheel(wheel_env):
    result = wheel_env.run("python", "benchmarks/graph_truth.py", "--help")
    assert result.returncode == 0, result.stderr
