"""A claim argument written as a pronoun: named by what the pronoun stands for, or no claim.

"Metformin lowered fasting glucose. It also reduced hepatic glucose output." The second sentence's
claim is about metformin; read alone, its cause "It" names nothing. The rules extractor keeps such a
pronoun argument (``it``, ``they``, ``them``, and ``these`` standing alone) only for this
module, which resolves it within the paper by the plain grammar of pronominal reference, or drops the
claim: a pronoun is no variable.

The antecedent is the one the reader takes without thinking (the subject preference of centering
theory, Grosz, Joshi and Weinstein 1995; the syntactic search of Hobbs 1978), and only when no other
reading competes:

- earlier in the same sentence, the nearest subject before the pronoun ("Statins lowered cholesterol
  and they reduced mortality"); else the subject of the main clause of the sentence before (same page
  and section), through a clause of reporting ("We found that X ...": X);
- it agrees in number ("it": one noun, not plural; "they", "them", "these": a plural noun or a
  coordination, each of whose members is then one antecedent, "A and B ... They": one claim per member);
- it names a thing: a noun or name, not a pronoun, not who was studied or a study artefact ("patients",
  "this study", "the data"), not a shell noun ("this effect"), and not itself a description that refers
  back ("the drug"), unless a name is written in it ("the SCN5A gene");
- no other noun of the same number stands between it and the pronoun as the subject of a clause, which
  the pronoun could as well take back: then the reading is ambiguous and refused.

"This" standing alone is not resolved: it takes back the event or proposition of the clause before
("Diazoxide may necessitate resection. This leads to diabetes"; "X is more susceptible, and this is
likely due to Y"; discourse deixis, Webber 1988), not a thing the clause names.

The claim's quote stays the sentence that states the relation; its argument points at the antecedent's
words, where the paper wrote them (``Evidence.named_at`` in the exports). Pure: sentences and claims
in, claims out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from causemap.graphbuilder.antecedents import (
    Parse,
    ReferenceLexicon,
    SentenceLike,
    is_artefact,
    load_reference_lexicon,
    named_members,
    paper_reader,
    plural,
)
from causemap.models import Claim

__all__ = ["REFERRING_PRONOUNS", "is_referring_pronoun", "resolve_pronouns"]

# A pronoun that may stand for a claim's argument, and whether it is plural.
# "this" standing alone is left out: it takes back the event or the proposition of the clause before
# ("X may necessitate resection. This leads to diabetes"; discourse deixis, Webber 1988), not a thing.
REFERRING_PRONOUNS: dict[str, bool] = {"it": False, "they": True, "them": True, "these": True}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_REPORTING = frozenset({"ccomp"})


def is_referring_pronoun(argument: str) -> bool:
    """The argument is a lone pronoun this module resolves ("It", "they")."""
    return argument.strip().lower() in REFERRING_PRONOUNS


def resolve_pronouns(
    sentences: Sequence[SentenceLike],
    claims: Sequence[Claim],
    parse: Parse | None = None,
    lexicon: ReferenceLexicon | None = None,
) -> list[Claim]:
    """The claims, a pronoun argument named by its antecedent (one claim per member of a coordinated
    antecedent); a claim whose pronoun has no antecedent, or whose two arguments are pronouns, is
    dropped. Claims without a pronoun argument are returned as they are."""
    if not any(is_referring_pronoun(c.cause) or is_referring_pronoun(c.effect) for c in claims):
        return list(claims)
    lex = lexicon or load_reference_lexicon()
    position, doc_of = paper_reader(sentences, parse)

    out: list[Claim] = []
    for claim in claims:
        roles = [r for r in ("cause", "effect") if is_referring_pronoun(getattr(claim, r))]
        if not roles:
            out.append(claim)
            continue
        index = position.get((claim.page, claim.sentence_start))
        if len(roles) == 2 or index is None:
            continue  # "it increases them": nothing named
        (role,) = roles
        other = "effect" if role == "cause" else "cause"
        members = _antecedents(sentences, index, doc_of, claim, role, lex)
        written = getattr(claim, other).strip().lower()
        for start, end, text in members or []:
            if text.strip().lower() == written:
                continue  # a claim of a thing about itself
            update = {role: text, f"{role}_start": start, f"{role}_end": end}
            out.append(Claim.model_validate({**claim.model_dump(), **update, "id": ""}))
    return out


def _antecedents(
    sentences: Sequence[SentenceLike],
    index: int,
    doc_of: Callable[[int], Doc],
    claim: Claim,
    role: str,
    lex: ReferenceLexicon,
) -> list[tuple[int, int, str]] | None:
    """The (start, end, text) in the page of each member of the pronoun's antecedent, or None."""
    sentence = sentences[index]
    start = getattr(claim, f"{role}_start") - sentence.start
    end = getattr(claim, f"{role}_end") - sentence.start
    span = doc_of(index).char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return None
    return _antecedent_of(sentences, index, span[0], doc_of, lex, lex.window)


def _antecedent_of(
    sentences: Sequence[SentenceLike],
    index: int,
    pronoun: Token,
    doc_of: Callable[[int], Doc],
    lex: ReferenceLexicon,
    depth: int,
) -> list[tuple[int, int, str]] | None:
    wanted = REFERRING_PRONOUNS[pronoun.lower_]
    doc = pronoun.doc
    earlier = [t for t in doc[: pronoun.i] if t.dep_ in _SUBJECTS]
    if earlier:  # "X lowered A and it reduced B": the nearest subject before the pronoun
        where, candidate = index, earlier[-1]
        between = [t for t in doc[candidate.i + 1 : pronoun.i] if t not in candidate.subtree]
    else:
        before = sentences[index - 1] if index else None
        if (
            before is None
            or before.page != sentences[index].page
            or before.section != sentences[index].section
        ):
            return None
        where = index - 1
        candidate = _main_subject(doc_of(where), lex)
        if candidate is None:
            return None
        after = [t for t in doc_of(where)[candidate.i + 1 :] if t not in candidate.subtree]
        between = after + list(doc[: pronoun.i])
    if any(_rival(t, wanted) for t in between):
        return None  # another noun of its number the pronoun could as well take back
    if candidate.lower_ in REFERRING_PRONOUNS:  # "X ... It reduced A. It also ...": the same antecedent
        if REFERRING_PRONOUNS[candidate.lower_] != wanted or depth <= 1:
            return None
        return _antecedent_of(sentences, where, candidate, doc_of, lex, depth - 1)
    members = named_members(candidate, wanted, lex)
    if members is None:
        return None
    text, base = sentences[where].text, sentences[where].start
    return [(base + a, base + b, text[a:b]) for a, b in members]


def _main_subject(doc: Doc, lex: ReferenceLexicon) -> Token | None:
    """The subject of the sentence's main clause; where that is the writer, their study or an
    expletive ("We found that X ...", "Our results show that X ...", "It was shown that X ..."), the
    subject of the clause reported."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    for _ in range(3):
        if root is None:
            return None
        subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
        reported = next((c for c in root.children if c.dep_ in _REPORTING), None)
        if subject is None:
            return None
        if subject.lower_ in REFERRING_PRONOUNS and not (subject.lower_ == "it" and reported is not None):
            return subject  # a pronoun that takes back an antecedent of its own
        if subject.pos_ == "PRON" or is_artefact(subject, lex):
            root = reported
            continue
        return subject
    return None


def _rival(token: Token, wanted_plural: bool) -> bool:
    """A noun the pronoun could as well take back: the subject of another clause, of its number. (A
    noun in an object or a complement ranks below the subject as the antecedent of a pronoun subject,
    Grosz, Joshi and Weinstein 1995, and does not compete with it.)"""
    if token.pos_ not in _NOUNS or token.dep_ not in _SUBJECTS:
        return False
    return (plural(token) or any(c.dep_ == "conj" for c in token.children)) == wanted_plural
