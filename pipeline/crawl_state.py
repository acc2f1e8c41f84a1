"""What the crawler keeps between runs, all append-only JSON lines under the state folder.

- ``fetch_log.jsonl``: one object per HTTP attempt and its outcome, for people and for
  ``make extract`` (which loads it into the database).
- ``crawl.jsonl``: the journal of the current crawl (which URLs were queued and which
  are done), so an interrupted crawl resumes where it stopped.
- ``pages.jsonl``: per URL the validators (ETag, Last-Modified), the last snapshot and
  the links found, so an unchanged page costs one 304 and still yields its links.

Append-only files survive a kill at any moment: at worst the last line is cut, and a
cut line is skipped when reading.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.sources import Role

FETCH_LOG = "fetch_log.jsonl"
JOURNAL = "crawl.jsonl"
PAGES = "pages.jsonl"

# Outcomes of one attempt, as written to the fetch log.
OUTCOMES = ("new", "unchanged", "visited", "redirect", "retry", "gone", "failed", "skipped")


@dataclass
class CrawlItem:
    """One URL waiting to be fetched, with why it is fetched."""

    url: str
    role: Role
    site: str
    depth: int = 0
    referrer: str | None = None
    origin: str | None = None  # first URL of a redirect chain that led here
    chain: list[str] = field(default_factory=list)

    @property
    def origin_url(self) -> str:
        return self.origin or self.url

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CrawlItem:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__ if key in data})


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-lines file; a line cut short by a crash is skipped."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                yield value


class JsonlWriter:
    """Appends one JSON object per line and flushes it at once."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._handle = path.open("a", encoding="utf-8")

    def write(self, value: dict[str, Any]) -> None:
        self._handle.write(json.dumps(value, ensure_ascii=False, sort_keys=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


class FetchLog(JsonlWriter):
    """``fetch_log.jsonl``: every attempt, appended across runs."""


@dataclass
class ResumePoint:
    run_id: str
    pending: list[CrawlItem]
    seen: set[str]
    done: int


class CrawlJournal:
    """``crawl.jsonl``: queued and done events of the crawl in progress."""

    def __init__(self, state_dir: Path):
        self.path = state_dir / JOURNAL
        self._writer: JsonlWriter | None = None

    def unfinished(self) -> ResumePoint | None:
        """The crawl to resume, or None when the last one finished (or none ran)."""
        run_id: str | None = None
        queued: dict[str, CrawlItem] = {}
        done: set[str] = set()
        finished = True
        for event in read_jsonl(self.path):
            kind = event.get("event")
            if kind == "start":
                run_id, queued, done, finished = str(event.get("run_id")), {}, set(), False
            elif kind == "queued" and isinstance(event.get("item"), dict):
                try:
                    item = CrawlItem.from_json(event["item"])
                except TypeError:
                    continue
                queued.setdefault(item.url, item)
            elif kind == "done":
                done.add(str(event.get("url")))
            elif kind == "finish":
                finished = True
        if finished or run_id is None:
            return None
        pending = [item for url, item in queued.items() if url not in done]
        return ResumePoint(run_id, pending, set(queued), len(done))

    def start(self, run_id: str, *, resume: bool) -> None:
        if not resume and self.path.exists():
            self.path.unlink()
        self._writer = JsonlWriter(self.path)
        if not resume:
            self._writer.write({"event": "start", "run_id": run_id})
        else:
            self._writer.write({"event": "resume", "run_id": run_id})

    def queued(self, item: CrawlItem) -> None:
        assert self._writer is not None
        self._writer.write({"event": "queued", "item": item.to_json()})

    def done(self, url: str, outcome: str) -> None:
        assert self._writer is not None
        self._writer.write({"event": "done", "url": url, "outcome": outcome})

    def finish(self) -> None:
        if self._writer is not None:
            self._writer.write({"event": "finish"})
            self._writer.close()
            self._writer = None

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None


class PageStates:
    """``pages.jsonl``: the newest known state of each URL (last line per URL wins)."""

    def __init__(self, state_dir: Path):
        self.path = state_dir / PAGES
        self._pages: dict[str, dict[str, Any]] = {}
        for record in read_jsonl(self.path):
            url = record.get("url")
            if isinstance(url, str):
                self._pages[url] = record
        self._writer = JsonlWriter(self.path)

    def get(self, url: str) -> dict[str, Any] | None:
        return self._pages.get(url)

    def update(self, url: str, **fields: Any) -> None:
        record = {**self._pages.get(url, {}), **fields, "url": url}
        self._pages[url] = record
        self._writer.write(record)

    def compact(self) -> None:
        """Rewrite the file with one line per URL, atomically."""
        self._writer.close()
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".pages-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for record in self._pages.values():
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        os.replace(tmp, self.path)
        self._writer = JsonlWriter(self.path)

    def close(self) -> None:
        self._writer.close()
