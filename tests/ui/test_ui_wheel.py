"""The app as a user gets it after ``pip install .``: causemap installed from its wheel (non-editable, in
a fresh venv; see tests/wheel_env.py), ``causemap ui`` started from the repository's root (the folder
whose ``causemap/`` once shadowed the installed package, so that every page failed with
``ModuleNotFoundError``), and every page driven in headless Chromium without an exception.

The workspace is the session's sample workspace (built by the test venv's causemap): what is proved
here is that the installed app reads and shows it, not how it was made.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_browser import (
    REPO,
    assert_no_exception,
    drive_plan_ask_settings,
    free_port,
    need_chromium,
    open_page,
    screenshot,
    serve,
    wait_for_network,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def streamlit_script(port: int) -> str:
    """The script argument of the ``streamlit run`` process serving ``port`` (read from /proc)."""
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().decode().split("\0")
        except (OSError, ValueError):
            continue
        if "run" in argv and "--server.port" in argv and argv[argv.index("--server.port") + 1] == str(port):
            return argv[argv.index("run") + 1]
    raise AssertionError(f"no streamlit process serves port {port}")


def test_every_page_of_the_app_installed_from_the_wheel(wheel_env, browser, sample_template, tmp_path):
    need_chromium()
    workspace = tmp_path / "workspace"
    shutil.copytree(sample_template, workspace)
    port = free_port()
    command = [str(wheel_env.bin("causemap")), "ui", "--workspace", str(workspace), "--port", str(port)]
    page, outside = browser
    with serve(command, wheel_env.environ(), port, tmp_path / "server.log", cwd=REPO) as url:
        # The console script started the installed app's script, not the checkout's.
        script = Path(streamlit_script(port))
        assert script.is_relative_to(wheel_env.site_packages()), script
        page.goto(url)
        page.get_by_role("heading", name="Library").wait_for()
        page.get_by_role("heading", name="Papers (", exact=False).first.wait_for()
        assert_no_exception(page, "Library")
        screenshot(page, "wheel-1-library")

        open_page(page, "Claims")
        page.locator("mark[title=cause]").first.wait_for()
        assert_no_exception(page, "Claims")
        screenshot(page, "wheel-2-claims")

        open_page(page, "Graph")
        frame = wait_for_network(page)
        assert frame.locator("body").evaluate("() => window.causemap.edgeIds().length") > 0
        assert_no_exception(page, "Graph")
        screenshot(page, "wheel-3-graph")

        drive_plan_ask_settings(page, shot_prefix="wheel-")
    log = (tmp_path / "server.log").read_text()
    assert "Traceback" not in log, log[-3000:]
    assert outside == [], f"the app tried to reach outside servers: {outside[:5]}"
