"""A claim argument that refers back to something its paper named: named by what the paper named.

Writers name a thing once and then refer to it: "We found the Kir6.2-S118L mutation in two families.
This mutation reduced ATP sensitivity." The claim of the second sentence is about the Kir6.2-S118L
mutation; read alone, its cause "this mutation" names nothing a researcher could place. This module
resolves such definite and demonstrative descriptions within one paper, by the general grammar of
definite reference (Halliday and Hasan 1976, ch. 2; the head-matching baseline of coreference
resolution, e.g. Raghunathan et al. 2010, "A multi-pass sieve for coreference resolution", EMNLP):

- the argument is a demonstrative description: "this", "these", "that", "those" or "such" before a
  class noun that does not itself say which one ("this mutation", "these compounds", "such patients",
  "this novel variant"; ``resources/references.json``). A definite "the N" is discourse-new about half
  the time (Poesio and Vieira 1998), so "the gene" is not resolved; as a nearer mention, though, it
  refers back like a demonstrative (below);
- its antecedent is the nearest preceding mention of the same head noun (by lemma, so singular and
  plural match) in the same paper, page and section: earlier in the same sentence, then in each of the
  few sentences before it (``window_sentences``);
- that mention must say which one: a name or symbol among its modifiers ("the SCN5A gene", "the
  Kir6.2-S118L mutation"), a complement that names one ("mutations in SCN5A", "patients with BRCA2
  mutations"), or a name set beside it ("a novel mutation, R123W", "the gene SCN5A", "glibenclamide,
  a sulfonylurea drug"); singular and plural must agree, and a shell noun ("this effect", "these
  changes": an event or a relation) is not resolved; a nearer mention
  that refers back itself ("the mutation") passes the search on to its own antecedent, and a nearer one
  that says nothing ("a mutation", "some compounds") stops it: the reference stays unresolved;
- the argument's other modifiers must recur in the antecedent ("these missense mutations" is not "the
  R123W frameshift");
- a plural class word with no mention of its head in the window stands for the nearest coordination of
  things named before ("We gave aspirin, ibuprofen and naproxen ... These drugs reduced ..."; "both
  genes", "these two drugs": of as many members), one claim per member; not when that coordination
  names no things (who was studied, a study artefact, a description that says nothing), and not for a
  class word of who was studied ("these patients"). Pronouns ("it", "they") are resolved in
  ``graphbuilder.pronouns``.

A resolved argument is the antecedent as the paper wrote it, at its offsets in the page text: the claim's
sentence (its quote) stays the sentence that states the relation, and its cause or effect points at the
words that name the variable, in the same page and earlier. Everything here is pure: the paper's
sentences and claims in, claims out (``parse`` is the spaCy pipeline the rules extractor uses).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.antecedents import (
    Parse,
    ReferenceLexicon,
    SentenceLike,
    balanced,
    is_artefact,
    lemma,
    load_reference_lexicon,
    named_members,
    paper_reader,
    plural,
    says_which,
)
from causemap.models import Claim

__all__ = ["ReferenceLexicon", "SentenceLike", "load_reference_lexicon", "resolve_references"]

_NOUNS = frozenset({"NOUN", "PROPN"})
_STATE_TAGS = frozenset({"JJR", "JJS", "RBR", "RBS", "VBN", "VBD"})
_NOT_NAMES = frozenset({"VERB", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "NUM"})


@dataclass(frozen=True)
class _Description:
    """A referring description: its head noun's lemma and the modifiers an antecedent must repeat."""

    lemma: str
    modifiers: frozenset[str]
    plural: bool
    count: int | None = None  # "both genes": two
    listable: bool = True  # it may stand for a list of things named before


def resolve_references(
    sentences: Sequence[SentenceLike],
    claims: Sequence[Claim],
    parse: Parse | None = None,
    lexicon: ReferenceLexicon | None = None,
) -> list[Claim]:
    """The claims, each argument that refers back named by its antecedent (see the module docstring).

    ``sentences`` are the paper's body sentences in reading order (those without claims too: an
    antecedent may be named in any of them); a claim's sentence is found among them by page and offset.
    A claim none of whose arguments resolves is returned as it is.
    """
    lex = lexicon or load_reference_lexicon()
    if not any(_opens_referring(c, "cause", lex) or _opens_referring(c, "effect", lex) for c in claims):
        return list(claims)
    position, doc_of = paper_reader(sentences, parse)
    partners = _partners(claims)

    resolved = []
    for claim in claims:
        index = position.get((claim.page, claim.sentence_start))
        options: dict[str, list[tuple[int, int, str]]] = {}
        if index is not None:
            for role, other in (("cause", "effect"), ("effect", "cause")):
                if _opens_referring(claim, role, lex):
                    found = _antecedent(sentences, index, doc_of, claim, role, other, lex)
                    # a class word for a list, related to a list of its own ("these metabolites are
                    # involved in pathways including A, B and C"): the sentence pairs no member with
                    # any one item, so no member is named for it
                    if found and not (len(found) > 1 and len(partners[_referring_key(claim, role)]) > 1):
                        options[role] = found
        if not options:
            resolved.append(claim)
            continue
        for reading in product(*options.values()):  # one claim per member of a list named before
            update = {}
            for role, (start, end, text) in zip(options, reading, strict=True):
                update |= {role: text, f"{role}_start": start, f"{role}_end": end}
            named = {**claim.model_dump(), **update, "id": ""}
            if named["cause"].lower() != named["effect"].lower():
                resolved.append(Claim.model_validate(named))
    return resolved


def _referring_key(claim: Claim, role: str) -> tuple:
    return (claim.paper_id, claim.page, claim.sentence_start, role, getattr(claim, f"{role}_start"))


def _partners(claims: Sequence[Claim]) -> dict[tuple, set[tuple[int, int]]]:
    """For each argument of each sentence, the spans of the other arguments its claims relate it to."""
    partners: dict[tuple, set[tuple[int, int]]] = defaultdict(set)
    for claim in claims:
        for role, other in (("cause", "effect"), ("effect", "cause")):
            span = (getattr(claim, f"{other}_start"), getattr(claim, f"{other}_end"))
            partners[_referring_key(claim, role)].add(span)
    return partners


def _opens_referring(claim: Claim, role: str, lex: ReferenceLexicon) -> bool:
    """A cheap test before any parse: the argument opens with a referring determiner, or follows a
    counting quantifier the extractor leaves out of it ("both | genes", as of "both A and B")."""
    words = getattr(claim, role).lower().split()
    if _counted_before(claim, role, lex) and words:
        return True
    while words and words[0] in lex.quantifiers:
        words = words[1:]
    return len(words) >= 2 and words[0] in lex.resolved


def _counted_before(claim: Claim, role: str, lex: ReferenceLexicon) -> bool:
    offset = getattr(claim, f"{role}_start") - claim.sentence_start
    before = claim.sentence[:offset].lower().split() if offset >= 0 else []
    return bool(before) and before[-1] in lex.counted and claim.sentence[offset - 1 : offset].isspace()


def _antecedent(
    sentences: Sequence[SentenceLike],
    index: int,
    doc_of: Callable[[int], Doc],
    claim: Claim,
    role: str,
    other: str,
    lex: ReferenceLexicon,
) -> list[tuple[int, int, str]] | None:
    """(start, end, text) in the page of the antecedent of the claim's ``role`` argument (of each
    member of a list it stands for), or None."""
    sentence = sentences[index]
    doc = doc_of(index)
    start = getattr(claim, f"{role}_start") - sentence.start
    end = getattr(claim, f"{role}_end") - sentence.start
    if _counted_before(claim, role, lex):
        start = sentence.text.rindex(" ", 0, start - 1) + 1 if " " in sentence.text[: start - 1] else 0
    argument = doc.char_span(start, end, alignment_mode="expand")
    description = _referring_description(argument, lex) if argument is not None else None
    if description is None:
        return None
    other_span = (
        getattr(claim, f"{other}_start") - sentence.start,
        getattr(claim, f"{other}_end") - sentence.start,
    )
    # The same sentence before the argument, then the sentences before it in the same page and section
    searched = [(index, argument.start, other_span)]
    for back in range(index - 1, max(-1, index - 1 - lex.window), -1):
        earlier = sentences[back]
        if earlier.page != sentence.page or earlier.section != sentence.section:
            break
        searched.append((back, len(doc_of(back)), None))
    for i, stop, blocked in searched:
        verdict = _nearest_mention(doc_of(i), stop, description, lex)
        if verdict is None:
            continue  # no mention of the head here: look further back
        if verdict is False:
            return None  # a nearer mention that says nothing: not resolved
        name_start, name_end = verdict
        if blocked is not None and name_start < blocked[1] and blocked[0] < name_end:
            return None  # the claim's other argument: a claim of a thing about itself
        text = sentences[i].text[name_start:name_end]
        return [(sentences[i].start + name_start, sentences[i].start + name_end, text)]
    if description.plural and description.listable:
        return _listed(sentences, searched, doc_of, description, lex)
    return None


def _listed(
    sentences: Sequence[SentenceLike],
    searched: list[tuple[int, int, tuple[int, int] | None]],
    doc_of: Callable[[int], Doc],
    description: _Description,
    lex: ReferenceLexicon,
) -> list[tuple[int, int, str]] | None:
    """A plural class word with no mention of its head before it stands for the nearest coordination
    of things named there ("aspirin, ibuprofen and naproxen ... these drugs"), of as many members as
    it counts ("both genes", "the three compounds"): each member's span; None when the nearest
    coordination of nouns names no things (or not as many), or there is none."""
    for i, stop, blocked in searched:
        doc = doc_of(i)
        for token in reversed(doc[:stop]):
            if token.pos_ not in _NOUNS or token.dep_ in ("conj", "compound"):
                continue
            conjuncts = [c for c in token.conjuncts if c.i < stop]
            if not conjuncts or any(c.pos_ not in _NOUNS for c in conjuncts):
                continue
            members = named_members(token, True, lex)
            if members is None or (description.count and len(members) != description.count):
                return None
            if blocked is not None and any(a < blocked[1] and blocked[0] < b for a, b in members):
                return None  # the claim's other argument is one of them
            base, text = sentences[i].start, sentences[i].text
            return [(base + a, base + b, text[a:b]) for a, b in members]
    return None


def _referring_description(argument: Span, lex: ReferenceLexicon) -> _Description | None:
    """The description if the argument is one that refers back ("these missense mutations")."""
    tokens = list(argument)
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    count = None
    while tokens and tokens[0].lower_ in lex.quantifiers:
        count = lex.counted.get(tokens[0].lower_, count)
        tokens = tokens[1:]
    if len(tokens) >= 2 and tokens[0].lower_ in lex.resolved:
        tokens = tokens[1:]
    elif count is None or not tokens:
        return None  # only a counting quantifier may stand for the determiner ("both genes")
    if tokens[0].lower_ in ("a", "an"):  # "such a treatment"
        tokens = tokens[1:]
    if len(tokens) >= 2 and tokens[0].lower_ in lex.numbers:  # "these two genes"
        count = lex.numbers[tokens[0].lower_]
        tokens = tokens[1:]
    if not tokens:
        return None
    head, modifiers = tokens[-1], tokens[:-1]
    if head.pos_ != "NOUN" or any(says_which(t) for t in tokens):
        return None  # not a noun, or it names its thing itself ("the SCN5A gene")
    if lemma(head) in lex.shell_nouns:
        return None  # "this effect", "these changes": an event or a relation, not a thing
    words = [t for t in modifiers if t.text != "-"]  # "long-term": one word
    if any(t.pos_ not in ("ADJ", "NOUN", "VERB") or t.dep_ in ("prep", "cc") for t in words):
        return None  # more than a modified noun ("the effect of ...", "the -/- mice"): not bare
    kept = frozenset(lemma(t) for t in words if t.lower_ not in lex.transparent)
    # who was studied ("these patients") stands for no list of things named before
    return _Description(lemma(head), kept, plural(head), count, not is_artefact(head, lex))


def _nearest_mention(doc: Doc, stop: int, description: _Description, lex: ReferenceLexicon) -> object:
    """Before token ``stop`` of ``doc``, the nearest mention of the description's head noun: its name's
    character span when it says which one, False when it does not (and does not refer back either),
    None when there is none (or only mentions that refer back themselves)."""
    for token in reversed(doc[:stop]):
        if token.pos_ not in _NOUNS or lemma(token) != description.lemma:
            continue
        if token.dep_ == "compound" and token.head.i > token.i:
            name = _name_after_class(token)  # "the gene SCN5A"
            if name is not None and not description.plural:
                return name
            continue  # a modifier of another noun ("mutation carriers"): no mention of the thing
        words = {lemma(t) for t in token.subtree}
        if token.dep_ == "appos" and token.head.i < token.i and description.modifiers <= words:
            name = _instance_before_class(token, description, lex)  # "glibenclamide, a sulfonylurea drug"
            if name is not None:
                return name
        if not description.modifiers <= words or plural(token) != description.plural:
            # "these missense mutations" after "a frameshift mutation"; "this mutation" after
            # "mutations in SCN5A" (which one of them?)
            return False
        name = _specified_name(token, lex)
        if name is not None:
            return name
        if _refers_back(token, lex):
            continue  # "the mutation": its antecedent is further back
        return False
    return None


def _name_after_class(token: Token) -> tuple[int, int] | None:
    """A class noun written before the name of its instance ("the gene SCN5A", "the drug
    glibenclamide" when tagged a name): the name's span."""
    name = token.head
    between = name.doc[token.i + 1 : name.i]
    if not says_which(name) or any(t.dep_ != "compound" or t.head != name for t in between):
        return None
    return balanced(name.doc, token.i + 1, name.i + 1)


def _instance_before_class(
    token: Token, description: _Description, lex: ReferenceLexicon
) -> tuple[int, int] | None:
    """An instance named before an appositive of its class, which the indefinite article introduces
    ("glibenclamide, a sulfonylurea drug, ..."; "KCNQ1 (a potassium channel gene)"): the instance's span."""
    instance = token.head
    if (
        instance.pos_ in _NOT_NAMES  # a name the tagger does not know may be read as anything else
        or plural(instance) != description.plural
        or _refers_back(instance, lex)
        or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    ):
        return None
    left = [t for t in instance.lefts if t.dep_ in ("compound", "amod", "nmod", "nummod")]
    start = min([t.left_edge.i for t in left], default=instance.i)
    if instance.i - start + 1 > lex.max_name_words:
        return None
    return balanced(instance.doc, start, instance.i + 1)


def _specified_name(head: Token, lex: ReferenceLexicon) -> tuple[int, int] | None:
    """The span that names the mention headed by ``head``, when it says which one."""
    doc = head.doc
    for child in head.rights:  # "a novel mutation, R123W"; "mutations R123W and G456A"
        if child.dep_ in ("appos", "npadvmod", "nummod", "compound") and says_which(child):
            span = [t for t in child.subtree if not t.is_punct] or [child]
            if plural(head) and not any(t.dep_ == "conj" for t in span):
                continue  # "pathways (PRKACB)": one instance of several, not their name
            if len(span) <= lex.max_name_words and not any(t.pos_ in ("VERB", "AUX") for t in span):
                return balanced(doc, span[0].i, span[-1].i + 1)
    left = [
        t
        for t in doc[head.left_edge.i : head.i]
        if t.dep_ not in ("det", "predet", "poss", "preconj") and t.lower_ not in lex.quantifiers
    ]
    named = [t for t in left if says_which(t)]
    if named:  # "the Kir6.2-S118L mutation": from the first name on
        return balanced(doc, named[0].i, head.i + 1) or balanced(doc, left[0].i, head.i + 1)
    # "precordial pain with ...": the modifiers stay, but not a comparative or participle that says
    # how much or what happened there ("fewer efflux pumps from the RND family", "increased mortality")
    while left and left[0].tag_ in _STATE_TAGS:
        left = left[1:]
    start = left[0].i if left else head.i
    for child in head.rights:  # "mutations in SCN5A", "patients with Fabry disease"
        if child.dep_ == "prep" and child.lower_ in lex.prepositions:
            span = list(child.subtree)
            objects = [t for t in span if t.dep_ == "pobj"]
            if (
                objects
                and len(span) < lex.max_name_words
                and not any(t.pos_ in ("VERB", "AUX") for t in span)
                and _complement_names(objects[0], lex)
            ):
                return balanced(doc, start, span[-1].i + 1)
    return None


def _complement_names(noun: Token, lex: ReferenceLexicon) -> bool:
    """A complement's noun says which: it is a name, has one, or is a noun that does not refer back."""
    return any(says_which(t) for t in noun.subtree)


def _refers_back(noun: Token, lex: ReferenceLexicon) -> bool:
    return any(c.dep_ in ("det", "predet", "amod") and c.lower_ in lex.determiners for c in noun.children)
