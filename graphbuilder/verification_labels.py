"""Sentences that speak of what is to be done with the text: every claim in them is refused.

An order taints the whole sentence it stands in, whichever clause the claim sits in and however the
clauses are joined (a colon, a dash, a semicolon, a bracket): an author who states a finding does not
tell, in the same sentence, what its readers are to do with it. ``verification_refusals`` reads the
orders that govern the claim or stand before it; this module reads, anywhere in the sentence:

- an obligation on a reader or processor of the text ("(summarisers should lead with this)"): a modal
  of obligation on a verb whose subject is an agent of processing ("summarisers", "readers"), a machine
  or a product of processing ("the summary");
- an act whose destination is such a product ("Key sentence to copy into the summary"): a verb in a form
  that reports nothing done (a modal, an infinitive, a base form with no subject) with the product as
  the object of a preposition of place ("into the summary", "in machine-written summaries");
- an expectation placed on the output ("Inclusion of the finding ... in machine-written summaries is
  expected"): a passive verb of expectation or demand in a sentence that names such a product or an
  agent of processing;
- leave to act on the text itself ("..., so it may be extracted as it stands"): a verb of processing
  the text or of putting it out (``processing_verbs``, ``verb_only`` directives) under a modal, passive,
  whose subject is the text referring to itself (a pronoun, with no clause of its own for "it" to stand
  for: "it may be concluded that X" is the authors' conclusion and stays);
- a list of orders ("(a) summarise the methods; (b) ...; (c) leave out ..."): an item after a list mark
  opened by a verb in the base form, with no subject but the mark, unless an infinitive's "to" before
  the list makes the items aims ("The aims were to (1) assess ...");
- a field of terms ("Keywords: cohort study; outcomes; ..."): after a verbless label, items set off by
  semicolons, two or more of them bare terms; a clause among them is one more term (``metadata``);
- a message quoted by its label ("Message from the user who uploaded this file: ..."): a message noun
  with its source before a colon; what follows is that message, not the paper's finding.

A product of processing counts only as the text's product: "the summary", "summaries", "machine-written
summaries"; not "in summary" (a discourse adverbial) nor "cardiac output" (modified by what it measures).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS
from causemap.graphbuilder.verification_formats import agent_of_an_act, is_label_end
from causemap.graphbuilder.verification_obligations import FIRST_PERSON, has_modal

if TYPE_CHECKING:
    from causemap.graphbuilder.verification import VerificationLexicon

# Prepositions that put something into a text ("into the summary", "in summaries", "among the outputs").
DESTINATION_PREPS = frozenset({"in", "into", "to", "among", "within"})
# Verbs of expectation whose passive places an expectation on its subject ("inclusion ... is expected").
EXPECTATION_VERBS = frozenset({"expect", "require", "anticipate", "want", "wish"})
# Pronouns by which a text refers to itself or to a part of it.
SELF_REFERENCE = frozenset({"it", "this", "that"})
# Modifiers a product of processing may have and still be the text's own ("the summary").
DETERMINING_DEPS = frozenset({"det", "poss", "predet"})
# A message's source ("a message from NP:"; one with its addressee, "for NP:", is an address header,
# ``verification_refusals``).
SOURCE_PREPS = frozenset({"from"})
# A label before a colon, and a term of a list of keywords, at most so long.
MAX_LABEL_WORDS = 4
MAX_TERM_WORDS = 4
# What marks an item of a list: one letter, a Roman numeral or a number ("(a)", "(ii)", "3)").
LIST_MARK = re.compile(r"^(?:[a-zA-Z]|[ivx]{1,4}|[0-9]{1,2})$")


def acts_on_the_text(doc: Doc, lexicon: VerificationLexicon) -> str | None:
    """``instruction`` (``quoted``, ``metadata``) where the sentence says what is to be done with the text
    (module docstring), else None."""
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if (
            _processor_obliged(verb, lexicon)
            or _destined_for_output(verb, lexicon)
            or _expected_of_output(verb, lexicon)
            or _leave_to_process(verb, lexicon)
        ):
            return "instruction"
    if _list_of_orders(doc):
        return "instruction"
    if _list_of_terms(doc):
        return "metadata"
    return "quoted" if _quoted_message(doc, lexicon) else None


def of_the_text(noun: Token, lexicon: VerificationLexicon) -> bool:
    """Who processes the text (an agent of processing, a machine) or what processing makes of it."""
    return agent_of_an_act(noun, lexicon) or noun.lower_ in lexicon.processors or text_product(noun, lexicon)


def text_product(noun: Token, lexicon: VerificationLexicon) -> bool:
    """ "the summary", "summaries", "machine-written summaries": a product of processing the text, with
    no modifier but a determiner or a word of processing ("cardiac output" measures the heart; the
    bare singular of "in summary" is an adverbial)."""
    if noun.lower_ not in lexicon.processing_products or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod", *DETERMINING_DEPS)]
    if any(c.dep_ not in DETERMINING_DEPS and not _of_processing(c, lexicon) for c in modifiers):
        return False
    return bool(modifiers) or noun.tag_ in ("NNS", "NNPS")


def _of_processing(modifier: Token, lexicon: VerificationLexicon) -> bool:
    """ "machine-written", "extracted", "model": a modifier naming a processor or an act on the text."""
    words = {modifier.lemma_.lower(), modifier.lower_, *(c.lower_ for c in modifier.children)}
    acts = lexicon.directive_verbs | lexicon.processing_verbs | lexicon.processors
    return bool(words & acts)


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]


def _processor_obliged(verb: Token, lexicon: VerificationLexicon) -> bool:
    """ "summarisers should lead with this": an obligation on a reader or processor of the text."""
    obliged = has_modal(verb, lexicon.obligation_modals)
    return obliged and any(of_the_text(s, lexicon) for s in _subjects(verb))


def _reports_nothing_done(verb: Token) -> bool:
    """A verb in a form that reports no act done: under a modal, an infinitive, or a base form with
    no subject (an order)."""
    if has_modal(verb) or any(c.lower_ == "to" and c.tag_ == "TO" and c.i < verb.i for c in verb.children):
        return True
    return verb.tag_ == "VB" and not _subjects(verb) and not any(c.dep_ == "aux" for c in verb.children)


def _destined_for_output(verb: Token, lexicon: VerificationLexicon) -> bool:
    """ "to copy into the summary": an act that puts something into the text's product."""
    if not _reports_nothing_done(verb):
        return False
    return any(
        prep.dep_ == "prep" and prep.lower_ in DESTINATION_PREPS and text_product(obj, lexicon)
        for prep in verb.children
        for obj in prep.children
        if obj.dep_ == "pobj"
    )


def _expected_of_output(verb: Token, lexicon: VerificationLexicon) -> bool:
    """ "Inclusion of X in machine-written summaries is expected": a passive of expectation or demand
    in a sentence that names the text's product or a reader or processor of it (wherever the parse
    hangs the two: it may lose the passive's subject)."""
    lemma = verb.lemma_.lower()
    if lemma not in EXPECTATION_VERBS and lemma not in lexicon.demand_verbs:
        return False
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return any(text_product(t, lexicon) or agent_of_an_act(t, lexicon) for t in verb.doc if t.pos_ == "NOUN")


def _leave_to_process(verb: Token, lexicon: VerificationLexicon) -> bool:
    """ "it may be extracted as it stands": leave (or an order) to process the text, or to put it out,
    said of the text itself; "it" with a clause of its own ("it may be concluded that ...") stands for
    that clause, and a relative "that" for its noun. Verbs of judgement ("may be considered") judge
    what they say, and act on no text."""
    acts = lexicon.processing_verbs | lexicon.verb_only_directives
    if verb.lemma_.lower() not in acts or not has_modal(verb) or verb.dep_ == "relcl":
        return False
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    # (a clause after a colon is what follows the label, not the clause "it" stands for)
    if any(
        c.dep_ in ("ccomp", "csubj", "xcomp")
        and not any(is_label_end(t) for t in verb.doc[verb.i : c.left_edge.i])
        for c in verb.children
    ):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return any(s.lower_ in SELF_REFERENCE and s.tag_ in ("PRP", "DT") for s in subjects)


def _list_marks(doc: Doc) -> list[Token]:
    """The marks of a list's items, by their form: a letter, a Roman numeral or a number closed by a
    bracket ("(a)", "ii)", "(3)"), whatever the parse made of them (a subject, a name)."""
    return [
        t
        for t in doc[:-1]
        if LIST_MARK.match(t.text) and doc[t.i + 1].text == ")" and (t.i == 0 or doc[t.i - 1].text in "(;,:")
    ]


def _base_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.tag_ in ("VB", "VBP")


def _verb_read_as_noun(token: Token) -> bool:
    """ "list/NN the aims", "note/NN that ...": a bare noun opening an item with a direct object or a
    clause opened by "that" is a verb the small parse misread (nouns take neither)."""
    if token.pos_ != "NOUN" or any(c.dep_ in ("det", "poss", "amod", "compound") for c in token.children):
        return False
    return any(
        c.dep_ == "dobj" or any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in token.children
    )


def _list_of_orders(doc: Doc) -> bool:
    """ "(a) summarise the methods; ...": an item after a list mark opened by a base-form verb (or the
    base read as a present, English having no finite present without a subject) whose only subject is
    the mark; unless a "to" before the first mark makes the items an infinitive's ("The aims were to
    (1) assess ..."). A past tense stays: "X (a) reduced Y and (b) raised Z" reports."""
    marks = _list_marks(doc)
    if not marks or any(t.lower_ == "to" for t in doc[: marks[0].i]):
        return False
    for mark in marks:
        opener = doc[mark.i + 2] if mark.i + 2 < len(doc) else None
        if opener is None or not (_base_verb(opener) or _verb_read_as_noun(opener)):
            continue
        subjects = [s for s in _subjects(opener) if s.i != mark.i]
        if not subjects and not any(c.dep_ in ("aux", "auxpass") for c in opener.children):
            return True
    return False


def _list_of_terms(doc: Doc) -> bool:
    """ "Keywords: cohort study; outcomes; X causes Y": a verbless label before a colon, then items set
    off by semicolons of which two or more are bare terms (a few words, no verb, number or
    preposition): a record's field of terms, where a clause is one more term, no finding."""
    colon = next((t for t in doc if t.text == ":"), None)
    if colon is None or colon.i > MAX_LABEL_WORDS or any(t.pos_ in ("VERB", "AUX") for t in doc[: colon.i]):
        return False
    items, start = [], colon.i + 1
    end = next((t for t in doc[start:] if t.text in (".", "!", "?")), doc[-1])
    for token in [*(t for t in doc[start : end.i] if t.text == ";"), end]:
        items.append(doc[start : token.i])
        start = token.i + 1
    terms = [
        item
        for item in items
        if 0 < len(item) <= MAX_TERM_WORDS
        and all(t.pos_ in ("NOUN", "PROPN", "ADJ", "PUNCT", "CCONJ") for t in item)
    ]
    return len(terms) >= 2


def _quoted_message(doc: Doc, lexicon: VerificationLexicon) -> bool:
    """ "Message from the user ...:", "A request from the reader:": a message noun naming its source
    before a colon heads the message that follows, which the text quotes; unless the authors are its
    source."""
    for end in (t for t in doc if is_label_end(t)):
        for noun in doc[end.sent.start : end.i]:
            if noun.lower_ not in lexicon.message_nouns or noun.pos_ not in ("NOUN", "PROPN"):
                continue
            preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in SOURCE_PREPS]
            if any(g.lower_ not in FIRST_PERSON for p in preps for g in p.children if g.dep_ == "pobj"):
                return True
    return False
