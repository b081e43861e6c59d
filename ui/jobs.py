"""Long work (ingest, extract) in a background thread, so that the page never freezes.

A page starts a job with ``start_job``; the job calls the same library function the command line calls,
passing it a progress callback. Jobs live in this module (not in a browser session), keyed by workspace,
so a page that is reloaded or opened in a second tab sees the job still running, and only one job writes
to a workspace at a time. Results are stored by the library functions themselves; the job keeps only
what the page shows about the last run.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

ProgressCallback = Callable[[int, int, str], None]
JobStatus = Literal["running", "done", "failed"]
# A job's work waits (at most this long) until a page has drawn its progress bar: loading a model in the
# job's thread (spaCy, the embedding model) can hold the interpreter for seconds, during which the
# page's own rerun, the one that shows the bar and disables the buttons, could not run.
SHOWN_WAIT_S = 1.0


class JobBusy(RuntimeError):
    """Another job is already writing to this workspace."""


@dataclass
class Job:
    key: str  # the workspace it writes to
    kind: str  # "ingest" or "extract"
    label: str
    total: int = 0
    done: int = 0
    current: str = ""
    status: JobStatus = "running"
    result: Any = None
    error: str | None = None
    log: list[str] = field(default_factory=list)  # items started, in order
    started: float = field(default_factory=time.time)
    finished: float | None = None
    serial: int = 0  # distinguishes successive jobs on one workspace
    shown: threading.Event = field(default_factory=threading.Event, repr=False)  # a page drew its progress
    _thread: threading.Thread | None = field(default=None, repr=False)

    def report(self, done: int, total: int, current: str) -> None:
        """The progress callback handed to the library function: item ``done`` of ``total`` starts."""
        self.done, self.total, self.current = done, total, current
        if current and (not self.log or self.log[-1] != current):
            self.log.append(current)

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def fraction(self) -> float:
        if self.status != "running":
            return 1.0
        return min(self.done / self.total, 1.0) if self.total else 0.0

    @property
    def elapsed(self) -> float:
        return (self.finished or time.time()) - self.started

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (for tests and scripts); True if it has ended."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running


_jobs: dict[str, Job] = {}
_lock = threading.Lock()
_serial = 0


def start_job(key: str, kind: str, label: str, work: Callable[[ProgressCallback], Any]) -> Job:
    """Run ``work(progress)`` in a thread; its return value becomes ``job.result``.

    Raises ``JobBusy`` when a job is still running on the same workspace.
    """
    global _serial
    with _lock:
        previous = _jobs.get(key)
        if previous is not None and previous.running:
            raise JobBusy(f"{previous.label} is still running on this workspace; wait for it to finish")
        _serial += 1
        job = Job(key=key, kind=kind, label=label, serial=_serial)
        _jobs[key] = job

    def run() -> None:
        try:
            job.shown.wait(SHOWN_WAIT_S)
            job.result = work(job.report)
            job.status = "done"
        except Exception as exc:  # shown on the page; the thread must not die silently
            job.error = f"{type(exc).__name__}: {exc}"
            job.log.append(traceback.format_exc(limit=5))
            job.status = "failed"
        finally:
            job.finished = time.time()

    job._thread = threading.Thread(target=run, name=f"causemap-{kind}-{job.serial}", daemon=True)
    job._thread.start()
    return job


def current_job(key: str) -> Job | None:
    """The latest job on workspace ``key`` (running or finished), if any was started in this process."""
    with _lock:
        return _jobs.get(key)
