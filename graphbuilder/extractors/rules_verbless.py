"""A plural subject's verb the tagger read as a noun in a name: "Mutations in SCN1A cause Dravet
syndrome" comes out with no finite verb, "cause" a compound of "syndrome" and the whole sentence one
noun phrase. A sentence needs a finite verb; a cue verb's base form right after a complete noun
phrase whose head is plural agrees with it as a verb, and a noun phrase follows it, so it is the
verb: the phrase before is its subject, the name it was read into its object.

Likewise "Rats treated with cisplatin developed nephrotoxicity", parsed as "with [cisplatin developed
nephrotoxicity]": a verb of acquisition read as a participle modifier, after the name that ends a
treated group's phrase, is what the group did; the name is the exposure it followed.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from causemap.graphbuilder.extractors.rules_agreement import (
    PLURAL_TAGS,
    agreeing_subject,
    misread_agreeing_verbs,
)
from causemap.graphbuilder.extractors.rules_arguments import is_population
from causemap.graphbuilder.extractors.rules_aside_subjects import verbs_after_asides
from causemap.graphbuilder.extractors.rules_group_words import ACQUISITION_VERBS, GROUP_VERBS
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_match import NOUN_POS, CueMatch
from causemap.graphbuilder.extractors.rules_repairs import is_verbless, modifier_verb_match


def verbless_cues(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """The cue verbs a parse with no finite verb read as noun modifiers."""
    yield from misread_plural_verbs(doc, lexicon)
    yield from misread_acquisitions(doc, lexicon)
    yield from misread_agreeing_verbs(doc, lexicon)
    yield from verbs_after_asides(doc, lexicon)


def misread_plural_verbs(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """Cue matches of a base-form cue verb read as a noun modifier in a sentence with no verb."""
    for token in doc:
        if token.tag_ != "NN" or token.dep_ not in ("compound", "nmod", "amod"):
            continue
        match = modifier_verb_match(
            token, lexicon.verbs.get(token.lower_), lambda t: agreeing_subject(t, PLURAL_TAGS)
        )
        if match is not None:
            yield match


def misread_acquisitions(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """'Rats treated with X developed Y' read as one noun phrase: X -> Y (the group's exposure)."""
    for token in doc:
        if (
            token.lemma_.lower() not in ACQUISITION_VERBS
            or token.dep_ != "amod"
            or token.tag_ not in ("VBD", "VBN")
        ):
            continue
        effect, exposure = token.head, token.doc[token.i - 1]
        if effect.i <= token.i or effect.pos_ not in NOUN_POS or exposure.pos_ not in NOUN_POS:
            continue
        group = token.sent.root
        if group.pos_ not in NOUN_POS or group.left_edge.i != token.sent.start or not is_verbless(token):
            continue
        treated = [c for c in group.children if c.dep_ == "acl" and c.lemma_.lower() in GROUP_VERBS]
        if not is_population(group, lexicon) or not treated or exposure not in treated[0].subtree:
            continue
        yield CueMatch("change", token, (token.i,), (exposure,), (effect,), "causal", "+", True)
