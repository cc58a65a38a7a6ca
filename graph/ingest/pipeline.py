"""Article text in, :class:`~graph.model.Extraction` out.

>>> from graph.model import Article
>>> extractor = Extractor.load()
>>> ex = extractor.extract(Article("a", "Iran-backed Hamas fired rockets at Tel Aviv."))
>>> sorted((r.kind.value, r.source, r.target) for r in ex.relations)[:2]
[('BACKS', 'state:iran', 'faction:hamas'), ('STRIKES', 'faction:hamas', 'city:tel-aviv')]
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Token

from graph.ingest.compounds import is_backing_label
from graph.ingest.dates import event_date
from graph.ingest.dates import warm_up as warm_up_dates
from graph.ingest.gazetteer import Gazetteer, load_gazetteer
from graph.ingest.lexicon import Entry, Lexicon, load_lexicon
from graph.ingest.mention_types import tokens_where
from graph.ingest.mentions import MentionFinder
from graph.ingest.modality import ModalityReader
from graph.ingest.nlp import for_parser, load_nlp
from graph.ingest.relations import Candidate, RelationReader
from graph.ingest.resolve import ACTOR_KINDS, Context
from graph.ingest.resolved import PLACE_KINDS
from graph.ingest.tree import governs
from graph.model import (
    Actor,
    ActorKind,
    Article,
    Evidence,
    Extraction,
    Modality,
    Relation,
    RelationKind,
    actor_id,
)

__all__ = ["FAILED", "Extractor"]

log = logging.getLogger(__name__)
FAILED = "extraction failed"

# English prose runs at 35-50 % stop words, even headline-dense wire copy above 15 %; French or
# Spanish text scores near zero against the English list.
ENGLISH_MIN_STOPWORD_SHARE = 0.06
MIN_WORDS_TO_JUDGE = 25


@dataclass
class _ActorBuilder:
    id: str
    entry: Entry
    surfaces: set[str]
    mentions: int = 0


class Extractor:
    """Load once (spaCy, lexicon, gazetteer), then extract any number of articles."""

    def __init__(self, nlp: Any, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.nlp, self.lexicon = nlp, lexicon
        self.finder = MentionFinder(nlp, lexicon, gazetteer)
        self.relations = RelationReader(lexicon.triggers)
        self.modality = ModalityReader(lexicon.triggers)

    @classmethod
    def load(cls) -> Extractor:
        warm_up_dates()
        return cls(load_nlp(), load_lexicon(), load_gazetteer())

    def extract(self, article: Article) -> Extraction:
        return next(self.extract_many([article]))

    def extract_many(
        self, articles: Iterable[Article], n_process: int = 1, batch_size: int = 32
    ) -> Iterator[Extraction]:
        """Extract in spaCy batches; results come in input order."""
        pairs = ((for_parser(a.text), self._fit(a)) for a in articles)
        docs = self.nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size)
        for doc, article in docs:
            try:
                yield self.from_doc(doc, article)
            except Exception as exc:  # one bad article must not end a batch of thousands
                log.exception("extraction failed for article %s", article.id)
                yield Extraction(article, (), (), (f"{FAILED}: {type(exc).__name__}: {exc}",))

    def _fit(self, article: Article) -> Article:
        """Let spaCy take any text the readers admitted (ACTORGRAPH_MAX_TEXT_CHARS decides)."""
        if len(article.text) > self.nlp.max_length:
            self.nlp.max_length = len(article.text)
        return article

    def from_doc(self, doc: Doc, article: Article) -> Extraction:
        if not _looks_english(doc):
            warning = "the text does not look like English; nothing was extracted"
            return Extraction(article, (), (), (warning,))
        mentions = self.finder.find(doc)
        ctx = Context(doc, mentions, self.lexicon, self.finder.gazetteer)
        builders: dict[str, _ActorBuilder] = {}
        for mention in mentions.items:
            if mention.reading in ("capital", "seat") and governs(doc[mention.end - 1]):
                self._note(builders, mention.entry, mention.text, article.id)
            elif mention.reading in ("capital", "seat"):
                # a capital is its government only where it acts ("Moscow denied"); elsewhere
                # a bare mention is the city
                place = ctx.places(doc[mention.end - 1])
                if place:
                    self._note(builders, place[0].entry, mention.text, article.id)
            elif mention.reading != "demonym":
                self._note(builders, mention.entry, mention.text, article.id)
        self._note_force_phrases(doc, ctx, builders, article.id)
        relations = []
        for sent in doc.sents:
            for cand in self.relations.read(sent, ctx):
                relations.append(self._relation(cand, article, builders, ctx))
        actors = tuple(sorted((self._actor(b) for b in builders.values()), key=lambda a: a.id))
        return Extraction(article, actors, tuple(_dedupe(relations)))

    def _note_force_phrases(
        self, doc: Doc, ctx: Context, builders: dict[str, _ActorBuilder], scope: str
    ) -> None:
        """Record "Assad's forces", "Russian aircraft", "the Syrian government" as names of
        the actor they stand for, wherever they appear, so the graph can be searched by them."""
        for token in tokens_where(doc, lower_in=ctx.force_nouns):
            if token.pos_ != "NOUN":
                continue
            if ctx.mentions.at(token.i) is not None:
                continue
            for resolved in ctx.actors(token):
                if resolved.alias and resolved.entry.kind in ACTOR_KINDS:
                    self._note(builders, resolved.entry, resolved.surface, scope)

    def _note(
        self,
        builders: dict[str, _ActorBuilder],
        entry: Entry,
        surface: str,
        scope: str,
        *,
        alias: bool = True,
    ) -> str:
        key = _entry_id(entry, scope)
        builder = builders.setdefault(key, _ActorBuilder(key, entry, set()))
        if alias:
            builder.surfaces.add(surface.strip())
        builder.mentions += 1
        return key

    def _relation(
        self,
        cand: Candidate,
        article: Article,
        builders: dict[str, _ActorBuilder],
        ctx: Context,
    ) -> Relation:
        source = self._note(
            builders, cand.source.entry, cand.source.surface, article.id, alias=cand.source.alias
        )
        target = self._note(
            builders, cand.target.entry, cand.target.surface, article.id, alias=cand.target.alias
        )
        sent = cand.trigger.sent
        evidence = Evidence(
            article_id=article.id,
            sentence=article.text[sent.start_char : sent.end_char],  # as written, "[" and all
            start=sent.start_char,
            end=sent.end_char,
            trigger=cand.trigger.text,
            source_text=cand.source.surface,
            target_text=cand.target.surface,
            published=article.published,
            event_date=event_date(cand.trigger, article.published),
        )
        return Relation(
            source=source,
            target=target,
            kind=cand.kind,
            modality=self._modality(cand, ctx),
            confidence=cand.confidence,
            evidence=(evidence,),
            first_reported=article.published,
            last_reported=article.published,
        )

    def _modality(self, cand: Candidate, ctx: Context) -> Modality:
        if cand.kind is RelationKind.LEADS or is_backing_label(cand.trigger):
            # a title or an 'X-backed' label is the reporter's own description, whatever
            # the clause around it says
            return Modality.ASSERTED
        modality = self.modality.read(cand.trigger)
        if modality is Modality.REPORTED and self._victims_account(cand, ctx):
            return Modality.CLAIMED
        return modality

    def _victims_account(self, cand: Candidate, ctx: Context) -> bool:
        """'Syrian state media said an Israeli strike hit the airport in Mezzeh': one side's
        word on what the other did to it is its claim, not a third party's report."""
        if cand.kind is not RelationKind.STRIKES:
            return False
        subject = self.modality.speaker(cand.trigger)
        if subject is None:
            return False
        speaker = _party(subject, ctx)
        if speaker is None or speaker.name == cand.source.entry.name:
            return False  # a party's own account of its own act is its report
        target = cand.target.entry
        if target.name == speaker.name:
            return True
        if target.kind not in PLACE_KINDS:
            return False
        # a place no list locates lies, most likely, in the state the article is about
        home = ctx.home_state.countries if ctx.home_state is not None else ()
        return bool(set(target.countries or home) & set(speaker.countries))

    def _actor(self, builder: _ActorBuilder) -> Actor:
        entry = builder.entry
        name = _display_name(entry)
        aliases = {*entry.aliases, *builder.surfaces, entry.name} - {name, ""}
        return Actor(
            id=builder.id,
            name=name,
            kind=entry.kind,
            aliases=tuple(sorted(aliases)),
            location=entry.location,
            mentions=builder.mentions,
        )


def _display_name(entry: Entry) -> str:
    """A town under the name the article gave it when GeoNames' main name is a transliteration
    English news does not use ('Kobani', not '‘Ayn al ‘Arab'; 'Hama', not 'Ḩamāh'). The id
    stays GeoNames', so every spelling lands on one node, and its name stays an alias."""
    if entry.kind is not ActorKind.CITY or entry.location is None or entry.name.isascii():
        return entry.name
    written = [a for a in entry.aliases if a[:1].isupper() and a.isascii()]
    return written[0] if written else entry.name


def _entry_id(entry: Entry, article_id: str) -> str:
    """Unnamed facilities and areas ("the hospital") are kept apart per article."""
    if entry.kind in (ActorKind.FACILITY, ActorKind.REGION) and entry.name[:1].islower():
        return actor_id(entry.kind, f"{entry.name} {article_id}")
    return entry.id


def _dedupe(relations: list[Relation]) -> Iterator[Relation]:
    """One relation per (source, kind, target, modality), with every sentence that states it."""
    seen: dict[str, Relation] = {}
    for rel in relations:
        kept = seen.get(rel.id)
        if kept is None:
            seen[rel.id] = rel
            continue
        sentences = {e.start for e in kept.evidence}
        extra = tuple(e for e in rel.evidence if e.start not in sentences)
        seen[rel.id] = replace(
            kept,
            confidence=max(kept.confidence, rel.confidence),
            evidence=kept.evidence + extra,
        )
    yield from seen.values()


def _looks_english(doc: Doc) -> bool:
    words = [t for t in doc[:400] if t.is_alpha]
    if len(words) < MIN_WORDS_TO_JUDGE:
        return True  # too short to judge: let the extractor try
    return sum(t.is_stop for t in words) / len(words) >= ENGLISH_MIN_STOPWORD_SHARE


def _party(subject: Token, ctx: Context) -> Entry | None:
    """The state or armed group a speaker belongs to: 'the Russian defence ministry', 'Syrian
    state media', 'the Houthis'; None for a monitor, a witness or an aid agency."""
    mention = ctx.mentions.at(subject.i)
    if mention is None:
        mentions = (
            ctx.mentions.at(c.i)
            for c in subject.children
            if c.dep_ in ("amod", "compound", "poss", "nmod")
        )
        mention = next((m for m in mentions if m is not None), None)
    if mention is None or mention.entry.kind not in (ActorKind.STATE, ActorKind.FACTION):
        return None
    return mention.entry
