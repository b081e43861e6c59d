"""Ingest speed, memory and retrieval quality: causemap beside the plain LangChain pipeline, in one run.

    python benchmarks/ingest.py                        # every corpus, every pipeline: prints the table
    python benchmarks/ingest.py --corpus shared        # one corpus (samples | shared | biored)
    python benchmarks/ingest.py --pipeline causemap --pipeline langchain   # some pipelines only

Pipelines: ``causemap`` (the defaults: ``ingest.embedding_runtime`` = auto, for a new workspace the int8
ONNX copy of the packaged model), ``causemap-torch`` (the same with the float model through PyTorch) and
``langchain`` (the plain pipeline below, on the float model).

Corpora: the sample PDFs (``corpus_samples/pdf``), the real PDFs of ``../shared/pdfs``, and the 500 BioRED
dev abstracts of ``../shared/eval/dev/biored_train_dev.jsonl`` written as a JSONL export with title and text
only (the title, which BioRED repeats at the start of the text, is taken off the text: the retrieval check
asks for each abstract by its title, and a passage that quotes the question proves nothing).

The plain pipeline is what a user would otherwise write: PyPDFLoader (or one Document per JSONL record),
RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=100), Chroma.from_documents. Both pipelines
embed with the same packaged MiniLM model at the same batch size; model loading is timed apart. Each
(pipeline, corpus) runs in a fresh subprocess, so peak memory (ru_maxrss, this process; causemap's reader
processes are children and not counted) is its own. "Re-ingest" runs the same files into the same store
again: causemap recognises unchanged files by their SHA-256, the plain pipeline embeds them all again.

Retrieval checks (biored), measured after the first ingest: each abstract's title is the question and the top
10 passages are retrieved (causemap: ``retrieve``; plain: ``similarity_search``). "top 5": the abstract is
among the top 5 passages (easy: 500/500 for every pipeline); "top 1": it is the first passage; "MRR@10":
the mean of 1/rank of its first passage among the 10 (0 when absent), which moves with any change in the
ranking, not just a miss. "overlap@10 with torch" (causemap only): the mean share of the 10 chunk ids the
``causemap`` run retrieves that the ``causemap-torch`` run retrieves too for the same question; both
chunk the corpus identically, so this measures what the int8 runtime changes in the neighbours alone.
"first: CPU s" is the CPU time of the first ingest, this process and its reader processes together:
on a loaded machine it is steadier than wall time.

The machine's load average is printed with the table: timings on a loaded machine are slower for both
pipelines, and the side-by-side ratio is the figure to read. Needs ``langchain-community`` (test extra).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import this_checkout  # noqa: F401  (first: this checkout's causemap, not the installed one)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PDF_CORPORA = {"samples": REPO / "corpus_samples" / "pdf", "shared": SHARED / "pdfs"}
BIORED = SHARED / "eval" / "dev" / "biored_train_dev.jsonl"
CORPORA = ("samples", "shared", "biored")
PIPELINES = ("causemap", "causemap-torch", "langchain")
TOP_K = 5
RANKED = 10  # passages retrieved per question for top 1 / MRR / overlap


def _available(corpus: str) -> bool:
    if corpus == "biored":
        return BIORED.is_file()
    return any(PDF_CORPORA[corpus].glob("*.pdf"))


def _biored_export(folder: Path) -> tuple[Path, dict[str, str]]:
    """The BioRED abstracts as a JSONL export ``{"id", "title", "text"}``, and their titles by id."""
    titles, lines = {}, []
    for raw in BIORED.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        title, text = record["title"].strip(), record["text"]
        if text.startswith(title):
            text = text[len(title) :].lstrip()
        titles[str(record["id"])] = title
        lines.append(json.dumps({"id": record["id"], "title": title, "text": text}))
    path = folder / "biored_abstracts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, titles


def _inputs(corpus: str, folder: Path) -> tuple[list[Path], dict[str, str]]:
    if corpus == "biored":
        path, titles = _biored_export(folder)
        return [path], titles
    return sorted(PDF_CORPORA[corpus].glob("*.pdf")), {}


def run_causemap(paths: list[Path], titles: dict[str, str], workdir: Path) -> dict:
    from causemap.ingest.embedding import workspace_embedder, workspace_runtime
    from causemap.ingest.pipeline import ingest_paths
    from causemap.ingest.retrieval import retrieve
    from causemap.ingest.vectorstore import vector_store
    from causemap.workspace import Workspace

    ws = Workspace.open(workdir / "ws")
    t0 = time.perf_counter()
    workspace_embedder(ws)
    load = time.perf_counter() - t0
    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    report = ingest_paths(ws, paths, progress=False)
    first, first_cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
    ranked = {}
    if titles:
        source_id = {p.id: p.source.rsplit("#", 1)[-1] for p in ws.store.papers()}
        for record_id, title in titles.items():
            passages = retrieve(ws, title, k=RANKED)
            ranked[record_id] = [(source_id[p.paper_id], p.chunk_id) for p in passages]
    t0 = time.perf_counter()
    again = ingest_paths(ws, paths, progress=False)
    reingest = time.perf_counter() - t0
    counts = ws.store.counts()
    return {
        "model_load_s": load,
        "first_s": first,
        "reingest_s": reingest,
        "documents": counts["papers"],
        "pages": counts["pages"],
        "chunks": counts["chunks"],
        "embedded": vector_store(ws).count(),
        "failed": len(report.failed),
        "reingest_skipped": len(again.skipped),
        "first_cpu_s": first_cpu,
        "runtime": workspace_runtime(ws),
        **_retrieval(ranked),
    }


def _cpu_seconds() -> float:
    """User + system CPU time of this process and of its finished children (the reader processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _retrieval(ranked: dict[str, list[tuple[str, str]]]) -> dict:
    """Top-5 and top-1 hits and MRR@10 from each question's ranked (record id, chunk id) passages."""
    if not ranked:
        return {"hits": None}
    ranks = [
        next((i for i, (record, _) in enumerate(hits, 1) if record == own), None)
        for own, hits in ranked.items()
    ]
    return {
        "hits": sum(r is not None and r <= TOP_K for r in ranks),
        "top1": sum(r == 1 for r in ranks),
        "mrr": sum(1 / r for r in ranks if r is not None) / len(ranks),
        "neighbours": {own: [chunk for _, chunk in hits] for own, hits in ranked.items()},
    }


def _plain_documents(path: Path) -> list:
    """What a plain pipeline loads from one file: PyPDFLoader's pages, or one Document per record."""
    from langchain_community.document_loaders import PyPDFLoader
    from langchain_core.documents import Document

    if path.suffix == ".jsonl":
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [Document(page_content=r["text"], metadata={"id": str(r["id"])}) for r in records]
    return PyPDFLoader(str(path)).load()


def run_langchain(paths: list[Path], titles: dict[str, str], workdir: Path) -> dict:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from causemap.ingest.embedding import get_embedder

    t0 = time.perf_counter()
    model = get_embedder()
    load = time.perf_counter() - t0

    class SameModel(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return model.embed(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return model.embed([text])[0].tolist()

    client = chromadb.PersistentClient(
        path=str(workdir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=100)
    timings, cpu, ranked = [], [], {}
    for round_ in range(2):
        t0, cpu0 = time.perf_counter(), _cpu_seconds()
        pages = chunks = failed = 0
        docs = []
        for path in paths:
            try:
                loaded = _plain_documents(path)
            except Exception:  # the plain pipeline has no per-file error handling; count and go on
                failed += 1
                continue
            pages += len(loaded)
            docs.extend(splitter.split_documents(loaded))
        chunks = len(docs)
        store = (
            Chroma.from_documents(docs, SameModel(), client=client, collection_name="plain") if docs else None
        )
        timings.append(time.perf_counter() - t0)
        cpu.append(_cpu_seconds() - cpu0)
        if round_ == 0 and titles and store is not None:
            for record_id, title in titles.items():
                found = store.similarity_search(title, k=RANKED)
                ranked[record_id] = [(d.metadata["id"], "") for d in found]
    return {
        "model_load_s": load,
        "first_s": timings[0],
        "reingest_s": timings[1],
        "documents": pages if paths and paths[0].suffix == ".jsonl" else len(paths) - failed,
        "pages": pages,
        "chunks": chunks,
        "embedded": chunks,
        "failed": failed,
        "reingest_skipped": 0,
        "first_cpu_s": cpu[0],
        "runtime": "torch",
        **{k: v for k, v in _retrieval(ranked).items() if k != "neighbours"},
    }


def child(pipeline: str, corpus: str) -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    if pipeline == "causemap-torch":
        os.environ["CAUSEMAP_INGEST__EMBEDDING_RUNTIME"] = "torch"
    with tempfile.TemporaryDirectory() as tmp:
        paths, titles = _inputs(corpus, Path(tmp))
        runner = run_langchain if pipeline == "langchain" else run_causemap
        result = runner(paths, titles, Path(tmp))
        result["questions"] = len(titles)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["files"] = len(paths)
    print(json.dumps(result))


def _row(r: dict, torch_run: dict | None) -> str:
    unit = r["documents"] if r["corpus"] == "biored" else r["pages"]
    retrieval = "– | – | – | –"
    if r.get("hits") is not None:
        n = r["questions"]
        overlap = "–"
        if r.get("neighbours") and torch_run and torch_run.get("neighbours") and r is not torch_run:
            shared = [
                len(set(mine) & set(torch_run["neighbours"].get(q, []))) / RANKED
                for q, mine in r["neighbours"].items()
            ]
            overlap = f"{sum(shared) / len(shared):.3f}"
        retrieval = f"{r['hits'] / n:.3f} | {r['top1'] / n:.3f} | {r['mrr']:.4f} | {overlap}"
    return (
        f"| {r['corpus']} | {r['pipeline']} | {r['runtime']} | {r['files']} | {r['documents']} "
        f"| {r['pages']} | {r['chunks']} | {r['embedded']} | {r['failed']} | {r['first_s']:.1f} "
        f"| {r['first_cpu_s']:.1f} "
        f"| {unit / r['first_s']:.2f} | {r['reingest_s']:.2f} | {r['first_s'] / r['reingest_s']:.0f}× "
        f"| {r['model_load_s']:.1f} | {r['peak_rss_mb']:.0f} | {retrieval} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=CORPORA, action="append")
    parser.add_argument("--pipeline", choices=PIPELINES, action="append")
    parser.add_argument("--child", nargs=2, metavar=("PIPELINE", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    load_before = os.getloadavg()
    rows = []
    for corpus in args.corpus or CORPORA:
        if not _available(corpus):
            print(f"skipping {corpus}: its files are not there", file=sys.stderr)
            continue
        for pipeline in args.pipeline or PIPELINES:
            print(f"{corpus}: {pipeline} ...", file=sys.stderr)
            out = subprocess.run(
                [sys.executable, __file__, "--child", pipeline, corpus],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rows.append({"corpus": corpus, "pipeline": pipeline, **json.loads(out.strip().splitlines()[-1])})
    load_after = os.getloadavg()
    before, after = (", ".join(f"{x:.1f}" for x in load) for load in (load_before, load_after))
    print(f"{os.cpu_count()} CPU cores; load average (1, 5, 15 min) {before} before, {after} after\n")
    print(
        "| corpus | pipeline | runtime | files | documents | pages | chunks | embedded | failed | first: s "
        "| first: CPU s | first: pages/s (biored: abstracts/s) | re-ingest: s | first / re-ingest "
        f"| model load s | peak RSS MB | top {TOP_K} | top 1 | MRR@{RANKED} | overlap@{RANKED} with torch |"
    )
    print("|" + "---|" * 20)
    by = {(r["corpus"], r["pipeline"]): r for r in rows}
    for r in rows:
        print(_row(r, by.get((r["corpus"], "causemap-torch"))))
    print()
    for corpus in CORPORA:
        plain = by.get((corpus, "langchain"))
        for name in ("causemap", "causemap-torch"):
            ours = by.get((corpus, name))
            if ours and plain:
                unit = "documents" if corpus == "biored" else "pages"
                speed = (ours[unit] / ours["first_s"]) / (plain[unit] / plain["first_s"])
                cpu = (ours[unit] / ours["first_cpu_s"]) / (plain[unit] / plain["first_cpu_s"])
                print(
                    f"{corpus}: {name} first ingest at {speed:.2f}× the plain pipeline's {unit}/s "
                    f"({cpu:.2f}× per CPU second)"
                )


if __name__ == "__main__":
    main()
