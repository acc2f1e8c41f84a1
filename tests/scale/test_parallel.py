"""Two worker processes give exactly the database and export of one process."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.build import build
from tests.scale.conftest import content_rows


def test_two_workers_build_the_same_database_as_one(synthetic_corpus: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(synthetic_corpus, raw)
    (raw / "broken.html").write_bytes(b"<html><body><div>" + b"\xff\xfe" * 50)
    (raw / "empty.txt").write_bytes(b"")
    results = {}
    for workers in (1, 2):
        folder = tmp_path / f"workers-{workers}"
        folder.mkdir()
        report = build(raw=raw, db_path=folder / "m.db", jsonl=folder / "m.jsonl", fetch_log=None,
                       progress=False, workers=workers, use_cache=False)
        results[workers] = (report, folder)

    (serial, serial_dir), (parallel, parallel_dir) = results[1], results[2]
    assert len(serial.records) == len(parallel.records) >= 60
    assert [(p.path, p.skipped, p.document_id) for p in serial.processed] == [
        (p.path, p.skipped, p.document_id) for p in parallel.processed
    ]
    assert content_rows(serial_dir / "m.db", ordered_by_rowid=True) == content_rows(
        parallel_dir / "m.db", ordered_by_rowid=True
    )
    assert (serial_dir / "m.jsonl").read_bytes() == (parallel_dir / "m.jsonl").read_bytes()
