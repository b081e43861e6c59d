"""A lab's setup beside a laptop's: ingest + extract with 1 and with 3 worker processes.

    python benchmarks/team.py                         # 500 BioRED dev abstracts and ../shared/pdfs
    python benchmarks/team.py --abstracts 100         # the first 100 abstracts only
    python benchmarks/team.py --corpus pdfs --workers 1 3

Setups: SQLite + persistent Chroma in the workspace folder ("laptop"), and PostgreSQL + a Chroma server
("lab"; both started for the run from Debian's PostgreSQL binaries and the chromadb package, as the tests
do, see tests/servers.py). For each setup and worker count, a fresh workspace; W `causemap ingest`
processes are started at once on the same input, then W `causemap extract` processes. Papers per second
is papers stored (or read) divided by the wall time of the whole step (model loading included: each
worker is a fresh process, as it would be on a lab's machines). Peak RSS is the largest of the workers'
(ru_maxrss of each child). After each run the result is checked: every paper once, vectors equal to
chunks, and the same papers, chunks and claims as the single-worker run of the same setup.

The BioRED abstracts are read in place (only title and text are written to a temporary JSONL for a
subset); nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import this_checkout  # first: this checkout's causemap, not the installed one

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "tests"))  # tests/servers.py starts the servers


def abstracts_file(shared: Path, n: int | None, folder: Path) -> Path:
    """The BioRED dev abstracts as ingest reads them (title and text), the first ``n`` of them."""
    out = folder / f"biored_dev_{n or 'all'}.jsonl"
    with (
        (shared / "eval" / "dev" / "biored_train_dev.jsonl").open(encoding="utf-8") as src,
        out.open("w", encoding="utf-8") as dst,
    ):
        for i, line in enumerate(src):
            if n is not None and i >= n:
                break
            record = json.loads(line)
            dst.write(
                json.dumps({"id": record["id"], "title": record["title"], "text": record["text"]}) + "\n"
            )
    return out


def run_workers(command: list[str], count: int, env: dict[str, str], logs: Path) -> dict:
    """Start ``count`` copies of ``command`` at once; wall time, peak RSS, exit codes and --json reports."""
    procs = []
    t0 = time.perf_counter()
    for i in range(count):
        out = (logs / f"{command[3]}-{i}.json").open("w")
        err = (logs / f"{command[3]}-{i}.err").open("w")
        procs.append((subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=REPO), out, err))
    peak_kb, codes = 0, []
    for proc, out, err in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        codes.append(proc.returncode)
        peak_kb = max(peak_kb, usage.ru_maxrss)
        out.close()
        err.close()
    wall = time.perf_counter() - t0
    reports = []
    for i in range(count):
        text = (logs / f"{command[3]}-{i}.json").read_text()
        try:
            reports.append(json.loads(text))
        except json.JSONDecodeError:
            tail = (logs / f"{command[3]}-{i}.err").read_text()[-1500:]
            raise SystemExit(f"{' '.join(command)} printed no JSON report:\n{tail}") from None
    return {"wall_s": wall, "peak_rss_mb": peak_kb / 1024, "exit_codes": codes, "reports": reports}


def measure(inputs: list[Path], workers: int, setup: str, servers: dict, folder: Path, corpus: str) -> dict:
    from causemap.ingest.pipeline import embedded_chunks
    from causemap.ingest.vectorstore import open_vector_store
    from causemap.settings import Settings
    from causemap.workspace import Workspace

    root = folder / f"{corpus}-{setup}-{workers}"  # one fresh workspace per corpus, setup and count
    if setup == "lab":
        chroma = servers["chroma"]
        Settings.load(
            root,
            store={"url": servers["postgres"].create_database("bench")},
            vector={"url": chroma.url, "collection": chroma.collection_name("bench")},
        ).save()
    Workspace.open(root).close()  # the store exists before the workers race on papers
    env = this_checkout.environment({**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"})
    cli = [sys.executable, "-m", "causemap"]
    logs = root / "logs"
    logs.mkdir(parents=True)
    ingest = run_workers([*cli, "ingest", *map(str, inputs), "-w", str(root), "--json"], workers, env, logs)
    extract = run_workers([*cli, "extract", "-w", str(root), "--json"], workers, env, logs)
    with Workspace.open(root) as ws:
        counts = ws.store.counts()
        vectors_match = open_vector_store(ws).ids() == {c.id for c in embedded_chunks(ws, ws.store.chunks())}
        claims = sorted(c.id for c in ws.store.claims())
    stored = [row["paper_id"] for r in ingest["reports"] for row in r["ingested"]]
    return {
        "setup": setup,
        "workers": workers,
        "papers": counts["papers"],
        "papers_by_state": counts["papers_by_state"],
        "chunks": counts["chunks"],
        "claims": len(claims),
        "claim_ids": claims,
        "stored_twice": len(stored) - len(set(stored)),
        "vectors_match_chunks": vectors_match,
        "failed_files": sorted({row["path"] for r in ingest["reports"] for row in r["failed"]}),
        "ingest_s": ingest["wall_s"],
        "ingest_papers_per_s": counts["papers"] / ingest["wall_s"],
        "ingest_peak_rss_mb": ingest["peak_rss_mb"],
        "extract_s": extract["wall_s"],
        "extract_papers_per_s": counts["papers"] / extract["wall_s"],
        "extract_peak_rss_mb": extract["peak_rss_mb"],
        "exit_codes": {"ingest": ingest["exit_codes"], "extract": extract["exit_codes"]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["abstracts", "pdfs"], nargs="+", default=["abstracts", "pdfs"])
    parser.add_argument("--abstracts", type=int, default=None, help="the first N abstracts (default all)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--setups", choices=["laptop", "lab"], nargs="+", default=["laptop", "lab"])
    args = parser.parse_args()
    from servers import start_chroma, start_postgres

    load_before = os.getloadavg()
    servers = {"postgres": start_postgres(), "chroma": start_chroma()} if "lab" in args.setups else {}
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="causemap-team-bench-") as tmp:
            folder = Path(tmp)
            inputs = {
                "abstracts": [abstracts_file(args.shared, args.abstracts, folder)],
                "pdfs": sorted((args.shared / "pdfs").glob("*.pdf")),
            }
            for corpus in args.corpus:
                for setup in args.setups:
                    for workers in args.workers:
                        measured = measure(inputs[corpus], workers, setup, servers, folder, corpus)
                        row = {"corpus": corpus, **measured}
                        rows.append(row)
                        print(json.dumps({k: v for k, v in row.items() if k != "claim_ids"}), flush=True)
    finally:
        for server in servers.values():
            server.stop()
    for row in rows:  # the same result whatever the number of workers
        single = next(
            r for r in rows if (r["corpus"], r["setup"], r["workers"]) == (row["corpus"], row["setup"], 1)
        )
        row["same_as_one_worker"] = all(
            row[k] == single[k] for k in ("papers", "chunks", "claim_ids", "papers_by_state")
        )
    print(f"\nload average before: {load_before[0]:.1f}, after: {os.getloadavg()[0]:.1f} (2 cores)")
    print(
        "| corpus | setup | workers | papers | chunks | claims | ingest papers/s | ingest peak RSS MB "
        "| extract papers/s | extract peak RSS MB | duplicates | vectors = chunks | same as 1 worker |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    columns = ("corpus", "setup", "workers", "papers", "chunks", "claims")
    for r in rows:
        cells = [str(r[c]) for c in columns] + [
            f"{r['ingest_papers_per_s']:.2f}",
            f"{r['ingest_peak_rss_mb']:.0f}",
            f"{r['extract_papers_per_s']:.2f}",
            f"{r['extract_peak_rss_mb']:.0f}",
            str(r["stored_twice"]),
            str(r["vectors_match_chunks"]),
            str(r["same_as_one_worker"]),
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
