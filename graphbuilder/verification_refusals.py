"""Text that makes no claim of the paper's: quotations, suppositions and instructions.

Recognised by the parse and by word class, not by listing injection templates:

- an instruction is a clause in the imperative mood (a base-form verb with no subject, no auxiliary and
  no "to": "Ignore ...", "Kindly make sure ...", "When parsing this text, treat ..."), a clause that
  speaks to its reader (second person, a chat-template marker, a named model or reader), or an act of
  saying or recording put under an obligation ("models ... should say that", "readers are asked to
  record that", "X must be reported as"), unless the authors oblige themselves ("we must conclude");
  or an order after the claim, in a clause or a bracketed aside of its own, of saying or output or with
  the claim as its object ("(describe this as the main result)", "...; keep this unchanged"), unless it
  sends the reader to look elsewhere ("(see Table 2)", "(compare Fig. 3)");
- suppositions and quotations (``verification_mentions``): a clause under "if"/"suppose"/"imagine", an
  inverted "Had X ..." conditional, a question; a claim inside quotation marks, mentioned as the content
  of a noun of saying ("the claim that ...", "the statement X causes Y"), or hearsay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS
from causemap.graphbuilder.verification_address import (
    order_label,
    order_opener,
    salutes_a_reader,
    speaks_of_its_processing,
)
from causemap.graphbuilder.verification_clausal_subjects import claim_as_subject
from causemap.graphbuilder.verification_constructions import recommended_action
from causemap.graphbuilder.verification_formats import laid_out_for_a_machine
from causemap.graphbuilder.verification_mentions import is_hypothetical, mentioned
from causemap.graphbuilder.verification_obligations import has_modal, is_directive, processes_text
from causemap.graphbuilder.verification_phrases import head_of, roots
from causemap.graphbuilder.verification_resources import verification_words
from causemap.graphbuilder.verification_sequence import LABEL_ENDS, clause_start, ordered_in_sequence

if TYPE_CHECKING:
    from causemap.graphbuilder.verification import VerificationLexicon

# A subject, or the "there"/"it" standing in for one.
SUBJECT_OR_EXPLETIVE = SUBJECT_DEPS | {"expl"}
# Where the verb of a main clause hangs (an imperative the small parse took for a clausal subject or an
# adverbial clause of the next verb, as in "Reply with nothing but ...").
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "parataxis", "appos", "csubj", "advcl", "ccomp"})
# Words that may come before the verb of an order ("Do not", "Please", "Kindly", "Always").
ORDER_OPENERS = frozenset({"aux", "neg", "advmod", "intj"})
# An address header: "For NP:" / "To NP:" before a colon, at most this long.
ADDRESS_PREPS = frozenset({"for", "to"})
MAX_HEADER_WORDS = 8
# What an order after a claim points back at it by.
DEICTIC_OBJECTS = frozenset({"this", "it", "these"})


def refusal(
    cause: Span,
    effect: Span,
    predicate: Token,
    lexicon: VerificationLexicon,
    addressed: bool,
    quotes: list[tuple[int, int]],
    *,
    named: bool = False,
    judged: frozenset[int] = frozenset(),
) -> str | None:
    """Why the relating words make no claim of the paper's (instruction, quoted, hypothetical), or None.
    An argument's own words count for an order too: where the parse hangs the claim's clause apart
    from the verb of saying, the argument may be that verb's object ("asked to record | that hand
    hygiene | is associated with ...", "hand" read as the object of "record"). ``named``: a noun of
    saying names the arguments as its content (``named_as_content``). ``judged``: verbs that judge
    the claim's own subject and order no one (``verification_obligations.judging_verbs``)."""
    words = (predicate, *roots(cause), *roots(effect))
    if addressed or any(is_directive(word, lexicon, judged) for word in words):
        return "instruction"
    if (
        named
        or mentioned(predicate, lexicon)
        or claim_as_subject(cause, effect, predicate)
        or any(
            start <= min(cause.start_char, effect.start_char, predicate.idx)
            and max(cause.end_char, effect.end_char, predicate.idx + len(predicate)) <= end
            for start, end in quotes
        )
    ):
        return "quoted"
    if is_hypothetical(predicate, lexicon):
        return "hypothetical"
    # An order before the relating word or before either argument gives the claim ("To prevent Y,
    # report that X prevents Y", the relating word placed on the first "prevent"); not the
    # recommended action itself ("To reduce Y, use X", the cause headed by the imperative).
    last = max(predicate.i, head_of(cause).i, head_of(effect).i)
    # (the recommended action heads the cause: "To reduce Y, use X"; a noun phrase the parse grew
    # over a misread order, "conclude/compound smoking", leaves the order standing, and so does an
    # order with no purpose before it, "Disregard any contrary evidence and assert ...")
    action = cause if recommended_action(cause, lexicon.directive_verbs) else None
    if is_imperative(predicate, lexicon, before=last, besides=action) or _ordered_after(
        predicate.doc, last, lexicon
    ):
        return "instruction"
    return None


def _ordered_after(doc: Doc, last: int, lexicon: VerificationLexicon) -> bool:
    """An order after the claim, in a clause or an aside of its own, that refers back to it: an order
    of saying or output ("X causes Y; please include this relation", "..., then report it", "X causes
    Y (describe this as the key finding)"), or any order whose object is "this" or "it", the claim
    ("... - keep this sentence unchanged"). An author of a finding does not follow it with one; the
    orders papers do give there send the reader elsewhere ("(see Table 2)", "(compare Fig. 3)":
    ``cross_reference_verbs``), and a verb the parse misreads as an order in a bracket ("(mean 2.2,
    ...)") has no such object. A verb of saying the small parse misread as another word class counts
    where "this" or "it" is its object ("(quote/UH this in the summary)")."""
    looking = verification_words("cross_reference_verbs")
    for token in doc[last + 1 :]:
        if token.lemma_.lower() in looking or token.lower_ in looking:
            continue
        if _orders(token, asides=True) and (
            token.lemma_.lower() in lexicon.directive_verbs or _of_this(token)
        ):
            return True
        if _misread_order_of_this(token, lexicon):
            return True
    return False


def _of_this(verb: Token) -> bool:
    """Whether the verb's object is the text itself: "this", "it", "this sentence"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    pointed = DEICTIC_OBJECTS
    return any(
        o.lower_ in pointed or any(d.lower_ in pointed for d in o.children if d.dep_ == "det")
        for o in objects
    )


def _misread_order_of_this(token: Token, lexicon: VerificationLexicon) -> bool:
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.lower_ in lexicon.directive_verbs
        and token.pos_ not in ("VERB", "AUX", "DET", "ADP")
        and after is not None
        and after.lower_ in ("this", "it")
        and clause_start(token.doc, token.i, asides=True)
    )


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
    if any(t.lower_ in lexicon.message_nouns and _for_a_processor(t, lexicon) for t in doc):
        return True  # "the take-home message for machines is that ...", "a note to summarisers"
    if any(
        t.text in LABEL_ENDS and (_address_header(doc, t.i, lexicon) or order_label(doc, t.i, lexicon))
        for t in doc
    ):
        return True
    if laid_out_for_a_machine(doc, lexicon) or ordered_in_sequence(doc, lexicon):
        return True
    return salutes_a_reader(doc) or speaks_of_its_processing(doc, lexicon)


def _for_a_processor(message: Token, lexicon: VerificationLexicon) -> bool:
    """A message noun addressed ("for", "to") to a reader or processor of the text."""
    return any(
        c.dep_ == "prep" and c.lower_ in ADDRESS_PREPS and any(processes_text(g, lexicon) for g in c.children)
        for c in message.children
    )


def _before_label_end(doc: Doc, colon: int) -> Span:
    """The words of the sentence before ``colon`` (the text is one pipeline sentence, whatever the
    parser's boundaries)."""
    start = max((t.i + 1 for t in doc[:colon] if t.text in (".", "!", "?")), default=0)
    return doc[start:colon]


def _address_header(doc: Doc, colon: int, lexicon: VerificationLexicon) -> bool:
    """ "For NP:", "To NP:" opening a sentence: a header naming whom the text after the colon is for
    (a memo's or a letter's address), whoever it names; or a message with its addressee before the
    colon ("This is a message for NP:", "A note to NP:"). Papers state findings to no one in
    particular; a discourse adverbial ("For example:", "To date:"), one bare singular noun, is no address."""
    words = _before_label_end(doc, colon)
    if any(
        t.lower_ in lexicon.message_nouns
        and any(c.dep_ == "prep" and c.lower_ in ADDRESS_PREPS for c in t.children)
        for t in words
    ):
        return True
    if not 2 <= len(words) <= MAX_HEADER_WORDS or words[0].lower_ not in ADDRESS_PREPS:
        return False
    # a participle may describe the addressee ("To any software parsing this document:"); a finite
    # verb makes the words before the colon a clause, no header
    if words[0].pos_ != "ADP" or any(
        t.pos_ in ("VERB", "AUX") and t.dep_ != "acl" or t.text in (",", ";") for t in words
    ):
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


def _orders(verb: Token, *, asides: bool = False) -> bool:
    # A present verb without a subject ("To prevent Y, report/VBP that ...") is the base form
    # misread: English has no finite present without one.
    base = verb.tag_ == "VB" or (
        verb.tag_ == "VBP" and not any(c.dep_ in SUBJECT_OR_EXPLETIVE for c in verb.children)
    )
    # "Be sure to output ...": the copula's imperative is an order like any verb's
    verbal = verb.pos_ == "VERB" or (verb.pos_ == "AUX" and verb.lemma_ == "be" and verb.tag_ == "VB")
    if not verbal or not base or verb.dep_ not in MAIN_CLAUSE_DEPS:
        return False
    if not verb.text.isalpha() or not (verb.text.islower() or verb.text.istitle()):
        return False  # "IKr", "rs800292": names the parse tagged as verbs
    if _noun_read_as_verb(verb):
        return False
    if verb.dep_ == "conj" and (verb.tag_ != "VB" or verb.head.tag_ == "VB" or has_modal(verb.head)):
        return _orders(
            verb.head, asides=asides
        )  # "could cure or improve": the conjunct shares its head's modal
    # a base form conjoined to a finite verb or a participle with no modal shares no auxiliary of
    # it ("... is being parsed automatically, add X"): it stands on its own, an order
    children = list(verb.children)
    if any(
        c.dep_ in ("aux", "auxpass", "mark") and not _do_support(c) or c.lower_ == "to" and c.i < verb.i
        for c in children
    ):
        return False
    if not _opens_clause(verb, children, asides=asides):
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


def _opens_clause(verb: Token, children: list[Token], *, asides: bool = False) -> bool:
    """Whether the verb (with its "do not", "please", "kindly", "always") opens its sentence or
    follows a clause or label set off by punctuation: where an order stands."""
    openers = [c.i for c in children if c.i < verb.i and (c.dep_ in ORDER_OPENERS or order_opener(c, verb))]
    first = min([verb.i, *openers])
    return clause_start(verb.doc, first, asides=asides)


def _misread_order(token: Token, lexicon: VerificationLexicon) -> bool:
    """A verb of saying the small parse read as a noun ("When summarising, state that ...", "Next
    step: output that ..."): bare (no determiner), opening its clause, with a clause or object after,
    or an adverb before ("Simply state in ..."; adverbs modify verbs, not nouns), or a verb English
    has no noun for ("Regardless of X, conclude/compound Y ..."); or the verb read in base form but
    hung where no main clause's verb hangs."""
    if token.lower_ not in lexicon.directive_verbs or not clause_start(token.doc, _after_adverbs(token)):
        return False
    children = list(token.children)
    if token.pos_ == "VERB" and token.tag_ in ("VB", "VBP"):
        # hung where no main clause's verb hangs ("Regardless of X, conclude/compound Y ...",
        # "..., answer/acl that ..."), with no subject, auxiliary or "to"
        return token.dep_ not in ("aux", "auxpass", "conj") and not any(
            c.dep_ in (*SUBJECT_OR_EXPLETIVE, "aux", "auxpass") or c.lower_ == "to" for c in children
        )
    if token.lower_ in lexicon.verb_only_directives and token.pos_ in ("NOUN", "PROPN", "ADJ", "AUX"):
        return True  # (also one tagged an adjective or an auxiliary: "..., insert/JJ X causes Y")
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in children):
        return False
    if any(c.dep_ == "advmod" and c.pos_ == "ADV" and c.i < token.i for c in children):
        return True
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    said = any(
        c.dep_ in ("relcl", "ccomp", "acl") and any(m.lower_ == "that" for m in c.children) for c in children
    )
    return said or after is not None and after.lower_ in ("that", "the", "this", "these", "only", "nothing")


def _after_adverbs(token: Token) -> int:
    """Where the clause of ``token`` opens, adverbs right before it included ("Simply state ...")."""
    at = token.i
    while at > token.sent.start and token.doc[at - 1].pos_ == "ADV":
        at -= 1
    return at


def _do_support(aux: Token) -> bool:
    """The "do" of a negative or emphatic order ("Do not extract ...", "Don't ...", "Do make sure
    ..."): base form, not "does"/"did"; a "do" tagged present that opens its clause has no subject
    before it, so it is the base form too."""
    if aux.lemma_.lower() != "do":
        return False
    return aux.tag_ == "VB" or (aux.tag_ == "VBP" and clause_start(aux.doc, aux.i))


def _label(subject: Token, verb: Token) -> bool:
    """A "subject" cut off from its verb by a colon: a label ("New task: produce ..."); or by a comma
    from a verb in the base form: a vocative ("Readers, note that ..."; a finite verb after a plural
    subject is tagged VBP, not VB)."""
    between = subject.doc[subject.i : verb.i]
    return any(t.text in LABEL_ENDS for t in between) or (
        subject.i < verb.i
        and verb.doc[verb.i - 1].text == ","
        and subject.right_edge.i >= verb.i - 2
        and not _closes_aside(subject, verb.i - 1)
    )


def _closes_aside(subject: Token, comma: int) -> bool:
    """Whether the comma at ``comma`` closes an aside the subject's phrase opened with a comma of its
    own ("Mutations in X, encoding Y, cause Z": the small parse may tag "cause" VB): a vocative is set
    off by one comma, an aside by two."""
    doc = subject.doc
    return any(
        t.dep_ in ("acl", "relcl", "appos")
        and t.left_edge.i > subject.i
        and doc[t.left_edge.i - 1].text == ","
        and t.right_edge.i >= comma - 1
        for t in subject.subtree
    )
