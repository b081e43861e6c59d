"""How the app is started: one command line for `causemap ui`, the browser tests and the benchmark."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_SCRIPT = Path(__file__).with_name("app.py")


# Streamlit's defaults are made for developing an app, not for running one over a loaded model:
# - runner.postScriptGC runs a full garbage collection after every script run. With torch, transformers
#   and spaCy in memory that takes about a second of CPU while holding the GIL, and the progress bar
#   reruns its fragment every second: an ingest started from the app took 2.4x the CPU time of the same
#   ingest in a terminal (profiled with py-spy; see benchmarks/README.md).
# - server.fileWatcherType watches the app's source files to rerun on save, and rescans every loaded
#   module's path whenever sys.modules changes: work for nothing when nobody edits the app.
RUN_OPTIONS = {
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": "minimal",
    "runner.postScriptGC": "false",
    "server.fileWatcherType": "none",
}


def app_command(port: int, host: str = "127.0.0.1") -> list[str]:
    """``streamlit run`` of the app on ``host:port`` with ``RUN_OPTIONS``."""
    options = {"server.address": host, "server.port": str(port), **RUN_OPTIONS}
    command = [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT)]
    for name, value in options.items():
        command += [f"--{name}", value]
    return command


def app_environment(workspace: Path) -> dict[str, str]:
    """The environment the app runs in: the workspace it shows, and no model downloads."""
    return {**os.environ, "CAUSEMAP_WORKSPACE": str(Path(workspace).resolve()), "HF_HUB_OFFLINE": "1"}
