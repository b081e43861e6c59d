"""Two processes start a run and claim the same paper at the same moment, many times over, on a throwaway
PostgreSQL cluster (started as the tests start it); counts the rounds in which both were given the claim.

    python benchmarks/claim_race.py --rounds 40

Each round uses a new database. Both processes open the store, wait for the same line on stdin, then
start a run and claim one key; they hold their runs until both have answered.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import this_checkout  # noqa: F401  (first: this checkout's causemap, not the installed one)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from claimants import race_claims  # noqa: E402
from servers import start_postgres  # noqa: E402


def one_round(url: str) -> bool:
    """Whether both claimants were told the claim is theirs."""
    won = race_claims(url, ["paper-1"], processes=2, start_runs_when_told=True)
    return all(keys == ["paper-1"] for keys in won)


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
