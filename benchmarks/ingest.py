"""Ingest speed and memory: causemap's pipeline beside the plain LangChain one, same files, same model.

    python benchmarks/ingest.py                      # samples and ../shared/pdfs, both pipelines
    python benchmarks/ingest.py --corpus samples     # one corpus

Each (pipeline, corpus) runs in a fresh subprocess, so peak memory (ru_maxrss) is its own. Both pipelines
use the same packaged MiniLM model at the same batch size; model loading is timed apart. "Re-ingest" runs
the same files into the same store again: causemap recognises unchanged files by their SHA-256, the plain
pipeline (PyPDFLoader, RecursiveCharacterTextSplitter, Chroma.from_documents) embeds them all again.
Needs `pip install langchain-community` for PyPDFLoader.
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
CORPORA = {
    "samples": REPO / "corpus_samples" / "pdf",
    "shared": REPO.parent / "shared" / "pdfs",
}


def _pdfs(corpus: str) -> list[Path]:
    return sorted(CORPORA[corpus].glob("*.pdf"))


def run_causemap(paths: list[Path], workdir: Path) -> dict:
    from causemap.ingest.embedding import get_embedder
    from causemap.ingest.pipeline import ingest_paths
    from causemap.workspace import Workspace

    t0 = time.perf_counter()
    get_embedder()
    load = time.perf_counter() - t0
    ws = Workspace.open(workdir / "ws")
    timings = []
    for _ in range(2):  # first ingest, then re-ingest of unchanged files
        t0 = time.perf_counter()
        report = ingest_paths(ws, paths, progress=False)
        timings.append(time.perf_counter() - t0)
    counts = ws.store.counts()
    return {
        "model_load_s": load,
        "first_s": timings[0],
        "reingest_s": timings[1],
        "pages": counts["pages"],
        "chunks": counts["chunks"],
        "failed": len(report.failed),
    }


def run_langchain(paths: list[Path], workdir: Path) -> dict:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_community.document_loaders import PyPDFLoader
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
    timings, pages, chunks, failed = [], 0, 0, 0
    for _ in range(2):
        t0 = time.perf_counter()
        pages = chunks = failed = 0
        docs = []
        for path in paths:
            try:
                loaded = PyPDFLoader(str(path)).load()
            except Exception:  # the plain pipeline has no per-file error handling; count and go on
                failed += 1
                continue
            pages += len(loaded)
            docs.extend(splitter.split_documents(loaded))
        chunks = len(docs)
        if docs:
            Chroma.from_documents(docs, SameModel(), client=client, collection_name="plain")
        timings.append(time.perf_counter() - t0)
    return {
        "model_load_s": load,
        "first_s": timings[0],
        "reingest_s": timings[1],
        "pages": pages,
        "chunks": chunks,
        "failed": failed,
    }


def child(pipeline: str, corpus: str) -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    paths = _pdfs(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        runner = run_causemap if pipeline == "causemap" else run_langchain
        result = runner(paths, Path(tmp))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["files"] = len(paths)
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    parser.add_argument("--child", nargs=2, metavar=("PIPELINE", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    rows = []
    for corpus in args.corpus or ["samples", "shared"]:
        if not _pdfs(corpus):
            print(f"skipping {corpus}: no PDFs in {CORPORA[corpus]}", file=sys.stderr)
            continue
        for pipeline in ("causemap", "langchain"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", pipeline, corpus],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rows.append({"corpus": corpus, "pipeline": pipeline, **json.loads(out.strip().splitlines()[-1])})
    header = (
        "| corpus | pipeline | files | pages | chunks | failed | first: pages/s | first: chunks/s "
        "| re-ingest: s | re-ingest: pages/s | model load s | peak RSS MB |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for r in rows:
        print(
            f"| {r['corpus']} | {r['pipeline']} | {r['files']} | {r['pages']} | {r['chunks']} "
            f"| {r['failed']} "
            f"| {r['pages'] / r['first_s']:.1f} | {r['chunks'] / r['first_s']:.1f} | {r['reingest_s']:.2f} "
            f"| {r['pages'] / r['reingest_s']:.1f} | {r['model_load_s']:.1f} | {r['peak_rss_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
