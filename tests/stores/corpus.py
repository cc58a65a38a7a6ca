"""Hand-built extractions about several wars, so store tests check exact, known facts.

Each report's evidence points at a real sentence of the article text. Dates matter: the
tests of ``as_of``, ``since`` and ``until`` lean on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from graph.model import (
    Actor,
    ActorKind,
    Article,
    Evidence,
    Extraction,
    Location,
    Modality,
    Relation,
    RelationKind,
    actor_id,
    relation_id,
)

A, R, C, AL = Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED, Modality.ALLEGED
BACKS, FIGHTS, STRIKES = RelationKind.BACKS, RelationKind.FIGHTS, RelationKind.STRIKES
CAPTURES, LEADS = RelationKind.CAPTURES, RelationKind.LEADS


def actor(kind: ActorKind, name: str, *aliases: str, location: Location | None = None) -> Actor:
    return Actor(actor_id(kind, name), name, kind, tuple(aliases), location, mentions=1)


# Sudan
RSF = actor(ActorKind.FACTION, "Rapid Support Forces", "RSF")
SAF = actor(ActorKind.FACTION, "Sudanese Armed Forces", "SAF")
UAE = actor(ActorKind.STATE, "United Arab Emirates", "UAE")
EGYPT = actor(ActorKind.STATE, "Egypt")
HEMEDTI = actor(ActorKind.PERSON, "Mohamed Hamdan Dagalo", "Hemedti")
EL_FASHER = actor(ActorKind.CITY, "El Fasher", location=Location(371229, 13.6279, 25.3494, "SD"))
# Yemen
HOUTHIS = actor(ActorKind.FACTION, "Ansar Allah", "Houthis")
IRAN = actor(ActorKind.STATE, "Iran")
SAUDI = actor(ActorKind.STATE, "Saudi Arabia")
MARIB = actor(ActorKind.CITY, "Marib")
# Ukraine
RUSSIA = actor(ActorKind.STATE, "Russia")
UKRAINE = actor(ActorKind.STATE, "Ukraine")
USA = actor(ActorKind.STATE, "United States", "US")
KHARKIV = actor(ActorKind.CITY, "Kharkiv")
WAGNER = actor(ActorKind.FACTION, "Wagner Group", "Wagner")
# DR Congo
M23 = actor(ActorKind.FACTION, "M23", "March 23 Movement")
RWANDA = actor(ActorKind.STATE, "Rwanda")
FARDC = actor(ActorKind.FACTION, "Forces Armées de la RDC", "FARDC")
GOMA = actor(ActorKind.CITY, "Goma")
# Myanmar
TATMADAW = actor(ActorKind.FACTION, "Tatmadaw", "Myanmar military")
ARAKAN_ARMY = actor(ActorKind.FACTION, "Arakan Army")
CHINA = actor(ActorKind.STATE, "China")
PALETWA = actor(ActorKind.CITY, "Paletwa")
# Sahel
FAMA = actor(ActorKind.FACTION, "Malian Armed Forces", "FAMa")
JNIM = actor(ActorKind.FACTION, "JNIM")
MALI = actor(ActorKind.STATE, "Mali")


@dataclass(frozen=True)
class Fact:
    source: Actor
    kind: RelationKind
    target: Actor
    sentence: str
    modality: Modality = A
    confidence: float = 0.8
    source_text: str | None = None  # the surface form, when not the actor's name
    target_text: str | None = None

    @property
    def relation_id(self) -> str:
        return relation_id(self.source.id, self.kind, self.target.id, self.modality)


def report(
    article_id: str,
    published: date | None,
    facts: Sequence[Fact],
    extra: Sequence[Actor] = (),
    title: str | None = None,
) -> Extraction:
    """An extraction: the article text is the facts' sentences, each evidence points into it."""
    text = " ".join(f.sentence for f in facts) + " Fighting continued."
    article = Article(article_id, text, title or f"Report {article_id}",
                      f"https://news.example/{article_id}", published)  # fmt: skip
    actors: dict[str, Actor] = {}
    relations = []
    for fact in facts:
        start = text.index(fact.sentence)
        src_text = fact.source_text or fact.source.name
        tgt_text = fact.target_text or fact.target.name
        evidence = Evidence(
            article_id, fact.sentence, start, start + len(fact.sentence),
            fact.kind.value.lower(), src_text, tgt_text, published=published,
        )  # fmt: skip
        relations.append(Relation(
            fact.source.id, fact.target.id, fact.kind, fact.modality, fact.confidence, (evidence,)
        ))  # fmt: skip
        actors.setdefault(fact.source.id, fact.source)
        actors.setdefault(fact.target.id, fact.target)
    for one in extra:
        actors.setdefault(one.id, one)
    return Extraction(article, tuple(actors.values()), tuple(relations))


SUDAN_1 = report(
    "sudan-2023-04",
    date(2023, 4, 16),
    [
        Fact(RSF, FIGHTS, SAF, "The RSF fought the army across Khartoum.", source_text="RSF"),
        Fact(HEMEDTI, LEADS, RSF, "Hemedti leads the Rapid Support Forces.", source_text="Hemedti"),
        Fact(EGYPT, BACKS, SAF, "Egypt backs the Sudanese Armed Forces, officials said.", R, 0.7),
    ],
)
SUDAN_2 = report(
    "sudan-2024-05",
    date(2024, 5, 12),
    [
        Fact(
            RSF, STRIKES, EL_FASHER, "The Rapid Support Forces shelled El Fasher.", confidence=0.9
        ),
        Fact(UAE, BACKS, RSF, "The UAE is accused of arming the RSF.", AL, 0.5, "UAE", "RSF"),
        Fact(
            RSF,
            FIGHTS,
            SAF,
            "Rapid Support Forces fought the Sudanese Armed Forces again.",
            confidence=0.95,
        ),
    ],
)
YEMEN_1 = report(
    "yemen-2015-03",
    date(2015, 3, 26),
    [
        Fact(
            SAUDI,
            STRIKES,
            HOUTHIS,
            "Saudi Arabia struck the Houthis in Sanaa.",
            target_text="Houthis",
        ),
        Fact(IRAN, BACKS, HOUTHIS, "Iran backs Ansar Allah, the reports say.", R, 0.6),
    ],
)
YEMEN_2 = report(
    "yemen-2021-02",
    date(2021, 2, 8),
    [
        Fact(HOUTHIS, STRIKES, MARIB, "The Houthis attacked Marib.", source_text="Houthis"),
        Fact(
            IRAN, BACKS, HOUTHIS, "Iran armed the Houthis.", confidence=0.85, target_text="Houthis"
        ),
    ],
)
UKRAINE_1 = report(
    "ukraine-2022-02",
    date(2022, 2, 24),
    [
        Fact(RUSSIA, FIGHTS, UKRAINE, "Russia invaded Ukraine."),
        Fact(USA, BACKS, UKRAINE, "The US backs Ukraine with weapons.", source_text="US"),
        Fact(RUSSIA, BACKS, WAGNER, "Russia funds the Wagner Group.", confidence=0.75),
    ],
)
UKRAINE_2 = report(
    "ukraine-2024-05",
    date(2024, 5, 10),
    [
        Fact(RUSSIA, STRIKES, KHARKIV, "Russia struck Kharkiv with glide bombs."),
        Fact(UKRAINE, STRIKES, RUSSIA, "Ukraine claims it hit a refinery in Russia.", C, 0.4),
    ],
)
CONGO_1 = report(
    "congo-2012-11",
    date(2012, 11, 20),
    [
        Fact(M23, CAPTURES, GOMA, "M23 captured Goma."),
        Fact(RWANDA, BACKS, M23, "UN experts reported that Rwanda backs M23.", R, 0.7),
    ],
)
CONGO_2 = report(
    "congo-2024-02",
    date(2024, 2, 16),
    [
        Fact(FARDC, FIGHTS, M23, "The FARDC fought M23 near Sake.", source_text="FARDC"),
        Fact(RWANDA, BACKS, M23, "Kinshasa alleges Rwanda backs M23.", AL, 0.5),
    ],
)
MYANMAR_1 = report(
    "myanmar-2024-01",
    date(2024, 1, 15),
    [
        Fact(ARAKAN_ARMY, CAPTURES, PALETWA, "The Arakan Army captured Paletwa."),
        Fact(
            ARAKAN_ARMY,
            FIGHTS,
            TATMADAW,
            "The Arakan Army fought the Myanmar military.",
            target_text="Myanmar military",
        ),
        Fact(CHINA, BACKS, TATMADAW, "The junta claims China backs the Tatmadaw.", C, 0.3),
    ],
)
SAHEL_1 = report(
    "sahel-2022-01",
    date(2022, 1, 5),
    [
        Fact(
            WAGNER,
            BACKS,
            FAMA,
            "Wagner fighters back the Malian Armed Forces.",
            source_text="Wagner",
        ),
        Fact(JNIM, STRIKES, FAMA, "JNIM attacked FAMa posts.", target_text="FAMa"),
    ],
    extra=[MALI],
)
SAHEL_2 = report(
    "sahel-2023-07",
    date(2023, 7, 1),
    [
        Fact(FAMA, FIGHTS, JNIM, "FAMa fought JNIM near Kidal.", source_text="FAMa"),
    ],
    extra=[MALI],
)
UNDATED = report(
    "undated-1",
    None,
    [
        Fact(JNIM, FIGHTS, WAGNER, "JNIM fought Wagner.", target_text="Wagner"),
    ],
)

ALL = (
    SUDAN_1,
    SUDAN_2,
    YEMEN_1,
    YEMEN_2,
    UKRAINE_1,
    UKRAINE_2,
    CONGO_1,
    CONGO_2,
    MYANMAR_1,
    SAHEL_1,
    SAHEL_2,
    UNDATED,
)


def rid(source: Actor, kind: RelationKind, target: Actor, modality: Modality = A) -> str:
    return relation_id(source.id, kind, target.id, modality)
