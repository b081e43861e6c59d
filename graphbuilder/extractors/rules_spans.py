"""Argument boundaries: from the head token of a cause or effect to a contiguous span.

An argument is its head's dependency subtree, minus clauses hanging off it (relative and
adverbial clauses), minus anything that holds the cue or the other argument, trimmed of
punctuation and parenthetical asides at its edges. Coordinated nominal heads ("masks and hand
hygiene") are split into one argument each. Where the parse would cut a name, its edges are mended
in ``rules_span_edges`` and ``rules_span_completions``.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_bracketed_names import (
    closes_inside,
    name_goes_on_after_abbreviation,
)
from causemap.graphbuilder.extractors.rules_heads import FINITE_TAGS, misread_name
from causemap.graphbuilder.extractors.rules_measures import measures_of_one_thing
from causemap.graphbuilder.extractors.rules_span_completions import completed_bounds, unmarked_apposition
from causemap.graphbuilder.extractors.rules_span_edges import (
    TO_COMPLEMENT_NOUNS,
    flat_compound_start,
    merged_subject_start,
    misattached_modifiers_start,
    naming_appositive,
    participle_after,
    whole_words,
)

# Dependents that start a new clause or an aside rather than name the variable.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "parataxis", "mark", "meta", "appos"})
# Dependents that belong to the coordination and are split off, not kept.
COORDINATION_DEPS = frozenset({"cc", "conj", "preconj"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
# Prepositions that bring in the comparison group, not part of the variable ("than controls").
COMPARATOR_PREPS = frozenset({"than", "versus", "vs", "vs.", "compared", "relative"})
# Words that may close or open a span but carry no meaning there.
EDGE_TRIM = frozenset(
    {
        "and",
        "or",
        "but",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "because",
        "as",
        "than",
        "although",
        "while",
        "whereas",
        "if",
        "when",
        "since",
        "thus",
        "therefore",
        "hence",
        "also",
        "then",
        "so",
        "to",
    }
)


# Abstract section labels that run into the first sentence ("Conclusions Exercise reduced ...").
SECTION_LABELS = frozenset(
    {
        "abstract",
        "background",
        "introduction",
        "objective",
        "objectives",
        "aim",
        "aims",
        "purpose",
        "methods",
        "results",
        "findings",
        "conclusion",
        "conclusions",
        "interpretation",
        "significance",
        "discussion",
        "summary",
    }
)


def split_coordination(head: Token, max_conjuncts: int = 8) -> list[Token]:
    """The head and the nominal heads coordinated with it, in sentence order."""
    if head.pos_ not in NOMINAL_POS and not (head.pos_ == "ADJ" and head.dep_ in ARGUMENT_DEPS):
        return [head]  # "the elderly and people with diabetes": adjectives used as nouns split too
    if measures_of_one_thing(head):
        return [head]  # "the incidence and severity of psoriasis": one variable, psoriasis
    conjuncts = [
        c
        for c in head.conjuncts
        if (c.pos_ in NOMINAL_POS or misread_name(c)) and c.i > head.i and not _glued(c)
    ]
    if not conjuncts or len(conjuncts) >= max_conjuncts:
        return [head]
    return [head, *conjuncts]


def _glued(conjunct: Token) -> bool:
    """'Ca2+ activity', 'CD4+/CD8+', 'Pre-treatment': a '+', '/' or '-' without a space before it
    joins a name, it coordinates nothing."""
    doc = conjunct.doc
    i = conjunct.left_edge.i - 1
    return i > 0 and doc[i].text in ("+", "/", "-") and not doc[i - 1].whitespace_


def denied_conjunct(conjunct: Token) -> set[int]:
    """The "not" (and "but") of a conjunct a coordination denies ("A, but not B"), else empty."""
    doc = conjunct.doc
    nots = {c.i for c in conjunct.children if c.lower_ == "not" and c.i < conjunct.i}
    edge = conjunct.left_edge.i
    if not nots and edge > 0 and doc[edge - 1].lower_ == "not":
        nots = {edge - 1}
    if nots and min(nots) > 0 and doc[min(nots) - 1].lower_ == "but":
        nots.add(min(nots) - 1)
    return nots


def example_markers(head: Token, exemplifiers: tuple[tuple[str, ...], ...]) -> list[Token]:
    """Dependents of ``head`` that introduce examples ("X such as A and B", "X, including A")."""
    markers = []
    doc = head.doc
    for child in head.children:
        if child.dep_ not in ("prep", "amod", "acl") or child.i < head.i:
            continue
        for words in exemplifiers:
            last = child.i
            first = last - len(words) + 1
            if first >= 0 and tuple(t.lower_ for t in doc[first : last + 1]) == words:
                markers.append(child)
                break
    return markers


def examples(marker: Token) -> list[Token]:
    """The example heads a marker introduces, with their coordinated siblings."""
    objects = [c for c in marker.children if c.dep_ in ("pobj", "dobj")]
    if not objects:
        return []
    first = objects[0]
    return [first, *(c for c in first.conjuncts if c.i > first.i)]


def _paren_pairs(doc, start: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
    """Matched bracket pairs and unmatched bracket positions within ``[start, end]``.

    The tokeniser leaves a bracket opened inside a name on the name's token ("CuSO(4" ")",
    "IP(3" ")"): that token opens a pair too, one that is part of the name and no aside, so it is
    not among the pairs returned."""
    pairs, unmatched, stack = [], [], []
    for i in range(start, end + 1):
        text = doc[i].text
        if text in ("(", "["):
            stack.append((i, False))
        elif text in (")", "]"):
            if stack:
                opened, inside_name = stack.pop()
                if not inside_name:
                    pairs.append((opened, i))
            else:
                unmatched.append(i)
        elif _opens_inside(text):
            stack.append((i, True))
        elif closes_inside(text) and stack and not stack[-1][1]:
            stack.pop()  # "(IL)-8": the abbreviation's bracket, closed inside the name's token
    return pairs, unmatched + [i for i, _ in stack]


def _opens_inside(text: str) -> bool:
    """A token that opens a bracket after a name's first characters and leaves it open ("IP(3")."""
    depth = text.count("(") + text.count("[") - text.count(")") - text.count("]")
    return depth > 0 and text[0] not in "(["


def is_section_label(token: Token) -> bool:
    """A section label run into the sentence ("Conclusions Exercise reduced ...", "RESULTS: ..."): a
    capitalised label word followed by a capitalised word or a colon."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.lower_ in SECTION_LABELS
        and token.text[:1].isupper()
        and nxt is not None
        and (nxt.text[:1].isupper() or nxt.text == ":")
    )


def _trim(doc, start: int, end: int, head_i: int) -> tuple[int, int]:
    """Trim edge punctuation, connectives and bracketed asides, never past the head."""
    while True:
        before = (start, end)
        pairs, unmatched = _paren_pairs(doc, start, end)
        for i in unmatched:
            if i > head_i:
                end = min(end, i - 1)
            elif i < head_i:
                start = max(start, i + 1)
        for open_i, close_i in pairs:
            if close_i == end and open_i > head_i:
                end = open_i - 1
            elif open_i == start and close_i < head_i:
                start = close_i + 1
        while start < head_i and (
            doc[start].is_punct
            or doc[start].is_space
            or doc[start].lower_ in EDGE_TRIM
            or is_section_label(doc[start])
        ):
            if doc[start].text in ("(", "["):
                break
            start += 1
        while end > head_i and (doc[end].is_punct or doc[end].is_space or doc[end].lower_ in EDGE_TRIM):
            if doc[end].text in (")", "]"):
                break
            end -= 1
        if (start, end) == before:
            return start, end


FRAGMENT_DEPS = frozenset({"conj", "dep", "nmod", "compound", "appos"})
MANNER_NOUNS = frozenset({"manner", "fashion", "way"})


def _glued_code(appos: Token) -> bool:
    """'factor VIII', 'type II', 'protein C': a one-word code written right after a noun, with no
    comma or bracket between, which the parser took for an apposition, is part of the name."""
    doc = appos.doc
    before = doc[appos.i - 1]
    text = appos.text
    return (
        not before.is_punct
        and len(text) <= 5
        and text.isalnum()
        and text[0].isupper()
        and (text.isupper() or len(text) <= 2 or any(ch.isdigit() for ch in text))
    )


def _is_misread_complement(noun: Token, child: Token) -> bool:
    doc = noun.doc
    return (
        child.dep_ in ("relcl", "acl")
        and noun.lemma_.lower() in TO_COMPLEMENT_NOUNS
        and child.i == noun.i + 2
        and doc[noun.i + 1].lower_ == "to"
        and doc[noun.i + 1].head.i == child.i
    )


def _after_comma(clause: Token) -> bool:
    edge = clause.left_edge.i
    return edge > 0 and clause.doc[edge - 1].text in (",", ";")


def _is_manner(prep: Token) -> bool:
    return prep.lower_ == "in" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in MANNER_NOUNS for c in prep.children
    )


def _is_means(prep: Token) -> bool:
    """'by decreasing kernel weight': a means clause, another relation, not part of a name."""
    return prep.lower_ == "by" and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)


def _is_amount(prep: Token) -> bool:
    """'by 40%', 'by two-fold': how much, not part of a name."""
    return prep.lower_ == "by" and any(
        c.dep_ == "pobj" and (c.like_num or c.text == "%" or any(g.like_num for g in c.children))
        for c in prep.children
    )


def _kept_tokens(head: Token, blocked: set[int], split: bool, group: bool) -> set[int]:
    """Indices of the head's subtree worth keeping."""
    kept: set[int] = set()
    joint = split and measures_of_one_thing(head)  # "the incidence and severity of X" stays whole
    stack = [head]
    while stack:
        tok = stack.pop()
        kept.add(tok.i)
        for child in tok.children:
            if child.i in blocked:
                continue
            if _is_misread_complement(tok, child):
                # "exposure to X" read as an infinitive "to X"; "susceptibility to rheumatoid
                # arthritis" with "rheumatoid" the verb and "arthritis" its object
                kept.update((child.i - 1, child.i))
                kept.update(
                    t.i for c in child.children if c.dep_ == "dobj" for t in c.subtree if t.i not in blocked
                )
                continue
            if child.dep_ in ("conj", "appos") and child.i > tok.i and _glued(child):
                kept.add(child.left_edge.i - 1)  # "Ca2+ activity", "Pre-treatment": one name
                stack.append(child)
                continue
            if child.dep_ == "appos" and child.i > tok.i and _glued_code(child):
                kept.add(child.i)  # "factor VIII": the code, not what hangs on it ("VIII due to X")
                continue
            if child.dep_ == "appos" and unmarked_apposition(tok, child):
                stack.append(child)  # "the serotonin [2C receptor]": no comma or bracket sets it off
                continue
            if child.dep_ == "appos" and name_goes_on_after_abbreviation(tok, child):
                # "interleukin (IL)-8 production", "protein (HSP) 27": one name, the bracket with it
                if not any(t.i in blocked for t in child.subtree) and blocked.isdisjoint(
                    range(tok.i, child.i)
                ):
                    kept.update(range(tok.i + 1, child.i))
                    stack.append(child)
                continue
            if child.dep_ in CLAUSE_DEPS and not (group and child.dep_ == "relcl"):
                if not (child.dep_ == "appos" and child.i < head.i):
                    # An "apposition" before the head is a name inside the noun phrase that the
                    # parser misread ("the N-methyl-D-aspartate (NMDA) receptor antagonist X").
                    continue
            if child.dep_ == "acl" and child.tag_ == "VBD":
                continue  # a finite verb read as a reduced relative: the clause, not the phrase
            if child.dep_ == "acl" and child.tag_ == "VBG" and _after_comma(child):
                continue  # "X, thus reducing Y": an adverbial clause set off by a comma
            if (
                child.tag_ in FINITE_TAGS
                and child.pos_ in ("VERB", "AUX")
                and child.dep_ in FRAGMENT_DEPS
                and child.i > tok.i
            ):
                continue  # "apoptosis and suppresses invasion": a coordinated clause, not the phrase
            if child.dep_ == "prep" and (_is_manner(child) or _is_means(child) or _is_amount(child)):
                # "in a dose-dependent manner", "by decreasing Y", "by 40%" say how or how much
                continue
            if (
                child.dep_ == "punct"
                and child.text == "-"
                and not child.whitespace_
                and child.i > tok.i
                and participle_after(child)
            ):
                continue  # "acid-induced": the hyphen belongs to the participle after it
            if tok is head and child.dep_ == "prep" and child.i < head.i and head.pos_ in NOMINAL_POS:
                continue  # "In this analysis, X was ...": a fronted phrase, not X's modifier
            if child.dep_ == "prep" and child.lower_ in COMPARATOR_PREPS:
                continue
            if split and tok is head and child.dep_ in COORDINATION_DEPS and not joint:
                continue
            if any(t.i in blocked for t in child.subtree):
                # A dependent holding the cue or the other argument is not part of this one.
                continue
            stack.append(child)
    return kept


def argument_span(
    head: Token, blocked: set[int], split: bool = True, group: bool = False, misparsed: bool = False
) -> tuple[int, int] | None:
    """Token range ``[start, end)`` of the argument headed by ``head``, or None.

    Parameters
    ----------
    head
        The argument's head token.
    blocked
        Token indices the argument must not include (the cue, the other argument).
    split
        Whether the head's coordinated conjuncts were split off (they are then left out).
    group
        The argument is a compared group: its relative clause says who is in it ("patients
        who received early surgery") and stays.
    misparsed
        The argument is the subject of a cue verb the parser read as a noun modifier; its own
        modifiers may then hang on the noun after the cue.
    """
    if head.i in blocked or is_section_label(head):
        return None  # "BACKGROUND AND OBJECTIVE: ...": a section label names nothing
    head = naming_appositive(head, blocked) or head
    kept = _kept_tokens(head, blocked, split, group)
    doc = head.doc
    # Grow the contiguous run around the head.
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    start = merged_subject_start(head, start, blocked)
    start = flat_compound_start(head, start, blocked)
    if misparsed:
        start = misattached_modifiers_start(head, start, blocked)
    while end + 1 in kept:
        end += 1
    start, end = _trim(doc, start, end, head.i)
    if start > end:
        return None
    span = whole_words(doc, start, end, blocked)
    return None if span is None else completed_bounds(head, span, blocked)
