"""The same sentence-transformers model, run by ONNX Runtime from a copy made here, offline: int8 or float.

The copy (``onnx_copies``: exported, fused and, for int8, quantised from the model folder's own weights,
and cached by a fingerprint of them) is made once; this module runs it.

The int8 vectors are not the float model's: on BioRED abstracts their cosine to the PyTorch vectors is
about 0.99 (see benchmarks/README.md), so a collection records the runtime as part of its embedding
model's identity and vectors of the two runtimes never share a collection.

The float copy (``kind="float"``: the same export and fusions, not quantised) computes the float model's
vectors (cosine to PyTorch's > 0.99999) and, having no per-call quantisation, may batch texts of similar
length; it embeds variable names for the graph stage (``graph_service.workspace_name_vectors``), where
PyTorch took several times the CPU for the same vectors, and without importing torch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from causemap.ingest.onnx_copies import cached_copy, check_mean_pooling, default_cache


class _OnnxEmbedder:
    """Unit-length vectors from an ONNX copy of a local sentence-transformers model (mean pooling)."""

    kind = "int8"
    side_by_side = False  # texts run at once in threads of one thread each, instead of threads per call

    def __init__(self, folder: Path, name: str, cache: Path | None = None, threads: int = 0) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        check_mean_pooling(folder)
        path = cached_copy(folder, cache or default_cache(), self.kind)
        options = onnxruntime.SessionOptions()
        # Reader processes share the cores: threads that spin while waiting only take CPU from them.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.inter_op_num_threads = 1
        self.threads = threads or os.cpu_count() or 1
        options.intra_op_num_threads = 1 if self.side_by_side else threads  # 0: one per core
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        bert_config = folder / "sentence_bert_config.json"
        max_tokens = (
            json.loads(bert_config.read_text()).get("max_seq_length", 256) if bert_config.is_file() else 256
        )
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(int(max_tokens))
        self._tokenizer.no_padding()
        self.name = name
        self.dimension = int(json.loads((folder / "config.json").read_text())["hidden_size"])
        self.onnx_path = path

    def _pooled(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Mean-pooled, normalised vectors of token id rows run in one call (padded to the longest)."""
        ids = np.zeros((len(rows), max(len(r) for r in rows)), dtype=np.int64)
        mask = np.zeros_like(ids)
        for i, row in enumerate(rows):
            ids[i, : len(row)], mask[i, : len(row)] = row, 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


class OnnxInt8Embedder(_OnnxEmbedder):
    """Unit-length vectors from the int8 ONNX copy of a local sentence-transformers model."""

    runtime = "onnx-int8"
    side_by_side = True

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One model call per distinct text: dynamic quantisation scales the activations by their range
        in the call, so a text batched with others would get a vector that depends on its companions
        (and on their padding). Alone, a text always gets the same vector, as a question does. The calls
        run ``threads`` at a time, one thread each (ONNX Runtime releases the GIL): a single text's
        matrix products are too small to keep two threads busy, two texts side by side are not."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        rows: dict[str, list[int]] = {}
        for text, encoding in zip(texts, self._tokenizer.encode_batch(list(texts)), strict=True):
            rows.setdefault(text, encoding.ids)
        if self.threads > 1 and len(rows) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.threads) as pool:
                vectors = list(pool.map(lambda ids: self._pooled([ids])[0], rows.values()))
        else:
            vectors = [self._pooled([ids])[0] for ids in rows.values()]
        done = dict(zip(rows, vectors, strict=True))
        for row, text in enumerate(texts):
            out[row] = done[text]
        return out


class OnnxFloatEmbedder(_OnnxEmbedder):
    """The float model's vectors from its (unquantised) ONNX copy, texts of similar length batched."""

    kind = "float"
    runtime = "onnx-float"

    def __init__(self, *args: Any, batch_size: int = 32, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Texts sorted by length and run ``batch_size`` at a time, so little padding is computed; padding
        is masked out of attention and pooling, so a text's vector does not depend on its batch beyond
        float rounding (~1e-7)."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        rows = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
        for start in range(0, len(order), self.batch_size):
            part = order[start : start + self.batch_size]
            out[part] = self._pooled([rows[i] for i in part])
        return out
