"""``actorgraph actors``, ``stats``, ``delete`` and ``curate`` on a hand-made graph."""

from __future__ import annotations

from .hand_made import CLI, HAND_MADE, HEZBOLLAH, IRAN


def _table_ids(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:] if line and not line.startswith("(")]


def test_actors_table_lists_matches_with_aliases(cli: CLI, hand_made_store: str) -> None:
    run = cli("actors", "tehran", "--store", hand_made_store)
    assert run.code == 0, run.err
    assert run.out.splitlines()[0].split() == ["ID", "KIND", "NAME", "ALIASES", "MENTIONS"]
    assert _table_ids(run.out) == [IRAN.id]
    assert "Tehran" in run.out


def test_actors_filters_by_kind_and_limits(cli: CLI, hand_made_store: str) -> None:
    run = cli("actors", "--kind", "faction", "--store", hand_made_store)
    ids = _table_ids(run.out)
    assert ids and all(i.startswith("faction:") for i in ids)
    assert HEZBOLLAH.id in ids
    limited = cli("actors", "--limit", "2", "--store", hand_made_store)
    assert len(_table_ids(limited.out)) == 2
    assert "(2 of " in limited.out


def test_actors_without_a_match_exits_1(cli: CLI, hand_made_store: str) -> None:
    run = cli("actors", "Atlantis", "--store", hand_made_store)
    assert run.code == 1 and "no actors matching 'Atlantis'" in run.out


def test_stats_counts_the_hand_made_graph(cli: CLI, hand_made_store: str) -> None:
    run = cli("stats", "--store", hand_made_store)
    assert run.code == 0, run.err
    relations = {r.id for e in HAND_MADE for r in e.relations}
    assert f"articles   {len(HAND_MADE)}" in run.out
    assert f"relations  {len(relations)}" in run.out


def test_delete_removes_an_article_and_its_evidence(cli: CLI, hand_made_store: str) -> None:
    assert cli("delete", "levant-2", "--store", hand_made_store).code == 0
    run = cli("supporters", "Hamas", "--depth", "1", "--store", hand_made_store)
    assert "Qatar" not in run.out and "Hezbollah" in run.out
    again = cli("delete", "levant-2", "--store", hand_made_store)
    assert again.code == 1 and "no article with id 'levant-2'" in again.err


def test_curate_alias_then_find_by_it_then_undo(cli: CLI, hand_made_store: str) -> None:
    added = cli("curate", "alias", "Hezbollah", "Party of God", "--store", hand_made_store)
    assert added.code == 0, added.err
    curation_id = added.out.split("(curation ")[1].split(")")[0]
    found = cli("supporters", "party of god", "--depth", "1", "--store", hand_made_store)
    assert found.out.splitlines()[0] == "Hezbollah (faction)"
    log = cli("curate", "log", "--store", hand_made_store)
    assert curation_id in log.out and "alias" in log.out
    assert cli("curate", "undo", curation_id, "--store", hand_made_store).code == 0
    gone = cli("supporters", "party of god", "--store", hand_made_store)
    assert gone.code == 1 and "no actor named" in gone.err


def test_curate_merge_folds_one_actor_into_another(cli: CLI, hand_made_store: str) -> None:
    run = cli("curate", "--store", hand_made_store, "merge", "Qatar", "Hezbollah")
    assert run.code == 0, run.err
    listing = cli("actors", "--store", hand_made_store)
    assert HEZBOLLAH.id not in _table_ids(listing.out)
    supporters = cli("supporters", "Hamas", "--depth", "1", "--store", hand_made_store)
    assert "<- Qatar (state)" in supporters.out and "Hezbollah (" not in supporters.out


def test_curate_unknown_curation_is_one_line(cli: CLI, hand_made_store: str) -> None:
    run = cli("curate", "undo", "no-such-curation", "--store", hand_made_store)
    assert run.code == 1
    assert len(run.err.strip().splitlines()) == 1


def test_curate_split_makes_a_new_actor(cli: CLI, hand_made_store: str) -> None:
    run = cli("curate", "split", "Iran", "Tehran", "--kind", "city", "--store", hand_made_store)
    assert run.code == 0, run.err
    assert "split 'Tehran' off state:iran into city:tehran" in run.out
    assert "city:tehran" in _table_ids(cli("actors", "Tehran", "--store", hand_made_store).out)
    log = cli("curate", "log", "--store", hand_made_store)
    assert "split 'Tehran' off state:iran" in log.out
