"""The digest of the sources that decide which claims are stored, so that an extractor's version
changes with any of them and workspaces extract again (nothing to remember to bump)."""

from __future__ import annotations

import fnmatch
import hashlib
from collections.abc import Sequence
from importlib import resources

# What the stored claims depend on, besides spaCy: the rules' code and lexicons (an LLM is sent only
# the sentences the rules' prefilter chooses), the verification
# every extractor's output passes (``extractors/base.py``, ``verification*``), the rhetoric cues by
# which the pipeline chooses what it reads (``roles*.py``), the pipeline itself (``extract_*.py``: the
# sentences it reads and the claims it keeps, and the run that stores them) and the reference
# resolution it applies to a paper's claims (``references.py``, ``pronouns.py``, ``antecedents.py``).
# Patterns are globs relative to the package folder.
VERSION_SOURCES = (
    "extractors/rules*.py",
    "extractors/base.py",
    "verification*.py",
    "roles*.py",
    "study_design.py",
    "extract_*.py",
    "references.py",
    "pronouns.py",
    "antecedents.py",
    "resources/causal_cues.json",
    "resources/references.json",
    "resources/rhetoric.json",
    "resources/study_designs.json",
    "resources/verification.json",
    # the normalisation word lists: rules_mentions, rules_modality, rules_lists read them too
    "resources/variables.json",
)


def source_digest(package: str = "causemap.graphbuilder", sources: Sequence[str] = VERSION_SOURCES) -> str:
    """A short SHA-256 over the files the glob patterns name, in name order."""
    digest = hashlib.sha256()
    root = resources.files(package)
    for pattern in sources:
        folder, _, name_pattern = pattern.rpartition("/")
        directory = root.joinpath(folder) if folder else root
        matching = (f for f in directory.iterdir() if fnmatch.fnmatchcase(f.name, name_pattern))
        files = sorted(matching, key=lambda f: f.name)
        for file in files:
            digest.update(f"{folder}/{file.name}\0".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]
