"""Which tokens may stand for a cue's argument head: its conjuncts, examples, aliases and frames.

A cue names one head for each of its arguments ("X reduced levels of Y": "X" and "levels"); a claim's
argument may be any word that stands for that head: a conjunct or apposition ("masks and distancing"),
an example ("measures such as masks"), the variable a noun of measure or kind frames ("levels of
social support", "a reduction in X"), a group's definer ("patients with X"), a bracketed alias, or the
end of a range "from A to B".
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_arguments import group_definer, is_population
from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS, subject_of
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.verification_phrases import misread_compound_verb, premodifier_conjunct, range_end

# Where an argument's head may hang below the head a cue names and still be that argument: its
# conjuncts ("masks and distancing"), appositions, examples ("measures such as masks") and the
# complement of a noun of measure or kind ("levels of social support", "development of injury").
MEMBER_DEPS = frozenset({"conj", "appos"})
MEMBER_PREPS = frozenset({"of", "such", "as", "including", "like"})
EXAMPLE_PREPS = frozenset({"such", "as", "including", "like"})  # "groups such as X": X is the group
MEASURE_PREPS = frozenset({"in", "among"})  # "a reduction in X", only after a noun of measure
MAX_MEMBER_DEPTH = 4
PARALLEL_PRONOUNS = frozenset({"it", "they"})


def argument_members(heads: Iterable[Token], lexicon: CueLexicon) -> frozenset[int]:
    """The heads and every token that may stand for them (see MEMBER_DEPS)."""
    found: set[int] = set()
    # with each token, whether it was reached through a noun's frame ("the deaths of X"): a group
    # there is whose measure the argument is, and what defines the group is no argument of the cue
    # ("led to the deaths of people with chronic disease" makes no claim about chronic disease)
    todo = [(head, 0, False) for head in heads]
    while todo:
        token, depth, framed = todo.pop()
        if token.i in found or depth > MAX_MEMBER_DEPTH:
            continue
        found.add(token.i)
        if not framed and is_population(token, lexicon) and (definer := group_definer(token)) is not None:
            todo.append((definer, depth + 1, framed))
        if (alias := _bracketed_after(token)) is not None:
            todo.append((alias, depth + 1, framed))
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":
            # "The treatment (that was shown to help) is X": the copula of identity names one thing
            # (X itself, not what its own phrase frames: "X is a cause of Y" makes Y no treatment).
            # A name or noun after it is its attribute whatever dep the small parse gave it.
            found.update(
                c.i
                for c in token.head.children
                if c.i > token.i and (c.dep_ == "attr" or (c.dep_ == "acomp" and c.pos_ in ("NOUN", "PROPN")))
            )
        if (end := range_end(token)) is not None:
            todo.append((end, depth + 1, framed))
        if (subject := _sentential_antecedent(token)) is not None:
            todo.append((subject, depth + 1, framed))
        if (antecedent := _parallel_antecedent(token)) is not None:
            todo.append((antecedent, depth + 1, framed))
        todo.extend((c, depth + 1, framed) for c in _misread_conjuncts(token))
        for child in token.children:
            if (child.dep_ in MEMBER_DEPS and child.i > token.i) or premodifier_conjunct(child):
                todo.append((child, depth + 1, framed))
            elif (
                child.dep_ in ("prep", "amod", "acl") and child.i > token.i and _frames(token, child, lexicon)
            ):
                # "pcomp": a gerund clause ("reports of nurses being subjected to abuse")
                objects = (obj for obj in child.children if obj.dep_ in ("pobj", "dobj", "pcomp"))
                todo.extend((obj, depth + 1, framed or child.lower_ not in EXAMPLE_PREPS) for obj in objects)
    return frozenset(found)


def _misread_conjuncts(token: Token) -> list[Token]:
    """ "cytokine storm" of "associated with ARDS and cytokine storm", hung as a verb conjoined to the
    verb governing ARDS: a noun phrase the tagger misread as a verb is the conjunct of the object
    before it."""
    if token.dep_ == "dobj":
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head
    else:
        return []
    return [c for c in verb.children if c.dep_ == "conj" and c.i > token.i and misread_compound_verb(c)]


def _sentential_antecedent(token: Token) -> Token | None:
    """The subject of the clause that ", which" continues ("X ranged from A to B, which resulted in
    Y"): a non-restrictive "which" the parse hung on a verb (not on a noun, as a relative clause)
    refers to what that clause says, whose subject is what acts in it."""
    clause = token.head
    if token.lower_ != "which" or token.dep_ not in SUBJECT_DEPS or clause.dep_ != "advcl":
        return None
    if not token.i or not token.doc[token.i - 1].is_punct:
        return None
    subject, _ = subject_of(clause.head)
    return subject


def _parallel_antecedent(token: Token) -> Token | None:
    """ "X can improve A, but it has little effect on B": a pronoun subject of a clause coordinated
    with another refers to that clause's subject (when that is no pronoun itself): the parallel
    subject is the nearest antecedent of the same role."""
    verb = token.head
    if token.lower_ not in PARALLEL_PRONOUNS or token.dep_ not in SUBJECT_DEPS or verb.dep_ != "conj":
        return None
    subject, _ = subject_of(verb.head)
    if subject is None or subject.pos_ == "PRON" or subject.i > token.i:
        return None
    return subject


def _frames(token: Token, prep: Token, lexicon: CueLexicon) -> bool:
    """Whether ``prep``'s object stands for ``token``: "levels of X", "measures such as X", and "a
    reduction in X" after a noun of measure or change."""
    if prep.lower_ in MEMBER_PREPS:
        return True
    measure = token.lemma_.lower() in lexicon.measure_heads or token.lower_ in lexicon.measure_heads
    return prep.lower_ in MEASURE_PREPS and measure


def _bracketed_after(token: Token) -> Token | None:
    """The head of a bracketed phrase right after the token's phrase ("coronavirus 2 (SARS-CoV-2)"):
    an abbreviation or alias of it, wherever the parse hung it."""
    doc = token.doc
    at = token.right_edge.i + 1
    while at < len(doc) and doc[at].is_quote:
        at += 1  # "'severe acute respiratory syndrome' (SARS-CoV-2)": a closing quotation mark between
    if at >= len(doc) or doc[at].text not in ("(", "["):
        return None
    close = next((t.i for t in doc[at + 1 : at + 12] if t.text in (")", "]")), None)
    if close is None or close == at + 1:
        return None
    inner = doc[at + 1 : close]
    return min(
        (t for t in inner if not inner.start <= t.head.i < inner.end or t.head.i == t.i), key=lambda t: t.i
    )
