"""The crawler: sources registry in, immutable snapshots of promise pages and PDFs out.

One asyncio task per host works through that host's queue, so hosts are crawled
concurrently while each host sees at most one request per ``delay`` seconds (10 s for
polisen.se, whose open-data rules ask for that). Everything that can go wrong on the
web is recorded in the fetch log and the crawl goes on: retries with backoff for 429,
5xx, timeouts and broken connections; 404/410 recorded as gone; redirects only within
admitted hosts; bodies capped before and after decompression; robots.txt honoured.

Listing pages (the polisen.se index, county folders, event pages given as entry points)
are visited for their links and never stored, so ``extract`` only ever sees promise
pages and documents.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from lxml import etree
from lxml import html as lxml_html
from tqdm import tqdm

from pipeline.crawl_state import CrawlItem, CrawlJournal, FetchLog, PageStates
from pipeline.http_safety import (
    ACCEPT_ENCODING,
    DEFAULT_MAX_BODY,
    AddressRefused,
    BodyRefused,
    check_host_address,
    detect_charset,
    read_body,
)
from pipeline.robots import ROBOTS_MAX_BYTES, RobotsRules, rules_from_response, user_agent_token
from pipeline.snapshots import SnapshotStore, sniff_content_type, utc_now
from pipeline.sources import (
    FOLLOWS,
    SAME_SITE_ONLY,
    Registry,
    RegistryError,
    Role,
    Site,
    host_key,
    load_registry,
    normalize_url,
)

DEFAULT_RAW = Path("data/raw")
DEFAULT_STATE = Path("data/fetch")
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "date",
    "cache-control",
)
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay beyond this would stall the crawl
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 508, 509, 520, 521, 522, 524})
GONE_STATUSES = frozenset({404, 410})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
STORED_ROLES: frozenset[Role] = frozenset({"promise", "document"})


@dataclass
class FetchSettings:
    raw_dir: Path = DEFAULT_RAW
    state_dir: Path = DEFAULT_STATE
    extra_urls: list[str] = field(default_factory=list)
    allow_hosts: set[str] = field(default_factory=set)
    delay: float | None = None  # overrides every host's delay when set
    timeout: float = 30.0
    max_body: int = DEFAULT_MAX_BODY
    max_redirects: int = 10
    retries: int = 3
    backoff: float = 2.0
    backoff_cap: float = 120.0
    max_retry_after: float = 900.0
    max_depth: int = 8
    restart: bool = False
    progress: bool = True


@dataclass
class Attempt:
    """What one HTTP request gave: a response, or the reason it failed."""

    status: int | None = None
    headers: httpx.Headers | None = None
    body: bytes | None = None
    reason: str | None = None
    detail: str | None = None
    transient: bool = False
    attempt: int = 1
    elapsed_ms: int = 0
    fetched_at: str = ""
    conditional: bool = False


@dataclass
class HostState:
    key: str
    delay: float
    queue: deque[CrawlItem] = field(default_factory=deque)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    next_allowed: float = 0.0
    robots: RobotsRules | None = None
    refused: str | None = None  # why the host may not be contacted at all
    checked: bool = False
    bar: Any = None
    queued: int = 0
    finished: int = 0


class CrawlSummary(Counter):
    """Counts by outcome plus failures and skips by reason."""

    def lines(self) -> list[str]:
        outcomes = ("new", "unchanged", "visited", "redirect", "gone", "failed", "skipped")
        parts = [f"{name} {self[name]}" for name in outcomes]
        lines = ["fetch summary: " + ", ".join(parts) + f"; retries {self['retry']}"]
        for kind in ("failed", "skipped"):
            reasons = sorted(
                (key.split(":", 1)[1], count) for key, count in self.items() if key.startswith(f"{kind}:")
            )
            if reasons:
                lines.append(f"  {kind} by reason: " + ", ".join(f"{r} {c}" for r, c in reasons))
        return lines


class Crawler:
    def __init__(self, registry: Registry, settings: FetchSettings):
        self.registry = registry
        self.settings = settings
        self.store = SnapshotStore(settings.raw_dir)
        self.user_agent = registry.user_agent
        self.robots_agent = user_agent_token(registry.user_agent)
        self.hosts: dict[str, HostState] = {}
        self.seen: set[str] = set()
        self.summary = CrawlSummary()
        self.pending = 0
        self.run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        self._all_done = asyncio.Event()
        self._workers: list[asyncio.Task[None]] = []
        self._client: httpx.AsyncClient | None = None
        self.journal = CrawlJournal(settings.state_dir)
        self.pages = PageStates(settings.state_dir)
        self.log = FetchLog(settings.state_dir / "fetch_log.jsonl")
        self.resumed_from: int = 0

    # --- set-up ----------------------------------------------------------------------------

    def seeds(self) -> list[CrawlItem]:
        items: list[CrawlItem] = []
        for site in self.registry.sites:
            for url in site.entry_points:
                items.append(CrawlItem(url, entry_role(site, url), site.name))
        for raw in self.settings.extra_urls:
            url = normalize_url(raw)
            if url is None:
                raise RegistryError(f"command line: {raw!r} is not an http(s) URL")
            site = self.site_for(url)
            if site is None:
                raise RegistryError(
                    f"command line: {url} is on host {host_key(url)}, which the registry "
                    "does not list; admit it with --allow-host"
                )
            items.append(CrawlItem(url, entry_role(site, url), site.name))
        return items

    def site_for(self, url: str) -> Site | None:
        site = self.registry.site_for(url)
        if site is not None:
            return site
        return self.registry.ad_hoc_site(url) if self.admitted(url) else None

    def site_named(self, name: str, url: str) -> Site:
        for site in self.registry.sites:
            if site.name == name:
                return site
        return self.registry.ad_hoc_site(url)

    def admitted(self, url: str) -> bool:
        """Hosts given with --allow-host, with or without their port."""
        parts = urlsplit(url)
        return host_key(url) in self.settings.allow_hosts or (
            (parts.hostname or "").lower() in self.settings.allow_hosts
        )

    def allowed(self, url: str) -> bool:
        return self.registry.site_for(url) is not None or self.admitted(url)

    # --- the crawl ---------------------------------------------------------------------------

    async def run(self) -> CrawlSummary:
        seeds = self.seeds()
        resume = None if self.settings.restart else self.journal.unfinished()
        if resume is not None:
            self.run_id = resume.run_id
            self.seen = set(resume.seen)
            self.resumed_from = resume.done
        self.journal.start(self.run_id, resume=resume is not None)
        timeout = httpx.Timeout(self.settings.timeout)
        headers = {
            "User-Agent": self.user_agent,
            "Accept-Encoding": ACCEPT_ENCODING,
            "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5",
            "Accept-Language": "sv,en;q=0.5",
        }
        async with httpx.AsyncClient(
            timeout=timeout, headers=headers, follow_redirects=False, trust_env=False
        ) as client:
            self._client = client
            if resume is not None:
                for item in resume.pending:
                    self._queue(item)
            for item in seeds:
                self.enqueue(item)
            if self.pending == 0:
                self._all_done.set()
            try:
                await self._all_done.wait()
            finally:
                for worker in self._workers:
                    worker.cancel()
                await asyncio.gather(*self._workers, return_exceptions=True)
                for host in self.hosts.values():
                    if host.bar is not None:
                        host.bar.close()
        self.journal.finish()
        self.pages.compact()
        self.pages.close()
        self.log.close()
        return self.summary

    def close(self) -> None:
        """Release files after an interrupted crawl; the journal stays unfinished."""
        self.journal.close()
        self.pages.close()
        self.log.close()

    def enqueue(self, item: CrawlItem, *, front: bool = False) -> bool:
        if item.url in self.seen:
            return False
        self.seen.add(item.url)
        self.journal.queued(item)
        self._queue(item, front=front)
        return True

    def _queue(self, item: CrawlItem, *, front: bool = False) -> None:
        host = self._host(host_key(item.url), item)
        if front:
            host.queue.appendleft(item)
        else:
            host.queue.append(item)
        host.queued += 1
        if host.bar is not None:
            host.bar.total = host.queued
            host.bar.refresh()
        self.pending += 1
        host.wake.set()

    def _host(self, key: str, item: CrawlItem) -> HostState:
        host = self.hosts.get(key)
        if host is not None:
            return host
        site = self.registry.site_for(item.url)
        delay = self.settings.delay
        if delay is None:
            delay = site.delay if site is not None else self.registry.default_delay
        host = HostState(key=key, delay=delay)
        if self.settings.progress:
            host.bar = tqdm(
                total=0, desc=key, unit="url", position=len(self.hosts), leave=True, file=sys.stderr
            )
        self.hosts[key] = host
        self._workers.append(asyncio.create_task(self._work(host), name=f"host {key}"))
        return host

    async def _work(self, host: HostState) -> None:
        while True:
            while not host.queue:
                host.wake.clear()
                await host.wake.wait()
            item = host.queue.popleft()
            try:
                outcome = await self.process(host, item)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # one bad page must not end the crawl
                outcome = "failed"
                self.record(
                    item,
                    Attempt(reason="internal_error", detail=f"{type(exc).__name__}: {exc}"),
                    "failed",
                )
            self.journal.done(item.url, outcome)
            host.finished += 1
            if host.bar is not None:
                host.bar.update(1)
                host.bar.set_postfix_str(f"{outcome}", refresh=False)
            self.pending -= 1
            if self.pending == 0:
                self._all_done.set()

    # --- one URL -----------------------------------------------------------------------------

    async def process(self, host: HostState, item: CrawlItem) -> str:
        refusal = await self._check_host(host, item.url)
        if refusal is not None:
            return self.record(item, Attempt(reason="private_address", detail=refusal), "skipped")
        if host.robots is None:
            host.robots = await self._load_robots(host, item)
        if not host.robots.allows(item.url, self.robots_agent):
            reason = "robots_disallowed" if host.robots.status == "parsed" else "robots_unavailable"
            return self.record(item, Attempt(reason=reason, detail=host.robots.detail), "skipped")
        state = self.pages.get(item.url)
        conditional = self._validators(state, item.role)
        attempt = await self.request(host, item, conditional)
        return self.conclude(item, attempt, state)

    def conclude(self, item: CrawlItem, attempt: Attempt, state: dict[str, Any] | None) -> str:
        status = attempt.status
        if status is None:
            return self.record(item, attempt, "failed")
        if status in REDIRECT_STATUSES:
            return self.follow_redirect(item, attempt)
        if status == 304:
            if not attempt.conditional or state is None:
                attempt.reason = "unexpected_304"
                return self.record(item, attempt, "failed")
            return self.unchanged(item, attempt, state)
        if status in GONE_STATUSES:
            attempt.reason = f"http_{status}"
            self.pages.update(item.url, gone=status, last_seen=attempt.fetched_at)
            return self.record(item, attempt, "gone")
        if 200 <= status < 300 and attempt.body is not None:
            return self.received(item, attempt)
        attempt.reason = attempt.reason or f"http_{status}"
        return self.record(item, attempt, "failed")

    def received(self, item: CrawlItem, attempt: Attempt) -> str:
        assert attempt.body is not None and attempt.headers is not None
        body = attempt.body
        if not body.strip():
            attempt.reason = "empty_body"
            return self.record(item, attempt, "failed")
        declared_type = attempt.headers.get("content-type")
        kind = sniff_content_type(body, declared_type or item.url)
        site = self.site_named(item.site, item.url)
        charset = detect_charset(body, declared_type) if kind != "pdf" else None
        links: list[str] = []
        title: str | None = None
        if kind == "html":
            links, title = page_links(body, item.url, charset.encoding if charset else "utf-8")
        role: Role = item.role
        if role == "promise" and is_folder(site, item.url, links):
            role = "index"
            attempt.detail = "county folder: links to deeper promise pages"
        if role == "document" and kind != "pdf":
            role = "page"
            attempt.detail = f"a document link answered {kind}, not a PDF"
        validators = _validators_of(attempt.headers)
        if role not in STORED_ROLES:
            self.pages.update(item.url, role=role, links=links, last_seen=attempt.fetched_at, **validators)
            self.follow(item, site, role, links)
            return self.record(item, attempt, "visited", role=role)
        note = None
        if charset is not None and charset.mismatch:
            note = f"declared charset {charset.declared} does not fit the bytes; read as {charset.encoding}"
        snapshot, created = self.store.put(
            body,
            url=item.origin_url,
            site=site.name,
            content_type=declared_type or item.url,
            final_url=item.url,
            status=attempt.status,
            encoding=charset.encoding if charset else None,
            headers={k: v for k, v in attempt.headers.items() if k.lower() in KEPT_HEADERS},
            publisher=site.publisher,
            title=title,
            kommunkod=site.kommunkod,
            fetched_at=attempt.fetched_at,
            note=note,
        )
        stored = Path(snapshot.path)
        self.pages.update(
            item.url,
            role=role,
            links=links,
            sha256=snapshot.sha256,
            snapshot=snapshot.path,
            snapshot_file=_relative_to(stored, self.settings.raw_dir),
            last_seen=attempt.fetched_at,
            **validators,
        )
        self.follow(item, site, role, links)
        outcome = "new" if created else "unchanged"
        return self.record(
            item,
            attempt,
            outcome,
            role=role,
            snapshot=snapshot.path,
            sha256=snapshot.sha256,
            content_type=snapshot.content_type,
            encoding=snapshot.encoding,
        )

    def unchanged(self, item: CrawlItem, attempt: Attempt, state: dict[str, Any]) -> str:
        site = self.site_named(item.site, item.url)
        role: Role = state.get("role") or item.role
        self.pages.update(item.url, last_seen=attempt.fetched_at)
        self.follow(item, site, role, list(state.get("links") or []))
        return self.record(
            item,
            attempt,
            "unchanged" if role in STORED_ROLES else "visited",
            role=role,
            snapshot=state.get("snapshot"),
            sha256=state.get("sha256"),
        )

    def follow_redirect(self, item: CrawlItem, attempt: Attempt) -> str:
        assert attempt.headers is not None
        location = attempt.headers.get("location")
        target = normalize_url(location, base=item.url) if location else None
        chain = [*item.chain, item.url]
        if target is None:
            attempt.reason, attempt.detail = "bad_redirect", f"Location {location!r}"
            return self.record(item, attempt, "failed")
        if target in chain:
            attempt.reason, attempt.detail = "redirect_loop", f"back to {target}"
            return self.record(item, attempt, "failed", final_url=target)
        if len(chain) > self.settings.max_redirects:
            attempt.reason = "too_many_redirects"
            return self.record(item, attempt, "failed", final_url=target)
        if not self.allowed(target):
            attempt.reason, attempt.detail = "redirect_disallowed_host", f"to {host_key(target)}"
            return self.record(item, attempt, "failed", final_url=target)
        target_site = self.site_for(target)
        role = (target_site.profile.role_of(target) if target_site else None) or item.role
        registered = target_site is not None and target_site.name in self._site_names()
        site_name = target_site.name if target_site and registered else item.site
        queued = self.enqueue(
            CrawlItem(
                target,
                role,
                site_name,
                depth=item.depth,
                referrer=item.referrer,
                origin=item.origin_url,
                chain=chain,
            ),
            front=True,
        )
        if not queued:
            attempt.detail = "target already known in this crawl"
        return self.record(item, attempt, "redirect", final_url=target)

    def _site_names(self) -> set[str]:
        return {site.name for site in self.registry.sites}

    def follow(self, item: CrawlItem, site: Site, role: Role, links: list[str]) -> None:
        """Queue the links a page of ``role`` leads to, by the rules of each link's site."""
        wanted = FOLLOWS[role]
        if not wanted or item.depth >= self.settings.max_depth:
            return
        for link in links:
            target_site = self.site_for(link)
            if target_site is None:
                continue
            link_role = target_site.profile.role_of(link)
            if link_role is None or link_role not in wanted:
                continue
            if link_role in SAME_SITE_ONLY and target_site.name != site.name:
                continue
            registered = target_site.name in self._site_names()
            # A PDF on a host the registry does not list belongs to the page linking it.
            owner = target_site.name if registered else site.name
            self.enqueue(CrawlItem(link, link_role, owner, depth=item.depth + 1, referrer=item.url))

    # --- HTTP --------------------------------------------------------------------------------

    async def _check_host(self, host: HostState, url: str) -> str | None:
        if not host.checked:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
            try:
                await check_host_address(parts.hostname or "", port, allow_private=self.admitted(url))
            except AddressRefused as exc:
                host.refused = str(exc)
            host.checked = True
        return host.refused

    async def _load_robots(self, host: HostState, item: CrawlItem) -> RobotsRules:
        parts = urlsplit(item.url)
        robots_url = f"{parts.scheme}://{host.key}/robots.txt"
        robots_item = CrawlItem(robots_url, "page", item.site)
        attempt = await self.request(host, robots_item, {}, max_body=ROBOTS_MAX_BYTES)
        for _ in range(5):  # RFC 9309: follow at least five redirects, here on the same host
            location = attempt.headers.get("location") if attempt.headers else None
            target = normalize_url(location, base=robots_item.url) if location else None
            if attempt.status not in REDIRECT_STATUSES or not target:
                break
            self.record(robots_item, attempt, "redirect", role="robots", final_url=target)
            if host_key(target) != host.key:
                attempt = Attempt(status=404, detail="robots.txt redirects off the host")
                break
            robots_item = CrawlItem(target, "page", item.site)
            attempt = await self.request(host, robots_item, {}, max_body=ROBOTS_MAX_BYTES)
        if attempt.reason == "too_large":
            # An oversized robots.txt is read as empty rather than stalling the host.
            attempt.status, attempt.body = 200, b""
        rules = rules_from_response(host.key, attempt.status, attempt.body)
        outcome = {"parsed": "visited", "absent": "gone", "unavailable": "failed"}[rules.status]
        if rules.status == "unavailable":
            attempt.reason = attempt.reason or f"http_{attempt.status}"
        self.record(robots_item, attempt, outcome, role="robots")
        crawl_delay = rules.crawl_delay(self.robots_agent)
        if crawl_delay is not None:
            host.delay = max(host.delay, min(crawl_delay, MAX_CRAWL_DELAY))
        return rules

    def _validators(self, state: dict[str, Any] | None, role: Role) -> dict[str, str]:
        """Conditional headers, sent only when a 304 leaves us with all we need."""
        if not state or state.get("gone"):
            return {}
        if state.get("role", role) in STORED_ROLES:
            stored = state.get("snapshot_file")
            if not stored or not (self.settings.raw_dir / stored).exists():
                return {}
        headers: dict[str, str] = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
        return headers

    async def request(
        self,
        host: HostState,
        item: CrawlItem,
        conditional: dict[str, str],
        *,
        max_body: int | None = None,
    ) -> Attempt:
        """GET with politeness and retries; every retried attempt is logged here."""
        attempt_no = 0
        while True:
            attempt_no += 1
            await self._polite_turn(host)
            limit = max_body or self.settings.max_body
            attempt = await self._get_once(item.url, conditional, limit)
            attempt.attempt = attempt_no
            attempt.conditional = bool(conditional)
            if not attempt.transient or attempt_no > self.settings.retries:
                return attempt
            wait = self._retry_wait(attempt, attempt_no)
            if wait is None:
                attempt.detail = (attempt.detail or "") + " Retry-After beyond the limit"
                return attempt
            self.record(item, attempt, "retry", retry_in_s=round(wait, 3))
            host.next_allowed = max(host.next_allowed, time.monotonic() + wait)

    async def _polite_turn(self, host: HostState) -> None:
        wait = host.next_allowed - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        # Measured from the start of one request to the start of the next.
        host.next_allowed = time.monotonic() + host.delay

    def _retry_wait(self, attempt: Attempt, attempt_no: int) -> float | None:
        retry_after = _retry_after_seconds(attempt.headers)
        if retry_after is not None:
            if retry_after > self.settings.max_retry_after:
                return None
            return retry_after
        ceiling = min(self.settings.backoff_cap, self.settings.backoff * 2 ** (attempt_no - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    async def _get_once(self, url: str, conditional: dict[str, str], max_body: int) -> Attempt:
        assert self._client is not None
        started = time.monotonic()
        fetched_at = utc_now()
        attempt = Attempt(fetched_at=fetched_at)
        try:
            async with asyncio.timeout(self.settings.timeout * 4):
                async with self._client.stream("GET", url, headers=conditional) as response:
                    attempt.status = response.status_code
                    attempt.headers = response.headers
                    if 200 <= response.status_code < 300:
                        attempt.body = await self._read(response, max_body)
        except BodyRefused as exc:
            attempt.reason, attempt.detail, attempt.body = exc.reason, str(exc), None
        except (httpx.TimeoutException, TimeoutError) as exc:
            attempt.status = None
            attempt.reason, attempt.detail, attempt.transient = "timeout", type(exc).__name__, True
        except httpx.TransportError as exc:
            attempt.status = None
            attempt.reason, attempt.transient = "connection_error", True
            attempt.detail = f"{type(exc).__name__}: {exc}"[:300]
        attempt.elapsed_ms = round((time.monotonic() - started) * 1000)
        if attempt.status in TRANSIENT_STATUSES:
            attempt.transient = True
            attempt.reason = f"http_{attempt.status}"
        return attempt

    async def _read(self, response: httpx.Response, max_body: int) -> bytes:
        length = response.headers.get("content-length")
        declared = int(length) if length and length.isdigit() else None
        body = await read_body(
            response.aiter_raw(),
            content_encoding=response.headers.get("content-encoding", ""),
            declared_length=declared,
            max_body=max_body,
        )
        return body.content

    # --- records -----------------------------------------------------------------------------

    def record(self, item: CrawlItem, attempt: Attempt, outcome: str, **extra: Any) -> str:
        """Append one attempt to the fetch log and count it; returns the outcome."""
        body = attempt.body
        entry: dict[str, Any] = {
            "run_id": self.run_id,
            "url": item.url,
            "origin_url": item.origin_url,
            "final_url": item.url if attempt.status is not None else None,
            "host": host_key(item.url),
            "site": item.site,
            "role": item.role,
            "status": attempt.status,
            "outcome": outcome,
            "reason": attempt.reason if outcome not in {"new", "unchanged", "visited"} else None,
            "detail": attempt.detail,
            "snapshot": None,
            "sha256": None,
            "attempt": attempt.attempt,
            "conditional": attempt.conditional,
            "bytes": len(body) if body is not None else None,
            "content_type": attempt.headers.get("content-type") if attempt.headers else None,
            "encoding": None,
            "fetched_at": attempt.fetched_at or utc_now(),
            "elapsed_ms": attempt.elapsed_ms,
            "referrer": item.referrer,
        }
        entry.update(extra)
        self.log.write(entry)
        if entry["role"] == "robots":
            # robots.txt answers are logged like any attempt but are not pages.
            self.summary[f"robots:{outcome}"] += 1
            return outcome
        self.summary[outcome] += 1
        if outcome in {"failed", "skipped", "gone"} and entry["reason"]:
            self.summary[f"{outcome}:{entry['reason']}"] += 1
        return outcome


def entry_role(site: Site, url: str) -> Role:
    """An entry point's role: by the link rules, else a declared promise page or a page."""
    role = site.profile.role_of(url)
    if role is not None:
        return role
    return "promise" if site.declares_pages else "page"


def is_folder(site: Site, url: str, links: list[str]) -> bool:
    """A promise-path page that links to deeper promise paths is a county folder."""
    if not site.profile.rules.get("promise"):
        return False
    base = urlsplit(url)
    prefix = base.path.rstrip("/") + "/"
    for link in links:
        parts = urlsplit(link)
        if parts.netloc != base.netloc or not parts.path.startswith(prefix):
            continue
        if parts.path.rstrip("/") != base.path.rstrip("/") and site.profile.is_promise_path(link):
            return True
    return False


def page_links(content: bytes, url: str, encoding: str) -> tuple[list[str], str | None]:
    """Absolute http(s) links of an HTML page, in document order, and its title."""
    try:
        parser = lxml_html.HTMLParser(encoding=encoding)
        tree = lxml_html.document_fromstring(content, parser=parser)
    except (etree.ParserError, ValueError, LookupError):
        return [], None
    base = url
    for href in tree.xpath("//base/@href")[:1]:
        base = normalize_url(str(href), base=url) or url
    links: list[str] = []
    known: set[str] = set()
    for href in tree.xpath("//a/@href | //area/@href"):
        link = normalize_url(str(href), base=base)
        if link and link not in known:
            known.add(link)
            links.append(link)
    return links, _title_of(tree)


def _title_of(tree: lxml_html.HtmlElement) -> str | None:
    for xpath in ("//*[@id='main-content']//h1", "//h1", "//title"):
        for element in tree.xpath(xpath)[:1]:
            text = " ".join(element.text_content().split())
            if text:
                return text
    return None


def _validators_of(headers: httpx.Headers) -> dict[str, str | None]:
    return {"etag": headers.get("etag"), "last_modified": headers.get("last-modified")}


def _retry_after_seconds(headers: httpx.Headers | None) -> float | None:
    value = headers.get("retry-after") if headers else None
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _relative_to(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- command line ----------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("urls", nargs="*", metavar="URL", help="extra entry points")
    parser.add_argument("--sources", type=Path, default=None, help="sources registry (YAML)")
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="snapshot folder")
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=DEFAULT_STATE,
        help="fetch log, crawl journal and validators (default data/fetch)",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="admit a host the registry does not list (also admits its private address)",
    )
    parser.add_argument("--delay", type=float, default=None, help="seconds between requests to one host")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per network phase")
    parser.add_argument("--retries", type=int, default=3, help="retries of a transient failure")
    parser.add_argument("--backoff", type=float, default=2.0, help="first backoff in seconds")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BODY, help="largest body kept")
    parser.add_argument("--max-redirects", type=int, default=10, help="redirect hop limit")
    parser.add_argument("--max-depth", type=int, default=8, help="link depth from the entry points")
    parser.add_argument("--restart", action="store_true", help="discard an unfinished crawl")
    parser.add_argument("--no-progress", action="store_true", help="no live progress bars")


def settings_from_args(args: argparse.Namespace) -> FetchSettings:
    return FetchSettings(
        raw_dir=args.raw,
        state_dir=args.state_dir,
        extra_urls=list(args.urls),
        allow_hosts={host.lower() for host in args.allow_host},
        delay=args.delay,
        timeout=args.timeout,
        retries=args.retries,
        backoff=args.backoff,
        max_body=args.max_bytes,
        max_redirects=args.max_redirects,
        max_depth=args.max_depth,
        restart=args.restart,
        progress=not args.no_progress,
    )


def crawl(registry: Registry, settings: FetchSettings) -> CrawlSummary:
    """Run one crawl to its end (or resume the unfinished one)."""
    crawler = Crawler(registry, settings)
    try:
        return asyncio.run(crawler.run())
    except BaseException:
        crawler.close()
        raise


def run(args: argparse.Namespace) -> int:
    try:
        registry = load_registry(args.sources)
    except RegistryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    settings = settings_from_args(args)
    try:
        summary = crawl(registry, settings)
    except RegistryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("fetch interrupted; run it again to resume where it stopped", file=sys.stderr)
        return 130
    for line in summary.lines():
        print(line)
    print(f"fetch log: {settings.state_dir / 'fetch_log.jsonl'}")
    return 0
