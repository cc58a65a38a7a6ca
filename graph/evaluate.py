"""Score extractions against gold annotations (the rules of the project's gold README).

Names are folded (accents, case, apostrophes, full stops, hyphens, a leading "the" or Arabic
article) and two names of five or more characters also match one edit apart. A system edge is
true when it matches a required gold edge not matched before; edges matching an optional edge
or an already matched edge are ignored; everything else is false. Only factual modalities are
scored, and FIGHTS only where the gold mentions FIGHTS.

>>> fold("the U.S.") == fold("US")
True
>>> close("raqqa", "raqqah")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = ["Score", "close", "fold", "score_articles"]

SCORED = frozenset({None, "", "asserted", "reported"})
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|ath|az|an) (?=\w{3})")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    text = re.sub(r"[\u2018\u2019'`.]", "", text)
    text = re.sub(r"[-\u2010-\u2015/]", " ", text)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\s+", " ", text).strip(' ,;:"()')
    return ARABIC_ARTICLE.sub("", text)


@lru_cache(maxsize=65536)
def close(a: str, b: str) -> bool:
    """Equal, or one insertion, deletion, substitution or swap apart (both >= 5 characters)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _overlap(xs: Iterable[str], ys: Iterable[str]) -> bool:
    ys = list(ys)
    return any(close(x, y) for x in xs for y in ys)


def _relations(gold: Mapping[str, Any]) -> list[str]:
    rel = gold["relation"]
    return list(rel) if isinstance(rel, list) else [rel]


@dataclass
class Score:
    required: int = 0
    found: int = 0
    true: int = 0
    false: int = 0
    forbidden: int = 0
    per_kind: dict[str, list[int]] = field(
        default_factory=dict
    )  # kind -> [required, found, true, false]
    misses: list[str] = field(default_factory=list)
    false_edges: list[str] = field(default_factory=list)
    #: (doc id, what went wrong, the text that shows it), for ``eval --errors``
    errors: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true / (self.true + self.false) if self.true + self.false else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def _bump(self, kind: str, slot: int) -> None:
        self.per_kind.setdefault(kind, [0, 0, 0, 0])[slot] += 1


def _names(actor: Mapping[str, Any]) -> frozenset[str]:
    raw = [actor.get("name", ""), *(actor.get("aliases") or [])]
    return frozenset(fold(n) for n in raw if n)


def _matches(src: frozenset[str], kind: str, dst: frozenset[str], gold: Mapping[str, Any]) -> bool:
    if kind not in _relations(gold):
        return False
    gs = [fold(n) for n in gold["source"]]
    gt = [fold(n) for n in gold["target"]]
    if _overlap(src, gs) and _overlap(dst, gt):
        return True
    return bool(gold.get("undirected")) and _overlap(src, gt) and _overlap(dst, gs)


def _system_edges(
    article: Mapping[str, Any], scored: set[str]
) -> list[tuple[frozenset[str], str, frozenset[str], str, str]]:
    actors = {str(a["id"]): a for a in article.get("actors", [])}
    seen, edges = set(), []
    for rel in article.get("relations", []):
        src, dst = actors.get(str(rel.get("source"))), actors.get(str(rel.get("target")))
        if (
            src is None
            or dst is None
            or rel.get("kind") not in scored
            or rel.get("modality") not in SCORED
        ):
            continue
        label = f"{src.get('name')} -{rel['kind']}-> {dst.get('name')}"
        key = (_names(src), rel["kind"], _names(dst))
        if rel.get("source") == rel.get("target"):  # a self-loop matches nothing
            key = (frozenset(), rel["kind"], frozenset({label}))
        if key in seen:
            continue
        seen.add(key)
        evidence = rel.get("evidence") or [{}]
        edges.append((*key, label, str(evidence[0].get("sentence", ""))))
    return edges


def _score_doc(doc: Mapping[str, Any], article: Mapping[str, Any], total: Score) -> None:
    kinds_in_gold = {
        k
        for key in ("edges", "optional_edges", "forbidden_edges")
        for g in doc.get(key, [])
        for k in _relations(g)
    }
    scored = {"BACKS", "CAPTURES", "STRIKES"} | ({"FIGHTS"} & kinds_in_gold)
    required, optional, forbidden = (
        [g for g in doc.get(key, []) if set(_relations(g)) & scored]
        for key in ("edges", "optional_edges", "forbidden_edges")
    )
    credited: set[int] = set()
    for src, kind, dst, label, sentence in _system_edges(article, scored):
        hits = [i for i, g in enumerate(required) if _matches(src, kind, dst, g)]
        fresh = [i for i in hits if i not in credited]
        if fresh:
            credited.add(fresh[0])
            total.true += 1
            total._bump(kind, 2)
        elif hits or any(_matches(src, kind, dst, g) for g in optional):
            continue
        else:
            bad = any(_matches(src, kind, dst, g) for g in forbidden)
            total.false += 1
            total.forbidden += bad
            total._bump(kind, 3)
            line = f"{'FORBIDDEN ' if bad else ''}{label}"
            total.false_edges.append(f"{doc['id']}: {line}")
            total.errors.append((str(doc["id"]), f"false   {line}", sentence))
    for i, g in enumerate(required):
        kind = "|".join(_relations(g))
        total.required += 1
        total._bump(kind, 0)
        if i in credited:
            total.found += 1
            total._bump(kind, 1)
        else:
            line = f"{g['source'][0]} -{kind}-> {g['target'][0]}"
            total.misses.append(f"{doc['id']}: {line}")
            total.errors.append((str(doc["id"]), f"missed  {line}", _where(doc, g)))


def _where(doc: Mapping[str, Any], gold: Mapping[str, Any]) -> str:
    """The sentences of the gold text that name both ends of a missed edge (else the text)."""
    text = str(doc.get("text", ""))
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    names = [[fold(n) for n in gold["source"]], [fold(n) for n in gold["target"]]]
    hits = [
        s for s in sentences if all(any(n and n in fold(s) for n in side) for side in names)
    ]
    return " ".join(hits) if hits else text


def score_articles(
    gold_docs: Sequence[Mapping[str, Any]], articles: Sequence[Mapping[str, Any]]
) -> Score:
    """Score ``articles`` (the extract command's JSON articles) against gold documents."""
    by_id = {str(a.get("id")): a for a in articles}
    total = Score()
    for doc in gold_docs:
        _score_doc(doc, by_id.get(str(doc["id"]), {}), total)
    return total
