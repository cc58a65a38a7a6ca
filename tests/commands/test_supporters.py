"""``actorgraph supporters`` and ``actorgraph paths`` on a hand-made graph with known facts."""

from __future__ import annotations

import json

import pytest

from .hand_made import CLI, HAMAS, HEZBOLLAH, IRAN, QATAR


def test_supporters_by_name_shows_the_chain_with_evidence(cli: CLI, hand_made_store: str) -> None:
    run = cli("supporters", "hamas", "--store", hand_made_store)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Hamas (faction)"
    hezbollah = next(i for i, line in enumerate(lines) if "<- Hezbollah (faction)" in line)
    assert "BACKS  [asserted, 0.80, 1 article]" in lines[hezbollah]
    assert (
        lines[hezbollah + 1].strip() == '"Hezbollah backs Hamas in its war with Israel." (levant-1)'
    )
    # Iran backs Hamas only through Hezbollah: it hangs below it, further indented
    iran = next(i for i, line in enumerate(lines) if "<- Iran (state)" in line)
    assert iran > hezbollah
    assert lines[iran].index("<-") > lines[hezbollah].index("<-")
    assert "2 articles" in lines[iran]
    assert "(levant-1)" in run.out and "(levant-2)" in run.out
    assert any(line.strip().startswith("<- Qatar (state)") for line in lines)


def test_a_denied_backing_is_not_support(cli: CLI, hand_made_store: str) -> None:
    # "Tehran denied arming Hamas": Iran backs Hamas only through Hezbollah
    run = cli("supporters", "Hamas", "--depth", "1", "--store", hand_made_store)
    assert run.code == 0, run.err
    assert "<- Hezbollah (faction)" in run.out and "<- Qatar (state)" in run.out
    assert "Iran" not in run.out and "denied" not in run.out


def test_supporters_by_alias_and_direction_out(cli: CLI, hand_made_store: str) -> None:
    run = cli("supporters", "Tehran", "--direction", "out", "--store", hand_made_store)
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "Iran (state)"
    assert "-> Hezbollah (faction)" in run.out


def test_supporters_json_lists_paths_from_the_actor(cli: CLI, hand_made_store: str) -> None:
    run = cli("supporters", HAMAS.id, "--json", "--store", hand_made_store)
    assert run.code == 0, run.err
    document = json.loads(run.out)
    assert document["actor"]["id"] == HAMAS.id
    chains = {tuple(a["id"] for a in p["actors"]) for p in document["paths"]}
    assert (HAMAS.id, HEZBOLLAH.id, IRAN.id) in chains
    assert (HAMAS.id, QATAR.id) in chains
    for path in document["paths"]:
        assert all(r["kind"] == "BACKS" and r["evidence"] for r in path["relations"])


def test_supporters_as_of_drops_later_reports(cli: CLI, hand_made_store: str) -> None:
    run = cli("supporters", "Hamas", "--as-of", "2024-02-01", "--store", hand_made_store)
    assert run.code == 0, run.err
    assert "Hezbollah" in run.out and "Qatar" not in run.out


def test_unknown_actor_says_how_to_search(cli: CLI, hand_made_store: str) -> None:
    run = cli("supporters", "Atlantis", "--store", hand_made_store)
    assert run.code == 1
    assert run.err.strip() == (
        "actorgraph supporters: no actor named 'Atlantis'; try `actorgraph actors Atlantis`"
    )


def test_ambiguous_actor_lists_the_candidates(cli: CLI, hand_made_store: str) -> None:
    run = cli("supporters", "Popular Front", "--store", hand_made_store)
    assert run.code == 1
    assert "faction:popular-front" in run.err and "organization:popular-front" in run.err
    assert run.out == ""


def test_paths_between_two_actors_show_each_step(cli: CLI, hand_made_store: str) -> None:
    run = cli("paths", "Qatar", "Iran", "--kinds", "BACKS", "--store", hand_made_store)
    assert run.code == 0, run.err
    assert "from Qatar (state) to Iran (state)" in run.out
    assert "Qatar -BACKS-> Hamas <-BACKS- Hezbollah <-BACKS- Iran" in run.out
    assert '"Qatar backs Hamas politically and hosts its leaders." (levant-2)' in run.out


def test_paths_json_gives_each_step_its_direction(cli: CLI, hand_made_store: str) -> None:
    run = cli("paths", "Hezbollah", "Qatar", "--kinds", "BACKS", "--json", "--store",
              hand_made_store)  # fmt: skip
    assert run.code == 0, run.err
    paths = json.loads(run.out)["paths"]
    assert paths
    first = next(p for p in paths if p["length"] == 2)
    assert [r["direction"] for r in first["relations"]] == ["out", "in"]
    assert [a["id"] for a in first["actors"]] == [HEZBOLLAH.id, HAMAS.id, QATAR.id]


def test_no_path_exits_1(cli: CLI, hand_made_store: str) -> None:
    run = cli("paths", "Qatar", "Beirut", "--kinds", "BACKS", "--store", hand_made_store)
    assert run.code == 1
    assert "no path from Qatar (state) to Beirut (city)" in run.out


def test_a_bad_relation_kind_is_a_usage_error(cli: CLI, hand_made_store: str) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("paths", "Qatar", "Iran", "--kinds", "HUGS", "--store", hand_made_store)
    assert exited.value.code == 2
