"""Incremental rebuilds: only changed snapshots are extracted, and the result equals a full build."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline import build as build_module
from pipeline import cache as cache_module
from pipeline.build import build
from tests.scale.conftest import NEW_PROMISE, content_rows, copy_sources, search


def run(raw: Path, folder: Path, **options: object) -> build_module.RunReport:
    return build(raw=raw, db_path=folder / "m.db", jsonl=folder / "m.jsonl", fetch_log=None,
                 progress=False, **options)


def full_build(raw: Path, folder: Path) -> build_module.RunReport:
    folder.mkdir()
    return run(raw, folder, use_cache=False, full=True)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    raw = copy_sources(tmp_path / "raw")
    out = tmp_path / "out"
    out.mkdir()
    first = run(raw, out)
    assert first.mode == "full" and first.extracted == len(first.records) > 20
    return raw, out


def test_nothing_changed_extracts_nothing_and_keeps_the_database_file(built: tuple[Path, Path]) -> None:
    raw, out = built
    db_before = (out / "m.db").stat()
    jsonl_before = (out / "m.jsonl").stat()
    rows_before = content_rows(out / "m.db", ordered_by_rowid=True)

    again = run(raw, out)

    assert again.mode == "unchanged" and again.extracted == 0
    assert len(again.records) == len(rows_before["documents"])
    assert (out / "m.db").stat().st_ino == db_before.st_ino  # not replaced by a rebuilt file
    assert (out / "m.jsonl").stat().st_mtime_ns == jsonl_before.st_mtime_ns
    assert content_rows(out / "m.db", ordered_by_rowid=True) == rows_before
    runs = sqlite3.connect(out / "m.db").execute("select id, documents from runs").fetchall()
    assert [r[0] for r in runs][-1] == again.run_id and len(runs) == 2


def test_one_new_snapshot_is_the_only_one_extracted(built: tuple[Path, Path], tmp_path: Path) -> None:
    raw, out = built
    (raw / "vellinge.txt").write_text(NEW_PROMISE, encoding="utf-8")

    update = run(raw, out)

    assert update.mode == "incremental" and update.extracted == 1
    reference = full_build(raw, tmp_path / "reference")
    assert content_rows(out / "m.db") == content_rows(tmp_path / "reference" / "m.db")
    assert (out / "m.jsonl").read_text() == (tmp_path / "reference" / "m.jsonl").read_text()
    new_id = next(p.document_id for p in update.records if p.path.name == "vellinge.txt")
    assert search(out / "m.db", "documents", "zebrakontroller") == [new_id]
    assert search(out / "m.db", "commitments", "zebrakontroller") == [new_id]
    assert len(reference.records) == len(update.records)


def test_a_removed_snapshot_leaves_with_its_findings_and_search_entries(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, out = built
    (raw / "vellinge.txt").write_text(NEW_PROMISE, encoding="utf-8")
    run(raw, out)
    (raw / "vellinge.txt").unlink()

    update = run(raw, out)

    assert update.mode == "incremental" and update.extracted == 0
    assert search(out / "m.db", "documents", "zebrakontroller") == []
    assert search(out / "m.db", "commitments", "zebrakontroller") == []
    full_build(raw, tmp_path / "reference")
    assert content_rows(out / "m.db") == content_rows(tmp_path / "reference" / "m.db")
    assert (out / "m.jsonl").read_text() == (tmp_path / "reference" / "m.jsonl").read_text()


def test_a_changed_rule_re_extracts_every_document(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = built
    monkeypatch.setattr(build_module, "fingerprint", lambda: "rules-edited")

    again = run(raw, out)

    assert again.mode == "full"
    assert again.extracted == len(again.records) + len(again.skipped) > 20


def test_a_deleted_database_is_rebuilt_from_the_cache(built: tuple[Path, Path]) -> None:
    raw, out = built
    before = content_rows(out / "m.db")
    (out / "m.db").unlink()

    again = run(raw, out)

    assert again.mode == "full" and again.extracted == 0
    assert content_rows(out / "m.db") == before


def test_bad_files_are_reported_on_every_run(
    built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = built
    (raw / "junk.txt").write_bytes(b"\x00\xff" * 64)
    first = run(raw, out)
    second = run(raw, out)
    assert second.mode == "unchanged"
    for report in (first, second):
        assert [p.path.name for p in report.skipped] == ["junk.txt"]
    err = capsys.readouterr().err
    assert err.count("junk.txt: binary content") == 2
    skipped = sqlite3.connect(out / "m.db").execute("select run_id, reason from skipped_files").fetchall()
    assert {run_id for run_id, _ in skipped} == {first.run_id, second.run_id}


def test_the_fingerprint_follows_rule_files_and_not_their_timestamps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "repo"
    for name in cache_module.FINGERPRINT_SOURCES:
        source = cache_module.REPO / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    monkeypatch.setattr(cache_module, "REPO", copy)

    def current() -> str:
        cache_module.fingerprint.cache_clear()
        return cache_module.fingerprint()

    try:
        original = current()
        rule_file = copy / "pipeline" / "boilerplate.yaml"
        rule_file.touch()
        assert current() == original
        rule_file.write_text(rule_file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        assert current() != original
    finally:
        cache_module.fingerprint.cache_clear()


def test_the_stat_index_follows_new_changed_and_removed_files(built: tuple[Path, Path]) -> None:
    """Only differing rows are rewritten; the index must still be exactly the files of the last run."""
    raw, out = built
    files = sorted(p for p in raw.rglob("*.txt"))
    files[0].unlink()
    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nTillägg.\n", encoding="utf-8")
    (raw / "vellinge.txt").write_text(NEW_PROMISE, encoding="utf-8")

    run(raw, out)

    with cache_module.ExtractCache(out / "cache") as cache:
        index = cache.known_keys()
    expected = {build_module._index_name(p): cache_module.FileStat.of(p) for p in build_module.iter_snapshot_files(raw)}
    assert {name: stat for name, (stat, _) in index.items()} == expected
    assert index[build_module._index_name(files[1])][1] == cache_module.input_key(files[1], files[1].read_bytes())
    again = run(raw, out)  # and the next run trusts it: nothing to read, nothing to extract
    assert again.mode == "unchanged" and again.extracted == 0


def test_a_cache_of_the_first_layout_is_replaced_and_the_run_completes(tmp_path: Path) -> None:
    raw = copy_sources(tmp_path / "raw")
    out = tmp_path / "out"
    (out / "cache").mkdir(parents=True)
    old = sqlite3.connect(out / "cache" / cache_module.CACHE_FILE)
    old.execute("create table outcomes (input_key text not null, fingerprint text not null, document_id text, "
                "line text, outcome text not null, primary key (input_key, fingerprint))")
    old.execute("insert into outcomes values ('k', 'f', 'd', 'l', '{}')")
    old.commit()
    old.close()

    report = run(raw, out)

    assert report.extracted == len(report.records) + len(report.skipped) > 20
    tables = {name for (name,) in sqlite3.connect(out / "cache" / cache_module.CACHE_FILE).execute(
        "select name from sqlite_master where type = 'table'")}
    assert "outcomes" not in tables and "extractions" in tables
    assert run(raw, out).mode == "unchanged"
