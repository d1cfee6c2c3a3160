"""A document's text as HTML with its actor mentions and claim sentences marked.

The text is cut at every mention and claim offset into pieces; each piece knows which claims
cover it and which mention (if any) it belongs to. Claim spans are opened around runs of pieces
with the same claims and mention ``<mark>``s inside them, so overlapping or crossing offsets
never produce broken HTML: a mention that crosses a claim boundary is simply split in two.
Every piece of text goes through ``markupsafe.escape`` (documents may hold hostile HTML).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class AnnotatedText:
    html: Markup
    located_claims: frozenset[int]  # claim ids marked in the text
    unlocated_claims: tuple[int, ...]  # claim ids whose sentence could not be placed
    marked_mentions: int
    dropped_mentions: int  # mentions with offsets outside the text


@dataclass
class _Span:
    start: int
    end: int
    row: Mapping = field(repr=False)


def _valid(start, end, length: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def _claim_span(claim: Mapping, text: str) -> tuple[int, int] | None:
    start, end = claim.get("start_char"), claim.get("end_char")
    if _valid(start, end, len(text)):
        return start, end
    # offsets lost or stale: the evidence sentence itself still says where the claim is
    evidence = (claim.get("evidence") or "").strip()
    found = text.find(evidence) if evidence else -1
    if found >= 0:
        return found, found + len(evidence)
    return None


def _attrs(**values) -> str:
    # f-strings with escape(): Markup.format is ten times slower on long documents
    return " ".join(
        f'{name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in values.items()
    )


def _claim_title(claim: Mapping, actors: Mapping[str, Mapping]) -> str:
    def name(actor_id):
        return (actors.get(actor_id) or {}).get("name") or actor_id

    words = [f"claim {claim['id']}:", name(claim.get("claimant_id")), claim.get("stance") or "?"]
    words.append(name(claim.get("subject_id")))
    if claim.get("degree") and claim["degree"] != "unspecified":
        words.append(f"({claim['degree']})")
    if claim.get("hedged"):
        words.append("(hedged)")
    return " ".join(str(w) for w in words)


def _open_claims(claims: list[Mapping], actors) -> Markup:
    stances = {c.get("stance") for c in claims}
    stance = stances.pop() if len(stances) == 1 else "mixed"
    attrs = _attrs(
        class_=f"kb-claim kb-stance-{stance}",
        data_claims=" ".join(str(c["id"]) for c in claims),
        data_stance=stance,
        title="; ".join(_claim_title(c, actors) for c in claims),
    )
    return Markup(f"<span {attrs}>")


def _open_mention(mention: Mapping, actors) -> Markup:
    actor_id = mention.get("actor_id") or "?"
    actor = actors.get(actor_id) or {}
    kind = actor.get("kind") or "unknown"
    name = actor.get("name") or actor_id
    attrs = _attrs(
        class_=f"kb-mention kb-kind-{kind}",
        data_actor=actor_id,
        data_kind=kind,
        title=f"{name} ({kind}) · {actor_id}",
    )
    return Markup(f"<mark {attrs}>")


def annotate(
    text: str | None,
    mentions: Iterable[Mapping],
    claims: Iterable[Mapping],
    actors: Mapping[str, Mapping],
) -> AnnotatedText:
    """Mark ``mentions`` and ``claims`` (rows with ``start_char``/``end_char``) in ``text``.

    ``actors`` maps actor ids to rows with ``name`` and ``kind`` (for the hover titles).
    Each claim's first piece is preceded by an empty ``<span id="claim-ID">`` anchor.
    """
    text = text or ""
    length = len(text)
    mention_spans, dropped = [], 0
    for row in mentions:
        if _valid(row.get("start_char"), row.get("end_char"), length):
            mention_spans.append(_Span(row["start_char"], row["end_char"], row))
        else:
            dropped += 1
    claim_spans, unlocated = [], []
    for row in claims:
        where = _claim_span(row, text)
        if where is None:
            unlocated.append(row["id"])
        else:
            claim_spans.append(_Span(*where, row))
    claim_spans.sort(key=lambda s: (s.start, s.row["id"]))
    # earliest, then longest mention wins where two mentions overlap
    mention_spans.sort(key=lambda s: (s.start, -s.end))

    cuts = sorted({0, length, *(p for s in claim_spans + mention_spans for p in (s.start, s.end))})
    out: list[Markup] = []
    open_claims: tuple[int, ...] = ()
    open_mention: int | None = None
    anchored: set[int] = set()
    marked: set[int] = set()
    next_claim = next_mention = 0
    active_claims: list[_Span] = []
    active_mentions: list[int] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        # sweep: spans start at a cut and, since every end is a cut too, cover whole pieces
        while next_claim < len(claim_spans) and claim_spans[next_claim].start <= left:
            active_claims.append(claim_spans[next_claim])
            next_claim += 1
        while next_mention < len(mention_spans) and mention_spans[next_mention].start <= left:
            active_mentions.append(next_mention)
            next_mention += 1
        active_claims = [s for s in active_claims if s.end > left]
        active_mentions = [i for i in active_mentions if mention_spans[i].end > left]
        covering = active_claims
        claim_key = tuple(s.row["id"] for s in covering)
        mention_index = active_mentions[0] if active_mentions else None
        if claim_key != open_claims:
            if open_mention is not None:
                out.append(Markup("</mark>"))
                open_mention = None
            if open_claims:
                out.append(Markup("</span>"))
            for span in covering:
                if span.row["id"] not in anchored:
                    anchored.add(span.row["id"])
                    out.append(Markup(f'<span class="kb-anchor" id="claim-{escape(span.row["id"])}"></span>'))
            if claim_key:
                out.append(_open_claims([s.row for s in covering], actors))
            open_claims = claim_key
        if mention_index != open_mention:
            if open_mention is not None:
                out.append(Markup("</mark>"))
            if mention_index is not None:
                out.append(_open_mention(mention_spans[mention_index].row, actors))
                marked.add(mention_index)
            open_mention = mention_index
        out.append(escape(text[left:right]))
    if open_mention is not None:
        out.append(Markup("</mark>"))
    if open_claims:
        out.append(Markup("</span>"))
    # a mention hidden under an earlier overlapping one is not marked on its own
    return AnnotatedText(
        html=Markup("").join(out),
        located_claims=frozenset(anchored),
        unlocated_claims=tuple(unlocated),
        marked_mentions=len(marked),
        dropped_mentions=dropped,
    )
