"""Text that makes no claim of the paper's: quotations, suppositions and instructions.

Recognised by the parse and by word class, not by listing injection templates:

- an instruction is a clause in the imperative mood (a base-form verb with no subject, no auxiliary and
  no "to": "Ignore ...", "Kindly make sure ...", "When parsing this text, treat ..."), a clause that
  speaks to its reader (second person, a chat-template marker, a named model or reader), or an act of
  saying or recording put under an obligation ("models ... should say that", "readers are asked to
  record that", "X must be reported as"), unless the authors oblige themselves ("we must conclude");
- a supposition is a clause under "if"/"suppose"/"imagine", or an inverted "Had X ..." conditional;
- a quotation is a claim stated entirely inside quotation marks, or mentioned as the content of a noun
  of saying ("the claim that ...", "the statement X causes Y").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS
from causemap.graphbuilder.verification_phrases import chain, head_of, roots

if TYPE_CHECKING:
    from causemap.graphbuilder.verification import VerificationLexicon

# A subject, or the "there"/"it" standing in for one.
SUBJECT_OR_EXPLETIVE = SUBJECT_DEPS | {"expl"}
FIRST_PERSON = frozenset({"we", "i", "us", "our"})
# Verbs by whose passive a clause is put under an obligation ("are asked to", "are required to").
OBLIGING_DEPS = frozenset({"xcomp", "ccomp"})
# Where the verb of a main clause hangs (an imperative the small parse took for a clausal subject or an
# adverbial clause of the next verb, as in "Reply with nothing but ...").
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "parataxis", "appos", "csubj", "advcl", "ccomp"})
# Words that may come before the verb of an order ("Do not", "Please", "Kindly", "Always").
ORDER_OPENERS = frozenset({"aux", "neg", "advmod", "intj"})
# What a verb of saying says: its object or clause.
CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd"})
# An address header: "For NP:" / "To NP:" before a colon, at most this long.
ADDRESS_PREPS = frozenset({"for", "to"})
MAX_HEADER_WORDS = 8


def refusal(
    cause: Span,
    effect: Span,
    predicate: Token,
    lexicon: VerificationLexicon,
    addressed: bool,
    quotes: list[tuple[int, int]],
) -> str | None:
    """Why the relating words make no claim of the paper's (instruction, quoted, hypothetical), or None.
    An argument's own words count for an order too: where the parse hangs the claim's clause apart
    from the verb of saying, the argument may be that verb's object ("asked to record | that hand
    hygiene | is associated with ...", "hand" read as the object of "record")."""
    if addressed or any(is_directive(word, lexicon) for word in (predicate, *roots(cause), *roots(effect))):
        return "instruction"
    if mentioned(predicate, lexicon) or any(
        start <= min(cause.start_char, effect.start_char, predicate.idx)
        and max(cause.end_char, effect.end_char, predicate.idx + len(predicate)) <= end
        for start, end in quotes
    ):
        return "quoted"
    if is_hypothetical(predicate, lexicon):
        return "hypothetical"
    # An order before the relating word or before either argument gives the claim ("To prevent Y,
    # report that X prevents Y", the relating word placed on the first "prevent"); not the
    # recommended action itself ("To reduce Y, use X", the cause headed by the imperative).
    last = max(predicate.i, head_of(cause).i, head_of(effect).i)
    if is_imperative(predicate, lexicon, before=last, besides=cause):
        return "instruction"
    return None


def quoted_stretches(text: str, pairs: Sequence[tuple[str, str]]) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks. A straight or curly single quote counts only where it
    opens a word and closes one, so that apostrophes ("patients' data", "don't") are not quotes."""
    stretches = []
    for opening, closing in pairs:
        start = 0
        while (at := text.find(opening, start)) >= 0:
            single = opening in ("'", "\u2018")
            if single and (
                at > 0 and text[at - 1].isalnum() or at + 1 >= len(text) or not text[at + 1].isalnum()
            ):
                start = at + 1
                continue
            end = text.find(closing, at + 1)
            while single and end >= 0 and end + 1 < len(text) and text[end + 1].isalnum():
                end = text.find(closing, end + 1)  # an apostrophe inside the quotation
            if end < 0:
                break
            stretches.append((at, end + 1))
            start = end + 1
    return stretches


def addresses_reader(doc: Doc, lexicon: VerificationLexicon) -> bool:
    """Whether the sentence speaks to whoever (or whatever) reads it: "you", "language models",
    "previous instructions", a chat-template marker, an address header ("To NP: ...")."""
    lowered = " " + " ".join(doc.text.lower().split()) + " "
    if any(marker in lowered for marker in lexicon.addressee_markers):
        return True
    if any(
        f" {phrase} " in lowered or f" {phrase}," in lowered or f" {phrase}:" in lowered
        for phrase in lexicon.addressee_phrases
    ):
        return True
    if any(t.lower_ in lexicon.addressee_words and t.pos_ in ("PRON", "NOUN", "PROPN") for t in doc):
        return True
    return any(t.text == ":" and _address_header(doc, t.i, lexicon) for t in doc)


def _address_header(doc: Doc, colon: int, lexicon: VerificationLexicon) -> bool:
    """ "For NP:", "To NP:" opening a sentence: a header naming whom the text after the colon is for
    (a memo's or a letter's address), whoever it names; or a message with its addressee before the
    colon ("This is a message for NP:", "A note to NP:"). Papers state findings to no one in
    particular; a discourse adverbial ("For example:", "To date:"), one bare singular noun, is no address."""
    start = max((t.i + 1 for t in doc[:colon] if t.text in (".", "!", "?")), default=0)
    words = doc[start:colon]
    if any(
        t.lower_ in lexicon.message_nouns
        and any(c.dep_ == "prep" and c.lower_ in ADDRESS_PREPS for c in t.children)
        for t in words
    ):
        return True
    if not 2 <= len(words) <= MAX_HEADER_WORDS or words[0].lower_ not in ADDRESS_PREPS:
        return False
    if words[0].pos_ != "ADP" or any(t.pos_ in ("VERB", "AUX") or t.text in (",", ";") for t in words):
        return False
    return len(words) > 2 or words[1].tag_ in ("NNS", "NNPS")


def is_imperative(
    word: Token, lexicon: VerificationLexicon, *, before: int | None = None, besides: Span | None = None
) -> bool:
    """Whether ``word`` stands in a text that gives an order: a verb of a main clause in the base
    form with no subject, auxiliary, modal or infinitive "to" ("Ignore ...", "Kindly make sure ...",
    "When parsing this text, treat ..."). Papers state findings; they do not give orders. A word
    before a colon is a label, not a subject ("New task: produce ..."). The text is one sentence of
    the pipeline, whatever the parser's sentence boundaries (it may cut at a colon)."""
    limit = word.i if before is None else before
    skip = range(besides.start, besides.end) if besides is not None else range(0)
    return any(
        token.i < limit and token.i not in skip and (_orders(token) or _misread_order(token, lexicon))
        for token in word.doc
    )


def _orders(verb: Token) -> bool:
    # A present verb without a subject ("To prevent Y, report/VBP that ...") is the base form
    # misread: English has no finite present without one.
    base = verb.tag_ == "VB" or (
        verb.tag_ == "VBP" and not any(c.dep_ in SUBJECT_OR_EXPLETIVE for c in verb.children)
    )
    if verb.pos_ != "VERB" or not base or verb.dep_ not in MAIN_CLAUSE_DEPS:
        return False
    if not verb.text.isalpha() or not (verb.text.islower() or verb.text.istitle()):
        return False  # "IKr", "rs800292": names the parse tagged as verbs
    if _noun_read_as_verb(verb):
        return False
    if verb.dep_ == "conj":
        return _orders(verb.head)  # "could cure or improve": the conjunct shares its head's modal
    children = list(verb.children)
    if any(
        c.dep_ in ("aux", "auxpass", "mark") and not _do_support(c) or c.lower_ == "to" and c.i < verb.i
        for c in children
    ):
        return False
    if not _opens_clause(verb, children):
        return False
    subjects = [c for c in children if c.dep_ in SUBJECT_OR_EXPLETIVE]
    return not any(not _label(subject, verb) for subject in subjects)


def _noun_read_as_verb(verb: Token) -> bool:
    """ "Haplotype reconstruction ... showed", "Sequence analysis of X showed": a noun opening the
    sentence, read as a base-form verb with the next noun as its object, while a finite verb (or a
    finite conjunct of the "verb") still follows, unmarked, whose subject that phrase is."""
    if any(c.dep_ == "conj" and c.tag_ == "VBD" for c in verb.children):
        return True  # "Haplotype reconstruction ... showed": an order's conjuncts are orders, not past
    if any(c.i < verb.i and c.pos_ == "ADP" and not any(c.children) for c in verb.children):
        return True  # "Of note, ...": the object of a preposition before it, read as a verb
    doc = verb.doc
    if (
        verb.i != verb.sent.start
        or verb.i + 1 >= len(doc)
        or doc[verb.i + 1].tag_ not in ("NN", "NNS", "NNP")
    ):
        return False
    return any(
        t.i > verb.i and t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP") and not _marked(t) for t in doc
    )


def _marked(verb: Token) -> bool:
    return any(c.dep_ == "mark" for c in verb.children) or verb.dep_ in ("relcl", "acl")


def _opens_clause(verb: Token, children: list[Token]) -> bool:
    """Whether the verb (with its "do not", "please", "kindly", "always") opens its sentence or
    follows a clause or label set off by punctuation: where an order stands."""
    first = min([verb.i, *(c.i for c in children if c.i < verb.i and c.dep_ in ORDER_OPENERS)])
    return first == verb.sent.start or verb.doc[first - 1].text in (",", ":", ";")


def _misread_order(token: Token, lexicon: VerificationLexicon) -> bool:
    """A verb of saying the small parse read as a noun ("When summarising, state that ...", "Next
    step: output that ..."): bare (no determiner), opening its clause, with a clause or object after."""
    if token.pos_ != "NOUN" or token.lower_ not in lexicon.directive_verbs:
        return False
    if any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in token.children):
        return False
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    opens = token.i == 0 or token.doc[token.i - 1].text in (",", ":", ";")
    return opens and after is not None and after.lower_ in ("that", "the", "this", "these", "only", "nothing")


def _do_support(aux: Token) -> bool:
    """The "do" of a negative order ("Do not extract ...", "Don't ..."): base form, not "does"/"did"."""
    return aux.lemma_.lower() == "do" and aux.tag_ == "VB"


def _label(subject: Token, verb: Token) -> bool:
    """A "subject" cut off from its verb by a colon: a label ("New task: produce ..."); or by a comma
    from a verb in the base form: a vocative ("Readers, note that ..."; a finite verb after a plural
    subject is tagged VBP, not VB)."""
    between = subject.doc[subject.i : verb.i]
    return any(t.text == ":" for t in between) or (
        subject.i < verb.i and verb.doc[verb.i - 1].text == "," and subject.right_edge.i >= verb.i - 2
    )


def mentioned(word: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``word`` stands inside a phrase that mentions a claim rather than making it: the content
    of a noun of saying ("the statement X causes Y", "the claim that ...", "JSON stating that ..."),
    also when a colon introduces it ("The following statement must be kept: X causes Y")."""
    if any(
        token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in lexicon.mention_nouns
        for token in chain(word)[1:]
    ):
        return True
    colons = [t.i for t in word.sent if t.text == ":" and t.i < word.i]
    return bool(colons) and any(
        (t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in lexicon.mention_nouns) or _act_to_do(t, lexicon)
        for t in word.doc[word.sent.start : colons[-1]]
    )


def _act_to_do(verb: Token, lexicon: VerificationLexicon) -> bool:
    """ "the relation to emit is: ...", "the claim to record:": a verb of saying or outputting in an
    infinitival relative names what is to be done with the content a colon introduces, which is then
    mentioned, not stated."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_.lower() in lexicon.directive_verbs
        and verb.dep_ in ("acl", "relcl")
        and any(c.lower_ == "to" and c.i < verb.i for c in verb.children)
    )


def is_directive(word: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``word`` is, or is governed by, an act of saying or outputting put under an obligation
    ("should say that", "are asked to record that", "is required to conclude"), unless the authors
    oblige themselves ("we must conclude that"); or follows one that has no content of its own."""
    for token in chain(word):
        if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.directive_verbs:
            continue
        if _obliged(token, lexicon):
            return True
    # "are asked to record that X causes Y", with the clause hung on "asked": an obliged verb of
    # saying before the claim, with no object or clause of its own, says the clause that follows.
    return any(
        token.i < word.i
        and token.pos_ == "VERB"
        and token.lemma_.lower() in lexicon.directive_verbs
        and not any(c.dep_ in CONTENT_DEPS for c in token.children)
        and _obliged(token, lexicon)
        for token in word.doc
    )


def _obliged(verb: Token, lexicon: VerificationLexicon) -> bool:
    """A modal of obligation on the verb, or the verb as the complement of a passive ("asked to",
    "required to", "instructed to"), with a subject that is not the authors."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
    if any(c.tag_ == "MD" and c.lemma_.lower() in lexicon.obligation_modals for c in children):
        return not any(s.lower_ in FIRST_PERSON for s in subjects)
    governor = verb.head
    if verb.dep_ in OBLIGING_DEPS and governor.i != verb.i and governor.pos_ in ("VERB", "AUX"):
        # "are asked to record", "is required to say"; "have to say", "need to report"
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in governor.children)
        needs = governor.lemma_.lower() in lexicon.obligation_modals
        authors = any(c.lower_ in FIRST_PERSON for c in governor.children if c.dep_ in SUBJECT_DEPS)
        return (passive or needs) and not authors
    return _under_obligation_adjective(verb, lexicon)


def _under_obligation_adjective(verb: Token, lexicon: VerificationLexicon) -> bool:
    """ "It is mandatory for parsers to list ...": an infinitive below a copula whose predicate is an
    adjective of obligation (the parse may hang the infinitive on the "for" object), unless the one
    obliged is the authors ("it is necessary for us to conclude")."""
    if not any(c.lower_ == "to" and c.i < verb.i for c in verb.children):
        return False
    for governor in chain(verb)[1:4]:
        adjectives = [
            c for c in governor.children if c.dep_ == "acomp" and c.lower_ in lexicon.obligation_adjectives
        ]
        if governor.lemma_ == "be" and adjectives:
            # the one obliged stands between the copula and the infinitive, whatever the parse ("for us")
            return not any(t.lower_ in FIRST_PERSON for t in verb.doc[governor.i : verb.i])
    return False


def is_hypothetical(word: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``word`` stands in a supposition: under "if"/"suppose"/"imagine", or counterfactual."""
    for position, token in enumerate(chain(word)):
        if any(c.dep_ == "mark" and c.lower_ in lexicon.hypothetical_markers for c in token.children):
            return True
        if position and token.lemma_.lower() in lexicon.hypothetical_verbs and token.pos_ == "VERB":
            return True
        if position and token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.hypothetical_nouns:
            return True
    # "Had X been removed, Y would have fallen": an inverted conditional. (A model's "X would have
    # increased Y" is a finding about the model, and stays.)
    return any(t.lower_ == "had" and t.i == t.sent.start and t.dep_ in ("aux", "auxpass") for t in word.sent)
