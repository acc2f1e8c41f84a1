"""The shared spaCy pipeline: ``spacy.blank("sv")`` plus rule components.

No trained Swedish pipeline is installable here, so nothing depends on one. To
plug one in later, set MEDBORGARLOFTEN_SPACY_MODEL to its name: it is loaded
instead of the blank pipeline, and the rule components are added on top.
"""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

BLOCK_STARTS_KEY = "block_starts"
UNSPLIT_KEY = "unsplit_ranges"


@Language.component("block_boundaries")
def block_boundaries(doc: Doc) -> Doc:
    """Start a sentence at every block of the cleaned document.

    A heading has no full stop, so the sentencizer alone would run it into the
    paragraph below; the cleaner knows where blocks start, so sentences never
    cross them.
    """
    starts = doc.user_data.get(BLOCK_STARTS_KEY)
    if not starts:
        return doc
    unsplit = doc.user_data.get(UNSPLIT_KEY, ())
    for token in doc:
        if token.i == 0:
            continue
        if token.idx in starts or (doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text):
            token.is_sent_start = True
        elif any(start < token.idx < end for start, end in unsplit):
            # A heading, caption or signature is one unit, whatever its dots.
            token.is_sent_start = False
    return doc


@cache
def get_nlp() -> Language:
    model = os.environ.get("MEDBORGARLOFTEN_SPACY_MODEL")
    nlp = spacy.load(model) if model else spacy.blank("sv")
    if "block_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("block_boundaries", first=True)
    if "sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    if "lemmatizer" not in nlp.pipe_names:
        # The Swedish lemmatizer's default rule mode needs POS tags a blank pipeline lacks.
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    return nlp


def parse(
    text: str,
    block_starts: set[int] | None = None,
    unsplit: list[tuple[int, int]] | None = None,
) -> Doc:
    """Tokenize and run the rule components, with sentences kept inside blocks."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    if block_starts is not None:
        doc.user_data[BLOCK_STARTS_KEY] = block_starts
        doc.user_data[UNSPLIT_KEY] = unsplit or []
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
