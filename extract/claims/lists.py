"""Lists of actors read from the text when the parser breaks them: 'Le FBI, la CISA et la NSA ont
identifié' parsed with two subjects, 'after the FBI, the NSA and CISA released' with the first name
hung on 'after'. A list is a run of actor names separated only by commas, determiners and one
joining word ('and', « et »); it stands together whatever the tree says."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.claims.view import DocView

# the kinds of actor that may speak in a list of claimants (never a threat group)
LIST_KINDS = frozenset({"state", "agency", "company", "intergov", "person", "other"})
MAX_GAP = 3  # separators between two names: ', and the'
MAX_ACRONYM = 6  # '(CISA)' or '(NCSC-UK)' after a name, before the next separator
HYPHENS = ("-", "‐", "–")


class ListedActors(DocView):
    """The other names of a list a claimant's name stands in."""

    def listed_beside(self, head: Token) -> list[Span]:
        """The names listed with the actor at ``head``, read from the words around it. Guards: the
        run holds a joining word; a name before it is of the same kind ('In Russia, the FBI and the
        NSA'); no name is the subject or object of another verb ('according to the FBI, Russia and
        China hacked', 'charged Li Wenhao, and Merrick Garland said'); no threat group is listed."""
        own = self.actor_at.get(head.i)
        if own is None or own.label_ not in LIST_KINDS:
            return []
        sent = self.sentence_of(head)
        after, joined_after = self._run(own, sent, step=1)
        before, joined_before = self._run(own, sent, step=-1)
        before = [a for a in before if a.label_ == own.label_]
        if not (joined_after or joined_before):
            return []
        clause = self._clause_of(own.root)
        run = [a for a in before + after if self._clause_of(a.root) in (clause, None)]
        if any(a.label_ not in LIST_KINDS for a in run):
            return []
        return [a for a in run if a.kb_id_ != own.kb_id_]

    def _run(self, own: Span, sent: Span, step: int) -> tuple[list[Span], bool]:
        """The names next to ``own`` on one side, and whether a joining word stands between."""
        found: list[Span] = []
        joined = False
        edge = own.end if step > 0 else own.start - 1
        while True:
            if step > 0:
                edge = self._past_acronym(edge, sent)
            i, seps, joins = edge, 0, False
            while sent.start <= i < sent.end and self._separates(self.doc[i]) and seps <= MAX_GAP:
                joins = joins or self.doc[i].lower_ in self.lex.list_joiners
                i, seps = i + step, seps + 1
            if seps == 0 or not (sent.start <= i < sent.end) or seps > MAX_GAP:
                break
            if step < 0 and self.doc[i].text == ")":
                i = self._before_acronym(i, sent)
            name = self._name_at(i, step)
            if name is None or name.label_ not in LIST_KINDS or joined and not joins and step > 0:
                break
            found.append(name)
            joined = joined or joins
            edge = name.end if step > 0 else name.start - 1
        return found, joined

    def _separates(self, token: Token) -> bool:
        return token.text in (",", ";") or token.lower_ in self.lex.list_joiners or token.pos_ == "DET"

    def _name_at(self, i: int, step: int) -> Span | None:
        """The longest actor name that starts (or, walking left, ends) at token ``i``."""
        spans = [s for s in self.spans_at.get(i, ()) if (s.start == i if step > 0 else s.end - 1 == i)]
        return max(spans, key=len) if spans else None

    def _past_acronym(self, edge: int, sent: Span) -> int:
        """'the Cybersecurity and Infrastructure Security Agency (CISA),': past the brackets."""
        if edge < sent.end and self.doc[edge].text == "(":
            for j in range(edge + 1, min(sent.end, edge + MAX_ACRONYM)):
                if self.doc[j].text == ")":
                    return j + 1
        return edge

    def _before_acronym(self, i: int, sent: Span) -> int:
        for j in range(i - 1, max(sent.start, i - MAX_ACRONYM) - 1, -1):
            if self.doc[j].text == "(":
                return j - 1
        return i

    def _clause_of(self, token: Token) -> Token | None:
        """The verb a name is the subject or object of, if any (through its conjunctions)."""
        current = token
        while current.dep_ == "conj" and current.head.i != current.i:
            current = current.head
        roles = self.deps["subj"] | self.deps["pass_subj"] | self.deps["obj"]
        return current.head if current.dep_ in roles else None

    def named_before_misread_verb(self, sent: Span, cue: Token, words: frozenset[str]) -> list[Span]:
        """'The NCSC and the FBI urge organisations to defend against ...' with 'urge' read as a noun
        (and the list as its owner): a verb of saying right after a list of names, before the cue,
        that the parser did not read as a verb. Not a noun that is an argument itself ('the FBI
        report on the group found'), nor half of a compound ('a PRC state-sponsored group')."""
        roles = self.deps["subj"] | self.deps["pass_subj"] | self.deps["obj"]
        for i in range(sent.start + 1, cue.i):
            word = self.doc[i]
            if word.lower_ not in words or word.pos_ in ("VERB", "AUX") or word.dep_ in roles:
                continue
            if i + 1 < sent.end and self.doc[i + 1].text in HYPHENS:
                continue  # 'a PRC state-sponsored group': half of a compound adjective
            own = self._name_at(i - 1, -1)
            if own is not None and own.label_ in LIST_KINDS:
                before, _ = self._run(own, sent, step=-1)
                return [a for a in before if a.label_ == own.label_][::-1] + [own]
        return []

    def included_after(self, head: Token) -> list[Span]:
        """'several groups behind the intrusions, including APT41': the members of a list after the
        head; also one the parser hung on an operation noun below it ('three entities responsible
        for cyber-attacks, including the Lazarus Group': an actor is no example of attacks). Not a
        company ('attacks on firms, including Sony': the firms are what was hit)."""
        found: list[Span] = []
        for word in self.subtree_of(head):
            if word.i <= head.i or word.lower_ not in self.lex.inclusion_words:
                continue
            if word.head.i != head.i and not self.is_operation(word.head):
                continue  # ('groups behind the intrusions, including APT41': on the head itself)
            for member in (c for c in self.kids(word) if c.i > word.i):
                found += [a for a in self.actors_in(self.phrase_tokens(member)) if a.label_ != "company"]
        return found
