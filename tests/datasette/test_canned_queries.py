"""Every canned query in datasette-config/metadata.yaml, run through Datasette on the seed database.

Parameters are read from the data at test time (the extractors improve while the
rows change), except words the seed texts are certain to contain.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from tests.datasette.conftest import DB_NAME, METADATA, DatasetteClient

# Certain to be in a commitment of the Vaggeryd seed ("Genomföra trygghetsvandringar i
# Skillingaryd och Vaggeryd"); the query must find it from the word's stem.
ACTIVITY = "trygghetsvandring"


def canned_queries() -> dict[str, dict[str, Any]]:
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    return metadata["databases"][DB_NAME]["queries"]


def first_value(sql: sqlite3.Connection, query: str) -> Any:
    row = sql.execute(query).fetchone()
    return row[0] if row else None


def a_municipality(sql: sqlite3.Connection) -> str:
    return first_value(sql, """
        select dm.municipality from document_municipalities dm
        join commitments c on c.document_id = dm.document_id
        group by dm.municipality order by count(*) desc, dm.municipality""")


def most_common_actor(sql: sqlite3.Connection) -> str:
    return first_value(sql, "select actor from commitments group by actor order by count(*) desc, actor")


def a_year_with_commitments(sql: sqlite3.Connection) -> int | None:
    return first_value(sql, """
        select y.year from document_years y join commitments c on c.document_id = y.document_id
        order by y.year""")


# query name -> the parameters to run it with, chosen from the database
PARAMETERS: dict[str, Callable[[sqlite3.Connection], dict[str, Any]]] = {
    "municipality_promises": lambda sql: {"municipality": a_municipality(sql)},
    "activity_by_year": lambda sql: {"activity": ACTIVITY, "year": ""},
    "commitments_by_actor": lambda sql: {"actor": most_common_actor(sql)},
    "promises_in_force": lambda sql: {"year": a_year_with_commitments(sql)},
    "top_focus_areas": lambda sql: {"year": "", "county": ""},
    "data_gaps": lambda sql: {},
    "repeated_promises": lambda sql: {"municipality": ""},
}


def test_every_canned_query_has_test_parameters() -> None:
    assert set(canned_queries()) == set(PARAMETERS)


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_canned_query_returns_rows_with_provenance(
    name: str, datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    params = PARAMETERS[name](seed_sql)
    assert None not in params.values(), f"{name}: the seed database has no value to query with: {params}"
    rows = datasette_client.rows(name, **params)
    assert rows, f"{name} returned no rows for {params}"
    for row in rows:
        assert row["document_id"], f"{name}: a row without its document: {row}"
        assert "source_url" in row, f"{name}: rows must say their source URL (or null)"


def test_municipality_promises_are_that_municipalitys(
    datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    municipality = a_municipality(seed_sql)
    rows = datasette_client.rows("municipality_promises", municipality=municipality)
    assert {row["municipality"] for row in rows} == {municipality}
    expected = first_value(seed_sql, f"""
        select count(*) from commitments c
        join document_municipalities dm on dm.document_id = c.document_id
        where dm.municipality = '{municipality}'""")
    undated_or_years = {(row["text"], row["document_id"]) for row in rows}
    assert len(undated_or_years) == expected


def test_municipality_promises_by_kommunkod(
    datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    code, name = seed_sql.execute(
        "select kommunkod, municipality from document_municipalities where kommunkod is not null"
    ).fetchone()
    rows = datasette_client.rows("municipality_promises", municipality=code)
    assert rows and {row["municipality"] for row in rows} == {name}


def test_activity_search_matches_word_forms(datasette_client: DatasetteClient) -> None:
    rows = datasette_client.rows("activity_by_year", activity=ACTIVITY, year="")
    assert "Vaggeryd" in {row["municipality"] for row in rows}
    for row in rows:
        assert ACTIVITY in row["text"].lower()


def test_activity_search_in_a_year_keeps_to_that_year(
    datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    year = first_value(seed_sql, f"""
        select y.year from commitments_fts f
        join commitments c on c.rowid = f.rowid
        join document_years y on y.document_id = c.document_id
        where commitments_fts match '"{ACTIVITY}"*' order by y.year""")
    if year is None:
        pytest.skip(f"no dated seed commitment mentions {ACTIVITY!r} yet (validity extraction)")
    rows = datasette_client.rows("activity_by_year", activity=ACTIVITY, year=year)
    assert rows and {row["year"] for row in rows} == {year}
    later = datasette_client.rows("activity_by_year", activity=ACTIVITY, year=year + 1000)
    assert later == []


def test_activity_search_survives_quotes_and_empty_input(datasette_client: DatasetteClient) -> None:
    assert datasette_client.rows("activity_by_year", activity="", year="") == []
    # A stray quote is dropped rather than breaking the full-text syntax.
    plain = datasette_client.rows("activity_by_year", activity=ACTIVITY, year="")
    assert datasette_client.rows("activity_by_year", activity=f'"{ACTIVITY}', year="") == plain


def test_commitments_by_actor_keeps_to_the_actor(
    datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    for (actor,) in seed_sql.execute("select distinct actor from commitments"):
        rows = datasette_client.rows("commitments_by_actor", actor=actor)
        count = first_value(seed_sql, f"select count(*) from commitments where actor = '{actor}'")
        assert len(rows) == count and {row["actor"] for row in rows} == {actor}


def test_promises_in_force_include_every_year_of_the_period(
    datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    for document_id, year in seed_sql.execute("select document_id, year from document_years"):
        rows = datasette_client.rows("promises_in_force", year=year)
        assert document_id in {row["document_id"] for row in rows} or not first_value(
            seed_sql, f"select count(*) from commitments where document_id = '{document_id}'"
        )
        assert {row["year"] for row in rows} == {year}


def test_data_gaps_name_the_gap(datasette_client: DatasetteClient, seed_sql: sqlite3.Connection) -> None:
    rows = datasette_client.rows("data_gaps")
    undated = {
        row[0] for row in seed_sql.execute(
            "select id from documents where valid_from is null and valid_to is null")
    }
    assert undated <= {row["document_id"] for row in rows}
    for row in rows:
        assert row["gap"], row


def test_repeated_promises_include_the_bastad_extension(
    datasette_client: DatasetteClient, seed_sql: sqlite3.Connection
) -> None:
    extended = first_value(seed_sql, "select count(*) from documents where extended_to is not null")
    rows = datasette_client.rows("repeated_promises", municipality="")
    kinds = {row["kind"] for row in rows}
    assert extended and "extended" in kinds
    for row in rows:
        if row["kind"] == "extended":
            assert row["next_year"] == row["year"] + 1
            assert row["text"] == row["next_text"]
            assert row["evidence"]
    only = datasette_client.rows("repeated_promises", municipality=rows[0]["municipality"])
    assert only and {row["municipality"] for row in only} == {rows[0]["municipality"]}
