"""A cost limit: refuse, before it runs, an operation that would fetch too much.

Depth and page-size limits each cap one dimension; nesting lists inside pages multiplies
them. The estimate counts the fields an answer can hold:

* every field costs 1;
* a field with a ``first`` argument (a page, ``graph``, ``neighbourhood``) multiplies what is
  selected under it by ``first`` (the variable's value, or the argument's default), and
  the lists directly inside it (``edges``, ``nodes``) add no further factor; a ``first``
  above the maximum page size counts as a full page (the field refuses it, saying why);
* any other list (an actor's relations, a path's nodes) multiplies by ``LIST_SIZE``.

Named fragments are costed once per place kind and reused, so a document cannot make the
estimate itself expensive. The check runs after validation, on valid documents only, and
with the request's variables, so ``first: $n`` is costed with the ``n`` sent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension

__all__ = ["LIST_SIZE", "QueryCostLimiter", "estimate_cost"]

#: The size assumed for a list without ``first`` (an actor's relations, a path's nodes).
LIST_SIZE = 10


class _Estimator:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        max_page: int,
    ) -> None:
        self.schema = schema
        self.max_page = max_page
        self.fragments = fragments
        self.variables = variables
        self._memo: dict[tuple[str, bool], int] = {}

    def selections(self, node: SelectionSetNode, parent: Any, under_page: bool) -> int:
        total = 0
        for sel in node.selections:
            if isinstance(sel, FieldNode):
                total += self.field(sel, parent, under_page)
            elif isinstance(sel, InlineFragmentNode):
                cond = sel.type_condition
                kind = self.schema.get_type(cond.name.value) if cond else parent
                total += self.selections(sel.selection_set, kind, under_page)
            elif isinstance(sel, FragmentSpreadNode):
                total += self.spread(sel.name.value, under_page)
        return total

    def spread(self, name: str, under_page: bool) -> int:
        key = (name, under_page)
        if key not in self._memo:
            self._memo[key] = 0  # validation forbids cycles; this only guards the walk
            frag = self.fragments[name]
            kind = self.schema.get_type(frag.type_condition.name.value)
            self._memo[key] = self.selections(frag.selection_set, kind, under_page)
        return self._memo[key]

    def field(self, node: FieldNode, parent: Any, under_page: bool) -> int:
        definition = self._definition(node.name.value, parent)
        if definition is None or node.selection_set is None:
            return 1  # a leaf, or __typename
        first = self._first(node, definition)
        if first is not None:
            factor, inner_page = first, True
        elif is_list_type(get_nullable_type(definition.type)) and not under_page:
            factor, inner_page = LIST_SIZE, False
        else:
            factor, inner_page = 1, False
        inner = self.selections(node.selection_set, get_named_type(definition.type), inner_page)
        return 1 + factor * inner

    def _definition(self, name: str, parent: Any) -> GraphQLField | None:
        if name == "__schema":
            return SchemaMetaFieldDef
        if name == "__type":
            return TypeMetaFieldDef
        fields = getattr(parent, "fields", None)
        return None if fields is None else fields.get(name)

    def _first(self, node: FieldNode, definition: GraphQLField) -> int | None:
        if "first" not in definition.args:
            return None
        value: Any = definition.args["first"].default_value
        for arg in node.arguments or ():
            if arg.name.value != "first":
                continue
            if isinstance(arg.value, IntValueNode):
                value = int(arg.value.value)
            elif isinstance(arg.value, VariableNode):
                value = self.variables.get(arg.value.name.value, value)
        # a wrong type, or a page over the maximum, is refused by the field itself with its
        # own message when the operation runs; meanwhile cost it as a list, or a full page
        return min(max(value, 0), self.max_page) if isinstance(value, int) else LIST_SIZE


def estimate_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any] | None = None,
    *,
    max_page: int,
) -> int:
    """How many fields an answer to ``operation`` can hold, by the rules above."""
    root = schema.get_root_type(operation.operation)
    estimator = _Estimator(schema, fragments, variables or {}, max_page)
    return estimator.selections(operation.selection_set, root, False)


class QueryCostLimiter(SchemaExtension):
    """Refuse an operation whose estimated cost passes ``max_cost`` (the served limit is
    ``Settings.max_query_cost``, 100,000 by default: a full page of 500 actors with two levels
    of relations stays under it).

    Place it after ``ValidationCache``: it needs the validation result to be known before
    its own hook runs, and it costs only documents that passed validation.
    """

    def __init__(self, max_cost: int, max_page: int) -> None:
        self.max_cost = max_cost
        self.max_page = max_page

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and ctx.pre_execution_errors == []:
            operation = get_operation_ast(document, ctx.operation_name)
            if operation is not None:
                fragments = {
                    d.name.value: d
                    for d in document.definitions
                    if isinstance(d, FragmentDefinitionNode)
                }
                variables = ctx.variables if isinstance(ctx.variables, dict) else {}
                cost = estimate_cost(
                    ctx.schema._schema, operation, fragments, variables, max_page=self.max_page
                )
                if cost > self.max_cost:
                    ctx.pre_execution_errors = [
                        GraphQLError(
                            f"This query could return about {cost:,} fields, above the limit "
                            f"of {self.max_cost:,}. Ask for smaller pages ('first') or nest "
                            "fewer lists, and follow pageInfo.endCursor for the rest.",
                            extensions={"code": "QUERY_TOO_COSTLY", "cost": cost},
                        )
                    ]
        yield
