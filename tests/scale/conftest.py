"""Shared corpora for the scale tests: the project's own documents and a small synthetic corpus."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline import load
from pipeline.synthetic import generate_corpus

REPO = Path(__file__).resolve().parents[2]
SOURCES = [REPO / "data" / "raw", REPO / "tests" / "gold" / "docs"]

NEW_PROMISE = (
    "Medborgarlöfte för Vellinge 2023\n\n"
    "Polisen ska genomföra zebrakontroller vid Höllvikens centrum varje fredag.\n"
    "• Kommunen kommer att förbättra belysningen vid busstationen i Vellinge.\n"
)


def copy_sources(target: Path) -> Path:
    """The seed snapshots and the authored gold documents, in one raw folder."""
    target.mkdir(parents=True)
    for folder in SOURCES:
        if folder.is_dir():
            shutil.copytree(folder, target / folder.name, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session")
def synthetic_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic") / "raw"
    generate_corpus(folder, 60, seed=7)
    return folder


def content_rows(db_path: Path, ordered_by_rowid: bool = False) -> dict[str, list[tuple]]:
    """Every table a run's content lands in (not the run history), row by row."""
    connection = sqlite3.connect(db_path)
    tables = [*load.DOCUMENT_TABLES, "documents", "snapshots", "build_inputs", "municipality_reference"]
    try:
        dump = {}
        for table in tables:
            rows = connection.execute(f"select * from [{table}] order by rowid").fetchall()
            dump[table] = rows if ordered_by_rowid else sorted(rows, key=repr)
        return dump
    finally:
        connection.close()


def search(db_path: Path, table: str, query: str) -> list[str]:
    """Document ids whose full-text entry matches ``query``."""
    connection = sqlite3.connect(db_path)
    key = "id" if table == "documents" else "document_id"
    try:
        rows = connection.execute(
            f"select t.{key} from {table}_fts f join {table} t on t.rowid = f.rowid "
            f"where {table}_fts match ?", [query],
        ).fetchall()
        connection.execute(f"insert into {table}_fts({table}_fts) values ('integrity-check')")
        return sorted(row[0] for row in rows)
    finally:
        connection.close()
