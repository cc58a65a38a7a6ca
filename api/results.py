"""What mutations return: a success type or a typed, expected failure, as GraphQL unions.

Every failure implements ``UserError { message }``, so a client can ask for the message of
any of them with one ``... on UserError`` fragment.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.types import ActorNode, CurationNode, RelationNode
from graph.stores.base import IngestStatus

__all__ = [
    "ActorNotFound",
    "ArticleNotFound",
    "BadInput",
    "CurationNotFound",
    "CurationOutcome",
    "CurationSuccess",
    "DeleteOutcome",
    "DeleteSuccess",
    "EmptyText",
    "IngestOutcome",
    "IngestSuccess",
    "StoreReadOnly",
    "TextTooLarge",
    "UserError",
]


@strawberry.interface(description="An expected failure, with a message meant for people.")
class UserError:
    message: str


@strawberry.type(description="The text has more characters than the server accepts.")
class TextTooLarge(UserError):
    limit: int
    size: int


@strawberry.type(description="The text is empty or only whitespace.")
class EmptyText(UserError):
    pass


@strawberry.type(description="An argument is malformed; the message says which and why.")
class BadInput(UserError):
    pass


@strawberry.type(description="The graph store can be read but not written; nothing was stored.")
class StoreReadOnly(UserError):
    pass


@strawberry.type
class ActorNotFound(UserError):
    actor_id: strawberry.ID


@strawberry.type
class ArticleNotFound(UserError):
    article_id: strawberry.ID


@strawberry.type
class CurationNotFound(UserError):
    curation_id: strawberry.ID


@strawberry.type(description="The article was extracted and stored.")
class IngestSuccess:
    article_id: strawberry.ID
    status: IngestStatus
    actors_added: int = strawberry.field(description="Actors the article names.")
    relations_added: int = strawberry.field(description="Relations the article reports.")
    actors: list[ActorNode]
    relations: list[RelationNode] = strawberry.field(
        description="The relations as this article reports them (its own evidence only)."
    )


@strawberry.type
class DeleteSuccess:
    article_id: strawberry.ID


@strawberry.type(description="The curation step was applied; undo it with undoCuration(id).")
class CurationSuccess:
    curation: CurationNode
    actor: ActorNode | None = strawberry.field(description="The actor as it is now.")


IngestOutcome = Annotated[
    IngestSuccess | TextTooLarge | EmptyText | BadInput | StoreReadOnly,
    strawberry.union("IngestResult"),
]
DeleteOutcome = Annotated[DeleteSuccess | ArticleNotFound, strawberry.union("DeleteResult")]
CurationOutcome = Annotated[
    CurationSuccess | ActorNotFound | CurationNotFound | BadInput,
    strawberry.union("CurationResult"),
]
