"""An interrupted crawl (the process killed mid-request) resumes without refetching."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.fetch.fixture_server import Gate
from tests.fetch.fixture_sites import ARBOGA, INDEX
from tests.fetch.harness import FixtureWeb

ROOT = Path(__file__).resolve().parents[2]


def test_killed_crawl_resumes_where_it_stopped(web: FixtureWeb) -> None:
    gate = Gate(web.polisen.routes[ARBOGA])
    web.polisen.routes[ARBOGA] = gate
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "fetch",
        *web.where(),
        "--allow-host",
        "127.0.0.1",
        "--delay",
        "0",
        "--no-progress",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        command, cwd=web.raw.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        assert gate.reached.wait(30), process.stderr.read().decode() if process.stderr else ""
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        gate.release.set()
        if process.poll() is None:
            process.kill()
    asked_before = list(web.polisen.paths())
    stored_before = web.snapshots()
    assert INDEX in asked_before and asked_before[-1] == ARBOGA

    assert web.fetch() == 0
    asked_after = web.polisen.paths()[len(asked_before) :]
    # Nothing finished before the kill is asked for again; the page in flight is.
    finished_before = set(asked_before) - {ARBOGA, "/robots.txt"}
    assert finished_before.isdisjoint(asked_after)
    assert ARBOGA in asked_after
    assert len(asked_after) > 2  # pages still queued at the kill were fetched now

    journal = [json.loads(line) for line in (web.state / "crawl.jsonl").read_text().splitlines()]
    assert [event["event"] for event in journal].count("start") == 1
    assert journal[-1]["event"] == "finish"
    log = web.log()
    assert len({entry["run_id"] for entry in log}) == 1  # one crawl, resumed
    stored = Counter(entry["url"] for entry in log if entry["outcome"] == "new")
    assert all(count == 1 for count in stored.values())
    assert set(stored_before) <= set(web.snapshots())
    assert len(web.snapshots()) == 8


def test_finished_crawl_starts_afresh(web: FixtureWeb) -> None:
    web.fetch()
    web.fetch()
    run_ids = {entry["run_id"] for entry in web.log()}
    assert len(run_ids) == 2
