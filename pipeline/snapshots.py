"""The snapshot store: immutable, content-addressed raw files with metadata sidecars.

Layout: ``<root>/<site>/<slug>.<sha256[:16]>.<ext>`` and beside it
``<same name>.meta.json``. A file is never rewritten: the same bytes map to the
same name, and changed bytes from the same URL get a new name beside the old one,
because one polisen.se URL holds a different year's promise every year.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from models import Snapshot
from models.snapshot import ContentKind

SIDECAR_SUFFIX = ".meta.json"
DATA_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}
EXTENSION_FOR = {"text": "txt", "html": "html", "pdf": "pdf"}


class SnapshotError(Exception):
    """A snapshot or its sidecar cannot be read; the message names the file."""


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sniff_content_type(content: bytes, hint: str | None = None) -> ContentKind:
    """Decide html/pdf/text from the bytes first, the declared type or extension second."""
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or re.search(
        rb"<(html|head|body|div|p|h1|h2|article|main)[\s>]", head
    ):
        return "html"
    hint = (hint or "").lower()
    if "pdf" in hint:
        return "pdf"
    if "html" in hint or hint.endswith((".htm", ".html")):
        return "html"
    return "text"


def slugify(value: str, max_length: int = 60) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-").lower()
    return value[:max_length].strip("-") or "page"


def slug_for_url(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    last = path.rsplit("/", 1)[-1] if path else ""
    last = re.sub(r"\.(pdf|html?|txt)$", "", last, flags=re.I)
    if parts.query:
        last = f"{last}-{parts.query}"
    return slugify(last or parts.netloc)


def site_for_url(url: str) -> str:
    host = (urlsplit(url).hostname or "local").lower()
    return host.removeprefix("www.")


def display_path(path: Path) -> str:
    """The path as records show it: relative to the working directory when inside it."""
    resolved = _resolved(path)
    try:
        return resolved.relative_to(_resolved_directory(os.getcwd())).as_posix()
    except ValueError:
        return resolved.as_posix()


def _resolved(path: Path) -> Path:
    """``path.resolve()``, with the folder resolved once for all the files in it.

    Resolving walks every component of the path with a system call each; a build
    asks for 10,000 files in a handful of folders.
    """
    if path.name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    return _resolved_directory(str(path.absolute().parent)) / path.name


@lru_cache(maxsize=1024)
def _resolved_directory(directory: str) -> Path:
    return Path(directory).resolve()


def sidecar_for(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


class SnapshotStore:
    """Write-once storage of raw bytes under ``root``."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def put(
        self,
        content: bytes,
        *,
        url: str | None = None,
        site: str | None = None,
        slug: str | None = None,
        content_type: str | None = None,
        folder: str | None = None,
        **meta: object,
    ) -> tuple[Snapshot, bool]:
        """Store ``content``; return its snapshot and whether it was new.

        Storing bytes that are already present under the same site and slug adds
        nothing and returns the existing snapshot.
        """
        sha = sha256_of(content)
        kind = sniff_content_type(content, content_type or url)
        site = site or (site_for_url(url) if url else None)
        slug = slug or (slug_for_url(url) if url else sha[:12])
        directory = self.root / (folder or site or "local")
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"{slug}.{sha[:16]}.{EXTENSION_FOR[kind]}"
        if target.exists():
            existing = sha256_of(target.read_bytes())
            if existing != sha:
                raise SnapshotError(f"{target}: stored bytes do not match their hash; not touched")
            return self.load(target), False
        snapshot = Snapshot(
            path=display_path(target),
            sha256=sha,
            content_type=kind,
            size=len(content),
            url=url,
            site=site,
            fetched_at=meta.pop("fetched_at") if "fetched_at" in meta else utc_now(),  # type: ignore[arg-type]
            **meta,  # type: ignore[arg-type]
        )
        _write_new(target, content)
        _write_new(sidecar_for(target), snapshot.model_dump_json(indent=2).encode() + b"\n")
        return snapshot, True

    def files(self) -> Iterator[Path]:
        """Every data file under the root (sidecars excluded), in a stable order."""
        yield from iter_snapshot_files(self.root)

    def load(self, path: Path) -> Snapshot:
        return load_snapshot(path)

    def find(self, sha256: str) -> Snapshot | None:
        for path in self.root.rglob(f"*.{sha256[:16]}.*"):
            if not path.name.endswith(SIDECAR_SUFFIX):
                return self.load(path)
        return None


def iter_snapshot_files(root: Path) -> Iterator[Path]:
    """Data files under ``root``: anything that is not a sidecar or hidden, in path order.

    Links are yielded, never followed: a dangling link is a lost snapshot and a linked
    folder is no snapshot; the run reports both. The order is ``sorted()`` of the paths
    (component by component), so records and reports come out the same on every machine.
    """
    root = Path(root)
    found = [parts for parts in _walk(os.fspath(root), ()) if _is_snapshot_name(parts[-1])]
    for parts in sorted(found):
        yield root.joinpath(*parts)


def _walk(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Relative parts of every file and link under ``folder``; one directory read per folder
    (``os.scandir`` knows each entry's type without a ``stat`` per file)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # an unreadable folder holds nothing we can read
        return
    for entry in entries:
        if entry.is_symlink() or entry.is_file(follow_symlinks=False):
            yield (*parts, entry.name)
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, (*parts, entry.name))


def _is_snapshot_name(name: str) -> bool:
    return not (name.startswith(".") or name.endswith(SIDECAR_SUFFIX) or name.endswith(".jsonl"))


def load_snapshot(path: Path, content: bytes | None = None) -> Snapshot:
    """Read a snapshot's sidecar, or describe a bare file when it has none.

    Raises SnapshotError with a one-line message when the sidecar is unreadable.
    """
    path = Path(path)
    sidecar = sidecar_for(path)
    if content is None:
        content = path.read_bytes()
    sha = sha256_of(content)
    known: dict[str, object] = {}
    if sidecar.exists():
        try:
            known = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SnapshotError(f"{sidecar}: unreadable sidecar ({exc.__class__.__name__})") from exc
        if not isinstance(known, dict):
            raise SnapshotError(f"{sidecar}: sidecar is not a JSON object")
        if known.get("sha256") and known["sha256"] != sha:
            raise SnapshotError(f"{path}: bytes do not match the sha256 in its sidecar")
    hint = DATA_SUFFIXES.get(path.suffix.lower())
    known.update(
        path=display_path(path),
        sha256=sha,
        size=len(content),
        content_type=known.get("content_type") or sniff_content_type(content, hint),
    )
    try:
        return Snapshot.model_validate(known)
    except ValueError as exc:
        first = str(exc).splitlines()[0]
        raise SnapshotError(f"{sidecar}: invalid sidecar ({first})") from exc


def _write_new(target: Path, content: bytes) -> None:
    """Write atomically and refuse to replace an existing file."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp, target)  # fails with FileExistsError instead of overwriting
    finally:
        os.unlink(tmp)
