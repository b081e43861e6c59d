"""Repairs for the small English parser's typical misreadings of claim sentences.

The patterns first trust the parse; these helpers step in only where it leaves a cue without an
argument, and the claims they rescue carry a lower confidence (they count as inherited).
"""

from __future__ import annotations

from collections.abc import Callable, Container

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_heads import FINITE_TAGS, SUBJECT_DEPS, children_with
from causemap.graphbuilder.extractors.rules_lexicon import Cue, CueLexicon
from causemap.graphbuilder.extractors.rules_match import CueMatch, cue_match

# Non-finite and coordinated cues get their subject from the parse (controller, modified noun,
# first conjunct) or not at all.
NONFINITE_DEPS = frozenset({"acl", "amod", "relcl", "advcl", "xcomp", "pcomp"})
NONFINITE_TAGS = frozenset({"VBG"})
MAX_FALLBACK_DISTANCE = 10
NOUN_POS = ("NOUN", "PROPN")


def is_infinitive(token: Token) -> bool:
    """Whether the verb has "to" before it ("to reduce")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def noun_before(token: Token) -> Token | None:
    """The head of the nearest noun phrase left of ``token`` within its clause.

    Stands in for the subject of a finite cue the parser left without one.
    """
    doc = token.doc
    for i in range(token.i - 1, max(-1, token.i - MAX_FALLBACK_DISTANCE), -1):
        word = doc[i]
        if word.text in (";", ":"):
            return None
        if word.pos_ in NOUN_POS:
            while (
                word.dep_ in ("compound", "amod", "nmod")
                and word.head.pos_ in NOUN_POS
                and word.i < word.head.i < token.i
            ):
                word = word.head
            return word
    return None


def object_after_preposition(token: Token, prep: str) -> list[Token]:
    """The object of a cue's preposition that the parser misread ("related to fracture risk"
    parsed as the infinitive "to fracture"): the phrase right after the preposition."""
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and doc[i].dep_ == "advmod":
        i += 1
    if i + 1 >= len(doc) or doc[i].lower_ != prep:
        return []
    following = doc[i].head if doc[i].head.i > i else doc[i + 1]
    return [following] if following.pos_ in (*NOUN_POS, "VERB") else []


def prefixed_lemma(token: Token, lemma: str, known: Container[str]) -> str:
    """The lemma with the prefix the tokenizer split off by a hyphen, when that compound is a known
    word ("down-regulates": "down-regulate", whose sign is not that of "regulate")."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_:
        return lemma
    prefix = doc[token.i - 2]
    if prefix.whitespace_:
        return lemma
    compound = f"{prefix.lower_}-{lemma}"
    return compound if compound in known else lemma


def participle_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    """The verb cue behind a past participle, whatever lemma the tagger gave it ("reduced")."""
    lower = token.lower_
    if not lower.endswith("ed"):
        return None
    for lemma in (token.lemma_.lower(), lower[:-1], lower[:-2]):
        lemma = prefixed_lemma(token, lemma, lexicon.verbs)
        if lemma in lexicon.verbs:
            return lexicon.verbs[lemma]
    return None


def opens_with_cue_participle(part: Token, lexicon: CueLexicon) -> Token | None:
    """The signed cue participle a noun phrase opens with ("increased B", "antagonized B": the
    tagger takes some for adjectives), else None: in a conjunct, the verb of a coordinated verb
    phrase ("X decreased A and increased B")."""
    first = part.doc[part.left_edge.i]
    if first.dep_ != "amod" or first.head.i != part.i or first.tag_ not in ("VBN", "VBD", "JJ"):
        return None
    if first.tag_ == "JJ" and is_direction_word(first, lexicon):
        return None  # "and reduced B" read as an adjective: the noun phrase carries its sign
    cue = participle_cue(first, lexicon)
    return first if cue is not None and cue.polarity is not None else None


def is_direction_word(token: Token, lexicon: CueLexicon) -> bool:
    """A word that states a change of what it modifies ("increased", "reduced")."""
    return token.lower_ in lexicon.up_words or token.lower_ in lexicon.down_words


# Words after which a noun phrase is not yet complete.
OPEN_PHRASE_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "PRON"})


def is_verbless(token: Token) -> bool:
    """Whether the parser found no finite verb in the token's sentence other than the token."""
    return not any(t.pos_ in ("VERB", "AUX") and t.tag_ in FINITE_TAGS and t.i != token.i for t in token.sent)


def modifier_verb_match(
    token: Token, entry: Cue | None, subject_of: Callable[[Token], Token | None]
) -> CueMatch | None:
    """The match of a cue verb the parse read as a modifier of the noun after it, in a sentence with
    no other verb: that noun its effect, ``subject_of(token)`` its subject; None when either is
    missing ("Mutations in X cause/NN Y syndrome", "Propranolol, a beta-blocker, reduced/amod Y")."""
    effect = token.head
    if entry is None or effect.i <= token.i or effect.pos_ not in NOUN_POS or not is_verbless(token):
        return None
    subject = subject_of(token)
    if subject is None:
        return None
    return cue_match("verb", token, [token.i], [subject], [effect], entry, inherited=True)


def _is_amount(noun: Token) -> bool:
    """'8 wk', '40 g': a unit after its number (whichever word the parser hung the number on)."""
    return bool(children_with(noun, ("nummod",))) or (noun.i > 0 and noun.doc[noun.i - 1].like_num)


def verbless_arguments(
    token: Token, after_noun: bool = False, misread_noun: bool = False
) -> tuple[Token, Token] | None:
    """Subject and object of a signed cue participle in a sentence the parser gave no finite verb.

    "Pre-treatment with X reduced pain scores" comes out as one noun phrase with "reduced"
    modifying "scores"; a sentence needs a finite verb and the cue is the only candidate, so the
    noun phrase from the sentence start to the cue is its subject and the modified noun its object.
    With ``after_noun`` the word before the cue must be a noun (or a closing bracket); with
    ``misread_noun`` the cue may be a present-tense verb tagged as a plural noun ("p53 promotes
    instability" read as one noun phrase).
    """
    head = (misread_noun and _object_of_misread_verb(token)) or token.head
    tags = ("VBD", "VBN", "NNS") if misread_noun else ("VBD", "VBN")
    gerund = _opening_gerund(token)
    # "Running reduced blood pressure" with "reduced" tagged an adjective: after an opening gerund
    # a participle in -ed is the verb
    misread_adjective = token.tag_ == "JJ" and token.lower_.endswith("ed") and gerund is not None
    nominal = head.pos_ in NOUN_POS or (misread_noun and head.tag_ == "VBG" and head.dep_ == "ROOT")
    if (token.tag_ not in tags and not misread_adjective) or not nominal or head.i <= token.i:
        return None
    sent = token.sent
    # a gerund read as the sentence's root has no verb of its own: the cue after it is the main
    # verb whatever clause follows ("Smoking increased risk, as we would expect")
    if token.i == sent.start or not (is_verbless(token) or (gerund is not None and gerund.dep_ == "ROOT")):
        return None
    previous = token.doc[token.i - 1]
    if previous.pos_ in OPEN_PHRASE_POS or (previous.is_punct and previous.text != ")"):
        return None  # "the reduced ...", "with reduced ...": the phrase before is not complete
    if after_noun and previous.pos_ not in NOUN_POS and previous.text != ")" and gerund is None:
        return None
    subject = _subject_before(token)
    return (subject, head) if subject is not None else None


def _object_of_misread_verb(token: Token) -> Token | None:
    """'Metformin suppresses toll-like receptor 4 signaling' with "suppresses" tagged a plural noun
    yet parsed as the root with an object: that object ("TLR4 signaling" read with "signaling" as
    the root is the gerund, see verbless_arguments)."""
    if token.tag_ != "NNS" or token.dep_ != "ROOT":
        return None
    objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
    return objects[0] if objects else None


def _subject_before(token: Token) -> Token | None:
    """The head of the noun phrase from the sentence start to a cue the parser read inside it."""
    sent = token.sent
    before = token.doc[sent.start : token.i]
    tops = [t for t in before if not (sent.start <= t.head.i < token.i) or t.head.i == t.i]
    # "X (56 g/d) for 8 wk improved Y": an amount is no subject; "Silencing of X reduced Y": a
    # gerund that opens the sentence with its "of" is a noun
    nouns = [t for t in tops if (t.pos_ in NOUN_POS or _nominal_gerund(t)) and not _is_amount(t)]
    if not nouns:
        return _opening_gerund(token) or _opening_name(token)
    subject = nouns[-1]
    before_subject = token.doc[subject.left_edge.i - 1] if subject.left_edge.i > sent.start else None
    if before_subject is not None and before_subject.lower_ == "of" and before_subject.head in nouns:
        # "Knockout of X impaired Y" with X hung on Y: the phrase the "of" belongs to is the subject
        subject = before_subject.head
    return subject


def _opening_name(token: Token) -> Token | None:
    """'Ketamine produced hallucinations' tagged with "Ketamine" an adjective of "hallucinations": a
    capitalised word that alone opens the sentence, right before the cue, is the subject's name."""
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if (
        previous is not None
        and previous.i == token.sent.start
        and previous.tag_ == "JJ"
        and previous.text[:1].isupper()
        and previous.text[1:].islower()
        and not previous.is_stop
    ):
        return previous
    return None


def _opening_gerund(token: Token) -> Token | None:
    """'Smoking increased mortality' tagged with "Smoking" as the root: a gerund that opens the
    sentence right before the cue names the act, and is the subject."""
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.tag_ == "VBG" and previous.i == token.sent.start:
        return previous
    return None


# Words that make a plural noun a noun whatever follows it ("our results in mice", "two leads to"):
# a determiner, possessive or number of its own, or an adjective right before it ("similar results").
_NOUN_MARKS = frozenset({"det", "poss", "nummod", "quantmod"})


def misread_particle_verb(token: Token, lexicon: CueLexicon) -> tuple[Cue, str, Token] | None:
    """A prepositional cue verb the tagger read as a plural noun ("X results in Y", "X leads to Y"
    tagged "results"/"leads" NNS): ``(cue, preposition, subject)``, or None.

    The verb reading needs the cue's own preposition right after it, nothing marking the word as a
    noun, no other finite verb in the sentence ("Our results in mice show ..." keeps its noun) and
    a subject phrase that runs from the sentence start (or an introductory phrase's comma) to the
    cue, so that no word of it is cut.
    """
    lower = token.lower_
    sent = token.sent
    if token.tag_ != "NNS" or not lower.endswith("s") or token.i == sent.start or token.i + 1 >= sent.end:
        return None
    previous, after = token.doc[token.i - 1], token.doc[token.i + 1]
    marked = any(c.dep_ in _NOUN_MARKS or (c.dep_ == "amod" and c.i == token.i - 1) for c in token.children)
    if marked or not is_verbless(token):
        return None
    opens_with_noun = previous.pos_ in NOUN_POS or previous.text == ")"
    # "Smoking results in ...": a gerund that opens the sentence names the act
    subject = _subject_before(token) if opens_with_noun else _opening_gerund(token)
    opening = subject.left_edge.i if subject is not None else sent.start
    if subject is None or (opening != sent.start and token.doc[opening - 1].text != ","):
        return None  # a cut subject; after an introductory phrase and its comma it is whole
    for stem in (lower[:-1], lower[:-2] if lower.endswith("es") else None):
        for prep, entry in lexicon.particles.get(stem or "", ()):
            if prep == after.lower_ and not entry.objects:
                return entry, prep, subject
    return None


def _nominal_gerund(token: Token) -> bool:
    """'Silencing of X', 'Blocking of X': a gerund with an "of" complement names an act."""
    return token.tag_ == "VBG" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def misparsed_verb_arguments(token: Token) -> tuple[Token, Token, bool] | None:
    """Subject and object of a cue verb parsed as an adjective.

    "The intervention improved adherence and reduced readmissions" often comes out with
    "improved" and "reduced" modifying the nouns after them; an adjective with a subject, or
    one modifying the second of two coordinated objects, is really the verb. Returns
    ``(subject, object, inherited)`` or None when the reading is a true adjective.
    """
    head = token.head
    if head.pos_ not in NOUN_POS or head.i <= token.i:
        return None
    # A subject comes before its verb: a "subject" after the cue is a misparsed part of the noun
    # phrase the cue modifies ("increased pre-mRNA and X" read with "pre" as subject).
    subjects = [s for s in children_with(token, SUBJECT_DEPS) if s.i < token.i]
    if subjects:
        return subjects[0], head, False
    if token.tag_ in ("VBZ", "VBP"):
        # "that AMPK suppresses proliferation" read as one noun phrase: a present-tense verb is
        # never a modifier; the name before it is its subject.
        names = [c for c in token.children if c.i < token.i and c.pos_ in NOUN_POS]
        subject = names[-1] if names else noun_before(token)
        return (subject, head, True) if subject is not None else None
    # "that the intervention reduced hospital admissions" parsed as one noun phrase: a noun
    # modifier left of the verb, itself after the phrase's determiner, is the subject.
    before = [
        c for c in head.children if c.dep_ in ("nmod", "compound") and c.i < token.i and c.pos_ in NOUN_POS
    ]
    determiners = [c for c in head.children if c.dep_ == "det" and c.i < token.i]
    if token.tag_ in ("VBD", "VBN") and before and determiners and determiners[0].i < before[-1].i:
        return before[-1], head, True
    first = head.head
    if (
        head.dep_ == "conj"
        and first.dep_ == "dobj"
        and first.head.pos_ in ("VERB", "AUX")
        and token.i > first.i
        and token.doc[token.i - 1].lower_ in ("and", "or", ",")
    ):
        # "X decreased A and increased B" with "increased" read as B's adjective: X is its subject
        # (the participle opens the conjunct; "and a heightened B" is an adjective).
        subjects = children_with(first.head, SUBJECT_DEPS)
        if subjects:
            return subjects[0], head, True
    if head.dep_ == "conj" and first.dep_ == "ROOT" and first.pos_ in NOUN_POS:
        verbs = [
            c for c in first.children if c.dep_ == "amod" and c.i < first.i and children_with(c, SUBJECT_DEPS)
        ]
        if verbs:
            return children_with(verbs[0], SUBJECT_DEPS)[0], head, True
    return None


def misread_present_verb(token: Token, lexicon: CueLexicon) -> Cue | None:
    """The signed cue verb behind a word the tagger read as a plural noun ("promotes", "inhibits"),
    unless the word is also a noun of the lexicon ("causes", "increases", "effects")."""
    return _present_verb_cue(token.lower_, lexicon) if token.tag_ == "NNS" else None


def _present_verb_cue(lower: str, lexicon: CueLexicon) -> Cue | None:
    if not lower.endswith("s"):
        return None
    for stem in (lower[:-1], lower[:-2] if lower.endswith("es") else None):
        entry = lexicon.verbs.get(stem) if stem else None
        nouns = (lexicon.copular_nouns, lexicon.noun_frames, lexicon.up_words, lexicon.down_words)
        if entry is not None and entry.polarity in ("+", "-") and not any(stem in n for n in nouns):
            return entry
    return None


# Words a noun phrase can open with, after a verb.
_OBJECT_OPENERS = ("NOUN", "PROPN", "ADJ", "DET", "NUM")
_OBJECT_MODIFIERS = ("compound", "amod", "det", "nmod", "nummod", "punct")


def coordinated_misread_verb(token: Token, lexicon: CueLexicon) -> Cue | None:
    """The cue of a present-tense verb the tagger read as a plural noun or an adjective in a
    coordination with the object of the verb before it ("Smoking triggers inflammation and inhibits
    wound healing": "inhibits" a noun conjunct of "inflammation"; "... and impairs cognition":
    "impairs" an adjective of "cognition"), else None. It opens its conjunct right after "and"/"or"
    and a noun phrase follows it."""
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc) or doc[token.i - 1].lower_ not in ("and", "or"):
        return None
    noun_conjunct = token.tag_ == "NNS" and token.dep_ == "conj"
    adjective = token.tag_ == "JJ" and token.dep_ == "amod" and token.head.dep_ == "conj"
    if not (noun_conjunct or adjective) or doc[token.i + 1].pos_ not in _OBJECT_OPENERS:
        return None
    return _present_verb_cue(token.lower_, lexicon)


def coordinated_misread_verb_arguments(token: Token) -> tuple[Token, Token] | None:
    """Subject and object of a verb :func:`coordinated_misread_verb` found: the subject of the
    verb whose object it is coordinated with, and the noun phrase after it."""
    doc = token.doc
    if token.dep_ == "amod":
        conjunct = obj = token.head
    else:
        j = token.i + 1
        while (
            doc[j].dep_ in ("compound", "amod", "det", "nmod", "nummod", "punct") and token.i < doc[j].head.i
        ):
            j = doc[j].head.i
        conjunct, obj = token, doc[j]
    first = conjunct
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    verb = first.head
    if first.dep_ not in ("dobj", "attr") or verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in FINITE_TAGS:
        return None
    subjects = children_with(verb, ("nsubj", "nsubjpass"))
    if not subjects or obj.pos_ not in NOUN_POS:
        return None
    return subjects[0], obj


def opens_own_verb_phrase(token: Token, lexicon: CueLexicon) -> bool:
    """Whether the token is a misread coordinated cue verb read with its own subject and object
    (:func:`coordinated_misread_verb`): what follows it is that verb's, not the list's."""
    return coordinated_misread_verb(token, lexicon) is not None and bool(
        coordinated_misread_verb_arguments(token)
    )
