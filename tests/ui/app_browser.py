"""What the app's browser tests share: a server on a free port, a Chromium page that may not leave the
machine, and checks that a page shows no exception.

Debian's chromium is driven by Python Playwright (never `playwright install`), headless, in a fresh
profile. Waits are on conditions, with generous timeouts: the tests run on a loaded two-core machine.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
ARTIFACTS = REPO / "test-artifacts" / "ui"
START_TIMEOUT_S = 180
WORK_TIMEOUT_MS = 600_000  # ingest or extraction of real papers, model loading included, on a loaded machine
UI_TIMEOUT_MS = 90_000
# What Streamlit draws for an exception raised by a page (st.exception and uncaught errors).
EXCEPTION_SELECTOR = '[data-testid="stException"]'
PAGES = ["Library", "Claims", "Graph", "Plan", "Ask", "Settings"]


def need_chromium() -> None:
    """Skip, saying why, where Chromium is missing; under CI (``CI`` set, .ci/run installs it) fail."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: apt-get install chromium chromium-driver to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide Chromium (.ci/run installs it): {reason}")
        pytest.skip(reason)
    pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(
    command: Sequence[str], env: dict[str, str], port: int, log: Path, cwd: Path = REPO
) -> Iterator[str]:
    """Run the app's server; yield its URL once it answers; stop it (and its children) at the end."""
    with log.open("w") as out:
        process = subprocess.Popen(
            list(command), env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
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
                    pytest.fail(f"the app did not start: {log.read_text()[-3000:]}")
                time.sleep(0.5)
            yield url
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(30)


@contextmanager
def chromium_page(profile: Path) -> Iterator[tuple[Page, list[str]]]:
    """A page in a fresh Chromium profile, and the list of requests it tried to send off this machine
    (they are blocked)."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    def only_local(route: Route) -> None:
        url = route.request.url
        if urlparse(url).hostname in ("127.0.0.1", "localhost") or url.startswith(
            ("data:", "blob:", "about:")
        ):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        context.set_default_timeout(UI_TIMEOUT_MS)
        context.route("**/*", only_local)
        try:
            yield (context.pages[0] if context.pages else context.new_page()), outside
        finally:
            context.close()


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_page(page: Page, title: str) -> None:
    """Follow the sidebar link to a page and wait for its title."""
    page.get_by_role("link", name=title, exact=True).first.click()
    page.get_by_role("heading", name=title, exact=True).first.wait_for()


def assert_no_exception(page: Page, where: str) -> None:
    """The page shows no Streamlit exception box and no Python error text (call it once the page's
    content has appeared)."""
    boxes = page.locator(EXCEPTION_SELECTOR)
    assert boxes.count() == 0, f"{where}: {boxes.first.inner_text()[:2000]}"
    for text in ("Traceback (most recent call last)", "ModuleNotFoundError", "ImportError"):
        assert page.get_by_text(text).count() == 0, f"{where} shows {text!r}"


def wait_for_network(page: Page) -> object:
    """The Graph page's network, once vis-network has drawn it; returns its frame locator."""
    frame = page.frame_locator('iframe[title="causal knowledge graph"]')
    frame.locator("body[data-ready='1']").wait_for(timeout=UI_TIMEOUT_MS)
    return frame


def wait_until_idle(page: Page, timeout_ms: int = UI_TIMEOUT_MS) -> None:
    """Wait until Streamlit shows no run in progress (its status widget gone); bounded, never fails:
    a page that keeps polling is left as it is."""
    try:
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=timeout_ms)
    except Exception:  # a Playwright TimeoutError: the page polls; go on
        pass


def download(page: Page, button_name: str, attempts: int = 2) -> Path:
    """Click the download button named ``button_name`` and return the downloaded file's path.

    A click that lands while the page reruns can hit the button's old element, and no download starts;
    the click is then repeated on the redrawn button, at most ``attempts`` times. What was downloaded is
    for the caller to check."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(1, attempts + 1):
        wait_until_idle(page)
        button = page.get_by_role("button", name=button_name, exact=True)
        button.wait_for(timeout=UI_TIMEOUT_MS)
        try:
            with page.expect_download(timeout=UI_TIMEOUT_MS) as started:
                button.click()
            return Path(started.value.path())
        except PlaywrightTimeout:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def drive_plan_ask_settings(page: Page, shot_prefix: str) -> None:
    """Make a plan, ask a question and read the settings, each page without an exception, with screenshots."""
    open_page(page, "Plan")
    page.get_by_role("button", name="Make the plan").click()
    page.get_by_role("heading", name="Plan for the whole graph").wait_for(timeout=WORK_TIMEOUT_MS)
    assert_no_exception(page, "Plan")
    screenshot(page, f"{shot_prefix}4-plan")
    open_page(page, "Ask")
    page.get_by_label("Question").fill("What lowers blood pressure?")
    page.get_by_role("button", name="Ask").click()
    page.get_by_text("similarity").first.wait_for(timeout=WORK_TIMEOUT_MS)
    assert_no_exception(page, "Ask")
    screenshot(page, f"{shot_prefix}5-ask")
    open_page(page, "Settings")
    page.get_by_role("heading", name="In effect").wait_for(timeout=UI_TIMEOUT_MS)
    assert_no_exception(page, "Settings")
    screenshot(page, f"{shot_prefix}6-settings")


def widget_input(page: Page, kind: str, label: str):
    """The <input> of the Streamlit widget of ``kind`` ("stTextInput", "stSelectbox", ...) labelled
    ``label`` (a label's help icon makes ``get_by_label`` ambiguous)."""
    return page.locator(f'[data-testid="{kind}"]').filter(has_text=label).locator("input").first
