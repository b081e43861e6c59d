"""What a studied group shows: "Mice lacking Nrf2 exhibited exacerbated colitis", "Isoproterenol-
treated rats showed significant increases in serum creatinine", "Patients with gout presented with
renal stones". A group defined by an exposure, a genotype or a condition that shows, exhibits,
displays or presents a condition or a change states an association of what defines it with what it
shows, as "Y in patients with X" does (the group gives way to its definer in ``argument_heads``);
so does a named exposure that shows one ("Lithium treatment showed decreases in GSK3").

Only a defined group: "the patient showed Y" and "HeLa cells displayed Y" say where Y was seen,
not what goes with it. Only a verb of showing a state: a study or an analysis that "showed" states
its evidence (read by the cue words of its clause). Nothing measured as such ("a mean age of 60
years") and nothing the clause says was alike or absent ("showed similar Y", "showed no Y").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_arguments import is_population, is_sample, named_argument
from causemap.graphbuilder.extractors.rules_comparisons import EXPOSURE_PREPS
from causemap.graphbuilder.extractors.rules_heads import children_with, preposition_objects, subject_of
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_match import NOUN_POS, CueMatch
from causemap.graphbuilder.extractors.rules_repairs import is_verbless

# Verbs by which a subject is said to bear a state or a sign of one ("patients exhibited Y").
# "have" is left out: "patients with X had a mean age of 60", "had undergone surgery" name no state.
MANIFESTATION_VERBS = frozenset({"show", "exhibit", "display", "present", "manifest"})
# Determiners that deny what is shown ("showed no Y"): a null, which this construction leaves to the
# cues that state one.
DENYING_DETERMINERS = frozenset({"no", "neither"})


def group_manifestations(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """'A group defined by X shows Y': an association of X with Y, read like a setting."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in MANIFESTATION_VERBS:
            continue
        if children_with(verb, ("auxpass", "nsubjpass")):
            continue  # "rats were shown to ...": what someone showed, no state shown
        group, inherited = subject_of(verb)
        who = group
        if group is None or not _defined_group(group, lexicon):
            group, inherited = _misread_group_verb(verb), True
        if group is None or not _defined_group(group, lexicon):
            if who is None or not is_population(who, lexicon):
                continue
            group = _exposure(verb, lexicon)  # "After cisplatin therapy, the patient showed Y"
            if group is None:
                continue
        for shown in _shown(verb, lexicon):
            yield CueMatch("setting", verb, (verb.i,), (group,), (shown,), "correlational", None, inherited)
            break  # the first object; its conjuncts are split by argument_heads


def _exposure(verb: Token, lexicon: CueLexicon) -> Token | None:
    """What a group nothing defines showed after: a named exposure ("after cisplatin therapy",
    "during treatment with X"), before the verb or after it; not a time ("after 6 months") or an
    event ("after admission")."""
    for exposure in preposition_objects(verb, EXPOSURE_PREPS, after=False):
        if exposure.lemma_.lower() in lexicon.exposure_heads and _defined_group(exposure, lexicon):
            return exposure
    return None


def _misread_group_verb(verb: Token) -> Token | None:
    """'Patients with gout presented with Y' parsed with no finite verb, "presented" a participle
    modifying "gout": in a sentence that opens with the group and has no verb of its own, the
    participle after the group's definer is the group's verb."""
    root = verb.sent.root
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or not is_verbless(verb):
        return None
    if root.i >= verb.i or root.left_edge.i != verb.sent.start or verb not in root.subtree:
        return None
    return root


def _defined_group(group: Token, lexicon: CueLexicon) -> bool:
    """A group or sample that something defines: "patients with X", "X-treated rats", "cells
    transfected with X" (a sample named only by itself, "HeLa cells", is where Y was seen); or a
    named exposure, what such a group was given ("lithium treatment", "administration of X")."""
    if group.lemma_.lower() in lexicon.exposure_heads:
        return any(c.dep_ in ("compound", "nmod", "amod", "prep") and c.pos_ != "ADJ" for c in group.children)
    if is_population(group, lexicon):
        named = named_argument(group, lexicon)
        # a group named by itself must be by a noun ("Tak1 mice", "MDMA users"), not by an
        # adjective of any kind ("the whole cohort", "some patients")
        return named is not None and (named is not group or _noun_modified(group))
    if is_sample(group, lexicon):
        named = named_argument(group, lexicon)
        return named is not None and named is not group
    return False


def _noun_modified(group: Token) -> bool:
    """A modifier before the group that names something: a noun, or a word with a name hyphened or
    hung on it ("Tak1(col2) mice", "olanzapine-treated groups"), not a bare adjective ("whole")."""
    doc = group.doc
    return any(
        c.dep_ in ("compound", "nmod", "amod")
        and c.i < group.i
        and (any(w.pos_ in NOUN_POS or _written_as_name(w) for w in c.subtree) or doc[c.i - 1].text == "-")
        for c in group.children
    )


def _written_as_name(word: Token) -> bool:
    """A symbol the tagger may call an adjective: digits or inner capitals ("Tak1(col2"), or a
    prefix hanging on a hyphen ("clozapine- and olanzapine-treated")."""
    text = word.text
    return any(ch.isdigit() for ch in text) or any(ch.isupper() for ch in text[1:]) or text.endswith("-")


def _shown(verb: Token, lexicon: CueLexicon) -> list[Token]:
    """The objects of a verb of showing that name a state: its direct objects, or "with" Y of
    "presented with Y"; not amounts, groups, vague words, or what is denied or said to be alike."""
    # "present" shows a state only with "with" ("presented with fever"; "X presents a challenge")
    objects = children_with(verb, ("dobj",)) if verb.lemma_.lower() != "present" else []
    if not objects:
        objects = [
            o
            for p in children_with(verb, ("prep",))
            if p.lower_ == "with"
            for o in children_with(p, ("pobj",))
        ]
    return [o for o in objects if _names_state(o, lexicon)]


def _names_state(token: Token, lexicon: CueLexicon) -> bool:
    if token.pos_ not in NOUN_POS or token.like_num:
        return False
    lemma = token.lemma_.lower()
    if lemma in lexicon.quantity_nouns or token.lower_ in lexicon.quantity_nouns:
        return False
    if lemma in lexicon.vague_arguments or is_population(token, lexicon):
        return False
    if _relates_two(lemma, lexicon):
        return False  # "showed an association between A and B": a relation, read by its own cue
    for word in token.doc[token.left_edge.i : token.i]:
        if word.lower_ in DENYING_DETERMINERS:
            return False  # "showed no Y", "showed little or no change in Y"
        if word.lower_ in lexicon.sameness_adjectives or word.lower_ in lexicon.quantity_nouns:
            return False  # "showed similar Y", "showed a mean Y of ..."
    return True


def _relates_two(lemma: str, lexicon: CueLexicon) -> bool:
    """A relation noun whose frame names both its arguments ("an association between A and B",
    "the effect of A on B"), unlike a change noun whose frame names what changed ("an increase in
    Y" after "with" or "by" what changed it)."""
    _, frames = lexicon.noun_frames.get(lemma, (None, ()))
    return any(first in ("between", "of") for first, _ in frames)
