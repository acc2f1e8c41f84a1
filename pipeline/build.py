"""``medborgarloften extract``: every snapshot -> clean -> extract -> one SQLite database.

The run never stops for one bad file: it reports each skipped file in one line
(file and reason), records the skips in the ``runs`` and ``skipped_files``
tables, and fails only when nothing at all could be processed.

Rebuilds are incremental. Each file's outcome is cached by its input key and the
extractor fingerprint (``pipeline/cache.py``), and the database remembers which
input made which document (``build_inputs``). So a run does one of three things:

- **unchanged**: same files, same fingerprint: the database is not rewritten;
  the run is only recorded in ``runs``.
- **incremental**: a few files added or removed: the old database is copied,
  their documents deleted or inserted, and the copy renamed over the original.
- **full**: no usable previous database, a changed fingerprint (a rule was
  edited), or many changes: a new database from every outcome, re-extracting
  what the cache does not hold.

Large runs use a pool of worker processes (each loads spaCy once); outcomes are
consumed in file order, so the database is identical to a one-process run.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import sys
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from models import Document, PromiseRecord, Snapshot
from pipeline import load
from pipeline.cache import ExtractCache, FileStat, fingerprint, input_key
from pipeline.clean import CleanError, clean
from pipeline.snapshots import SnapshotError, iter_snapshot_files, load_snapshot, sniff_content_type, utc_now

DEFAULT_RAW = Path("data/raw")
DEFAULT_DB = Path("data/structured/medborgarloften.db")
DEFAULT_JSONL = Path("data/structured/medborgarloften.jsonl")
DEFAULT_FETCH_LOG = Path("data/fetch/fetch_log.jsonl")
SCHEMA_VERSION = "1"

# A promise is a few pages. These limits keep one absurd file from costing minutes
# (the extractors are not linear in blocks) while leaving room for long PDFs with
# images and municipality pages heavy with scripts.
MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 300_000
MAX_BLOCKS = 2_000

# One file's outcome (see ``outcome_of``), and a fresh one with its JSON for the cache.
Outcome = dict[str, Any]
Fresh = tuple[Outcome, str]

# Below this many documents to extract, starting workers costs more than it saves.
PARALLEL_MIN_DOCUMENTS = 200
CHUNK_SIZE = 20
CHUNKS_AHEAD = 4  # per worker
LOAD_BATCH = 200
# More changed files than this share of the corpus: a full build is as fast as patching.
INCREMENTAL_MAX_SHARE = 0.3


@dataclass
class Processed:
    """The outcome for one file: a record (or the id of its cached document), or a skip reason."""

    path: Path
    record: PromiseRecord | None = None
    snapshot: Snapshot | None = None
    content_type: str | None = None
    cleaner: str | None = None
    skipped: str | None = None
    document_id: str | None = None
    document: Document | None = None  # the cleaned text and blocks the record was made from


@dataclass
class RunReport:
    run_id: str
    started_at: str
    files_seen: int = 0
    processed: list[Processed] = field(default_factory=list)
    mode: str = "full"  # full, incremental or unchanged
    extracted: int = 0  # files cleaned and extracted in this run (not from the cache)

    @property
    def records(self) -> list[Processed]:
        return [p for p in self.processed if p.record is not None or p.document_id is not None]

    @property
    def skipped(self) -> list[Processed]:
        return [p for p in self.processed if p.skipped]


# --- one file ------------------------------------------------------------------------------


def process_file(path: Path) -> Processed:
    """Clean and extract one file; any problem becomes a one-line skip reason."""
    try:
        too_large = _size_problem(path)
        if too_large:
            return Processed(path, skipped=too_large)
        content = path.read_bytes()
    except IsADirectoryError:
        # A link to a folder: walking into linked folders could loop, so they are not followed.
        return Processed(path, skipped="a link to a folder, not a file (linked folders are not followed)")
    except OSError as exc:
        return Processed(path, skipped=f"cannot read file ({exc.strerror or exc})")
    try:
        snapshot = load_snapshot(path, content)
        document = clean(content, snapshot.content_type, title=snapshot.title)
        too_long = _length_problem(document)
        if too_long:
            return Processed(path, snapshot=snapshot, skipped=too_long)
        from pipeline.extract import extract_record  # spaCy loads only when a file needs it

        record = extract_record(document, snapshot)
    except (CleanError, SnapshotError) as exc:
        return Processed(path, skipped=_one_line(str(exc).removeprefix(f"{path}: ")))
    except (RecursionError, MemoryError, ValueError) as exc:
        return Processed(path, skipped=_one_line(f"{exc.__class__.__name__}: {exc}"))
    except Exception as exc:  # a bug must cost one document, never the run; the reason says so
        return Processed(path, skipped=_one_line(f"internal error {exc.__class__.__name__}: {exc}"))
    return Processed(
        path, record, snapshot, document.content_type, document.cleaner, document_id=record.id,
        document=document,
    )


def _size_problem(path: Path) -> str | None:
    size = path.stat().st_size
    if size <= MAX_TEXT_BYTES:
        return None
    with path.open("rb") as handle:
        head = handle.read(2048)
    is_pdf = sniff_content_type(head, path.suffix) == "pdf"
    limit = MAX_PDF_BYTES if is_pdf else MAX_TEXT_BYTES
    if size <= limit:
        return None
    kind = "PDF" if is_pdf else "text and HTML"
    return f"file too large for a promise: {size / 2**20:.1f} MB (limit {limit // 2**20} MB for {kind})"


def _length_problem(document: Document) -> str | None:
    if len(document.text) > MAX_TEXT_CHARS:
        return (f"cleaned text too long for a promise: {len(document.text):,} characters "
                f"(limit {MAX_TEXT_CHARS:,})")
    if len(document.blocks) > MAX_BLOCKS:
        return f"too many blocks for a promise: {len(document.blocks):,} (limit {MAX_BLOCKS:,})"
    return None


def record_for_file(path: Path | str) -> PromiseRecord:
    """Clean and extract one file (with or without a sidecar). Raises CleanError if unusable."""
    outcome = process_file(Path(path))
    if outcome.record is None:
        raise CleanError(f"{path}: {outcome.skipped}")
    return outcome.record


def outcome_of(path: Path) -> Outcome:
    """One file as the loader and the cache need it: its rows and JSONL line, or its skip reason.

    Workers return this, so the rows are made where the record is (no second pass
    over 10,000 pydantic objects in the parent) and it is plain JSON for the cache.
    The record's JSON is there once, as ``line``: the document row's ``record_json``
    is the same text and is filled in from it when the row is inserted.
    """
    processed = process_file(path)
    record = processed.record
    if record is None or processed.snapshot is None:
        return {"skipped": processed.skipped}
    document = load.document_row(record)
    document["content_type"], document["cleaner"] = processed.content_type, processed.cleaner
    line = document.pop("record_json")
    return {
        "document_id": record.id,
        "line": line,
        "snapshot": load.snapshot_row(processed.snapshot),
        "document": document,
        "findings": load.finding_rows(record),
    }


# --- inputs and what changed ---------------------------------------------------------------


@dataclass
class Input:
    path: Path
    key: str  # cache key, or a stat key ("unread:…") for files that are never cached
    stat: FileStat | None
    cacheable: bool


def scan_inputs(files: list[Path], cache: ExtractCache | None) -> list[Input]:
    """Every file with its input key; a file is read only when its stat changed."""
    known = cache.known_keys() if cache is not None else {}
    inputs = []
    for path in files:
        stat = FileStat.of(path)
        if stat is None:
            inputs.append(Input(path, "unread:missing", None, False))
            continue
        previous = known.get(_index_name(path))
        if previous is not None and previous[0] == stat:
            inputs.append(Input(path, previous[1], stat, True))
            continue
        if stat.size > MAX_TEXT_BYTES:  # perhaps too large: process_file decides, never cached
            inputs.append(Input(path, f"unread:{stat.size}:{stat.mtime_ns}", stat, False))
            continue
        try:
            content = path.read_bytes()
        except OSError:
            inputs.append(Input(path, "unread:unreadable", stat, False))
            continue
        inputs.append(Input(path, input_key(path, content), stat, True))
    return inputs


def _index_name(path: Path) -> str:
    # Records show paths relative to the working directory, so the key depends on it too.
    # os.path, not pathlib: this runs twice for every file of every run.
    cwd = os.getcwd()
    return f"{cwd}|{os.path.join(cwd, path)}"


def build_state(fetch_log: Path | None) -> dict[str, str]:
    return {
        "schema_version": SCHEMA_VERSION,
        "fingerprint": fingerprint(),
        "fetch_log": _file_signature(fetch_log),
        "views": load.views_signature(),
    }


def _file_signature(path: Path | None) -> str:
    if path is None:
        return "none"
    try:
        stat = path.stat()
    except OSError:
        return f"{path}|absent"
    return f"{path}|{stat.st_size}|{stat.st_mtime_ns}"


@dataclass
class Plan:
    mode: str
    changed: list[Input]  # to extract (or take from the cache) and insert
    removed: dict[str, dict[str, Any]]  # path -> previous build_inputs row, to delete
    previous: dict[str, dict[str, Any]]


def plan_build(
    inputs: list[Input], previous: tuple[dict[str, str], dict[str, dict[str, Any]]] | None,
    state: dict[str, str],
) -> Plan:
    if previous is None:
        return Plan("full", inputs, {}, {})
    old_state, old_inputs = previous
    same_code = all(old_state.get(k) == state[k] for k in ("schema_version", "fingerprint"))
    if not same_code:
        return Plan("full", inputs, {}, {})
    current = {str(i.path): i for i in inputs}
    changed = [i for i in inputs if old_inputs.get(str(i.path), {}).get("input_key") != i.key]
    removed = {
        path: row for path, row in old_inputs.items()
        if path not in current or current[path].key != row["input_key"]
    }
    same_extras = all(old_state.get(k) == state[k] for k in ("fetch_log", "views"))
    if not changed and not removed and same_extras:
        return Plan("unchanged", [], {}, old_inputs)
    if len(changed) + len(removed) > max(50, INCREMENTAL_MAX_SHARE * len(inputs)):
        return Plan("full", inputs, {}, {})
    return Plan("incremental", changed, removed, old_inputs)


# --- outcomes: cache first, then workers ---------------------------------------------------


def iter_outcomes(
    inputs: list[Input], cache: ExtractCache | None, workers: int | None, progress: bool
) -> Iterator[tuple[Input, Outcome, str | None]]:
    """(input, outcome, its JSON if freshly extracted, else None) for every input, in input order."""
    cached = cache.present(i.key for i in inputs if i.cacheable) if cache is not None else set()
    to_extract = [i for i in inputs if i.key not in cached]
    fresh = _extracted(to_extract, _worker_count(workers, len(to_extract)))
    fresh = _progress(fresh, progress, len(to_extract))
    pending: dict[str, dict[str, Any]] = {}
    for inp in inputs:
        if inp.key in cached and cache is not None:
            if inp.key not in pending:
                pending.update(cache.outcomes(_upcoming_keys(inputs, inp, cached)))
            yield inp, pending.pop(inp.key), None
        else:
            yield inp, *next(fresh)


def _upcoming_keys(inputs: list[Input], start: Input, cached: set[str], batch: int = 500) -> list[str]:
    # Read cached outcomes in batches, in input order, so memory stays at one batch.
    index = inputs.index(start)
    return [i.key for i in inputs[index : index + batch] if i.key in cached]


def _worker_count(requested: int | None, documents: int) -> int:
    if requested is not None:
        return max(1, requested)
    if documents < PARALLEL_MIN_DOCUMENTS:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def _in_process(workers: int, documents: int) -> bool:
    return workers <= 1 or documents < 2


def _extracted(inputs: list[Input], workers: int) -> Iterator[Fresh]:
    if _in_process(workers, len(inputs)):
        return (_encoded(outcome_of(i.path)) for i in inputs)
    return _pooled([i.path for i in inputs], workers)


def _pooled(paths: list[Path], workers: int) -> Iterator[Fresh]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    if context is not None:
        # Load spaCy, the lemma tables and the rule files once, here: forked workers share
        # those pages instead of each spending seconds and hundreds of MB loading their own.
        _warm_up()
        gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    chunks = deque(paths[i : i + CHUNK_SIZE] for i in range(0, len(paths), CHUNK_SIZE))
    # Only a few chunks in flight: finished results wait in memory until the parent takes
    # them, and a consumed result must not stay referenced (10,000 outcomes are a gigabyte).
    in_flight: deque[Future[list[Fresh]]] = deque()

    def submit_next() -> None:
        if chunks:
            in_flight.append(pool.submit(_outcomes_of_chunk, chunks.popleft()))

    # The first submit forks every worker: do it now, before any progress thread exists,
    # because forking beside a running thread can deadlock.
    for _ in range(workers * CHUNKS_AHEAD):
        submit_next()

    def results() -> Iterator[Fresh]:
        try:
            while in_flight:
                outcomes = in_flight.popleft().result()
                submit_next()
                yield from outcomes
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if context is not None:
                gc.unfreeze()

    return results()


WARM_UP_TEXT = (
    "Medborgarlöfte för Sala kommun 2021\n\nLokalpolisområde Sala och Sala kommun lovar att:\n"
    "• Polisen ska genomföra trygghetsvandringar på Stora torget.\n\n"
    "Löftet följs upp halvårsvis.\n\nSala 2021-01-15\nAnna Berg\nKommunstyrelsens ordförande\n"
)


def _warm_up() -> None:
    """One small promise through every extractor, so their lazily built rules load before the fork."""
    from pipeline.extract import extract_record

    content = WARM_UP_TEXT.encode()
    snapshot = Snapshot(path="warm-up.txt", sha256="0" * 64, content_type="text", size=len(content))
    try:
        extract_record(clean(content, "text"), snapshot)
    except Exception:  # warming is an optimisation; the real files report their own errors
        pass


def _warm_up_meanwhile(changed: list[Input], cache: ExtractCache | None,
                       workers: int | None) -> threading.Thread | None:
    """Start loading spaCy and the rules in a thread when this process will extract a few
    files itself: the load (about a second) then overlaps copying the database, which
    spends its time in system calls. None when nothing is extracted here."""
    cached = cache.present(i.key for i in changed if i.cacheable) if cache is not None else set()
    fresh = sum(1 for i in changed if i.key not in cached)
    if fresh == 0 or not _in_process(_worker_count(workers, fresh), fresh):
        return None
    thread = threading.Thread(target=_warm_up, name="warm-up", daemon=True)
    thread.start()
    return thread


def _outcomes_of_chunk(paths: list[Path]) -> list[Fresh]:
    return [_encoded(outcome_of(path)) for path in paths]


def _encoded(outcome: Outcome) -> Fresh:
    # The cache's JSON is made where the outcome is: in the worker, not in the busy parent.
    # Its line has a column of its own in the cache (see ExtractCache.store).
    return outcome, json.dumps({k: v for k, v in outcome.items() if k != "line"}, ensure_ascii=False)


# --- the run -------------------------------------------------------------------------------


def build(
    raw: Path = DEFAULT_RAW,
    db_path: Path = DEFAULT_DB,
    jsonl: Path | None = DEFAULT_JSONL,
    fetch_log: Path | None = DEFAULT_FETCH_LOG,
    progress: bool = True,
    *,
    workers: int | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    full: bool = False,
) -> RunReport:
    """Bring ``db_path`` (and ``jsonl``) up to date with the snapshots under ``raw``.

    ``workers``: processes for extraction (None: two for large runs, one for small);
    ``use_cache=False`` re-extracts everything; ``full`` rebuilds the database from scratch.
    """
    report = RunReport(run_id=uuid.uuid4().hex[:12], started_at=utc_now())
    files = list(iter_snapshot_files(raw)) if raw.is_dir() else []
    report.files_seen = len(files)
    for output in (db_path, jsonl):  # a killed run's half-written files; its process is gone
        if output is not None and output.parent.is_dir():
            load.remove_abandoned_temporaries(output)
    state = build_state(fetch_log)
    cache = ExtractCache(cache_dir or db_path.parent / "cache", state["fingerprint"]) if use_cache else None
    try:
        inputs = scan_inputs(files, cache)
        previous = None if full else load.previous_build(db_path)
        plan = plan_build(inputs, previous, state)
        report.mode = plan.mode
        if plan.mode == "unchanged":
            _record_unchanged(report, inputs, plan, db_path, jsonl, raw)
        elif plan.mode == "incremental":
            _update(report, inputs, plan, state, db_path, jsonl, raw, fetch_log, cache, workers, progress)
        else:
            _rebuild(report, inputs, state, db_path, jsonl, raw, fetch_log, cache, workers, progress)
        if cache is not None:
            cache.remember_stats((_index_name(i.path), i.stat, i.key) for i in inputs
                                 if i.cacheable and i.stat is not None)
            if plan.mode == "full":
                cache.prune()
    finally:
        if cache is not None:
            cache.close()
    return report


class _Loader:
    """Takes outcomes in order: inserts rows, collects JSONL lines, fills the cache."""

    def __init__(self, db: sqlite_utils.Database, cache: ExtractCache | None, report: RunReport,
                 known_ids: dict[str, str] | None = None):
        self.db = db
        self.cache = cache
        self.report = report
        self.ids: dict[str, str] = dict(known_ids or {})  # document id -> path that made it
        self.loaded: list[str] = []  # ids of the documents this run inserted
        self.inputs: list[dict[str, Any]] = []
        self.to_cache: list[tuple[str, str | None, str]] = []
        # Rows wait here and go in one statement per table per batch: per-document
        # statements cost the parent more than the inserts do.
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.waiting = 0

    def take(self, inp: Input, outcome: Outcome, encoded: str | None) -> None:
        fresh = encoded is not None
        if encoded is not None and inp.cacheable and self.cache is not None:
            self.to_cache.append((inp.key, outcome.get("line"), encoded))
        document_id = outcome.get("document_id")
        skipped = outcome.get("skipped")
        if document_id is not None and document_id in self.ids:
            skipped, document_id = f"same document as {self.ids[document_id]} (identical snapshot)", None
        if document_id is not None:
            self.ids[document_id] = str(inp.path)
            document = {**outcome["document"], "record_json": outcome["line"]}
            for table, rows in (("snapshots", [outcome["snapshot"]]), ("documents", [document]),
                                *outcome["findings"].items()):
                self.rows.setdefault(table, []).extend(rows)
            self.loaded.append(document_id)
        self.inputs.append({"path": str(inp.path), "input_key": inp.key, "document_id": document_id,
                            "skipped": skipped})
        self.report.processed.append(Processed(inp.path, skipped=skipped, document_id=document_id))
        self.report.extracted += int(fresh)
        if skipped:
            print(f"skipped {inp.path}: {skipped}", file=sys.stderr)
        self.waiting += 1
        if self.waiting >= LOAD_BATCH:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():
            load.insert_rows(self.db, table, rows, replace=table in ("snapshots", "documents"))
        self.rows, self.waiting = {}, 0
        if self.cache is not None and self.to_cache:
            self.cache.store(self.to_cache)
        self.to_cache = []


def _rebuild(report: RunReport, inputs: list[Input], state: dict[str, str], db_path: Path,
             jsonl: Path | None, raw: Path, fetch_log: Path | None, cache: ExtractCache | None,
             workers: int | None, progress: bool) -> None:
    old_runs, old_skips = load.previous_runs(db_path)
    # A fresh file has no free pages to reclaim: no vacuum.
    with _jsonl_writer(jsonl) as jsonl_out, load.atomic_database(db_path, vacuum=False) as db:
        load.create_schema(db)
        load.load_reference(db)
        loader = _Loader(db, cache, report)
        for inp, outcome, encoded in iter_outcomes(inputs, cache, workers, progress):
            loader.take(inp, outcome, encoded)
        loader.flush()
        if not report.records:
            raise _NothingToLoad
        load.insert_rows(db, "build_inputs", loader.inputs)
        if fetch_log is not None:
            load.load_fetch_log(db, fetch_log)
        load.insert_rows(db, "runs", old_runs)
        load.insert_rows(db, "skipped_files", old_skips)
        _record_run(db, report, raw)
        jsonl_out.write(_all_lines(db))
        load.write_build_state(db, {**state, "jsonl": jsonl_out.signature})
        load.finish(db)


def _update(report: RunReport, inputs: list[Input], plan: Plan, state: dict[str, str], db_path: Path,
            jsonl: Path | None, raw: Path, fetch_log: Path | None, cache: ExtractCache | None,
            workers: int | None, progress: bool) -> None:
    changed_paths = {str(i.path) for i in plan.changed}
    kept = {p: row for p, row in plan.previous.items() if p not in plan.removed and p not in changed_paths}
    kept_ids = {row["document_id"]: p for p, row in kept.items() if row["document_id"]}
    gone = {row["document_id"] for row in plan.removed.values() if row["document_id"]} - set(kept_ids)
    warming = _warm_up_meanwhile(plan.changed, cache, workers)
    with _jsonl_writer(jsonl) as jsonl_out, \
            load.atomic_database(db_path, start_from=db_path, vacuum=False) as db:
        load.remove_documents(db, gone)
        db.conn.executemany("delete from build_inputs where path = ?", [[p] for p in plan.removed])
        if warming is not None:
            warming.join()  # before any extraction, and before a pool could fork beside it
        loader = _Loader(db, cache, report, known_ids=kept_ids)
        for inp, outcome, encoded in iter_outcomes(plan.changed, cache, workers, progress):
            loader.take(inp, outcome, encoded)
        loader.flush()
        load.index_documents(db, loader.loaded)
        load.insert_rows(db, "build_inputs", loader.inputs, replace=True)
        for inp in inputs:  # the unchanged files, as the previous run left them
            if str(inp.path) in kept:
                row = kept[str(inp.path)]
                _report_kept(report, inp.path, row)
        if state["fetch_log"] != _previous_state(db).get("fetch_log"):
            db.conn.execute("delete from fetch_log")
            if fetch_log is not None:
                load.load_fetch_log(db, fetch_log)
        _record_run(db, report, raw)
        jsonl_out.write(_all_lines(db))
        load.write_build_state(db, {**state, "jsonl": jsonl_out.signature})
        load.finish(db)
    report.processed.sort(key=lambda p: str(p.path))


def _record_unchanged(report: RunReport, inputs: list[Input], plan: Plan, db_path: Path,
                      jsonl: Path | None, raw: Path) -> None:
    """Nothing changed: record the run in place (one small transaction), keep every file as it is."""
    for inp in inputs:
        _report_kept(report, inp.path, plan.previous[str(inp.path)])
    db = sqlite_utils.Database(db_path)
    try:
        with db.conn:
            _record_run(db, report, raw)
            state = _previous_state(db)
            if jsonl is not None and state.get("jsonl") != _file_signature(jsonl):
                with _jsonl_writer(jsonl) as jsonl_out:
                    jsonl_out.write(_all_lines(db))
                load.write_build_state(db, {**state, "jsonl": jsonl_out.signature})
    finally:
        db.conn.close()


def _report_kept(report: RunReport, path: Path, row: dict[str, Any]) -> None:
    """A file unchanged since the last run counts (and is reported) as that run left it."""
    report.processed.append(Processed(path, skipped=row["skipped"], document_id=row["document_id"]))
    if row["skipped"]:
        print(f"skipped {path}: {row['skipped']}", file=sys.stderr)


def _previous_state(db: sqlite_utils.Database) -> dict[str, str]:
    return dict(db.conn.execute("select name, value from build_state").fetchall())


def _all_lines(db: sqlite_utils.Database) -> Iterator[str]:
    """Every document's JSONL line in id order: ``record_json`` is that line."""
    for (line,) in db.conn.execute("select record_json from documents order by id"):
        yield line


def _record_run(db: sqlite_utils.Database, report: RunReport, raw: Path) -> None:
    load.insert_rows(db, "runs", [{
        "id": report.run_id,
        "started_at": report.started_at,
        "finished_at": utc_now(),
        "raw_dir": str(raw),
        "files_seen": report.files_seen,
        "documents": len(report.records),
        "skipped": len(report.skipped),
        "status": "ok" if not report.skipped else "ok with skips",
        "schema_version": SCHEMA_VERSION,
    }])
    load.insert_rows(db, "skipped_files", (
        {"run_id": report.run_id, "path": str(p.path), "reason": p.skipped} for p in report.skipped
    ))


class _NothingToLoad(Exception):
    """No file made a document: keep the previous database as it is."""


class _JsonlOut:
    """A JSONL export written to a temporary file, renamed into place after the database."""

    def __init__(self, path: Path | None):
        self.path = path
        self.temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}") if path else None
        self.signature = "none" if path is None else _file_signature(path)

    def write(self, lines: Iterable[str]) -> None:
        if self.path is None or self.temporary is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.temporary.open("w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(line + "\n")
        stat = self.temporary.stat()  # a rename keeps size and mtime: this is the final file's signature
        self.signature = f"{self.path}|{stat.st_size}|{stat.st_mtime_ns}"


class _jsonl_writer:  # noqa: N801 - used like contextlib's lower-case context managers
    def __init__(self, path: Path | None):
        self.out = _JsonlOut(path)

    def __enter__(self) -> _JsonlOut:
        return self.out

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        temporary = self.out.temporary
        if temporary is not None and temporary.exists():
            if kind is None and self.out.path is not None:
                temporary.replace(self.out.path)
            else:
                temporary.unlink()
        return kind is _NothingToLoad


def _progress(outcomes: Iterator[Fresh], enabled: bool, total: int) -> Iterator[Fresh]:
    if not enabled or total < 20:
        return outcomes
    from tqdm import tqdm

    return iter(tqdm(outcomes, total=total, desc="extract", unit="doc", file=sys.stderr))


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
    parser.add_argument("--workers", type=int, default=None,
                        help="extraction processes (default: 2 for large runs, 1 for small ones)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="extraction cache folder (default: cache/ beside the database)")
    parser.add_argument("--no-cache", action="store_true", help="re-extract every file; do not use the cache")
    parser.add_argument("--full", action="store_true",
                        help="rebuild the database from scratch instead of updating it")


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
        workers=args.workers,
        cache_dir=args.cache,
        use_cache=not args.no_cache,
        full=args.full,
    )
    done, skipped = len(report.records), len(report.skipped)
    how = {"full": "built", "incremental": "updated", "unchanged": "unchanged"}[report.mode]
    print(f"{done} documents into {args.db} ({how}; {report.extracted} extracted), "
          f"{skipped} skipped, {report.files_seen} files seen")
    if done == 0:
        print(f"error: nothing could be processed under {args.raw}", file=sys.stderr)
        return 1
    return 0
