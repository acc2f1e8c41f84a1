"""What every extractor reads: the cleaned Document, its spaCy Doc, and its sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span

from extractors.nlp import doc_text, parse
from models import Block, Document
from models.document import find_block

UNSPLIT_KINDS = {"heading", "caption", "signature"}


@dataclass(frozen=True)
class Sentence:
    """A sentence inside one block: ``text[start:end]``."""

    start: int
    end: int
    block: Block
    text: str


@dataclass
class AnalyzedDocument:
    document: Document
    doc: Doc
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def blocks(self) -> list[Block]:
        return self.document.blocks

    @cached_property
    def sentences(self) -> list[Sentence]:
        found: list[Sentence] = []
        text = self.text
        block_at = self.block_at
        for sent_start, sent_end in _sentence_offsets(self.doc):
            start, end = _trim(text, sent_start, sent_end)
            if start >= end:
                continue
            block = block_at(start)
            if block is None:
                continue
            end = min(end, block.end)
            found.append(Sentence(start, end, block, text[start:end]))
        return found

    @cached_property
    def _sentences_by_block(self) -> dict[int, list[Sentence]]:
        grouped: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(id(sentence.block), []).append(sentence)
        return grouped

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """``Document.block_at`` with the block starts kept: it runs for every mention."""
        return find_block(self.blocks, self._block_starts, offset)

    def sentences_in(self, block: Block) -> list[Sentence]:
        return self._sentences_by_block.get(id(block), [])

    @cached_property
    def _spans(self) -> dict[tuple[int, int], Span | None]:
        return {}

    def span(self, start: int, end: int) -> Span | None:
        """The tokens over ``text[start:end]``; the same stretch is asked for by many rules."""
        spans = self._spans
        key = (start, end)
        if key not in spans:
            spans[key] = self.doc.char_span(start, end, alignment_mode="expand")
        return spans[key]

    def heading_above(self, block: Block) -> Block | None:
        """The nearest heading before ``block``."""
        heading = None
        for candidate in self.blocks:
            if candidate.start >= block.start:
                break
            if candidate.kind == "heading":
                heading = candidate
        return heading

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


def _sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Character offsets of the sentences, read from the token arrays.

    Equivalent to iterating ``doc.sents`` but without a Python object per token,
    which made sentence splitting a per-document hotspot.
    """
    if len(doc) == 0:
        return []
    columns = doc.to_array([SENT_START, IDX])
    starts = numpy.flatnonzero(columns[:, 0].astype("int64") == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    idx = columns[:, 1].tolist()
    chars = [idx[i] for i in starts] + [len(doc_text(doc))]
    return list(zip(chars[:-1], chars[1:], strict=True))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def analyze(document: Document) -> AnalyzedDocument:
    starts = {block.start for block in document.blocks}
    unsplit = [(b.start, b.end) for b in document.blocks if b.kind in UNSPLIT_KINDS]
    return AnalyzedDocument(document=document, doc=parse(document.text, starts, unsplit))
