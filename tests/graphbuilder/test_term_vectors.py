"""The workspace's cache of variable-name vectors: new names only reach the model."""

from __future__ import annotations

import numpy as np

from causemap.graphbuilder.term_vectors import TermVectorCache, cache_path


class CountingEmbedder:
    """Deterministic unit vectors from the text's characters; counts what it was asked to embed."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed(self, texts):
        self.asked.extend(texts)
        rows = []
        for t in texts:
            v = np.zeros(8, dtype=np.float32)
            for i, ch in enumerate(t):
                v[(ord(ch) + i) % 8] += 1.0
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows)


def test_a_rebuild_embeds_only_new_names_and_needs_no_model(tmp_path):
    path = cache_path(tmp_path, "packaged:all-MiniLM-L6-v2")
    model = CountingEmbedder()
    first = TermVectorCache(path, lambda: model)
    vectors = first.embed(["salt", "blood pressure", "salt"])
    first.save()
    assert sorted(model.asked) == ["blood pressure", "salt"] and path.exists()

    def no_model():
        raise AssertionError("the model was loaded although every name is cached")

    again = TermVectorCache(path, no_model)
    np.testing.assert_allclose(again.embed(["salt", "blood pressure", "salt"]), vectors)
    assert again.embedded == 0

    model.asked.clear()
    third = TermVectorCache(path, lambda: model)
    third.embed(["salt", "stroke"])
    third.save()
    assert model.asked == ["stroke"]
    assert TermVectorCache(path, no_model).embed(["stroke"]).shape == (1, 8)


def test_an_unreadable_cache_is_ignored_and_rewritten(tmp_path):
    path = cache_path(tmp_path, "m")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a numpy file")
    model = CountingEmbedder()
    cache = TermVectorCache(path, lambda: model)
    cache.embed(["salt"])
    cache.save()
    assert model.asked == ["salt"]
    assert TermVectorCache(path, lambda: None).embed(["salt"]).shape == (1, 8)
    assert not list(path.parent.glob(".term-vectors-*"))  # no temporary file left behind
