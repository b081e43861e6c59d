"""What the Settings page edits: the workspace's settings.toml, apart from what the environment overrides.

The settings in effect combine settings.toml with ``CAUSEMAP_*`` environment variables. Saving from the
app must write only what the user chose, never a value that came from the environment, so the saved
document is built from settings.toml plus the changes and validated by the same ``Settings`` model.
API keys are not settings at all: the page only says whether each provider's variable is set.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from causemap.settings import SETTINGS_FILE, Settings

# provider -> the environment variable its LangChain integration reads the key from
KEY_VARIABLES = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "google_genai": "GOOGLE_API_KEY",
    "mistralai": "MISTRAL_API_KEY",
    "groq": "GROQ_API_KEY",
    "openai-compatible server": "CAUSEMAP_LLM_API_KEY",
}
_SECRET_WORDS = ("KEY", "TOKEN", "SECRET", "PASSWORD")


def saved_settings(workspace: Path) -> dict[str, Any]:
    """The sections and values written in the workspace's settings.toml (empty if there is none)."""
    path = workspace / SETTINGS_FILE
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def save_settings(workspace: Path, changes: dict[str, dict[str, Any]]) -> Path:
    """Merge ``{section: {field: value}}`` into settings.toml (None removes a field) and write it.

    Raises pydantic's ``ValidationError`` if the result is not valid settings; nothing is written then.
    """
    document = saved_settings(workspace)
    for section, fields in changes.items():
        merged = {**document.get(section, {}), **fields}
        document[section] = {k: v for k, v in merged.items() if v is not None and v != ""}
    unknown = set(document) - set(_section_models())
    if unknown:
        raise ValueError(f"unknown settings section(s) {sorted(unknown)} in {workspace / SETTINGS_FILE}")
    # Each section is validated by its own model, and the whole built without Settings(...), whose
    # constructor would mix the environment's values into what gets written.
    sections = {name: _section_models()[name].model_validate(values) for name, values in document.items()}
    return Settings.model_construct(workspace=Path(workspace), **sections).save()


def default_settings() -> dict[str, dict[str, Any]]:
    """Every section's defaults, untouched by the environment or any settings.toml."""
    return {name: model().model_dump(mode="json") for name, model in _section_models().items()}


def _section_models() -> dict[str, type[BaseModel]]:
    return {
        name: field.annotation
        for name, field in Settings.model_fields.items()
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)
    }


def environment_overrides(env: dict[str, str] | None = None) -> dict[str, str]:
    """``CAUSEMAP_*`` variables that override saved settings, with their values (secrets masked)."""
    env = os.environ if env is None else env
    return {
        k: ("(set)" if any(word in k for word in _SECRET_WORDS) else v)
        for k, v in sorted(env.items())
        if k.startswith("CAUSEMAP_") and k != "CAUSEMAP_WORKSPACE"
    }


def key_status(env: dict[str, str] | None = None) -> dict[str, bool]:
    """For each provider, whether its API key variable is set (the key itself is never read out)."""
    env = os.environ if env is None else env
    return {f"{provider} ({var})": bool(env.get(var)) for provider, var in KEY_VARIABLES.items()}
