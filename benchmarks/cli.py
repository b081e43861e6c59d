"""How fast the command line answers when nothing heavy has to run: help and usage errors (goal: < 1 s).

    python benchmarks/cli.py [--repeat 5]

Each case is a fresh process of the installed console script (``causemap``, beside this Python; it
imports this checkout's package, ``this_checkout.environment()``), as a user types it, from an empty
temporary folder; the wall time of each run is measured and the median and the slowest are printed,
with the median CPU time (user + system, which a loaded machine inflates less than the wall time) and
the machine's load average. The commands check their arguments and the workspace before they import
the settings model, the store or any stage, which is what keeps these fast; a case that exits with
another status than expected is reported, not timed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import this_checkout  # first: this checkout's causemap, not the installed one

# (what is measured, arguments, expected exit status)
CASES = [
    ("causemap --help", ["--help"], 0),
    ("causemap graph --help", ["graph", "--help"], 0),
    ("causemap claims undo --help", ["claims", "undo", "--help"], 0),
    ("unknown command", ["grpah"], 2),
    ("missing workspace (status -w typo)", ["status", "--workspace", "typo"], 2),
    ("ask with an empty question", ["ask", ""], 2),
    ("graph --export in an unknown format", ["graph", "--export", "pdf", "--out", "g.pdf"], 2),
    ("plan --target without an arrow", ["plan", "--target", "exercise causes health"], 2),
    ("claims undo on a missing workspace", ["claims", "undo", "--workspace", "typo"], 2),
]


def console_script() -> list[str]:
    beside = Path(sys.executable).with_name("causemap")
    found = str(beside) if beside.is_file() else shutil.which("causemap")
    return [found] if found else [sys.executable, "-m", "causemap"]


def time_case(
    command: list[str], args: list[str], expected: int, repeat: int, cwd: Path
) -> tuple[list[float], list[float]] | str:
    """Wall and CPU (user + system) seconds of each run, or why the case did not run as expected."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(
            [*command, *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=120,
            env=this_checkout.environment(),
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if result.returncode != expected:
            return f"exit {result.returncode}, expected {expected}: {result.stderr.strip()[:200]}"
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    command = console_script()
    load = os.getloadavg()
    print(
        f"command: {' '.join(command)}; {options.repeat} runs each; load average {load[0]:.1f} {load[1]:.1f}"
    )
    print(f"{'case':<42} {'wall median s':>13} {'wall slowest s':>14} {'CPU median s':>12}")
    with tempfile.TemporaryDirectory(prefix="causemap-cli-bench-") as folder:
        for name, args, expected in CASES:
            timed = time_case(command, args, expected, options.repeat, Path(folder))
            if isinstance(timed, str):
                print(f"{name:<42} {timed}")
                continue
            walls, cpus = timed
            wall, slowest, cpu = statistics.median(walls), max(walls), statistics.median(cpus)
            print(f"{name:<42} {wall:>13.2f} {slowest:>14.2f} {cpu:>12.2f}")
    print(f"load average after: {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
