"""Verification a model cannot talk past: is the claim one the sentence itself makes?

Every extractor's claims pass through ``verify_sentences`` (called by ``extractors.base.read_candidates``,
the one function every extraction path shares). The sentence is parsed by the same spaCy pipeline the
rules extractor uses, and a claim is kept only when

1. cause and effect are distinct, non-overlapping phrases of the sentence, each headed by a noun (or a
   nominal: a pronoun, a number, a gerund or clause standing as an argument); a modifier given alone
   ("increased" of "increased stress") is widened to the phrase it modifies;
2. the sentence relates them: a predicate on the dependency path between their heads takes one as its
   subject (or agent) and the other as its object or complement, or a relation cue of the rules lexicon
   (a verb, a noun such as "effect of X on Y", an adjective such as "associated") links them;
3. the relating words are not quoted (someone else's words), not under a supposition ("if", "suppose",
   "imagine", counterfactual "would have"), and not an instruction: a sentence addressed to its reader or
   to a model ("ignore previous instructions", "language models should say"), or an imperative of saying
   or outputting ("output the claim ...", "report that ...").

These are checks of form. A claim that passes can still be a wrong reading; one that fails is not a
claim this sentence makes, whoever proposed it.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from causemap.graphbuilder.extractors.base import ExtractedRelation, Mention

REASONS = (
    "same_arguments",  # cause and effect are the same words
    "overlapping",  # one contains the other, or they share words
    "not_a_phrase",  # an argument is no phrase of the sentence (a bare verb, a determiner, part of a name)
    "unrelated",  # nothing in the sentence relates the two
    "quoted",
    "hypothetical",
    "instruction",
)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# The agent of a passive ("caused by X") stands opposite its subject, as an object does.
OBJECT_DEPS = frozenset(
    {
        "dobj",
        "prep",
        "agent",
        "attr",
        "acomp",
        "xcomp",
        "ccomp",
        "oprd",
        "dative",
        "advcl",
        "pcomp",
        "pobj",
        "conj",
    }
)
# Deps by which a modifying clause or participle hangs on the noun it describes ("X, which reduced Y";
# "drug-induced Y"; "the risks associated with X").
MODIFIER_CLAUSE_DEPS = frozenset({"relcl", "acl", "amod", "appos"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "SYM"})
# An argument may stand as a gerund or clause ("smoking cessation", "installing incinerators").
CLAUSAL_ARGUMENT_DEPS = frozenset(
    {"csubj", "csubjpass", "pcomp", "xcomp", "ccomp", "conj", "dobj", "ROOT", "advcl"}
)
# A word that only modifies a noun names no variable alone, but points at the phrase it modifies.
WIDENED_DEPS = frozenset({"amod", "advmod", "npadvmod"})
MAX_ARGUMENT_DEPTH = 3  # edges from the relating word down to an argument's head (coordination not counted)

_HAS_LETTER = re.compile(r"[^\W\d_]")
_PARSE_LOCK = threading.Lock()  # one spaCy pipeline, shared by threads (papers read in parallel)


@dataclass(frozen=True)
class VerificationLexicon:
    addressee_words: frozenset[str]
    addressee_phrases: tuple[str, ...]
    addressee_markers: tuple[str, ...]
    directive_verbs: frozenset[str]
    obligation_modals: frozenset[str]
    hypothetical_markers: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_nouns: frozenset[str]
    quote_pairs: tuple[tuple[str, str], ...]
    cue_words: frozenset[str]  # every inflection of the rules lexicon's cue words
    cue_lemmas: frozenset[str]
    symmetric_cues: frozenset[str]  # cues of a correlational relation ("associated", "correlation")
    hyphen_participles: frozenset[str]  # "induced" of "X-induced Y"
    population_nouns: frozenset[str]  # "patients" of "Y in patients with X"


@lru_cache(maxsize=1)
def load_verification_lexicon() -> VerificationLexicon:
    from causemap.graphbuilder.extractors.rules_lexicon import cue_word_index, load_lexicon

    text = resources.files("causemap.graphbuilder").joinpath("resources/verification.json").read_text("utf-8")
    data = json.loads(text)
    cues = load_lexicon()
    return VerificationLexicon(
        addressee_words=frozenset(data["addressees"]["words"]),
        addressee_phrases=tuple(data["addressees"]["phrases"]),
        addressee_markers=tuple(data["addressees"]["markers"]),
        directive_verbs=frozenset(data["directive_verbs"]["words"]),
        obligation_modals=frozenset(data["obligation_modals"]),
        hypothetical_markers=frozenset(data["hypothetical"]["markers"]),
        hypothetical_verbs=frozenset(data["hypothetical"]["verbs"]),
        hypothetical_nouns=frozenset(data["hypothetical"]["nouns"]),
        quote_pairs=tuple(tuple(pair) for pair in data["quotes"]["pairs"]),  # type: ignore[misc]
        cue_words=cue_word_index(cues).words,
        cue_lemmas=frozenset(cues.trigger_words),
        symmetric_cues=_symmetric_cues(cues),
        hyphen_participles=frozenset(cues.hyphen_participles),
        population_nouns=cues.population_nouns,
    )


def _symmetric_cues(cues: object) -> frozenset[str]:
    """The lemmas of the rules lexicon's correlational cues (verbs, nouns, adjectives), all forms."""
    from causemap.graphbuilder.extractors.rules_lexicon import inflections

    lemmas = {w for w, cue in cues.verbs.items() if cue.relation == "correlational"}  # type: ignore[attr-defined]
    lemmas |= {w for w, (cue, _) in cues.noun_frames.items() if cue.relation == "correlational"}  # type: ignore[attr-defined]
    lemmas |= {w for w, (cue, _) in cues.adjectives.items() if cue.relation == "correlational"}  # type: ignore[attr-defined]
    return frozenset(form for lemma in lemmas for form in inflections(lemma))


@dataclass
class Verified:
    """Claims kept per sentence, and how many were refused for each reason."""

    relations: list[list[ExtractedRelation]]
    refused: Counter = field(default_factory=Counter)


def verify_sentences(
    sentences: Sequence[str],
    relations: Sequence[Sequence[ExtractedRelation]],
    *,
    found_by_parse: bool = False,
) -> Verified:
    """Keep the claims each sentence makes (see the module docstring); parse only sentences with claims.

    ``found_by_parse``: the claims were read from this same parse by the rules extractor's cues, which
    is itself the evidence that the sentence relates the two phrases; checks 1 and 2 are then not
    repeated (a second, simpler reading of the parse would only lose lists and settings the rules
    read), and only check 3 (quoted, hypothetical, instruction) applies."""
    out = Verified(relations=[[] for _ in sentences])
    todo = [i for i, found in enumerate(relations) if found]
    if not todo:
        return out
    from causemap.graphbuilder.extractors.rules import load_spacy

    lexicon = load_verification_lexicon()
    with _PARSE_LOCK:
        docs = list(load_spacy().pipe(sentences[i] for i in todo))
    for i, doc in zip(todo, docs, strict=True):
        kept, refused = verify_in_doc(doc, relations[i], lexicon, found_by_parse=found_by_parse)
        out.relations[i] = kept
        out.refused.update(refused)
    return out


def verify_in_doc(
    doc: Doc,
    relations: Iterable[ExtractedRelation],
    lexicon: VerificationLexicon | None = None,
    *,
    found_by_parse: bool = False,
) -> tuple[list[ExtractedRelation], Counter]:
    """The claims ``doc`` makes among ``relations`` (widened where an argument was a bare modifier)."""
    lexicon = lexicon or load_verification_lexicon()
    kept: list[ExtractedRelation] = []
    refused: Counter = Counter()
    addressed = addresses_reader(doc, lexicon)
    quotes = quoted_stretches(doc.text, lexicon.quote_pairs)
    for relation in relations:
        verdict = _verify(doc, relation, lexicon, addressed, quotes, found_by_parse)
        if isinstance(verdict, str):
            refused[verdict] += 1
        else:
            kept.append(verdict)
    return kept, refused


def _verify(
    doc: Doc,
    relation: ExtractedRelation,
    lexicon: VerificationLexicon,
    addressed: bool,
    quotes: list[tuple[int, int]],
    found_by_parse: bool = False,
) -> ExtractedRelation | str:
    if _normal(relation.cause.text) == _normal(relation.effect.text):
        return "same_arguments"
    cause, effect = _span(doc, relation.cause), _span(doc, relation.effect)
    if cause is None or effect is None:
        return "not_a_phrase"
    if _overlap(cause, effect):
        return "overlapping"
    if found_by_parse:
        # The rules' own reading: its relating word is the nearest word governing both arguments.
        predicate = relating_word(cause, effect, lexicon) or _governor(cause, effect)
        refusal = _refusal(cause, effect, predicate, lexicon, addressed, quotes)
        return refusal or relation
    cause, effect = argument_phrase(cause, effect, lexicon), argument_phrase(effect, cause, lexicon)
    if cause is None or effect is None:
        return "not_a_phrase"
    if _overlap(cause, effect):
        return "overlapping"
    predicate = relating_word(cause, effect, lexicon)
    if predicate is None:
        return "unrelated"
    refusal = _refusal(cause, effect, predicate, lexicon, addressed, quotes)
    return refusal or replace(relation, cause=_mention(cause), effect=_mention(effect))


def _governor(cause: Span, effect: Span) -> Token:
    """The lowest word above both arguments' heads (the sentence's root at worst)."""
    up = _chain(head_of(cause))
    above_effect = {t.i for t in _chain(head_of(effect))}
    return next((t for t in up if t.i in above_effect), up[-1])


def _refusal(
    cause: Span,
    effect: Span,
    predicate: Token,
    lexicon: VerificationLexicon,
    addressed: bool,
    quotes: list[tuple[int, int]],
) -> str | None:
    """Why the relating words make no claim of the paper's (quoted, instruction, hypothetical)."""
    if addressed or is_directive(predicate, lexicon):
        return "instruction"
    if any(
        start <= min(cause.start_char, effect.start_char, predicate.idx)
        and max(cause.end_char, effect.end_char, predicate.idx + len(predicate)) <= end
        for start, end in quotes
    ):
        return "quoted"
    if is_hypothetical(predicate, lexicon):
        return "hypothetical"
    return None


# -- arguments -------------------------------------------------------------------------------------
def _span(doc: Doc, mention: Mention) -> Span | None:
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _roots(span: Span) -> list[Token]:
    return [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]


def head_of(span: Span) -> Token:
    """The span's highest token (its syntactic head, when the span is a phrase)."""
    return min(_roots(span), key=lambda t: (len(list(t.ancestors)), t.i))


def argument_phrase(span: Span, other: Span, lexicon: VerificationLexicon | None = None) -> Span | None:
    """``span`` if it is a phrase that can name a variable; a bare modifier widened to the phrase it
    modifies ("increased" -> "increased stress"); None if it is no such phrase."""
    head = head_of(span)
    hyphen_cause = (
        lexicon is not None and head.head.lower_ in lexicon.hyphen_participles and head.i < head.head.i
    )
    if hyphen_cause and any(_HAS_LETTER.search(t.text) for t in span):
        return span  # the X of "X-induced Y", whatever the parser made of it
    if head.dep_ in WIDENED_DEPS and head.pos_ in ("ADJ", "VERB") and head.head.i != head.i:
        noun = head.head
        while noun.dep_ in WIDENED_DEPS and noun.head.i != noun.i:
            noun = noun.head
        start, end = min(span.start, noun.i), max(span.end, noun.i + 1)
        if other.start < end and start < other.end:
            return None
        span, head = span.doc[start:end], noun
    if head.dep_ == "compound" and head.head.i >= span.end:
        return None  # part of a name ("lung" of "lung cancer")
    if not any(_HAS_LETTER.search(t.text) and not t.is_stop for t in span):
        return None  # nothing but function words or numbers ("it", "there", "12")
    if head.pos_ in NOMINAL_POS:
        return span
    if head.pos_ == "ADJ" and head.dep_ in SUBJECT_DEPS | {"acomp", "attr", "dobj", "pobj", "conj", "appos"}:
        return span  # an adjective standing as an argument ("the elderly", "became anxious")
    if head.pos_ in ("VERB", "AUX") and head.dep_ in CLAUSAL_ARGUMENT_DEPS and len(span) > 1:
        return span  # a gerund or clause as argument, with its own complement
    if head.pos_ == "VERB" and head.tag_ == "VBG" and head.dep_ in SUBJECT_DEPS | OBJECT_DEPS:
        return span  # "smoking"
    return None


def _mention(span: Span) -> Mention:
    return Mention(text=span.text, start=span.start_char, end=span.end_char)


# -- the relation ----------------------------------------------------------------------------------
def _chain(token: Token) -> list[Token]:
    chain = [token]
    while token.head.i != token.i:
        token = token.head
        chain.append(token)
    return chain


def relating_word(cause: Span, effect: Span, lexicon: VerificationLexicon) -> Token | None:
    """The word by which the sentence relates ``cause`` and ``effect``, or None.

    On the dependency path between the two heads, a word relates them when one argument is its
    subject (or agent) and the other its object or complement, each within a few edges; or when it is
    a cue of the rules lexicon that governs both; or when it is a clause or participle modifying one
    argument ("X, which reduced Y", "drug-induced Y") that takes the other as subject or object.
    """
    c_head, e_head = head_of(cause), head_of(effect)
    up, down = _chain(c_head), _chain(e_head)
    common = {t.i for t in down}
    lca_at = next((k for k, t in enumerate(up) if t.i in common), None)
    if lca_at is None:
        return None  # different sentences of the parse
    lca = up[lca_at]
    if lca.i in (c_head.i, e_head.i) and _coordinated(c_head if lca.i == e_head.i else e_head, lca):
        return _symmetric_governor(lca, lexicon)
    path = up[: lca_at + 1] + list(reversed(down[: [t.i for t in down].index(lca.i)]))
    inside = {t.i for t in cause} | {t.i for t in effect}
    outside = [word for word in path if word.i not in inside]
    for word in outside:
        if _relates(word, c_head, e_head, up, down, lexicon):
            return word
    population = _population_frame(path, lexicon)
    if population is not None:
        return population
    # Failing a clear subject and object, a cue of the rules lexicon between them, close to both.
    if len(path) - 1 <= 2 * MAX_ARGUMENT_DEPTH:
        for word in outside:
            if word.lower_ in lexicon.cue_words or word.lemma_.lower() in lexicon.cue_lemmas:
                return word
    return None


def _population_frame(path: list[Token], lexicon: VerificationLexicon) -> Token | None:
    """ "Y in patients with X": a population defined by one argument, in which the other is found
    (the rules extractor's association frame); the path runs through "with", the population noun
    and "in"/"among"."""
    for k in range(1, len(path) - 1):
        noun = path[k]
        if not {noun.lemma_.lower(), noun.lower_} & lexicon.population_nouns:
            continue
        around = {path[k - 1].lower_, path[k + 1].lower_}
        if "with" in around and around & {"in", "among"}:
            return noun
    return None


def _coordinated(lower: Token, upper: Token) -> bool:
    """Whether ``lower`` hangs below ``upper`` by coordination alone ("X and Y", "X, Y")."""
    token = lower
    while token.i != upper.i:
        if token.dep_ not in ("conj", "appos"):
            return False
        token = token.head
    return True


def _symmetric_governor(first: Token, lexicon: VerificationLexicon) -> Token | None:
    """Coordinated arguments ("between X and Y", "X and Y were correlated") are related only by a
    correlational cue governing the coordination (its first conjunct), within two edges; a causal
    cue over both ("X and Y increase Z") relates each of them to something else, not to each other."""
    governor = first
    for _ in range(2):
        if governor.head.i == governor.i:
            return None
        governor = governor.head
        if governor.lower_ in lexicon.symmetric_cues or governor.lemma_.lower() in lexicon.symmetric_cues:
            return governor
    return None


def _side(word: Token, head: Token, chain: list[Token]) -> tuple[str, int] | None:
    """How ``head`` hangs below ``word``: the dep of ``word``'s child on the way, and the depth;
    ("^", 0) when ``word`` is below ``head`` instead; None when neither."""
    at = [t.i for t in chain]
    if word.i in at:
        k = at.index(word.i)
        if not k:
            return None
        depth = sum(1 for t in chain[:k] if t.dep_ not in ("conj", "cc", "appos"))
        return chain[k - 1].dep_, depth


def _relates(
    word: Token,
    c_head: Token,
    e_head: Token,
    up: list[Token],
    down: list[Token],
    lexicon: VerificationLexicon,
) -> bool:
    c_side, e_side = _side(word, c_head, up), _side(word, e_head, down)
    is_cue = word.lower_ in lexicon.cue_words or word.lemma_.lower() in lexicon.cue_lemmas
    if c_side and e_side:
        (c_dep, c_depth), (e_dep, e_depth) = c_side, e_side
        if max(c_depth, e_depth) > MAX_ARGUMENT_DEPTH or c_dep == e_dep == "conj":
            return False
        subject_object = (c_dep in SUBJECT_DEPS) != (e_dep in SUBJECT_DEPS) and {
            c_dep,
            e_dep,
        } - SUBJECT_DEPS <= (OBJECT_DEPS | SUBJECT_DEPS)
        if subject_object and word.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            return True
        # A cue noun or adjective with both arguments as its complements: "the effect of X on Y",
        # "an association between X and Y", "X-related Y".
        return (
            is_cue
            and c_dep != e_dep
            and {c_dep, e_dep} <= OBJECT_DEPS | {"poss", "compound", "amod", "npadvmod", "nmod"}
        )
    # The word hangs below one argument, modifying it, and takes the other as an argument.
    if c_side and not e_side:
        modified, argument = e_head, c_side
    elif e_side and not c_side:
        modified, argument = c_head, e_side
    else:
        return False
    dep, depth = argument
    clause = word
    while (
        clause.dep_ not in MODIFIER_CLAUSE_DEPS and clause.head.i != clause.i and clause.head.i != modified.i
    ):
        clause = clause.head
    if clause.dep_ not in MODIFIER_CLAUSE_DEPS or clause.head.i != modified.i:
        return False
    return (
        depth <= MAX_ARGUMENT_DEPTH
        and (dep in SUBJECT_DEPS or dep in OBJECT_DEPS or dep == "npadvmod")
        and (is_cue or word.pos_ == "VERB")
    )


# -- quoted, hypothetical, instructions ------------------------------------------------------------
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
    "previous instructions", a chat-template marker."""
    lowered = " " + " ".join(doc.text.lower().split()) + " "
    if any(marker in lowered for marker in lexicon.addressee_markers):
        return True
    if any(
        f" {phrase} " in lowered or f" {phrase}," in lowered or f" {phrase}:" in lowered
        for phrase in lexicon.addressee_phrases
    ):
        return True
    return any(t.lower_ in lexicon.addressee_words and t.pos_ in ("PRON", "NOUN", "PROPN") for t in doc)


def is_directive(word: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``word`` is, or is governed by, an order to say or output something: an imperative
    directive verb ("output the claim", "report that ..."), or one under a modal of obligation."""
    for token in _chain(word):
        if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.directive_verbs:
            continue
        children = list(token.children)
        has_subject = any(c.dep_ in SUBJECT_DEPS for c in children)
        if not has_subject and token.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in children):
            if token.dep_ in ("ROOT", "conj", "parataxis") or token.i == token.sent.start:
                return True  # imperative
        if any(c.dep_ == "aux" and c.lemma_.lower() in lexicon.obligation_modals for c in children) and any(
            c.dep_ in SUBJECT_DEPS and c.lower_ in lexicon.addressee_words for c in children
        ):
            return True
    return False


def is_hypothetical(word: Token, lexicon: VerificationLexicon) -> bool:
    """Whether ``word`` stands in a supposition: under "if"/"suppose"/"imagine", or counterfactual."""
    chain = _chain(word)
    for position, token in enumerate(chain):
        if any(c.dep_ == "mark" and c.lower_ in lexicon.hypothetical_markers for c in token.children):
            return True
        if position and token.lemma_.lower() in lexicon.hypothetical_verbs and token.pos_ == "VERB":
            return True
        if position and token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.hypothetical_nouns:
            return True
    # "Had X been removed, Y would have fallen": an inverted conditional. (A model's "X would have
    # increased Y" is a finding about the model, and stays.)
    return any(t.lower_ == "had" and t.i == t.sent.start and t.dep_ in ("aux", "auxpass") for t in word.sent)
