"""Every statement :mod:`graph.stores.neo4j.cypher` can produce, found by looking at the module.

Constants are the module's :class:`Query` values (and tuples of them). Builders are its public
functions annotated to return a ``Query``; each is called over the domain of its parameters,
read from their annotations: every member of an enum (actor kinds, relation kinds, directions,
anchors) and both values of a flag, since those pick labels, types and branches; every
non-empty set of relation kinds, and ``None``; every depth from 1 to ``MAX_DEPTH``.

:func:`every_text` is the full product of those domains: every text the store can send.
:func:`every_query` is the part the linter reads: every combination of enums and flags, and
a few kind sets (each single kind, a pair, all, ``None``) and depths (1, 2, the greatest),
each once. Kind sets and depths only change a relationship-type list or a number in the text,
so the two have the same :func:`shape`; a test checks that they do.
"""

from __future__ import annotations

import inspect
import itertools
import re
import typing
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any

from graph.model import RelationKind
from graph.stores.neo4j import cypher
from graph.stores.neo4j.cypher import MAX_DEPTH, Query

__all__ = [
    "builders",
    "calls",
    "constants",
    "every_call",
    "every_query",
    "every_text",
    "parameter_domains",
    "shape",
]

KIND_SETS: list[frozenset[RelationKind] | None] = [
    None,
    *(frozenset({k}) for k in RelationKind),
    frozenset({RelationKind.BACKS, RelationKind.FIGHTS}),
    frozenset(RelationKind),
]
ALL_KIND_SETS: list[frozenset[RelationKind] | None] = [
    None,
    *(
        frozenset(combo)
        for size in range(1, len(RelationKind) + 1)
        for combo in itertools.combinations(RelationKind, size)
    ),
]
BOUNDS = list(range(1, MAX_DEPTH + 1))
LINTED_BOUNDS = [1, 2, MAX_DEPTH]
_TYPES = "|".join(k.value for k in RelationKind)
_TYPE_LIST = re.compile(rf":(?:{_TYPES})(?:\|(?:{_TYPES}))*")
_BOUND = re.compile(r"\*1\.\.\d+")


def constants() -> list[Query]:
    found: list[Query] = []
    for name, value in vars(cypher).items():
        if name.startswith("_"):
            continue
        if isinstance(value, Query):
            found.append(value)
        elif isinstance(value, tuple) and value and all(isinstance(q, Query) for q in value):
            found.extend(value)
    return found


def builders() -> dict[str, Callable[..., Query]]:
    """Public functions of the module whose return annotation is ``Query``."""
    found: dict[str, Callable[..., Query]] = {}
    for name, fn in vars(cypher).items():
        if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != cypher.__name__:
            continue
        if typing.get_type_hints(fn).get("return") is Query and name != "query":
            found[name] = fn
    return found


def _is_selector(annotation: Any) -> bool:
    return annotation is bool or (inspect.isclass(annotation) and issubclass(annotation, Enum))


def parameter_domains(fn: Callable[..., Query]) -> dict[str, tuple[bool, list[Any]]]:
    """Each parameter's values, and whether it selects a branch (True) or a value (False)."""
    hints = typing.get_type_hints(fn)
    domains: dict[str, tuple[bool, list[Any]]] = {}
    for name in inspect.signature(fn).parameters:
        annotation = hints[name]
        if annotation is bool:
            domains[name] = (True, [False, True])
        elif inspect.isclass(annotation) and issubclass(annotation, Enum):
            domains[name] = (True, list(annotation))
        elif annotation is int:
            domains[name] = (False, BOUNDS)
        elif annotation == frozenset[RelationKind] | None:
            domains[name] = (False, ALL_KIND_SETS)
        else:
            raise TypeError(f"{fn.__name__}({name}: {annotation}): no domain to enumerate")
    return domains


def shape(text: str) -> str:
    """A statement with its relationship-type lists and depth bounds blanked out."""
    return _BOUND.sub("*1..<n>", _TYPE_LIST.sub(":<types>", text))


def all_calls(fn: Callable[..., Query]) -> Iterator[dict[str, Any]]:
    """Keyword arguments for every combination of every parameter's values."""
    domains = parameter_domains(fn)
    for combo in itertools.product(*(values for _, values in domains.values())):
        yield dict(zip(domains, combo, strict=True))


def calls(fn: Callable[..., Query]) -> Iterator[dict[str, Any]]:
    """Keyword arguments covering every branch combination, each kind set and a few depths."""
    domains = parameter_domains(fn)
    selectors = {n: values for n, (sel, values) in domains.items() if sel}
    values = {
        n: [v for v in vals if v in (LINTED_BOUNDS if isinstance(v, int) else KIND_SETS)]
        for n, (sel, vals) in domains.items()
        if not sel
    }
    base = {n: vals[0] for n, vals in values.items()}
    combos = [dict(zip(selectors, c, strict=True)) for c in itertools.product(*selectors.values())]
    for combo in combos:
        yield {**combo, **base}
    for name, vals in values.items():
        for value in vals[1:]:
            yield {**combos[0], **base, name: value}


def every_call() -> dict[str, tuple[str, dict[str, Any]]]:
    """Every text the module can produce, with what produces it and the arguments given."""
    found: dict[str, tuple[str, dict[str, Any]]] = {q.text: (q.name, {}) for q in constants()}
    for fn in builders().values():
        for kwargs in all_calls(fn):
            found.setdefault(fn(**kwargs).text, (fn.__name__, kwargs))
    return found


def every_text() -> dict[str, str]:
    """Every text the module can produce, with the name of what produces it."""
    return {text: name for text, (name, _) in every_call().items()}


def every_query() -> list[Query]:
    """Constants and every builder's output over its domain, each distinct text once."""
    found = {q.text: q for q in constants()}
    for fn in builders().values():
        for kwargs in calls(fn):
            query = fn(**kwargs)
            found.setdefault(query.text, query)
    return list(found.values())
