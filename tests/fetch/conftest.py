from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fetch.fixture_server import FixtureServer
from tests.fetch.fixture_sites import kommun_routes, polisen_routes, write_registry
from tests.fetch.harness import FixtureWeb


@pytest.fixture
def web(tmp_path: Path) -> Iterator[FixtureWeb]:
    polisen = FixtureServer(polisen_routes()).start()
    kommun = FixtureServer(kommun_routes(polisen.base)).start()
    registry = write_registry(tmp_path / "sources.yaml", polisen, kommun)
    yield FixtureWeb(polisen, kommun, registry, tmp_path / "raw", tmp_path / "state")
    polisen.stop()
    kommun.stop()
