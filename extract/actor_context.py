"""The context lexicon the actor linker reads (``patterns/actor_context.json``), compiled once per
language: word sets, and the patterns built from them (cyber terms, perpetrator cues, group shapes,
threat words, signatory headings, story terms).

Kept apart from ``extract.actors`` so the linker's module holds its pipeline only;
``extract.actors`` re-exports ``load_context``.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from extract.actor_group_names import quoted_group_pattern
from extract.actor_ruler import CJK

CONTEXT_FILE = Path(__file__).resolve().parent / "patterns" / "actor_context.json"


@functools.cache
def load_context(lang: str) -> dict:
    """The context lexicon of a language (``xx`` reads Spanish and English words too)."""
    data = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    if lang in data:
        base = data[lang]
    else:
        base = {}
        for source in ("es", "en"):
            for key, value in data[source].items():
                if isinstance(value, list):
                    base.setdefault(key, []).extend(value)
                else:
                    merged = base.setdefault(key, {})
                    for sub, words in value.items():
                        merged.setdefault(sub, []).extend(words)
    context = {key: set(value) if isinstance(value, list) else value for key, value in base.items()}
    context["group_shapes"] = [re.compile(p) for p in data["group_shapes"]]
    context["any_group_shape"] = _any_of(data["group_shapes"])
    # word-initial for alphabetic terms ("apt" but not "adapt"); anywhere for CJK ones
    words = "|".join(re.escape(t) for t in data["cyber_terms"] if not CJK.search(t))
    signs = "|".join(re.escape(t) for t in data["cyber_terms"] if CJK.search(t))
    context["cyber"] = re.compile(rf"(?<![^\W\d_])(?:{words})|{signs}", re.IGNORECASE)
    context["weak_cyber"] = frozenset(data.get("weak_cyber_terms", ()))
    if lang in data and base.get("perpetrator_cues"):
        generic = base.get("generic_perpetrator_cues", [])
        context["perpetrator"] = _cue_pattern(base["perpetrator_cues"] + generic)  # any cue
        context["strong_perpetrator"] = _cue_pattern(base["perpetrator_cues"])
        context["generic_perpetrator"] = _cue_pattern(generic) if generic else None
        # (a condemnation alone tells no story: 'condemned the deployment of troops to Russia')
        acts = [cue for cue in base["perpetrator_cues"] + generic if cue not in base.get("condemn_cues", ())]
        context["act_perpetrator"] = _cue_pattern(acts)
        context["quoted_group"] = quoted_group_pattern(context)
        agents = base.get("agent_cues")
        context["agent"] = _cue_pattern(agents) if agents else None
        launches = base.get("launch_cues")
        context["launch"] = _cue_pattern(launches) if launches else None
        instruments = base.get("instrument_cues")
        context["instrument"] = _cue_pattern(instruments) if instruments else None
        endorsements = base.get("endorsement_cues")
        context["endorsement"] = _cue_pattern(endorsements) if endorsements else None
        incidents = base.get("incident_cues")
        context["incident"] = _cue_pattern(incidents) if incidents else None
    threats = base.get("threat_words")
    context["threat"] = (
        re.compile(rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, threats))})", re.I) if threats else None
    )
    headings = base.get("signatory_headings")
    context["signatory_heading"] = (
        re.compile(rf"^\s*(?:{'|'.join(map(re.escape, headings))})\s*:\s*$", re.I | re.M)
        if headings
        else None
    )
    story = "|".join(re.escape(t) for t in data["story_terms"])
    context["story"] = re.compile(rf"(?<![^\W\d_])(?:{story})", re.IGNORECASE)
    return context


def _cue_pattern(cues: list[str]) -> re.Pattern:
    """Cues matched at word beginnings, also after a "cyber" prefix (« cybersanctions »,
    "cyberespionage"); a space in a cue matches any spacing."""
    words = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in cues)
    return re.compile(rf"(?:(?<![^\W\d_])|(?<=cyber)|(?<=cyber-))(?:{words})", re.IGNORECASE)


def _any_of(patterns: list[str]) -> re.Pattern | None:
    """One pattern that matches somewhere exactly when one of ``patterns`` does: a text without a
    match is ruled out in one scan instead of one per pattern. None when the patterns cannot be
    joined safely (numbered or named back-references, inline flags)."""
    if any(re.search(r"\\[1-9]|\(\?P|\(\?[aiLmsux]", p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None
