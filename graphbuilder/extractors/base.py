"""What every claim extractor returns, and the protocols it implements.

Extractors work on single sentences. Offsets are relative to the sentence string, so the
workspace pipeline can add the sentence's own offset in the page text to place a mention there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

Relation = Literal["causal", "correlational"]
# "0" is an explicit null: "did not affect", "no effect on", "was not associated with".
Polarity = Literal["+", "-", "0"] | None

RELATIONS: tuple[str, ...] = ("causal", "correlational")
# ``on_batch(answered, sent)``: of the ``sent`` sentences, ``answered`` have their answer so far.
BatchProgress = Callable[[int, int], None]
POLARITIES: tuple[str | None, ...] = ("+", "-", "0", None)


@dataclass(frozen=True)
class Mention:
    """A stretch of a sentence: ``text == sentence[start:end]``."""

    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or self.end - self.start != len(self.text):
            raise ValueError(f"inconsistent mention offsets: {self!r}")


@dataclass(frozen=True)
class ExtractedRelation:
    """One cause-effect (or association) claim read from one sentence.

    Attributes
    ----------
    cause, effect
        The arguments as written. For correlational claims ``cause`` is the grammatical
        first argument ("X is associated with Y": X).
    relation
        ``"causal"`` or ``"correlational"``.
    polarity
        ``"+"`` (increase-type), ``"-"`` (reduce/prevent-type), ``"0"`` (explicit null) or None
        (unsigned, e.g. "affects").
    hedged
        The claim is stated tentatively ("may reduce", "appears to", "suggest that").
    negated
        The claim is denied ("did not increase", "no association"). Negated claims have
        polarity ``"0"``.
    confidence
        The extractor's confidence that this reading of the sentence is right, in [0, 1].
    """

    cause: Mention
    effect: Mention
    relation: Relation
    polarity: Polarity
    hedged: bool
    negated: bool
    confidence: float

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}")
        if self.polarity not in POLARITIES:
            raise ValueError(f"unknown polarity {self.polarity!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence out of [0, 1]: {self.confidence}")

    def as_claim_dict(self) -> dict:
        """The claim in the evaluation format (``score.py``'s PRED claims)."""
        return {
            "cause": self.cause.text,
            "effect": self.effect.text,
            "relation": self.relation,
            "polarity": self.polarity,
            "hedged": self.hedged,
            "negated": self.negated,
        }


@runtime_checkable
class SentenceExtractor(Protocol):
    """Reads claims from sentences; ``extract`` returns one list per sentence, in order."""

    name: str
    version: str

    def extract(self, sentences: Sequence[str]) -> list[list[ExtractedRelation]]: ...


@runtime_checkable
class CandidateFilter(Protocol):
    """Decides which sentences deserve a (costly) LLM call."""

    def is_candidate(self, sentence: str) -> bool: ...


@dataclass
class ExtractOutcome:
    """What an extractor read from a list of sentences: claims per sentence, and the batches it could
    not read (an LLM's skipped requests, each ``{"sentences", "first_sentence", "reason"}``)."""

    relations: list[list[ExtractedRelation]]
    skipped: list[dict] = field(default_factory=list)


@runtime_checkable
class OutcomeExtractor(Protocol):
    """An extractor that can also say which of its batches went unanswered, and report its batches
    as they are answered (the LLM extractor, whose one paper can take minutes)."""

    def extract_outcome(
        self, sentences: Sequence[str], on_batch: BatchProgress | None = None
    ) -> ExtractOutcome: ...


@dataclass
class CandidateReading:
    """The result of ``read_candidates``.

    Attributes
    ----------
    relations
        Verified claims per input sentence (empty for sentences not sent).
    candidates
        How many sentences the prefilter sent to the extractor.
    skipped
        Batches the extractor could not read; their sentences have no claims yet.
    refused
        Claims that verification refused, by reason (see ``graphbuilder.verification``).
    """

    relations: list[list[ExtractedRelation]]
    candidates: int = 0
    skipped: list[dict] = field(default_factory=list)
    refused: dict[str, int] = field(default_factory=dict)


def read_candidates(
    extractor: SentenceExtractor,
    prefilter: CandidateFilter | None,
    sentences: Sequence[str],
    on_batch: BatchProgress | None = None,
    *,
    keep_references: bool = False,
) -> CandidateReading:
    """Claims per sentence, in order, reading only the sentences ``prefilter`` flags as candidates,
    and keeping only the claims that pass ``graphbuilder.verification`` (whatever the extractor).
    ``on_batch`` hears how many of the candidates are answered, from an extractor that reports it.

    Every extraction path (the workspace pipeline, ``extract --input``, ``eval``) comes through here,
    so that no extractor's claim reaches a store or a score unverified. ``keep_references``: the rules
    extractor's claims with a pronoun argument too, for a reader that resolves it in the paper.
    """
    from causemap.graphbuilder.verification import verify_sentences

    sent = [i for i, s in enumerate(sentences) if prefilter is None or prefilter.is_candidate(s)]
    reading = CandidateReading(relations=[[] for _ in sentences], candidates=len(sent))
    if not sent:
        return reading
    texts = [sentences[i] for i in sent]
    from causemap.graphbuilder.extractors.rules import RulesExtractor

    if isinstance(extractor, OutcomeExtractor):
        outcome = extractor.extract_outcome(texts, on_batch)
    elif keep_references and isinstance(extractor, RulesExtractor):
        outcome = ExtractOutcome(relations=extractor.extract(texts, keep_references=True))
    else:
        outcome = ExtractOutcome(relations=extractor.extract(texts))

    # The rules extractor read its claims from the very parse verification uses: only the refusals
    # of quoted, hypothetical and instructional text apply to it (see verify_sentences).
    found_by_parse = isinstance(extractor, RulesExtractor)
    verified = verify_sentences(texts, outcome.relations, found_by_parse=found_by_parse)
    for i, relations in zip(sent, verified.relations, strict=True):
        reading.relations[i] = relations
    reading.skipped = list(outcome.skipped)
    reading.refused = dict(verified.refused)
    return reading


def extract_candidates(
    extractor: SentenceExtractor, prefilter: CandidateFilter | None, sentences: Sequence[str]
) -> tuple[list[list[ExtractedRelation]], int]:
    """``read_candidates``, as the verified claims per sentence and how many sentences were sent."""
    reading = read_candidates(extractor, prefilter, sentences)
    return reading.relations, reading.candidates
