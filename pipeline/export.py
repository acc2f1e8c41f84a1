"""``medborgarloften export``: the database's records as JSONL (SCHEMA.md), or CSV per table.

JSONL is the public contract: one promise record per line, exactly as SCHEMA.md
describes it. CSV is for spreadsheets: one UTF-8 file per table with a header and
a byte-order mark so Excel reads å, ä and ö correctly.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from pipeline.build import DEFAULT_DB

CSV_TABLES = [
    "documents", "municipalities", "police_units", "people", "validity_evidence", "follow_ups",
    "focus_areas", "commitments", "places", "document_years", "snapshots", "runs",
    "skipped_files", "municipality_reference",
]
# Long columns that make a spreadsheet unusable; they stay in JSONL and the database.
CSV_OMIT = {"documents": {"record_json", "text"}}


def open_database(path: Path) -> sqlite_utils.Database:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no database here; run `make extract` first")
    return sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


def iter_records(db: sqlite_utils.Database) -> Iterator[dict]:
    for row in db.query("select record_json from documents order by id"):
        yield json.loads(row["record_json"])


def export_jsonl(db: sqlite_utils.Database, output) -> int:
    count = 0
    for record in iter_records(db):
        output.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_csv(db: sqlite_utils.Database, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in CSV_TABLES:
        if not db[table].exists():
            continue
        columns = [c for c in db[table].columns_dict if c not in CSV_OMIT.get(table, set())]
        path = folder / f"{table}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            quoted = ", ".join(f"[{c}]" for c in columns)
            order = "rowid"
            for row in db.execute(f"select {quoted} from [{table}] order by {order}"):
                writer.writerow(row)
        written.append(path)
    return written


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    parser.add_argument(
        "--output", "-o", type=Path, default=None,
        help="file for jsonl (default: standard output); folder for csv "
        "(default: data/structured/export)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        db = open_database(args.db)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "csv":
        folder = args.output or Path("data/structured/export")
        paths = export_csv(db, folder)
        print(f"wrote {len(paths)} CSV files to {folder}", file=sys.stderr)
        return 0
    if args.output:
        with args.output.open("w", encoding="utf-8") as handle:
            count = export_jsonl(db, handle)
    else:
        count = export_jsonl(db, sys.stdout)
    print(f"exported {count} records", file=sys.stderr)
    return 0
