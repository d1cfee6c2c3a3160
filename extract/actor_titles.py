"""The state a person's title names (used by ``actor_linker``): "Foreign Ministry spokesperson
X" speaks for the state of the ministry, "U.S. Ambassador X" for the United States, "X, the
Chinese ambassador to the United States" for China (the country a diplomat is posted to, after
``host_preps``, is not the state). A minister or spokesperson whose title names no state speaks
for the state of the text's other people of state, else of its dateline, else of its publisher,
when exactly one is found. A company's staff ("SentinelOne researchers X") speak for the
company; a legislator ("U.S. Senator X") speaks for himself, and the state in his title is no
actor.

Part of ``extract.actors.ActorLinker`` (split from ``extract.actor_people``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

SENTENCE_END = {".", "!", "?", ";", ":", "\n", "\n\n"}
STATE_SIDE = ("state", "agency", "intergov")  # whose people speak for a state (not a company's)
TITLE_REACH = 12  # words between a title and the name it introduces, names of actors apart
EMPLOYERS = ("company", "other")  # whose staff speak for them: the organisation is the actor


def _in_spans(i: int, mentions) -> bool:
    return any(span.start <= i < span.end for span, _ in mentions)


class TitleRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.gazetteer`` and its caches."""

    def _legislator_states(self, doc, mentions) -> set[int]:
        """Where a state's name is part of a legislator's title ("United States Senator from
        Virginia, Mark Warner", « le sénateur américain X »): the starts of those state mentions,
        which are no part the state takes."""
        # the titles' string ids against the tokens' LOWER ids: no Token made for every word
        title_ids = {get_string_id(word) for word in self.context.get("legislator_titles", ())}
        titles = [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in title_ids]
        if not titles:
            return set()
        people = [span for span, _ in mentions if span.label_ == "person"]
        out = set()
        for span, _ in mentions:
            if span.label_ != "state":
                continue
            for i in titles:
                if not (0 <= i - span.end <= 1 or 0 <= span.start - i - 1 <= 1):
                    continue  # the state right before or right after the title
                if any(0 <= p.start - max(i + 1, span.end) <= TITLE_REACH for p in people):
                    out.add(span.start)
        return out

    def _officials_state(self, doc, mentions, people, officials, new_actors) -> None:
        """A minister or spokesperson whose title names no state speaks for the state of the
        text's other people of state, else of its dateline, else of its publisher: when one."""
        others = set()
        for span, _ in people:
            if span.kb_id_ in officials:
                continue
            known = self.gazetteer.get(span.kb_id_)
            country = known.country if known else getattr(new_actors.get(span.kb_id_), "country", None)
            if country:
                others.add(country)
        for states in (others, self._dateline_states(doc, mentions), self._publisher_states(doc)):
            if len(states) == 1:
                country = next(iter(states))
                for actor_id in officials:
                    new_actors[actor_id] = replace(new_actors[actor_id], country=country)
                return
            if states:
                return  # several states: the text does not say which

    def _dateline_states(self, doc, mentions) -> set[str]:
        """The state of a dateline at the start of the text: "OTTAWA, Ontario –", "PARIS –"."""
        head = doc[: min(len(doc), 12)]
        dash = next((t.i for t in head if t.text in ("–", "-", "—")), None)
        if dash is None:
            return set()
        found = set()
        for token in doc[:dash]:
            for alias in self.lookup(token.text):
                actor = self.gazetteer.get(alias.actor_id)
                if alias.role in ("capital", "name") and actor.kind == "state":
                    found.add(actor.id)
                    break
        return found

    def _publisher_states(self, doc) -> set[str]:
        """The states of the official bodies that publish the document (``doc._.publisher``, which
        the pipeline sets from the document's metadata): "Global Affairs Canada" -> CAN."""
        publisher = doc._.publisher if Doc.has_extension("publisher") else None
        if not publisher:
            return set()
        from extract.claims.document import official_publishers  # a reader of the claims side

        actors = (self.gazetteer.get(actor_id) for actor_id, _ in official_publishers(publisher))
        return {actor.country for actor in actors if actor is not None and actor.country}

    def _office_states(self, doc, mentions) -> list[tuple[Span, str]]:
        """The state whose office a title names: "Foreign Ministry spokesperson Hua Chunying" -> CHN."""
        out = []
        for span, _ in list(mentions):
            if span.label_ != "person":
                continue
            titled = self._title_country(doc, span.start, span.end, mentions)
            if titled is None or titled[1] is None:
                continue
            person = self.gazetteer.get(span.kb_id_)
            country = titled[0] or (person.country if person else None)
            if not country or any(
                m.kb_id_ == country and abs(m.start - span.start) < 8 for m, _ in mentions + out
            ):
                continue
            out.append((Span(doc, titled[1], titled[1] + 1, label="state", kb_id=country), "office"))
        return out

    def _title_country(self, doc, start, end, mentions) -> tuple[str | None, int | None, str | None] | None:
        """(country read in the title, index of a state title such as "spokesperson", the company
        the title names: "SentinelOne researchers", "analyste chez Sekoia") when a title introduces
        the person; None when there is no title."""
        found, window, state_title = self._title_before(doc, start, mentions)
        if not found:
            # "<Name>, <title> of <state>"; an article's lead: "<Name> (...) is a North Korean
            # programmer and hacker", « <Name> est un pirate informatique russe »
            found, window, state_title = self._title_after(doc, end, window, state_title)
        if not found:
            return None
        return self._title_state(doc, window, state_title, mentions)

    def _title_before(self, doc, start, mentions) -> tuple[bool, list[int], int | None]:
        """(a title found, the words read before the name, index of a state title) for a title
        before the name: "Foreign Ministry spokesperson X", « le porte-parole X »."""
        titles, bridge = self.context["titles"], self.context["title_bridge"]
        window: list[int] = []
        found = False
        state_title = None
        i = start - 1
        in_mentions = 0  # tokens of named actors do not count against the reach: "The Director-
        # General of the Government Communications Security Bureau (GCSB), Andrew Hampton"
        while i >= 0 and i >= start - TITLE_REACH - in_mentions and doc[i].text not in SENTENCE_END:
            if _in_spans(i, mentions):
                in_mentions += 1
            token = doc[i]
            if token.lower_ in titles:
                found = True
                if token.lower_ in self.context["state_titles"]:
                    state_title = i
            elif not (
                token.lower_ in bridge
                or token.is_title
                or token.is_upper
                or token.pos_ == "ADJ"  # « le ministre de la Sécurité publique, l'honorable X »
                or _in_spans(i, mentions)
            ):
                break
            window.append(i)
            i -= 1
        return found, window, state_title

    def _title_after(self, doc, end, window: list[int], state_title) -> tuple[bool, list[int], int | None]:
        """(a title found, the words read after the name, index of a state title) for a title
        after the name or the copula of an article's lead; ``window`` unchanged when no
        apposition or lead follows the name."""
        titles = self.context["titles"]
        found = False
        j = end
        skipped = self.context.get("post_nominals", set()) | {"(", ")"}  # 'Jane Roe MP, Minister'
        while j < len(doc) and doc[j].lower_ in skipped:
            j += 1
        copula = j + 1 < len(doc) and doc[j].lower_ in self.context.get("lead_copulas", ())
        if copula and doc[j + 1].lower_ in self.context.get("articles", ()):
            j = j + 1  # (read the description as a title after a comma)
        if j < len(doc) and (doc[j].text == "," or copula and j > end):
            window = []
            k = j + 1
            while k < len(doc) and k <= j + 6 and doc[k].text not in SENTENCE_END | {","}:
                if doc[k].pos_ == "VERB":
                    break  # 'X, a Russian national who hacked Medibank': no employer past the verb
                if doc[k].lower_ in titles:
                    found = True
                    if doc[k].lower_ in self.context["state_titles"] and state_title is None:
                        state_title = k
                window.append(k)
                k += 1
        return found, window, state_title

    def _title_state(
        self, doc, window: list[int], state_title, mentions
    ) -> tuple[str | None, int | None, str | None]:
        """(country, state title, employer) read in the title's words ``window``: the state of a
        state-side actor named there, else of a portfolio only one state has, else the company."""
        if any(doc[i].lower_ in self.context.get("legislator_titles", ()) for i in window):
            return None, None, None  # "U.S. Senator X": a legislator speaks for himself
        hosts = self.context.get("host_preps", ())
        employer = None
        for span, _ in sorted(mentions, key=lambda item: item[0].start):
            if span.start in window or span.end - 1 in window:
                before = span.start - 1
                while before > 0 and doc[before].lower_ in ("the", "l'", "l’", "la", "le", "les"):
                    before -= 1
                if before >= 0 and doc[before].lower_ in hosts:
                    continue  # "ambassador to Albania", "ambassadeur en Albanie": the host, not the sender
                if span.label_ in EMPLOYERS:
                    employer = employer or span.kb_id_
                actor = self.gazetteer.get(span.kb_id_)
                if actor is not None and actor.country and actor.kind in STATE_SIDE:
                    return actor.country, None, None
        if employer and any(doc[i].lower_ in self.context["leader_titles"] for i in window):
            employer = None  # "Netwatch founder and CEO John Smith": a person in his own right
        portfolios = self.context.get("portfolio_states", {})
        for i in window:  # « le ministre des Armées »: a portfolio only one state has
            if doc[i].is_title and doc[i].lower_ in portfolios:
                return portfolios[doc[i].lower_][0], state_title, None
        return None, state_title, employer
