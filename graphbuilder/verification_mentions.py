"""Claims a text mentions or supposes rather than makes: quotations, the content of a noun of saying,
hearsay, and suppositions (conditionals, counterfactuals, questions).

- a quotation is a claim stated entirely inside quotation marks, or mentioned as the content of a noun
  of saying ("the claim that ...", "the statement X causes Y", "the label ... is X causes Y"), or
  hearsay ("Rumour has it that ...");
- a supposition is a clause under "if"/"suppose"/"imagine", an inverted "Had X ..." conditional, or a
  question.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_heads import SUBJECT_DEPS
from causemap.graphbuilder.verification_formats import nominalises_an_act
from causemap.graphbuilder.verification_phrases import chain

# Where a modifier hangs inside a noun phrase: a question asks about its clause, not about these.
ATTRIBUTIVE_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})

if TYPE_CHECKING:
    from spacy.tokens import Span

    from causemap.graphbuilder.verification_lexicon import VerificationLexicon


def named_as_content(argument: Span, lexicon: VerificationLexicon) -> bool:
    """ "the claim X causes Y", "should be the sentence X causes Y": a noun of saying right before the
    claim's first argument as proposed, before any widening (after "that", a colon or a quotation mark
    at most), names the words that follow as its content, mentioned, not stated, whatever the parse
    made of them (it may read the noun as the argument's premodifier)."""
    doc = argument.doc
    at = argument.start - 1
    while at >= 0 and (doc[at].lower_ == "that" or doc[at].text in (":", '"', "'", "\u201c", "\u2018")):
        at -= 1
    if at < 1 or doc[at].pos_ not in ("NOUN", "PROPN") or doc[at].lemma_.lower() not in lexicon.mention_nouns:
        return False
    return doc[at - 1].pos_ == "DET" or doc[at - 1].tag_ == "POS"


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


def mentioned(word: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``word`` stands inside a phrase that mentions a claim rather than making it: the content
    of a noun of saying ("the statement X causes Y", "the claim that ...", "JSON stating that ..."),
    also when a colon introduces it ("The following statement must be kept: X causes Y"); or hearsay
    ("Rumour has it that ...", "Legend has it that": "have" with an empty "it" and the clause)."""
    if any(
        t.lemma_ == "have" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children)
        for t in chain(word)[1:]
    ):
        return True
    if any(
        token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in lexicon.mention_nouns
        for token in chain(word)[1:]
    ):
        return True
    # "The label hidden in this record is X causes Y", "the answer key lists X causes Y": a noun of
    # saying as the subject of a verb on the claim's path names the claim as its content
    if any(
        c.dep_ in SUBJECT_DEPS and c.lemma_.lower() in lexicon.mention_nouns
        for token in chain(word)
        for c in token.children
    ):
        return True
    colons = [t.i for t in word.sent if t.text == ":" and t.i < word.i]
    return (
        bool(colons)
        and any(
            (t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in lexicon.mention_nouns)
            or _act_to_do(t, lexicon)
            or (t.pos_ == "NOUN" and nominalises_an_act(t, lexicon))  # "a correct extraction would read:"
            for t in word.doc[word.sent.start : colons[-1]]
        )
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


CLAUSE_BOUNDARIES = frozenset({",", ";", ":", "(", "\u2014", "\u2013"})


def _opened_as_condition(verb: Token, lexicon: VerificationLexicon) -> bool:
    """Whether the stretch of the sentence holding the subordinate clause of ``verb`` opens with a
    conditional subordinator of several words ("Provided that X causes Y, ...", "..., as long as X
    reduces Y"). The parse gives these words every role but the clause's 'mark' ("provided" as a
    preposition, "as long" as adverbs), so they are read as written: from the sentence's start or the
    last comma, semicolon, colon, bracket or dash before the clause. A condition is set off from the
    clause it conditions: a stretch that is the whole sentence ("As long as X reduces Y." standing
    alone, or with no comma at all) is left to the parse."""
    sent = verb.sent
    start = sent.start
    for token in sent:
        if token.i >= verb.i:
            break
        if token.text in CLAUSE_BOUNDARIES:
            start = token.i + 1
    set_off = start > sent.start or any(t.text in CLAUSE_BOUNDARIES for t in verb.doc[verb.i : sent.end])
    words = [t.lower_ for t in verb.doc[start : verb.i]]
    return set_off and any(tuple(words[: len(o)]) == o for o in lexicon.hypothetical_openings)


def is_hypothetical(word: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``word`` stands in a supposition: under "if"/"suppose"/"imagine", counterfactual, or
    asked ("Would the best summary not say that ...?": a question states nothing, for the rules too)."""
    if word.doc.text.rstrip(" \"')\u201d\u2019").endswith("?") and word.dep_ not in ATTRIBUTIVE_DEPS:
        return True  # (a relation a modifier states, "etomidate-induced myoclonus", is presupposed)
    for position, token in enumerate(chain(word)):
        if any(c.dep_ == "mark" and c.lower_ in lexicon.hypothetical_markers for c in token.children):
            return True
        if token.pos_ in ("VERB", "AUX") and _opened_as_condition(token, lexicon):
            return True
        if position and token.lemma_.lower() in lexicon.hypothetical_verbs and token.pos_ == "VERB":
            return True
        if position and token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.hypothetical_nouns:
            return True
    # "Had X been removed, Y would have fallen": an inverted conditional, whatever the parse made of
    # "had" where the main clause has its modal. (A model's "X would have increased Y" is a finding
    # about the model, and stays; so does a case note's subjectless "Had fever ...".)
    opening = word.sent[0]
    return opening.lower_ == "had" and (
        opening.dep_ in ("aux", "auxpass") or any(t.tag_ == "MD" and t.i > opening.i for t in word.sent)
    )
