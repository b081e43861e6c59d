"""Cue patterns on modifiers and connectives: "X is effective against Y", "X-induced Y", "Y because of
X"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_arguments import population_word
from causemap.graphbuilder.extractors.rules_heads import (
    children_with,
    copular_subject,
    explained_by_connective,
    preposition_objects,
    subject_of,
)
from causemap.graphbuilder.extractors.rules_lexicon import Cue, CueLexicon
from causemap.graphbuilder.extractors.rules_match import VERB_POS, CueMatch, cue_match
from causemap.graphbuilder.extractors.rules_spans import MANNER_NOUNS


def adjective_cue(token: Token, entry: Cue, preps: tuple[str, ...], lexicon: CueLexicon):
    """'X is effective against Y', 'X is protective against Y', 'Y is due to X'."""
    if token.dep_ == "prep":
        return None  # "X was stopped due to Y": a connective on a clause, not a predicate adjective
    objects = preposition_objects(token, set(preps))
    predicate = token
    while predicate.dep_ == "conj" and predicate.head.i < predicate.i:
        predicate = predicate.head  # "X is safe and effective in Y": the first adjective's place
    if not objects and predicate.dep_ == "acomp":
        # The parser often hangs the preposition on the copula: "X may be useful for Y".
        objects = [o for o in preposition_objects(predicate.head, set(preps)) if o.i > token.i]
    if not objects:
        return None
    effects = []
    for obj in objects:
        if obj.pos_ in VERB_POS:
            if obj.lemma_.lower() in lexicon.verbs:
                return None  # "effective in reducing Y": the verb pattern reads it
            obj = (children_with(obj, ("dobj",)) or [obj])[0]
        effects.append(obj)
    if token.dep_ == "amod":
        subject, inherited = token.head, False
        if subject.lemma_.lower() in lexicon.kind_nouns:
            # "X was identified as the gene responsible for Y", "X, the enzyme responsible for Y":
            # a kind noun said of X stands for X
            named, _ = copular_subject(subject)
            subject, inherited = (named, True) if named is not None else (subject, False)
    else:
        subject, inherited = subject_of(token)
    return cue_match("adjective", token, [token.i], [subject], effects, entry, inherited)


def hyphen_cue(token: Token, entry: Cue, lexicon: CueLexicon) -> CueMatch | None:
    """'X-induced Y': the word before the hyphen causes the noun the participle modifies."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_:
        return None
    cause = doc[token.i - 2]
    if cause.text in (")", "]"):
        # "Kras(G12D)-induced": the word before the bracket names the cause.
        opening = next((t for t in reversed(doc[: cause.i]) if t.text in ("(", "[")), None)
        if opening is None or opening.i == 0 or doc[opening.i - 1].whitespace_:
            return None
        cause = doc[opening.i - 1]
    if cause.whitespace_ and cause.i == token.i - 2:
        return None
    if cause.lower_ in lexicon.hyphen_cause_stoplist or cause.is_punct:
        return None
    effect = token.head
    hops = 0
    while effect.pos_ not in ("NOUN", "PROPN") and effect.head.i != effect.i and hops < 3:
        effect, hops = effect.head, hops + 1
    if effect.pos_ not in ("NOUN", "PROPN") or effect.i <= token.i or effect.lemma_.lower() in MANNER_NOUNS:
        return None  # "in a p53-dependent manner": how another verb's effect came about
    if population_word(effect, lexicon):
        return None  # "cocaine-dependent participants", "HIV-infected patients": a group and its definer
    if entry.polarity is None and cause.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None  # "endothelium-dependent" names a relation, "Endothelial-dependent" a kind
    if any(
        t.lemma_.lower() in lexicon.hyphen_class_heads
        or t.lower_ in lexicon.hyphen_class_heads
        or (t.lower_.endswith("ase") and len(t) > 5)  # an enzyme: "lipoprotein-associated phospholipase"
        for t in doc[token.i + 1 : effect.i + 1]
    ):
        return None  # "microtubule-associated protein (levels)": the name of a kind of protein
    causes = [cause]
    if cause.i >= 2 and doc[cause.i - 1].lower_ in ("and", "or"):
        # "cisplatin- and doxorubicin-induced": a suspended hyphen ("cisplatin-" one token or two)
        first = doc[cause.i - 2]
        if first.text == "-" and cause.i >= 3 and not doc[cause.i - 3].whitespace_:
            first = doc[cause.i - 3]
        elif not (first.text.endswith("-") and len(first.text) > 1):
            first = None
        if first is not None and first.pos_ in ("NOUN", "PROPN", "ADJ"):
            causes.insert(0, first)
    return cue_match("hyphen", token, [token.i - 1, token.i], causes, [effect], entry)


def connective_cue(doc: Doc, start: int, words: tuple[str, ...], entry: Cue):
    """'Y because of X', 'Y due to X', 'as a result of X, Y'."""
    first = doc[start]
    if first.dep_ == "acomp":
        return None  # "Y is due to X": the adjective pattern reads it
    span = set(range(start, start + len(words)))
    # The object may hang off any word of the connective ("because of X" parsed either way).
    causes = [
        c for i in sorted(span) for c in doc[i].children if c.dep_ in ("pobj", "pcomp") and c.i not in span
    ]
    if not causes:
        return None
    governor = first.head
    hops = 0
    while governor.i in span and governor.head.i != governor.i and hops < 4:
        governor, hops = governor.head, hops + 1
    if governor.i in span:
        return None
    if governor.dep_ == "appos" and governor.i > 0 and not governor.doc[governor.i - 1].is_punct:
        governor = governor.head  # "disorder of glycosylation Ic due to X": the code is part of the name
    explained = [e for e in explained_by_connective(governor) if e.pos_ not in VERB_POS]
    # "the drug was withdrawn due to X": a passive clause names no variable, so no claim
    return cue_match("connective", first, list(span), causes, explained, entry)


CONNECTIVE_CUE = Cue("causal", None)
