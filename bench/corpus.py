"""A deterministic corpus of news-style war reporting for the benchmarks, or a real one.

``generate(1000, seed=7)`` writes 1,000 articles of 150-600 words about seventeen wars, from the
sentence templates in :mod:`bench.templates` filled with actors from the project's lexicon
files and towns from GeoNames; the same seed always gives the same texts. No network.

    python -m bench.corpus --articles 5                 # print five articles
    python -m bench.corpus --articles 1000 --out c.jsonl  # write a JSONL corpus
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

from bench.cast import Cast, Player, load_casts
from bench.templates import FACILITIES, HEADLINES, SECTIONS, SOURCES
from bench.theatres import NAME_POOLS
from graph.ingest.readers import ReadFailure, read_articles
from graph.model import Article

__all__ = ["MAX_WORDS", "MIN_WORDS", "generate", "load_corpus", "word_count"]

MIN_WORDS, MAX_WORDS = 150, 600
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_AN = re.compile(r"\b([Aa]) ([AEIOU][a-z])")  # "a Azov Brigade base" -> "an Azov ..."
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
_AGENCIES = (
    "the World Food Programme",
    "Médecins Sans Frontières",
    "UNICEF",
    "the International Committee of the Red Cross",
    "the Norwegian Refugee Council",
    "the World Health Organization",
    "Save the Children",
)


def word_count(text: str) -> int:
    """Whitespace-separated words, the unit of every words-per-second figure."""
    return len(text.split())


class _Article:
    """The fixed cast of one article (two sides, backers, towns) and its sentence slots."""

    def __init__(self, rng: random.Random, cast: Cast) -> None:
        self.rng, self.cast = rng, cast
        self.a, self.b = _sides(rng, cast.locals)
        others = [p for p in cast.locals if p not in (self.a, self.b)] or list(cast.backers)
        self.ally = rng.choice(others)
        self.backer, self.rival = _two(rng, cast.backers)
        self.cities = rng.sample(cast.cities, min(4, len(cast.cities)))
        self.region = rng.choice(cast.theatre.regions)
        self.talks = rng.choice(cast.theatre.talks)
        self.first, self.last = NAME_POOLS[cast.theatre.names]

    def _person(self) -> str:
        return f"{self.rng.choice(self.first)} {self.rng.choice(self.last)}"

    def slots(self) -> dict[str, str]:
        rng = self.rng
        a, b, backer, rival = self.a, self.b, self.backer, self.rival
        if rng.random() < 0.35:  # the other side acts too
            a, b, backer, rival = b, a, rival, backer
        city = self.cities[0] if rng.random() < 0.5 else rng.choice(self.cities)
        return {
            "a": rng.choice(a.agents),
            "b": rng.choice(b.agents),
            "a_name": a.proper,
            "b_name": b.proper,
            "a_mod": a.modifier,
            "b_mod": b.modifier,
            "ally": self.ally.proper,
            "backer": backer.proper,
            "backer_mod": backer.modifier,
            "backer_cap": backer.capital or backer.proper,
            "rival_backer": rival.proper,
            "city": city,
            "city2": rng.choice([c for c in self.cities if c != city] or [city]),
            "region": self.region,
            "country": self.cast.country,
            "talks": self.talks,
            "facility": rng.choice(FACILITIES),
            "source": rng.choice(SOURCES),
            "n": str(rng.randint(3, 60)),
            "days": str(rng.randint(2, 30)),
            "big": f"{rng.randint(5, 900) * 1000:,}",
            "ordinal": rng.choice(_ORDINALS),
            "day": rng.choice(_DAYS),
            "month": rng.choice(_MONTHS),
            "year": str(self.cast.theatre.since),
            "person": self._person(),
            "resident": self._person(),
            "leader": a.leader or self._person(),
            "agency": rng.choice(_AGENCIES),
        }

    def sentence(self, template: str) -> str:
        text = _AN.sub(r"\1n \2", template.format_map(self.slots()))
        return text[:1].upper() + text[1:]


def _sides(rng: random.Random, players: tuple[Player, ...]) -> tuple[Player, Player]:
    """Two distinct local players; states (and their forces) are in most stories."""
    weights = [4 if p.is_state else 1 for p in players]
    first = rng.choices(players, weights)[0]
    rest = [p for p in players if p is not first]
    return first, rng.choices(rest, [4 if p.is_state else 1 for p in rest])[0]


def _two(rng: random.Random, players: tuple[Player, ...]) -> tuple[Player, Player]:
    if len(players) >= 2:
        first, second = rng.sample(players, 2)
        return first, second
    return players[0], players[0]


def _paragraph(doc: _Article, used: set[str], sentences: int) -> str:
    groups = [g for g, _ in SECTIONS]
    weights = [w for _, w in SECTIONS]
    out = []
    for _ in range(sentences):
        group = doc.rng.choices(groups, weights)[0]
        fresh = [t for t in group if t not in used] or list(group)
        template = doc.rng.choice(fresh)
        used.add(template)
        out.append(doc.sentence(template))
    return " ".join(out)


def _write(rng: random.Random, cast: Cast) -> tuple[str, str]:
    doc = _Article(rng, cast)
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    used: set[str] = set()
    paragraphs: list[str] = []
    words = 0
    while words < target:
        para = _paragraph(doc, used, rng.choice((1, 2, 2, 3)))
        if words + word_count(para) > MAX_WORDS:
            para = _paragraph(doc, used, 1)
            if words + word_count(para) > MAX_WORDS:
                break
        paragraphs.append(para)
        words += word_count(para)
    return doc.sentence(rng.choice(HEADLINES)), "\n\n".join(paragraphs)


def generate(n: int, seed: int = 7) -> list[Article]:
    """``n`` articles, the same for the same seed, spread over every theatre."""
    rng = random.Random(seed)
    casts = [c for c in load_casts() if len(c.locals) >= 2 and c.backers and c.cities]
    articles = []
    for i in range(n):
        cast = casts[i % len(casts)] if i < len(casts) else rng.choice(casts)
        title, text = _write(rng, cast)
        start = date(cast.theatre.since, 1, 1)
        published = start + timedelta(days=rng.randrange((date(2025, 12, 31) - start).days))
        articles.append(
            Article(f"bench-{seed}-{i:05d}-{cast.theatre.key}", text, title, published=published)
        )
    return articles


def load_corpus(path: str | Path) -> list[Article]:
    """Every article of a ``.jsonl`` (or ``.txt``) file; a bad line is an error."""
    articles = []
    for item in read_articles([str(path)]):
        if isinstance(item, ReadFailure):
            raise SystemExit(f"{item.source}: {item.reason}")
        articles.append(item)
    if not articles:
        raise SystemExit(f"{path}: no articles")
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="write JSONL here instead of printing the texts")
    args = parser.parse_args(argv)
    articles = generate(args.articles, args.seed)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            for a in articles:
                row = {"id": a.id, "title": a.title, "published": str(a.published), "text": a.text}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        words = sum(word_count(a.text) for a in articles)
        print(f"wrote {len(articles)} articles ({words:,} words) to {args.out}")
        return 0
    for a in articles:
        print(f"# {a.title}  [{a.id}, {a.published}, {word_count(a.text)} words]\n\n{a.text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
