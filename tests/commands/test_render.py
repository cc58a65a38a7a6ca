"""Evidence snippets: short, cut at words, and centred on the words of the relation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.commands.render import snippet
from graph.model import Evidence

FILLER = (
    "after weeks of heavy fighting in the hills north of the provincial capital, officials said"
)


def _evidence(sentence: str, trigger: str, source: str, target: str) -> Evidence:
    return Evidence("a1", sentence, 0, len(sentence), trigger, source, target)


def test_a_short_sentence_is_kept_whole() -> None:
    sentence = "Iran backs Hezbollah."
    assert snippet(_evidence(sentence, "backs", "Iran", "Hezbollah")) == sentence


def test_a_long_sentence_is_cut_around_the_relation() -> None:
    sentence = f"{FILLER}, {FILLER}, Hezbollah backs Hamas, {FILLER}, {FILLER}."
    text = snippet(_evidence(sentence, "backs", "Hezbollah", "Hamas"), width=60)
    assert "Hezbollah backs Hamas" in text
    assert text.startswith("…") and text.endswith("…")
    assert len(text) <= 62


def test_the_mention_next_to_the_trigger_wins() -> None:
    sentence = f"Iran backs Hezbollah {FILLER}, and Hezbollah in turn backs Hamas {FILLER}."
    text = snippet(_evidence(sentence, "backs", "Hezbollah", "Hamas"), width=50)
    assert "Hezbollah in turn backs Hamas" in text
    assert "Iran" not in text


words = st.lists(st.text("abcdefghij", min_size=1, max_size=12), min_size=1, max_size=60)


@settings(deadline=None)  # the machine may be busy; speed is not under test
@given(words, st.integers(min_value=20, max_value=200))
def test_a_snippet_never_outgrows_its_width(parts: list[str], width: int) -> None:
    sentence = " ".join(parts)
    text = snippet(_evidence(sentence, parts[len(parts) // 2], parts[0], parts[-1]), width=width)
    assert len(text) <= width + 2  # the two ellipses
    assert text.strip("…") in sentence
