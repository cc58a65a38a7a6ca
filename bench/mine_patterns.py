"""Which dependency paths join an actor to its target in real text: patterns found from data.

Reads a gold JSONL file (``id``, ``text``, ``edges`` as in ``../shared/gold``), parses every
text with the extractor's spaCy pipeline, finds each coded source and target by its names, and
takes the shortest path through the dependency tree between the two within one sentence. The
path is printed as the dependency labels climbing from the source to the word that governs
both (the trigger, shown by its lemma) and descending to the target; the commonest paths are
listed per relation kind, lexical (with the trigger's lemma) and general (with its part of
speech, keeping the prepositions). "nsubj < [attack] > dobj" is the active clause,
"pobj < agent:by < [kill] > nsubjpass" the passive ("soldiers were killed by X").

    .venv/bin/python -m bench.mine_patterns ../shared/gold/real/acled.jsonl
    .venv/bin/python -m bench.mine_patterns FILE.jsonl --top 20 --optional --json

With ``--missed SYSTEM.json`` (the output of ``actorgraph extract FILE.jsonl --json``) only the
gold edges the extractor did not find are counted: the shapes it misses most come first.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DepPath",
    "PatternCounts",
    "dependency_path",
    "edge_path",
    "found_relations",
    "is_found",
    "main",
    "mine",
]

# words on the way that say how the path runs: "attack on", "killed by", "clashes with";
# the general shape keeps only the prepositions, the lexical one the nouns and verbs as well
LEXICAL_POS = frozenset({"ADP", "NOUN", "VERB"})
GENERAL_POS = frozenset({"ADP"})
MIN_NAME_CHARS = 2

Step = tuple[str, str, str]  # dependency label, lemma, part of speech


@dataclass(frozen=True, slots=True)
class DepPath:
    """The dependency path between two tokens: steps up, the governing word, steps down.

    The first step up is the source's own label and the last step down the target's.
    """

    up: tuple[Step, ...]
    trigger: str  # lemma of the word that governs both ends
    trigger_pos: str
    down: tuple[Step, ...]

    def shape(self, *, lexical: bool = True) -> str:
        """'nsubj < [attack] > dobj' (lexical) or 'nsubj < [VERB] > dobj' (general)."""
        keep = LEXICAL_POS if lexical else GENERAL_POS
        up = [_label(s, keep, end=k == 0) for k, s in enumerate(self.up)]
        down = [_label(s, keep, end=k == len(self.down) - 1) for k, s in enumerate(self.down)]
        head = self.trigger if lexical else self.trigger_pos
        return " ".join([*(f"{d} <" for d in up), f"[{head}]", *(f"> {d}" for d in down)])

    def __len__(self) -> int:
        return len(self.up) + len(self.down)


def _label(step: Step, keep: frozenset[str], *, end: bool) -> str:
    dep, lemma, pos = step
    return dep if end or pos not in keep else f"{dep}:{lemma}"


def _ancestors(token: Any) -> list[Any]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _steps(tokens: Iterable[Any]) -> tuple[Step, ...]:
    return tuple((str(t.dep_), str(t.lemma_).lower(), str(t.pos_)) for t in tokens)


def dependency_path(source: Any, target: Any) -> DepPath | None:
    """The shortest path from ``source`` to ``target`` (spaCy tokens of one sentence)."""
    if source.i == target.i or source.sent.start != target.sent.start:
        return None
    up_chain, down_chain = _ancestors(source), _ancestors(target)
    common = {t.i for t in up_chain} & {t.i for t in down_chain}
    top = next(t for t in up_chain if t.i in common)
    up = up_chain[: [t.i for t in up_chain].index(top.i)]
    down = reversed(down_chain[: [t.i for t in down_chain].index(top.i)])
    return DepPath(_steps(up), str(top.lemma_).lower(), str(top.pos_), _steps(down))


def _mentions(doc: Any, names: Iterable[str]) -> list[Any]:
    """The head token of every place the text names the actor (case-insensitive)."""
    heads: dict[int, Any] = {}
    for name in {n.strip() for n in names if len(n.strip()) >= MIN_NAME_CHARS}:
        pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
        for found in pattern.finditer(doc.text):
            span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if span is not None:
                heads[span.root.i] = span.root
    return list(heads.values())


def _kind(edge: dict[str, Any]) -> str:
    relation = edge["relation"]
    kind = "|".join(relation) if isinstance(relation, list) else str(relation)
    return f"{kind} (undirected)" if edge.get("undirected") else kind


def _names(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def edge_path(doc: Any, edge: dict[str, Any]) -> DepPath | None:
    """The shortest path joining any mention of the edge's source to any of its target."""
    sources = _mentions(doc, _names(edge["source"]))
    targets = _mentions(doc, _names(edge["target"]))
    paths = [p for s in sources for t in targets if (p := dependency_path(s, t)) is not None]
    return min(paths, key=len, default=None)


@dataclass
class PatternCounts:
    """Per relation kind: edges seen, edges with no path, and the paths counted."""

    edges: Counter[str] = field(default_factory=Counter)
    unjoined: Counter[str] = field(default_factory=Counter)
    lexical: dict[str, Counter[str]] = field(default_factory=dict)
    general: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, kind: str, path: DepPath | None) -> None:
        self.edges[kind] += 1
        if path is None:
            self.unjoined[kind] += 1
            return
        self.lexical.setdefault(kind, Counter())[path.shape()] += 1
        self.general.setdefault(kind, Counter())[path.shape(lexical=False)] += 1

    def as_dict(self, top: int) -> dict[str, Any]:
        return {
            kind: {
                "edges": self.edges[kind],
                "without_path": self.unjoined[kind],
                "lexical": self.lexical.get(kind, Counter()).most_common(top),
                "general": self.general.get(kind, Counter()).most_common(top),
            }
            for kind in sorted(self.edges)
        }


Found = dict[str, list[tuple[frozenset[str], str, frozenset[str]]]]


def _norm(name: str) -> str:
    name = re.sub(r"[\u2018\u2019'`.]", "", name.lower())
    return " ".join(re.sub(r"[-\u2010-\u2015/]", " ", name).split()).removeprefix("the ")


def found_relations(system: dict[str, Any]) -> Found:
    """The relations of an ``extract --json`` output per article, as (names, kind, names)."""
    found: Found = {}
    for article in system.get("articles", []):
        names = {
            a["id"]: frozenset(_norm(n) for n in (a.get("name", ""), *(a.get("aliases") or ())))
            for a in article.get("actors", [])
        }
        found[str(article.get("id"))] = [
            (names.get(r["source"], frozenset()), r["kind"], names.get(r["target"], frozenset()))
            for r in article.get("relations", [])
        ]
    return found


def is_found(
    edge: dict[str, Any], relations: Iterable[tuple[frozenset[str], str, frozenset[str]]]
) -> bool:
    """Whether a relation of a kind the edge accepts joins one of its names on each side."""
    kinds = set(_names(edge["relation"]))
    sources = {_norm(n) for n in _names(edge["source"])}
    targets = {_norm(n) for n in _names(edge["target"])}
    for source, kind, target in relations:
        if kind not in kinds:
            continue
        if (sources & source and targets & target) or (
            edge.get("undirected") and sources & target and targets & source
        ):
            return True
    return False


def mine(
    nlp: Any,
    records: Iterable[dict[str, Any]],
    *,
    optional: bool = False,
    found: Found | None = None,
) -> PatternCounts:
    """Count the paths of every gold edge in ``records`` (parsed with ``nlp``); with ``found``,
    of the edges it lacks only."""
    from graph.ingest.nlp import for_parser  # the text as the extractor's parser reads it

    counts = PatternCounts()
    items = [r for r in records if r.get("text")]
    for doc, record in zip(nlp.pipe(for_parser(r["text"]) for r in items), items, strict=True):
        edges = [*record.get("edges", []), *(record.get("optional_edges", []) if optional else [])]
        present = (found or {}).get(str(record.get("id")), [])
        for edge in edges:
            if found is None or not is_found(edge, present):
                counts.add(_kind(edge), edge_path(doc, edge))
    return counts


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)


def _print(report: dict[str, Any]) -> None:
    for kind, found in report.items():
        joined = found["edges"] - found["without_path"]
        print(f"\n{kind}: {found['edges']} edges, {joined} joined within a sentence")
        for title in ("lexical", "general"):
            print(f"  {title} paths")
            for shape, count in found[title]:
                print(f"    {count:5d}  {shape}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="gold JSONL: id, text, edges")
    parser.add_argument("--top", type=int, default=15, help="paths listed per kind")
    parser.add_argument("--optional", action="store_true", help="count optional edges too")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--missed", type=Path, help="extract --json output: count its misses")
    args = parser.parse_args(argv)
    from graph.ingest.nlp import load_nlp  # spaCy loads only when there is work to do

    found = None
    if args.missed is not None:
        found = found_relations(json.loads(args.missed.read_text(encoding="utf-8")))
    counts = mine(load_nlp(), _records(args.gold), optional=args.optional, found=found)
    report = counts.as_dict(args.top)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False)
        print()
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
