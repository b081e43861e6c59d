"""How JSONL abstracts are chunked: sentences without overlap (each embedded once), recorded in the paper's
parser label, provenance intact, and a workspace made before keeps the overlap its abstracts have; and
the model thread that embeds them while the next are stored."""

from __future__ import annotations

import json
from itertools import pairwise

import numpy as np
import sqlalchemy as sa

from causemap.graphbuilder.extract_pipeline import extract_workspace
from causemap.graphbuilder.extractors import make_extractor
from causemap.ingest.chunking import CHUNKING_LABEL
from causemap.ingest.embedding import workspace_embedder
from causemap.ingest.pipeline import ingest_paths
from causemap.ingest.retrieval import retrieve
from causemap.ingest.vectorstore import vector_store
from causemap.models import PaperState
from causemap.workspace import Workspace

# Twelve sentences of about 130 characters each: at 1,000 characters per chunk, two chunks or more.
SENTENCES = [
    f"In cohort {n}, higher dietary sodium intake increased systolic blood pressure among adults "
    f"followed for {n + 2} years in the {name} region."
    for n, name in enumerate(
        ("northern", "southern", "eastern", "western", "central", "coastal")
        + ("upland", "lowland", "island", "river", "valley", "plateau"),
        start=1,
    )
]
ABSTRACT = " ".join(SENTENCES)


def _export(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _chunks_by_paper(ws):
    chunks = {}
    for chunk in ws.store.chunks():
        chunks.setdefault(chunk.paper_id, []).append(chunk)
    return {paper: sorted(found, key=lambda c: c.start) for paper, found in chunks.items()}


def _overlaps(chunks) -> bool:
    return any(b.start < a.end for a, b in pairwise(chunks))


def test_abstract_chunks_do_not_overlap_and_cover_the_text_while_other_files_keep_the_overlap(tmp_path):
    export = _export(tmp_path / "export.jsonl", [{"id": "r1", "title": "Sodium", "text": ABSTRACT}])
    note = tmp_path / "note.txt"
    note.write_text(ABSTRACT, encoding="utf-8")
    ws = Workspace.open(tmp_path / "ws")
    report = ingest_paths(ws, [export, note], progress=False)
    assert len(report.ingested) == 2 and not report.failed
    by_source = {p.source: p for p in ws.store.papers()}
    record, text_file = by_source[f"{export}#r1"], by_source[str(note)]
    chunks = _chunks_by_paper(ws)

    abstract_chunks = chunks[record.id]
    assert len(abstract_chunks) >= 2 and not _overlaps(abstract_chunks)
    page = ws.store.page_text(record.id, 1)
    # every sentence is in exactly one chunk, and each chunk is the page text at its offsets
    for sentence in SENTENCES:
        assert sum(sentence in c.text for c in abstract_chunks) == 1
    assert all(c.text == page[c.start : c.end] for c in abstract_chunks)
    assert record.parser.endswith(f"{CHUNKING_LABEL}, overlap 0")

    assert _overlaps(chunks[text_file.id])  # the default overlap of one sentence, as before
    assert CHUNKING_LABEL not in text_file.parser

    # ask and extraction read the new chunks and the page as before, with their provenance
    passage = retrieve(ws, "sodium intake in the island region", k=3)[0]
    assert (
        passage.provenance.text
        == ws.store.page_text(passage.paper_id, 1)[passage.provenance.start : passage.provenance.end]
    )
    extract_workspace(ws, *make_extractor("rules", ws.settings.extract, ws.store), progress=False)
    claims = [c for c in ws.store.claims() if c.paper_id == record.id]
    assert claims and all(page[c.sentence_start : c.sentence_end] == c.sentence for c in claims)
    ws.close()


def _make_legacy(ws) -> None:
    """Label the stored abstracts as abstracts were labelled before their chunking had a setting."""
    engine = sa.create_engine(f"sqlite:///{ws.store.path}")
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE papers SET parser = substr(parser, 1, instr(parser, ' + chunks') - 1)"))
    engine.dispose()


def test_a_workspace_whose_abstracts_were_chunked_with_overlap_keeps_it_unless_told(tmp_path):
    first = _export(
        tmp_path / "first.jsonl",
        [{"id": "a", "title": "A", "text": ABSTRACT}],
    )
    second = _export(
        tmp_path / "second.jsonl",
        [{"id": "b", "title": "B", "text": ABSTRACT.replace("cohort", "sample")}],
    )
    third = _export(
        tmp_path / "third.jsonl",
        [{"id": "c", "title": "C", "text": ABSTRACT.replace("cohort", "trial")}],
    )
    root = tmp_path / "ws"
    ws = Workspace.open(root, ingest={"abstract_overlap_sentences": 1})
    ingest_paths(ws, [first], progress=False)
    ws.close()
    ws = Workspace.open(root)
    _make_legacy(ws)  # as if stored by the version before: no chunking in the label
    ingest_paths(ws, [second], progress=False)
    by_source = {p.source.rsplit("#", 1)[-1]: p for p in ws.store.papers()}
    chunks = _chunks_by_paper(ws)
    assert _overlaps(chunks[by_source["b"].id])  # unset: the workspace keeps its abstracts' overlap
    assert by_source["b"].parser.endswith(f"{CHUNKING_LABEL}, overlap 1")
    ws.close()

    ws = Workspace.open(root, ingest={"abstract_overlap_sentences": 0})  # told: a new record has none
    ingest_paths(ws, [third], progress=False)
    by_source = {p.source.rsplit("#", 1)[-1]: p for p in ws.store.papers()}
    assert not _overlaps(_chunks_by_paper(ws)[by_source["c"].id])
    assert by_source["c"].parser.endswith(f"{CHUNKING_LABEL}, overlap 0")
    ws.close()


def test_batches_embedded_in_the_model_thread_give_each_chunk_its_own_vector(tmp_path):
    """Two texts per model batch, so the export's chunks are embedded over many batches in the model
    thread while this thread stores the next papers: every stored vector is its own chunk text's."""
    records = [
        {"id": f"r{n}", "title": f"T{n}", "text": ABSTRACT.replace("cohort", f"cohort {n}")}
        for n in range(12)
    ]
    export = _export(tmp_path / "export.jsonl", records)
    ws = Workspace.open(tmp_path / "ws", ingest={"embed_batch_size": 2})
    report = ingest_paths(ws, [export], progress=False)
    assert len(report.ingested) == 12 and all(p.state == PaperState.READY for p in ws.store.papers())
    chunks = ws.store.chunks()
    assert len(chunks) > 4 * 2 * 2  # more than two batches of 4 x embed_batch_size texts
    stored = vector_store(ws).get([c.id for c in chunks])
    vectors = dict(zip(stored["ids"], stored["embeddings"], strict=True))
    expected = workspace_embedder(ws).embed([c.text for c in chunks])
    for chunk, vector in zip(chunks, expected, strict=True):
        assert float(np.dot(vectors[chunk.id], vector)) > 0.9999, chunk.id
    ws.close()
