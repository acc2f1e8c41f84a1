"""SIGKILL in the middle of ``medborgarloften extract`` never costs the previous database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pipeline.synthetic import generate_corpus
from tests.scale.conftest import REPO

CORPUS_SIZE = 800  # long enough (seconds of work) to be killed in the middle, with margin


def extract(raw: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "extract", "--raw", str(raw), "--db", str(out / "m.db"),
            "--jsonl", str(out / "m.jsonl"), "--fetch-log", str(out / "none.jsonl"), "--no-progress", *extra]


def counts(db_path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert connection.execute("pragma integrity_check").fetchone() == ("ok",)
        return {table: connection.execute(f"select count(*) from [{table}]").fetchone()[0]
                for table in ("documents", "commitments", "municipalities", "snapshots", "runs")}
    finally:
        connection.close()


def test_killed_extract_keeps_the_previous_database_and_the_next_run_completes(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    out.mkdir()
    generate_corpus(raw, CORPUS_SIZE, seed=11)
    subprocess.run(extract(raw, out), cwd=REPO, check=True, capture_output=True)
    before = counts(out / "m.db")
    jsonl_before = (out / "m.jsonl").read_bytes()
    assert before["documents"] == CORPUS_SIZE

    # Re-extract everything from scratch, and kill the whole process group mid-way.
    process = subprocess.Popen(extract(raw, out, "--full", "--no-cache"), cwd=REPO, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    temporary = out / f".m.db.tmp-{process.pid}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if temporary.exists() and temporary.stat().st_size > 0:
            break
        time.sleep(0.05)
    time.sleep(0.5)  # into the extraction, with rows already written to the temporary file
    assert process.poll() is None, "the run ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert temporary.exists()  # the half-built database, never renamed into place

    assert counts(out / "m.db") == before
    assert (out / "m.jsonl").read_bytes() == jsonl_before

    finished = subprocess.run(extract(raw, out), cwd=REPO, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    after = counts(out / "m.db")
    assert after["documents"] == CORPUS_SIZE and after["runs"] == before["runs"] + 1
    assert not list(out.glob(".m.db.tmp-*"))  # the killed run's leftover is cleaned up
