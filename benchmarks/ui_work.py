"""Long work started from the app against the same commands in a terminal, on real papers.

    python benchmarks/ui_work.py                       # three papers of ../shared/pdfs
    python benchmarks/ui_work.py --papers A.pdf B.pdf C.pdf

The same papers are processed twice, each time into a fresh workspace:

- terminal: ``causemap ingest FOLDER``, ``causemap extract``, ``causemap graph``, ``causemap plan``, one
  process each (each loads what it needs: the embedding model, spaCy), timed from start to exit;
- app: the app started as ``causemap ui`` starts it (``causemap.ui.launch``), driven in headless
  Chromium: the folder typed on the Library page and *Ingest folder* clicked, *Run extraction* on the
  Claims page, the Graph page opened, *Make the plan* on the Plan page. Each step is timed from the
  click to what the page shows at the end (the last ingest's table, the extraction's summary, the
  network drawn, the plan's heading); for ingest, extraction and the plan also from the click to the first
  progress bar (the goal: within 2 s).

Beside each wall time, the CPU seconds used (the command's process; the app's server, and apart from it
the browser with Playwright's driver):
on a shared machine the wall time includes waiting for a core. The app's server is started before the
first click (its start-up, about the cost of the first command's imports, is printed apart).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import this_checkout  # first: this checkout's causemap, not the installed one

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from ui import process_cpu_seconds  # noqa: E402  (the same CPU accounting as the Graph benchmark)

SHARED_PDFS = REPO.parent / "shared" / "pdfs"
DEFAULT_PAPERS = (  # three real two-column papers of 6 to 12 pages (see ../shared/pdfs/MANIFEST.tsv)
    "health_heart-failure-programmes-patient-experience_Hindawi2010.pdf",
    "health_smoking-cessation-in-pregnancy_physical-activity_RCT_BMJ2015.pdf",
    "health_kcnj11-mutation-sulfonylurea-sensitive-diabetes_Diabetologia2024.pdf",
)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
TIMEOUT_MS = 1_800_000


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def terminal(folder: Path, workspace: Path) -> list[tuple[str, float, float]]:
    """(step, wall s, CPU s) of each command, run as a user runs it."""
    env = this_checkout.environment({**os.environ, "HF_HUB_OFFLINE": "1"})
    steps = [
        ("ingest", ["ingest", str(folder)]),
        ("extract", ["extract"]),
        ("graph", ["graph"]),
        ("plan", ["plan", "--out", str(workspace.parent / "plan.md")]),
    ]
    rows = []
    for name, args in steps:
        command = [sys.executable, "-m", "causemap", *args, "--workspace", str(workspace)]
        cpu, start = children_cpu(), time.perf_counter()
        subprocess.run(
            command, env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        rows.append((name, time.perf_counter() - start, children_cpu() - cpu))
    return rows


def app(folder: Path, workspace: Path) -> tuple[float, list[tuple[str, float, float, float, float | None]]]:
    """The app's start-up, and (step, wall s, server CPU s, browser CPU s, click to first progress s) of
    each step."""
    from playwright.sync_api import expect, sync_playwright

    from causemap.ui.launch import app_command, app_environment

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    server = subprocess.Popen(
        app_command(port),
        env=this_checkout.environment(app_environment(workspace)),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    rows: list[tuple[str, float, float, float, float | None]] = []
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("the app did not start") from None
                time.sleep(0.2)
        startup = time.perf_counter() - start
        with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
            context = p.chromium.launch_persistent_context(
                profile,
                executable_path="/usr/bin/chromium",
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1400, "height": 1000},
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.pages[0] if context.pages else context.new_page()
            progress = page.get_by_text("you can keep working on other pages")

            def step(name: str, click: Callable[[], None], done: Callable[[], None], watch: bool) -> None:
                # The server's CPU apart from the rest (the browser, Playwright's driver, this script):
                # both are descendants of this process.
                server0, all0 = process_cpu_seconds([server.pid]), process_cpu_seconds([os.getpid()])
                t0 = time.perf_counter()
                click()
                first = None
                if watch:
                    progress.first.wait_for()
                    first = time.perf_counter() - t0
                done()
                wall = time.perf_counter() - t0
                server_cpu = process_cpu_seconds([server.pid]) - server0
                other_cpu = process_cpu_seconds([os.getpid()]) - all0 - server_cpu
                rows.append((name, wall, server_cpu, other_cpu, first))

            page.goto(url)
            page.get_by_role("heading", name="Library").wait_for()
            box = (
                page.locator('[data-testid="stTextInput"]')
                .filter(has_text="Or ingest a folder")
                .locator("input")
            )
            box.fill(str(folder))
            box.press("Enter")
            button = page.get_by_role("button", name="Ingest folder")
            expect(button).to_be_enabled()
            step(
                "ingest",
                button.click,
                lambda: page.get_by_role("heading", name="Last ingest").wait_for(),
                watch=True,
            )
            page.goto(f"{url}/claims")
            page.get_by_role("heading", name="Claims").wait_for()
            step(
                "extract",
                page.get_by_role("button", name="Run extraction").click,
                lambda: page.get_by_text("new claim(s)").wait_for(),
                watch=True,
            )
            step(
                "graph",
                lambda: page.goto(f"{url}/graph"),
                lambda: (
                    page.frame_locator('iframe[title="causal knowledge graph"]')
                    .locator("body[data-ready='1']")
                    .wait_for()
                ),
                watch=False,
            )
            page.goto(f"{url}/plan")
            page.get_by_role("button", name="Make the plan").wait_for()
            step(
                "plan",
                page.get_by_role("button", name="Make the plan").click,
                lambda: page.get_by_role("heading", name="Plan for the whole graph").wait_for(),
                watch=True,  # a background job since the planner's spinner went
            )
            context.close()
    finally:
        os.killpg(server.pid, 15)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
            server.wait(10)
    return startup, rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", nargs="+", type=Path, default=[SHARED_PDFS / n for n in DEFAULT_PAPERS])
    args = parser.parse_args()
    missing = [str(p) for p in args.papers if not p.is_file()]
    if missing:
        parser.error(f"not found: {', '.join(missing)}")
    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "papers"
        folder.mkdir()
        for paper in args.papers:
            shutil.copy2(paper, folder / paper.name)
        cli_rows = terminal(folder, Path(tmp) / "cli" / "workspace")
        startup, app_rows = app(folder, Path(tmp) / "app" / "workspace")
    print(f"app server start-up {startup:.1f} s (before the first click)")
    print(
        f"{'step':<8} {'terminal wall':>13} {'CPU':>7} {'app wall':>9} {'server CPU':>10} "
        f"{'browser CPU':>11} {'first progress':>15}"
    )
    for (name, wall, cpu), (_, app_wall, server_cpu, other_cpu, first) in zip(
        cli_rows, app_rows, strict=True
    ):
        shown = f"{first:.1f} s" if first is not None else "-"
        print(
            f"{name:<8} {wall:11.1f} s {cpu:5.1f} s {app_wall:7.1f} s {server_cpu:8.1f} s "
            f"{other_cpu:9.1f} s {shown:>15}"
        )
    total = sum(r[1] for r in cli_rows), sum(r[1] for r in app_rows)
    print(f"{'total':<8} {total[0]:11.1f} s {'':>7} {total[1]:7.1f} s")
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
