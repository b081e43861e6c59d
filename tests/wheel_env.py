"""causemap as a user installs it: the wheel built from this checkout, installed NON-editable into a fresh
virtual environment, and commands run from the repository's root as a user runs them after
``pip install .``.

What this proves and what it does not, honestly:

- causemap itself comes only from the wheel (``pip install --no-deps`` of the built file): its
  package-dir mapping, its package data (lexicons, belief tables, the app's pages) and its console
  script are what a user gets; the test venv's editable install is not visible in it.
- Its third-party dependencies are NOT installed from PyPI: to save minutes (torch, spaCy, Chroma,
  Streamlit) the fresh venv reads the test venv's site-packages through a ``.pth`` file. The README's
  full ``pip install .`` (dependencies resolved from pyproject.toml) is not repeated here; the
  dependency declarations are checked by ``tests/test_housekeeping.py``.

Use it through the session fixture ``wheel_env`` (tests/conftest.py)::

    def test_something(wheel_env):
        result = wheel_env.run("causemap", "status", "--help")   # from the repository's root
        assert result.returncode == 0

``wheel_env.bin("causemap")`` is the console script, ``wheel_env.python`` the venv's interpreter,
``wheel_env.environ()`` the environment the commands run in (the venv's bin first on PATH, no
PYTHONPATH, models offline). The venv is built once per test session (about a minute).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# What a source distribution of causemap holds: enough to build its wheel.
SOURCE_ITEMS = ("pyproject.toml", "README.md", "causemap", "ingest", "graphbuilder", "planner", "ui")


@dataclass(frozen=True)
class WheelEnv:
    """A venv holding causemap installed from its wheel."""

    root: Path
    wheel: Path

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    def bin(self, name: str) -> Path:
        return self.root / "bin" / name

    def site_packages(self) -> Path:
        out = subprocess.run(
            [str(self.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        )
        return Path(out.stdout.strip())

    def environ(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        env.update(
            PATH=f"{self.root / 'bin'}{os.pathsep}{env.get('PATH', '')}",
            VIRTUAL_ENV=str(self.root),
            HF_HUB_OFFLINE="1",
            TRANSFORMERS_OFFLINE="1",
            ANONYMIZED_TELEMETRY="False",
        )
        env.update(extra)
        return env

    def run(
        self, program: str, *args: str, cwd: Path = REPO, timeout: float = 900, **env: str
    ) -> subprocess.CompletedProcess:
        """Run ``program`` (``python``, ``causemap``, ``streamlit``, ...) from the venv, in ``cwd``."""
        return subprocess.run(
            [str(self.bin(program)), *args],
            cwd=cwd,
            env=self.environ(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def build_wheel(out: Path) -> Path:
    """Build causemap's wheel from a copy of the checkout's sources (the checkout is left untouched)."""
    source = out / "source"
    source.mkdir(parents=True)
    for name in SOURCE_ITEMS:
        item = REPO / name
        if item.is_dir():
            shutil.copytree(item, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(item, source / name)
    dist = out / "dist"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            ".",
        ],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
    (wheel,) = dist.glob("causemap-*.whl")
    return wheel


def make_wheel_env(workdir: Path) -> WheelEnv:
    """Build the wheel, create a venv, install the wheel into it (no dependencies, not editable)."""
    wheel = build_wheel(workdir / "build")
    root = workdir / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True, timeout=300)
    env = WheelEnv(root=root, wheel=wheel)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env.python), "install", "-q", "--no-deps", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"installing the wheel failed:\n{result.stdout}\n{result.stderr}")
    # The dependencies: the test venv's packages, read after the fresh venv's own (see the docstring).
    (env.site_packages() / "_causemap_test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return env
