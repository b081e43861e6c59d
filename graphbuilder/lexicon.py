"""The word lists of variable normalisation (``resources/variables.json``), loaded once.

``graphbuilder.normalise`` uses them to turn a cause or effect as written into its variable's term and
to decide whether it names a variable at all; every list says in the JSON why it holds what it holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["NormalisationLexicon", "load_lexicon"]


@dataclass(frozen=True)
class NormalisationLexicon:
    """The word lists of ``resources/variables.json``, as tuples of tokens."""

    determiners: frozenset[str]
    neutral_words: frozenset[str]
    leading_wrappers: tuple[tuple[str, ...], ...]  # longest first
    inverted_wrappers: tuple[tuple[tuple[str, ...], str], ...]
    up_wrappers: tuple[tuple[str, ...], ...]
    down_wrappers: tuple[tuple[str, ...], ...]
    trailing_up: frozenset[str]
    trailing_down: frozenset[str]
    trailing_wrappers: frozenset[str]
    adjective_suffixes: tuple[str, ...]
    up_words: frozenset[str]
    down_words: frozenset[str]
    flip_polarity_on_down: bool
    plural_exceptions: frozenset[str]
    irregular_plurals: dict[str, str]
    contrast_sets: tuple[frozenset[str], ...]
    negating_prefixes: tuple[str, ...]
    strip_chars: str
    context_prepositions: frozenset[str] = frozenset()
    in_before: frozenset[str] = frozenset()
    uninformative_words: frozenset[str] = frozenset()
    statistic_words: frozenset[str] = frozenset()
    max_words: int = 1_000
    clause_words: frozenset[str] = frozenset()
    vague_alone: frozenset[str] = frozenset()
    artefact_heads: frozenset[str] = frozenset()
    code_characters: str = ""
    trailing_participles: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    document_words: frozenset[str] = frozenset()
    relational_heads: frozenset[str] = frozenset()
    anaphoric_determiners: frozenset[str] = frozenset()
    joint_heads: frozenset[str] = frozenset()
    statistic_phrases: tuple[tuple[str, ...], ...] = ()
    comparative_quantities: tuple[tuple[str, ...], ...] = ()
    causal_connectives: tuple[tuple[str, ...], ...] = ()
    referential_adjectives: frozenset[str] = frozenset()
    clause_phrases: tuple[tuple[str, ...], ...] = ()
    irregular_participles: frozenset[str] = frozenset()
    infinitive_heads: frozenset[str] = frozenset()
    member_heads: frozenset[str] = frozenset()
    class_modifiers: frozenset[str] = frozenset()
    kind_heads: frozenset[str] = frozenset()
    kind_adjectives: frozenset[str] = frozenset()
    exception_words: frozenset[str] = frozenset()
    change_heads: frozenset[str] = frozenset()
    degree_adjectives: frozenset[str] = frozenset()
    change_sizes: frozenset[str] = frozenset()
    field_suffixes: tuple[str, ...] = ()
    facet_heads: frozenset[str] = frozenset()
    property_adjectives: dict[str, str] = field(default_factory=dict)
    complement_prepositions: frozenset[str] = frozenset()
    dose_sizes: frozenset[str] = frozenset()
    dose_heads: frozenset[str] = frozenset()
    sized_variants: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict) -> NormalisationLexicon:
        """Build the lexicon from the parsed JSON document."""

        def phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
            return tuple(sorted((tuple(p.split()) for p in items), key=lambda p: (-len(p), p)))

        inverted = data["inverted_wrappers"]["phrases"]
        direction = data["direction_modifiers"]
        return cls(
            determiners=frozenset(data["determiners"]["words"]),
            neutral_words=frozenset(data["neutral_leading_words"]["words"]),
            leading_wrappers=phrases(data["leading_wrappers"]["phrases"]),
            inverted_wrappers=tuple(
                sorted(((tuple(k.split()), v) for k, v in inverted.items()), key=lambda p: -len(p[0]))
            ),
            up_wrappers=phrases(data["direction_wrappers"]["up"]),
            down_wrappers=phrases(data["direction_wrappers"]["down"]),
            change_sizes=frozenset(data["direction_wrappers"].get("sizes", [])),
            trailing_up=frozenset(data["direction_wrappers"]["trailing_up"]),
            trailing_down=frozenset(data["direction_wrappers"]["trailing_down"]),
            trailing_wrappers=frozenset(data["trailing_wrappers"]["words"]),
            adjective_suffixes=tuple(data["trailing_wrappers"]["adjective_suffixes"]),
            up_words=frozenset(direction["up"]),
            down_words=frozenset(direction["down"]),
            flip_polarity_on_down=bool(direction["flip_polarity_on_down"]),
            plural_exceptions=frozenset(data["plural_exceptions"]["words"]),
            field_suffixes=tuple(data["plural_exceptions"].get("field_suffixes", ())),
            irregular_plurals=dict(data["irregular_plurals"]["forms"]),
            contrast_sets=tuple(frozenset(s) for s in data["contrast_sets"]["sets"]),
            negating_prefixes=tuple(data["contrast_sets"]["negating_prefixes"]),
            strip_chars=data["dropped_characters"]["strip"],
            context_prepositions=frozenset(data["context_phrases"]["prepositions"]),
            in_before=frozenset(data["context_phrases"]["in_before"]),
            uninformative_words=frozenset(data["uninformative"]["words"]),
            statistic_words=frozenset(data["uninformative"]["statistic_words"]),
            max_words=int(data["uninformative"]["max_words"]),
            clause_words=frozenset(data["not_a_name"]["clause_words"]),
            vague_alone=frozenset(data["not_a_name"]["vague_alone"]),
            artefact_heads=frozenset(data["not_a_name"]["artefact_heads"]),
            code_characters=data["not_a_name"]["code_characters"],
            trailing_participles=frozenset(data["not_a_name"]["trailing_participles"]),
            quantifiers=frozenset(data["not_a_name"]["quantifiers"]),
            document_words=frozenset(data["not_a_name"]["document_words"]),
            relational_heads=frozenset(data["not_a_name"].get("relational_heads", ())),
            anaphoric_determiners=frozenset(data["not_a_name"].get("anaphoric_determiners", ())),
            joint_heads=frozenset(data["not_a_name"].get("joint_heads", ())),
            statistic_phrases=phrases(data["uninformative"].get("statistic_phrases", [])),
            comparative_quantities=phrases(data["uninformative"].get("comparative_quantities", [])),
            causal_connectives=phrases(data["uninformative"].get("causal_connectives", [])),
            referential_adjectives=frozenset(data["not_a_name"].get("referential_adjectives", ())),
            clause_phrases=phrases(data["not_a_name"].get("clause_phrases", [])),
            irregular_participles=frozenset(data["not_a_name"].get("irregular_participles", ())),
            infinitive_heads=frozenset(data["not_a_name"].get("infinitive_heads", ())),
            member_heads=frozenset(data["not_a_name"].get("member_heads", ())),
            class_modifiers=frozenset(data["not_a_name"].get("class_modifiers", ())),
            kind_heads=frozenset(data["not_a_name"].get("kind_heads", ())),
            kind_adjectives=frozenset(data["not_a_name"].get("kind_adjectives", ())),
            exception_words=frozenset(data["not_a_name"].get("exception_words", ())),
            change_heads=frozenset(data["not_a_name"].get("change_heads", ())),
            degree_adjectives=frozenset(data["not_a_name"].get("degree_adjectives", ())),
            facet_heads=frozenset(data["not_a_name"].get("facet_heads", ())),
            property_adjectives=dict(data.get("property_adjectives", {}).get("forms", {})),
            complement_prepositions=frozenset(data["direction_wrappers"].get("complement_prepositions", ())),
            dose_sizes=frozenset(direction.get("dose_sizes", ())),
            dose_heads=frozenset(direction.get("dose_heads", ())),
            sized_variants=frozenset(data["direction_wrappers"].get("sized_variants", ())),
        )


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> NormalisationLexicon:
    """Load the normalisation word lists (the packaged ``resources/variables.json`` by default)."""
    if path is None:
        text = (resources.files("causemap.graphbuilder") / "resources" / "variables.json").read_text(
            encoding="utf-8"
        )
    else:
        text = Path(path).read_text(encoding="utf-8")
    return NormalisationLexicon.from_dict(json.loads(text))
