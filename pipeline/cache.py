"""The extraction cache: one stored outcome per (input key, extractor fingerprint).

An *input key* names what a document was made from: the snapshot's bytes (by
sha256), its sidecar and the path records show. The *fingerprint* names what it
was made with: the source of the cleaner, the extractors and the loader's row
mapping, every rule file and gazetteer, and the versions of the libraries that
shape the output. A rebuild re-extracts only inputs whose key is new, and
everything when the fingerprint changes (a rule was edited).

Finding a key must be cheap for 10,000 unchanged files, so a stat index maps each
path (with size, mtime and inode of the file and its sidecar) to the key it had;
a file is read and hashed only when its stat differs. The snapshot store is
write-once, so a changed stat is a new snapshot or a copied tree, never an edit
that keeps its size and timestamp.

The cache is a SQLite file under ``data/structured/cache/`` (gitignored):
SQLite's journal keeps it consistent when a run is killed mid-write.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline.snapshots import display_path, sha256_of, sidecar_for

REPO = Path(__file__).resolve().parent.parent
CACHE_FILE = "extract.sqlite"
KEY_VERSION = b"input-key-1"

# What decides a record, relative to the repository root. Editing any of these
# re-extracts every document on the next run.
FINGERPRINT_SOURCES = [
    "extractors",
    "models",
    "pipeline/clean.py",
    "pipeline/clean_html.py",
    "pipeline/clean_pdf.py",
    "pipeline/extract.py",
    "pipeline/snapshots.py",
    "pipeline/load.py",
    "pipeline/build.py",
    "pipeline/boilerplate.yaml",
    "pipeline/structure.yaml",
    "data/reference",
]
FINGERPRINT_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".jsonl", ".csv", ".txt"}
FINGERPRINT_PACKAGES = ["spacy", "spacy-lookups-data", "trafilatura", "lxml", "pypdf",
                        "charset-normalizer", "pydantic", "beautifulsoup4", "PyYAML"]


@cache
def fingerprint() -> str:
    """Hash of every source, rule file and library version that shapes a record."""
    digest = hashlib.sha256()
    for path in _fingerprint_files():
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0")
        digest.update(sha256_of(path.read_bytes()).encode() + b"\0")
    for package in FINGERPRINT_PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{package}={version}\0".encode())
    digest.update(f"python={sys.version_info[:2]}\0".encode())
    digest.update(f"model={os.environ.get('MEDBORGARLOFTEN_SPACY_MODEL', '')}\0".encode())
    return digest.hexdigest()[:24]


def _fingerprint_files() -> list[Path]:
    files: list[Path] = []
    for name in FINGERPRINT_SOURCES:
        path = REPO / name
        if path.is_dir():
            files.extend(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix in FINGERPRINT_SUFFIXES and "__pycache__" not in p.parts
            )
        elif path.is_file():
            files.append(path)
    return sorted(files)


@dataclass(frozen=True)
class FileStat:
    """What the stat index compares: a file and its sidecar, without reading either."""

    size: int
    mtime_ns: int
    inode: int
    sidecar_size: int
    sidecar_mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStat | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        try:
            side = sidecar_for(path).stat()
            sidecar = (side.st_size, side.st_mtime_ns)
        except OSError:
            sidecar = (-1, -1)
        return cls(stat.st_size, stat.st_mtime_ns, stat.st_ino, *sidecar)


def input_key(path: Path, content: bytes) -> str:
    """The key of one input: its bytes, its sidecar and the path its record will show."""
    digest = hashlib.sha256(KEY_VERSION + b"\0" + sha256_of(content).encode() + b"\0")
    try:
        digest.update(sidecar_for(path).read_bytes())
    except OSError:
        digest.update(b"\0no-sidecar")
    digest.update(b"\0" + display_path(path).encode())
    return digest.hexdigest()


class ExtractCache:
    """Outcomes by (input key, fingerprint), and the stat index of the last run."""

    def __init__(self, folder: Path, fingerprint_value: str | None = None):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self.fingerprint = fingerprint_value or fingerprint()
        self.connection = sqlite3.connect(self.path)
        self.connection.execute("pragma journal_mode=wal")
        self.connection.execute("pragma synchronous=normal")
        self.connection.executescript(
            """
            -- The first layout kept a document_id column nothing read: its rows go once.
            drop table if exists outcomes;
            create table if not exists extractions (
                input_key text not null, fingerprint text not null,
                line text, outcome text not null, primary key (input_key, fingerprint));
            create table if not exists stat_index (
                path text primary key, size integer, mtime_ns integer, inode integer,
                sidecar_size integer, sidecar_mtime_ns integer, input_key text not null);
            """
        )

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> ExtractCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the stat index ----------------------------------------------------------------

    def known_keys(self) -> dict[str, tuple[FileStat, str]]:
        rows = self.connection.execute(
            "select path, size, mtime_ns, inode, sidecar_size, sidecar_mtime_ns, input_key from stat_index"
        )
        return {row[0]: (FileStat(*row[1:6]), row[6]) for row in rows}

    def remember_stats(self, stats: Iterable[tuple[str, FileStat, str]]) -> None:
        """Make the stat index exactly ``stats``, writing only the rows that differ:
        a run that changed one file rewrites one row, not ten thousand."""
        wanted = {path: (stat, key) for path, stat, key in stats}
        known = self.known_keys()
        with self.connection:
            self.connection.executemany(
                "delete from stat_index where path = ?", ([path] for path in known if path not in wanted)
            )
            self.connection.executemany(
                "insert or replace into stat_index values (?, ?, ?, ?, ?, ?, ?)",
                ((path, s.size, s.mtime_ns, s.inode, s.sidecar_size, s.sidecar_mtime_ns, key)
                 for path, (s, key) in wanted.items() if known.get(path) != (s, key)),
            )

    # --- outcomes ----------------------------------------------------------------------

    def present(self, keys: Iterable[str]) -> set[str]:
        """The keys that have a stored outcome under the current fingerprint."""
        wanted = list(keys)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            found.update(
                row[0] for row in self.connection.execute(
                    f"select input_key from extractions where fingerprint = ? and input_key in ({marks})",
                    [self.fingerprint, *batch],
                )
            )
        return found

    def outcomes(self, keys: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        wanted = list(keys)
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self.connection.execute(
                "select input_key, line, outcome from extractions where fingerprint = ? "
                f"and input_key in ({marks})",
                [self.fingerprint, *batch],
            )
            for key, line, encoded in rows:
                outcome = json.loads(encoded)
                if line is not None:
                    outcome["line"] = line
                yield key, outcome

    def store(self, entries: Iterable[tuple[str, str | None, str]]) -> None:
        """Store (input key, JSONL line, outcome as JSON without its line) entries."""
        with self.connection:
            self.connection.executemany(
                "insert or replace into extractions values (?, ?, ?, ?)",
                ((key, self.fingerprint, line, encoded) for key, line, encoded in entries),
            )

    def prune(self) -> int:
        """Drop outcomes made by other code or rules; they can never be used again as they are."""
        with self.connection:
            cursor = self.connection.execute(
                "delete from extractions where fingerprint != ?", [self.fingerprint]
            )
        return cursor.rowcount
