"""Lists read from punctuation when the parse does not see them.

The small English parser often misreads enumerations of technical names ("the expression of COX-2,
NF-kB, caspase-9 and p21", "serum creatinine and blood urea nitrogen levels") as appositions or
compounds, so that one argument covers the whole list. The commas and the final "and"/"or" say what
the parse does not: each item is its own variable, one claim each.

An argument span is split at its top-level separators (not inside brackets) when it reads as a
list: a final coordinator, items that are short noun phrases with no verb, and (in the first item)
nothing before the first name but a frame of measurement, change, exposure or group ("the levels
of", "a reduction in", "treatment with"). The first item keeps that frame ("the levels of A"); the
others are bare names and carry the frame's direction ("a reduction in the levels of A, B and C": B
and C go down), so that the claim's polarity stays the sign as written (:func:`frame_direction`;
:func:`outside_frame` tells a conjunct with a frame of its own). Finding the whole list when the
parse gave an argument only one of its items is :mod:`rules_list_bounds`'s part; what an item may
carry besides its name (an abbreviation, an aside of figures, a participle) is
:mod:`rules_list_asides`'s.

Premodifiers of a head that joins them ("the Bcl-2 and Bax ratio") name one thing, no list.

Design call: nouns coordinated before one complement ("the predisposition and recurrence of
erysipelas", "the transmission and survival of the virus"). The earlier noun's full name
("predisposition to erysipelas") is no stretch of the sentence, and a claim's cause and effect are
spans with character offsets (``causemap.models.Claim``, DESIGN.md "Provenance"): no claim may carry
a name assembled from pieces as if it were written. Two honest readings remain: the whole
coordination as one argument, or each noun as its own contiguous span ("the predisposition",
"recurrence of erysipelas"). Each noun keeps its own span (the parse's split, unchanged): measured,
the whole coordination lost sciclaim spans F1 0.6817 -> 0.6753 (its annotators split two of the
three such coordinations the same way) and found no BioRED pair more. Coordinated measures of one
thing ("the incidence and severity of asthma") stay one argument, because the normaliser strips the
measures (:mod:`rules_measures`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_heads import FINITE_TAGS, misread_name
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_list_asides import noun_modifier, without_aside
from causemap.graphbuilder.extractors.rules_list_changes import shared_change
from causemap.graphbuilder.extractors.rules_measures import measures_of_one_thing
from causemap.graphbuilder.extractors.rules_repairs import (
    opens_own_verb_phrase,
)
from causemap.graphbuilder.normalise import load_lexicon

SEPARATORS = frozenset({",", ";"})
COORDINATORS = frozenset({"and", "or", "and/or"})
FRAME_PREPS = frozenset({"of", "in", "to", "with", "on"})
# Words that can name an item (the tagger takes many gene and drug names for numbers or symbols).
NAMING_POS = frozenset({"NOUN", "PROPN", "NUM", "X", "SYM"})
# Frames that join their items into one thing rather than list them.
JOINING_HEADS = frozenset(
    {
        "combination",
        "ratio",
        "interaction",
        "mixture",
        "cotreatment",
        "co-treatment",
        "coadministration",
        "co-administration",
        "complex",
        "balance",
        "difference",
        "between",
        "both",
        "either",
        "neither",
        "sum",
        "product",
    }
)
MAX_ITEM_TOKENS = 7
MAX_ITEMS = 12


@dataclass(frozen=True)
class ListItem:
    """One item of a list: its token range ``[start, end)``, its head, and the direction the first
    item's frame gives it (-1 "reduced levels of", +1 "higher levels of", 0 none) when the item is
    written bare, without the frame."""

    start: int
    end: int
    head: Token
    direction: int = 0


def _segments(doc: Doc, start: int, end: int) -> tuple[list[tuple[int, int]], bool] | None:
    """The span cut at top-level separators, and whether a coordinator closes the list."""
    segments, depth, begin = [], 0, start
    closing = False
    i = start
    while i < end:
        text = doc[i].text
        if text in ("(", "["):
            depth += 1
        elif text in (")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0 and (text in SEPARATORS or doc[i].lower_ in COORDINATORS):
            if i > begin:
                segments.append((begin, i))
            coordinator = doc[i].lower_ in COORDINATORS
            if text in SEPARATORS and i + 1 < end and doc[i + 1].lower_ in COORDINATORS:
                i += 1  # ", and"
                coordinator = True
            closing = coordinator
            begin = i + 1
        i += 1
    if begin < end:
        segments.append((begin, end))
    return (segments, closing) if len(segments) >= 2 else None


def _is_item(doc: Doc, start: int, end: int, last: bool) -> bool:
    """A short noun phrase naming something: no finite verb, a word with letters, (inside the
    list) no preposition outside brackets."""
    tokens = doc[start:end]
    if not len(tokens) or (len(tokens) > MAX_ITEM_TOKENS and not last):
        return False
    if any(
        (t.tag_ in FINITE_TAGS and not misread_name(t) and not noun_modifier(t))
        or t.lower_ in ("that", "which", "who", "whereas", "while")
        for t in tokens
    ):
        return False
    if not last and any(t.tag_ == "IN" for t in tokens):
        return False
    if any(t.text in (":", ";") for t in tokens):
        return False  # "BACKGROUND AND OBJECTIVE: X ...": a heading and its text are no items
    if sum(t.text in "([" for t in tokens) != sum(t.text in ")]" for t in tokens):
        return False  # "hyperinsulinism [2–4": cut inside a bracket, no whole name
    if any(
        t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") and not misread_name(t)
        for t in tokens
    ):
        return False  # "implementing the new measures": an action, not a named thing
    content = [t for t in doc[start:end] if (not t.is_punct and not t.is_stop) or misread_name(t)]
    # A name, not a modifier: "respiratory and gastrointestinal symptoms" lists no adjectives.
    return any(
        any(ch.isalpha() for ch in t.text) and (t.pos_ in NAMING_POS or misread_name(t)) for t in content
    )


def frame_end(doc: Doc, start: int, end: int, lexicon: CueLexicon) -> int | None:
    """Where the first item's name begins after its frame ("the levels of | A"), or None when the
    words before the name are not a frame of measurement, change, exposure or group."""
    preps = [t for t in doc[start:end] if t.lower_ in FRAME_PREPS and t.tag_ in ("IN", "TO")]
    if not preps:
        # No preposition: the frame is the determiners and direction words that open the list
        # and qualify every item ("reduced A, B and C levels").
        i = start
        while i < end - 1 and (
            doc[i].pos_ == "DET" or doc[i].lower_ in lexicon.up_words or doc[i].lower_ in lexicon.down_words
        ):
            i += 1
        return i
    frame_nouns = [t for t in doc[start : preps[-1].i] if t.pos_ in ("NOUN", "PROPN")]
    for noun in frame_nouns:
        lemma = noun.lemma_.lower()
        if lemma in JOINING_HEADS or noun.lower_ in JOINING_HEADS:
            return None
        if not (
            lemma in lexicon.measure_heads
            or lemma in lexicon.exposure_heads
            or lemma in lexicon.population_nouns
            or lemma in lexicon.up_words
            or lemma in lexicon.down_words
            or noun.lower_ in lexicon.down_words
            or noun.lower_ in lexicon.up_words
        ):
            return None
    return preps[-1].i + 1


def _head_of(doc: Doc, start: int, end: int) -> Token:
    """The item's head: its token whose syntactic head lies outside it (the last such), else its
    last word."""
    inside = range(start, end)
    heads = [t for t in doc[start:end] if t.head.i not in inside and not t.is_punct]
    return heads[-1] if heads else doc[end - 1]


def frame_direction(tokens, lexicon: CueLexicon) -> int:
    """The direction a frame gives what it frames: -1 for an odd number of downward words
    ("reduced levels of", "inhibition of"), +1 for upward ones ("higher levels of"), else 0."""
    downs = sum(1 for t in tokens if t.lower_ in lexicon.down_words or t.lemma_.lower() in lexicon.down_words)
    if downs % 2:
        return -1
    ups = any(t.lower_ in lexicon.up_words or t.lemma_.lower() in lexicon.up_words for t in tokens)
    return 1 if ups or downs else 0


def _modifier_only(doc: Doc, start: int, end: int) -> bool:
    """A segment with no word that can name a thing: adjectives ("neonatal" in "neonatal or sudden
    infant death"), which modify the head of the phrase coordinated after them."""
    words = [t for t in doc[start:end] if not t.is_punct]
    return bool(words) and all(t.pos_ in ("ADJ", "ADV") and not misread_name(t) for t in words)


def _share_heads(doc: Doc, segments: list[tuple[int, int]]) -> list[tuple[int, int, int]] | None:
    """The segments as items ``(start, end, where the item's noun phrase starts)``: adjectives
    coordinated before a noun phrase share its head, so "neonatal or sudden infant death" and "acute,
    subacute or chronic kidney failure" are one item each, not a bare "neonatal". None when the
    span ends in modifiers with no noun after them."""
    out: list[tuple[int, int, int]] = []
    pending: int | None = None  # where a run of modifier-only segments began
    for s, e in segments:
        if _modifier_only(doc, s, e):
            pending = s if pending is None else pending
            continue
        out.append((s if pending is None else pending, e, s))
        pending = None
    return None if pending is not None else out


def _bare_common_modifier(doc: Doc, item: tuple[int, int], head: Token, shared: Token, kinds) -> bool:
    """ "learning and memory deficits", "lung and bladder cancer": the first item is a common noun
    alone that modifies the last item's head; read apart, "learning" or "lung" would name no deficit
    or cancer (the opposite, even). Before a kind noun ("HNF4A and HNF1A mutations") or an exposure
    ("lithium and valproate treatment"), each modifier names its own variable and the list splits."""
    text = head.text
    return (
        item[1] - item[0] == 1
        and head.pos_ == "NOUN"
        and head.dep_ in ("nmod", "compound")
        and head.head.i == shared.i
        and text.isalpha()
        and text[1:].islower()
        and shared.lemma_.lower() not in kinds
        and shared.lower_ not in kinds
    )


def _ambiguous_modifier(doc: Doc, item: tuple[int, int], last: tuple[int, int], kinds=frozenset()) -> bool:
    """ "relative water and chlorophyll content": the parse makes the first item's head a modifier of
    the last item's head ("water ... content"), and an adjective opens the first item, so whether it
    modifies "water" or the shared "content" is not written; read apart, "relative water" would be a
    bare modifier. A shared head the variables drop ("levels", "concentration": normalisation's
    trailing wrappers) names the measure of each item, not part of its name: "high LDL and HDL
    cholesterol levels" lists the things measured; so do two items that each open with an adjective
    ("severe A and acute B"), phrases of the same shape."""
    shared = _head_of(doc, *last)
    if {shared.lemma_.lower(), shared.lower_} & load_lexicon().trailing_wrappers:
        return False
    start, end = item
    head = _head_of(doc, start, end)
    if _bare_common_modifier(doc, item, head, shared, kinds):
        return True
    return (
        _opens_with_adjective(doc, start, head)
        and not _opens_with_adjective(doc, last[0], shared)  # "severe A and acute B": two phrases
        and head.pos_ == "NOUN"
        and head.dep_ in ("nmod", "compound")
        and head.head.i == shared.i
    )


def _joined_by_shared_head(doc: Doc, segments: list[tuple[int, int]]) -> bool:
    """The last item ends in a head that joins what premodifies it into one thing ("the Bcl-2 and
    Bax ratio", "the drug and alcohol interaction"), and the earlier items are premodifiers of it
    (hung on it, or coordinated with a word that is): a ratio of the items, not one per item."""
    last_start, last_end = segments[-1]
    shared = _head_of(doc, last_start, last_end)
    if shared.lemma_.lower() not in JOINING_HEADS and shared.lower_ not in JOINING_HEADS:
        return False
    if shared.i == last_start or any(t.pos_ == "DET" for t in doc[last_start:last_end]):
        return False  # "A and ratio", "A, B and the C ratio": the last item is a phrase of its own
    first_head = _head_of(doc, *segments[0])
    return first_head.i < shared.i and shared in first_head.ancestors


def _opens_with_adjective(doc: Doc, start: int, head: Token) -> bool:
    """The item opens with an adjective of its own ("average kernel weight", "physiological function":
    the parser may hang the second on the first item as a conjunct)."""
    first = doc[start]
    return first.tag_ == "JJ" and first.i != head.i


def _own_modifier(doc: Doc, start: int, head: Token, lexicon: CueLexicon) -> bool:
    """The item opens with an adjective or a direction word of its own ("oxidative stress",
    "increased fibrosis")."""
    first = doc[start]
    return first.i != head.i and (
        first.tag_ in ("JJ", "JJR", "JJS")
        or first.lower_ in lexicon.up_words
        or first.lower_ in lexicon.down_words
    )


def _suspended_prefix(doc: Doc, segments: list[tuple[int, int]], end: int) -> bool:
    """Whether an item is a word left hanging on its hyphen that is no name of its own: "pro-" in
    "pro- and anti-inflammatory cytokines", "short-" in "short- and long-term mortality" are parts of
    the next word, and the coordination is one name. A name before the hyphen ("SP-, NK1r- and
    VIP-immunoreactivity") and the causes of a compound cut before its suffix ("phenobarbitone- and
    carbamazepine" of "-induced") are items of their own."""
    if end < len(doc) and doc[end].text.startswith("-") and not doc[end - 1].whitespace_:
        return False
    hanging = [doc[e - 1].text for _, e in segments[:-1] if doc[e - 1].text.endswith("-")]
    return any(word[:-1].isalpha() and word[:-1].islower() for word in hanging)


def surface_list(doc: Doc, start: int, end: int, lexicon: CueLexicon) -> list[ListItem] | None:
    """The items of an argument span ``[start, end)`` that reads as a list, else None.

    Adjectives coordinated before a noun phrase share its head and stay with it ("neonatal or sudden
    infant death" is one item, never a bare "neonatal"); an item that may be a premodifier of the
    last item's head keeps the coordination one name (:func:`_ambiguous_modifier`).
    """
    found = _segments(doc, start, end)
    if found is None:
        return None
    segments, closing = found
    segments = [(s, without_aside(doc, s, e)) for s, e in segments]  # "IL-5 (P = 0.007)": IL-5
    if not closing or len(segments) > MAX_ITEMS or any(measures_of_one_thing(t) for t in doc[start:end]):
        return None  # "the incidence and severity of X": measures of one thing, no list
    if _suspended_prefix(doc, segments, end):
        return None  # "pro- and anti-inflammatory cytokines": a suspended prefix shares the next word
    shared = _share_heads(doc, segments)
    if shared is None:
        return None
    if len(shared) == 1:
        s, e, noun = shared[0]
        return [ListItem(s, e, _head_of(doc, noun, e))]
    heads = {s: _head_of(doc, noun, e) for s, e, noun in shared}
    segments = [(s, e) for s, e, _ in shared]
    first_start, first_end = segments[0]
    name_start = frame_end(doc, first_start, first_end, lexicon)
    if name_start is None or name_start >= first_end:
        return None
    if any(t.lower_ in JOINING_HEADS for t in doc[first_start:name_start]):
        return None
    if _joined_by_shared_head(doc, segments):
        return None  # "the Bcl-2 and Bax ratio": one ratio of the two, no list
    # "HNF4A and HNF1A mutations", "lithium and valproate treatment": each modifier its own variable
    named_apart = lexicon.kind_nouns | lexicon.exposure_heads
    if _ambiguous_modifier(doc, (name_start, first_end), segments[-1], named_apart):
        return None
    if not _is_item(doc, name_start, first_end, last=False):
        return None
    for i, (s, e) in enumerate(segments[1:], start=1):
        if not _is_item(doc, s, e, last=i == len(segments) - 1):
            return None
        if opens_own_verb_phrase(doc[s], lexicon):
            return None  # "A and inhibits B": a verb the tagger misread, read with its own object
    frame = doc[first_start:name_start]
    framed = frame_direction(frame, lexicon)
    if (
        framed
        and not any(t.lower_ in FRAME_PREPS for t in frame)
        and any(_own_modifier(doc, s, heads[s], lexicon) for s, _ in segments[1:])
    ):
        # "impaired mitochondrial function, oxidative stress and inflammation": items written with
        # modifiers of their own are whole phrases, and the opening direction word is the first's
        framed = 0
    first_head = heads[first_start] if shared[0][2] > first_start else _head_of(doc, name_start, first_end)
    change = shared_change(doc, segments)
    items = [ListItem(first_start, first_end, first_head, change(first_start, first_end, first_head, 0))]
    items.extend(ListItem(s, e, heads[s], change(s, e, heads[s], framed)) for s, e in segments[1:])
    return items


def outside_frame(conjunct: Token, lexicon: CueLexicon) -> bool:
    """Whether a coordinated complement is a phrase of its own, outside the frame before the list.

    "reduced levels of A and B": B is bare and goes down with A. A conjunct with its own
    determiner ("reduced the suppression of A and the accumulation of B") or its own relation (an
    "X-induced" modifier: "reduced inhibition of A and arsenic-induced B") is coordinated with the
    whole framed phrase, so the frame's direction is not its own.
    """
    from causemap.graphbuilder.extractors.rules_repairs import participle_cue

    doc = conjunct.doc
    for child in conjunct.children:
        if child.i > conjunct.i:
            continue
        if child.dep_ == "det" and child.lower_ in ("the", "a", "an", "its", "their"):
            return True
        hyphenated = child.i > 0 and doc[child.i - 1].text == "-" and not doc[child.i - 2].whitespace_
        if hyphenated and participle_cue(child, lexicon) is not None:
            return True
    return False
