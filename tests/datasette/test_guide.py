"""docs/journalists.md: its SQL runs in Datasette and the canned queries it names exist."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.datasette.conftest import DB_NAME, METADATA, REPO, DatasetteClient

GUIDE = REPO / "docs" / "journalists.md"


def guide_sql() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)


def test_guide_has_ten_questions() -> None:
    questions = re.findall(r"^### \d+\. ", GUIDE.read_text(encoding="utf-8"), flags=re.M)
    assert len(questions) == 10
    assert len(guide_sql()) == 10


@pytest.mark.parametrize("sql", guide_sql(), ids=lambda sql: " ".join(sql.split())[:60])
def test_guide_sql_runs_in_datasette(sql: str, datasette_client: DatasetteClient) -> None:
    response = datasette_client.get(f"/{DB_NAME}.json", sql=sql, _shape="array")
    assert response.status_code == 200, response.text[:500]
    assert isinstance(response.json(), list)


def test_guide_names_only_real_canned_queries() -> None:
    queries = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"][DB_NAME]["queries"]
    named = set(re.findall(r"Canned query \*\*(\w+)\*\*", GUIDE.read_text(encoding="utf-8")))
    assert named and named <= set(queries)
    assert set(queries) - named == set(), f"canned queries the guide does not explain: {set(queries) - named}"
