"""The crawler's parts on their own: link rules, body guards, charsets, robots.txt."""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pipeline.crawl_bench import crawl_benchmark
from pipeline.http_safety import (
    AddressRefused,
    BodyRefused,
    check_host_address,
    detect_charset,
    is_public_address,
    read_body,
)
from pipeline.robots import rules_from_response, user_agent_token
from pipeline.sources import RegistryError, host_key, load_registry, normalize_url

POLISEN = "https://polisen.se/om-polisen/"


# --- registry and link rules -----------------------------------------------------------------


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize(
    ("url", "role"),
    [
        (POLISEN + "medborgarloften-och-lokal-samverkan/", "index"),
        (POLISEN + "medborgarloften-och-lokal-samverkan/?lpfm.loc=Sk%C3%A5ne+l%C3%A4n", "index"),
        (POLISEN + "medborgarloften-och-lokal-samverkan/?lpfm.loc=X&page=2", None),
        (POLISEN + "medborgarloften/arboga/", "promise"),
        (POLISEN + "medborgarloften-och-lokal-samverkan/medborgarloften/arboga/", "promise"),
        (POLISEN + "medborgarloften-och-lokal-samverkan/medborgarloften/vastmanland/arboga/", "promise"),
        (POLISEN + "medborgarloften/arboga/?print=1", None),
        ("https://polisen.se/aktuellt/handelser/2024/mars/12/brand-arboga/", None),
        ("https://polisen.se/globalassets/dokument/medborgarlofte-2021.pdf", "document"),
    ],
)
def test_polisen_link_rules(registry, url: str, role: str | None) -> None:
    site = registry.site_for(url)
    assert site is not None and site.name == "polisen.se"
    assert site.profile.role_of(url) == role


def test_registry_sites(registry) -> None:
    polisen = registry.site_for("https://www.polisen.se/")
    assert polisen.delay >= 10
    assert len([u for u in polisen.entry_points if "lpfm.loc=" in u]) == 21
    municipalities = [site for site in registry.sites if site.publisher == "municipality"]
    assert municipalities and all(len(site.kommunkod) == 4 for site in municipalities)
    assert "medborgarloften" in registry.user_agent and "+http" in registry.user_agent


def test_sitevision_download_links_are_documents(registry) -> None:
    profile = registry.profiles["sitevision"]
    assert profile.role_of("https://www.x.se/download/18.1a2b3c/1700000000/Lofte.pdf") == "document"
    assert profile.role_of("https://www.x.se/download/18.1a2b3c/1700000000/Lofte") == "document"
    assert profile.role_of("https://www.x.se/kontakt.html") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("sites: [", "not valid YAML"),
        ("sites:\n  - name: x\n    profile: wordpress\n    hosts: [x.se]\n", "unknown profile"),
        ("sites:\n  - name: x\n    kommunkod: 665\n    hosts: [x.se]\n", "kommunkod"),
        ("sites:\n  - name: x\n    entry_points: ['ftp://x.se/a']\n", "not an http(s) URL"),
        ("sites:\n  - name: x\n    delay: soon\n    hosts: [x.se]\n", "number of seconds"),
    ],
)
def test_bad_registry_is_named_in_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_urls_are_normalized() -> None:
    assert normalize_url("HTTPS://Polisen.SE:443/a#frag") == "https://polisen.se/a"
    assert normalize_url("../b?x=1", base="http://h:8080/a/c") == "http://h:8080/b?x=1"
    assert normalize_url("mailto:polisen@polisen.se") is None
    assert normalize_url("javascript:void(0)") is None
    assert host_key("http://127.0.0.1:8080/x") == "127.0.0.1:8080"


# --- bodies ----------------------------------------------------------------------------------


async def _chunks(data: bytes, size: int = 16384) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def _read(data: bytes, encoding: str = "", declared: int | None = None, limit: int = 1 << 20):
    return asyncio.run(
        read_body(_chunks(data), content_encoding=encoding, declared_length=declared, max_body=limit)
    )


def test_gzip_and_deflate_bodies_are_decoded() -> None:
    page = "<p>Medborgarlöfte</p>".encode() * 100
    assert _read(gzip.compress(page), "gzip").content == page
    assert _read(zlib.compress(page), "deflate").content == page
    raw_deflate = zlib.compressobj(wbits=-15)
    assert _read(raw_deflate.compress(page) + raw_deflate.flush(), "deflate").content == page


def test_gzip_bomb_is_stopped_without_inflating_it() -> None:
    bomb = gzip.compress(b"\0" * (64 << 20))
    with pytest.raises(BodyRefused) as caught:
        _read(bomb, "gzip", limit=32 << 20)
    assert caught.value.reason == "decompression_bomb"


def test_oversized_bodies_are_refused() -> None:
    with pytest.raises(BodyRefused) as declared:
        _read(b"x", declared=10 << 20)
    assert declared.value.reason == "too_large"
    with pytest.raises(BodyRefused) as streamed:
        _read(b"x" * ((1 << 20) + 1))
    assert streamed.value.reason == "too_large"


def test_unknown_content_encoding_is_refused() -> None:
    with pytest.raises(BodyRefused) as caught:
        _read(b"abc", "br")
    assert caught.value.reason == "unsupported_encoding"


# --- charsets ----------------------------------------------------------------------------------


def test_windows_1252_served_as_utf8_is_detected() -> None:
    found = detect_charset("Trygghet i Höör och Åmål".encode("cp1252"), "text/html; charset=utf-8")
    assert found.encoding == "windows-1252" and found.mismatch


def test_utf8_served_as_latin1_is_detected() -> None:
    found = detect_charset("Medborgarlöfte i Båstad".encode(), "text/html; charset=iso-8859-1")
    assert found.encoding == "utf-8" and found.mismatch


def test_meta_charset_is_read_when_the_header_has_none() -> None:
    page = '<meta charset="windows-1252"><p>Vänersborg</p>'.encode("cp1252")
    found = detect_charset(page, "text/html")
    assert found.encoding == "windows-1252" and not found.mismatch


# --- addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.1", False),
        ("169.254.1.1", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),
        ("193.10.0.1", True),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_loopback_host_is_refused_unless_allowed() -> None:
    with pytest.raises(AddressRefused):
        asyncio.run(check_host_address("127.0.0.1", 80, allow_private=False))
    assert asyncio.run(check_host_address("127.0.0.1", 80, allow_private=True)) == ["127.0.0.1"]


# --- robots.txt --------------------------------------------------------------------------------


def test_robots_wildcards_and_crawl_delay() -> None:
    rules = rules_from_response(
        "polisen.se",
        200,
        b"User-agent: *\nDisallow: /*?print=\nDisallow: /sok/\nCrawl-delay: 12\n"
        b"Sitemap: https://polisen.se/sitemap.xml\n",
    )
    agent = user_agent_token("medborgarloften/0.1 (+https://example.invalid)")
    assert agent == "medborgarloften"
    assert rules.allows("https://polisen.se/om-polisen/medborgarloften/arboga/", agent)
    assert not rules.allows("https://polisen.se/om-polisen/medborgarloften/arboga/?print=1", agent)
    assert not rules.allows("https://polisen.se/sok/?q=x", agent)
    assert rules.crawl_delay(agent) == 12
    assert rules.sitemaps == ["https://polisen.se/sitemap.xml"]


def test_robots_status_meanings() -> None:
    assert rules_from_response("x", 404, None).allows("https://x/a", "bot")
    assert not rules_from_response("x", 503, None).allows("https://x/a", "bot")
    assert not rules_from_response("x", None, None).allows("https://x/a", "bot")


# --- benchmark -------------------------------------------------------------------------------


def test_crawl_benchmark_reports_its_figures() -> None:
    figures = crawl_benchmark(hosts=3, pages_per_host=3, latency_s=0.01, delay_s=0.05)
    assert figures["pages"] == 9
    assert figures["requests"] == 12  # robots.txt once per host
    assert figures["failed"] == 0
    assert figures["politeness_bound_s"] == pytest.approx(0.15)
    assert figures["crawl_bound_ratio"] == pytest.approx(figures["crawl_s"] / 0.15, rel=0.01)
