"""The embedding runtime (torch, or the int8 ONNX copy of the same packaged model), with real files.

The ONNX copy is really made here, from the packaged weights, with the network closed; the vectors are
compared with the float model's; collections made by one runtime refuse the other.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from causemap.ingest.embedding import get_embedder, model_path, workspace_runtime
from causemap.ingest.onnx_copies import (
    ONNX_FILE,
    RECIPES,
    SOURCE_FILE,
    OnnxCopyError,
    cached_copy,
    fingerprint,
    plain_layer_norms,
)
from causemap.ingest.onnx_embedding import OnnxFloatEmbedder, OnnxInt8Embedder
from causemap.ingest.pipeline import ingest_paths
from causemap.ingest.retrieval import retrieve
from causemap.ingest.vectorstore import MODEL_KEY, EmbeddingModelMismatch, vector_store
from causemap.workspace import Workspace

SENTENCES = [
    "Higher coffee intake increased sleep latency in adults.",
    "Aspirin reduced the risk of myocardial infarction in the trial.",
    "Smoking is a major cause of lung cancer.",
    "The weather in the mountains was cold.",
]


REFUSE_NETWORK = """
import socket

_connect = socket.socket.connect


def _refuse(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        raise OSError(f"the test closed the network (connect to {address})")
    return _connect(self, address)


socket.socket.connect = _refuse
"""


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache holding the int8 copy of the packaged model, made with every network connection refused.

    The copy is made by a child Python; a ``sitecustomize`` put first on its path closes the network in
    it (and the same patch closes it here), so a download anywhere in the export would fail the test.
    """
    cache = tmp_path_factory.mktemp("model-cache")
    site = tmp_path_factory.mktemp("closed-network")
    (site / "sitecustomize.py").write_text(REFUSE_NETWORK)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", str(site))
        namespace: dict[str, object] = {}
        exec(REFUSE_NETWORK, namespace)
        try:
            cached_copy(model_path(), cache)
        finally:
            socket.socket.connect = namespace["_connect"]  # type: ignore[method-assign]
    return cache


def _only_copy(cache: Path) -> Path:
    copies = [p.parent for p in cache.glob(f"*/{ONNX_FILE}")]
    assert len(copies) == 1
    return copies[0]


def test_the_copy_is_made_offline_records_its_source_and_is_reused(onnx_cache):
    folder = _only_copy(onnx_cache)
    record = json.loads((folder / SOURCE_FILE).read_text())
    assert record["fingerprint"] == fingerprint(model_path())
    assert record["model_folder"] == str(model_path())
    onnx_file = folder / ONNX_FILE
    assert onnx_file.stat().st_size < (model_path() / "model.safetensors").stat().st_size / 3  # int8
    before = onnx_file.stat()
    assert cached_copy(model_path(), onnx_cache) == onnx_file
    after = onnx_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not made again


def _skip_layer_norm_model(with_bias: bool):
    """A one-node ONNX model: SkipLayerNormalization of x and skip (gamma, beta and perhaps a bias)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(7)
    weights = {name: rng.normal(size=16).astype(np.float32) for name in ("gamma", "beta", "bias")}
    inputs = ["x", "skip", "gamma", "beta"] + (["bias"] if with_bias else [])
    node = helper.make_node(
        "SkipLayerNormalization", inputs, ["y"], name="norm", domain="com.microsoft", epsilon=1e-12
    )
    shape = ["batch", "tokens", 16]
    graph = helper.make_graph(
        [node],
        "g",
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape) for n in ("x", "skip")],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, shape)],
        [numpy_helper.from_array(weights[n], n) for n in inputs[2:]],
    )
    opsets = [helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    return onnx.ModelProto.FromString(helper.make_model(graph, opset_imports=opsets).SerializeToString())


@pytest.mark.parametrize("with_bias", [True, False])
def test_the_fused_layer_norms_rewritten_as_standard_operators_compute_the_same(with_bias):
    import onnxruntime

    fused = _skip_layer_norm_model(with_bias)
    plain = _skip_layer_norm_model(with_bias)
    assert plain_layer_norms(plain) == 1
    assert [n.op_type for n in plain.graph.node] == ["Add"] * (2 if with_bias else 1) + ["LayerNormalization"]
    rng = np.random.default_rng(3)
    feeds = {n: rng.normal(scale=3.0, size=(2, 5, 16)).astype(np.float32) for n in ("x", "skip")}
    outputs = [
        onnxruntime.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"]).run(
            None, feeds
        )[0]
        for m in (fused, plain)
    ]
    assert np.abs(outputs[0]).max() > 0.5  # a real output, not zeros
    assert np.allclose(outputs[0], outputs[1], atol=1e-5)


def test_the_int8_copy_holds_the_standard_layer_norms(onnx_cache):
    import onnx

    ops = {n.op_type for n in onnx.load(str(_only_copy(onnx_cache) / ONNX_FILE)).graph.node}
    assert "LayerNormalization" in ops and "SkipLayerNormalization" not in ops
    assert "QAttention" in ops  # still the int8 attention


def test_int8_vectors_are_close_to_the_float_models_and_keep_its_ranking(onnx_cache):
    quantised = OnnxInt8Embedder(model_path(), "int8", cache=onnx_cache).embed(SENTENCES)
    exact = get_embedder().embed(SENTENCES)
    assert quantised.shape == exact.shape == (4, 384)
    assert np.allclose(np.linalg.norm(quantised, axis=1), 1.0, atol=1e-5)
    cosine = (quantised * exact).sum(axis=1)
    assert cosine.min() > 0.97 and cosine.max() < 0.99999  # close, yet not the float vectors
    # each sentence is still nearest to itself across the two runtimes
    assert list((quantised @ exact.T).argmax(axis=1)) == [0, 1, 2, 3]
    # each text is embedded alone: its vector depends neither on its companions nor on the threads
    assert np.allclose(
        OnnxInt8Embedder(model_path(), "int8", cache=onnx_cache, threads=1).embed(SENTENCES[::-1]),
        quantised[::-1],
        atol=1e-4,
    )


def test_a_copy_whose_file_or_record_no_longer_matches_is_made_again(onnx_cache, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(onnx_cache, cache)
    folder = _only_copy(cache)
    expected = OnnxInt8Embedder(model_path(), "int8", cache=onnx_cache).embed(SENTENCES)
    good = (folder / ONNX_FILE).read_bytes()
    (folder / ONNX_FILE).write_bytes(good[: len(good) // 2])  # a damaged copy
    assert cached_copy(model_path(), cache) == folder / ONNX_FILE
    assert (folder / ONNX_FILE).stat().st_size > len(good) // 2
    again = OnnxInt8Embedder(model_path(), "int8", cache=cache).embed(SENTENCES)
    assert np.allclose(again, expected, atol=1e-4)  # made again from the same weights
    # (a record of other weights: see the test of the process that never imports torch)


def test_another_model_folder_gets_its_own_copy_never_the_packaged_ones(onnx_cache, tmp_path):
    other = tmp_path / "other-model"
    shutil.copytree(model_path(), other)
    weights = bytearray((other / "model.safetensors").read_bytes())
    weights[-4096:] = bytes(4096)  # other weights: the end of the last tensor set to zero
    (other / "model.safetensors").write_bytes(bytes(weights))
    assert fingerprint(other) != fingerprint(model_path())
    cache = tmp_path / "cache"
    shutil.copytree(onnx_cache, cache)
    packaged = _only_copy(cache)
    made = cached_copy(other, cache)
    assert made.parent != packaged
    assert json.loads((made.parent / SOURCE_FILE).read_text())["model_folder"] == str(other)


def test_a_model_that_is_not_mean_pooled_is_refused_by_name(tmp_path):
    other = tmp_path / "cls-model"
    other.mkdir()
    for name in ("config.json", "modules.json", "tokenizer.json", "sentence_bert_config.json"):
        shutil.copy(model_path() / name, other / name)
    (other / "model.safetensors").symlink_to(model_path() / "model.safetensors")
    (other / "1_Pooling").mkdir()
    pooling = json.loads((model_path() / "1_Pooling" / "config.json").read_text())
    pooling.update(pooling_mode_cls_token=True, pooling_mode_mean_tokens=False)
    (other / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    with pytest.raises(OnnxCopyError, match=r"cls-model.*mean-pooled.*embedding_runtime = 'torch'"):
        OnnxInt8Embedder(other, "cls", cache=tmp_path / "cache")
    assert not list((tmp_path).glob("cache/*/model.onnx"))


def test_the_runtime_is_part_of_the_collections_identity_and_the_other_is_refused(
    onnx_cache, tmp_path, sample_pdfs
):
    root = tmp_path / "ws"
    int8 = {"embedding_runtime": "onnx-int8", "model_cache": str(onnx_cache)}
    with Workspace.open(root, ingest=int8) as ws:
        ingest_paths(ws, sample_pdfs[:1], progress=False)
        recorded = vector_store(ws)._col.metadata[MODEL_KEY]
        assert recorded == "packaged:all-MiniLM-L6-v2 [runtime onnx-int8]"
        chunk = next(c for c in ws.store.chunks() if not c.is_references and len(c.text) > 200)
        assert retrieve(ws, chunk.text, k=1)[0].chunk_id == chunk.id
        stored = np.asarray(vector_store(ws).get([chunk.id])["embeddings"][0])
        before = ws.store.counts()
    exact = get_embedder().embed([chunk.text])[0]
    assert 0.95 < float(stored @ exact) < 0.99999  # int8 vectors were stored, not the float ones
    with Workspace.open(root, ingest={"embedding_runtime": "torch"}) as ws:
        with pytest.raises(EmbeddingModelMismatch, match=r"runtime onnx-int8.*embedding_runtime"):
            ingest_paths(ws, sample_pdfs[1:2], progress=False)
        with pytest.raises(EmbeddingModelMismatch):  # a question is refused too, not answered from them
            retrieve(ws, chunk.text, k=1)
        assert ws.store.counts() == before


def test_a_torch_collection_refuses_the_int8_runtime(onnx_cache, tmp_path, sample_pdfs):
    root = tmp_path / "ws"
    with Workspace.open(root, ingest={"embedding_runtime": "torch"}) as ws:
        ingest_paths(ws, sample_pdfs[:1], progress=False)
        assert vector_store(ws)._col.metadata[MODEL_KEY] == "packaged:all-MiniLM-L6-v2"
        n_vectors = vector_store(ws).count()
    int8 = {"embedding_runtime": "onnx-int8", "model_cache": str(onnx_cache)}
    with Workspace.open(root, ingest=int8) as ws:
        with pytest.raises(EmbeddingModelMismatch, match=r"'packaged:all-MiniLM-L6-v2'.*runtime onnx-int8"):
            ingest_paths(ws, sample_pdfs[1:2], progress=False)
    with Workspace.open(root, ingest={"embedding_runtime": "torch"}) as ws:
        assert vector_store(ws).count() == n_vectors


def _stored_vector_and_float(ws: Workspace, paper_id: str) -> tuple[float, str]:
    """The cosine of one stored chunk vector of the paper to the float model's vector of its text."""
    chunk = next(c for c in ws.store.chunks(paper_id) if not c.is_references and len(c.text) > 200)
    stored = np.asarray(vector_store(ws).get([chunk.id])["embeddings"][0])
    return float(stored @ get_embedder().embed([chunk.text])[0]), chunk.id


def test_under_the_default_runtime_a_torch_collection_keeps_torch_and_a_new_one_gets_int8(
    onnx_cache, tmp_path, sample_pdfs
):
    old = tmp_path / "old"
    with Workspace.open(old, ingest={"embedding_runtime": "torch"}) as ws:
        ingest_paths(ws, sample_pdfs[:1], progress=False)
    default = {"model_cache": str(onnx_cache)}  # ingest.embedding_runtime left at its default
    with Workspace.open(old, ingest=default) as ws:
        assert ws.settings.ingest.embedding_runtime == "auto"
        report = ingest_paths(ws, sample_pdfs[1:2], progress=False)
        assert not report.failed and len(report.ingested) == 1
        assert workspace_runtime(ws) == "torch"
        assert vector_store(ws)._col.metadata[MODEL_KEY] == "packaged:all-MiniLM-L6-v2"
        cosine, chunk_id = _stored_vector_and_float(ws, report.ingested[0]["paper_id"])
        assert cosine > 0.99999  # the new paper got float vectors, like the rest of the collection
        text = next(c.text for c in ws.store.chunks() if c.id == chunk_id)
        assert retrieve(ws, text, k=1)[0].chunk_id == chunk_id
    new = tmp_path / "new"
    with Workspace.open(new, ingest=default) as ws:
        report = ingest_paths(ws, sample_pdfs[1:2], progress=False)
        assert workspace_runtime(ws) == "onnx-int8"
        assert vector_store(ws)._col.metadata[MODEL_KEY] == "packaged:all-MiniLM-L6-v2 [runtime onnx-int8]"
        cosine, _ = _stored_vector_and_float(ws, report.ingested[0]["paper_id"])
        assert 0.95 < cosine < 0.99999  # int8 vectors


def test_a_collection_recording_no_model_holds_torch_vectors_under_the_default(
    onnx_cache, tmp_path, sample_pdfs
):
    root = tmp_path / "ws"
    with Workspace.open(root, ingest={"embedding_runtime": "torch"}) as ws:
        ingest_paths(ws, sample_pdfs[:1], progress=False)
        collection = vector_store(ws)._col
        # as a collection made before causemap recorded its model: the key removed (modify replaces)
        collection.modify(metadata={k: v for k, v in collection.metadata.items() if k != MODEL_KEY})
    with Workspace.open(root, ingest={"model_cache": str(onnx_cache)}) as ws:
        report = ingest_paths(ws, sample_pdfs[1:2], progress=False)
        assert workspace_runtime(ws) == "torch"
        assert vector_store(ws)._col.metadata[MODEL_KEY] == "packaged:all-MiniLM-L6-v2"  # now recorded
        cosine, _ = _stored_vector_and_float(ws, report.ingested[0]["paper_id"])
        assert cosine > 0.99999


def test_the_process_embedding_with_the_int8_runtime_never_imports_torch(onnx_cache, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(onnx_cache, cache)
    folder = _only_copy(cache)
    record = json.loads((folder / SOURCE_FILE).read_text())
    # a record of other weights: the copy is made again (by the child Python), not used
    (folder / SOURCE_FILE).write_text(json.dumps({**record, "fingerprint": "0" * 64}))
    before = (folder / ONNX_FILE).stat().st_mtime_ns
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from causemap.ingest.embedding import get_embedder\n"
        f"embedder = get_embedder(runtime='onnx-int8', cache=Path({str(cache)!r}))\n"
        "vectors = embedder.embed(['Smoking causes cancer.'])\n"
        "print(json.dumps({'torch': 'torch' in sys.modules, 'shape': list(vectors.shape)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == {"torch": False, "shape": [1, 384]}
    assert "making the int8 ONNX copy" in done.stderr
    assert (folder / ONNX_FILE).stat().st_mtime_ns != before
    assert json.loads((folder / SOURCE_FILE).read_text())["fingerprint"] == record["fingerprint"]


def test_the_float_copy_gives_the_float_models_vectors_in_batches(tmp_path):
    texts = [*SENTENCES, "coffee intake", "sleep latency", "blood pressure", "risk of myocardial infarction"]
    embedder = OnnxFloatEmbedder(model_path(), "float", cache=tmp_path / "cache", batch_size=3)
    batched = embedder.embed(texts)
    exact = get_embedder().embed(texts)
    assert batched.shape == exact.shape == (8, 384)
    assert float((batched * exact).sum(axis=1).min()) > 0.99999  # the float model's vectors
    # batched by length with other texts, or alone: the same vector (padding is masked out)
    alone = np.stack([embedder.embed([text])[0] for text in texts])
    assert np.allclose(alone, batched, atol=1e-5)
    record = json.loads((embedder.onnx_path.parent / SOURCE_FILE).read_text())
    assert record["recipe"] == RECIPES["float"] != RECIPES["int8"]
