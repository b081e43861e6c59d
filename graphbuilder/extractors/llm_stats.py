"""What the LLM extractor spent and threw away: running totals, safe to update from many threads.

``LLMExtractor.stats`` is one of these; the pipeline reports it in the run summary (``to_dict``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from langchain_core.messages import AIMessage

__all__ = ["LLMStats", "reply_tokens"]

log = logging.getLogger(__name__)


@dataclass
class LLMStats:
    """Running totals of what the LLM extractor spent and threw away (thread-safe)."""

    calls: int = 0
    cache_hits: int = 0
    retries: int = 0
    malformed: int = 0
    rejected_quotes: int = 0
    rejected_arguments: int = 0
    skipped_batches: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    structured_method: str | None = None  # the method the server accepted
    skipped: list[dict[str, Any]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)

    def skip(self, batch: Sequence[str], reason: str) -> dict[str, Any]:
        """Record a batch whose sentences got no answer, and why."""
        record = {"sentences": len(batch), "first_sentence": batch[0][:120], "reason": reason}
        log.warning("LLM batch skipped (%s): %s", reason, record["first_sentence"])
        with self._lock:
            self.skipped_batches += 1
            self.skipped.append(record)
        return record

    def to_dict(self) -> dict[str, Any]:
        """The totals as plain data, for run summaries and ``--json`` output.

        Built field by field: ``dataclasses.asdict`` would deep-copy the lock, which cannot be copied.
        """
        with self._lock:
            data = {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}
            data["skipped"] = [dict(record) for record in self.skipped]
        return data


def reply_tokens(reply: AIMessage) -> tuple[int, int]:
    """(input, output) tokens of a reply, as its usage metadata counts them (0 when it does not)."""
    usage = getattr(reply, "usage_metadata", None) or {}
    return int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
