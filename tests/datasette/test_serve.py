"""The Datasette configuration: metadata for everything, pages that render, provenance links."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
import yaml

from pipeline.cli import main
from pipeline.serve import ServeError, load_metadata
from tests.datasette.conftest import DB_NAME, METADATA, DatasetteClient

# Views made for other views to read; a journalist does not need to open them first.
HELPER_VIEWS = {"document_municipalities", "document_context"}
# The views journalists start from, each with full-text search and facets.
MAIN_VIEWS = {"commitments_overview": "commitments_fts", "commitment_years": "commitments_fts",
              "documents_overview": "documents_fts"}


def database_metadata() -> dict:
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"][DB_NAME]


def relations(sql: sqlite3.Connection) -> dict[str, list[str]]:
    """Every table and view a journalist sees (not the FTS shadow tables) -> its columns."""
    names = [row[0] for row in sql.execute(
        "select name from sqlite_master where type in ('table', 'view') and name not like '%_fts%' "
        "and name not like 'sqlite_%'")]
    return {name: [row[1] for row in sql.execute(f"pragma table_info([{name}])")] for name in names}


def test_metadata_describes_every_table_view_and_column(seed_sql: sqlite3.Connection) -> None:
    described = database_metadata()["tables"]
    missing = []
    for name, columns in relations(seed_sql).items():
        entry = described.get(name)
        if not entry or not entry.get("description"):
            missing.append(name)
            continue
        missing.extend(f"{name}.{column}" for column in columns if not entry.get("columns", {}).get(column))
    assert missing == [], f"no description for: {missing}"


def test_metadata_describes_nothing_that_does_not_exist(seed_sql: sqlite3.Connection) -> None:
    actual = relations(seed_sql)
    for name, entry in database_metadata()["tables"].items():
        assert name in actual, f"metadata describes {name}, which is not in the database"
        unknown = set(entry.get("columns", {})) - set(actual[name])
        assert not unknown, f"{name}: descriptions for missing columns {unknown}"


def test_site_metadata_has_title_description_licence_and_source() -> None:
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    for key in ("title", "description_html", "license", "source", "source_url"):
        assert metadata.get(key), f"metadata has no {key}"


@pytest.mark.parametrize("view", sorted(MAIN_VIEWS))
def test_main_views_search_and_facet(view: str, datasette_client: DatasetteClient) -> None:
    entry = database_metadata()["tables"][view]
    assert entry["fts_table"] == MAIN_VIEWS[view]
    page = datasette_client.get(f"/{DB_NAME}/{view}")
    assert page.status_code == 200, page.text[:500]
    assert 'name="_search"' in page.text, f"{view}: no search box"
    data = datasette_client.get(f"/{DB_NAME}/{view}.json").json()
    facets = data["facet_results"]
    facets = facets.get("results", facets)  # 0.65 returns {name: ...}; later versions nest it
    for facet in entry["facets"]:
        name = facet if isinstance(facet, str) else facet["array"]
        assert name in facets, f"{view}: facet {name} not computed"


def test_facet_on_municipality_counts_commitments(
    datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    data = datasette_client.get(f"/{DB_NAME}/commitments_overview.json").json()
    counts = {item["value"]: item["count"] for item in data["facet_results"]["municipality"]["results"]}
    expected = dict(seed_sql.execute(
        "select municipality, count(*) from commitments_overview where municipality is not null "
        "group by municipality").fetchall())
    assert counts == expected


def test_year_filter_finds_promises_in_force(
    datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    year = seed_sql.execute("select min(year) from commitment_years").fetchone()[0]
    if year is None:
        pytest.skip("no seed commitment has a validity period yet")
    rows = datasette_client.rows("commitment_years", year=year, _size="max")
    assert rows and {row["year"] for row in rows} == {year}


def test_every_canned_query_page_renders(datasette_client: DatasetteClient) -> None:
    for name in database_metadata()["queries"]:
        page = datasette_client.get(f"/{DB_NAME}/{name}")
        assert page.status_code == 200, f"{name}: HTTP {page.status_code}"


def test_document_ids_link_to_the_document_row(
    datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    document_id = seed_sql.execute("select document_id from commitments_overview").fetchone()[0]
    page = datasette_client.get(f"/{DB_NAME}/commitments_overview", _size="max")
    assert page.status_code == 200
    href = page.text.split(f">{document_id}</a>")[0].rsplit('href="', 1)[1].split('"')[0]
    row = datasette_client.get(href)
    assert row.status_code == 200, href
    assert document_id in row.text


def test_database_is_served_immutable(datasette_client: DatasetteClient) -> None:
    databases = datasette_client.get("/-/databases.json").json()
    assert [db["is_mutable"] for db in databases if db["name"] == DB_NAME] == [False]


def test_metadata_follows_the_database_file_name() -> None:
    metadata = load_metadata(METADATA, "other-name")
    assert "other-name" in metadata["databases"]
    assert DB_NAME not in metadata["databases"]


def test_bad_metadata_is_a_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "metadata.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ServeError, match=str(broken)) as caught:
        load_metadata(broken, DB_NAME)
    assert "\n" not in str(caught.value)


def test_serve_without_database_says_run_make_extract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    missing = tmp_path / "medborgarloften.db"
    assert main(["serve", "--db", str(missing), "--port", "1"]) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and str(missing) in error and "make extract" in error
