from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.snapshots import (
    SnapshotError,
    SnapshotStore,
    display_path,
    iter_snapshot_files,
    load_snapshot,
    sniff_content_type,
)

URL = "https://polisen.se/om-polisen/medborgarloften/vastmanland/arboga/"


def test_same_bytes_add_no_snapshot(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    first, created = store.put(b"<html><p>2021</p></html>", url=URL, publisher="police")
    again, created_again = store.put(b"<html><p>2021</p></html>", url=URL, publisher="police")
    assert created and not created_again
    assert first.path == again.path
    assert len(list(store.files())) == 1


def test_changed_page_is_a_new_snapshot_and_the_old_year_survives(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    old, _ = store.put(b"<html><p>Medborgarloefte 2021</p></html>", url=URL)
    new, created = store.put(b"<html><p>Medborgarloefte 2022</p></html>", url=URL)
    assert created and old.path != new.path
    files = list(store.files())
    assert len(files) == 2
    contents = sorted(path.read_bytes() for path in files)
    assert contents[0].endswith(b"2021</p></html>") and contents[1].endswith(b"2022</p></html>")


def test_sidecar_records_what_is_known(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    snapshot, _ = store.put(b"%PDF-1.4 fake", url="https://www.vaggeryd.se/download/18.abc/1/x.pdf",
                            publisher="municipality", status=200, headers={"etag": '"x"'})
    data_file = next(store.files())
    sidecar = json.loads(Path(f"{data_file}.meta.json").read_text())
    assert sidecar["url"].endswith("x.pdf")
    assert sidecar["site"] == "vaggeryd.se"
    assert sidecar["content_type"] == "pdf"
    assert sidecar["sha256"] == snapshot.sha256
    assert sidecar["headers"] == {"etag": '"x"'}
    assert data_file.suffix == ".pdf"


def test_store_refuses_to_touch_a_tampered_file(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    snapshot, _ = store.put(b"hello medborgarl\xc3\xb6fte", url=URL)
    stored = next(store.files())
    stored.write_bytes(b"tampered")
    with pytest.raises(SnapshotError, match="do not match"):
        store.put(b"hello medborgarl\xc3\xb6fte", url=URL)
    with pytest.raises(SnapshotError, match=str(stored.name)):
        load_snapshot(stored)


@pytest.mark.parametrize(
    ("content", "hint", "expected"),
    [
        (b"%PDF-1.7\n...", None, "pdf"),
        (b"<!DOCTYPE html><html></html>", None, "html"),
        (b"  <div class='pagecontent'>x</div>", None, "html"),
        (b"Arboga \xe2\x80\x93 medborgarl\xc3\xb6ften", ".txt", "text"),
        (b"plain words", "application/pdf", "pdf"),
    ],
)
def test_sniffing(content: bytes, hint: str | None, expected: str) -> None:
    assert sniff_content_type(content, hint) == expected


def test_bad_sidecar_is_a_one_line_error(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Medborgarlöfte 2020")
    Path(f"{page}.meta.json").write_text("{not json")
    with pytest.raises(SnapshotError) as raised:
        load_snapshot(page)
    assert "page.txt.meta.json" in str(raised.value) and "\n" not in str(raised.value)


def test_bare_files_without_sidecars_are_snapshots_too(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Medborgarlöfte")
    (tmp_path / "b.html").write_text("<html><body><p>x</p></body></html>")
    names = [path.name for path in iter_snapshot_files(tmp_path)]
    assert names == ["a.txt", "b.html"]
    snapshot = load_snapshot(tmp_path / "b.html")
    assert snapshot.content_type == "html" and snapshot.url is None


def test_display_path_is_relative_to_the_working_directory_and_follows_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real" / "polisen.se"
    real.mkdir(parents=True)
    (real / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "linked-folder").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "linked-file.txt").symlink_to(real / "a.txt")
    monkeypatch.chdir(tmp_path)

    assert display_path(Path("real/polisen.se/a.txt")) == "real/polisen.se/a.txt"
    assert display_path(tmp_path / "real" / "polisen.se" / "a.txt") == "real/polisen.se/a.txt"
    assert display_path(Path("real/polisen.se/../polisen.se/a.txt")) == "real/polisen.se/a.txt"
    # Through a linked folder or a linked file: the path of the file itself, as resolve() gives.
    assert display_path(Path("linked-folder/polisen.se/a.txt")) == "real/polisen.se/a.txt"
    assert display_path(Path("real/linked-file.txt")) == "real/polisen.se/a.txt"
    for path in ("real/polisen.se/a.txt", "linked-folder/polisen.se/a.txt", "real/linked-file.txt",
                 "real/polisen.se/.."):
        assert display_path(Path(path)) == Path(path).resolve().relative_to(tmp_path.resolve()).as_posix()

    # Outside the working directory: the absolute path.
    monkeypatch.chdir(real)
    assert display_path(tmp_path / "linked-folder" / "x.txt") == (tmp_path / "real" / "x.txt").resolve().as_posix()
