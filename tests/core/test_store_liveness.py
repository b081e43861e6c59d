"""Work claimed by a live run is never claimed again: not by a claimant racing it, not while the run
starts, not because its lock is asked about from another connection or database.

Seen in CI: two `causemap ingest` processes racing on the same files both stored one paper. On
PostgreSQL the claim's INSERT ... ON CONFLICT DO NOTHING reported rowcount -1 (true) whether or not the
row went in, so a process whose claim lost to the other's, made between its look and its insert, took
the paper as its own. The other tests here hold the rest of the claim path to the same promise.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading

from claimants import race_claims
from sqlalchemy import event

from causemap.store import Store, liveness

_DIES_RUNNING = """
import os, sys
from causemap.store import Store
store = Store(sys.argv[1])
print(store.start_run("ingest"), flush=True)
os.kill(os.getpid(), 9)
"""


def test_a_claim_lost_to_a_claimant_that_came_in_between_is_refused(postgres_server):
    url = postgres_server.create_database()
    with Store(url) as first, Store(url) as second:
        runs = [store.start_run("ingest") for store in (first, second)]
        came_in: list[bool] = []

        def first_claims_meanwhile(_conn, _cursor, statement, *_rest) -> None:
            if not came_in and statement.startswith("INSERT INTO work_claims"):
                came_in.append(first.take_work("ingest", "paper-1", runs[0]) is None)

        event.listen(second._engine, "before_cursor_execute", first_claims_meanwhile)
        try:
            taken = second.take_work("ingest", "paper-1", runs[1])  # it looked before the first claimed
        finally:
            event.remove(second._engine, "before_cursor_execute", first_claims_meanwhile)
        assert came_in == [True]
        assert taken is not None and taken["id"] == runs[0]


def test_processes_claiming_the_same_papers_at_once_get_each_once(store_target):
    keys = [f"paper-{i}" for i in range(30)]
    won = race_claims(store_target, keys, processes=3)
    assert sorted(key for keys_won in won for key in keys_won) == sorted(keys)


def test_a_run_being_started_is_not_closed_by_another_process_starting_one(store_target, monkeypatch):
    Store(store_target).close()  # the schema exists: the two stores below only start runs
    locking, go_on = threading.Event(), threading.Event()
    hold = liveness.hold

    def hold_when_told(*args):  # the starting run is held just before it takes its lock
        locking.set()
        assert go_on.wait(60)
        return hold(*args)

    monkeypatch.setattr(liveness, "hold", hold_when_told)
    with Store(store_target) as starting, Store(store_target) as other:
        started: list[int] = []
        thread = threading.Thread(target=lambda: started.append(starting.start_run("ingest")))
        thread.start()
        try:
            assert locking.wait(60)
            closed = other.close_interrupted_runs()  # what a second process's start_run does first
        finally:
            go_on.set()
            thread.join(60)
        assert closed == []
        assert other.latest_run("ingest")["status"] == "running"
        (run,) = started
        assert starting.take_work("ingest", "paper-1", run) is None
        mine = other.start_run("ingest")
        assert other.take_work("ingest", "paper-1", mine)["id"] == run  # in progress elsewhere


def test_a_finished_runs_lock_is_let_go_while_its_process_goes_on(store_target):
    with Store(store_target) as holder, Store(store_target) as other:
        run = holder.start_run("ingest")
        with other.transaction() as conn:
            assert other.run_is_alive(conn, run)
        holder.finish_run(run, "ok", {})
        with other.transaction() as conn:  # asked from another connection, as another process asks
            assert not other.run_is_alive(conn, run)
        again = holder.start_run("ingest")  # the same process, its pool reused: the new run is alive
        with other.transaction() as conn:
            assert other.run_is_alive(conn, again) and not other.run_is_alive(conn, run)


def test_a_dead_run_is_closed_though_a_run_of_that_number_lives_in_another_database(postgres_server):
    ours, theirs = postgres_server.create_database(), postgres_server.create_database()
    dying = subprocess.run([sys.executable, "-c", _DIES_RUNNING, ours], capture_output=True, text=True)
    assert dying.returncode == -signal.SIGKILL, dying.stderr[-1500:]
    run = int(dying.stdout)
    with Store(theirs) as neighbour, Store(ours) as store:
        assert neighbour.start_run("ingest") == run  # the same number, alive, on the same server
        assert store.close_interrupted_runs() == [run]
        assert store.latest_run("ingest")["status"] == "interrupted"


def test_a_claim_taken_and_let_go_while_another_run_claims_is_then_held_by_that_run(postgres_server):
    url = postgres_server.create_database()
    with Store(url) as first, Store(url) as second, Store(url) as third:
        runs = [store.start_run("ingest") for store in (first, second, third)]
        meanwhile = ["claim", "let go"]  # what the first run does between the second's statements

        def first_run_acts(_conn, _cursor, statement, *_rest) -> None:
            if meanwhile == ["claim", "let go"] and statement.startswith("INSERT INTO work_claims"):
                assert first.take_work("ingest", "paper-1", runs[0]) is None
                meanwhile.pop(0)
            elif meanwhile == ["let go"] and "FOR UPDATE" in statement:
                first.release_work("ingest", "paper-1", runs[0])
                meanwhile.pop(0)

        event.listen(second._engine, "before_cursor_execute", first_run_acts)
        assert second.take_work("ingest", "paper-1", runs[1]) is None
        event.remove(second._engine, "before_cursor_execute", first_run_acts)
        assert meanwhile == []
        assert third.take_work("ingest", "paper-1", runs[2])["id"] == runs[1]
