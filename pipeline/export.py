"""``medborgarloften export``: the database's records as JSONL (SCHEMA.md), or CSV per table.

JSONL is the public contract: one promise record per line, exactly as SCHEMA.md
describes it. CSV is for spreadsheets: one UTF-8 file per table (and per view a
journalist opens first) with a header, a byte-order mark so Excel reads å, ä and ö
correctly, and CRLF line ends. A text cell that Excel would run as a formula (it
starts with =, +, -, @) gets a leading apostrophe, which Excel hides; the JSONL and
the database keep the text as it is.
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
# The join-free views, so a spreadsheet user gets the same rows as Datasette's start pages.
CSV_VIEWS = ["commitments_overview", "commitment_years", "documents_overview", "repeated_commitments"]
# Long columns that make a spreadsheet unusable; they stay in JSONL and the database.
CSV_OMIT = {"documents": {"record_json", "text"}}
# Excel (and LibreOffice) evaluate a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def spreadsheet_cell(value: object) -> object:
    """A value as a spreadsheet should show it: text that looks like a formula stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(db: sqlite_utils.Database, folder: Path) -> list[Path]:
    """One CSV per table and per view in CSV_VIEWS, in ``folder``. Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    views = set(db.view_names())
    for name in CSV_TABLES + CSV_VIEWS:
        if not (db[name].exists() or name in views):
            continue
        relation = db.table(name) if name not in views else db.view(name)
        columns = [c for c in relation.columns_dict if c not in CSV_OMIT.get(name, set())]
        path = folder / f"{name}.csv"
        quoted = ", ".join(f"[{c}]" for c in columns)
        # Tables in insertion order; views in their own order, made stable by every column.
        order = "rowid" if name not in views else ", ".join(f"[{c}]" for c in columns)
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in db.execute(f"select {quoted} from [{name}] order by {order}"):
                writer.writerow([spreadsheet_cell(value) for value in row])
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
