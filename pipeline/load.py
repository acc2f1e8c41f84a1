"""Load: promise records -> a SQLite database, built in a new file and swapped in atomically.

One table per entity, every finding with its document, span and evidence text,
full-text search that keeps å, ä and ö apart, and views for the common questions.
A failed or killed build leaves the previous database untouched: every build
writes a temporary file (a fresh one, or a copy of the old database for an
incremental update) and renames it over the old one only when it is complete.

``build_inputs`` records which file made which document, so the next run can
update only what changed; ``build_state`` records what the database was built
with (the extractor fingerprint, the fetch log it loaded).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlite_utils

from models import PromiseRecord, Snapshot
from pipeline.views import VIEWS

# SQLite's default unicode61 tokenizer folds å/ä/ö into a/o: "år" would match "ar".
FTS_TOKENIZE = "unicode61 remove_diacritics 0"
REFERENCE_MUNICIPALITIES = Path("data/reference/municipalities.csv")

# table -> columns (name -> SQLite type). Codes are TEXT: kommunkod "0665" keeps its zero.
SPAN_COLUMNS = {"span_start": int, "span_end": int, "evidence": str, "rule": str}
TABLES: dict[str, dict[str, Any]] = {
    "snapshots": {
        "sha256": str, "path": str, "url": str, "final_url": str, "site": str, "publisher": str,
        "title": str, "kommunkod": str, "fetched_at": str, "status": int, "content_type": str,
        "size": int, "encoding": str, "headers": str, "note": str,
    },
    "documents": {
        "id": str, "snapshot_sha256": str, "path": str, "url": str, "publisher": str, "site": str,
        "title": str, "fetched_at": str, "content_type": str, "cleaner": str, "text": str,
        "valid_from": str, "valid_to": str, "extended_to": str, "signed_on": str,
        "first_year": int, "last_year": int, "follow_up_cadence": str,
        "municipality_names": str, "police_unit_names": str,
        "commitment_count": int, "focus_area_count": int, "warnings": str, "record_json": str,
    },
    "municipality_reference": {"code": str, "name": str, "county_code": str, "county": str},
    "municipalities": {"id": str, "document_id": str, "position": int, "name": str, "code": str,
                       "county": str, **SPAN_COLUMNS},
    "police_units": {"id": str, "document_id": str, "position": int, "name": str, "level": str,
                     **SPAN_COLUMNS},
    "people": {"id": str, "document_id": str, "position": int, "name": str, "role": str,
               "organization": str, "kind": str, **SPAN_COLUMNS},
    "validity_evidence": {"id": str, "document_id": str, "position": int, "field": str,
                          "value": str, **SPAN_COLUMNS},
    "follow_ups": {"id": str, "document_id": str, "cadence": str, **SPAN_COLUMNS},
    "focus_areas": {"id": str, "document_id": str, "position": int, "text": str, **SPAN_COLUMNS},
    "commitments": {"id": str, "document_id": str, "position": int, "text": str, "actor": str,
                    "heading": str, **SPAN_COLUMNS},
    "places": {"id": str, "document_id": str, "position": int, "name": str, **SPAN_COLUMNS},
    "document_years": {"document_id": str, "year": int, "extended": int},
    "runs": {"id": str, "started_at": str, "finished_at": str, "raw_dir": str, "files_seen": int,
             "documents": int, "skipped": int, "status": str, "schema_version": str},
    "skipped_files": {"run_id": str, "path": str, "reason": str},
    "build_inputs": {"path": str, "input_key": str, "document_id": str, "skipped": str},
    "build_state": {"name": str, "value": str},
    "fetch_log": {"position": int, "url": str, "final_url": str, "host": str, "status": int,
                  "outcome": str, "reason": str, "snapshot_path": str, "sha256": str,
                  "attempt": int, "fetched_at": str, "elapsed_ms": float, "entry_json": str},
}
PRIMARY_KEYS = {"snapshots": "sha256", "documents": "id", "municipality_reference": "code",
                "runs": "id", "fetch_log": "position", "build_inputs": "path", "build_state": "name"}
DOCUMENT_TABLES = ["municipalities", "police_units", "people", "validity_evidence", "follow_ups",
                   "focus_areas", "commitments", "places", "document_years"]
# table -> (FTS columns); each FTS table is external-content over its table's rowid.
FTS_COLUMNS = {"documents": ["title", "text"], "commitments": ["text", "heading"]}


@contextmanager
def atomic_database(path: Path, *, start_from: Path | None = None, vacuum: bool = True):
    """Yield a Database on a temporary file; rename it over ``path`` only on success.

    ``start_from`` copies an existing database first (an incremental update).
    A run killed with SIGKILL leaves its temporary file behind; the next run
    removes it (its process is gone), and ``path`` is never touched half-way.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_temporaries(path)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    for leftover in (temporary, Path(f"{temporary}-journal")):
        with suppress(FileNotFoundError):
            leftover.unlink()
    if start_from is not None:
        shutil.copyfile(start_from, temporary)
    connection = sqlite3.connect(temporary)
    # The file is private until the rename, so durability comes from the rename, not the journal.
    connection.execute("pragma journal_mode=off" if start_from is None else "pragma journal_mode=memory")
    connection.execute("pragma synchronous=off")
    db = sqlite_utils.Database(connection)
    try:
        yield db
        connection.commit()
        if vacuum:
            connection.execute("vacuum")
        connection.close()
        _fsync(temporary)
        os.replace(temporary, path)
    except BaseException:
        connection.close()
        with suppress(FileNotFoundError):
            temporary.unlink()
        raise


def _fsync(path: Path) -> None:
    # The rename must not land before the bytes it points to (a power cut after a kill).
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def remove_abandoned_temporaries(path: Path) -> list[Path]:
    """Delete temporary files of builds whose process no longer exists."""
    removed = []
    for leftover in path.parent.glob(f".{path.name}.tmp-*"):
        pid_text = leftover.name.rsplit("-", 1)[-1]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _process_alive(int(pid_text)):
            continue
        with suppress(FileNotFoundError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# Columns journalists filter on, beside every document_id.
INDEXED_COLUMNS = [("commitments", "actor"), ("municipalities", "code"), ("document_years", "year")]


def create_schema(db: sqlite_utils.Database) -> None:
    """Tables with their keys; the secondary indexes come in ``finish``, after the bulk insert."""
    for name, columns in TABLES.items():
        foreign_keys = []
        if name in DOCUMENT_TABLES:
            foreign_keys.append(("document_id", "documents", "id"))
        if name == "documents":
            foreign_keys.append(("snapshot_sha256", "snapshots", "sha256"))
        if name == "skipped_files":
            foreign_keys.append(("run_id", "runs", "id"))
        db[name].create(
            columns,
            pk=PRIMARY_KEYS.get(name, "id" if "id" in columns else None),
            foreign_keys=foreign_keys or None,
            not_null={"document_id"} if name in DOCUMENT_TABLES else None,
        )


def load_records(
    db: sqlite_utils.Database,
    records: Iterable[PromiseRecord],
    snapshots: Iterable[Snapshot],
    cleaners: dict[str, tuple[str, str]] | None = None,
) -> int:
    """Insert records (and their snapshots). Returns the number of documents.

    ``cleaners`` maps a record id to (content type, cleaning path) for provenance.
    """
    insert_rows(db, "snapshots", (snapshot_row(s) for s in sorted(snapshots, key=lambda s: s.sha256)),
                replace=True)
    cleaners = cleaners or {}
    count = 0
    for record in sorted(records, key=lambda r: r.id):
        row = document_row(record)
        row["content_type"], row["cleaner"] = cleaners.get(record.id, (None, None))
        load_document_rows(db, row, finding_rows(record))
        count += 1
    return count


def load_document_rows(
    db: sqlite_utils.Database, document: dict[str, Any], findings: dict[str, list[dict[str, Any]]]
) -> None:
    """Insert one document's row and its findings' rows (as ``document_row``/``finding_rows`` give)."""
    insert_rows(db, "documents", [document], replace=True)
    for table, rows in findings.items():
        insert_rows(db, table, rows)


def insert_rows(
    db: sqlite_utils.Database, table: str, rows: Iterable[dict[str, Any]], replace: bool = False
) -> int:
    """Insert rows into a table of ``TABLES`` with one prepared statement.

    sqlite-utils' insert_all inspects the table on every call; at 10,000 documents
    and ten tables each that costs more than the inserts themselves.
    """
    columns = list(TABLES[table])
    verb = "insert or replace" if replace else "insert"
    sql = (f"{verb} into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"values ({', '.join('?' * len(columns))})")
    cursor = db.conn.executemany(sql, ([row.get(c) for c in columns] for row in rows))
    return cursor.rowcount


# --- incremental updates -------------------------------------------------------------------


def remove_documents(db: sqlite_utils.Database, document_ids: Iterable[str]) -> int:
    """Delete documents with every finding and their full-text entries; drop orphaned snapshots."""
    ids = sorted(set(document_ids))
    for batch in _batches(ids):
        marks = ",".join("?" * len(batch))
        _update_fts(db, batch, delete=True)
        for table in DOCUMENT_TABLES:
            db.conn.execute(f"delete from [{table}] where document_id in ({marks})", batch)
        db.conn.execute(f"delete from documents where id in ({marks})", batch)
    db.conn.execute(
        "delete from snapshots where sha256 not in (select snapshot_sha256 from documents "
        "where snapshot_sha256 is not null)"
    )
    return len(ids)


def index_documents(db: sqlite_utils.Database, document_ids: Iterable[str]) -> None:
    """Add the full-text entries of newly inserted documents (and their commitments)."""
    for batch in _batches(sorted(set(document_ids))):
        _update_fts(db, batch, delete=False)


def _update_fts(db: sqlite_utils.Database, batch: list[str], delete: bool) -> None:
    """Add (or, with FTS5's 'delete' command, remove) the index entries of these documents."""
    marks = ",".join("?" * len(batch))
    for table, columns in FTS_COLUMNS.items():
        if not db[f"{table}_fts"].exists():
            continue
        key = "id" if table == "documents" else "document_id"
        listed = ", ".join(f"[{c}]" for c in columns)
        command, value = (f"[{table}_fts], ", "'delete', ") if delete else ("", "")
        db.conn.execute(
            f"insert into [{table}_fts] ({command}rowid, {listed}) "
            f"select {value}rowid, {listed} from [{table}] where [{key}] in ({marks})",
            batch,
        )


def _batches(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def previous_build(path: Path) -> tuple[dict[str, str], dict[str, dict[str, Any]]] | None:
    """The previous database's (build_state, build_inputs by path), or None if it has none."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            state = dict(connection.execute("select name, value from build_state"))
            inputs = {
                row[0]: {"input_key": row[1], "document_id": row[2], "skipped": row[3]}
                for row in connection.execute(
                    "select path, input_key, document_id, skipped from build_inputs"
                )
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None
    return state, inputs


def views_signature() -> str:
    """Which view definitions a database has: a change re-creates them without re-extracting."""
    return hashlib.sha256(json.dumps(VIEWS, sort_keys=True).encode()).hexdigest()[:16]


def write_build_state(db: sqlite_utils.Database, state: dict[str, str]) -> None:
    insert_rows(db, "build_state", ({"name": k, "value": v} for k, v in sorted(state.items())), replace=True)


def load_reference(db: sqlite_utils.Database, path: Path = REFERENCE_MUNICIPALITIES) -> None:
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            db["municipality_reference"].insert_all(csv.DictReader(handle))


def load_fetch_log(db: sqlite_utils.Database, path: Path) -> int:
    """Load the fetcher's attempt log (JSON lines) when there is one. Bad lines are skipped."""
    if not path.exists():
        return 0
    rows = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for position, line in enumerate(handle):
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if not isinstance(entry, dict):
                continue
            row = {key: entry.get(key) for key in TABLES["fetch_log"] if key in entry}
            row["position"] = position
            row["snapshot_path"] = entry.get("snapshot_path") or entry.get("snapshot")
            row["entry_json"] = json.dumps(entry, ensure_ascii=False, sort_keys=True)
            rows.append(row)
    insert_rows(db, "fetch_log", rows)
    return len(rows)


def finish(db: sqlite_utils.Database) -> None:
    """Full-text indexes and views, once every row is in.

    On an incremental update the indexes exist already (``index_documents`` keeps
    them current) and only the views are made again, in case their SQL changed.
    """
    # Built once over the loaded rows, which is cheaper than keeping them up to date row by row.
    for name, columns in TABLES.items():
        if "document_id" in columns:
            db[name].create_index(["document_id"], if_not_exists=True)
    for table, column in INDEXED_COLUMNS:
        db[table].create_index([column], if_not_exists=True)
    for table, columns in FTS_COLUMNS.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, tokenize=FTS_TOKENIZE)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)


def snapshot_row(snapshot: Snapshot) -> dict[str, Any]:
    row = snapshot.model_dump()
    row["headers"] = json.dumps(row["headers"], ensure_ascii=False, sort_keys=True)
    return row


def document_row(record: PromiseRecord) -> dict[str, Any]:
    validity = record.validity
    years = years_in_force(record)
    return {
        "id": record.id,
        "snapshot_sha256": record.source.sha256,
        "path": record.source.path,
        "url": record.source.url,
        "publisher": record.source.publisher,
        "site": record.id.split("/", 1)[0],
        "title": record.title,
        "fetched_at": record.source.fetched_at,
        "content_type": None,
        "cleaner": None,
        "text": record.text,
        "valid_from": validity.valid_from,
        "valid_to": validity.valid_to,
        "extended_to": validity.extended_to,
        "signed_on": validity.signed_on,
        "first_year": min(years) if years else None,
        "last_year": max(years) if years else None,
        "follow_up_cadence": record.follow_up.cadence,
        "municipality_names": ", ".join(m.name for m in record.municipalities) or None,
        "police_unit_names": ", ".join(p.name for p in record.police_units) or None,
        "commitment_count": len(record.commitments),
        "focus_area_count": len(record.focus_areas),
        "warnings": json.dumps(record.warnings, ensure_ascii=False),
        "record_json": record_line(record),
    }


def record_line(record: PromiseRecord) -> str:
    """The record as JSON: its line in the JSONL export and ``documents.record_json``."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False)


def years_in_force(record: PromiseRecord) -> dict[int, bool]:
    """Every calendar year the promise covers -> whether it is an extension year."""
    validity = record.validity
    start = validity.valid_from or validity.valid_to
    end = validity.valid_to or validity.valid_from
    years: dict[int, bool] = {}
    if start and end:
        for year in range(int(start[:4]), int(end[:4]) + 1):
            years[year] = False
    if validity.extended_to and end:
        for year in range(int(end[:4]) + 1, int(validity.extended_to[:4]) + 1):
            years.setdefault(year, True)
    return years


def finding_rows(record: PromiseRecord) -> dict[str, list[dict[str, Any]]]:
    text = record.text

    def spanned(table: str, position: int, span: tuple[int, int] | None, rule: str | None,
                **values: Any) -> dict[str, Any]:
        start, end = span if span else (None, None)
        return {
            "id": f"{record.id}#{table}-{position}",
            "document_id": record.id,
            "position": position,
            **values,
            "span_start": start,
            "span_end": end,
            "evidence": text[start:end] if span else None,
            "rule": rule,
        }

    rows: dict[str, list[dict[str, Any]]] = {
        "municipalities": [
            spanned("municipalities", i, m.span, m.rule, name=m.name, code=m.code, county=m.county)
            for i, m in enumerate(record.municipalities)
        ],
        "police_units": [
            spanned("police_units", i, p.span, p.rule, name=p.name, level=p.level)
            for i, p in enumerate(record.police_units)
        ],
        "people": [
            spanned("people", i, p.span, p.rule, name=p.name, role=p.role,
                    organization=p.organization, kind=p.kind)
            for i, p in enumerate(record.people)
        ],
        "validity_evidence": [
            spanned("validity_evidence", i, e.span, e.rule, field=e.field,
                    value=getattr(record.validity, e.field))
            for i, e in enumerate(record.validity.evidence)
        ],
        "focus_areas": [
            spanned("focus_areas", i, f.span, f.rule, text=f.text)
            for i, f in enumerate(record.focus_areas)
        ],
        "commitments": [
            spanned("commitments", i, c.span, c.rule, text=c.text, actor=c.actor, heading=c.heading)
            for i, c in enumerate(record.commitments)
        ],
        "places": [
            spanned("places", i, p.span, p.rule, name=p.name) for i, p in enumerate(record.places)
        ],
        "follow_ups": [],
        "document_years": [
            {"document_id": record.id, "year": year, "extended": int(extended)}
            for year, extended in sorted(years_in_force(record).items())
        ],
    }
    if record.follow_up.cadence:
        row = spanned("follow_ups", 0, record.follow_up.span, record.follow_up.rule,
                      cadence=record.follow_up.cadence)
        row.pop("position")
        rows["follow_ups"].append(row)
    return rows


def previous_runs(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The run history of the database being replaced, so it survives the rebuild."""
    if not path.exists():
        return [], []
    try:
        old = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
        runs = list(old["runs"].rows) if old["runs"].exists() else []
        skipped = list(old["skipped_files"].rows) if old["skipped_files"].exists() else []
        old.conn.close()
        return runs, skipped
    except sqlite3.DatabaseError:
        return [], []
