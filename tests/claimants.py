"""Processes that claim the same work at the same moment: each opens the store, starts an ingest run,
waits for the same line on stdin, claims its keys, and holds its run until every process has answered.

Used by tests/core/test_store_liveness.py and benchmarks/claim_race.py (which puts tests/ on its path,
as it does for tests/servers.py)::

    won = race_claims(url, ["paper-1", "paper-2"], processes=3)   # the keys each process was given
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence

from causemap.store import Store

_CLAIMANT = """
import json, sys
from causemap.store import Store
store = Store(sys.argv[1])
start_when_told = sys.argv[2] == "start-when-told"
run = None if start_when_told else store.start_run("ingest")
print("ready", flush=True)
sys.stdin.readline()
if run is None:
    run = store.start_run("ingest")
won = [key for key in sys.argv[3:] if store.take_work("ingest", key, run) is None]
print(json.dumps(won), flush=True)
sys.stdin.readline()
store.finish_run(run, "ok", {})
"""


def race_claims(
    url: str, keys: Sequence[str], processes: int = 2, *, start_runs_when_told: bool = False
) -> list[list[str]]:
    """The keys each of ``processes`` claimants was told are its own, in process order.

    Their runs start before the signal (only the claims race) or, with ``start_runs_when_told``, on it
    (starting the runs races too). The schema is made first, so the claimants race only to claim.
    Raises RuntimeError when a claimant does not say it is ready or does not exit cleanly.
    """
    Store(url).close()
    when = "start-when-told" if start_runs_when_told else "start-first"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _CLAIMANT, url, when, *keys],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    try:
        ready = [p.stdout.readline() for p in procs]
        if ready != ["ready\n"] * processes:
            raise RuntimeError(f"claimants not ready: {ready}")
        for p in procs:  # all at once, each holding its run until all have claimed
            p.stdin.write("claim\n")
            p.stdin.flush()
        won = [json.loads(p.stdout.readline()) for p in procs]
        for p in procs:
            p.stdin.write("done\n")
            p.stdin.flush()
        codes = [p.wait(120) for p in procs]
        if any(codes):
            raise RuntimeError(f"claimants exited with {codes}")
    finally:
        for p in procs:
            p.kill()
            p.wait(30)
    return won
