"""``actorgraph control``: the control timeline of tests/data/war_corpus.jsonl, a few weeks of a
war told by six articles (a capture, a recapture and a retaking of Saraqib, two agencies'
disagreeing captures of Manbij, a capture of Hama that is denied, a denial on its own)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .hand_made import CLI, REPO, SHARED

pytestmark = pytest.mark.usefixtures("extractor")

CORPUS = REPO / "tests" / "data" / "war_corpus.jsonl"
HTS, SYRIA = "faction:hayat-tahrir-al-sham", "state:syria"
SDF, SNA = "faction:syrian-democratic-forces", "faction:syrian-national-army"


@pytest.fixture
def war_store(cli: CLI, store_path: str) -> str:
    assert cli("ingest", str(CORPUS), "--store", store_path).code == 0
    return store_path


def _control(cli: CLI, store: str, place: str, as_of: str | None = None) -> dict:
    args = ["control", place, "--json", "--store", store]
    run = cli(*args, *(["--as-of", as_of] if as_of else []))
    assert run.code == 0, run.err
    return json.loads(run.out)


@pytest.mark.parametrize(
    ("as_of", "holder", "previous"),
    [
        ("2024-11-02", None, []),
        ("2024-11-03", HTS, []),
        ("2024-11-08", HTS, []),
        ("2024-11-09", SYRIA, [HTS]),
        ("2024-11-18", SYRIA, [HTS]),
        ("2024-11-19", HTS, [SYRIA, HTS]),
        (None, HTS, [SYRIA, HTS]),
    ],
)
def test_a_town_taken_retaken_and_regained(cli: CLI, war_store: str, as_of, holder, previous):
    answer = _control(cli, war_store, "Saraqib", as_of)
    assert answer["holder"] == holder
    assert [c["actor"] for c in answer["previous"]] == previous
    assert not answer["disputed"]


def test_the_answer_carries_the_capture_and_its_evidence(cli: CLI, war_store: str) -> None:
    answer = _control(cli, war_store, "Saraqib", "2024-11-10")
    capture = answer["capture"]
    assert capture["event_date"] == {
        "start": "2024-11-09", "end": "2024-11-09", "precision": "day", "text": "on Saturday"
    }  # fmt: skip
    assert capture["evidence"]["article_id"] == "war-02"
    assert "recaptured Saraqib" in capture["evidence"]["sentence"]
    assert answer["rests_on"] == ["reported"]
    assert answer["holder_name"] == "Syria"


def test_two_agencies_disagree_on_who_took_manbij(cli: CLI, war_store: str) -> None:
    first = _control(cli, war_store, "Manbij", "2024-11-25")
    assert first["holder"] == SDF and not first["disputed"]
    later = _control(cli, war_store, "Manbij", "2024-12-01")
    assert later["holder"] == SNA and later["disputed"]
    assert [(d["actor"], d["evidence"]["article_id"]) for d in later["disputes"]] == [
        (SDF, "war-04")
    ]


def test_a_denied_capture_is_flagged(cli: CLI, war_store: str) -> None:
    hama = _control(cli, war_store, "Hama")
    assert hama["holder"] == HTS and hama["disputed"]
    assert [d["modality"] for d in hama["disputes"]] == ["denied"]
    assert _control(cli, war_store, "Hama", "2024-12-04")["holder"] is None


def test_a_denial_alone_moves_nothing(cli: CLI, war_store: str) -> None:
    ariha = _control(cli, war_store, "Ariha")
    assert ariha["holder"] is None
    assert [(d["actor"], d["modality"]) for d in ariha["disputes"]] == [(HTS, "denied")]


def test_readable_output_names_holder_date_and_sentence(cli: CLI, war_store: str) -> None:
    run = cli("control", "Saraqib", "--as-of", "2024-11-10", "--store", war_store)
    assert run.code == 0
    first = run.out.splitlines()[0]
    assert first == "Saraqib (city:saraqib) as of 2024-11-10: held by Syria (state:syria)"
    assert "2024-11-09 (on Saturday), reported, article war-02" in run.out


def test_an_unknown_place_fails_with_a_hint(cli: CLI, war_store: str, tmp_path: Path) -> None:
    run = cli("control", "Atlantis", "--store", war_store)
    assert run.code == 1 and "Atlantis" in run.err


def test_extract_json_gives_each_relation_and_report_its_event_date(cli: CLI) -> None:
    run = cli("extract", str(CORPUS), "--json")
    assert run.code == 0
    (war_02,) = [a for a in json.loads(run.out)["articles"] if a["id"] == "war-02"]
    (recapture,) = [r for r in war_02["relations"] if r["kind"] == "CAPTURES"]
    expected = {"start": "2024-11-09", "end": "2024-11-09", "precision": "day",
                "text": "on Saturday"}  # fmt: skip
    assert recapture["event_date"] == expected
    assert [e["event_date"] for e in recapture["evidence"]] == [expected]


@pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(), reason=f"no shared seeds beside the checkout ({SHARED})"
)
@pytest.mark.parametrize(
    ("place", "holder", "words"),
    [
        ("Hama", "faction:hayat-tahrir-al-sham", "seized control of Hama"),
        ("Raqqa", "faction:syrian-democratic-forces", "Raqqa"),
    ],
)
def test_the_seeds_name_who_holds_hama_and_raqqa(
    cli: CLI, store_path: str, place: str, holder: str, words: str
) -> None:
    seeds = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    assert cli("ingest", *seeds, "--store", store_path).code == 0
    answer = _control(cli, store_path, place)
    assert answer["holder"] == holder
    assert words in answer["capture"]["evidence"]["sentence"]
