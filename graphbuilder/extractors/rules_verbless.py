"""A plural subject's verb the tagger read as a noun in a name: "Mutations in SCN1A cause Dravet
syndrome" comes out with no finite verb, "cause" a compound of "syndrome" and the whole sentence one
noun phrase. A sentence needs a finite verb; a cue verb's base form right after a complete noun
phrase whose head is plural agrees with it as a verb, and a noun phrase follows it, so it is the
verb: the phrase before is its subject, the name it was read into its object.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_match import NOUN_POS, CueMatch, cue_match
from causemap.graphbuilder.extractors.rules_repairs import is_verbless

PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def misread_plural_verbs(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """Cue matches of a base-form cue verb read as a noun modifier in a sentence with no verb."""
    for token in doc:
        if token.tag_ != "NN" or token.dep_ not in ("compound", "nmod", "amod"):
            continue
        entry = lexicon.verbs.get(token.lower_)
        effect = token.head
        if entry is None or effect.i <= token.i or effect.pos_ not in NOUN_POS or not is_verbless(token):
            continue
        subject = _plural_subject(token)
        if subject is None:
            continue
        match = cue_match("verb", token, [token.i], [subject], [effect], entry, inherited=True)
        if match is not None:
            yield match


def _plural_subject(token: Token) -> Token | None:
    """The plural noun that opens the sentence and whose phrase runs up to the cue ("Mutations" of
    "Mutations in SCN1A cause ..."); None if the word before the cue does not end a noun phrase."""
    sent = token.sent
    first, previous = token.doc[sent.start], token.doc[token.i - 1]
    if token.i - sent.start < 2 or previous.pos_ not in (*NOUN_POS, "NUM") and previous.text != ")":
        return None
    opening = next((t for t in token.doc[sent.start : token.i] if t.pos_ in NOUN_POS), None)
    if opening is None or opening.tag_ not in PLURAL_TAGS or opening.left_edge.i != first.i:
        return None
    # the opening noun's own words reach the cue: no clause or verb between
    if any(t.pos_ in ("VERB", "AUX", "PRON") or t.is_punct for t in token.doc[opening.i : token.i]):
        return None
    return opening
