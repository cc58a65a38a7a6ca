"""How firmly the text states an event.

An event is asserted, reported, claimed, alleged, denied or hypothetical.

The trigger's own clause and the clauses that govern it are read upwards: a negation or a verb
of denial makes it denied, "accused X of" alleged, a modal, a condition or a verb of intent
("vowed to", "closing in on") hypothetical, "X said" reported.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.ingest.lexicon import Triggers
from graph.ingest.words import word_set
from graph.model import Modality

__all__ = ["ModalityReader"]

CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "csubj", "conj"})
NOT_AGENTS = word_set("report_nouns")


class ModalityReader:
    def __init__(self, triggers: Triggers) -> None:
        m = triggers.modality
        self.deny, self.allege, self.claim = m("deny_verbs"), m("allege_verbs"), m("claim_verbs")
        self.report, self.hedge = m("report_verbs"), m("hedge_verbs")
        self.hedge_nouns, self.modals = m("hedge_nouns"), m("modals")
        self.conditional, self.hedge_adj = m("conditional_marks"), m("hedge_adjectives")
        self.alleged_adv = m("alleged_adverbs")
        self.motion = m("motion_verbs")
        self.temporal = m("temporal_marks")
        self.noun_modality = {
            **dict.fromkeys(m("allege_nouns"), Modality.ALLEGED),
            **dict.fromkeys(m("claim_nouns"), Modality.CLAIMED),
            **dict.fromkeys(m("report_nouns"), Modality.REPORTED),
            **dict.fromkeys(self.hedge_nouns, Modality.HYPOTHETICAL),
        }

    def read(self, trigger: Token) -> Modality:
        """The modality of the event that ``trigger`` names."""
        reported = False
        said: Modality | None = None  # what a noun completed by a "that" clause makes of it
        chain = [trigger, *trigger.ancestors]
        for depth, token in enumerate(chain):
            found = self._local(token, is_trigger=depth == 0)
            if found is not None:
                return found
            if not depth:
                continue
            below = chain[depth - 1]
            governed = below.dep_  # how the event hangs from this word
            if governed == "acl" and _content_clause(below):
                # "rejects accusations that it supports the M23": the accusation alleges,
                # and whatever governs the noun (here a denial) still counts
                said = said or self.noun_modality.get(token.lemma_.lower())
                continue
            if governed in ("relcl", "acl", "appos"):
                break  # "Egypt, which backs the army, has called for": the main clause is not
                # what governs the relative clause
            lemma = token.lemma_.lower()
            if lemma in self.deny:
                return Modality.DENIED
            if lemma in self.allege:
                return Modality.ALLEGED
            if lemma in self.claim:
                # "claimed (responsibility for) an attack", "claimed to have taken the town",
                # "said it had seized X": a party's own account of what it did is its report;
                # "claimed that the army shelled X" is a claim about another
                if governed not in CLAUSAL or _own_account(below):
                    return Modality.REPORTED
                return Modality.CLAIMED
            if lemma in self.motion and below.lower_ == "with":
                continue  # "advanced with the help of Y": Y's help is not in doubt
            if (
                governed == "advcl"
                and any(c.dep_ == "mark" and c.lower_ in self.temporal for c in below.children)
            ) or (governed == "prep" and below.lower_ in self.temporal):
                # "pushed on as Hamas ambushed a patrol", "closing in on Homs after capturing
                # Hama": an event of its own, not what the movement aims at
                continue
            if lemma in self.hedge or lemma in self.hedge_nouns:
                return Modality.HYPOTHETICAL
            if lemma in self.report:
                reported = True
                break  # what a source says is read as its report, whatever governs the source
        if said is not None:
            return said
        if reported or self._according_to(trigger):
            return Modality.REPORTED
        return Modality.ASSERTED

    def speaker(self, trigger: Token) -> Token | None:
        """The subject of the verb of saying that reports the event: 'state media' in
        'state media said an Israeli strike had hit the airport'."""
        below = trigger
        for token in trigger.ancestors:
            if below.dep_ in ("relcl", "acl", "appos"):
                return None
            if token.lemma_.lower() in self.report:
                return next((c for c in token.children if c.dep_ == "nsubj"), None)
            below = token
        return None

    def _local(self, token: Token, *, is_trigger: bool) -> Modality | None:
        for child in token.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ in ("nsubj", "nsubjpass") and _nobody(child)):
                return Modality.DENIED
            if child.dep_ == "aux" and word in self.modals:
                return Modality.HYPOTHETICAL
            if child.dep_ == "mark" and word in self.conditional:
                return Modality.HYPOTHETICAL
            if child.dep_ == "advmod" and word in self.alleged_adv:
                return Modality.ALLEGED if word != "reportedly" else Modality.REPORTED
            if is_trigger and child.dep_ == "amod" and word in self.hedge_adj:
                return Modality.HYPOTHETICAL
        return None

    def _according_to(self, trigger: Token) -> bool:
        sent = trigger.sent
        if "ccording" not in sent.text:
            return False
        return any(
            t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in sent if t.i + 1 < sent.end
        )


def _content_clause(verb: Token) -> bool:
    """A clause opened by 'that' that completes a noun ('reports that'), not a relative one."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def _nobody(subject: Token) -> bool:
    """'Neither Iran nor Hezbollah', 'no group': a subject that says no one did it ('no
    information on casualties was reported' says nothing of the event)."""
    if subject.lemma_.lower() in NOT_AGENTS:
        return False
    return any(
        c.dep_ in ("preconj", "det") and c.lower_ in ("neither", "no") for c in subject.children
    )


def _own_account(clause: Token) -> bool:
    """'claimed to have killed', 'claimed it had seized': the claimant tells of its own act."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return clause.dep_ == "xcomp"
    return subjects[0].lower_ in ("it", "they", "we")
