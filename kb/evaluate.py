"""Score the knowledge base against a gold set in the devset format.

A gold directory holds ``docs.jsonl`` (documents with ``id`` and ``lang``) and ``gold.jsonl``
(``{"doc_id", "actors": [ids], "claims": [{"claimant", "stance", "subject", "optional"?}]}``).
Actors match per document by id; claims match per document on ``(claimant, stance, subject)``.
A gold claim marked ``optional`` counts neither as missed nor, when found, as wrong. A gold
denial may name its ``counterpart`` (whose accusation it rejects): of the gold denials found,
``Evaluation.counterparts`` tells how many name the same counterpart.

A gold claim may name the incident its sentence names (``incident_id``, an id of
``data/incidents.jsonl``): of those the KB found, ``Evaluation.incident_accuracy`` is the share
that the KB links to the same incident.

A gold set may name an actor under another id than the KB's (DESIGN.md's company ids are the
upper-case name, ``NEW_YORK_TIMES``; a gold set may say ``NYT``). When the gold directory has
``actors.json`` (``{id: {name, aliases}}``), a KB id that is not a gold id is read as the gold
id whose name or aliases share one with the KB actor's, when exactly one gold id does
(``Evaluation.reconciled`` lists them). A KB id that is also a gold id is never renamed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn


@dataclass
class Evaluation:
    actors: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    claims: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    missing_documents: list[str] = field(default_factory=list)
    false_claims: list[tuple] = field(default_factory=list)
    missed_claims: list[tuple] = field(default_factory=list)
    false_actors: list[tuple[str, str]] = field(default_factory=list)  # (doc, actor id)
    missed_actors: list[tuple[str, str]] = field(default_factory=list)
    reconciled: dict[str, str] = field(default_factory=dict)  # KB id -> the gold's id for it
    # (doc, denier, subject, gold counterpart, the KB's counterpart) for each gold denial found
    counterparts: list[tuple[str, str, str, str, str | None]] = field(default_factory=list)
    # (doc, claimant, stance, subject, gold incident, the KB's incidents) for each gold claim that
    # names an incident (an "incident_id" key) and that the KB found
    incidents: list[tuple[str, str, str, str, str, tuple[str, ...]]] = field(default_factory=list)
    incident_claims: int = 0  # gold claims with an incident_id, found or not

    @property
    def incident_accuracy(self) -> float | None:
        """Share of the found gold claims naming an incident that the KB links to that incident."""
        if not self.incidents:
            return None
        return sum(gold in found for *_, gold, found in self.incidents) / len(self.incidents)

    @property
    def counterpart_accuracy(self) -> float | None:
        """Share of the found gold denials with a counterpart whose counterpart the KB names too."""
        if not self.counterparts:
            return None
        return sum(gold == found for *_, gold, found in self.counterparts) / len(self.counterparts)

    def rows(self) -> list[tuple[str, str, Score]]:
        out = [("actors", group, s) for group, s in sorted(self.actors.items(), key=_order)]
        out += [("claims", group, s) for group, s in sorted(self.claims.items(), key=_order)]
        return out

    def table(self) -> str:
        lines = [f"{'what':<8} {'group':<16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for what, group, s in self.rows():
            lines.append(
                f"{what:<8} {group:<16} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                f" {s.tp:5} {s.fp:5} {s.fn:5}"
            )
        return "\n".join(lines)


def _order(item):
    group = item[0]
    return (group != "overall", group.split(":")[0], group)


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _names(name, aliases) -> set[str]:
    if isinstance(aliases, str):
        try:
            aliases = json.loads(aliases)
        except ValueError:
            aliases = [aliases]
    return {n.strip().casefold() for n in [name, *(aliases or [])] if isinstance(n, str) and n.strip()}


def reconcile_ids(gold_actors: dict[str, dict], kb_actors) -> dict[str, str]:
    """KB id -> gold id for the same actor under another id (see the module docstring)."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for gold_id, actor in gold_actors.items():
        for name in _names(actor.get("name"), actor.get("aliases")):
            by_name[name].add(gold_id)
    mapping = {}
    for row in kb_actors:
        if row["id"] in gold_actors:
            continue
        candidates = set().union(*(by_name.get(n, set()) for n in _names(row["name"], row["aliases"])))
        if len(candidates) == 1:
            mapping[row["id"]] = candidates.pop()
    return mapping


def evaluate(gold_dir: str | Path, db_path: str | Path) -> Evaluation:
    gold_dir = Path(gold_dir)
    for name in ("docs.jsonl", "gold.jsonl"):
        if not (gold_dir / name).exists():
            raise FileNotFoundError(
                f"{gold_dir / name} not found: a gold directory holds docs.jsonl and gold.jsonl"
            )
    langs = {d["id"]: d.get("lang") or "und" for d in read_jsonl(gold_dir / "docs.jsonl")}
    db = sqlite_utils.Database(db_path)
    stored = {r["id"] for r in db.query("SELECT id FROM documents")}
    result = Evaluation()
    gold_actors_path = gold_dir / "actors.json"
    if gold_actors_path.exists():
        gold_actors = json.loads(gold_actors_path.read_text(encoding="utf-8"))
        result.reconciled = reconcile_ids(gold_actors, db.query("SELECT id, name, aliases FROM actors"))

    def as_gold(actor_id: str) -> str:
        return result.reconciled.get(actor_id, actor_id)

    for gold in read_jsonl(gold_dir / "gold.jsonl"):
        doc_id = gold["doc_id"]
        lang = langs.get(doc_id, "und")
        if doc_id not in stored:
            result.missing_documents.append(doc_id)
        found_actors = {
            as_gold(r["actor_id"])
            for r in db.query("SELECT DISTINCT actor_id FROM mentions WHERE document_id = ?", [doc_id])
        }
        gold_actors = set(gold.get("actors", []))
        tp = len(found_actors & gold_actors)
        for group in ("overall", f"lang:{lang}"):
            result.actors[group].add(tp, len(found_actors - gold_actors), len(gold_actors - found_actors))
        result.false_actors += [(doc_id, a) for a in sorted(found_actors - gold_actors)]
        result.missed_actors += [(doc_id, a) for a in sorted(gold_actors - found_actors)]

        has_incidents = "incident_id" in db["claims"].columns_dict
        rows = list(
            db.query(
                "SELECT claimant_id, stance, subject_id, counterpart_id"
                + (", incident_id" if has_incidents else ", NULL AS incident_id")
                + " FROM claims WHERE document_id = ?",
                [doc_id],
            )
        )
        found = {(as_gold(r["claimant_id"]), r["stance"], as_gold(r["subject_id"])) for r in rows}
        found_counterparts = {
            (as_gold(r["claimant_id"]), as_gold(r["subject_id"])): as_gold(r["counterpart_id"] or "") or None
            for r in rows
            if r["stance"] == "denies"
        }
        for claim in gold["claims"]:
            denial = (claim["claimant"], claim["subject"])
            if claim["stance"] == "denies" and claim.get("counterpart") and denial in found_counterparts:
                found_counterpart = found_counterparts[denial]
                result.counterparts.append((doc_id, *denial, claim["counterpart"], found_counterpart))
        found_incidents: dict[tuple, set[str]] = defaultdict(set)
        for r in rows:
            key = (as_gold(r["claimant_id"]), r["stance"], as_gold(r["subject_id"]))
            if r["incident_id"]:
                found_incidents[key].add(r["incident_id"])
        for claim in gold["claims"]:
            if claim.get("incident_id"):
                result.incident_claims += 1
                key = (claim["claimant"], claim["stance"], claim["subject"])
                if key in found:
                    linked = tuple(sorted(found_incidents.get(key, ())))
                    result.incidents.append((doc_id, *key, claim["incident_id"], linked))
        required = {
            (c["claimant"], c["stance"], c["subject"]) for c in gold["claims"] if not c.get("optional")
        }
        optional = {(c["claimant"], c["stance"], c["subject"]) for c in gold["claims"] if c.get("optional")}
        scored = found - (optional - required)
        for key in scored | required:
            hit, wrong, missed = (
                key in scored and key in required,
                key in scored and key not in required,
                (key in required and key not in scored),
            )
            for group in ("overall", f"lang:{lang}", f"stance:{key[1]}"):
                result.claims[group].add(int(hit), int(wrong), int(missed))
            if wrong:
                result.false_claims.append((doc_id, *key))
            if missed:
                result.missed_claims.append((doc_id, *key))
    return result
