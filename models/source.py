"""A place on the web where promises are published (an entry of the sources registry)."""

from typing import Literal

from pydantic import BaseModel

Publisher = Literal["police", "municipality", "other"]
CmsProfile = Literal["polisen", "sitevision", "episerver", "generic"]


class Source(BaseModel):
    """One entry point of the crawl: a page URL and what we know about who runs it."""

    url: str
    site: str
    publisher: Publisher | None = None
    profile: CmsProfile = "generic"
    kommunkod: str | None = None
    title: str | None = None
