"""The cleaned document: text plus typed blocks with character offsets into it."""

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

    def blocks_of(self, kind: BlockKind) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]

    def block_at(self, offset: int) -> Block | None:
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block
        return None
