"""Two processes start a run and claim the same paper at the same moment, many times over, on a throwaway
PostgreSQL cluster (started as the tests start it); counts the rounds in which both were given the claim.

    python benchmarks/claim_race.py --rounds 40

Each round uses a new database. Both processes open the store, wait for the same line on stdin, then
start a run and claim one key; they hold their runs until both have answered.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from servers import start_postgres  # noqa: E402

from causemap.store import Store  # noqa: E402

_CLAIMANT = """
import json, sys
from causemap.store import Store
store = Store(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
run = store.start_run("ingest")
print(json.dumps(store.take_work("ingest", "paper-1", run) is None), flush=True)
sys.stdin.readline()
store.finish_run(run, "ok", {})
"""


def one_round(url: str) -> bool:
    """Whether both claimants were told the claim is theirs."""
    Store(url).close()  # the schema exists before they race
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _CLAIMANT, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    won = [json.loads(p.stdout.readline()) for p in procs]
    for p in procs:
        p.stdin.write("done\n")
        p.stdin.flush()
        p.wait(120)
    return all(won)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    server = start_postgres()
    try:
        both = sum(one_round(server.create_database()) for _ in range(args.rounds))
    finally:
        server.stop()
    print(json.dumps({"rounds": args.rounds, "claimed_by_both": both}))


if __name__ == "__main__":
    main()
