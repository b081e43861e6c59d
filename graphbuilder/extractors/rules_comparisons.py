"""Group comparisons read as correlational claims, and changes that follow an exposure.

A difference between groups defined by X in an outcome Y states an association of X with Y:

- "Smokers were more likely to develop asthma"        (smokers ~ develop asthma, +)
- "Patients with diabetes had higher rates of stroke" (patients with diabetes ~ rates of stroke, +)
- "Stroke was less common among runners"              (runners ~ stroke, -)
- "Older adults are at increased risk of falls"       (older adults ~ falls, +)
- "IL-6 was elevated in patients with sepsis"         (patients with sepsis ~ IL-6, +)
- "Pain scores differed by sex"                       (sex ~ pain scores)
- "Higher CRP levels were found in smokers"           (smokers ~ CRP levels, +)

A change in Y after X is read causally, like its passive twin "Y was reduced after X":

- "Symptoms improved after acupuncture"               (acupuncture -> symptoms)
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from causemap.graphbuilder.extractors.rules_alterations import altered_in
from causemap.graphbuilder.extractors.rules_arguments import is_population, named_argument
from causemap.graphbuilder.extractors.rules_group_words import ACQUISITION_VERBS
from causemap.graphbuilder.extractors.rules_heads import (
    COPULAS,
    children_with,
    is_passive,
    preposition_objects,
    subject_of,
)
from causemap.graphbuilder.extractors.rules_lexicon import Cue, CueLexicon
from causemap.graphbuilder.extractors.rules_patterns import CueMatch
from causemap.graphbuilder.extractors.rules_repairs import is_verbless

COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})
# The prepositions of what a group's acquisition (ACQUISITION_VERBS) followed.
EXPOSURE_PREPS = ("after", "following", "during", "upon")
DENIED_GROUPS = frozenset({"no", "none", "neither"})
# Verbs by which a group has something without any change: a genotype, a pathogen.
CARRYING_VERBS = frozenset({"carry", "harbor", "harbour"})
MORE, LESS = frozenset({"more", "greater"}), frozenset({"less", "fewer"})


def comparative_direction(word: Token, lexicon: CueLexicon) -> int | None:
    """How a word compares: +1 ("higher", "more common"), -1 ("lower", "reduced"), 0 for a
    comparative without a direction ("better", "poorer"), None when it does not compare."""
    degree = {c.lower_ for c in word.children if c.dep_ in ("advmod", "amod")}
    # "more limited", "less impaired": the degree scales the word's own direction
    scale = -1 if word.lower_ in lexicon.down_words else 1
    if degree & MORE:
        return scale
    if degree & LESS:
        return -scale
    if word.tag_ in COMPARATIVE_TAGS or word.lower_ in lexicon.comparison_adjectives:
        if word.lower_ in lexicon.up_words:
            return 1
        if word.lower_ in lexicon.down_words:
            return -1
        return 0 if word.tag_ in COMPARATIVE_TAGS and word.lower_ not in MORE | LESS else None
    return None


def _modifiers(noun: Token) -> list[Token]:
    # Adjectives before a noun, also when parsed as compounds ("Higher CRP levels").
    return [c for c in noun.children if c.dep_ == "amod" or (c.dep_ == "compound" and c.pos_ == "ADJ")]


def _cue(sign: int) -> Cue:
    return Cue("correlational", {1: "+", -1: "-"}.get(sign))


def _likely(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'X were more likely to V (Y)'."""
    sign = comparative_direction(token, lexicon)
    if not sign or token.dep_ not in ("acomp", "attr") or token.head.lemma_ not in COPULAS:
        return None  # "likely" itself has no direction: only "more/less likely" compares
    verbs = children_with(token, ("xcomp",)) or children_with(token.head, ("xcomp",))
    if not verbs:
        return None
    effect = (children_with(verbs[0], ("dobj", "attr", "acomp")) or verbs[0:1])[0]
    group, inherited = subject_of(token.head)
    if group is None:
        return None
    return CueMatch(
        "comparison", token, (token.i,), (group,), (effect,), "correlational", _cue(sign).polarity, inherited
    )


def _had_more(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'X had higher rates of Y', 'X showed greater improvement in Y'."""
    if token.lemma_.lower() not in lexicon.comparison_verbs:
        return None
    for obj in children_with(token, ("dobj",)):
        for modifier in _modifiers(obj):
            sign = comparative_direction(modifier, lexicon)
            if sign is not None:
                group, inherited = subject_of(token)
                if group is None:
                    return None
                return CueMatch(
                    "comparison",
                    modifier,
                    (modifier.i,),
                    (group,),
                    (obj,),
                    "correlational",
                    _cue(sign).polarity,
                    inherited,
                )
    return None


def _more_common(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'Y was more common among X', 'Y was higher in X than in Z'."""
    if token.dep_ != "acomp" or token.head.lemma_ not in COPULAS:
        return None
    sign = comparative_direction(token, lexicon)
    if sign is None:
        return None
    preps = lexicon.comparison_group_preps
    groups = preposition_objects(token, preps) or preposition_objects(token.head, preps)
    outcome, inherited = subject_of(token.head)
    if not groups or outcome is None:
        return None
    return CueMatch(
        "comparison",
        token,
        (token.i,),
        (groups[0],),
        (outcome,),
        "correlational",
        _cue(sign).polarity,
        inherited,
    )


def _at_risk(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'X are at (increased) risk of Y'."""
    if token.lower_ != "risk" or token.dep_ != "pobj" or token.head.lower_ != "at":
        return None
    if token.head.head.pos_ not in ("VERB", "AUX"):
        return None  # "populations at risk of Y" names a group; it claims nothing
    outcomes = preposition_objects(token, ("of", "for"))
    group, inherited = subject_of(token.head.head)
    if not outcomes or group is None:
        return None
    signs = [comparative_direction(c, lexicon) for c in children_with(token, ("amod",))]
    sign = min((s for s in signs if s), default=1)
    return CueMatch(
        "comparison",
        token,
        (token.i, token.head.i),
        (group,),
        (outcomes[0],),
        "correlational",
        _cue(sign).polarity,
        inherited,
    )


def _changed_in(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'Y was elevated in patients with X' (a passive change verb with a group, no agent); 'Y
    increased in cisplatin-treated rats' (intransitive, in a group that something defines)."""
    lemma = token.lemma_.lower()
    entry = lexicon.verbs.get(lemma)
    if lemma not in lexicon.change_verbs or entry is None or entry.polarity is None:
        return None  # only changes in amount: "killed in the district" compares nothing
    passive = is_passive(token)
    if not passive and (children_with(token, ("dobj",)) or token.tag_ not in ("VBD", "VBZ", "VBP")):
        return None
    if preposition_objects(token, lexicon.agent_preps + lexicon.fallback_agent_preps):
        return None  # the verb pattern reads "Y was reduced by/after X"
    groups = preposition_objects(token, lexicon.comparison_group_preps)
    outcomes = children_with(token, ("nsubjpass",) if passive else ("nsubj",))
    if not passive:
        # "expression increased in the liver" is a place: only a group set apart by what it had
        groups = [g for g in groups if is_population(g, lexicon) and named_argument(g, lexicon) is not None]
    if not groups or not outcomes:
        return None
    return CueMatch(
        "comparison", token, (token.i,), (groups[0],), (outcomes[0],), "correlational", entry.polarity
    )


def _found_more(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'Higher IL-6 levels were found in patients with sepsis', 'We observed lower Y among X'."""
    if token.lemma_.lower() not in lexicon.finding_verbs:
        return None
    deps = ("nsubjpass",) if is_passive(token) else ("dobj",)
    for outcome in children_with(token, deps):
        for modifier in _modifiers(outcome):
            sign = comparative_direction(modifier, lexicon)
            if sign is None:
                continue
            preps = lexicon.comparison_group_preps
            groups = preposition_objects(token, preps) or preposition_objects(outcome, preps)
            if groups:
                return CueMatch(
                    "comparison",
                    token,
                    (token.i, modifier.i),
                    (groups[0],),
                    (outcome,),
                    "correlational",
                    _cue(sign).polarity,
                )
    return None


def _changed_after(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'Symptoms improved after acupuncture', 'Weight fell following surgery': a change in the
    subject that follows an exposure or treatment (a causal reading, as the passive 'Y was
    reduced after X')."""
    lemma = token.lemma_.lower()
    if lemma not in lexicon.change_verbs and lemma not in lexicon.intransitive_change_verbs:
        return None
    if is_passive(token) or children_with(token, ("dobj",)):
        return None
    causes = preposition_objects(token, ("after", "following", "upon"))
    subject, inherited = subject_of(token)
    if not causes or subject is None:
        return None
    entry = lexicon.verbs.get(lemma)
    polarity = entry.polarity if entry else lexicon.intransitive_change_verbs[lemma]
    return CueMatch("change", token, (token.i,), (causes[0],), (subject,), "causal", polarity, inherited)


def _acquired(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'Three patients developed Y during X therapy', 'mice given X developed Y': a condition a
    studied group came to have, after an exposure or because of what defines the group. Only a
    group develops a condition ("we developed a model" creates one)."""
    if token.lemma_.lower() not in ACQUISITION_VERBS or token.pos_ != "VERB" or is_passive(token):
        return None
    group, inherited = subject_of(token)
    outcomes = children_with(token, ("dobj",))
    if group is None or not outcomes or not is_population(group, lexicon):
        return None
    if group.lower_ in DENIED_GROUPS or any(
        c.lower_ in DENIED_GROUPS for c in group.children if c.dep_ == "det"
    ):
        return None  # "no patient developed Y" says Y did not follow: no association either way
    exposures = [
        o
        for o in preposition_objects(token, EXPOSURE_PREPS, after=False)  # "After X, patients developed Y"
        if not (
            o.like_num or o.lower_ in lexicon.quantity_nouns or o.lemma_.lower() in lexicon.quantity_nouns
        )
    ]
    if not exposures and token.dep_ == "relcl" and token.head.i == group.i:
        # "patients who developed Y or Z": the relative clause is what defines the group, so the
        # group stands for Y itself and, read as Y's cause, would relate Y with Y (or with Z)
        return None
    causes = exposures[:1] or [group]  # "patients treated with X developed Y": the group's definer
    return CueMatch("change", token, (token.i,), tuple(causes), (outcomes[0],), "causal", "+", inherited)


def _carried(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'Patients with Gitelman syndrome carried mutations in SLC12A3', 'mice with colitis harbour
    the strain': what a group defined by a condition carries goes with that condition (the verbs of
    carriage state no change). A group nothing defines ("all patients carried X") relates nothing."""
    if token.lemma_.lower() not in CARRYING_VERBS or token.pos_ != "VERB" or is_passive(token):
        return None
    group, inherited = subject_of(token)
    carried = children_with(token, ("dobj",))
    if group is None or not carried:
        return None
    if not is_population(group, lexicon):
        # "a patient with X carrying Y": the participle parsed as X's (a relative on X, or a clause
        # with X as its subject under the group's "with"); X is what defines the group
        prep = token.head if token.dep_ == "pcomp" else group.head
        if token.tag_ != "VBG" or prep.lower_ != "with" or not is_population(prep.head, lexicon):
            return None
        return CueMatch("setting", token, (token.i,), (group,), (carried[0],), "correlational", None, True)
    definer = named_argument(group, lexicon)
    if definer is None or definer is group:
        return None
    return CueMatch("setting", token, (token.i,), (definer,), (carried[0],), "correlational", None, inherited)


def _titled_sequel(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'Acute renal failure after cisplatin therapy', 'Hepatitis during isoniazid treatment': a
    verbless heading whose noun names a condition that followed an exposure (case-report titles)."""
    if token.dep_ != "ROOT" or token.pos_ not in ("NOUN", "PROPN") or not is_verbless(token):
        return None
    if token.lemma_.lower() in lexicon.vague_arguments or is_population(token, lexicon):
        return None
    if token.lemma_.lower() in lexicon.possessor_frames:
        # "Effects of X on Y after Z", "The association between A and B after Z": the heading
        # names a relation, which its frame reads; "after Z" says when it was seen, not its cause
        return None
    objects = [
        o
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in EXPOSURE_PREPS and prep.i > token.i
        for o in prep.children
        if o.dep_ in ("pobj", "pcomp", "dobj")  # "following X" is often parsed as a verb
    ]
    exposures = [
        o
        for o in objects
        if o.pos_ in ("NOUN", "PROPN")
        and not (
            o.like_num or o.lower_ in lexicon.quantity_nouns or o.lemma_.lower() in lexicon.quantity_nouns
        )
    ]
    if not exposures:
        return None
    prep = exposures[0].head
    return CueMatch("change", token, (prep.i,), (exposures[0],), (token,), "causal", None)


def _difference(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'a difference in Y between A and B', 'Y differed by X', 'A and B differed in Y'."""
    lemma = token.lemma_.lower()
    is_noun = token.pos_ == "NOUN" and lemma in lexicon.difference_nouns
    is_verb = token.pos_ == "VERB" and lemma in lexicon.difference_verbs
    if not (is_noun or is_verb):
        return None
    outcomes = preposition_objects(token, lexicon.difference_outcome_preps)
    holders = [token, *outcomes]
    groups: list[Token] = []
    for holder in holders:
        groups = preposition_objects(holder, lexicon.difference_group_preps)
        if groups:
            break
    if is_verb:
        subject, _ = subject_of(token)
        if subject is None:
            return None
        if groups:
            outcomes = [subject]
        elif outcomes and subject.conjuncts:
            groups = [subject]
    if not groups or not outcomes:
        return None
    return CueMatch(
        "comparison",
        token,
        (token.i,),
        tuple(groups[:1]),
        (outcomes[0],),
        "correlational",
        None,
        split_causes=False,
    )


def find_comparisons(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """Every group comparison in a parsed sentence."""
    for token in doc:
        match = None
        if token.lower_ == "likely":
            match = _likely(token, lexicon)
        elif token.pos_ in ("VERB", "AUX"):
            match = (
                _had_more(token, lexicon)
                or _changed_in(token, lexicon)
                or _found_more(token, lexicon)
                or _changed_after(token, lexicon)
                or _acquired(token, lexicon)
                or _carried(token, lexicon)
                or altered_in(token, lexicon)
            )
        elif token.pos_ == "ADJ":
            match = _more_common(token, lexicon)
        elif token.pos_ == "NOUN":
            match = _at_risk(token, lexicon) or _titled_sequel(token, lexicon)
        elif token.pos_ == "PROPN":
            match = _titled_sequel(token, lexicon)
        if match is None and token.pos_ in ("NOUN", "VERB"):
            match = _difference(token, lexicon)
        if match is not None:
            yield match
