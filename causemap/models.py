"""The domain model: what causemap reads, claims, draws and proposes.

Every stage speaks these types. Provenance is first-class: a ``Claim`` always carries the paper, page,
exact sentence and its character offsets in the stored page text; an ``Edge`` carries the ``Evidence``
(one per claim) it was built from, never just a count.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Relation = Literal["causal", "correlational"]
Polarity = Literal["+", "-", "0"]


class StudyDesign(StrEnum):
    """Study designs, in the order of the design lexicon (see graphbuilder/resources)."""

    RCT = "rct"
    COHORT = "cohort"
    CASE_CONTROL = "case_control"
    CROSS_SECTIONAL = "cross_sectional"
    MENDELIAN_RANDOMISATION = "mendelian_randomisation"
    ANIMAL = "animal"
    IN_VITRO = "in_vitro"
    REVIEW = "review"
    MODELLING = "modelling"
    UNKNOWN = "unknown"


class CurationState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"


class ClaimRole(StrEnum):
    """Whether a claim reports the paper's own finding or restates earlier work."""

    FINDING = "finding"  # results, conclusions, "we found", the abstract's result sentences
    BACKGROUND = "background"  # introduction, "has been shown", cited statements


class PaperState(StrEnum):
    """Where a paper is in ingest. Only ``ready`` papers have all their vectors stored."""

    EMBEDDING = "embedding"  # rows committed, vectors not yet confirmed
    READY = "ready"


def content_hash(*parts: object, length: int = 16) -> str:
    """A short, stable identifier from the JSON form of ``parts``."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:length]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Model):
    """Where a piece of text was read: one paper, one page, exact character offsets, the text itself.

    The one shape of "where it says so" across causemap: a claim's evidence, a plan item's citations, a
    retrieved passage and a chunk all carry one, and every export writes it as it is. ``start`` and
    ``end`` are offsets into the cleaned page text stored in the workspace, so
    ``page_text[start:end] == text``.
    """

    paper_id: str
    title: str | None = None
    page: int = Field(description="1-based page number")
    start: int = Field(description="offset of the text in the cleaned page text")
    end: int
    text: str
    section: str | None = None

    def cite(self) -> str:
        """A short human citation: "Title, p. 3" (the paper id when there is no title)."""
        return f"{self.title or self.paper_id[:12]}, p. {self.page}"


class Paper(_Model):
    id: str = Field(description="SHA-256 of the file's bytes (or of the JSONL record)")
    source: str = Field(description="path it was ingested from; path#id for a JSONL record")
    kind: Literal["pdf", "text"]
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    year: int | None = None
    doi: str | None = None
    n_pages: int = 0
    design: StudyDesign = StudyDesign.UNKNOWN
    parser: str = ""
    state: PaperState = PaperState.READY


class Page(_Model):
    paper_id: str
    number: int = Field(description="1-based page number")
    text: str = Field(description="cleaned page text: every provenance offset points into it")


class Chunk(_Model):
    id: str
    paper_id: str
    page: int
    section: str
    start: int = Field(description="character offset into the cleaned page text")
    end: int
    text: str
    is_references: bool = False

    @staticmethod
    def make_id(paper_id: str, page: int, start: int, end: int) -> str:
        return f"{paper_id[:16]}-p{page}-{start}-{end}"

    def provenance(self, title: str | None = None) -> Provenance:
        return Provenance(
            paper_id=self.paper_id,
            title=title,
            page=self.page,
            start=self.start,
            end=self.end,
            text=self.text,
            section=self.section,
        )


class Claim(_Model):
    """One cause-effect statement read in one sentence of one paper (INDRA's Statement + Evidence)."""

    id: str = ""
    paper_id: str
    page: int
    section: str | None = None
    sentence: str
    sentence_start: int = Field(description="offset of the sentence in the cleaned page text")
    sentence_end: int
    cause: str
    cause_start: int = Field(
        description="offset of the cause in the cleaned page text: in the sentence, or, where the sentence "
        "refers back to it ('this mutation'), earlier in the page where the paper named it"
    )
    cause_end: int
    effect: str
    effect_start: int
    effect_end: int
    relation: Relation = "causal"
    polarity: Polarity | None = None
    hedged: bool = False
    negated: bool = False
    design: StudyDesign = StudyDesign.UNKNOWN
    extractor: str = Field(description="'rules' or 'llm:provider:model'")
    extractor_version: str = ""
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    role: ClaimRole = Field(
        ClaimRole.FINDING, description="the paper's own finding, or background it restates"
    )
    state: CurationState = CurationState.PENDING

    def model_post_init(self, __context: object) -> None:
        if not self.id:
            self.id = self.identity()

    def identity(self) -> str:
        """Content hash: the same extractor reading the same words in the same place is the same claim."""
        return content_hash(
            self.paper_id,
            self.page,
            self.sentence_start,
            self.cause_start,
            self.cause_end,
            self.effect_start,
            self.effect_end,
            self.extractor,
        )

    def provenance(self, title: str | None = None) -> Provenance:
        """The sentence the claim was read in, as a Provenance."""
        return Provenance(
            paper_id=self.paper_id,
            title=title,
            page=self.page,
            start=self.sentence_start,
            end=self.sentence_end,
            text=self.sentence,
            section=self.section,
        )


class ReadAt:
    """Read-only shortcuts into ``self.provenance`` (never separate copies of it), for whatever
    carries one: an ``Evidence`` item, a retrieved ``Passage``."""

    if TYPE_CHECKING:  # declared by the class that mixes this in (a field of its own, in its order)
        provenance: Provenance

    @property
    def paper_id(self) -> str:
        return self.provenance.paper_id

    @property
    def title(self) -> str | None:
        return self.provenance.title

    @property
    def page(self) -> int:
        return self.provenance.page


class Evidence(ReadAt, _Model):
    """One claim as it backs an edge: where it was read (``provenance``) and how it was stated."""

    claim_id: str
    provenance: Provenance
    named_at: list[Provenance] = Field(
        default_factory=list,
        description="where the paper named a cause or effect that the sentence refers back to ('this "
        "mutation'): the words the variable is named by, earlier in the same page",
    )
    role: ClaimRole = ClaimRole.FINDING
    design: StudyDesign = StudyDesign.UNKNOWN
    relation: Relation = "causal"
    polarity: Polarity | None = None
    hedged: bool = False
    negated: bool = False
    extractor: str = ""
    confidence: float = Field(0.5, ge=0.0, le=1.0, description="the extractor's confidence in its reading")
    state: CurationState = CurationState.PENDING
    study_id: str | None = Field(
        None,
        description="the study this paper is a version of (the id of its primary paper); evidence from "
        "several versions of one study counts once. None: the paper is its own study",
    )
    reliability: float | None = Field(
        None, description="the probability that this claim is right, as the belief of its edge used it"
    )

    @property
    def quote(self) -> str:
        return self.provenance.text

    @property
    def study(self) -> str:
        """The independent source this evidence belongs to: its study, else its paper."""
        return self.study_id or self.provenance.paper_id


class Variable(_Model):
    id: str
    label: str
    aliases: list[str] = Field(default_factory=list)
    short_forms: list[str] = Field(
        default_factory=list, description="abbreviations the papers define for it ('NIS', 'CRP')"
    )


class Edge(_Model):
    source: str
    target: str
    polarity: Polarity | None = None
    polarity_counts: dict[str, int] = Field(default_factory=dict)
    belief: float = 0.0
    n_papers: int = Field(0, description="independent studies (versions of one study count once)")
    n_claims: int = 0
    designs: list[StudyDesign] = Field(default_factory=list)
    contradiction: bool = False
    evidence: list[Evidence] = Field(default_factory=list)


PlanKind = Literal["refutation", "identification", "experiment", "measurement", "literature"]
CostClass = Literal["low", "medium", "high"]


class PlanEvidence(_Model):
    """A claim (or a passage) a plan item rests on, with where it was read."""

    claim_id: str | None = Field(
        None, description="the claim's id; None for a passage that states no claim (a co-mention)"
    )
    provenance: Provenance
    edge: tuple[str, str] | None = Field(None, description="the knowledge-graph edge the claim backs")
    role: ClaimRole | None = None
    design: StudyDesign | None = None
    polarity: Polarity | None = None
    hedged: bool = False


class PlanAction(_Model):
    """What to do: a DoWhy method and its arguments where one applies, and the variables' roles."""

    method: str | None = Field(
        None, description="DoWhy's name for it (refute_estimate method_name, estimator) or the test's"
    )
    arguments: dict[str, Any] = Field(default_factory=dict)
    intervene: list[str] = Field(default_factory=list, description="variables to set or randomise")
    measure: list[str] = Field(default_factory=list)
    adjust_for: list[str] = Field(default_factory=list)
    design: str | None = Field(None, description="study design for an experiment (designs.json key)")
    query: str | None = Field(None, description="a literature search string")


class Expectation(_Model):
    """What the item would show if the candidate DAGs ``candidates`` (summed weight) hold."""

    candidates: list[int]
    weight: float
    result: str


class PlanItem(_Model):
    """One proposal of a plan. Markdown, JSON and the app all render this object."""

    id: str = ""
    kind: PlanKind
    title: str
    variables: list[str] = Field(default_factory=list)
    edges: list[tuple[str, str]] = Field(
        default_factory=list, description="the variable pairs (edges or missing edges) it bears on"
    )
    action: PlanAction = Field(default_factory=PlanAction)
    expected: list[Expectation] = Field(default_factory=list)
    distinguishes: list[int] = Field(
        default_factory=list, description="ranks of the candidate DAGs whose predictions differ"
    )
    rationale: str
    evidence: list[PlanEvidence] = Field(default_factory=list)
    existing: list[PlanEvidence] = Field(
        default_factory=list, description="studies in the collection that already did this, with results"
    )
    adds: str | None = Field(None, description="what a new study adds to those (replication, design, ...)")
    cost: CostClass = "medium"
    information: float = Field(0.0, description="bits its outcome is expected to yield")
    priority: float = 0.0
    about_target: bool = Field(False, description="the experiment on the target effect itself")
    caveats: list[str] = Field(default_factory=list, description="why it was ranked down")

    def model_post_init(self, __context: object) -> None:
        if not self.id:
            self.id = content_hash(self.kind, self.title, length=12)

    @property
    def citations(self) -> list[Provenance]:
        """Where its evidence was read, in order."""
        return [e.provenance for e in self.evidence]
