"""The rules extractor's cue lexicons, read from ``resources/causal_cues.json``.

The lexicon is data; this module only indexes it for fast look-up (``CueLexicon``). The cheap
lexical prefilter built from it, which decides which sentences get parsed, is in ``rules_prefilter``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from causemap.graphbuilder.extractors.rules_prefilter import prefilter_words

RESOURCE_PACKAGE = "causemap.graphbuilder"
RESOURCE_NAME = "resources/causal_cues.json"


@dataclass(frozen=True)
class Cue:
    """One cue: what relation it expresses, its sign, and whether its arguments are swapped."""

    relation: str
    polarity: str | None
    reverse: bool = False
    objects: tuple[str, ...] = ()  # verb + object + particle cues ("play a role in")
    needs_modifier: tuple[str, ...] = ()  # "risk factor": "factor" only with one of these
    finite_only: bool = False  # "accounting for age" adjusts; "age accounts for Y" claims
    compound_target: bool = False  # "a COX-2 inhibitor": the noun modifier is what it acts on


@dataclass(frozen=True)
class CueLexicon:
    """Indexed cue lexicons (see the JSON file for what each list means)."""

    verbs: dict[str, Cue]
    particles: dict[str, tuple[tuple[str, Cue], ...]]  # verb lemma -> (preposition, cue)
    copular_nouns: dict[str, tuple[tuple[Cue, tuple[str, ...]], ...]]
    noun_frames: dict[str, tuple[Cue, tuple[tuple[str, str], ...]]]
    possessor_frames: dict[str, tuple[str, ...]]
    light_verbs: frozenset[str]
    adjectives: dict[str, tuple[Cue, tuple[str, ...]]]
    hyphen_participles: dict[str, Cue]
    hyphen_cause_stoplist: frozenset[str]
    prepositional_connectives: tuple[tuple[str, ...], ...]
    subordinating_connectives: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    hedge_nouns: frozenset[str]
    evidential_verbs: frozenset[str]
    negation_particles: frozenset[str]
    negation_verbs: frozenset[str]
    negation_nouns: frozenset[str]
    non_assertive_verbs: frozenset[str]
    non_assertive_nouns: frozenset[str]
    non_assertive_adjectives: frozenset[str]
    non_assertive_markers: frozenset[str]
    factive_markers: frozenset[str]
    inquiry_verbs_with_findings: frozenset[str]
    prospective_modifiers: frozenset[str]
    infinitive_governors: frozenset[str]
    recommendation_modals: frozenset[str]
    judgement_verbs: frozenset[str]
    unknown_heads: frozenset[str]
    unknown_modifiers: frozenset[str]
    reporting_verbs: frozenset[str]
    evidence_framing_verbs: frozenset[str]  # "these data suggest that ..." (hedges only by the flag)
    subject_reporting_verbs: frozenset[str]  # "the link ... did not reach significance"
    excluded_arguments: frozenset[str]
    light_heads: frozenset[str]
    vague_arguments: frozenset[str]
    population_nouns: frozenset[str]
    measure_heads: frozenset[str]
    exposure_heads: frozenset[str]
    comparison_verbs: frozenset[str]
    comparison_adjectives: frozenset[str]
    comparison_group_preps: frozenset[str]
    change_verbs: frozenset[str]
    finding_verbs: frozenset[str]
    intransitive_change_verbs: dict[str, str | None]
    alteration_verbs: dict[str, str | None]  # "X is overexpressed in Y" (rules_alterations)
    difference_nouns: frozenset[str]
    difference_verbs: frozenset[str]
    difference_group_preps: frozenset[str]
    difference_outcome_preps: frozenset[str]
    agent_preps: tuple[str, ...]
    fallback_agent_preps: tuple[str, ...]
    quantity_nouns: frozenset[str]
    exemplifiers: tuple[tuple[str, ...], ...]
    up_words: frozenset[str]
    down_words: frozenset[str]
    positive_adverbs: frozenset[str]
    negative_adverbs: frozenset[str]
    positive_adjectives: frozenset[str]
    negative_adjectives: frozenset[str]
    confidence: dict[str, float]
    trigger_words: frozenset[str] = field(default_factory=frozenset)
    trigger_phrases: frozenset[str] = field(default_factory=frozenset)
    # Cue words that count only when one of these prepositions follows ("role" + "of", "in").
    trigger_pairs: dict[str, frozenset[str]] = field(default_factory=dict)
    # Null findings stated by size or modality ("minimal effect", "hardly", "unlikely to").
    negation_magnitudes: frozenset[str] = frozenset()
    negation_adverbs: frozenset[str] = frozenset()
    comparative_negators: frozenset[str] = frozenset()
    # "Y was comparable to that in ...": an association stated as no difference.
    sameness_adjectives: frozenset[str] = frozenset()
    # Heads that a hyphenated modifier names a kind of ("microtubule-associated protein").
    hyphen_class_heads: frozenset[str] = frozenset()
    # Kind nouns whose appositive name is the variable ("the cytokine IL-6": IL-6).
    kind_nouns: frozenset[str] = frozenset()
    drug_stems: tuple[str, ...] = ()  # "rapamycin", "linezolid": a drug's name written in lower case
    negation_adjectives: frozenset[str] = frozenset()
    # Verbs with an "include" sense ("contain") and the quantifiers that mark it.
    inclusion_verbs: frozenset[str] = frozenset()
    inclusion_quantifiers: frozenset[str] = frozenset()
    # Population nouns that name a group only in the plural ("controls", not "glycemic control").
    plural_populations: frozenset[str] = frozenset()
    # Predicative adjectives of necessity ("essential for"): denied, they state no null finding.
    necessity_adjectives: frozenset[str] = frozenset()
    # Genotypes that define a group ("SOD1-deficient mice", "mice lacking SOD1"), by direction.
    genotype_down: frozenset[str] = frozenset()
    genotype_up: frozenset[str] = frozenset()
    genotype_down_verbs: frozenset[str] = frozenset()
    genotype_up_verbs: frozenset[str] = frozenset()
    genotype_down_preps: frozenset[str] = frozenset()
    zygosity_suffixes: tuple[str, ...] = ()
    genotype_sample_heads: frozenset[str] = frozenset()
    variant_nouns: frozenset[str] = frozenset()
    # A clause taking a difference back ("..., although this difference did not reach significance").
    retraction: re.Pattern[str] | None = None
    # A future clause under a verb of prediction states what is expected, no finding (rules_predictions).
    prediction_verbs: frozenset[str] = frozenset()
    future_auxiliaries: frozenset[str] = frozenset()
    # A method as the subject of a verb of showing is the evidence, not a cause (rules_null_subjects);
    # abbreviations keep their case ("PCR", not "pCR"); method nouns include the technique nouns.
    showing_verbs: frozenset[str] = frozenset()
    technique_nouns: frozenset[str] = frozenset()
    technique_abbreviations: frozenset[str] = frozenset()
    method_nouns: frozenset[str] = frozenset()


def _cue(entry: dict) -> Cue:
    return Cue(
        relation=entry["relation"],
        polarity=entry.get("polarity"),
        reverse=bool(entry.get("reverse", False)),
        objects=tuple(entry.get("object", ())),
        needs_modifier=tuple(entry.get("needs_modifier", ())),
        finite_only=bool(entry.get("finite_only", False)),
        compound_target=bool(entry.get("compound_target", False)),
    )


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def _signed_words(table: dict[str, str | None]) -> dict[str, str | None]:
    """A table of words and their direction, without its "_about" notes."""
    return {k: v for k, v in table.items() if not k.startswith("_")}


def parse_lexicon(data: dict) -> CueLexicon:
    """Index the JSON lexicon."""
    verbs: dict[str, Cue] = {}
    for sign, lemmas in data["transitive_verbs"].items():
        if sign.startswith("_"):
            continue
        relation = "correlational" if sign == "correlational" else "causal"
        polarity = sign if sign in ("+", "-") else None
        for lemma in lemmas:
            verbs.setdefault(lemma, Cue(relation, polarity))
    particles_by_verb: dict[str, list[tuple[str, Cue]]] = {}
    for entry in data["verb_particles"]["entries"]:
        particles_by_verb.setdefault(entry["verb"], []).append((entry["prep"], _cue(entry)))
    particles = {verb: tuple(entries) for verb, entries in particles_by_verb.items()}
    nouns = data["nouns"]
    copular_lists: dict[str, list[tuple[Cue, tuple[str, ...]]]] = {}
    for entry in nouns["entries"]:
        if entry.get("copular"):
            copular_lists.setdefault(entry["noun"], []).append((_cue(entry), tuple(entry["preps"])))
    copular = {noun: tuple(entries) for noun, entries in copular_lists.items()}
    frames = {
        e["noun"]: (_cue(e), tuple(tuple(f) for f in e["frames"])) for e in nouns["entries"] if "frames" in e
    }
    possessor = {k: tuple(v) for k, v in nouns["possessor_frames"].items() if not k.startswith("_")}
    adjectives = {e["adj"]: (_cue(e), tuple(e["preps"])) for e in data["adjectives"]["entries"]}
    hyphen = {k: Cue(v[0], v[1]) for k, v in data["hyphen_participles"].items() if not k.startswith("_")}
    hedges, negation = data["hedges"], data["negation"]
    non_assertive, direction = data["non_assertive"], data["direction_words"]
    connectives = data["connectives"]
    genotypes = data.get("genotype_modifiers", {})
    evidence = data["evidence_sources"]
    triggers, phrases, pairs = prefilter_words(data, verbs, particles, copular, frames, possessor)
    return CueLexicon(
        verbs=verbs,
        particles=particles,
        copular_nouns=copular,
        noun_frames=frames,
        possessor_frames=possessor,
        light_verbs=_words(nouns["light_verbs"]),
        adjectives=adjectives,
        hyphen_participles=hyphen,
        hyphen_cause_stoplist=_words(data["hyphen_cause_stoplist"]),
        prepositional_connectives=tuple(tuple(c) for c in connectives["prepositional"]),
        subordinating_connectives=_words(connectives["subordinating"]),
        hedge_modals=_words(hedges["modals"]),
        hedge_verbs=_words(
            hedges["verbs"] + (hedges["reporting_verbs"] if hedges["reporting_verbs_hedge"] else [])
        ),
        evidence_framing_verbs=_words(hedges["reporting_verbs"]),
        hedge_adverbs=_words(hedges["adverbs"]),
        hedge_adjectives=_words(hedges["adjectives"]),
        hedge_nouns=_words(hedges["nouns"]),
        evidential_verbs=_words(hedges.get("evidential_verbs", [])),
        negation_particles=_words(negation["particles"]),
        negation_verbs=_words(negation["verbs"]),
        negation_nouns=_words(negation["nouns"]),
        negation_magnitudes=_words(negation.get("magnitudes", [])),
        negation_adverbs=_words(negation.get("adverbs", [])),
        comparative_negators=_words(negation.get("comparative_negators", [])),
        sameness_adjectives=_words(negation.get("sameness_adjectives", [])),
        hyphen_class_heads=_words(data.get("hyphen_class_heads", {}).get("words", [])),
        kind_nouns=_words(data.get("kind_nouns", {}).get("words", [])),
        drug_stems=tuple(data.get("kind_nouns", {}).get("drug_stems", [])),
        negation_adjectives=_words(negation.get("modal_adjectives", [])),
        inclusion_verbs=_words(data.get("inclusion_verbs", {}).get("verbs", [])),
        genotype_down=_words(genotypes.get("down", [])),
        genotype_up=_words(genotypes.get("up", [])),
        genotype_down_verbs=_words(genotypes.get("down_verbs", [])),
        genotype_up_verbs=_words(genotypes.get("up_verbs", [])),
        genotype_down_preps=_words(genotypes.get("down_preps", [])),
        zygosity_suffixes=tuple(genotypes.get("zygosity_suffixes", [])),
        genotype_sample_heads=_words(genotypes.get("sample_heads", [])),
        variant_nouns=_words(genotypes.get("variant_nouns", [])),
        retraction=re.compile(negation["retraction"], re.I) if "retraction" in negation else None,
        inclusion_quantifiers=_words(data.get("inclusion_verbs", {}).get("quantifiers", [])),
        non_assertive_verbs=_words(non_assertive["verbs"]),
        non_assertive_nouns=_words(non_assertive["nouns"]),
        non_assertive_adjectives=_words(non_assertive["adjectives"]),
        non_assertive_markers=_words(non_assertive["markers"]),
        factive_markers=_words(non_assertive["factive_markers"]),
        inquiry_verbs_with_findings=_words(non_assertive["inquiry_verbs_with_findings"]),
        prospective_modifiers=_words(non_assertive["prospective_modifiers"]),
        infinitive_governors=_words(non_assertive["infinitive_governors"]),
        recommendation_modals=_words(non_assertive["recommendation_modals"]),
        judgement_verbs=_words(non_assertive["judgement_verbs"]),
        unknown_heads=_words(non_assertive["unknown_heads"]),
        unknown_modifiers=_words(non_assertive["unknown_modifiers"]),
        prediction_verbs=_words(non_assertive["prediction_verbs"]),
        future_auxiliaries=_words(non_assertive["future_auxiliaries"]),
        showing_verbs=_words(evidence["showing_verbs"]),
        technique_nouns=_words(evidence["technique_nouns"]),
        technique_abbreviations=frozenset(evidence["technique_abbreviations"]),
        method_nouns=_words(evidence["technique_nouns"] + evidence["method_nouns"]),
        reporting_verbs=_words(data["reporting_verbs"]["verbs"]),
        subject_reporting_verbs=_words(data["reporting_verbs"]["of_their_subject"]),
        excluded_arguments=_words(data["excluded_arguments"]),
        light_heads=_words(data["light_heads"]["words"]),
        vague_arguments=_words(data["vague_arguments"]["words"]),
        population_nouns=_words(data["population_nouns"]["words"]),
        plural_populations=_words(data["population_nouns"].get("plural_only", [])),
        necessity_adjectives=_words([e["adj"] for e in data["adjectives"]["entries"] if e.get("necessity")]),
        measure_heads=_words(data["measure_heads"]["words"]),
        exposure_heads=_words(data["exposure_heads"]["words"]),
        comparison_verbs=_words(data["comparisons"]["verbs"]),
        comparison_adjectives=_words(data["comparisons"]["adjectives"]),
        comparison_group_preps=_words(data["comparisons"]["group_preps"]),
        change_verbs=_words(data["comparisons"]["change_verbs"]),
        finding_verbs=_words(data["comparisons"]["finding_verbs"]),
        intransitive_change_verbs=_signed_words(data["comparisons"]["intransitive_change_verbs"]),
        alteration_verbs=_signed_words(data["comparisons"]["alteration_verbs"]),
        difference_nouns=_words(data["differences"]["nouns"]),
        difference_verbs=_words(data["differences"]["verbs"]),
        difference_group_preps=_words(data["differences"]["group_preps"]),
        difference_outcome_preps=_words(data["differences"]["outcome_preps"]),
        agent_preps=tuple(data["passive_cause_preps"]["agent"]),
        fallback_agent_preps=tuple(data["passive_cause_preps"]["fallback"]),
        quantity_nouns=_words(data["quantity_nouns"]["words"]),
        exemplifiers=tuple(tuple(w) for w in data["exemplifiers"]["words"]),
        up_words=_words(direction["up"]),
        down_words=_words(direction["down"]),
        positive_adverbs=_words(direction["positive_adverbs"]),
        negative_adverbs=_words(direction["negative_adverbs"]),
        positive_adjectives=_words(direction["positive_adjectives"]),
        negative_adjectives=_words(direction["negative_adjectives"]),
        confidence={k: float(v) for k, v in data["confidence"].items() if not k.startswith("_")},
        trigger_words=triggers,
        trigger_phrases=phrases,
        trigger_pairs=pairs,
    )


@lru_cache(maxsize=1)
def load_lexicon_data() -> dict:
    """The packaged lexicon file as written (read once); its word tables that are no ``CueLexicon``
    field are read from here (``rules_group_words``)."""
    text = resources.files(RESOURCE_PACKAGE).joinpath(RESOURCE_NAME).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    """The packaged lexicon (read once)."""
    return parse_lexicon(load_lexicon_data())
