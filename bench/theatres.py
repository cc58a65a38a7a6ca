"""The wars the benchmark corpus writes about.

A theatre names only countries (ISO2), outside backers (ISO2) and a few region names; the
actors themselves (states, their forces, armed groups) and the towns are read at run time from
the project's lexicon files and from GeoNames, so the corpus follows the lexicon as it grows.
``extra_groups`` are used only when the lexicon has fewer than two groups for a theatre: they
are names the extractor may not know, which real reporting is full of too.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NAME_POOLS", "THEATRES", "Theatre"]


@dataclass(frozen=True, slots=True)
class Theatre:
    key: str
    countries: tuple[str, ...]  # where the fighting is (ISO2)
    backers: tuple[str, ...]  # outside states said to back one side (ISO2)
    regions: tuple[str, ...]
    since: int  # the year the current phase began
    names: str  # key into NAME_POOLS for spokespeople and residents
    talks: tuple[str, ...]  # cities where ceasefire talks are held
    extra_groups: tuple[str, ...] = ()


THEATRES: tuple[Theatre, ...] = (
    Theatre(
        "sudan",
        ("SD",),
        ("AE", "EG", "TR", "IR", "RU", "SA"),
        ("Darfur", "North Kordofan", "Gezira State", "Khartoum State", "White Nile State"),
        2023,
        "arabic",
        ("Jeddah", "Geneva", "Cairo"),
    ),
    Theatre(
        "yemen",
        ("YE",),
        ("SA", "AE", "IR", "US", "GB"),
        ("Marib governorate", "Hodeidah governorate", "Hadramawt", "Taiz governorate"),
        2014,
        "arabic",
        ("Muscat", "Riyadh", "Stockholm"),
    ),
    Theatre(
        "ukraine",
        ("UA", "RU"),
        ("US", "GB", "DE", "FR", "PL", "IR", "KP", "BY"),
        (
            "Donetsk region",
            "Luhansk region",
            "Zaporizhzhia region",
            "Kharkiv region",
            "Kursk region",
        ),
        2022,
        "slavic",
        ("Istanbul", "Riyadh", "Geneva"),
        ("Wagner Group", "Azov Brigade", "Freedom of Russia Legion"),
    ),
    Theatre(
        "drc",
        ("CD", "RW"),
        ("RW", "UG", "BI", "AO", "ZA"),
        ("North Kivu", "South Kivu", "Ituri province"),
        2021,
        "central_african",
        ("Luanda", "Doha", "Nairobi"),
    ),
    Theatre(
        "myanmar",
        ("MM",),
        ("CN", "RU", "IN", "TH"),
        ("Shan State", "Rakhine State", "Sagaing Region", "Kachin State", "Karen State"),
        2021,
        "burmese",
        ("Kunming", "Bangkok"),
        (
            "Arakan Army",
            "Kachin Independence Army",
            "Ta'ang National Liberation Army",
            "Myanmar National Democratic Alliance Army",
            "People's Defence Force",
            "Karen National Liberation Army",
        ),
    ),
    Theatre(
        "sahel",
        ("ML", "BF", "NE"),
        ("RU", "FR", "DZ", "TR"),
        ("Mopti region", "Gao region", "Kidal region", "Liptako-Gourma", "Tillaberi region"),
        2012,
        "west_african",
        ("Algiers", "Lome"),
        ("Africa Corps",),
    ),
    Theatre(
        "somalia",
        ("SO",),
        ("US", "TR", "AE", "ET", "KE", "ER"),
        ("Lower Shabelle", "Middle Shabelle", "Hiiraan", "Jubaland", "Galmudug"),
        2006,
        "somali",
        ("Nairobi", "Ankara"),
    ),
    Theatre(
        "gaza_lebanon",
        ("PS", "LB", "IL"),
        ("US", "IR", "QA", "EG", "DE"),
        ("Gaza Strip", "West Bank", "southern Lebanon", "Bekaa Valley", "Golan Heights"),
        2023,
        "arabic",
        ("Doha", "Cairo", "Paris"),
    ),
    Theatre(
        "libya",
        ("LY",),
        ("TR", "AE", "EG", "RU", "QA"),
        ("Fezzan", "Cyrenaica", "Tripolitania", "Nafusa Mountains"),
        2014,
        "arabic",
        ("Geneva", "Berlin", "Tunis"),
    ),
    Theatre(
        "ethiopia",
        ("ET", "ER"),
        ("ER", "AE", "TR", "IR"),
        ("Tigray", "Amhara region", "Oromia", "Afar region"),
        2020,
        "ethiopian",
        ("Pretoria", "Nairobi"),
    ),
    Theatre(
        "iraq",
        ("IQ",),
        ("IR", "US", "TR"),
        ("Anbar province", "Nineveh province", "Kirkuk province", "Diyala province"),
        2014,
        "arabic",
        ("Baghdad", "Erbil"),
    ),
    Theatre(
        "syria",
        ("SY",),
        ("TR", "RU", "IR", "US", "IL", "QA"),
        (
            "Idlib province",
            "Deir ez-Zor province",
            "Raqqa province",
            "Daraa province",
            "Suwayda province",
        ),
        2011,
        "arabic",
        ("Astana", "Geneva", "Amman"),
    ),
    Theatre(
        "afghanistan",
        ("AF", "PK"),
        ("PK", "IR", "RU", "TJ", "CN"),
        (
            "Panjshir Valley",
            "Kunar province",
            "Nangarhar province",
            "Helmand province",
            "Khyber Pakhtunkhwa",
        ),
        2021,
        "afghan",
        ("Doha", "Tashkent"),
        (
            "Taliban",
            "Islamic State Khorasan Province",
            "National Resistance Front",
            "Tehrik-i-Taliban Pakistan",
        ),
    ),
    Theatre(
        "colombia",
        ("CO",),
        ("VE", "US"),
        ("Catatumbo", "Cauca department", "Antioquia", "Narino department"),
        2016,
        "spanish",
        ("Havana", "Caracas", "Mexico City"),
        ("National Liberation Army", "Gulf Clan", "Central General Staff", "Segunda Marquetalia"),
    ),
    Theatre(
        "haiti",
        ("HT",),
        ("KE", "US", "DO"),
        ("Artibonite department", "Ouest department", "Centre department"),
        2021,
        "haitian",
        ("Kingston", "Nairobi"),
        ("Viv Ansanm", "G9 Family and Allies", "400 Mawozo", "Gran Grif"),
    ),
    Theatre(
        "lake_chad",
        ("NG", "CM", "TD"),
        ("US", "TD", "CM", "FR"),
        ("Borno State", "Far North region", "Lake Chad basin", "Zamfara State"),
        2009,
        "west_african",
        ("Abuja", "N'Djamena"),
    ),
    Theatre(
        "mozambique",
        ("MZ",),
        ("RW", "ZA", "PT"),
        ("Cabo Delgado", "Niassa province", "Nampula province"),
        2017,
        "lusophone",
        ("Maputo", "Kigali"),
    ),
)

# Given names and surnames for spokespeople, residents and aid workers, by region.
NAME_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "arabic": (
        (
            "Ahmed",
            "Mohamed",
            "Fatima",
            "Omar",
            "Khalid",
            "Amina",
            "Yousef",
            "Huda",
            "Ibrahim",
            "Layla",
            "Samir",
            "Nadia",
            "Tariq",
            "Mariam",
        ),
        (
            "Hassan",
            "Abdallah",
            "al-Amin",
            "Osman",
            "Haddad",
            "Nasser",
            "Khalil",
            "al-Tayeb",
            "Saleh",
            "Mansour",
            "Yassin",
            "Karim",
        ),
    ),
    "slavic": (
        (
            "Oleksandr",
            "Iryna",
            "Dmytro",
            "Olena",
            "Serhiy",
            "Natalia",
            "Andriy",
            "Yulia",
            "Mykola",
            "Tetiana",
        ),
        (
            "Kovalenko",
            "Shevchenko",
            "Bondarenko",
            "Melnyk",
            "Tkachenko",
            "Kravchenko",
            "Petrenko",
            "Moroz",
            "Lysenko",
        ),
    ),
    "central_african": (
        (
            "Jean-Pierre",
            "Esperance",
            "Patrick",
            "Aline",
            "Emmanuel",
            "Chantal",
            "Innocent",
            "Josephine",
            "Didier",
            "Claudine",
        ),
        ("Mukendi", "Kabeya", "Habimana", "Nshimiyimana", "Bahati", "Kasongo", "Mbuyi", "Uwimana"),
    ),
    "burmese": (
        ("Aung", "Thandar", "Kyaw", "Nilar", "Min", "Su", "Zaw", "Hnin"),
        ("Naing", "Win", "Htun", "Oo", "Myint", "Lwin", "Soe", "Thu"),
    ),
    "west_african": (
        (
            "Moussa",
            "Aminata",
            "Ibrahim",
            "Mariam",
            "Oumar",
            "Fatoumata",
            "Abdoulaye",
            "Hadiza",
            "Boubacar",
            "Aissata",
        ),
        (
            "Traore",
            "Diallo",
            "Coulibaly",
            "Keita",
            "Maiga",
            "Ouedraogo",
            "Issoufou",
            "Sawadogo",
            "Bello",
        ),
    ),
    "somali": (
        ("Abdi", "Hodan", "Farah", "Ayaan", "Mohamud", "Sahra", "Yusuf", "Fadumo"),
        ("Warsame", "Hersi", "Abdullahi", "Nur", "Jama", "Egal", "Aden", "Ali"),
    ),
    "ethiopian": (
        ("Abebe", "Tigist", "Getachew", "Hiwot", "Dawit", "Meron", "Berhane", "Selam"),
        ("Tesfaye", "Gebremedhin", "Haile", "Kebede", "Alemu", "Woldemariam"),
    ),
    "afghan": (
        ("Ahmad", "Zarifa", "Mohammad", "Shabnam", "Abdul", "Farida", "Naqibullah"),
        ("Rahimi", "Ahmadzai", "Karimi", "Stanikzai", "Hotak", "Sultani"),
    ),
    "spanish": (
        ("Carlos", "Luz", "Andres", "Marisol", "Javier", "Paola", "Diego", "Yolanda"),
        ("Rodriguez", "Gomez", "Castano", "Ramirez", "Herrera", "Velasquez", "Mejia"),
    ),
    "haitian": (
        ("Jean", "Marie", "Pierre", "Nadège", "Wilson", "Guerline", "Frantz"),
        ("Joseph", "Baptiste", "Desir", "Charles", "Pierre-Louis", "Alexis"),
    ),
    "lusophone": (
        ("Joao", "Ana", "Armando", "Celeste", "Manuel", "Rosa", "Abdul"),
        ("Macuacua", "Nhantumbo", "Cossa", "Muianga", "Sitoe", "Momade"),
    ),
}
