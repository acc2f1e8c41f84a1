"""A snapshot: raw bytes exactly as fetched (or imported), plus its metadata sidecar."""

from typing import Literal

from pydantic import BaseModel, Field

from models.source import Publisher

ContentKind = Literal["html", "pdf", "text"]


class Snapshot(BaseModel):
    """Metadata of one immutable snapshot, stored beside it as ``<file>.meta.json``.

    ``path`` is relative to the repository root (or to the raw folder's parent when
    the raw folder lives elsewhere), so records point at a file anyone can open.
    """

    path: str
    sha256: str
    content_type: ContentKind
    size: int
    url: str | None = None
    final_url: str | None = None
    site: str | None = None
    publisher: Publisher | None = None
    title: str | None = None
    kommunkod: str | None = None
    fetched_at: str | None = None
    status: int | None = None
    encoding: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    note: str | None = None
