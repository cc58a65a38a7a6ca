"""Sentence templates for the benchmark corpus, by what they report.

Slots: ``{a}``/``{b}`` name the two sides as they act ("RSF fighters", "the Sudanese army"),
``{a_mod}``/``{b_mod}`` as modifiers ("RSF", "Sudanese"), ``{a_name}``/``{b_name}`` by name;
``{backer}``, ``{backer_mod}``, ``{backer_cap}`` a state backing side A, ``{rival_backer}`` one
backing side B; ``{city}``, ``{city2}``, ``{region}``, ``{country}``, ``{facility}``; numbers
``{n}``, ``{big}``, ``{days}``; dates ``{day}``, ``{month}``, ``{year}``; people ``{person}``,
``{resident}``, ``{leader}``; ``{agency}`` and ``{talks}``.
"""

from __future__ import annotations

__all__ = ["FACILITIES", "HEADLINES", "SECTIONS", "SOURCES"]

HEADLINES: tuple[str, ...] = (
    "{a_name} seize {city} after days of fighting",
    "Strikes on {city} kill {n} as war in {country} grinds on",
    "{backer} accused of arming {a_name}",
    "{city} falls as {b_name} retreat",
    "Fighting between {a_name} and {b_name} spreads to {region}",
    "Thousands flee {city} as {a_name} advance",
    "{backer} denies supplying weapons to {a_name}",
    "Drone strike hits {facility} in {city}",
    "Aid groups warn of famine in {region}",
    "Ceasefire talks in {talks} stall as {a_name} press on",
    "{b_name} retake {city2} from {a_name}",
    "Inside {city}: life under siege",
)

FACILITIES: tuple[str, ...] = (
    "the main hospital",
    "the airport",
    "a fuel depot",
    "the power station",
    "a market",
    "a military base",
    "the bridge",
    "a water treatment plant",
    "a school",
    "the port",
    "an ammunition depot",
    "a displacement camp",
    "the central prison",
    "a checkpoint",
)

SOURCES: tuple[str, ...] = (
    "residents said",
    "local officials said",
    "witnesses told reporters",
    "a military source said",
    "according to activists",
    "medics said",
    "aid workers said",
    "according to a local monitoring group",
)

STRIKES: tuple[str, ...] = (
    "{a} shelled residential districts of {city} overnight, killing at least {n} people, {source}.",
    "Drones launched by {a} struck {facility} in {city} on {day}, {source}.",
    "{a_mod} warplanes bombed {b_mod} positions around {city} for a {ordinal} straight day.",
    "An airstrike by {a} on {facility} in {city} killed {n} civilians, {source}.",
    "{a} fired rockets at {city} late on {day}.",
    "{a} attacked a {b_mod} convoy on the road between {city} and {city2}.",
    "Witnesses said {a_mod} artillery pounded the outskirts of {city} through the night.",
    "{a} carried out strikes on {b_mod} positions near {city}, {source}.",
    "{a} launched a missile at {city} early on {day}, damaging {facility}.",
    "{a} targeted {facility} in {city2} with a barrage of drones.",
    "Fighters from {a_name} ambushed a {b_mod} patrol west of {city}, killing {n} soldiers.",
    "{a} raided villages near {city}, burning homes and looting livestock, {source}.",
)

CAPTURES: tuple[str, ...] = (
    "{a} captured {city} on {day} after {days} days of fighting, {source}.",
    "{a} seized control of {city}, the last {b_mod} stronghold in {region}.",
    "{a} overran a {b_mod} base on the edge of {city2}.",
    "{city} fell to {a_name} on {day}, {source}.",
    "{a} retook {city2} from {b} after a weeks-long offensive.",
    "{a_mod} fighters stormed {city} at dawn and took the town within hours.",
    "By {day} evening {a} had taken {city2}, cutting the main supply road to {city}.",
    "{a} entered {city} after {b} withdrew, {source}.",
)

FIGHTS: tuple[str, ...] = (
    "{a} clashed with {b} near {city}, leaving dozens dead on both sides.",
    "Heavy fighting between {a} and {b} broke out in {city} on {day}.",
    "{a} fought {b} for control of the road linking {city} and {city2}.",
    "{a_name} battled {b_name} on the outskirts of {city2} for {days} days.",
    "Clashes between {a} and {b} have killed more than {n} people in {region} since {month}.",
)

BACKS: tuple[str, ...] = (
    "{backer} has backed {a_name} with weapons and money since {year}, diplomats say.",
    "{backer} supplied drones to {a_name}, a UN panel of experts said in a report.",
    "{backer_mod}-backed {a_mod} fighters have pushed deeper into {region}.",
    "{backer} funds and arms {a_name}, according to Western and regional officials.",
    "{a_name} receives weapons and fuel from {backer}, the report said.",
    "{rival_backer} has trained and equipped {b_name} since {year}.",
    "{backer_cap} sent armoured vehicles to {a_name} through {city2}, {source}.",
    "{a_name} fought alongside {ally} during the battle for {city}.",
)

DENIED: tuple[str, ...] = (
    "{backer} denied supplying weapons to {a_name}.",
    "{backer} has repeatedly denied backing {a_name}, despite evidence gathered by UN experts.",
    "{a} denied attacking {city}, blaming {b} for the strike.",
    "Officials in {backer_cap} rejected claims that they fund {a_name}.",
)

ALLEGED: tuple[str, ...] = (
    "{b} accused {backer} of arming {a_name}.",
    "{b_name} accused {a_name} of shelling {facility} in {city}.",
    "Rights groups allege that {a} bombed {city2} indiscriminately.",
    "{a_name} reportedly struck a {b_mod} base near {city2}.",
)

CLAIMED: tuple[str, ...] = (
    "{a_name} claimed to have captured {city2}, a claim that could not be independently verified.",
    "{a_name} claimed it had shot down a {b_mod} drone over {city}.",
    "In a statement, {a_name} claimed that its fighters had destroyed {n} {b_mod} vehicles.",
)

HEDGED: tuple[str, ...] = (
    "Analysts warned that {a} could attempt to seize {city} in the coming weeks.",
    "{a} appeared to be preparing an assault on {city}, according to military sources.",
    "If {backer} stops supplying {a_name}, the front around {city} may collapse, "
    "one diplomat said.",
    "{b_name} threatened to strike {city2} if the offensive continued.",
    "Officials fear {a_name} may try to take {city2} before the rainy season.",
    "{a} vowed to retake {city} by the end of {month}.",
)

QUOTES: tuple[str, ...] = (
    '"We will not leave {city}," {person}, a commander with {a_name}, told reporters.',
    '"The shelling does not stop, day or night," said {resident}, a resident of {city}.',
    '"The situation in {city} is catastrophic," said {person}, who works for {agency}.',
    '"We have nothing left," said {resident}, who fled {city2} with her {n} children.',
    '"Our forces are advancing on all fronts," {a_name} spokesman {person} said on {day}.',
    '"Nobody is safe here," {resident} said by telephone from {city}.',
)

HUMANITARIAN: tuple[str, ...] = (
    "More than {big} people have fled {city} since {month}, the UN refugee agency said.",
    "Aid workers said food and medicine were running out in {city}, "
    "where {big} people are trapped.",
    "{agency} warned of famine in parts of {region}.",
    "Hospitals in {city} are overwhelmed and short of blood and anaesthetics, {agency} said.",
    "The road to {city2} has been closed to aid convoys for {days} days.",
    "Cholera has spread through camps for displaced people around {city}, health officials said.",
    "Only a handful of clinics still work in {region}, according to {agency}.",
)

BACKGROUND: tuple[str, ...] = (
    "The war in {country} began in {year}, when a long rivalry between {a_name} "
    "and {b_name} turned into open conflict.",
    "The conflict has killed tens of thousands of people and displaced millions, "
    "according to UN estimates.",
    "Talks brokered in {talks} have so far failed to produce a lasting ceasefire.",
    "{region} has changed hands several times since {year}.",
    "{city} sits on the main road between {city2} and the border, "
    "which makes it a prize for both sides.",
    "Both sides have been accused of war crimes, including attacks on civilians and aid workers.",
    "A ceasefire agreed in {month} collapsed within days.",
    "The United Nations Security Council has called repeatedly for an end to the fighting.",
    "Independent verification is difficult because of restrictions on journalists "
    "and frequent communication blackouts.",
)

LEADS: tuple[str, ...] = (
    "{leader}, who leads {a_name}, said the group would keep fighting.",
    "{a_name}, led by {leader}, has expanded its reach across {region}.",
)

#: Paragraph kinds and their weights: what an article is mostly made of.
SECTIONS: tuple[tuple[tuple[str, ...], int], ...] = (
    (STRIKES, 8),
    (CAPTURES, 5),
    (FIGHTS, 4),
    (BACKS, 4),
    (DENIED, 2),
    (ALLEGED, 2),
    (CLAIMED, 2),
    (HEDGED, 3),
    (QUOTES, 4),
    (HUMANITARIAN, 4),
    (BACKGROUND, 4),
    (LEADS, 1),
)
