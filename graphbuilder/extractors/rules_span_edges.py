"""Where an argument's span begins and ends when the parse alone would cut it: the name set off
after a definite description, whole written words, modifiers the parser hung on a later noun,
compounds laid flat and a subject cut in two (used by ``rules_spans.argument_span``)."""

from __future__ import annotations

from spacy.tokens import Token

# Adjectives that, like a participle after a hyphen, relate the word before it ("calcium-dependent").
RELATION_ADJECTIVES = frozenset({"dependent", "independent", "attributable"})


def participle_after(hyphen: Token) -> bool:
    """Whether the word after a hyphen is a participle or relation adjective ("X-induced",
    "X-dependent"): the hyphen then belongs to it."""
    doc = hyphen.doc
    if hyphen.i + 1 >= len(doc):
        return False
    word = doc[hyphen.i + 1]
    return (
        word.tag_ in ("VBN", "VBD", "VBG")
        or word.lower_.endswith(("ed", "ing"))
        or word.lower_ in RELATION_ADJECTIVES
    )


DEFINITE_DETERMINERS = frozenset({"the", "this", "these", "that", "those", "our"})


def naming_appositive(head: Token, blocked: set[int], max_words: int = 6) -> Token | None:
    """The name set off after a definite description ("the emerging pathogen, A. lwoffii, causes
    ..."; "the hormone, insulin, lowers ..."): the description points at the thing, the name says
    which it is, so the name is the argument. None when the head has no such appositive."""
    if head.pos_ != "NOUN" or not any(
        c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in head.children
    ):
        return None
    doc = head.doc
    for child in head.children:
        if child.dep_ != "appos" or child.i < head.i:
            continue
        words = list(child.subtree)
        edge = words[0].i
        if (
            edge > 0
            and doc[edge - 1].text == ","
            and len(words) <= max_words
            and not any(t.i in blocked for t in words)
            and not any(t.pos_ in ("VERB", "AUX") or t.lower_ in ("a", "an") for t in words)
        ):
            # an indefinite appositive describes ("the drug, a statin, ..."), a clause adds
            return child
    return None


# Characters that join the parts of one written word ("pre-mRNA", "CD4/CD8", "Ca2+").
WORD_JOINERS = frozenset({"-", "/", "\u2010", "\u2011", "\u2013"})


def whole_words(doc, start: int, end: int, blocked: set[int]) -> tuple[int, int] | None:
    """Widen ``[start, end]`` to whole written words: the tokeniser splits "pre-mRNA" into three
    tokens and the parser may give each its own head, but a name never begins or ends inside a
    word. The hyphen of "X-induced" belongs to the participle after it and is not crossed. When
    the whole word holds the cue or the other argument, the argument is a piece of one word and
    names nothing (None)."""

    def joined(left: int) -> bool:  # doc[left] and doc[left + 1] are one written word
        if doc[left].whitespace_:
            return False
        a, b = doc[left], doc[left + 1]
        if a.text in WORD_JOINERS:
            return not participle_after(a) and left > 0 and not doc[left - 1].whitespace_
        return b.text in WORD_JOINERS and not participle_after(b) and left + 2 < len(doc)

    while start > 0 and joined(start - 1) and not doc[start - 1].is_space:
        start -= 1
    while end + 1 < len(doc) and joined(end):
        end += 1
    if any(i in blocked for i in range(start, end + 1)):
        return None
    return start, end + 1


def misattached_modifiers_start(head: Token, start: int, blocked: set[int]) -> int:
    """Where an argument begins when the parser read it as a modifier of a later noun and hung its
    own modifiers there too ("reduced temperature enhanced expression" parsed as one noun phrase:
    "reduced" then modifies "expression", but it is the temperature that was reduced)."""
    doc = head.doc
    while (
        start > 0
        and start - 1 not in blocked
        and doc[start - 1].head.i > head.i
        and doc[start - 1].dep_ in ("amod", "det", "compound", "nummod")
        and not any(True for _ in doc[start - 1].children)
    ):
        start -= 1
    return start


NAME_PART_DEPS = frozenset({"compound", "nmod", "amod", "nummod", "punct"})


def flat_compound_start(head: Token, start: int, blocked: set[int]) -> int:
    """Where a name begins that the parser laid flat: the small parser hangs every noun of a
    compound on the last ("[dopamine] [D2] [receptor] antagonist": each a compound of
    "antagonist"), so a premodifier taken as an argument ("receptor") has the words of its own
    name as siblings. Those before it that are nouns, numbers or written names ("D2", "II") join
    it; a descriptive adjective ("selective", "potent") or a determiner ends the name."""
    noun = head.head
    if head.dep_ not in ("compound", "nmod") or noun.i <= head.i or noun.pos_ not in ("NOUN", "PROPN"):
        return start
    doc = head.doc
    phrase = {noun.i}  # the nouns the compound hangs on ("[II] ... blocker losartan")
    while noun.dep_ in ("compound", "nmod") and noun.head.i > noun.i:
        noun = noun.head
        phrase.add(noun.i)
    while start > 0 and start - 1 not in blocked:
        before = doc[start - 1]
        inside = before.head.i in phrase or start <= before.head.i < head.i
        if not inside or before.dep_ not in NAME_PART_DEPS:
            break
        if before.dep_ == "punct" and not (before.text == "-" and not before.whitespace_):
            break
        if before.pos_ in ("ADJ", "VERB") and not any(ch.isdigit() or ch.isupper() for ch in before.text):
            break
        start -= 1
    return start


def merged_subject_start(head: Token, start: int, blocked: set[int]) -> int:
    """Where a subject begins when the parser cut its noun phrase into two subjects of one verb
    ("Phosphatidylinositol (PI) 3-kinase plays ...": "Phosphatidylinositol" and "kinase")."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return start
    for sibling in head.head.children:
        if (
            sibling.dep_ == head.dep_
            and sibling.i < head.i
            and sibling.right_edge.i + 1 >= start - 1
            and sibling.right_edge.i < start
            and not any(t.i in blocked for t in sibling.subtree)
        ):
            return sibling.left_edge.i
    return start


# Nouns whose complement is introduced by "to" ("exposure to X", "susceptibility to infection").
# The small parser reads the "to" as an infinitive marker when X is a word it does not know, and
# right after the object of a verb it often hangs the phrase on the verb (as in "increase X to 50%").
TO_COMPLEMENT_NOUNS = frozenset(
    {
        "exposure",
        "response",
        "resistance",
        "sensitivity",
        "susceptibility",
        "adherence",
        "addition",
        "binding",
        "insensitivity",
        "hypersensitivity",
        "predisposition",
        "vulnerability",
        "tolerance",
        "responsiveness",
        "reactivity",
        "refractoriness",
        "addiction",
        "allergy",
        "sensitization",
        "sensitisation",
        "conversion",
        "progression",
        "latency",
        "seroreactivity",
        "antibody",
    }
)


def verb_held_complement_end(head: Token, end: int, blocked: set[int]) -> int:
    """Where an object ends whose "to" phrase the parser hung on the verb: "X increases
    susceptibility to infection" is X -> susceptibility to infection, not a bare "susceptibility".
    ``end`` is exclusive; an amount ("to 50%") is no complement."""
    doc = head.doc
    verb = _governing_verb(head)
    if head.lemma_.lower() not in TO_COMPLEMENT_NOUNS or end >= len(doc) or verb is None:
        return end
    to = doc[end]
    if to.lower_ != "to":
        return end
    if to.dep_ == "prep" and to.head.i == verb.i:
        words = list(to.subtree)
    elif to.dep_ == "aux" and to.head.tag_ == "VB" and to.head.head.i == verb.i and to.head.i == end + 1:
        # "increased the latency to [seizure] onset": the name after "to" read as an infinitive
        words = list(to.head.subtree)
    else:
        return end
    if (
        words[0].i != end
        or any(t.i in blocked for t in words)
        or any(t.like_num or t.text == "%" for t in words)
    ):
        return end
    # "susceptibility to autoimmune disease, notably ...": what follows a comma is an aside
    return next((t.i for t in words if t.text in (",", ";", ":")), words[-1].i + 1)


def _governing_verb(head: Token) -> Token | None:
    """The verb whose object ``head`` is: directly ("increases susceptibility"), through its
    preposition ("associated with susceptibility"), or as the first conjunct's ("with early onset
    and rapid progression"); None for other heads."""
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head.dep_ in ("dobj", "attr"):
        return head.head
    if head.dep_ == "pobj" and head.head.dep_ in ("prep", "agent", "dative"):
        return head.head.head
    return None
