"""Is an argument a whole noun phrase of the sentence? (Check 1 of ``graphbuilder.verification``.)

A claim's cause and effect name variables, and a variable is named by a noun phrase: a noun or name
with everything that modifies it from the left ("lung cancer", "the daily number of cases"), and
optionally whole phrases on its right ("the risk of lung cancer", cut before "in adults"). A word cut
out of a phrase ("cancer" of "lung cancer", "lung" of it), a run that ends inside a phrase ("cancer
in"), a verb, a pronoun or a lone function word names no variable.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS
from causemap.graphbuilder.extractors.rules_spans import SECTION_LABELS, is_section_label

NOUN_POS = frozenset({"NOUN", "PROPN", "X"})
MODIFIER_POS = frozenset({"ADJ", "ADV", "VERB", "DET", "NUM"})
PREMODIFIER_POS = NOUN_POS | {"ADJ", "NUM", "CCONJ", "DET"}
# A premodifier that may be left out of a phrase: determiners, possessive pronouns, punctuation.
# (and quantifiers: "a total of | six species", "over | 16,600 people").
OPTIONAL_PREMODIFIER_DEPS = frozenset({"det", "predet", "punct", "cc", "preconj", "case", "quantmod"})
# A word that only modifies a noun names no variable alone, but points at the phrase it modifies.
WIDENED_DEPS = frozenset({"amod", "advmod", "npadvmod", "nummod", "det"})
# Words of class that cannot end (or open) a phrase.
FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PUNCT"})
EDGE_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PART"})
# Deps by which a gerund stands as an argument ("installing incinerators reduced ...").
GERUND_ARGUMENT_DEPS = SUBJECT_DEPS | {"dobj", "pobj", "pcomp", "xcomp", "ccomp"}
# Deps only a noun phrase takes.
NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass"})
POSSESSIVE_MARKS = frozenset({"'", "’", "'s", "’s"})
OPENING_QUOTES = frozenset({"'", "‘", '"', "“"})
# What a participle modifying a noun takes after it, and may not be cut from.
PARTICIPLE_COMPLEMENT_DEPS = frozenset({"dobj", "prep", "agent", "dative", "xcomp", "attr", "oprd"})
_HAS_LETTER = re.compile(r"[^\W\d_]")
_ACRONYM = re.compile(r"^(?=.*[A-Z].*[A-Z0-9])[A-Z][A-Za-z0-9-]*$")


def chain(token: Token) -> list[Token]:
    """The token and its governors up to the root."""
    out = [token]
    while token.head.i != token.i:
        token = token.head
        out.append(token)
    return out


def roots(span: Span) -> list[Token]:
    """The span's tokens whose governor lies outside it."""
    return [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]


def head_of(span: Span) -> Token:
    """The span's highest token (its syntactic head, when the span is a phrase)."""
    return min(roots(span), key=lambda t: (len(list(t.ancestors)), t.i))


def trimmed(span: Span) -> Span:
    """``span`` without punctuation at its edges, nor a preposition, conjunction or section label
    ("Conclusion Optimising ...") opening it or a function word, or an adverb of the clause, closing
    it ("reduction in" -> "reduction"), as the rules extractor trims its spans."""
    doc, start, end = span.doc, span.start, span.end
    while start < end - 1 and (
        doc[start].is_punct or doc[start].pos_ in EDGE_POS or is_section_label(doc[start])
    ):
        start += 1
    while end - 1 > start and (
        doc[end - 1].is_punct or doc[end - 1].pos_ in FUNCTION_POS or _loose(doc[end - 1], start)
    ):
        end -= 1
    return doc[start:end]


def _loose(token: Token, start: int) -> bool:
    """An adverb closing the span that modifies no word of it ("X caused Y | worldwide")."""
    return token.pos_ == "ADV" and not start <= token.head.i < token.i


def argument_phrase(span: Span, other: Span, hyphen_participles: frozenset[str] = frozenset()) -> Span | None:
    """``span`` if it is a whole noun phrase; a bare modifier widened to the phrase it modifies
    ("increased" -> "increased stress"); None if it names no variable."""
    span = trimmed(span)
    head = head_of(span)
    if _before_hyphen_participle(span, hyphen_participles) and _has_content(span):
        return span  # the X of "X-induced Y", whatever the parser made of it
    if not _one_phrase(span) or _possessor(span):
        return None  # two phrases, or a phrase and part of another
    if (
        head.dep_ in WIDENED_DEPS | {"conj"}
        and head.pos_ in MODIFIER_POS
        and head.head.i != head.i
        and not misread_noun(head)
        and not misread_compound_verb(head)
    ):
        widened = _widened(span, head)
        if widened is None or (other.start < widened.end and widened.start < other.end):
            return None
        span, head = widened, head_of(widened)
    if head.dep_ == "compound" and head.head.i >= span.end:
        return None
    if misread_compound_verb(head) and head.i + 1 >= span.end:
        return None  # "cytokine" of "cytokine storm": the premodifier alone, as with a compound
    if not _has_content(span) or span[-1].pos_ in FUNCTION_POS or span[0].pos_ in ("ADP", "CCONJ", "SCONJ"):
        return None
    if not (_is_nominal(head) or _is_gerund(head, span)):
        if not _is_gerund(head, _with_objects(span, head)):
            return None
        span = _with_objects(span, head)  # "leveling" of "leveling the nadir": the gerund's phrase
    span = _with_premodifiers(span)  # "cancer" of "lung cancer", "reduction" of "weight reduction"
    if not _cut_between_phrases(span, head_of(span)):
        return None
    if other.start < span.end and span.start < other.end:
        return None
    return span


def _before_hyphen_participle(span: Span, hyphen_participles: frozenset[str]) -> bool:
    """Whether a hyphen and a participle of the lexicon's "X-induced Y" come right after ``span``
    (the participle alone is no such frame: "X is associated with Y")."""
    doc, end = span.doc, span.end
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in hyphen_participles


def _possessor(span: Span) -> bool:
    """ "patients" of "patients' fatigue": a noun with the possessive apostrophe after it determines
    the noun that follows, as a premodifier does, and names no variable alone. The parse reads a
    detached apostrophe ("patients ’ fatigue") as a closing quotation mark, so one with no opening mark
    before it counts too."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].text not in POSSESSIVE_MARKS or span[-1].pos_ not in NOUN_POS:
        return False
    if doc[end + 1].pos_ not in PREMODIFIER_POS - {"CCONJ", "DET"}:
        return False
    return doc[end].tag_ == "POS" or not any(t.text in OPENING_QUOTES for t in doc[: span.start])


def _one_phrase(span: Span) -> bool:
    """One root, or coordinated phrases on one governor ("the severity and spread of X", which the
    parse may hang on the verb as two objects)."""
    tops = roots(span)
    if len(tops) == 1:
        return True
    governors = {t.head.i for t in tops}
    if len(governors) == 1 and all(t.dep_ in ("conj", "cc", "punct", "prep") for t in tops[1:]):
        return True
    if len(tops) == 2 and _elided_head(span):
        return True
    # "PO or IV glutathione", "co-morbid conditions": words that read as premodifiers of the last
    # root, which the small parse hung elsewhere.
    last = max(tops, key=lambda t: t.i)
    return (last.pos_ in NOUN_POS or misread_noun(last)) and all(
        t.pos_ in PREMODIFIER_POS or t.is_punct for t in span if t.i < last.i and t.head.i != last.i
    )


def _elided_head(span: Span) -> bool:
    """ "a dose of 4 mg of SC" of "a dose of 4 mg of SC or IM heparin": a phrase closing on the first of
    two coordinated premodifiers, whose shared noun it leaves to the second ("SC [heparin] or IM
    heparin"); that noun hangs on a word of the phrase."""
    last = span[-1]
    return (
        coordinated_premodifier(last)
        and last.head.i >= span.end
        and span.start <= last.head.head.i < span.end
        and span.doc[span.end].dep_ == "cc"
    )


def _widened(span: Span, head: Token) -> Span | None:
    """The phrase a bare modifier modifies: the noun it hangs on, with that noun's premodifiers."""
    noun = head
    while noun.dep_ in WIDENED_DEPS | {"conj"} and noun.head.i != noun.i and noun.pos_ not in NOUN_POS:
        noun = noun.head
    if noun is head or noun.pos_ not in NOUN_POS:
        return None
    left = [c for c in noun.children if c.i < noun.i and c.dep_ not in OPTIONAL_PREMODIFIER_DEPS]
    start = min([span.start, noun.i, *(c.left_edge.i for c in left)])
    return span.doc[start : max(span.end, noun.i + 1)]


def _has_content(span: Span) -> bool:
    return any(_HAS_LETTER.search(t.text) and not t.is_stop for t in span)


def misread_noun(token: Token) -> bool:
    """A plural noun the tagger read as a verb in the third person ("cell counts/VBZ"), as its parse
    shows: a verb never stands as an object or a subject, nor as the conjunct of a noun. Or the head
    noun of a compound read as an adjective that the parse hangs, as an adverb, on a verb further
    back ("associated with Covid-19 pandemic/JJ", on "summarize"): an adjective does not modify a
    verb, and right after a name it is that name's head."""
    if _misread_postposed_adjective(token):
        return True
    if token.tag_ != "VBZ":
        return False
    return token.dep_ in NOMINAL_DEPS or (token.dep_ == "conj" and token.head.pos_ in NOUN_POS)


def _misread_postposed_adjective(token: Token) -> bool:
    doc = token.doc
    if token.pos_ != "ADJ" or token.dep_ != "advmod" or not token.i or any(token.children):
        return False
    before = doc[token.i - 1]
    return (
        before.pos_ in NOUN_POS
        and before.dep_ in NOMINAL_DEPS
        and token.head.pos_ in ("VERB", "AUX")
        and token.head.i < before.i
        and token.head.is_ancestor(before)
    )


def misread_compound_verb(token: Token) -> bool:
    """ "cytokine storm" of "associated with ARDS and cytokine storm", tagged as a verb and its object:
    a bare base-form verb conjoined to a participle or a finite verb, with no subject, auxiliary,
    marker or negation of its own, its object right after it. Conjoined verbs share their form
    ("associated with A and caused B"), so the bare form there is a noun the tagger misread."""
    return (
        token.tag_ == "VB"
        and token.dep_ == "conj"
        and token.head.tag_ in ("VBN", "VBD", "VBZ", "VBG")
        and not any(c.dep_ in (*SUBJECT_DEPS, "aux", "auxpass", "mark", "neg") for c in token.children)
        and any(c.dep_ == "dobj" and c.i == token.i + 1 and c.pos_ in NOUN_POS for c in token.children)
    )


def _is_nominal(head: Token) -> bool:
    if (
        head.pos_ in NOUN_POS
        or _ACRONYM.match(head.text)
        or misread_noun(head)
        or misread_compound_verb(head)
    ):
        return True  # a name, whatever tag the small parse gave it ("ARDS", "IL-6")
    if head.pos_ in ("NUM", "SYM") and _HAS_LETTER.search(head.text):
        return True  # "COVID-19", "IL-6" tagged as numbers
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd") and head.head.lemma_ != "be":
        return True  # the state a verb puts its subject in ("became anxious", "fell ill")
    # An adjective standing as a noun ("the elderly", "the infected") as subject or object.
    return (
        head.pos_ == "ADJ"
        and head.dep_ in SUBJECT_DEPS | {"dobj", "pobj"}
        and any(c.dep_ == "det" for c in head.children)
    )


def _is_gerund(head: Token, span: Span) -> bool:
    """A gerund standing as an argument, with its object if it has one ("smoking", "installing
    temporary incinerators"; not "installing" alone), and with its subject if it has one ("nurses
    being subjected to abuse", a gerund clause: not "being subjected to abuse" of it)."""
    passive = head.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ == "being" for c in head.children)
    return (
        head.pos_ == "VERB"
        and (head.tag_ == "VBG" or passive)  # "being subjected to abuse": a passive gerund
        and head.dep_ in GERUND_ARGUMENT_DEPS
        and all(
            span.start <= c.i < span.end
            for c in head.children
            if c.dep_ in ("dobj", "compound", *SUBJECT_DEPS) and c.lower_ not in SECTION_LABELS
        )
    )


def _with_premodifiers(span: Span) -> Span:
    """``span`` widened over the words before it that name part of it ("lung" before "cancer"): a
    head given without them is that phrase, as a modifier given alone is. Determiners, punctuation
    and a section label run into the sentence ("Conclusions Exercise reduced ...") are left out, and
    so is a grading adjective or participle ("severe impacts", "known hypertension"), which grades
    the variable a noun names."""
    doc, start = span.doc, span.start
    while start > 0:
        before = doc[start - 1]
        if before.tag_ == "HYPH" and start > 1:
            before = doc[start - 2]  # "SARS - CoV2": a hyphen joins the name, whatever the tokens
        if before.dep_ in OPTIONAL_PREMODIFIER_DEPS or before.is_punct or before.lower_ in SECTION_LABELS:
            break
        if before.dep_ in ("amod", "advmod") and (
            before.pos_ in ("ADJ", "ADV") or before.tag_ in ("VBN", "VBG")
        ):
            break
        token = before
        while token.i < start and token.head.i != token.i:
            token = token.head  # up through the premodifier's own phrase ("the [very] high risk")
        if not start <= token.i < span.end:
            break
        start = before.i
    return doc[start : span.end]


def _with_objects(span: Span, head: Token) -> Span:
    """A gerund's span reaching over its objects ("leveling" -> "leveling the nadir of X")."""
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i >= span.end]
    return span.doc[span.start : max([span.end, *(c.right_edge.i + 1 for c in objects)])]


def _cut_between_phrases(span: Span, head: Token) -> bool:
    """Where the span ends inside its head's phrase, it ends before a whole phrase hanging on a word
    of it ("the risk of lung cancer | in adults", "issues | that are associated"), before punctuation
    or a conjunction, or where a word of another phrase breaks the head's phrase ("more severe asthma |
    in urban children | than that ...", the "in" phrase on the verb), not in the middle of a phrase
    ("cancer in | adults")."""
    if span.end > head.right_edge.i or span.end >= len(span.doc):
        return True
    last = span[-1]
    if last.i != head.i and last.pos_ == "VERB" and any(c.i >= span.end for c in _complements(last)):
        return False  # "a virus belonging | to the family": a modifying participle without its complement
    after = span.doc[span.end]
    if after.is_punct or after.pos_ == "CCONJ" or not head.is_ancestor(after):
        return True
    if after.dep_ == "nummod" and after.head.i == last.i and last.pos_ in NOUN_POS:
        return False  # "day | 5", "type | 2": a numeral after a noun says which one, part of its name
    return any(c.left_edge.i == span.end for t in span for c in t.children if c.i >= span.end)


def _complements(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in PARTICIPLE_COMPLEMENT_DEPS]


def coordinated_premodifier(token: Token) -> bool:
    """ "PO" of "PO or IV glutathione", "lung" of "lung and bladder cancer": a premodifying noun with a
    coordinator of its own, the first of two premodifiers sharing the noun after them."""
    return (
        token.dep_ in ("nmod", "compound")
        and token.pos_ in NOUN_POS
        and token.head.i > token.i
        and any(c.dep_ == "cc" for c in token.children)
    )


def premodifier_conjunct(token: Token) -> bool:
    """ "mottling" of "bilateral multiple mottling and ground-glass opacity", parsed as [mottling and
    ground-glass] opacity: a coordinated premodifier with modifiers of its own heads a phrase of its
    own, the first conjunct of the phrase after it (two findings, not one kind of opacity); a bare one
    ("lung" of "lung and bladder cancer") only shares that phrase's noun."""
    return coordinated_premodifier(token) and any(
        c.dep_ in ("amod", "compound", "nmod") and c.i < token.i for c in token.children
    )


def range_end(token: Token) -> Token | None:
    """B of "from A to B" (the parse hangs "to B" on A or on "from"): a range names both its ends."""
    if token.dep_ != "pobj" or token.head.lower_ != "from":
        return None
    preps = [*token.children, *token.head.children]
    to = next((c for c in preps if c.dep_ == "prep" and c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def range_start(token: Token) -> Token | None:
    """A of "from A to B", for B."""
    if token.dep_ != "pobj" or token.head.lower_ != "to":
        return None
    up = token.head.head
    starts = [up] + ([c for c in up.children if c.dep_ == "pobj"] if up.lower_ == "from" else [])
    return next((a for a in starts if getattr(range_end(a), "i", None) == token.i), None)
