"""The views on a small database of hand-made promise records whose answers are known.

The seed snapshots hold one promise per municipality, so they cannot show a
promise written again in next year's document; these records can.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from models import PromiseRecord, Snapshot
from pipeline import load
from tests.datasette.conftest import REPO, DatasetteClient

# Municipality -> (kommunkod, county) as in SCB's list (data/reference/municipalities.csv).
MUNICIPALITIES = {"Vaggeryd": ("0665", "Jönköpings län"), "Båstad": ("1278", "Skåne län")}


def record(slug: str, municipality: str, commitments: list[tuple[str, str]], *,
           valid_from: str | None = None, valid_to: str | None = None,
           extended_to: str | None = None, focus_areas: tuple[str, ...] = ()) -> PromiseRecord:
    """A record whose text is its commitments and focus areas, one per line, with true spans."""
    lines = [f"Medborgarlöfte {municipality}"] + [text for text, _ in commitments] + list(focus_areas)
    text = "\n".join(lines)

    def span(part: str) -> tuple[int, int]:
        start = text.index(part)
        return (start, start + len(part))

    code, county = MUNICIPALITIES[municipality]
    sha = hashlib.sha256(text.encode()).hexdigest()
    return PromiseRecord.model_validate({
        "id": f"test/{slug}@{sha[:12]}",
        "source": {"path": f"data/raw/test/{slug}.txt", "url": f"https://example.org/{slug}",
                   "publisher": "police", "sha256": sha},
        "title": f"{municipality} – medborgarlöfte ({slug})",
        "text": text,
        "municipalities": [{"name": municipality, "code": code, "county": county,
                            "span": span(municipality), "rule": "test"}],
        "validity": {"valid_from": valid_from, "valid_to": valid_to, "extended_to": extended_to},
        "commitments": [{"text": t, "actor": actor, "span": span(t), "rule": "test"}
                        for t, actor in commitments],
        "focus_areas": [{"text": f, "span": span(f), "rule": "test"} for f in focus_areas],
    })


def snapshot(rec: PromiseRecord) -> Snapshot:
    return Snapshot(path=rec.source.path, sha256=rec.source.sha256, content_type="text", size=len(rec.text))


RECORDS = [
    record("vaggeryd-2021", "Vaggeryd", [
        ("Polisen ska genomföra trygghetsvandringar i Skillingaryd och Vaggeryd.", "police"),
        ("Kommunen ska förbättra belysningen vid resecentrum.", "municipality"),
        ("Genomföra trafikinsatser.", "unspecified"),
    ], valid_from="2021-01-01", valid_to="2021-12-31", focus_areas=("Narkotikabrottslighet",)),
    record("vaggeryd-2022", "Vaggeryd", [
        # Written again with other wording around the same activity and places.
        ("Under året ska polisen genomföra trygghetsvandringar i Vaggeryd och Skillingaryd tillsammans med invånarna.",
         "police"),
        ("Kommunen ska starta en fritidsgård i Hok.", "municipality"),
        ("Genomföra trafikinsatser.", "unspecified"),
    ], valid_from="2022-01-01", valid_to="2023-12-31", focus_areas=("narkotikabrottslighet",)),
    record("bastad-2017", "Båstad", [
        ("Polisen informerar om märk DNA vid all grannsamverkan.", "police"),
    ], valid_from="2017-01-01", valid_to="2017-12-31", extended_to="2018-12-31"),
    # Same words as Vaggeryd 2022, but another municipality: not a repeat.
    record("bastad-2023", "Båstad", [
        ("Kommunen ska starta en fritidsgård i Hok.", "municipality"),
    ], valid_from="2023-01-01", valid_to="2023-12-31"),
]


@pytest.fixture(scope="module")
def known_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("known-db") / "medborgarloften.db"
    with load.atomic_database(path) as db:
        load.create_schema(db)
        load.load_reference(db, REPO / "data" / "reference" / "municipalities.csv")
        load.load_records(db, RECORDS, [snapshot(r) for r in RECORDS])
        load.finish(db)
    return path


def query(db_path: Path, sql: str) -> list[dict]:
    connection = sqlite3.connect(db_path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute(sql)]
    finally:
        connection.close()


def test_every_view_is_created(known_db: Path) -> None:
    from pipeline.views import VIEWS

    assert set(VIEWS) <= set(sqlite_utils.Database(known_db).view_names())


def test_commitments_overview_has_one_row_per_commitment_with_context(known_db: Path) -> None:
    rows = query(known_db, "select * from commitments_overview")
    assert len(rows) == sum(len(r.commitments) for r in RECORDS)
    row = next(r for r in rows if r["text"].startswith("Kommunen ska förbättra"))
    assert row["municipality"] == "Vaggeryd"
    assert row["county"] == "Jönköpings län"
    assert row["kommunkod"] == "0665"
    assert json.loads(row["years"]) == ["2021"]
    assert row["actor"] == "municipality"
    assert row["evidence"] == row["text"]
    assert row["source_url"] == "https://example.org/vaggeryd-2021"
    assert row["document_id"].startswith("test/vaggeryd-2021@")


def test_a_promise_spanning_two_years_is_in_force_in_both(known_db: Path) -> None:
    years = query(known_db, """select year, extension_year from commitment_years
                               where text like 'Kommunen ska starta%' and municipality = 'Vaggeryd'""")
    assert sorted(row["year"] for row in years) == [2022, 2023]
    assert {row["extension_year"] for row in years} == {0}


def test_an_extended_promise_is_in_force_in_its_extension_year(known_db: Path) -> None:
    years = query(known_db, "select year, extension_year from commitment_years where municipality = 'Båstad' "
                            "and text like 'Polisen informerar%'")
    assert sorted((row["year"], row["extension_year"]) for row in years) == [(2017, 0), (2018, 1)]


def test_documents_overview_counts_and_period(known_db: Path) -> None:
    rows = {row["title"]: row for row in query(known_db, "select * from documents_overview")}
    vaggeryd = rows["Vaggeryd – medborgarlöfte (vaggeryd-2022)"]
    assert vaggeryd["commitment_count"] == 3
    assert vaggeryd["focus_area_count"] == 1
    assert json.loads(vaggeryd["years"]) == ["2022", "2023"]
    assert (vaggeryd["valid_from"], vaggeryd["valid_to"]) == ("2022-01-01", "2023-12-31")


def test_repeated_commitments_find_both_kinds_and_nothing_else(known_db: Path) -> None:
    rows = query(known_db, "select * from repeated_commitments order by kind, text")
    found = {(row["kind"], row["municipality"], row["year"], row["next_year"], row["text"]) for row in rows}
    assert found == {
        ("extended", "Båstad", 2017, 2018, "Polisen informerar om märk DNA vid all grannsamverkan."),
        ("same_text", "Vaggeryd", 2021, 2022, "Genomföra trafikinsatser."),
        ("similar_text", "Vaggeryd", 2021, 2022,
         "Polisen ska genomföra trygghetsvandringar i Skillingaryd och Vaggeryd."),
    }
    similar = next(row for row in rows if row["kind"] == "similar_text")
    assert 0.5 <= similar["similarity"] < 1
    assert similar["next_document_id"].startswith("test/vaggeryd-2022@")
    assert similar["next_source_url"] == "https://example.org/vaggeryd-2022"


def test_canned_queries_on_known_rows(known_db: Path) -> None:
    client = DatasetteClient(known_db)
    try:
        focus = client.rows("top_focus_areas", year="", county="Jönköpings län")
        # "Narkotikabrottslighet" and "narkotikabrottslighet" are one focus area, in 2021, 2022 and 2023.
        assert [(row["year"], row["documents"]) for row in focus] == [(2021, 1), (2022, 1), (2023, 1)]
        in_2023 = client.rows("promises_in_force", year=2023)
        assert {row["municipality"] for row in in_2023} == {"Vaggeryd", "Båstad"}
        repeated = client.rows("repeated_promises", municipality="Vagg%")
        assert {row["kind"] for row in repeated} == {"same_text", "similar_text"}
        activity = client.rows("activity_by_year", activity="trygghetsvandring", year=2022)
        assert [row["municipality"] for row in activity] == ["Vaggeryd"]
        assert client.rows("data_gaps") == []
    finally:
        client.close()
