"""End to end in a real headless Chromium: upload a paper, extract, open the graph, click an edge, read
its evidence. Screenshots of every page go to test-artifacts/ui/.

Debian's chromium is driven by Python Playwright (never `playwright install`). Requests to anything
but the app's own server are blocked and recorded: the app must work offline.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest

from causemap.ui.launch import app_command, app_environment

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts" / "ui"
START_TIMEOUT_S = 60
WORK_TIMEOUT_MS = 180_000  # ingest or extraction of one paper, model loading included
UI_TIMEOUT_MS = 30_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on a free localhost port over an empty workspace; killed at the end."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver to run browser tests")
    pytest.importorskip("playwright.sync_api")
    tmp = tmp_path_factory.mktemp("browser")
    workspace, port = tmp / "workspace", free_port()
    env = app_environment(workspace)
    command = app_command(port)
    log = (tmp / "server.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app did not start: {(tmp / 'server.log').read_text()[-2000:]}")
            time.sleep(0.5)
        yield url, workspace
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        log.close()


@pytest.fixture()
def browser_page(tmp_path: Path) -> Iterator[tuple[object, list[str]]]:
    """A page in a fresh Chromium profile, and the list of outside requests it attempted."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    def only_local(route: Route) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost") or route.request.url.startswith(
            ("data:", "blob:", "about:")
        ):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
            viewport={"width": 1400, "height": 1000},
        )
        context.set_default_timeout(UI_TIMEOUT_MS)
        context.route("**/*", only_local)
        try:
            yield context.pages[0] if context.pages else context.new_page(), outside
        finally:
            context.close()


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_page(page: Page, title: str) -> None:
    page.get_by_role("link", name=title, exact=True).first.click()
    page.get_by_role("heading", name=title, exact=True).first.wait_for()


def test_upload_extract_and_read_an_edge_s_evidence(server, browser_page, sample_papers):
    url, workspace = server
    page, outside = browser_page
    page.goto(url)
    page.get_by_role("heading", name="Library").wait_for()

    # Upload one paper and ingest it in the background.
    page.locator('input[type="file"]').first.set_input_files(str(sample_papers[0]))
    page.get_by_text(sample_papers[0].name).first.wait_for()
    page.get_by_role("button", name="Ingest uploaded files").click()
    page.get_by_role("heading", name="Papers (1)").wait_for(timeout=WORK_TIMEOUT_MS)
    page.get_by_role("heading", name="Last ingest").wait_for(timeout=WORK_TIMEOUT_MS)
    screenshot(page, "1-library")

    # Extract claims with the rules extractor.
    open_page(page, "Claims")
    page.get_by_role("button", name="Run extraction").click()
    page.get_by_text("new claim(s)").wait_for(timeout=WORK_TIMEOUT_MS)
    page.locator("mark[title=cause]").first.wait_for()
    screenshot(page, "2-claims")
    page.get_by_role("tab", name="Table").click()
    page.get_by_role("button", name="Save table edits").wait_for()
    screenshot(page, "2b-claims-table")

    # The graph: wait for the network to settle, click edges until one shows its evidence.
    open_page(page, "Graph")
    frame = page.frame_locator('iframe[title="causal knowledge graph"]')
    frame.locator("body[data-ready='1']").wait_for(timeout=UI_TIMEOUT_MS)
    canvas = frame.locator("#net canvas")
    edge_ids = canvas.evaluate("() => window.causemap.edgeIds()")
    assert edge_ids, "the graph has no edge to click"
    quotes = frame.locator("#panel blockquote")
    for edge_id in edge_ids:
        point = canvas.evaluate(f"() => window.causemap.edgePoint({edge_id!r})")
        canvas.click(position={"x": point["x"], "y": point["y"]})
        if quotes.count():
            break
    assert quotes.count() > 0, "clicking the edges showed no evidence"
    citation = frame.locator("#panel .cite").first.inner_text()
    assert ", p. " in citation  # paper and page
    assert quotes.first.inner_text().strip()
    screenshot(page, "3-graph-edge-evidence")

    # The remaining pages render.
    open_page(page, "Plan")
    page.get_by_role("button", name="Make the plan").click()
    page.get_by_role("heading", name="Plan for the whole graph").wait_for(timeout=WORK_TIMEOUT_MS)
    page.get_by_role("button", name="Protocol (Markdown)").wait_for()
    screenshot(page, "4-plan")
    open_page(page, "Ask")
    page.get_by_label("Question").fill("What lowers blood pressure?")
    page.get_by_role("button", name="Ask").click()
    page.get_by_text("similarity").first.wait_for(timeout=WORK_TIMEOUT_MS)
    screenshot(page, "5-ask")
    open_page(page, "Settings")
    page.get_by_role("heading", name="In effect").wait_for()
    screenshot(page, "6-settings")

    assert not page.get_by_text("Traceback").count()
    assert outside == [], f"the app tried to reach outside servers: {outside[:5]}"
    assert any((workspace / "uploads").iterdir())
