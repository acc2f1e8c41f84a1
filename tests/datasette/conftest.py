"""Fixtures: the database built from the repository's snapshots, and Datasette serving it."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "data" / "raw"
METADATA = REPO / "datasette-config" / "metadata.yaml"
# Named like the real build output, so the metadata applies without re-keying.
DB_NAME = "medborgarloften"


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database built from data/raw, as `make extract` builds it (reference data included)."""
    from pipeline.build import build

    db_path = tmp_path_factory.mktemp("seed-db") / f"{DB_NAME}.db"
    # The build reads data/reference/ relative to the working directory, as `make extract` runs it.
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        report = build(raw=RAW, db_path=db_path, jsonl=None, fetch_log=None, progress=False)
    assert report.records, "the seed snapshots in data/raw produced no records"
    return db_path


@pytest.fixture(scope="session")
def seed_sql(seed_db: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection, for choosing query parameters from the data at test time."""
    connection = sqlite3.connect(f"file:{seed_db}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


class DatasetteClient:
    """Datasette's own in-process client on one instance, driven from synchronous tests."""

    def __init__(self, db_path: Path) -> None:
        from pipeline.serve import build_datasette

        self.database = db_path.stem
        self.loop = asyncio.new_event_loop()
        self.datasette = build_datasette(db_path)
        self.loop.run_until_complete(self.datasette.invoke_startup())

    def get(self, path: str, **params: Any):
        return self.loop.run_until_complete(self.datasette.client.get(path, params=params or None))

    def rows(self, relation: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of a canned query, table or view as JSON objects; fails on any error."""
        response = self.get(f"/{self.database}/{relation}.json", _shape="array", **params)
        assert response.status_code == 200, f"{relation}: HTTP {response.status_code}: {response.text[:500]}"
        return response.json()

    def close(self) -> None:
        self.loop.close()


@pytest.fixture(scope="session")
def datasette_client(seed_db: Path) -> Iterator[DatasetteClient]:
    client = DatasetteClient(seed_db)
    yield client
    client.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say so plainly when the browser test was skipped: `make test` runs pytest with -q."""
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if "chromium not installed" in reason:
            terminalreporter.write_line(f"BROWSER TEST SKIPPED ({report.nodeid}): {reason}", yellow=True)
