"""A cue: a family of words that can trigger a claim (accuse, blame, "responsible for", deny,
"groundless"), with how it is read (``kind``) and what it asserts (``stance``, ``degree``); and
the reading and checking of a lexicon's "cues" list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.claims.inflection import expand
from extract.records import DEGREES, STANCES

CUE_KINDS = (
    "verb",
    "measure",
    "noun",
    "predicate",
    "deny",
    "baseless",
    "smear",
    "identity",
    "characterise",
    "link",
    "listing",
    "unrelated",
    "endorse",
    "alias",
)
# an operation noun with its agent ("Iran's cyberattacks", "an attack by Russia") said by a source
OPERATION_CUE_KIND = "operation"


@dataclass(frozen=True)
class Cue:
    """One cue word family from a lexicon file."""

    name: str
    kind: str
    stance: str
    degree: str = "unspecified"
    subject_preps: tuple[str, ...] = ()
    object_is_operation: bool = False
    requires_child: tuple[str, ...] = ()
    target_preps: tuple[str, ...] = ()  # 'linked to X': X is a subject too
    passive_is_victim: bool = False  # 'the companies were hacked': the subject is the victim
    verbal: bool = False  # only a verb ('APT28 attacked'), never the noun ('the attacks', 'les pirates')
    nominal: bool = False  # only a noun ('close ties to X'), never the verb ('links X to Y')
    requires_object: bool = False  # a verb cue read only with a direct object ('linked the hack to')
    target_is_object: bool = False  # 'on behalf of X', 'pour le compte du X': X is what the cue links to
    target_degree: str | None = None  # the degree of the targets: 'hacked airlines for Iran': sponsored
    target_kinds: tuple[str, ...] = ()  # the kinds of actor a target may be ('used by' a state, not a group)
    rejects_accusations: bool = False  # 'dénonce ces accusations': a denial when its object is one
    requires_negation: bool = False  # a denial only when negated: 'accepted no responsibility'
    reason_is_operation: bool = False  # 'singled out X for the breach', not 'for its support'
    subject_is_operation: bool = False  # 'the activity is consistent with X', not 'its findings are'
    subject_is_attacker: bool = False  # 'the hackers acted in association with X', not 'CISA, in ... with'
    child_is_attacker: bool = False  # 'a safe haven for cybercriminals', not 'for investors'
    cyber_object: bool = False  # what its required preposition governs is cyber: 'broke into the networks'
    not_after: tuple[str, ...] = ()  # no cue after these words: 'as part of the G7'
    # no cue with these words as its modifiers: 'diplomatic ties with Iran', « liens diplomatiques »
    not_modified_by: tuple[str, ...] = ()
    not_of_kinds: tuple[str, ...] = ()  # no accused of these kinds: 'criticised Optus for its role'
    subject_nouns: tuple[str, ...] = ()  # a measure's subject: 'the sanctions target X', not 'the measures'
    order: int = 0  # its place in the lexicon: of two cues on one word, the first is tried first


OPERATION_CUE = Cue(name="operation", kind=OPERATION_CUE_KIND, stance="accuses", degree="direct")
# a threat group as the subject of any active verb ('APT40 conducts reconnaissance'), said by a source
GROUP_ACTION_CUE = Cue(name="group action", kind="group_action", stance="accuses", degree="direct")


def read_cues(entries: list[dict], rules: list[dict], path: Path) -> tuple:
    """The cues with their forms, and the indexes of one-word forms: form -> cue (accusation
    nouns apart, as they may share a form with a verb: "charges"), form -> kinds of all its cues."""
    cues: dict[str, Cue] = {}
    noun_cues: dict[str, Cue] = {}
    cue_forms: list[tuple[Cue, tuple[str, ...]]] = []
    cue_kinds: dict[str, frozenset[str]] = {}
    for number, entry in enumerate(entries, 1):
        cue = read_cue(entry, f"{path}: cue #{number} ({entry.get('name', '?')})", number)
        forms = tuple(expand(entry.get("forms", ()), entry.get("lemmas", ()), rules))
        cue_forms.append((cue, forms))
        for form in forms:
            words = tuple(form.lower().split())
            if len(words) > 1:  # "sans fondement": found by the component's PhraseMatcher
                continue
            # ('took' is no denial cue until 'took no responsibility'; 'target' no cue until 'the
            # sanctions target': other readers never see these words as cues)
            if cue.kind == "measure":
                continue
            if not cue.requires_negation:
                cue_kinds[words[0]] = cue_kinds.get(words[0], frozenset()) | {cue.kind}
            (noun_cues if cue.kind == "noun" else cues).setdefault(words[0], cue)
    return cue_forms, cues, noun_cues, cue_kinds


def read_cue(entry: dict, where: str, order: int = 0) -> Cue:
    """One cue of a lexicon's "cues" list, checked; ``where`` names it in errors."""
    if entry.get("kind") not in CUE_KINDS:
        raise ValueError(f"{where}: kind must be one of {', '.join(CUE_KINDS)}")
    if entry.get("stance") not in STANCES:
        raise ValueError(f"{where}: stance must be one of {', '.join(STANCES)}")
    for key in ("degree", "target_degree"):
        if entry.get(key, "unspecified") not in DEGREES:
            raise ValueError(f"{where}: {key} must be one of {', '.join(DEGREES)}")
    return Cue(
        name=entry["name"],
        kind=entry["kind"],
        stance=entry["stance"],
        degree=entry.get("degree", "unspecified"),
        subject_preps=tuple(entry.get("subject_preps", ())),
        object_is_operation=bool(entry.get("object_is_operation", False)),
        cyber_object=bool(entry.get("cyber_object", False)),
        requires_child=tuple(entry.get("requires_child", ())),
        target_preps=tuple(entry.get("target_preps", ())),
        passive_is_victim=bool(entry.get("passive_is_victim", False)),
        verbal=bool(entry.get("verbal", False)),
        nominal=bool(entry.get("nominal", False)),
        requires_object=bool(entry.get("requires_object", False)),
        target_is_object=bool(entry.get("target_is_object", False)),
        target_degree=entry.get("target_degree"),
        target_kinds=tuple(entry.get("target_kinds", ())),
        rejects_accusations=bool(entry.get("rejects_accusations", False)),
        not_after=tuple(entry.get("not_after", ())),
        not_modified_by=tuple(entry.get("not_modified_by", ())),
        not_of_kinds=tuple(entry.get("not_of_kinds", ())),
        subject_nouns=tuple(entry.get("subject_nouns", ())),
        requires_negation=bool(entry.get("requires_negation", False)),
        reason_is_operation=bool(entry.get("reason_is_operation", False)),
        subject_is_operation=bool(entry.get("subject_is_operation", False)),
        subject_is_attacker=bool(entry.get("subject_is_attacker", False)),
        child_is_attacker=bool(entry.get("child_is_attacker", False)),
        order=order,
    )
