"""Fault routes: each outcome is recorded, nothing stored earlier is lost, the crawl goes on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fetch.fixture_server import FixtureServer
from tests.fetch.fixture_sites import FAULT_PATHS, fault_routes, kommun_routes, polisen_routes, write_registry
from tests.fetch.harness import FixtureWeb


@pytest.fixture(scope="module")
def faulty_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A clean crawl of the fixture sites, then a crawl that also hits every fault route."""
    tmp = tmp_path_factory.mktemp("faults")
    polisen = FixtureServer(polisen_routes()).start()
    kommun = FixtureServer(kommun_routes(polisen.base)).start()
    faults = FixtureServer(fault_routes()).start()
    registry = write_registry(tmp / "sources.yaml", polisen, kommun)
    web = FixtureWeb(polisen, kommun, registry, tmp / "raw", tmp / "state")
    web.fetch()
    earlier = web.snapshots()
    code = web.fetch(*(faults.base + path for path in FAULT_PATHS))
    entries = [entry for entry in web.log() if entry["host"] == faults.host]
    by_path: dict[str, list[dict]] = {}
    for entry in entries:
        by_path.setdefault("/" + entry["url"].split("/", 3)[3], []).append(entry)
    yield {"web": web, "earlier": earlier, "code": code, "faults": faults, "by_path": by_path}
    for server in (polisen, kommun, faults):
        server.stop()


def last(crawl: dict, path: str) -> dict:
    return crawl["by_path"][path][-1]


def test_crawl_finishes_and_keeps_everything_stored_before(faulty_crawl: dict) -> None:
    assert faulty_crawl["code"] == 0
    now = faulty_crawl["web"].snapshots()
    for name, content in faulty_crawl["earlier"].items():
        assert now[name] == content


def test_crawl_goes_on_after_the_faults(faulty_crawl: dict) -> None:
    # /last is queued behind every fault on the same host.
    assert last(faulty_crawl, "/last")["outcome"] == "new"


@pytest.mark.parametrize(
    ("path", "outcome", "reason"),
    [
        ("/loop/b", "failed", "redirect_loop"),
        ("/away", "failed", "redirect_disallowed_host"),
        ("/missing", "gone", "http_404"),
        ("/removed", "gone", "http_410"),
        ("/slow", "failed", "timeout"),
        ("/reset", "failed", "connection_error"),
        ("/bomb", "failed", "decompression_bomb"),
        ("/huge", "failed", "too_large"),
        ("/huge-unframed", "failed", "too_large"),
        ("/private/promise", "skipped", "robots_disallowed"),
    ],
)
def test_fault_outcome_is_recorded(faulty_crawl: dict, path: str, outcome: str, reason: str) -> None:
    entry = last(faulty_crawl, path)
    assert (entry["outcome"], entry["reason"]) == (outcome, reason)
    assert entry["snapshot"] is None


def test_redirect_chain_stores_under_first_and_final_url(faulty_crawl: dict) -> None:
    assert [e["status"] for e in faulty_crawl["by_path"]["/chain/start"]] == [301]
    assert [e["status"] for e in faulty_crawl["by_path"]["/chain/mid"]] == [302]
    end = last(faulty_crawl, "/chain/end")
    assert end["outcome"] == "new"
    assert end["origin_url"].endswith("/chain/start")


def test_redirect_to_disallowed_host_is_never_requested(faulty_crawl: dict) -> None:
    entry = last(faulty_crawl, "/away")
    assert entry["final_url"] == "http://disallowed.invalid/promise"
    assert not any(e["host"] == "disallowed.invalid" for e in faulty_crawl["web"].log())


def test_404_and_410_are_not_retried(faulty_crawl: dict) -> None:
    assert len(faulty_crawl["by_path"]["/missing"]) == 1
    assert len(faulty_crawl["by_path"]["/removed"]) == 1
    assert faulty_crawl["faults"].paths().count("/missing") == 1


def test_429_waits_for_retry_after_then_succeeds(faulty_crawl: dict) -> None:
    first, second = faulty_crawl["by_path"]["/busy"]
    assert (first["outcome"], first["status"], first["retry_in_s"]) == ("retry", 429, 1.0)
    assert (second["outcome"], second["attempt"]) == ("new", 2)


def test_500_then_success_is_retried_with_backoff(faulty_crawl: dict) -> None:
    first, second = faulty_crawl["by_path"]["/flaky"]
    assert (first["outcome"], first["reason"]) == ("retry", "http_500")
    assert 0 < first["retry_in_s"] <= 0.05
    assert second["outcome"] == "new"


def test_transient_failures_are_retried_up_to_the_limit(faulty_crawl: dict) -> None:
    for path in ("/slow", "/reset"):
        attempts = faulty_crawl["by_path"][path]
        assert [e["attempt"] for e in attempts] == [1, 2, 3]  # --retries 2
        assert [e["outcome"] for e in attempts] == ["retry", "retry", "failed"]


def test_wrong_declared_charset_is_detected(faulty_crawl: dict) -> None:
    entry = last(faulty_crawl, "/latin")
    assert entry["outcome"] == "new"
    assert entry["encoding"] == "windows-1252"
    sidecar = next(s for s in faulty_crawl["web"].sidecars() if s["final_url"] == entry["url"])
    assert sidecar["encoding"] == "windows-1252"
    assert sidecar["title"] == "Medborgarlöfte i Höör"
    assert "utf-8" in sidecar["note"]


def test_summary_counts_outcomes_and_failures_by_reason(faulty_crawl: dict, capsys) -> None:
    web: FixtureWeb = faulty_crawl["web"]
    faults: FixtureServer = faulty_crawl["faults"]
    capsys.readouterr()
    web.fetch(faults.base + "/missing", faults.base + "/reset", faults.base + "/private/promise")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("fetch summary: new 0, unchanged 8, ")
    assert "gone 1, failed 1, skipped 2" in lines[0]  # with polisen.se's disallowed page
    assert "  failed by reason: connection_error 1" in lines
    assert "  skipped by reason: robots_disallowed 2" in lines
