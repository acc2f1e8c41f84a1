"""What every extractor reads: the cleaned Document, its spaCy Doc, and its sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from extractors.nlp import parse
from models import Block, Document

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
        for sent in self.doc.sents:
            start, end = _trim(self.text, sent.start_char, sent.end_char)
            if start >= end:
                continue
            block = self.document.block_at(start)
            if block is None:
                continue
            end = min(end, block.end)
            found.append(Sentence(start, end, block, self.text[start:end]))
        return found

    @cached_property
    def _sentences_by_block(self) -> dict[int, list[Sentence]]:
        grouped: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(id(sentence.block), []).append(sentence)
        return grouped

    def sentences_in(self, block: Block) -> list[Sentence]:
        return self._sentences_by_block.get(id(block), [])

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

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
