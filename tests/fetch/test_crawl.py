"""The crawler against real HTTP servers on 127.0.0.1 shaped like polisen.se and SiteVision."""

from __future__ import annotations

import json
from collections import Counter

from tests.fetch.fixture_server import Page
from tests.fetch.fixture_sites import (
    ARBOGA,
    BASTAD,
    EVENT,
    FOLDER,
    HIDDEN,
    INDEX,
    KOMMUN_PAGE,
    KOMMUN_PDF,
    METHOD_PDF,
    VAGGERYD_POLICE,
    VANERSBORG,
    VANERSBORG_PDF,
    VASTERAS,
    VASTERAS_OLD,
)
from tests.fetch.harness import FixtureWeb

STORED_POLISEN = {ARBOGA, VASTERAS, BASTAD, VANERSBORG, VANERSBORG_PDF, VAGGERYD_POLICE}
STORED_KOMMUN = {KOMMUN_PAGE, KOMMUN_PDF}


def _by_path(entries: list[dict], outcome: str | None = None) -> dict[str, dict]:
    return {
        "/" + entry["url"].split("/", 3)[3]: entry
        for entry in entries
        if outcome is None or entry["outcome"] == outcome
    }


def test_first_crawl_stores_promise_pages_and_pdfs_only(web: FixtureWeb) -> None:
    assert web.fetch(web.polisen.base + EVENT) == 0

    stored = {sidecar["final_url"] for sidecar in web.sidecars()}
    expected = {web.polisen.base + p for p in STORED_POLISEN}
    expected |= {web.kommun.base + p for p in STORED_KOMMUN}
    assert stored == expected

    visited = _by_path(web.log(), "visited")
    for listing in (INDEX, FOLDER, EVENT, INDEX + "?lpfm.loc=Sk%C3%A5ne+l%C3%A4n"):
        assert visited[listing]["snapshot"] is None
    assert visited[FOLDER]["role"] == "index"  # a promise-shaped path that is a county folder
    assert visited[EVENT]["role"] == "page"  # the standard box does not make it a promise


def test_discovery_follows_only_the_link_rules(web: FixtureWeb) -> None:
    web.fetch()
    asked = set(web.polisen.paths())
    assert METHOD_PDF not in asked  # a PDF on the index is not a promise document
    assert "/om-polisen/medborgarloften/bastad/?print=1" not in asked
    assert INDEX + "?lpfm.loc=Sk%C3%A5ne+l%C3%A4n&sort=desc" not in asked
    assert EVENT not in asked  # municipality links to polisen.se are followed to promises only
    assert "/kontakt.html" not in web.kommun.paths()
    assert VAGGERYD_POLICE in asked  # ...and to polisen.se promise pages


def test_sidecars_name_url_final_url_and_provenance(web: FixtureWeb) -> None:
    web.fetch()
    by_final = {sidecar["final_url"]: sidecar for sidecar in web.sidecars()}
    arboga = by_final[web.polisen.base + ARBOGA]
    assert arboga["status"] == 200
    assert arboga["publisher"] == "police"
    assert arboga["site"] == "polisen.se"
    assert arboga["title"] == "Arboga – medborgarlöften"
    assert arboga["encoding"] == "utf-8"
    assert arboga["headers"]["etag"]
    assert arboga["fetched_at"].endswith("Z")
    kommun_pdf = by_final[web.kommun.base + KOMMUN_PDF]
    assert kommun_pdf["content_type"] == "pdf"
    assert kommun_pdf["kommunkod"] == "0665"
    assert kommun_pdf["publisher"] == "municipality"
    for sidecar in web.sidecars():
        assert sidecar["url"] and sidecar["sha256"]


def test_redirect_chain_is_followed_and_recorded(web: FixtureWeb) -> None:
    web.polisen.routes[FOLDER] = Page(b"<html><body><h1>Tom mapp</h1></body></html>")
    web.fetch()
    entries = _by_path(web.log())
    assert entries[VASTERAS_OLD]["outcome"] == "redirect"
    assert entries[VASTERAS_OLD]["status"] == 301
    final = entries[VASTERAS]
    assert final["outcome"] == "new"
    assert final["origin_url"] == web.polisen.base + VASTERAS_OLD
    sidecar = json.loads((web.raw / "polisen.se").glob("vasteras.*.meta.json").__next__().read_text())
    assert sidecar["url"] == web.polisen.base + VASTERAS_OLD
    assert sidecar["final_url"] == web.polisen.base + VASTERAS


def test_robots_disallow_is_honoured(web: FixtureWeb) -> None:
    web.fetch()
    assert HIDDEN not in web.polisen.paths()
    skipped = _by_path(web.log(), "skipped")
    assert skipped[HIDDEN]["reason"] == "robots_disallowed"
    agents = {seen.headers.get("User-Agent") for seen in web.polisen.requests}
    assert agents == {"medborgarloften-test/0.1 (+https://example.invalid/contact)"}


def test_second_crawl_sends_conditional_requests_and_adds_nothing(web: FixtureWeb) -> None:
    web.fetch()
    before = web.snapshots()
    first_requests = len(web.polisen.requests)

    web.fetch()
    assert web.snapshots() == before
    second = web.polisen.requests[first_requests:]
    revalidated = [seen for seen in second if "If-None-Match" in seen.headers]
    assert {seen.path for seen in revalidated} >= STORED_POLISEN | {INDEX, FOLDER}
    assert all("If-Modified-Since" in seen.headers for seen in revalidated)
    run_ids = [entry["run_id"] for entry in web.log()]
    last_run = [entry for entry in web.log() if entry["run_id"] == run_ids[-1]]
    outcomes = Counter(entry["outcome"] for entry in last_run if entry["role"] != "robots")
    assert outcomes["new"] == 0
    assert outcomes["unchanged"] == len(STORED_POLISEN | STORED_KOMMUN)
    assert all(entry["status"] == 304 for entry in last_run if entry["outcome"] == "unchanged")


def test_changed_page_adds_exactly_one_snapshot_and_keeps_the_old(web: FixtureWeb) -> None:
    web.fetch()
    before = web.snapshots()
    old = web.polisen.routes[ARBOGA]
    assert isinstance(old, Page)
    web.polisen.routes[ARBOGA] = Page(old.body.replace(b"2024", b"2025"))

    web.fetch()
    after = web.snapshots()
    added = set(after) - set(before)
    assert len(added) == 1
    assert next(iter(added)).startswith("polisen.se/arboga.")
    assert all(after[name] == content for name, content in before.items())
    arboga_years = [sidecar for sidecar in web.sidecars() if sidecar["final_url"].endswith(ARBOGA)]
    assert len(arboga_years) == 2


def test_unchanged_bytes_without_validators_add_no_snapshot(web: FixtureWeb) -> None:
    for path in STORED_POLISEN:
        route = web.polisen.routes[path]
        assert isinstance(route, Page)
        route.validators = False
    web.fetch()
    before = web.snapshots()
    web.fetch()
    assert web.snapshots() == before
    last = [entry for entry in web.log() if entry["url"].endswith(BASTAD)][-1]
    assert last["outcome"] == "unchanged" and last["status"] == 200


def test_loopback_is_refused_unless_admitted(web: FixtureWeb) -> None:
    from pipeline.cli import main as cli_main

    code = cli_main(["fetch", *web.where(), "--delay", "0", "--no-progress"])
    assert code == 0
    assert web.polisen.requests == [] and web.kommun.requests == []
    reasons = {entry["reason"] for entry in web.log()}
    assert reasons == {"private_address"}
    assert web.snapshots() == {}


def test_command_line_url_on_an_unlisted_host_is_a_clear_error(web: FixtureWeb, capsys) -> None:
    from pipeline.cli import main as cli_main

    code = cli_main(["fetch", "http://127.0.0.1:9/x", *web.where(), "--no-progress"])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: command line: http://127.0.0.1:9/x")
    assert "--allow-host" in err and len(err.splitlines()) == 1


def test_fetch_log_fields(web: FixtureWeb) -> None:
    web.fetch()
    required = {
        "url",
        "final_url",
        "host",
        "status",
        "outcome",
        "reason",
        "snapshot",
        "sha256",
        "attempt",
        "fetched_at",
        "elapsed_ms",
        "run_id",
        "role",
        "origin_url",
    }
    for entry in web.log():
        assert required <= set(entry)
        assert entry["host"] in {web.polisen.host, web.kommun.host}
    new = [entry for entry in web.log() if entry["outcome"] == "new"]
    assert all(entry["snapshot"] and len(entry["sha256"]) == 64 for entry in new)
