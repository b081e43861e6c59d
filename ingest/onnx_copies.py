"""ONNX copies of a local sentence-transformers model, made here, offline, and cached: int8 or float.

The copy is made once from the model folder's own weights: PyTorch's TorchScript exporter writes the
transformer as ONNX, ONNX Runtime's BERT optimizer fuses attention, layer norms and GELU, and its dynamic
quantisation stores the weights of the matrix products as int8 (per output channel) while activations are
quantised on the fly; the int8 copy then has its fused residual-and-layer-norm nodes written back as the
standard operators (``plain_layer_norms``: the same arithmetic, a faster CPU kernel). Nothing is
downloaded. The copy is cached under ``ingest.model_cache`` in a folder
named by a fingerprint of the source model (SHA-256 of its weights and configuration, plus the recipe),
with a ``source.json`` recording what it was made from and the SHA-256 of the ONNX file itself; a copy
whose record disagrees with the model folder or whose file was changed is made again, never used.

Making a copy needs torch and the ONNX tools, running one (``onnx_embedding``) only ONNX Runtime and the
tokenizer: the two stand apart, and a copy is made in a child Python (``main``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Changing any step of how a copy is made changes its recipe, so that older copies are made again.
RECIPES = {
    "int8": "torchscript-opset17+bert-fusion+dynamic-int8-per-channel+plain-layer-norm/2",
    "float": "torchscript-opset17+bert-fusion/1",
}
RECIPE = RECIPES["int8"]
ONNX_FILE = "model.onnx"
SOURCE_FILE = "source.json"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# The files that decide what the model computes; weights are whichever of these the folder has.
MODEL_FILES = (
    "config.json",
    "tokenizer.json",
    "sentence_bert_config.json",
    "modules.json",
    "1_Pooling/config.json",
    "model.safetensors",
    "pytorch_model.bin",
)


class OnnxCopyError(RuntimeError):
    """The model folder cannot be run by the ONNX runtime; the message names the folder and why."""


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "causemap" / "models"


def fingerprint(folder: Path, kind: str = "int8") -> str:
    """SHA-256 over the recipe and the model folder's configuration and weight files (names and bytes)."""
    digest = hashlib.sha256(RECIPES[kind].encode())
    found = False
    for name in MODEL_FILES:
        path = folder / name
        if not path.is_file():
            continue
        found = found or name.startswith(("model.", "pytorch_model"))
        digest.update(f"\0{name}\0".encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    if not found:
        raise OnnxCopyError(f"embedding model folder {folder} holds no weights (model.safetensors)")
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_mean_pooling(folder: Path) -> None:
    """The copy reproduces Transformer -> mean pooling -> normalisation; refuse any other model."""
    modules = json.loads((folder / "modules.json").read_text()) if (folder / "modules.json").is_file() else []
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    pooling = folder / "1_Pooling" / "config.json"
    mean = pooling.is_file() and json.loads(pooling.read_text()).get("pooling_mode_mean_tokens") is True
    others = pooling.is_file() and any(
        v is True for k, v in json.loads(pooling.read_text()).items() if k != "pooling_mode_mean_tokens"
    )
    if kinds[:2] != ["Transformer", "Pooling"] or kinds[2:] not in ([], ["Normalize"]) or not mean or others:
        raise OnnxCopyError(
            f"embedding model folder {folder}: the onnx-int8 runtime runs mean-pooled sentence-transformers "
            f"models only (this one is {' -> '.join(kinds) or 'not a sentence-transformers folder'}); "
            "use ingest.embedding_runtime = 'torch'"
        )


def cached_copy(folder: Path, cache: Path, kind: str = "int8") -> Path:
    """The ONNX copy (``kind``: int8 or float) of the model in ``folder``: the cached one if its record
    matches, else made now.

    Processes making the same copy at once take turns (a file lock); the file is written under a
    temporary name and renamed, so a killed export leaves no half-written copy behind.
    """
    from filelock import FileLock

    source = fingerprint(folder, kind)
    target = cache / source[:32]
    target.mkdir(parents=True, exist_ok=True)
    with FileLock(target / ".lock", timeout=600):
        if _valid(target, source, kind):
            return target / ONNX_FILE
        _make_copy(folder, target, kind)
        record = {
            "fingerprint": source,
            "recipe": RECIPES[kind],
            "model_folder": str(folder),
            "onnx_sha256": _file_sha256(target / ONNX_FILE),
        }
        (target / SOURCE_FILE).write_text(json.dumps(record, indent=2), encoding="utf-8")
    return target / ONNX_FILE


def _valid(target: Path, source: str, kind: str) -> bool:
    """Whether the copy in ``target`` was made from the model with fingerprint ``source``, unchanged since."""
    try:
        record = json.loads((target / SOURCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if record.get("fingerprint") != source or record.get("recipe") != RECIPES[kind]:
        return False
    onnx_file = target / ONNX_FILE
    return onnx_file.is_file() and _file_sha256(onnx_file) == record.get("onnx_sha256")


def _make_copy(folder: Path, target: Path, kind: str) -> None:
    """Make the copy in a child Python (``python -m causemap.ingest.onnx_copies FOLDER OUT KIND``) and
    move it into ``target`` when the child succeeded.

    The export imports PyTorch and leaves gigabytes of freed heap behind; in a child they go when it
    exits, so the process that embeds (and forks the reader workers, whose memory limit counts from the
    address space they inherit) never imports torch for this runtime at all.
    """
    print(f"making the {kind} ONNX copy of {folder} in {target} (once)", file=sys.stderr)
    import causemap

    # the child imports the causemap this process runs (a checkout's or the installed one)
    import_root = str(Path(causemap.__file__).resolve().parent.parent)
    path = os.pathsep.join(p for p in (import_root, os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": path}
    with tempfile.TemporaryDirectory(dir=target) as tmp:
        made = Path(tmp) / ONNX_FILE
        command = [sys.executable, "-m", "causemap.ingest.onnx_copies", str(folder), str(made), kind]
        result = subprocess.run(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        if result.returncode != 0 or not made.is_file():
            why = result.stderr.strip().splitlines()[-1:] or [f"exit code {result.returncode}"]
            raise OnnxCopyError(
                f"making the {kind} ONNX copy of embedding model folder {folder} failed: {why[0]}"
            )
        os.replace(made, target / ONNX_FILE)  # whole or not at all


def _export(folder: Path, out: Path, kind: str = "int8") -> None:
    """Write the copy of the model in ``folder`` to ``out`` (in the child Python: imports torch)."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer
    from transformers import AutoConfig, AutoModel

    check_mean_pooling(folder)
    config = AutoConfig.from_pretrained(str(folder), local_files_only=True)
    # Eager attention exports as the plain matrix products the BERT optimizer recognises and fuses.
    model = AutoModel.from_pretrained(str(folder), local_files_only=True, attn_implementation="eager").eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    example = torch.ones((2, 8), dtype=torch.long)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        exported, fused = (Path(tmp) / n for n in ("fp32.onnx", "fused.onnx"))
        with torch.no_grad():
            torch.onnx.export(
                LastHidden(model),
                (example, example, torch.zeros_like(example)),
                str(exported),
                dynamo=False,
                input_names=list(INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in (*INPUTS, "last_hidden_state")},
                opset_version=17,
            )
        optimised = optimizer.optimize_model(
            str(exported),
            model_type="bert",
            num_heads=int(config.num_attention_heads),
            hidden_size=int(config.hidden_size),
            opt_level=1,
            use_gpu=False,
        )
        if kind == "float":
            optimised.save_model_to_file(str(out))
            return
        optimised.save_model_to_file(str(fused))
        quantised = Path(tmp) / "int8.onnx"
        quantize_dynamic(
            str(fused),
            str(quantised),
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        model = onnx.load(str(quantised))
        plain_layer_norms(model)
        onnx.save(model, str(out))


def plain_layer_norms(model: Any) -> int:
    """Rewrite, in place, each ``SkipLayerNormalization`` of an ONNX model (residual add, bias add and
    layer norm in one contrib operator, as the BERT optimizer fuses them) as the standard ``Add`` ->
    ``Add`` -> ``LayerNormalization``; return how many were rewritten.

    The same arithmetic, in a different order of float rounding; but ONNX Runtime's CPU kernel for the
    fused operator is the slower one: on 190 tokens of 384 (a typical chunk), one thread, onnxruntime
    1.32, 477 µs against 127 µs for the three standard operators, 12 times per text, ~5 % of the int8
    model's CPU time (benchmarks/README.md). A node whose optional outputs (mean, variance, the sum) are
    used is left as it is."""
    from onnx import helper

    nodes, rewritten = [], 0
    for node in model.graph.node:
        if node.op_type != "SkipLayerNormalization" or any(node.output[1:]):
            nodes.append(node)
            continue
        epsilon = next((a.f for a in node.attribute if a.name == "epsilon"), 1e-12)
        x, skip, gamma, *rest = node.input
        beta = rest[0] if rest else ""
        bias = rest[1] if len(rest) > 1 else ""
        total = f"{node.name}/sum"
        nodes.append(helper.make_node("Add", [x, skip], [total], name=f"{node.name}/add"))
        if bias:
            nodes.append(
                helper.make_node("Add", [total, bias], [f"{total}+bias"], name=f"{node.name}/add_bias")
            )
            total = f"{total}+bias"
        norm_inputs = [total, gamma, beta] if beta else [total, gamma]
        nodes.append(
            helper.make_node(
                "LayerNormalization",
                norm_inputs,
                [node.output[0]],
                name=f"{node.name}/norm",
                axis=-1,
                epsilon=epsilon,
            )
        )
        rewritten += 1
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    return rewritten


def main(argv: Sequence[str]) -> int:
    """``python -m causemap.ingest.onnx_copies MODEL_FOLDER OUT_FILE [int8|float]``: make the copy
    (what ``cached_copy`` runs; it checks, records and moves the result)."""
    folder, out, kind = Path(argv[0]), Path(argv[1]), (argv[2] if len(argv) > 2 else "int8")
    logging.getLogger().setLevel(logging.ERROR)  # onnxruntime.quantization advises on the root logger
    try:
        with warnings.catch_warnings():  # the tracer's warnings are about code paths export does not take
            warnings.simplefilter("ignore")
            _export(folder, out, kind)
    except OnnxCopyError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
