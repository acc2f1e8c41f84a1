"""The fixture web as the tests see it: servers, registry, and the crawl's outputs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.cli import main as cli_main
from tests.fetch.fixture_server import FixtureServer


@dataclass
class FixtureWeb:
    polisen: FixtureServer
    kommun: FixtureServer
    registry: Path
    raw: Path
    state: Path

    def where(self) -> list[str]:
        """The options that point a crawl at this fixture web's registry, raw folder and state."""
        return ["--sources", str(self.registry), "--raw", str(self.raw), "--state-dir", str(self.state)]

    def fetch(self, *extra: str, faults: FixtureServer | None = None) -> int:
        args = [
            "fetch",
            *self.where(),
            "--allow-host",
            "127.0.0.1",
            "--delay",
            "0",
            "--timeout",
            "0.5",
            "--retries",
            "2",
            "--backoff",
            "0.05",
            "--max-bytes",
            str(1024 * 1024),
            "--no-progress",
            *extra,
        ]
        return cli_main(args)

    def log(self) -> list[dict]:
        path = self.state / "fetch_log.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    def snapshots(self) -> dict[str, bytes]:
        return {
            str(p.relative_to(self.raw)): p.read_bytes()
            for p in sorted(self.raw.rglob("*"))
            if p.is_file() and not p.name.endswith(".meta.json")
        }

    def sidecars(self) -> list[dict]:
        return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(self.raw.rglob("*.meta.json"))]
