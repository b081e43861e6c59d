"""Words the small tagger misreads as finite verbs, told by the English model's own lemmatiser.

The tagger reads a plural noun before another noun as a verb in the third person ("Higher genomes
values indicate ...", "genomes/VBZ"), and the parse then builds the sentence around it: the real
verb's clause becomes its complement. The lemmatiser's index lists the lemmas English has for each
word class; a word tagged as a finite verb whose lemma is listed as a noun and never as a verb
("genome") is a noun, whatever its tag. A verb the index lacks ("upregulates", no noun either) is
left a verb.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

FINITE_VERB_TAGS = frozenset({"VBZ", "VBP", "VBD"})


@lru_cache(maxsize=1)
def _lemmas_by_class() -> tuple[frozenset[str], frozenset[str]]:
    """The noun and the verb lemmas of the English pipeline's lemmatiser index."""
    from causemap.graphbuilder.extractors.rules import load_spacy

    index = load_spacy().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(index["noun"]), frozenset(index["verb"])


def noun_read_as_verb(token: Token) -> bool:
    """Whether ``token`` is tagged as a finite verb but its lemma is only a noun's ("genome")."""
    if token.tag_ not in FINITE_VERB_TAGS:
        return False
    nouns, verbs = _lemmas_by_class()
    lemma = token.lemma_.lower()
    return lemma in nouns and lemma not in verbs
