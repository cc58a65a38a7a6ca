"""bench/mine_patterns.py counts the dependency paths joining gold actors to their targets."""

from __future__ import annotations

import json

from bench.mine_patterns import dependency_path, main, mine

# three event notes written for this test, about Somalia, Ukraine and Mali
NOTES = [
    {
        "id": "so",
        "text": "On 4 May, Al-Shabaab attacked Kismayo with mortars.",
        "edges": [{"source": ["Al-Shabaab"], "relation": "STRIKES", "target": ["Kismayo"]}],
    },
    {
        "id": "ua",
        "text": "Russian forces shelled Kherson overnight.",
        "edges": [{"source": ["Russia", "Russian forces"], "relation": "STRIKES",
                   "target": ["Kherson"]}],
    },
    {
        "id": "ml",
        "text": "Malian soldiers were ambushed by JNIM near Boni.",
        "edges": [{"source": ["JNIM"], "relation": ["STRIKES", "FIGHTS"], "undirected": True,
                   "target": ["Mali", "Malian soldiers"]}],
    },
    {
        "id": "apart",
        "text": "Wagner arrived in Bamako. Days later, drones hit Kidal.",
        "edges": [{"source": ["Wagner"], "relation": "STRIKES", "target": ["Kidal"]}],
    },
]  # fmt: skip


def test_active_and_passive_paths_are_counted_per_kind(extractor):
    counts = mine(extractor.nlp, NOTES).as_dict(top=5)
    strikes = counts["STRIKES"]
    assert strikes["edges"] == 3
    assert strikes["without_path"] == 1  # source and target in different sentences
    lexical = dict(strikes["lexical"])
    assert lexical["nsubj < [attack] > dobj"] == 1
    assert lexical["nsubj < [shell] > dobj"] == 1
    assert dict(strikes["general"])["nsubj < [VERB] > dobj"] == 2
    clash = counts["STRIKES|FIGHTS (undirected)"]
    assert dict(clash["lexical"]) == {"pobj < agent:by < [ambush] > nsubjpass": 1}


def test_a_token_has_no_path_to_itself(extractor):
    doc = extractor.nlp("Houthi drones struck Marib.")
    assert dependency_path(doc[0], doc[0]) is None
    assert dependency_path(doc[1], doc[3]).shape() == "nsubj < [strike] > dobj"


def test_the_command_prints_json(extractor, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(n) + "\n" for n in NOTES), encoding="utf-8")
    assert main([str(gold), "--json", "--top", "3"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"STRIKES", "STRIKES|FIGHTS (undirected)"}


def test_missed_counts_only_the_edges_the_extractor_lacks(extractor, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(n) + "\n" for n in NOTES), encoding="utf-8")
    system = {
        "articles": [
            {
                "id": "so",
                "actors": [
                    {"id": "f", "name": "Al-Shabaab", "aliases": ["al-Shabaab"]},
                    {"id": "c", "name": "Kismayo", "aliases": []},
                ],
                "relations": [{"source": "f", "target": "c", "kind": "STRIKES"}],
            },
            {
                "id": "ml",  # found, but the other way round: an undirected edge accepts it
                "actors": [
                    {"id": "m", "name": "Mali", "aliases": []},
                    {"id": "j", "name": "JNIM", "aliases": []},
                ],
                "relations": [{"source": "m", "target": "j", "kind": "FIGHTS"}],
            },
        ]
    }
    found = tmp_path / "system.json"
    found.write_text(json.dumps(system), encoding="utf-8")
    assert main([str(gold), "--json", "--missed", str(found)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"STRIKES"}
    assert report["STRIKES"]["edges"] == 2  # the Kherson shelling and the Kidal strike
    assert dict(report["STRIKES"]["lexical"]) == {"nsubj < [shell] > dobj": 1}
