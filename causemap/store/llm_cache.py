"""The LLM response cache: a rerun asks the model nothing it has already answered."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from causemap.store.base import StoreBase
from causemap.store.tables import llm_cache


class LLMCacheQueries(StoreBase):
    def cache_get(self, key: str) -> dict[str, Any] | None:
        rows = self._rows(sa.select(llm_cache).where(llm_cache.c.key == key))
        return dict(rows[0]) if rows else None

    def cache_put(
        self, key: str, model: str, prompt_version: str, response: str, tokens: tuple[int, int]
    ) -> None:
        row = {
            "key": key,
            "model": model,
            "prompt_version": prompt_version,
            "response": response,
            "input_tokens": tokens[0],
            "output_tokens": tokens[1],
        }
        with self.transaction() as conn:
            self._upsert(conn, llm_cache, [row])
