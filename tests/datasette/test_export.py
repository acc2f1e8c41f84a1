"""``medborgarloften export --format csv``: one Excel-friendly CSV per table and main view."""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path

import pytest

from pipeline import export
from pipeline.cli import main


@pytest.fixture(scope="module")
def csv_folder(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv-export")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", list(sys.argv))  # main() rewrites sys.argv
        assert main(["export", "--db", str(seed_db), "--format", "csv", "--output", str(folder)]) == 0
    return folder


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_one_csv_per_table_and_view(csv_folder: Path, seed_db: Path) -> None:
    connection = sqlite3.connect(seed_db)
    names = {row[0] for row in connection.execute("select name from sqlite_master where type in ('table', 'view')")}
    connection.close()
    expected = {f"{name}.csv" for name in export.CSV_TABLES + export.CSV_VIEWS if name in names}
    assert {path.name for path in csv_folder.iterdir()} == expected
    assert "commitments.csv" in expected and "commitments_overview.csv" in expected


def test_csv_has_bom_header_and_every_row(csv_folder: Path, seed_sql: sqlite3.Connection) -> None:
    for table in ("commitments", "documents", "commitments_overview", "municipality_reference"):
        raw = (csv_folder / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{table}.csv: no byte-order mark for Excel"
        assert b"\r\n" in raw
        rows = read_csv(csv_folder / f"{table}.csv")
        columns = [c[1] for c in seed_sql.execute(f"pragma table_info([{table}])")]
        assert rows[0] == [c for c in columns if c not in export.CSV_OMIT.get(table, set())]
        count = seed_sql.execute(f"select count(*) from [{table}]").fetchone()[0]
        assert len(rows) - 1 == count


def test_csv_keeps_swedish_letters_and_leading_zeros(csv_folder: Path, seed_sql: sqlite3.Connection) -> None:
    commitments = read_csv(csv_folder / "commitments.csv")
    texts = {row[commitments[0].index("text")] for row in commitments[1:]}
    assert texts == {row[0] for row in seed_sql.execute("select text from commitments")
                     if not row[0].startswith(export.FORMULA_STARTS)} | {
        "'" + row[0] for row in seed_sql.execute("select text from commitments")
        if row[0].startswith(export.FORMULA_STARTS)}
    assert any(letter in text for text in texts for letter in "åäö")
    reference = read_csv(csv_folder / "municipality_reference.csv")
    codes = {row[reference[0].index("code")] for row in reference[1:]}
    assert "0114" in codes  # Upplands Väsby keeps its leading zero


def test_formula_like_cells_stay_text(tmp_path: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "formulas.db")
    db["commitments"].insert_all([
        {"id": "a", "text": "=HYPERLINK(\"http://x\")", "position": 1},
        {"id": "b", "text": "- Polisen ska patrullera.", "position": -2},
        {"id": "c", "text": "Polisen ska patrullera.", "position": 3},
    ])
    export.export_csv(db, tmp_path / "out")
    rows = read_csv(tmp_path / "out" / "commitments.csv")
    assert rows[1:] == [
        ["a", "'=HYPERLINK(\"http://x\")", "1"],
        ["b", "'- Polisen ska patrullera.", "-2"],
        ["c", "Polisen ska patrullera.", "3"],
    ]


def test_missing_database_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    missing = tmp_path / "none.db"
    assert main(["export", "--db", str(missing), "--format", "csv", "--output", str(tmp_path / "o")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and str(missing) in error and "make extract" in error
