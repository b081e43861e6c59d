"""Finding the grammatical arguments of a cue in a dependency parse.

These helpers answer "who does this verb's doing" when the parse does not say it directly: the
antecedent of a relative pronoun, the controller of an infinitive ("X was shown to reduce Y"),
the shared subject of coordinated verbs ("X increased A and decreased B"), the noun an
infinitive or participle modifies ("measures to reduce Y").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
COMPLEMENTISERS = frozenset({"that", "whether"})
# Tags of a finite verb (or modal): what a clause needs and a noun phrase lacks.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
COPULAS = frozenset({"be", "become", "remain", "represent", "constitute", "seem", "appear"})
# Subjects that are the authors, and the verbs by which they report what they found (others are
# their acts: "we chose / report / excluded X because ...").
AUTHORS = frozenset({"we", "i"})
VERBS_OF_FINDING = frozenset({"observe", "find", "see", "detect", "note", "notice", "show", "demonstrate"})
# How far up the tree an implicit subject is looked for.
MAX_CLIMB = 5


def children_with(token: Token, deps: frozenset[str] | set[str] | tuple[str, ...]) -> list[Token]:
    """The token's children whose dependency label is in ``deps``."""
    return [c for c in token.children if c.dep_ in deps]


NAME_DEPENDENTS = frozenset({"cc", "punct", "conj", "compound", "amod", "det", "nummod", "appos"})


def misread_name(token: Token) -> bool:
    """A name the tagger took for something else: a technical name tagged as punctuation
    ("IL-1beta" as ","), or a noun it knows no better than to tag as a verb when coordinated with
    nouns ("hypertension, diabetes and smoking" with "diabetes" a VBZ) and that has no dependent
    a verb would have (no subject, object or complement)."""
    if token.pos_ == "PUNCT":
        # a name has letters; "P<0.01" and "r=0.88" are statistics, not names
        return any(ch.isalpha() for ch in token.text) and not any(ch in "<=>()[]" for ch in token.text)
    if (
        token.pos_ in ("VERB", "AUX")
        and token.dep_ in ("conj", "appos")
        and token.head.pos_ in ("NOUN", "PROPN")
    ):
        return token.i > token.head.i and all(c.dep_ in NAME_DEPENDENTS for c in token.children)
    return False


def described(noun: Token) -> Token:
    """What a predicate noun describes: in "X is a rare disorder caused by Y" and "X, a disorder
    caused by Y", the disorder is X, so the noun a relative clause modifies there stands for X."""
    if noun.dep_ == "attr" and noun.head.lemma_ in COPULAS:
        subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < noun.i]
        subject = subjects[0] if subjects else None
        if subject is not None and subject.pos_ not in ("PRON", "DET"):
            return subject
    if noun.dep_ == "appos" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i < noun.i:
        return noun.head
    return noun


def modified_noun(clause: Token) -> Token:
    """The noun a relative or participial clause modifies, standing for what it describes."""
    return described(clause.head)


def resolve_relative(token: Token) -> Token:
    """A relative pronoun's antecedent ("drugs that reduce": "that" -> "drugs")."""
    if token.lower_ in RELATIVE_PRONOUNS and not is_complementiser(token):
        clause = token.head
        while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
            if clause.dep_ not in ("xcomp", "conj", "ccomp", "aux"):
                return token
            clause = clause.head
        if clause.dep_ in ("relcl", "acl"):
            return modified_noun(clause)
    return token


def is_passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice, including reduced relatives ("Y caused by X")."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "relcl"):
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)


def participle_phrase_subject(verb: Token, subject: Token | None) -> Token | None:
    """The noun a reduced relative modifies, when the parser read that relative as the main clause
    and the cue as a verb hung on it (with the last noun of the relative's phrase as its subject,
    or none).

    In "variants found in mice and humans raise Y" the participle "found" has no auxiliary, so it
    is no finite verb: it modifies "variants", the subject of "raise". A parser that takes "found"
    for the root makes "humans" the subject of "raise", a conjunct of "found"; the noun before the
    participle is the subject, and the place or host it was found in is not.
    """
    head = verb.head
    if verb.dep_ not in ("conj", "dep") or head.tag_ != "VBN" or head.i > verb.i:
        return None
    if children_with(head, ("aux", "auxpass")) or not any(
        c.dep_ == "prep" and c.i < verb.i for c in head.children
    ):
        return None
    if subject is not None:
        coordinators = [c for c in head.children if c.dep_ == "cc" and head.i < c.i < subject.left_edge.i]
        if not coordinators or subject.left_edge.i != coordinators[-1].i + 1:
            return None  # "X was found in A, and B raised Y": a clause of its own after the "and"
    nouns = [c for c in children_with(head, ("nsubj", "nsubjpass")) if c.i < head.i]
    return nouns[0] if nouns else None


def is_complementiser(token: Token) -> bool:
    """Whether "that" (or "whether") opens a clause of content rather than standing for a noun in
    it: labelled a marker, or labelled a subject or object of a verb that has another one (in "the
    hypothesis that X reduces Y" a parser may read "that" as the object of "reduces", which has Y)."""
    if token.lower_ not in COMPLEMENTISERS:
        return False
    if token.dep_ == "mark":
        return True
    return token.dep_ in ("dobj", "nsubj") and any(
        c.dep_ == token.dep_ and c.i != token.i for c in token.head.children
    )


def has_content_clause(noun: Token) -> bool:
    """Whether a noun takes a clause that states its content ("the idea that X is affected", "the
    question whether ..."): a complementiser opens it, where a relative clause about the noun has a
    relative pronoun in a role ("the protein that reduces Y"). A verb taking such a noun as its
    object weighs a proposition ("the data favour the idea that ..."): it relates its subject to
    what is claimed, not to a variable."""
    return any(
        c.dep_ in ("acl", "relcl", "ccomp") and any(is_complementiser(m) for m in c.children)
        for c in noun.children
    )


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The (possibly implicit) subject of a verb or predicative word.

    Returns the subject's head token (or None) and whether it was inherited from elsewhere in
    the sentence rather than read off the verb itself.
    """
    subjects = children_with(verb, SUBJECT_DEPS)
    if subjects:
        subject = subjects[0]
        # Two adjacent subjects are one noun phrase the parser cut ("Phosphatidylinositol (PI)
        # 3-kinase plays"): its head is the last; the span reaches back (rules_spans).
        while (
            len(subjects) > 1
            and subjects[1].left_edge.i <= subject.right_edge.i + 1
            and verb.doc[subjects[1].left_edge.i].text not in ("(", "[")
        ):
            subjects = subjects[1:]
            subject = subjects[0]
        phrase = participle_phrase_subject(verb, subject)
        if phrase is not None:
            return phrase, True
        resolved = resolve_relative(subject)
        return resolved, resolved is not subject
    if depth >= MAX_CLIMB or verb.head.i == verb.i:
        return None, False
    phrase = participle_phrase_subject(verb, None)
    if phrase is not None:
        return phrase, True
    head, dep = verb.head, verb.dep_
    if dep in ("relcl", "acl"):
        return modified_noun(verb), True
    if dep in ("xcomp", "conj", "acomp", "ccomp", "pcomp", "prep", "attr", "oprd"):
        found, _ = subject_of(head, depth + 1)
        return found, True
    if dep == "advcl" and verb.tag_ in ("VBG", "VB") and not children_with(verb, ("mark",)):
        # "X inhibits Y, thereby reducing Z": the participle's subject is the main clause's. But
        # after "X favours the idea that A is affected, preventing Z" the participle may continue
        # the idea's clause as well as the main one: whose doing it is, is not said.
        if any(has_content_clause(o) for o in children_with(head, ("dobj",))):
            return None, False
        found, _ = subject_of(head, depth + 1)
        return found, True
    if dep == "pobj" and head.dep_ == "prep":
        found, _ = subject_of(head.head, depth + 1)
        return found, True
    return None, False


def copular_subject(word: Token) -> tuple[Token | None, bool]:
    """Subject of the clause in which ``word`` is the predicate ("X is a cause of Y": X).

    Handles "X is one of the causes of Y", appositions ("X, a cause of Y") and "as" phrases
    ("X was identified as a risk factor for Y").
    """
    if (
        word.dep_ == "pobj"
        and word.head.lower_ == "of"
        and word.head.head.lower_ in ("one", "some", "many", "among", "several")
    ):
        word = word.head.head
    if word.dep_ == "pobj" and word.head.lower_ == "among":
        word = word.head
    if word.dep_ in ("attr", "acomp", "oprd") and word.head.lemma_ in COPULAS:
        return subject_of(word.head)
    if word.dep_ == "appos":
        return word.head, False
    if word.dep_ == "pobj" and word.head.lower_ == "as":
        governor = word.head.head
        objects = children_with(governor, ("dobj",))
        if objects:
            return objects[0], False
        return subject_of(governor)
    if word.dep_ in ("attr", "oprd", "xcomp"):
        return subject_of(word.head)
    return None, False


def preposition_objects(
    token: Token, preps: tuple[str, ...] | set[str] | frozenset[str], after: bool = True
) -> list[Token]:
    """Objects of the token's prepositional dependents spelled as one of ``preps``.

    With ``after`` only prepositions following the token count: in "With these data, X was
    associated with Y" the first "with" is not the cue's.
    """
    objects = []
    for prep in token.children:
        if after and prep.i < token.i:
            continue
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in preps:
            objects.extend(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
    return objects


def explained_by_connective(governor: Token) -> list[Token]:
    """What a connective explains when it hangs off a verb: the verb's object ("genotypes showed
    differences in Y due to X": the differences), else its subject ("Y rose due to X"); a verb's
    whole clause is no variable's name. A passive verb's subject is what was done to, not what
    changed: the clause stays (and names no variable); so does a clause whose subject is the authors
    and whose verb is an act of theirs, not a finding ("we excluded X due to Y")."""
    if governor.pos_ not in ("VERB", "AUX"):
        return [governor]
    if (
        any(s.lower_ in AUTHORS for s in children_with(governor, ("nsubj",)))
        and governor.lemma_.lower() not in VERBS_OF_FINDING
    ):
        # "we report X instead of Z due to the difficulty of ...": why the authors did something
        return [governor]
    objects = children_with(governor, ("dobj",))
    if objects:
        return objects
    if is_passive(governor):
        return [governor]  # "metformin was stopped due to X": the stopping, not metformin
    return children_with(governor, ("nsubj",)) or [governor]


def means_include(verb: Token, lexicon: CueLexicon) -> bool:
    """Whether a verb such as "contain" means "include" here: "medium containing X", "the genes
    contained in Y", "A contained more / three / only X (than B)"."""
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "relcl", "amod"):
        return True
    if is_passive(verb):
        return any(c.dep_ == "prep" and c.lower_ in ("in", "within", "inside") for c in verb.children)
    if any(t.lower_ == "than" for t in verb.subtree if t.i > verb.i):
        return True
    return any(
        c.tag_ in ("JJR", "RBR", "CD") or c.lower_ in lexicon.inclusion_quantifiers
        for obj in children_with(verb, ("dobj",))
        for c in obj.subtree
        if c.i < obj.i and c.dep_ in ("amod", "nummod", "det", "advmod", "quantmod", "compound")
    )
