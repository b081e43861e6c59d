"""How the app is started: one command line for `causemap ui`, the browser tests and the benchmark."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_SCRIPT = Path(__file__).with_name("app.py")


def app_command(port: int, host: str = "127.0.0.1") -> list[str]:
    """``streamlit run`` of the app, headless, on ``host:port``, sending no usage statistics."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT),
        "--server.address", host, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
    ]  # fmt: skip


def app_environment(workspace: Path) -> dict[str, str]:
    """The environment the app runs in: the workspace it shows, and no model downloads."""
    return {**os.environ, "CAUSEMAP_WORKSPACE": str(Path(workspace).resolve()), "HF_HUB_OFFLINE": "1"}
