"""The Mutation root: ingest and delete articles, and curate actors.

Expected failures come back as typed union members (``TextTooLarge``, ``ActorNotFound`` ...);
when an API key is configured every mutation needs it (see ``api.auth``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from typing import Any

import strawberry

from api.auth import RequireApiKey
from api.errors import translate_store_errors
from api.results import (
    ActorNotFound,
    ArticleNotFound,
    BadInput,
    CurationNotFound,
    CurationOutcome,
    CurationSuccess,
    DeleteOutcome,
    DeleteSuccess,
    EmptyText,
    IngestOutcome,
    IngestSuccess,
    StoreReadOnly,
    TextTooLarge,
)
from api.types import ActorNode, Ctx, CurationNode, actor_nodes, relation_nodes
from api.validate import (
    MAX_SPLIT_NAMES,
    article_id_problem,
    name_problem,
    title_problem,
    url_problem,
)
from graph.errors import BadInputError, NotFoundError, StoreReadOnlyError
from graph.ingest.readers import check_text
from graph.model import ActorKind, Article
from graph.stores.base import CurationRecord

__all__ = ["Mutation"]


READ_ONLY = "The graph store is read-only: this server can answer queries but store nothing."


def guarded(resolver: Callable[..., Awaitable[object]]) -> Any:
    """A mutation that needs the API key when one is configured."""
    return strawberry.mutation(resolver, permission_classes=[RequireApiKey])


def _ingest_problem(
    text: str, limit: int, id: str | None, title: str | None, url: str | None
) -> IngestOutcome | None:
    if len(text) > limit:
        return TextTooLarge(
            message=f"The text has {len(text)} characters; the limit is {limit}.",
            limit=limit,
            size=len(text),
        )
    if not text.strip():
        return EmptyText(message="The text is empty.")
    problem = (
        (id is not None and article_id_problem(id))
        or (title is not None and title_problem(title))
        or (url is not None and url_problem(url))
    )
    return BadInput(message=problem) if problem else None


async def _missing_actor(info: Ctx, *ids: str) -> ActorNotFound | None:
    """The first of ``ids`` that names no actor, as a typed error."""
    with translate_store_errors():
        found = await info.context.store.get_actors(list(ids))
    for actor_id, actor in zip(ids, found, strict=True):
        if actor is None:
            return ActorNotFound(
                message=f"No actor has id {actor_id!r}.", actor_id=strawberry.ID(actor_id)
            )
    return None


async def _curated(info: Ctx, record: CurationRecord) -> CurationSuccess:
    # read the actor straight from the store: the request's loader may hold its old state
    with translate_store_errors():
        actor = await info.context.store.get_actor(record.actor_id)
    return CurationSuccess(
        curation=CurationNode.of(record), actor=None if actor is None else ActorNode.of(actor)
    )


async def _curate(
    info: Ctx, actor_ids: tuple[str, ...], step: Callable[[], Awaitable[CurationRecord]]
) -> CurationOutcome:
    """Run one curation step unless an actor is missing; expected store errors become types."""
    missing = await _missing_actor(info, *actor_ids)
    if missing is not None:
        return missing
    with translate_store_errors():
        try:
            record = await step()
        except NotFoundError as exc:  # removed between the check and the step
            return ActorNotFound(message=str(exc), actor_id=strawberry.ID(actor_ids[0]))
        except BadInputError as exc:
            return BadInput(message=str(exc))
    return await _curated(info, record)


def _names_problem(names: list[str]) -> str | None:
    if not 1 <= len(names) <= MAX_SPLIT_NAMES:
        return f"'names' must hold 1 to {MAX_SPLIT_NAMES} names (got {len(names)})."
    return next((p for n in names if (p := name_problem(n, "names"))), None)


async def _ingest(
    info: Ctx, text: str, id: str | None, title: str | None, url: str | None, published: date | None
) -> IngestOutcome:
    ctx = info.context
    problem = _ingest_problem(text, ctx.settings.max_text_chars, id, title, url)
    if problem is not None:
        return problem
    if ctx.store.read_only:  # say so before spending seconds on the extraction
        return StoreReadOnly(message=READ_ONLY)
    try:  # the readers' own check (binary text), and the same stripping as the CLI does
        text = check_text(text, max_chars=ctx.settings.max_text_chars)
    except BadInputError as exc:
        return BadInput(message=str(exc))
    article = Article(id="", text=text, title=title, url=url, published=published)
    article = replace(article, id=id or f"api-{article.content_hash[:16]}")
    with translate_store_errors():
        try:  # the extractor or the store may refuse the article (binary, not English ...)
            extraction = await ctx.extractor.extract(article)
            result = await ctx.store.ingest(extraction)
        except BadInputError as exc:
            return BadInput(message=str(exc))
        except StoreReadOnlyError:  # it became read-only since the server started
            return StoreReadOnly(message=READ_ONLY)
        stored = await ctx.store.get_actors([a.id for a in extraction.actors])
    actors = [s or a for s, a in zip(stored, extraction.actors, strict=True)]
    return IngestSuccess(
        article_id=strawberry.ID(result.article_id),
        status=result.status,
        actors_added=result.actors,
        relations_added=result.relations,
        actors=actor_nodes(actors),
        relations=relation_nodes(list(extraction.relations)),
    )


@strawberry.type
class Mutation:
    @guarded
    async def ingest_article(
        self,
        info: Ctx,
        text: str,
        id: strawberry.ID | None = None,
        title: str | None = None,
        url: str | None = None,
        published: date | None = None,
    ) -> IngestOutcome:
        """Extract actors and relations from one article and store them.

        Without `id` the article's id is derived from its text, so sending the same text
        twice is harmless (status UNCHANGED).
        """
        return await _ingest(info, text, None if id is None else str(id), title, url, published)

    @guarded
    async def delete_article(self, info: Ctx, id: strawberry.ID) -> DeleteOutcome:
        """Remove an article and the evidence it gave; relations left without evidence go too."""
        with translate_store_errors():
            deleted = await info.context.store.delete_article(str(id))
        if not deleted:
            return ArticleNotFound(message=f"No article has id {str(id)!r}.", article_id=id)
        return DeleteSuccess(article_id=id)

    @guarded
    async def merge_actors(
        self, info: Ctx, keep: strawberry.ID, drop: strawberry.ID
    ) -> CurationOutcome:
        """Fold actor `drop` into `keep`: its names become aliases, its relations move."""
        if keep == drop:
            return BadInput(message="'keep' and 'drop' are the same actor.")
        store = info.context.store
        return await _curate(info, (str(keep), str(drop)), lambda: store.merge_actors(keep, drop))

    @guarded
    async def add_alias(self, info: Ctx, actor: strawberry.ID, alias: str) -> CurationOutcome:
        """Teach the graph another name for an actor."""
        if problem := name_problem(alias, "alias"):
            return BadInput(message=problem)
        store = info.context.store
        return await _curate(info, (str(actor),), lambda: store.add_alias(actor, alias.strip()))

    @guarded
    async def split_actor(
        self, info: Ctx, actor: strawberry.ID, names: list[str], kind: ActorKind | None = None
    ) -> CurationOutcome:
        """Split names that were wrongly merged into an actor out into actors of their own."""
        if problem := _names_problem(names):
            return BadInput(message=problem)
        store = info.context.store
        cleaned = [n.strip() for n in names]
        return await _curate(info, (str(actor),), lambda: store.split_actor(actor, cleaned, kind))

    @guarded
    async def undo_curation(self, info: Ctx, id: strawberry.ID) -> CurationOutcome:
        """Undo a merge, alias or split by the id its result reported."""
        with translate_store_errors():
            try:
                record = await info.context.store.undo(str(id))
            except NotFoundError:
                return CurationNotFound(
                    message=f"No curation step has id {str(id)!r}.", curation_id=id
                )
            except BadInputError as exc:  # e.g. already undone
                return BadInput(message=str(exc))
        return await _curated(info, record)
