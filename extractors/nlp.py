"""The shared spaCy pipeline: ``spacy.blank("sv")`` plus rule components.

No trained Swedish pipeline is installable here, so nothing depends on one. To
plug one in later, set MEDBORGARLOFTEN_SPACY_MODEL to its name: it is loaded
instead of the blank pipeline, and the rule components are added on top (its
own parser, if it has one, then decides sentences inside the blocks).

Extractors read token texts and character offsets, not lemmas, so no lemmatizer
runs by default; a rule that needs lemmas can add one with ``mode="lookup"``
(the Swedish rule mode needs POS tags a blank pipeline lacks).
"""

from __future__ import annotations

import os
from functools import cache

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc

BLOCK_STARTS_KEY = "block_starts"
TEXT_KEY = "nlp.source_text"
UNSPLIT_KEY = "unsplit_ranges"
SENTENCE_END = ("!", ".", "?", "…")
# String hashes do not depend on the vocabulary: the ORTH ids of the marks above.
SENTENCE_END_HASHES = numpy.array([hash_string(mark) for mark in SENTENCE_END], dtype="uint64")


@Language.component("block_sentencizer")
def block_sentencizer(doc: Doc) -> Doc:
    """Sentences that never cross a block of the cleaned document.

    A sentence starts at every block and after sentence-final punctuation, except
    inside headings, captions and signatures, which stay one unit whatever their
    dots ("1. Rubrik", "Båstad 2016-12-13"). Done on token arrays, not token by
    token: this runs on every document and is most of the pipeline's floor cost.
    """
    if len(doc) == 0 or doc.has_annotation("SENT_START"):
        return doc
    columns = doc.to_array([IDX, ORTH, IS_SPACE])
    idx, orth, is_space = columns[:, 0], columns[:, 1], columns[:, 2].astype(bool)
    # Four marks: comparing with each is faster than numpy.isin's sort on arrays this small.
    is_end = numpy.zeros(len(doc), dtype=bool)
    for mark in SENTENCE_END_HASHES:
        is_end |= orth == mark
    starts = numpy.full(len(doc), -1, dtype="int32")
    # After a run of final punctuation, the next non-space token opens a sentence.
    follows_end = numpy.zeros(len(doc), dtype=bool)
    follows_end[1:] = is_end[:-1] & ~is_end[1:]
    starts[follows_end] = 1
    block_starts = doc.user_data.get(BLOCK_STARTS_KEY)
    if block_starts:
        starts[_at_offsets(idx, block_starts)] = 1
        for start, end in doc.user_data.get(UNSPLIT_KEY, ()):
            # The tokens starting strictly inside (start, end): idx ascends.
            first, stop = numpy.searchsorted(idx, start, side="right"), numpy.searchsorted(idx, end)
            starts[first:stop] = -1
    # A line break is a boundary even inside a signature: "Bo Wendt" / "Kommunstyrelsens ordförande".
    strings = doc.vocab.strings
    for i in numpy.flatnonzero(is_space[:-1]):
        key = int(orth[i])
        breaks = _BREAKS.get(key)
        if breaks is None:
            if len(_BREAKS) > 10_000:  # odd whitespace runs are unbounded: keep the table small
                _BREAKS.clear()
            breaks = _BREAKS[key] = "\n" in strings[key]
        if breaks:
            starts[i + 1] = 1
    # A whitespace token opening a sentence would make an empty one: move the start on.
    for i in numpy.flatnonzero((starts == 1) & is_space):
        starts[i] = -1
        if i + 1 < len(doc) and starts[i + 1] != 1:
            starts[i + 1] = 1
    starts[0] = 1
    # spaCy takes uint64 columns; -1 ("not a start") wraps as it does in Doc.to_array.
    doc.from_array([SENT_START], starts.astype("int64").view("uint64").reshape(-1, 1))
    return doc



# Whitespace token (by ORTH hash) -> whether it holds a line break; a handful of strings.
_BREAKS: dict[int, bool] = {}


def _at_offsets(idx: numpy.ndarray, offsets: set[int]) -> numpy.ndarray:
    """Indexes of the tokens that start exactly at one of ``offsets`` (``idx`` ascends)."""
    wanted = numpy.fromiter(offsets, dtype=idx.dtype, count=len(offsets))
    positions = numpy.searchsorted(idx, wanted)
    inside = positions < len(idx)
    positions = positions[inside]
    return positions[idx[positions] == wanted[inside]]


@cache
def get_nlp() -> Language:
    model = os.environ.get("MEDBORGARLOFTEN_SPACY_MODEL")
    nlp = spacy.load(model) if model else spacy.blank("sv")
    if "block_sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("block_sentencizer", first=True)
    return nlp


def parse(
    text: str,
    block_starts: set[int] | None = None,
    unsplit: list[tuple[int, int]] | None = None,
) -> Doc:
    """Tokenize and run the rule components, with sentences kept inside blocks."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    if block_starts is not None:
        doc.user_data[BLOCK_STARTS_KEY] = block_starts
        doc.user_data[UNSPLIT_KEY] = unsplit or []
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def doc_text(doc: Doc) -> str:
    """The text ``doc`` was made from; ``Doc.text`` rebuilds it token by token on every call."""
    text = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text
