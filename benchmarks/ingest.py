"""Ingest speed, memory and retrieval quality: causemap beside the plain LangChain pipeline, in one run.

    python benchmarks/ingest.py                        # every corpus, both pipelines: prints the table
    python benchmarks/ingest.py --corpus shared        # one corpus (samples | shared | biored)

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

Retrieval check (biored): each abstract's title is the question; a hit when that abstract is among the top 5
passages returned (causemap: ``retrieve``; plain: ``similarity_search``), measured after the first ingest.

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

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PDF_CORPORA = {"samples": REPO / "corpus_samples" / "pdf", "shared": SHARED / "pdfs"}
BIORED = SHARED / "eval" / "dev" / "biored_train_dev.jsonl"
CORPORA = ("samples", "shared", "biored")
TOP_K = 5


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
    from causemap.ingest.embedding import workspace_embedder
    from causemap.ingest.pipeline import ingest_paths
    from causemap.ingest.retrieval import retrieve
    from causemap.ingest.vectorstore import vector_store
    from causemap.workspace import Workspace

    ws = Workspace.open(workdir / "ws")
    t0 = time.perf_counter()
    workspace_embedder(ws)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = ingest_paths(ws, paths, progress=False)
    first = time.perf_counter() - t0
    hits = None
    if titles:
        source_id = {p.id: p.source.rsplit("#", 1)[-1] for p in ws.store.papers()}
        hits = sum(
            record_id in {source_id[p.paper_id] for p in retrieve(ws, title, k=TOP_K)}
            for record_id, title in titles.items()
        )
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
        "hits": hits,
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
    timings, hits = [], None
    for round_ in range(2):
        t0 = time.perf_counter()
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
        if round_ == 0 and titles and store is not None:
            hits = sum(
                record_id in {d.metadata["id"] for d in store.similarity_search(title, k=TOP_K)}
                for record_id, title in titles.items()
            )
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
        "hits": hits,
    }


def child(pipeline: str, corpus: str) -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        paths, titles = _inputs(corpus, Path(tmp))
        runner = run_causemap if pipeline == "causemap" else run_langchain
        result = runner(paths, titles, Path(tmp))
        result["questions"] = len(titles)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["files"] = len(paths)
    print(json.dumps(result))


def _row(r: dict) -> str:
    unit = r["documents"] if r["corpus"] == "biored" else r["pages"]
    retrieval = f"{r['hits'] / r['questions']:.3f}" if r.get("hits") is not None else "–"
    return (
        f"| {r['corpus']} | {r['pipeline']} | {r['files']} | {r['documents']} | {r['pages']} | {r['chunks']} "
        f"| {r['embedded']} | {r['failed']} | {r['first_s']:.1f} | {unit / r['first_s']:.1f} "
        f"| {r['reingest_s']:.2f} | {r['first_s'] / r['reingest_s']:.0f}× | {r['model_load_s']:.1f} "
        f"| {r['peak_rss_mb']:.0f} | {retrieval} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=CORPORA, action="append")
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
        for pipeline in ("causemap", "langchain"):
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
        "| corpus | pipeline | files | documents | pages | chunks | embedded | failed | first: s "
        "| first: pages/s (biored: abstracts/s) | re-ingest: s | first / re-ingest | model load s "
        f"| peak RSS MB | retrieval: own abstract in top {TOP_K} |"
    )
    print("|" + "---|" * 15)
    for r in rows:
        print(_row(r))
    by = {(r["corpus"], r["pipeline"]): r for r in rows}
    print()
    for corpus in CORPORA:
        ours, plain = by.get((corpus, "causemap")), by.get((corpus, "langchain"))
        if ours and plain:
            unit = "documents" if corpus == "biored" else "pages"
            speed = (ours[unit] / ours["first_s"]) / (plain[unit] / plain["first_s"])
            print(f"{corpus}: causemap first ingest at {speed:.2f}× the plain pipeline's {unit}/s")


if __name__ == "__main__":
    main()
