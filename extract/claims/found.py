"""What the readers pass around: who speaks for a stretch of text, and a claim before normalising."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token


@dataclass(frozen=True)
class Source:
    """Who a stretch of text speaks for, and how sure we are of it."""

    actors: tuple[Span, ...]
    confidence: float


@dataclass
class Found:
    """A claim before ids are normalised."""

    claimant: Span | None
    stance: str
    subject: Span | None
    cue: Token
    degree: str
    confidence: float
    counterpart: Span | None = None
    subject_id: str | None = None  # when the subject is the claimant itself (denials)
    cyber: bool = False  # the reading itself says the claim is about cyber operations
