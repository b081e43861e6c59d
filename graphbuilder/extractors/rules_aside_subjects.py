"""A subject set off from its verb by an aside: "Propranolol, a beta-blocker, reduced portal
pressure" comes out of the small parse with no finite verb, the aside an apposition of the subject
and "reduced" a modifier of "pressure". An aside is closed by its second comma; a cue participle
right after that comma, before the noun phrase it was read to modify, is the verb whose subject the
aside describes, in a sentence that has no other verb.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_match import NOUN_POS, CueMatch
from causemap.graphbuilder.extractors.rules_repairs import modifier_verb_match, participle_cue

# Words of a noun phrase: the subject before the aside (with its prepositions, "Treatment with X")
# and the aside itself (a name or a kind, "a beta-blocker").
_PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})


def verbs_after_asides(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """Cue matches of participles read as modifiers right after an aside of the sentence's subject."""
    for token in doc:
        if token.dep_ != "amod" or token.tag_ not in ("VBN", "VBD"):
            continue
        if match := modifier_verb_match(token, participle_cue(token, lexicon), aside_subject):
            yield match


def aside_subject(token: Token) -> Token | None:
    """The head of the noun phrase that opens the sentence and is set off from ``token`` by an
    apposition between two commas, or None."""
    doc, sent = token.doc, token.sent
    closing = token.i - 1
    if closing <= sent.start or doc[closing].text != ",":
        return None
    opening = next((i for i in range(closing - 1, sent.start, -1) if doc[i].text == ","), None)
    if opening is None or opening + 1 == closing:
        return None
    aside = doc[opening + 1 : closing]
    if any(t.pos_ not in _PHRASE_POS and t.text != "-" for t in aside):
        return None
    subject_phrase = doc[sent.start : opening]
    if any(t.pos_ not in (*_PHRASE_POS, "ADP") and t.text != "-" for t in subject_phrase):
        return None
    tops = [t for t in subject_phrase if t.head.i == t.i or not sent.start <= t.head.i < opening]
    if len(tops) != 1 or tops[0].pos_ not in NOUN_POS:
        return None
    # the aside's head is an apposition of a word of the subject's phrase, or was read into the noun
    # the participle modifies ("Warfarin, an anticoagulant, increased bleeding risk": "anticoagulant"
    # a modifier of "risk")
    aside_heads = [t for t in aside if not opening < t.head.i < closing]
    if not any(
        (t.dep_ == "appos" and t.head in subject_phrase)
        or (t.dep_ in ("nmod", "compound") and t.head == token.head)
        for t in aside_heads
    ):
        return None
    return tops[0]
