"""Plain-text rendering of actors, relations, paths and support trees for the terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.export import actor_record, relation_record
from graph.model import Actor, Evidence, Relation
from graph.stores.base import Path

__all__ = [
    "SNIPPET_WIDTH",
    "SupportTree",
    "actor_label",
    "evidence_lines",
    "orient",
    "path_record",
    "relation_facts",
    "relation_tag",
    "render_path",
    "render_table",
    "snippet",
    "support_tree",
]

SNIPPET_WIDTH = 120
EVIDENCE_SHOWN = 2


def actor_label(actor: Actor) -> str:
    """``Russia (state)``."""
    return f"{actor.name} ({actor.kind.value})"


def relation_facts(relation: Relation) -> str:
    """``[asserted, 0.85, 2 articles]``."""
    n = relation.article_count
    noun = "article" if n == 1 else "articles"
    return f"[{relation.modality.value}, {relation.confidence:.2f}, {n} {noun}]"


def relation_tag(relation: Relation) -> str:
    """``BACKS  [asserted, 0.85, 2 articles]``."""
    return f"{relation.kind.value}  {relation_facts(relation)}"


def _occurrences(lowered: str, part: str) -> list[tuple[int, int]]:
    found, at = [], lowered.find(part.lower()) if part else -1
    while at >= 0:
        found.append((at, at + len(part)))
        at = lowered.find(part.lower(), at + 1)
    return found


def _nearest(spans: list[tuple[int, int]], at: int) -> tuple[int, int]:
    return min(spans, key=lambda span: abs(span[0] - at))


def _anchor(sentence: str, evidence: Evidence) -> tuple[int, int]:
    """The tightest span naming the trigger with the source and target nearest to it.

    A long sentence may name an actor twice ("Iran backs Hezbollah, and Hezbollah backs
    Hamas"): the words of this relation are the ones that sit together.
    """
    lowered = sentence.lower()
    triggers = _occurrences(lowered, evidence.trigger) or [(0, 0)]
    others = [_occurrences(lowered, p) for p in (evidence.source_text, evidence.target_text)]
    best: tuple[int, int] | None = None
    for trigger in triggers:
        span = [trigger]
        for found in others:
            if found:
                span.append(_nearest(found, trigger[0]))
        lo, hi = min(s for s, _ in span), max(e for _, e in span)
        if best is None or hi - lo < best[1] - best[0]:
            best = (lo, hi)
    assert best is not None
    return best


def snippet(evidence: Evidence, width: int = SNIPPET_WIDTH) -> str:
    """The evidence sentence on one line, cut at word boundaries around the relation's words."""
    sentence = " ".join(evidence.sentence.split())
    if len(sentence) <= width:
        return sentence
    lo, hi = _anchor(sentence, evidence)
    start = max(0, lo - max(0, width - (hi - lo)) // 2)
    end = min(len(sentence), start + width)
    start = max(0, end - width)
    if start > 0 and " " in sentence[start:end]:  # begin on a whole word
        start = sentence.index(" ", start) + 1
    if end < len(sentence) and " " in sentence[start:end]:  # and end on one
        end = sentence.rindex(" ", start, end)
    text = sentence[start:end].strip()
    return ("…" if start > 0 else "") + text + ("…" if end < len(sentence) else "")


def _shown_evidence(relation: Relation) -> list[Evidence]:
    """Up to two pieces of evidence, from different articles where there are several."""
    ordered = sorted(relation.evidence, key=lambda e: (e.article_id, e.start))
    firsts = {e.article_id: e for e in reversed(ordered)}
    picked = sorted(firsts.values(), key=lambda e: (e.article_id, e.start))[:EVIDENCE_SHOWN]
    for e in ordered:
        if len(picked) >= EVIDENCE_SHOWN:
            break
        if e not in picked:
            picked.append(e)
    return picked


def evidence_lines(relation: Relation, indent: str) -> list[str]:
    """``"…sentence…" (article-id)`` lines for a relation, and how many more there are."""
    shown = _shown_evidence(relation)
    lines = [f'{indent}"{snippet(e)}" ({e.article_id})' for e in shown]
    if len(relation.evidence) > len(shown):
        lines.append(f"{indent}(+{len(relation.evidence) - len(shown)} more)")
    return lines


def orient(path: Path, start_id: str) -> Path:
    """The path read from ``start_id``: reversed if that actor is at its far end."""
    if path.actors and path.actors[0].id != start_id and path.actors[-1].id == start_id:
        return Path(actors=path.actors[::-1], relations=path.relations[::-1])
    return path


def _arrow(relation: Relation, from_id: str) -> tuple[str, str]:
    """The two halves of an arrow for a step taken from ``from_id`` along ``relation``."""
    return ("-", "->") if relation.source == from_id else ("<-", "-")


def render_path(number: int, path: Path) -> list[str]:
    """A numbered path: a one-line summary, then each step with its evidence."""
    names = [path.actors[0].name]
    steps = []
    for i, relation in enumerate(path.relations):
        here, there = path.actors[i], path.actors[i + 1]
        left, right = _arrow(relation, here.id)
        names.append(f"{left}{relation.kind.value}{right} {there.name}")
        steps.append(
            f"   {actor_label(here)} {left}{relation.kind.value}{right} {actor_label(there)}"
            f"  {relation_facts(relation)}"
        )
        steps.extend(evidence_lines(relation, "       "))
    noun = "step" if path.length == 1 else "steps"
    return [f"{number}. {' '.join(names)}  ({path.length} {noun})", *steps]


def path_record(path: Path) -> dict[str, Any]:
    """A path as JSON: its actors, and its relations each with the direction it is walked."""
    relations = []
    for i, relation in enumerate(path.relations):
        forward = relation.source == path.actors[i].id
        relations.append(relation_record(relation) | {"direction": "out" if forward else "in"})
    return {
        "length": path.length,
        "actors": [actor_record(a) for a in path.actors],
        "relations": relations,
    }


@dataclass
class SupportTree:
    """One actor in a support tree, reached from its parent through ``relation``."""

    actor: Actor
    relation: Relation | None = None
    children: dict[tuple[str, str], SupportTree] = field(default_factory=dict)

    def add(self, path: Path) -> None:
        """Hang a path (already oriented to start at this tree's actor) below this node."""
        node = self
        for actor, relation in zip(path.actors[1:], path.relations, strict=True):
            key = (actor.id, relation.id)
            node = node.children.setdefault(key, SupportTree(actor, relation))

    def lines(self, column: int = 0) -> list[str]:
        """The tree as text: each child two columns right of its parent's name."""
        out = [" " * column + actor_label(self.actor)] if self.relation is None else []
        for child in sorted(self.children.values(), key=_child_order):
            assert child.relation is not None
            # "<-": the child acts on its parent (it backs it); "->": the parent acts on the child
            arrow = "<-" if child.relation.source == child.actor.id else "->"
            pad = " " * (column + 2)
            out.append(f"{pad}{arrow} {actor_label(child.actor)}  {relation_tag(child.relation)}")
            out.extend(evidence_lines(child.relation, " " * (column + 7)))
            out.extend(child.lines(column + 5))
        return out


def _child_order(node: SupportTree) -> tuple[int, float, str]:
    rel = node.relation
    assert rel is not None
    return (-rel.article_count, -rel.confidence, node.actor.name.lower())


def support_tree(root: Actor, paths: Iterable[Path]) -> SupportTree:
    """Merge supporter paths into one tree rooted at ``root``."""
    tree = SupportTree(root)
    for path in paths:
        oriented = orient(path, root.id)
        if oriented.actors and oriented.actors[0].id == root.id:
            tree.add(oriented)
    return tree


def _cut(cell: str, width: int | None) -> str:
    return cell if width is None or len(cell) <= width else cell[: width - 1] + "…"


def render_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int | None] = ()
) -> str:
    """Left-aligned columns. ``widths`` caps columns (``None``: never cut, as for ids)."""
    caps = [*widths, *[None] * (len(header) - len(widths))]
    table = [list(header), *([_cut(c, w) for c, w in zip(row, caps, strict=True)] for row in rows)]
    sizes = [max(len(r[i]) for r in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, sizes, strict=True)).rstrip() for row in table
    )
