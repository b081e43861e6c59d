"""What the LLM extractor asks, the schema it asks for, and how an answer is checked.

Everything here is pure: building the prompt for a batch of sentences, reading a reply (structured or
JSON text), and turning the model's claims into ``ExtractedRelation``s only when they can be found in
the sentences that were sent. A model that paraphrases, quotes a sentence it was not given, or names a
cause that the sentence does not contain gets that claim rejected and counted, never stored.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from causemap.graphbuilder.extractors.base import ExtractedRelation, Mention
from causemap.graphbuilder.extractors.source_digest import source_digest

SYSTEM_PROMPT = """\
You read numbered sentences from scientific papers and list the cause-effect and association \
claims each sentence itself states. Do not add claims from background knowledge, and do not \
combine sentences.

For each claim give:
- sentence: the sentence's number.
- quote: the sentence, copied exactly, character for character.
- cause, effect: the two things related, copied exactly as they are written in the sentence \
(shortest complete noun phrase; do not paraphrase, abbreviate or resolve pronouns). For an \
association ("X was associated with Y") the cause is the first of the two.
- relation: "causal" when the sentence says one thing causes, increases, reduces, prevents, induces \
or leads to another; "correlational" when it says they are associated, correlated or linked, or \
that one is a risk factor for or predicts the other.
- polarity: "+" when the cause raises the effect, "-" when it lowers or prevents it, "0" when the \
sentence says there is no effect or no association, null when the direction is not stated. It is the \
sign between the cause and effect exactly as you quote them: in "a reduction in sodium lowered blood \
pressure" the cause is "a reduction in sodium" and the polarity "-"; in "higher X was associated with \
lower Y" the arguments are "higher X" and "lower Y" and the polarity "+". Keep such words in cause and effect.
- hedged: true when the claim is stated tentatively (may, might, could, suggest, appear, possibly, \
potential).
- negated: true when the claim is denied (did not, no effect, not associated); then polarity is "0".

A sentence may state several claims or none. Return an empty list when no sentence states one."""

JSON_INSTRUCTIONS = """
Reply with JSON only, no other text, in exactly this form:
{"claims": [{"sentence": 1, "quote": "...", "cause": "...", "effect": "...", \
"relation": "causal", "polarity": "+", "hedged": false, "negated": false}]}"""

# The version names the prompt: it changes whenever the prompt's text does, so that cached answers
# to an older prompt are never reused and every claim records which prompt produced it.
PROMPT_VERSION = "claims-1-" + hashlib.sha256((SYSTEM_PROMPT + JSON_INSTRUCTIONS).encode()).hexdigest()[:8]


def llm_version() -> str:
    """The LLM extractor's version: the prompt's, plus the digest of what decides which of the
    model's claims are stored (the rules prefilter that chooses the sentences sent, and the
    verification every claim passes). A change to either re-extracts; cached answers are keyed on
    the prompt version alone, so a re-extraction asks the model only about sentences it never saw."""
    return f"{PROMPT_VERSION}+{source_digest()}"


class LLMClaim(BaseModel):
    """One claim as the model reports it (before verification)."""

    sentence: int = Field(description="number of the sentence stating the claim")
    quote: str = Field(description="that sentence, copied exactly")
    cause: str = Field(description="the cause, exactly as written in the sentence")
    effect: str = Field(description="the effect, exactly as written in the sentence")
    relation: Literal["causal", "correlational"]
    polarity: Literal["+", "-", "0"] | None = Field(
        description='"+" raises, "-" lowers, "0" no effect, null unsigned'
    )
    hedged: bool = Field(description="stated tentatively")
    negated: bool = Field(description="the claim is denied")


class LLMClaims(BaseModel):
    """The cause-effect and association claims stated in the numbered sentences."""

    claims: list[LLMClaim] = Field(default_factory=list)


def render_sentences(sentences: Sequence[str]) -> str:
    """The batch as the model sees it: ``[n] sentence`` lines, numbered from 1, whitespace collapsed."""
    return "\n".join(f"[{i}] {' '.join(s.split())}" for i, s in enumerate(sentences, 1))


def user_message(sentences: Sequence[str], json_text: bool) -> str:
    text = "Sentences:\n" + render_sentences(sentences)
    return text + "\n" + JSON_INSTRUCTIONS if json_text else text


def cache_key(model_name: str, endpoint: str, batch_text: str) -> str:
    """Cache key of one request: provider, model, server, prompt version and the exact sentences sent.

    The server is part of it: the same model name on two servers may be two different models.
    """
    provider, _, model = model_name.partition(":")
    payload = json.dumps([provider, model, endpoint.rstrip("/"), PROMPT_VERSION, batch_text])
    return hashlib.sha256(payload.encode()).hexdigest()


def batch_sentences(sentences: Sequence[str], batch_size: int, max_chars: int) -> list[list[int]]:
    """Indices of the non-blank sentences, grouped into requests of at most ``batch_size`` sentences
    and (unless one sentence is longer) ``max_chars`` characters."""
    batches: list[list[int]] = []
    current: list[int] = []
    chars = 0
    for i, sentence in enumerate(sentences):
        if not sentence.strip():
            continue
        if current and (len(current) >= batch_size or chars + len(sentence) > max_chars):
            batches.append(current)
            current, chars = [], 0
        current.append(i)
        chars += len(sentence)
    if current:
        batches.append(current)
    return batches


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


def parse_claims_text(text: str) -> LLMClaims | None:
    """Claims from a JSON reply (possibly fenced or wrapped in prose); None when it is not that."""
    fenced = _FENCE.search(text)
    candidate = fenced.group(1) if fenced else text
    start, end = candidate.find("{"), candidate.rfind("}")
    if start < 0 or end < start:
        return None
    try:
        return LLMClaims.model_validate_json(candidate[start : end + 1])
    except ValidationError:
        return None


# -- verification ----------------------------------------------------------------------------------
@dataclass
class Verdicts:
    """What verification kept and rejected in one batch."""

    relations: list[list[ExtractedRelation]]
    rejected_quotes: int = 0
    rejected_arguments: int = 0


def verify_claims(claims: LLMClaims, sentences: Sequence[str], confidence: float) -> Verdicts:
    """Keep the claims whose quote and arguments are found in the sentences sent.

    A quote must occur in one of ``sentences`` exactly, up to runs of whitespace (the model saw
    them collapsed); the sentence the model numbered is preferred when the quote occurs in several.
    Cause and effect must occur in that sentence, ignoring case, as whole words and without
    overlapping; their offsets point into the original sentence string.
    """
    verdicts = Verdicts(relations=[[] for _ in sentences])
    seen: set[tuple] = set()
    for claim in claims.claims:
        found = _locate_quote(claim, sentences)
        if found is None:
            verdicts.rejected_quotes += 1
            continue
        index, quote_span = found
        pair = _locate_arguments(sentences[index], claim.cause, claim.effect, quote_span)
        if pair is None:
            verdicts.rejected_arguments += 1
            continue
        cause, effect = pair
        polarity = "0" if claim.negated else claim.polarity
        identity = (index, cause.start, effect.start, claim.relation, polarity, claim.negated)
        if identity in seen:  # models sometimes repeat a claim
            continue
        seen.add(identity)
        verdicts.relations[index].append(
            ExtractedRelation(
                cause=cause,
                effect=effect,
                relation=claim.relation,
                polarity=polarity,
                hedged=claim.hedged,
                negated=claim.negated,
                confidence=confidence,
            )
        )
    return verdicts


def _locate_quote(claim: LLMClaim, sentences: Sequence[str]) -> tuple[int, tuple[int, int]] | None:
    numbered = claim.sentence - 1
    order = ([numbered] if 0 <= numbered < len(sentences) else []) + [
        i for i in range(len(sentences)) if i != numbered
    ]
    for i in order:
        span = next(find_loose(sentences[i], claim.quote, ignore_case=False), None)
        if span is not None:
            return i, span
    return None


def _locate_arguments(
    sentence: str, cause: str, effect: str, quote_span: tuple[int, int]
) -> tuple[Mention, Mention] | None:
    """The closest non-overlapping whole-word occurrences of cause and effect, inside the quote if
    possible (the quote may be a part of the sentence), else anywhere in the sentence."""
    causes = [s for s in find_loose(sentence, cause, ignore_case=True) if _whole_words(sentence, s)]
    effects = [s for s in find_loose(sentence, effect, ignore_case=True) if _whole_words(sentence, s)]
    pairs = [(c, e) for c in causes for e in effects if c[1] <= e[0] or e[1] <= c[0]]
    if not pairs:
        return None
    q_start, q_end = quote_span

    def rank(pair: tuple[tuple[int, int], tuple[int, int]]) -> tuple[bool, int, int]:
        (cs, ce), (es, ee) = pair
        inside = q_start <= min(cs, es) and max(ce, ee) <= q_end
        return (not inside, abs(cs - es), min(cs, es))

    (cs, ce), (es, ee) = min(pairs, key=rank)
    return Mention(sentence[cs:ce], cs, ce), Mention(sentence[es:ee], es, ee)


def _whole_words(text: str, span: tuple[int, int]) -> bool:
    start, end = span
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and text[start].isalnum()) and not (
        after.isalnum() and text[end - 1].isalnum()
    )


def find_loose(haystack: str, needle: str, ignore_case: bool) -> Iterator[tuple[int, int]]:
    """Yield the ``(start, end)`` spans in ``haystack`` where ``needle`` occurs, treating any run of
    whitespace as one space (and optionally ignoring case). Spans index the original ``haystack``."""
    hay, positions = _collapse(haystack, ignore_case)
    pin, _ = _collapse(needle.strip(), ignore_case)
    if not pin:
        return
    at = hay.find(pin)
    while at >= 0:
        yield positions[at], positions[at + len(pin) - 1] + 1
        at = hay.find(pin, at + 1)


def _collapse(text: str, ignore_case: bool) -> tuple[str, list[int]]:
    """``text`` with whitespace runs made one space, and each output character's index in ``text``."""
    chars: list[str] = []
    positions: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        elif ignore_case:
            lowered = ch.lower()
            ch = lowered if len(lowered) == 1 else ch  # keep one char per position ("İ" lowers to 2)
        chars.append(ch)
        positions.append(i)
    return "".join(chars), positions
