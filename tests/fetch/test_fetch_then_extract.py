"""End to end: `medborgarloften fetch` on the fixture sites, then `medborgarloften extract`."""

from __future__ import annotations

import pytest

from pipeline.cli import main as cli_main
from tests.fetch.fixture_sites import (
    ARBOGA,
    BASTAD,
    EVENT,
    KOMMUN_PAGE,
    KOMMUN_PDF,
    VAGGERYD_POLICE,
    VANERSBORG,
    VANERSBORG_PDF,
    VASTERAS,
    VASTERAS_OLD,
)
from tests.fetch.harness import FixtureWeb


def test_fetch_then_extract_yields_records_for_promises_only(web: FixtureWeb) -> None:
    pytest.importorskip("pipeline.build")
    sqlite_utils = pytest.importorskip("sqlite_utils")
    assert web.fetch(web.polisen.base + EVENT) == 0
    db_path = web.raw.parent / "medborgarloften.db"
    code = cli_main(
        [
            "extract",
            "--raw",
            str(web.raw),
            "--db",
            str(db_path),
            "--no-jsonl",
            "--fetch-log",
            str(web.state / "fetch_log.jsonl"),
            "--no-progress",
        ]
    )
    assert code == 0
    db = sqlite_utils.Database(db_path)
    documents = {row["url"]: row for row in db["documents"].rows}
    polisen = [web.polisen.base + p for p in (ARBOGA, BASTAD, VANERSBORG, VANERSBORG_PDF, VAGGERYD_POLICE)]
    expected = set(polisen) | {web.kommun.base + KOMMUN_PAGE, web.kommun.base + KOMMUN_PDF}
    # Västerås is reached directly from the county folder and through its old redirecting URL;
    # whichever came first names the snapshot.
    vasteras = {url for url in documents if "vasteras" in url}
    assert len(vasteras) == 1
    assert vasteras <= {web.polisen.base + VASTERAS, web.polisen.base + VASTERAS_OLD}
    assert set(documents) - vasteras == expected
    assert web.polisen.base + EVENT not in documents
    assert not any("lpfm.loc" in url for url in documents)
    pdf = documents[web.kommun.base + KOMMUN_PDF]
    assert pdf["content_type"] == "pdf"
    assert "Skillingaryd" in pdf["text"]
    assert "Sätra" in documents[web.polisen.base + ARBOGA]["text"]
    assert db["fetch_log"].count == len(web.log())
