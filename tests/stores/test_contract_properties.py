"""The store contract, part four: properties checked on generated articles (hypothesis).

- any sequence of ingests, replacements and deletions ends where the reference model says;
- ingesting any sequence of articles a second time changes nothing;
- the order of ingest does not show in the snapshot, down to the exported bytes;
- pages of actors, relations and articles neither skip nor repeat;
- curations undone in reverse order leave the store as if there had been none, even with
  articles ingested in between.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph.errors import BadInputError, NotFoundError
from graph.model import Actor, Extraction, Modality, RelationKind
from graph.stores.base import GraphSnapshot, GraphStore, RelationFilter

from .conftest import StoreMaker
from .corpus import ALL, EL_FASHER, FARDC, HOUTHIS, IRAN, M23, RSF, SAF, UAE, Fact, report
from .reference import expected_snapshot, ingested

PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# each actor with the other names an article may give it
POOL: list[tuple[Actor, tuple[str, ...]]] = [
    (RSF, ("RSF", "Quwat al-Da'm al-Sari")),
    (SAF, ("SAF", "the army")),
    (UAE, ("UAE", "Emirates")),
    (IRAN, ("Tehran",)),
    (HOUTHIS, ("Houthis", "Ansarullah")),
    (EL_FASHER, ()),
    (M23, ("March 23 Movement",)),
    (FARDC, ("FARDC", "Congolese army")),
]
DATES = [None, date(2023, 1, 1), date(2024, 6, 30)]
# few kinds and modalities, so that reports from different articles often merge
KINDS = [RelationKind.BACKS, RelationKind.FIGHTS, RelationKind.STRIKES]
MODALITIES = [Modality.ASSERTED, Modality.REPORTED, Modality.ALLEGED]


@st.composite
def articles(draw: st.DrawFn) -> Extraction:
    """A small article: its id from a few, so that later drafts replace earlier ones."""
    article_id = draw(st.sampled_from(["a0", "a1", "a2", "a3"]))
    published = draw(st.sampled_from(DATES))
    facts = []
    for i in range(draw(st.integers(0, 3))):
        (source, s_names), (target, t_names) = draw(
            st.lists(st.sampled_from(POOL[:5]), min_size=2, max_size=2, unique_by=lambda p: p[0].id)
        )
        s_text = draw(st.sampled_from((source.name, *s_names)))
        t_text = draw(st.sampled_from((target.name, *t_names)))
        kind = draw(st.sampled_from(KINDS))
        facts.append(Fact(
            _named(source, draw, s_names), kind, _named(target, draw, t_names),
            f"{s_text} {kind.value.lower()} {t_text} ({i}).", draw(st.sampled_from(MODALITIES)),
            draw(st.sampled_from([0.3, 0.5, 0.8, 0.95])), s_text, t_text,
        ))  # fmt: skip
    extra = [
        _named(a, draw, names) for a, names in draw(st.lists(st.sampled_from(POOL), max_size=2))
    ]
    ex = report(article_id, published, facts, extra=extra)
    # the text tells drafts apart, so equal text means an equal extraction
    text = f"{ex.article.text} {published} {[(a.id, a.aliases, a.mentions) for a in ex.actors]}"
    return dataclasses.replace(ex, article=dataclasses.replace(ex.article, text=text))


def _named(actor: Actor, draw: st.DrawFn, names: tuple[str, ...]) -> Actor:
    aliases = tuple(n for n in names if draw(st.booleans()))
    return dataclasses.replace(actor, aliases=aliases, mentions=draw(st.integers(1, 3)))


@contextmanager
def running(make_store: StoreMaker) -> Iterator[tuple[asyncio.Runner, GraphStore]]:
    """A store kept open across hypothesis examples, on one event loop."""
    with asyncio.Runner() as runner:
        opened = make_store.fresh()
        store = runner.run(opened.__aenter__())
        try:
            yield runner, store
        finally:
            runner.run(opened.__aexit__(None, None, None))


def exported(snapshot: GraphSnapshot) -> bytes:
    return json.dumps(dataclasses.asdict(snapshot), default=str, sort_keys=True).encode()


Op = tuple[str, Extraction]
T = TypeVar("T")


@PROPERTY
@given(ops=st.lists(st.tuples(st.sampled_from(["ingest", "ingest", "delete"]), articles()),
                    max_size=8))  # fmt: skip
def test_any_ingests_and_deletes_end_at_the_reference(
    make_store: StoreMaker, ops: list[Op]
) -> None:
    async def run() -> GraphSnapshot:
        async with make_store.fresh() as store:
            for op, ex in ops:
                if op == "ingest":
                    await store.ingest(ex)
                else:
                    await store.delete_article(ex.article.id)
            return await store.snapshot()

    current: dict[str, Extraction] = {}
    for op, ex in ops:
        if op == "ingest":
            ingested(current, ex)
        else:
            current.pop(ex.article.id, None)
    assert asyncio.run(run()) == expected_snapshot(current.values())


@PROPERTY
@given(batch=st.lists(articles(), max_size=6))
def test_ingesting_twice_changes_nothing(make_store: StoreMaker, batch: list[Extraction]) -> None:
    async def run() -> tuple[bytes, bytes]:
        async with make_store.fresh() as store:
            await store.ingest_many(batch)
            once = await store.snapshot()
            await store.ingest_many(batch)
            return exported(once), exported(await store.snapshot())

    once, twice = asyncio.run(run())
    assert once == twice


@PROPERTY
@given(data=st.data())
def test_ingest_order_does_not_show(make_store: StoreMaker, data: st.DataObject) -> None:
    batch = data.draw(st.lists(articles(), max_size=5, unique_by=lambda ex: ex.article.id))
    shuffled = data.draw(st.permutations(batch))

    async def run(order: list[Extraction]) -> bytes:
        async with make_store.fresh() as store:
            await store.ingest_many(order)
            return exported(await store.snapshot())

    assert asyncio.run(run(batch)) == asyncio.run(run(list(shuffled)))


async def _pages(page: Callable[[int], Awaitable[Sequence[T]]], total: int, size: int) -> list[T]:
    """Every page from offset 0 on, one past the end included (it must be empty)."""
    return [item for offset in range(0, total + size, size) for item in await page(offset)]


def test_pages_neither_skip_nor_repeat(make_store: StoreMaker) -> None:
    with running(make_store) as (runner, store):
        runner.run(store.ingest_many(ALL))

        @PROPERTY
        @given(
            size=st.integers(1, 7),
            query=st.sampled_from([None, "a", "forces", "r", "zz"]),
            kinds=st.sampled_from([None, frozenset({RelationKind.BACKS})]),
        )
        def check(size: int, query: str | None, kinds: frozenset[RelationKind] | None) -> None:
            async def pages() -> None:
                actors = await store.search_actors(query, limit=1000)
                paged = await _pages(lambda o: store.search_actors(query, limit=size, offset=o),
                                     len(actors), size)  # fmt: skip
                assert paged == actors and len({a.id for a in paged}) == len(paged)
                assert await store.count_actors(query) == len(actors)
                flt = RelationFilter(kinds=kinds)
                relations = await store.get_relations(flt, limit=1000)
                paged_r = await _pages(lambda o: store.get_relations(flt, limit=size, offset=o),
                                       len(relations), size)  # fmt: skip
                assert [r.id for r in paged_r] == [r.id for r in relations]
                assert len({r.id for r in paged_r}) == len(paged_r)
                assert await store.count_relations(flt) == len(relations)
                articles = await store.get_articles(limit=1000)
                paged_a = await _pages(lambda o: store.get_articles(limit=size, offset=o),
                                       len(articles), size)  # fmt: skip
                assert paged_a == articles and len(articles) == len(ALL)

            runner.run(pages())

        check()


CURATIONS = st.one_of(
    st.tuples(st.just("merge"), st.integers(0, len(POOL) - 1), st.integers(0, len(POOL) - 1)),
    st.tuples(st.just("alias"), st.integers(0, len(POOL) - 1), st.sampled_from(["Al", "Bo"])),
    st.tuples(st.just("split"), st.integers(0, len(POOL) - 1), st.integers(0, 3)),
)


async def _curate(store: GraphStore, action: tuple[str, int, object]) -> str | None:
    """Run one curation; ``None`` when the store refused it (a fine answer to a bad request)."""
    kind, index, arg = action
    actor, names = POOL[index]
    try:
        if kind == "merge":
            return (await store.merge_actors(actor.id, POOL[int(arg)][0].id)).id  # type: ignore[call-overload]
        if kind == "alias":
            return (await store.add_alias(actor.id, f"{arg} {actor.name}")).id
        split = [n for bit, n in enumerate(names) if int(arg) & (1 << bit)]  # type: ignore[call-overload]
        return (await store.split_actor(actor.id, split)).id
    except (BadInputError, NotFoundError):
        return None


@settings(PROPERTY, max_examples=150)
@given(
    base=st.lists(articles(), min_size=2, max_size=5),
    steps=st.lists(st.tuples(CURATIONS, st.none() | articles()), min_size=1, max_size=6),
)
def test_undoing_every_curation_restores_the_store(
    make_store: StoreMaker, base: list[Extraction], steps: list[tuple[tuple[str, int, object],
                                                                  Extraction | None]],
) -> None:  # fmt: skip
    later = [
        dataclasses.replace(ex, article=dataclasses.replace(ex.article, id=f"later-{i}"))
        for i, (_, ex) in enumerate(steps) if ex is not None
    ]  # fmt: skip

    async def run() -> GraphSnapshot:
        async with make_store.fresh() as store:
            await store.ingest_many(base)
            done, extra = [], iter(later)
            for action, ex in steps:
                if (cid := await _curate(store, action)) is not None:
                    done.append(cid)
                snapshot = await store.snapshot()
                actors = {a.id for a in snapshot.actors}
                assert all({r.source, r.target} <= actors for r in snapshot.relations)
                if ex is not None:  # articles keep coming between curations
                    await store.ingest(next(extra))
            event(f"{len(done)} curation(s) to undo")
            for cid in reversed(done):
                await store.undo(cid)
            return await store.snapshot()

    assert asyncio.run(run()) == expected_snapshot([*base, *later])
