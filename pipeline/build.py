"""``medborgarloften extract``: every snapshot -> clean -> extract -> one SQLite database.

The run never stops for one bad file: it reports each skipped file in one line
(file and reason), records the skips in the ``runs`` and ``skipped_files``
tables, and fails only when nothing at all could be processed.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from models import PromiseRecord, Snapshot
from pipeline import load
from pipeline.clean import CleanError, clean
from pipeline.extract import extract_record
from pipeline.snapshots import SnapshotError, iter_snapshot_files, load_snapshot, utc_now

DEFAULT_RAW = Path("data/raw")
DEFAULT_DB = Path("data/structured/medborgarloften.db")
DEFAULT_JSONL = Path("data/structured/medborgarloften.jsonl")
DEFAULT_FETCH_LOG = Path("data/fetch/fetch_log.jsonl")


@dataclass
class Processed:
    """The outcome for one file: a record, or the reason it was skipped."""

    path: Path
    record: PromiseRecord | None = None
    snapshot: Snapshot | None = None
    content_type: str | None = None
    cleaner: str | None = None
    skipped: str | None = None


@dataclass
class RunReport:
    run_id: str
    started_at: str
    files_seen: int = 0
    processed: list[Processed] = field(default_factory=list)

    @property
    def records(self) -> list[Processed]:
        return [p for p in self.processed if p.record is not None]

    @property
    def skipped(self) -> list[Processed]:
        return [p for p in self.processed if p.skipped]


def process_file(path: Path) -> Processed:
    """Clean and extract one file; any problem becomes a one-line skip reason."""
    try:
        content = path.read_bytes()
    except OSError as exc:
        return Processed(path, skipped=f"cannot read file ({exc.strerror or exc})")
    try:
        snapshot = load_snapshot(path, content)
        document = clean(content, snapshot.content_type, title=snapshot.title)
        record = extract_record(document, snapshot)
    except (CleanError, SnapshotError) as exc:
        return Processed(path, skipped=_one_line(str(exc).removeprefix(f"{path}: ")))
    except (RecursionError, MemoryError, ValueError) as exc:
        return Processed(path, skipped=_one_line(f"{exc.__class__.__name__}: {exc}"))
    return Processed(path, record, snapshot, document.content_type, document.cleaner)


def record_for_file(path: Path | str) -> PromiseRecord:
    """Clean and extract one file (with or without a sidecar). Raises CleanError if unusable."""
    outcome = process_file(Path(path))
    if outcome.record is None:
        raise CleanError(f"{path}: {outcome.skipped}")
    return outcome.record


def build(
    raw: Path = DEFAULT_RAW,
    db_path: Path = DEFAULT_DB,
    jsonl: Path | None = DEFAULT_JSONL,
    fetch_log: Path | None = DEFAULT_FETCH_LOG,
    progress: bool = True,
) -> RunReport:
    report = RunReport(run_id=uuid.uuid4().hex[:12], started_at=utc_now())
    files = list(iter_snapshot_files(raw)) if raw.is_dir() else []
    report.files_seen = len(files)
    for path in _progress(files, progress):
        outcome = process_file(path)
        if outcome.skipped:
            print(f"skipped {path}: {outcome.skipped}", file=sys.stderr)
        report.processed.append(outcome)
    if report.records:
        write_database(report, raw, db_path, fetch_log)
        if jsonl is not None:
            write_jsonl(sorted((p.record for p in report.records), key=lambda r: r.id), jsonl)
    return report


def write_database(report: RunReport, raw: Path, db_path: Path, fetch_log: Path | None) -> None:
    old_runs, old_skips = load.previous_runs(db_path)
    with load.atomic_database(db_path) as db:
        load.create_schema(db)
        load.load_reference(db)
        load.load_records(
            db,
            [p.record for p in report.records],
            {p.snapshot.sha256: p.snapshot for p in report.records}.values(),
            cleaners={p.record.id: (p.content_type, p.cleaner) for p in report.records},
        )
        if fetch_log is not None:
            load.load_fetch_log(db, fetch_log)
        db["runs"].insert_all(old_runs)
        db["skipped_files"].insert_all(old_skips)
        db["runs"].insert(
            {
                "id": report.run_id,
                "started_at": report.started_at,
                "finished_at": utc_now(),
                "raw_dir": str(raw),
                "files_seen": report.files_seen,
                "documents": len(report.records),
                "skipped": len(report.skipped),
                "status": "ok" if not report.skipped else "ok with skips",
                "schema_version": "1",
            }
        )
        db["skipped_files"].insert_all(
            {"run_id": report.run_id, "path": str(p.path), "reason": p.skipped}
            for p in report.skipped
        )
        load.finish(db)


def write_jsonl(records: list[PromiseRecord], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record.model_dump(mode="json"), ensure_ascii=False) + "\n")
    temporary.replace(path)


def _progress(files: list[Path], enabled: bool):
    if not enabled or len(files) < 20:
        return files
    from tqdm import tqdm

    return tqdm(files, desc="extract", unit="doc", file=sys.stderr)


def _one_line(message: str) -> str:
    return " ".join(message.split())[:300]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of snapshots or plain files")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="SQLite database to (re)build")
    parser.add_argument("--jsonl", type=Path, default=DEFAULT_JSONL, help="JSONL export of the records")
    parser.add_argument("--no-jsonl", action="store_true", help="do not write the JSONL export")
    parser.add_argument("--fetch-log", type=Path, default=DEFAULT_FETCH_LOG,
                        help="fetch attempt log to load (JSON lines), if present")
    parser.add_argument("--no-progress", action="store_true")


def run(args: argparse.Namespace) -> int:
    if not args.raw.is_dir():
        print(f"error: {args.raw}: not a folder", file=sys.stderr)
        return 2
    report = build(
        raw=args.raw,
        db_path=args.db,
        jsonl=None if args.no_jsonl else args.jsonl,
        fetch_log=args.fetch_log,
        progress=not args.no_progress,
    )
    done, skipped = len(report.records), len(report.skipped)
    print(f"{done} documents into {args.db}, {skipped} skipped, {report.files_seen} files seen")
    if done == 0:
        print(f"error: nothing could be processed under {args.raw}", file=sys.stderr)
        return 1
    return 0
