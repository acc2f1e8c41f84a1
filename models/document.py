"""The cleaned document: text plus typed blocks with character offsets into it."""

from bisect import bisect_right
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

BlockKind = Literal["heading", "paragraph", "list_item", "caption", "signature"]


class Block(BaseModel):
    """A structural unit of the cleaned text: ``text[start:end]`` is its content."""

    kind: BlockKind
    start: int
    end: int
    # For list items: the bullet as written ("•", "-", "1."); for headings: None.
    marker: str | None = None


class Document(BaseModel):
    """What ``clean`` produces and every extractor reads."""

    text: str
    blocks: list[Block] = Field(default_factory=list)
    title: str | None = None
    content_type: str = "text"
    # Which cleaning path produced the text (e.g. "html.polisen", "html.trafilatura").
    cleaner: str = "text"

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``offset``."""
        return find_block(self.blocks, [block.start for block in self.blocks], offset)


def find_block(blocks: Sequence[Block], starts: Sequence[int], offset: int) -> Block | None:
    """The block holding ``offset``: blocks are in text order and ``starts[i] == blocks[i].start``,
    so a binary search. Callers on a hot path keep ``starts`` instead of rebuilding it."""
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset < blocks[index].end:
        return blocks[index]
    return None
