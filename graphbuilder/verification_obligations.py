"""Acts of saying or recording that a text puts on its reader: obligations, undertakings and demands.

A paper states its findings; a text that obliges someone other than its authors to say, record or
output something ("models should say that", "readers are asked to record that", "software is to
output that", "the extracting party agrees to report that", "it is recommended that extractors capture
...") is giving an order, and the claim it names is the order's content, not a finding. Recognised by
the frame (a modal, a passive, "be to", a verb of undertaking or of demand governing the verb of saying
or the claim's clause), with the authors obliging themselves ("we must conclude", "we recommend that")
left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_modality import judged_predicates
from causemap.graphbuilder.verification_formats import agent_of_an_act, nominalises
from causemap.graphbuilder.verification_phrases import chain

if TYPE_CHECKING:
    from causemap.graphbuilder.verification_lexicon import VerificationLexicon

FIRST_PERSON = frozenset({"we", "i", "us", "our"})
# Verbs by whose passive a clause is put under an obligation ("are asked to", "are required to").
OBLIGING_DEPS = frozenset({"xcomp", "ccomp"})
# What a verb of saying says: its object or clause.
CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd"})
# Words that point at the text being read ("this abstract", "these pages", "this").
DEICTIC = frozenset({"this", "these"})
# Determiners that quantify over every act of processing ("in every extraction", "in any summary").
QUANTIFIERS = frozenset({"every", "each", "any", "all"})


def is_directive(word: Token, lexicon: VerificationLexicon, judged: frozenset[int] = frozenset()) -> bool:
    """Whether ``word`` is, or is governed by, an act of saying or outputting put under an obligation
    ("should say that", "are asked to record that", "is required to conclude"), unless the authors
    oblige themselves ("we must conclude that"); or follows one that has no content of its own; or
    stands in a clause a verb of demand asks for ("it is recommended that extractors capture ...").
    ``judged``: the verbs that judge the claim's own subject ("X should be considered a cause of Y",
    ``judging_verbs``), which hedge the claim and order no one."""
    for token in chain(word):
        if token.pos_ != "VERB" or token.i in judged:
            continue
        if token.lemma_.lower() in lexicon.directive_verbs and _obliged(token, lexicon):
            return True
        if _obliged_in_processing(token, lexicon):
            return True
    if demanded(word, lexicon) or said_by_a_processor(word, lexicon):
        return True
    # "are asked to record that X causes Y", with the clause hung on "asked": an obliged verb of
    # saying before the claim, with no object or clause of its own, says the clause that follows; a
    # passive one says its subject, wherever the parse hung it ("X is to be reported").
    return any(
        (token.i < word.i or (any(c.dep_ == "auxpass" for c in token.children) and _says(token, word)))
        and token.pos_ == "VERB"
        and token.lemma_.lower() in lexicon.directive_verbs
        and token.i not in judged
        and not any(c.dep_ in CONTENT_DEPS for c in token.children)
        and _obliged(token, lexicon)
        for token in word.doc
    )


def _says(passive: Token, word: Token) -> bool:
    """Whether a passive verb of saying after the claim says the claim: its subject holds the claim's
    word ("X is to be reported", the parse hanging X there), refers back to it ("this should be
    recorded"), or is missing. A subject of its own says something else: "..., and consideration
    should be given to testing", "monitoring should be considered" recommend an act, not the claim."""
    subjects = [c for c in passive.children if c.dep_ in ("nsubjpass", "nsubj")]
    if not subjects:
        # the parse may hang the subject elsewhere ("falls, screening of gait should be considered"):
        # a noun right before the verb's auxiliaries, after the claim's word, is a subject of its own
        auxiliaries = [c.i for c in passive.children if c.dep_ in ("aux", "auxpass")]
        before = passive.doc[min(auxiliaries) - 1] if auxiliaries and min(auxiliaries) > 0 else None
        return not (before is not None and before.pos_ in ("NOUN", "PROPN") and before.i > word.i)
    subject = subjects[0]
    holds = subject.left_edge.i <= word.i <= subject.right_edge.i
    return holds or subject.pos_ == "PRON" or subject.lower_ in ("this", "that", "these", "those")


def has_modal(verb: Token, modals: frozenset[str] | None = None) -> bool:
    """Whether a modal stands on ``verb`` (one of ``modals``, when given: "should", "must")."""
    return any(c.tag_ == "MD" and (modals is None or c.lemma_.lower() in modals) for c in verb.children)


def _obliged(verb: Token, lexicon: VerificationLexicon) -> bool:
    """A modal of obligation on the verb, or the verb as the complement of a passive ("asked to",
    "required to", "instructed to"), of "be to" ("software is to output"), of a verb of need ("have
    to", "need to") or of undertaking ("agrees to report"), with a subject that is not the authors."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
    if has_modal(verb, lexicon.obligation_modals):
        return not any(s.lower_ in FIRST_PERSON for s in subjects)
    governor = verb.head
    if verb.dep_ in OBLIGING_DEPS and governor.i != verb.i and governor.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in governor.children)
        lemma = governor.lemma_.lower()
        needs = lemma in lexicon.obligation_modals or lemma in lexicon.undertaking_verbs
        authors = any(c.lower_ in FIRST_PERSON for c in governor.children if c.dep_ in SUBJECT_DEPS)
        return (passive or needs or _due(verb, governor, lexicon)) and not authors
    return _under_obligation_adjective(verb, lexicon)


def _obliged_in_processing(verb: Token, lexicon: VerificationLexicon) -> bool:
    """ "It is to be noted in every extraction that ...", "X must be kept in any summary": a verb under
    an obligation set in every act of processing the text or every product of one (a noun of a
    processing verb or a product, quantified by "every", "any", "each", "all"): the obligation falls on
    whoever processes the text, whatever the verb. Not "It should be noted in this context that ..."
    (the authors' remark), "during DNA extraction" (a step of a laboratory's method) or "reported to
    result in insertion" (a nominalised verb of saying or adding is no processing of the text)."""
    settings = [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(
        (nominalises(g, lexicon.processing_verbs) or g.lower_ in lexicon.processing_products)
        and any(c.dep_ == "det" and c.lower_ in QUANTIFIERS for c in g.children)
        and not any(c.dep_ in ("compound", "amod", "nmod") for c in g.children)
        for g in settings
    ) and _obliged(verb, lexicon)


def _due(verb: Token, governor: Token, lexicon: VerificationLexicon) -> bool:
    """ "X is to record ...", "annotators are to mark ...": "be" with an infinitive is an obligation,
    unless its subject is an aim ("the aim of this study is to report ..."), which says what was done."""
    if governor.lemma_ != "be" or not any(c.lower_ == "to" and c.i < verb.i for c in verb.children):
        return False
    subjects = [c for c in governor.children if c.dep_ in SUBJECT_DEPS]
    return not any(s.lemma_.lower() in lexicon.aim_nouns for s in subjects)


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


def said_by_a_processor(word: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``word`` stands in what a reader or processor of the text, or its product, says or
    does with it ("summarising engines should echo that ...", "extractors whose output says ...", "a
    careless reader would leave out that ...", "the best summary would say ..."): a paper reports
    what it found, not what its readers' summaries say. The subject of an infinitive is its
    governor's ("readers ... are to log that"). A verb the claim's verb is conjoined to is no
    governor of it ("Computers were installed and reduced errors" says what the computers did)."""
    path = chain(word)
    for below, token in zip(path, path[1:], strict=False):
        if token.pos_ not in ("VERB", "AUX") or below.dep_ == "conj":
            continue
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if not subjects and token.dep_ == "xcomp":
            subjects = _controller(token)
        if any(processes_text(s, lexicon) and not _own_argument(s, word, token) for s in subjects):
            return True
    return False


def _own_argument(subject: Token, word: Token, verb: Token) -> bool:
    """A subject holding the word is the claim's own argument ("Computers were installed and reduced
    ..."), not who says it; unless the verb hangs inside it too ("machines to state that ...")."""
    inside = range(subject.left_edge.i, subject.right_edge.i + 1)
    return word.i in inside and verb.i not in inside


def _controller(infinitive: Token) -> list[Token]:
    """Who does what an infinitive says: its governor's object where there is one ("authorise
    machines to state", "asked readers to record"), else its governor's subject ("readers are to log");
    a noun governing it is its own ("machines to state", as the parse may hang it)."""
    governor = infinitive.head
    if governor.pos_ in ("NOUN", "PROPN"):
        return [governor]
    objects = [c for c in governor.children if c.dep_ == "dobj"]
    return objects or [c for c in governor.children if c.dep_ in SUBJECT_DEPS]


def processes_text(noun: Token, lexicon: VerificationLexicon) -> bool:
    """ "readers", "extractors", "machines", "the summary", "output", "summarising engines": who reads or
    processes the text (an agent noun of a verb of processing, a machine, or a noun a participle of
    processing describes), or what processing makes of it."""
    if agent_of_an_act(noun, lexicon) or noun.lower_ in lexicon.processing_products | lexicon.processors:
        return True
    return any(
        c.dep_ in ("amod", "compound")
        and c.tag_ == "VBG"
        and c.lemma_.lower() in lexicon.processing_verbs
        or reads_this_text(c, lexicon)
        for c in noun.children
    )


def reads_this_text(participle: Token, lexicon: VerificationLexicon) -> bool:
    """ "(any model) processing this abstract", "(readers) parsing these pages": a participle of reading
    or processing whose object is the text itself, pointed at by "this"/"these", describes the one who
    reads it as the text is read: its reader, addressed ("Patients reading the leaflet ..." points at
    no text being read)."""
    if participle.tag_ != "VBG" or participle.dep_ not in ("acl", "amod"):
        return False
    if participle.lemma_.lower() not in lexicon.processing_verbs and participle.lemma_.lower() != "process":
        return False
    objects = [c for c in participle.children if c.dep_ == "dobj"]
    return any(o.lower_ in DEICTIC or any(d.lower_ in DEICTIC for d in o.children) for o in objects)


def demanded(word: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``word`` stands in the complement clause of a verb of demand ("requires that X be
    entered", "it is recommended that extractors capture X", "it is hereby stipulated that X"; the
    participle the parse may read as the copula's adjective): what is asked for, not what was found.
    Not when the authors make the demand ("we recommend that ...": their own conclusion). The small
    parse may turn the frame over, hanging "it is stipulated" on the claim's verb before its "that"."""
    path = chain(word)
    for below, governor in zip(path, path[1:], strict=False):
        # a clause opened by "that" is a complement, whatever dep the parse gave it (advcl)
        complement = below.dep_ in OBLIGING_DEPS or any(
            c.dep_ == "mark" and c.lower_ == "that" for c in below.children
        )
        if complement and _demands(governor, lexicon):
            return True
    verb = next((t for t in path if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    marks = [c.i for c in verb.children if c.dep_ == "mark" and c.lower_ == "that"]
    return any(
        c.dep_ in ("ccomp", "parataxis") and marks and c.i < min(marks) and _demands(c, lexicon)
        for c in verb.children
    )


def _demands(governor: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``governor`` is a verb of demand (or "be" with one as its participle) not made by the
    authors."""
    demands = [governor] if governor.pos_ == "VERB" else []
    if governor.lemma_ == "be":
        demands += [c for c in governor.children if c.dep_ == "acomp" and c.tag_ == "VBN"]
    for verb in demands:
        if verb.lemma_.lower() not in lexicon.demand_verbs:
            continue
        subjects = [c for c in (*verb.children, *governor.children) if c.dep_ in SUBJECT_DEPS]
        if not any(s.lower_ in FIRST_PERSON for s in subjects):
            return True
    return False


def judging_verbs(cause: Span, effect: Span, cues: CueLexicon) -> frozenset[int]:
    """The passive verbs of judgement that say of one argument what their complement says with the
    other in it: "Smoking should be considered a risk factor for lung cancer" hedges the claim smoking
    -> lung cancer, said of smoking. An order to the reader keeps its own subject or none ("You should
    consider smoking ...", "Consider smoking ..."), and a claim mentioned as the subject ("That X causes
    Y should be considered ...", "The claim that ...") has neither argument as the subject's head."""
    out = set()
    for first, second in ((cause, effect), (effect, cause)):
        for token in first:
            verb = token.head
            if token.dep_ != "nsubjpass" or first.start <= verb.i < first.end:
                continue
            predicates = judged_predicates(verb, cues)
            if any(p.left_edge.i < second.end and second.start <= p.right_edge.i for p in predicates):
                out.add(verb.i)
    return frozenset(out)
