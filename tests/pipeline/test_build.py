"""The whole run: bad input is skipped and reported, the database swap is atomic."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import jsonschema
import pytest
import sqlite_utils

from pipeline import load
from pipeline.build import build, process_file
from pipeline.cli import main
from pipeline.schema import record_json_schema
from tests.pipeline.conftest import RAW, make_pdf

GOOD_TEXT = (
    "Medborgarlöfte för Trelleborg 2022\n\n"
    "Polisen ska genomföra trygghetsvandringar i Anderslöv.\n"
    "• Kommunen kommer att förbättra belysningen vid stationen.\n"
)


def copy_seeds(target: Path) -> Path:
    shutil.copytree(RAW, target)
    return target


def test_bad_inputs_are_skipped_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (raw / "undecodable.txt").write_bytes(bytes(range(0x80, 0xA0)) * 40 + b"\x00")
    pdf = make_pdf(tmp_path / "full.pdf", ["Polisen ska patrullera i centrum."]).read_bytes()
    (raw / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (raw / "lost.txt").symlink_to(raw / "does-not-exist.txt")
    (raw / "loop").symlink_to(raw)  # a linked folder, here one that would loop
    db_path = tmp_path / "out.db"

    report = build(raw=raw, db_path=db_path, jsonl=None, progress=False)

    reasons = {p.path.name: p.skipped for p in report.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "undecodable.txt", "truncated.pdf", "lost.txt", "loop"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "PDF" in reasons["truncated.pdf"]
    assert "cannot read" in reasons["lost.txt"]
    assert "link to a folder" in reasons["loop"] and "not followed" in reasons["loop"]
    err_lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("skipped")]
    assert len(err_lines) == 6 and all(str(raw) in line for line in err_lines)
    db = sqlite_utils.Database(db_path)
    assert db["documents"].count == 1
    run = next(db["runs"].rows)
    assert run["skipped"] == 6 and run["documents"] == 1
    assert {row["path"].rsplit("/", 1)[-1] for row in db["skipped_files"].rows} == set(reasons)


def test_exit_code_is_nonzero_only_when_nothing_was_processed(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    assert main(["extract", "--raw", str(raw), "--db", str(tmp_path / "x.db"), "--no-jsonl"]) == 1
    assert not (tmp_path / "x.db").exists()
    (raw / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    assert main(["extract", "--raw", str(raw), "--db", str(tmp_path / "x.db"), "--no-jsonl"]) == 0


def test_any_folder_of_txt_html_pdf_without_sidecars(tmp_path: Path) -> None:
    raw = tmp_path / "mine"
    raw.mkdir()
    (raw / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (raw / "b.html").write_text(
        "<html><body><article><h1>Medborgarlöfte Vellinge</h1><p>Polisen ska öka närvaron "
        "i Höllviken under sommaren och kommunen ska anställa fler trygghetsvärdar.</p></article></body></html>",
        encoding="utf-8",
    )
    make_pdf(raw / "c.pdf", ["Medborgarlöfte Svedala", "Kommunen ska ordna trygghetsvandringar i Bara."])
    jsonl = tmp_path / "out.jsonl"
    assert main(["extract", "--raw", str(raw), "--db", str(tmp_path / "o.db"), "--jsonl", str(jsonl)]) == 0
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(records) == 3
    assert {r["source"]["path"].rsplit(".", 1)[-1] for r in records} == {"txt", "html", "pdf"}


def test_failed_rebuild_leaves_the_old_database_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = copy_seeds(tmp_path / "raw")
    db_path = tmp_path / "m.db"
    build(raw=raw, db_path=db_path, jsonl=None, progress=False)
    before = sqlite_utils.Database(db_path)["commitments"].count
    assert before > 0

    def crash(db: sqlite_utils.Database) -> None:  # a failure after rows were written
        raise RuntimeError("disk full")

    monkeypatch.setattr(load, "finish", crash)
    (raw / "extra.txt").write_text(GOOD_TEXT, encoding="utf-8")
    with pytest.raises(RuntimeError):
        build(raw=raw, db_path=db_path, jsonl=None, progress=False)
    connection = sqlite3.connect(db_path)
    assert connection.execute("select count(*) from documents").fetchone()[0] == 5
    assert connection.execute("select count(*) from commitments").fetchone()[0] == before
    assert not list(tmp_path.glob(".m.db.tmp*"))


def test_rebuild_from_unchanged_snapshots_gives_the_same_rows(tmp_path: Path) -> None:
    raw = copy_seeds(tmp_path / "raw")

    def dump(db_path: Path) -> dict[str, list]:
        db = sqlite_utils.Database(db_path)
        return {t: list(db[t].rows) for t in load.DOCUMENT_TABLES + ["documents", "snapshots"]}

    build(raw=raw, db_path=tmp_path / "a.db", jsonl=None, progress=False)
    build(raw=raw, db_path=tmp_path / "b.db", jsonl=None, progress=False)
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")


def test_schema_fts_and_types(tmp_path: Path) -> None:
    raw = copy_seeds(tmp_path / "raw")
    build(raw=raw, db_path=tmp_path / "m.db", jsonl=None, progress=False)
    db = sqlite_utils.Database(tmp_path / "m.db")
    assert db["municipality_reference"].columns_dict["code"] is str
    assert db["municipality_reference"].get("0665")["name"] == "Vaggeryd"
    assert db["municipality_reference"].count == 290
    assert db["municipalities"].columns_dict["code"] is str
    for table in load.DOCUMENT_TABLES:
        assert any(fk.other_table == "documents" for fk in db[table].foreign_keys)
    assert "remove_diacritics 0" in db["commitments_fts"].schema
    # å/ä/ö stay distinct: "år" is not "ar".
    db.execute("insert into commitments_fts(rowid, text, heading) values (999999, 'zebrabil år', '')")
    found = db.execute("select rowid from commitments_fts where commitments_fts match 'ar'").fetchall()
    assert (999999,) not in found
    found = db.execute("select rowid from commitments_fts where commitments_fts match 'år'").fetchall()
    assert (999999,) in found


def test_every_record_validates_and_every_span_is_evidence(tmp_path: Path) -> None:
    raw = copy_seeds(tmp_path / "raw")
    jsonl = tmp_path / "records.jsonl"
    build(raw=raw, db_path=tmp_path / "m.db", jsonl=jsonl, progress=False)
    schema = record_json_schema()
    exported = tmp_path / "export.jsonl"
    assert main(["export", "--db", str(tmp_path / "m.db"), "--format", "jsonl", "-o", str(exported)]) == 0
    assert exported.read_text() == jsonl.read_text()
    records = [json.loads(line) for line in exported.read_text().splitlines()]
    assert len(records) == 5
    for record in records:
        jsonschema.validate(record, schema)
        for start, end in spans_of(record):
            assert 0 <= start < end <= len(record["text"])
            assert record["text"][start:end].strip()


def spans_of(record: dict) -> list[tuple[int, int]]:
    spans = []
    for field in ("municipalities", "police_units", "people", "focus_areas", "commitments", "places"):
        spans += [tuple(item["span"]) for item in record[field]]
    spans += [tuple(e["span"]) for e in record["validity"]["evidence"]]
    if record["follow_up"]["span"]:
        spans.append(tuple(record["follow_up"]["span"]))
    return spans


def test_process_file_reports_an_unreadable_path(tmp_path: Path) -> None:
    outcome = process_file(tmp_path / "missing.txt")
    assert outcome.record is None and "cannot read" in (outcome.skipped or "")
