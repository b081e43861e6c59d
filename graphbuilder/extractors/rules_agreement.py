"""Cue verbs the tagger read as nouns, recognised by their agreement with the subject before them.

In a sentence the parser gave no finite verb, a cue word that is a verb form agreeing in number with
the complete noun phrase opening the sentence, with a noun phrase after it, is that phrase's verb:
"Exposure to asbestos causes mesothelioma" (singular head, "-s" form, read as a plural noun in a
compound), "Mutations of the KCNQ4 gene cause hearing loss" (plural head, base form, read as the
head of the preposition's object, with the effect hung on it as an apposition). The word's noun
reading ("causes", "increases") is why the tagger erred, and why the form alone proves nothing: the
number of the subject does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_heads import FINITE_TAGS
from causemap.graphbuilder.extractors.rules_lexicon import Cue, CueLexicon
from causemap.graphbuilder.extractors.rules_match import NOUN_POS, CueMatch, cue_match
from causemap.graphbuilder.extractors.rules_repairs import is_verbless

PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SINGULAR_TAGS = frozenset({"NN", "NNP"})
# Where the tagger hangs a verb it read as a noun: a modifier of the object's noun, or the object
# of the subject's preposition ("of the gene cause", with the gene's words its modifiers).
_MISREAD_DEPS = frozenset({"compound", "nmod", "amod", "pobj"})
# How the object's noun hangs on the misread verb when it is not the verb's head.
_OBJECT_DEPS = frozenset({"appos", "dobj", "compound"})
# Words a noun phrase opens with, right after a verb.
_OBJECT_OPENERS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM"})


def misread_agreeing_verbs(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """Cue matches of verbs read as nouns that :func:`agreeing_subject` shows are verbs, beyond
    the base-form modifier rules_verbless reads ("Mutations in X cause Y syndrome")."""
    for token in doc:
        found = _verb_reading(token, lexicon)
        if found is None:
            continue
        entry, number = found
        effect = _object_noun(token)
        if effect is None or not is_verbless(token):
            continue
        subject = agreeing_subject(token, number)
        if subject is not None and (
            match := cue_match("verb", token, [token.i], [subject], [effect], entry, True)
        ):
            yield match


def _verb_reading(token: Token, lexicon: CueLexicon) -> tuple[Cue, Collection[str]] | None:
    """The cue and the subject number a noun-tagged word would agree with as a verb: an "-s" form
    a singular subject, a base form a plural one. The base form as a modifier is rules_verbless's."""
    if token.dep_ not in _MISREAD_DEPS or token.tag_ not in ("NN", "NNS"):
        return None
    lower = token.lower_
    if token.tag_ == "NN" and token.dep_ == "pobj" and lower in lexicon.verbs:
        return lexicon.verbs[lower], PLURAL_TAGS
    if token.tag_ == "NNS" and lower.endswith("s"):
        for stem in (lower[:-1], lower[:-2] if lower.endswith("es") else ""):
            if stem in lexicon.verbs:
                return lexicon.verbs[stem], SINGULAR_TAGS
    return None


def _object_noun(token: Token) -> Token | None:
    """The noun of the phrase right after the misread verb: the noun it modifies, or the noun hung
    on it; None unless that phrase opens right after it."""
    doc = token.doc
    if token.i + 1 >= token.sent.end or doc[token.i + 1].pos_ not in _OBJECT_OPENERS:
        return None
    if token.dep_ != "pobj" and token.head.i > token.i and token.head.pos_ in NOUN_POS:
        return token.head
    after = [c for c in token.children if c.i > token.i and c.dep_ in _OBJECT_DEPS and c.pos_ in NOUN_POS]
    return after[0] if after else None


def agreeing_subject(token: Token, number: Collection[str]) -> Token | None:
    """The head noun of the phrase that opens the sentence and runs up to the cue, if its tag has
    the given number ("Mutations" of "Mutations in SCN1A cause ..."); None if the word before the
    cue does not end a noun phrase or a clause, verb or list comes between."""
    sent = token.sent
    first, previous = token.doc[sent.start], token.doc[token.i - 1]
    if token.i - sent.start < 2 or previous.pos_ not in (*NOUN_POS, "NUM") and previous.text != ")":
        return None
    opening = next((t for t in token.doc[sent.start : token.i] if t.pos_ in NOUN_POS), None)
    if opening is None:
        return None
    # "The gene mutation ...": the opening noun's phrase has its head further right
    while opening.dep_ in ("compound", "nmod") and opening.i < opening.head.i < token.i:
        opening = opening.head
    if opening.tag_ not in number or any(
        t.pos_ not in ("DET", "ADJ") for t in token.doc[first.i : opening.i]
    ):
        return None
    # the opening noun's own words reach the cue: no clause, verb or coordination between
    between = token.doc[opening.i : token.i]
    if any(t.pos_ in ("VERB", "AUX", "PRON", "CCONJ") or t.is_punct and t.text != ")" for t in between):
        return None
    return opening


# Words of a name written after a preposition.
NAME_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})


def dangling_complement_end(head: Token, end: int, blocked: set[int]) -> int:
    """Where an argument ends whose preposition the parser gave no object of its own.

    'Knockout of X impaired Y' parsed as "Knockout of [X impaired Y]": an "of" of the head whose
    only object is the other argument takes the name written right after it (up to the cue). So
    does an "in" or "to" when the cue itself, read as a noun, was read into that name ("Mutations in
    [SCN1A cause Dravet syndrome]", "Exposure to [asbestos causes mesothelioma]"), and a name that
    opens with its determiner ("Mutations of [the KCNQ4 gene cause hearing loss]"). ``end`` is
    exclusive; ``blocked`` holds the cue and the other argument.
    """
    doc = head.doc
    of = next(
        (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "to") and c.i >= end - 1),
        None,
    )
    if of is None or of.i > end or any(c.i not in blocked for c in of.children):
        return end
    stop = of.i + 1
    determiner = stop < len(doc) and stop not in blocked and doc[stop].pos_ == "DET"
    stop += determiner
    while stop < len(doc) and stop not in blocked and (doc[stop].pos_ in NAME_POS or _symbol(doc[stop])):
        stop += 1
    if stop == of.i + 1 + determiner:
        return end
    if _hung_on_the_verb(doc, of, stop, blocked):
        return stop
    if of.lower_ == "in" and not determiner:
        reaches = stop < len(doc) and doc[stop].tag_ == "NN" and doc[stop] in of.subtree
    else:
        reaches = of.lower_ == "of" and not determiner or _reaches_misread_cue(doc, stop, blocked)
    # "role of X in [the Y regulation]": a name that runs up to the other argument is its own
    return stop if reaches else end


def _hung_on_the_verb(doc: Doc, prep: Token, stop: int, blocked: set[int]) -> bool:
    """Whether a preposition with no object at all is followed by a name that runs up to the cue
    verb and hangs on it ("The R123W mutation in [SCN1A] causes Y", with "SCN1A" read as a compound
    of "causes", also when "causes" was read as a noun): a preposition needs an object, and between
    it and its phrase's verb the name is that object."""
    if any(True for _ in prep.children) or stop >= len(doc) or stop not in blocked:
        return False
    verb = doc[stop]
    finite = verb.pos_ in ("VERB", "AUX") and verb.tag_ in FINITE_TAGS
    if not finite and not _reaches_misread_cue(doc, stop, blocked):
        return False  # neither the verb nor the cue read as a noun ("Mutations in X cause/NN Y")
    return all(prep.i < t.head.i < stop or t.head.i == stop for t in doc[prep.i + 1 : stop])


def _symbol(word: Token) -> bool:
    """A hyphen, or a symbol the tagger took for another part of speech ("knockout of [Nrf2/RB]
    aggravated ..."): a word with a digit or an inner capital is a name."""
    return (
        word.text == "-"
        or (word.is_alpha is False and any(ch.isdigit() for ch in word.text))
        or any(ch.isupper() for ch in word.text[1:])
    )


def _reaches_misread_cue(doc: Doc, stop: int, blocked: set[int]) -> bool:
    """Whether the word a name runs up to is the cue read as a noun, tied in the parse to the other
    argument (the noun it was read to modify, or the noun hung on it), not that argument itself."""
    if stop >= len(doc) or stop not in blocked or doc[stop].tag_ not in ("NN", "NNS"):
        return False
    word = doc[stop]
    return word.head.i in blocked - {stop} or any(c.i in blocked for c in word.children)
