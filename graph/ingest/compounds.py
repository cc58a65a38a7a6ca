"""Relations packed into a name: 'Iran-backed Hezbollah', 'U.S.-backed forces' (backing),
and 'President Bashar al-Assad', 'RSF commander Hemedti' (a titled leader leads)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graph.ingest.coref import is_definite
from graph.ingest.emit import Candidate, Emitter
from graph.ingest.resolve import ACTOR_KINDS, Context, Resolved
from graph.ingest.words import word_set
from graph.model import RelationKind

__all__ = ["CompoundPatterns", "is_backing_label"]

LEADER_TITLES = word_set("leader_titles")
BACKED_SUFFIXES = ("-backed", "-supported", "-funded", "-sponsored", "-armed", "-allied")


def is_backing_label(token: Token) -> bool:
    """'Iran-backed' in 'Iran-backed Hezbollah': a label the reporter gives, not a clause that
    a denial or a modal could govern ('denied that it backed X' is no label)."""
    split = token.lower_ == "backed" and token.i > 1 and token.nbor(-1).text == "-"
    return split or ("-" in token.text and token.lower_.endswith(BACKED_SUFFIXES))


class CompoundPatterns:
    def __init__(self, emitter: Emitter) -> None:
        self.emitter = emitter

    def read(self, token: Token, ctx: Context) -> Iterator[Candidate]:
        yield from self._hyphen_backed(token, ctx)

    def _hyphen_backed(self, token: Token, ctx: Context) -> Iterator[Candidate]:
        """'Iran-backed Hezbollah' (split by the tokenizer) and 'U.S.-backed forces' (one token)."""
        if not is_backing_label(token):
            return
        backer: Resolved | None = None
        if token.lower_ == "backed" and token.nbor(-1).text == "-":
            found = ctx.actors(token.nbor(-2)) or ctx.modifier(token.nbor(-2))  # "Saudi-backed"
            backer = found[0] if found else None
        else:
            prefix = token.text.rsplit("-", 1)[0]
            found_entry = ctx.lexicon.lookup(prefix)
            backer = Resolved(found_entry[0], prefix) if found_entry else None
        target = token.head
        for _ in range(3):  # "Western and Saudi-backed Hadi": past the coordinated modifier
            if target.pos_ in ("ADJ", "VERB") and target.dep_ in ("conj", "amod"):
                target = target.head
        if backer is None or backer.entry.kind not in ACTOR_KINDS:
            return
        definite = is_definite(target) or any(c.dep_ == "poss" for c in target.children)
        patients = [r for r in ctx.actors(target) if definite or not r.generic]
        leader = ctx.mentions.at(target.i)
        if not patients and leader is not None and leader.entry.leads:
            patients = [Resolved(leader.entry, leader.text)]  # "the Saudi-backed Hadi"
        for patient in patients:
            # "the Iran-backed group" is the group named before; "US-backed militias" with
            # no name given are no one the graph knows
            yield from self.emitter.emit(RelationKind.BACKS, backer, patient, token, 0.85)

    def leads(self, sent: Span, ctx: Context) -> Iterator[Candidate]:
        """'President Bashar al-Assad', 'RSF commander Hemedti': a titled leader leads."""
        for mention in ctx.mentions.items:
            if mention.reading != "leader" or not sent.start <= mention.start < sent.end:
                continue
            span = ctx.doc[mention.start : mention.end]
            titles = [
                t
                for tok in span
                for t in tok.children
                if t.lower_ in LEADER_TITLES and t.i < mention.start
            ]
            led = ctx.lexicon.entry(mention.entry.leads or "")
            if titles and led is not None:
                person = Resolved(mention.entry, mention.text)
                yield Candidate(RelationKind.LEADS, person, Resolved(led, led.name), titles[0], 0.9)
