"""Guards between the crawler and an untrusted web server.

A response body is read raw and decompressed here, not by httpx, so that a size cap
holds for the decompressed bytes too: a few kilobytes of gzip can expand to gigabytes.
Hosts that resolve to loopback or private addresses are refused unless admitted.
"""

from __future__ import annotations

import asyncio
import codecs
import ipaddress
import re
import socket
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

DEFAULT_MAX_BODY = 25 * 1024 * 1024
# HTML rarely compresses past 20:1; a body that inflates far beyond that and past a
# megabyte is a bomb, not a page.
MAX_COMPRESSION_RATIO = 200
BOMB_FLOOR = 1024 * 1024
ACCEPT_ENCODING = "gzip, deflate"

ENCODING_LABELS = {"cp1252": "windows-1252", "utf-8-sig": "utf-8", "latin-1": "iso-8859-1"}


class BodyRefused(Exception):
    """The body was not read to the end; ``reason`` is a fetch-log reason code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


class AddressRefused(Exception):
    """The host resolves to an address the crawl may not contact."""


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


async def check_host_address(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Resolve ``host`` and refuse it when any address is non-public and not admitted."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise AddressRefused(f"{host} does not resolve ({exc.strerror})") from exc
    addresses = sorted({info[4][0] for info in infos})
    if not allow_private:
        private = [address for address in addresses if not is_public_address(address)]
        if private:
            raise AddressRefused(f"{host} resolves to non-public address {private[0]}")
    return addresses


@dataclass
class Body:
    content: bytes
    raw_size: int


class _Decoder:
    """Incremental decoder for one Content-Encoding that never inflates past ``limit``."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        if encoding in {"gzip", "x-gzip"}:
            self._inflater: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            # Servers send deflate both zlib-wrapped and raw; wbits 32+ detects zlib/gzip.
            self._inflater = zlib.decompressobj(32 + zlib.MAX_WBITS)
            self._raw_fallback = True
        elif encoding in {"", "identity"}:
            self._inflater = None
        else:
            raise BodyRefused("unsupported_encoding", f"unsupported Content-Encoding {encoding!r}")

    def feed(self, chunk: bytes, limit: int) -> bytes:
        if self._inflater is None:
            return chunk
        try:
            out = self._inflater.decompress(chunk, limit + 1)
        except zlib.error as exc:
            if self.encoding == "deflate" and getattr(self, "_raw_fallback", False):
                self._raw_fallback = False
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.feed(chunk, limit)
            raise BodyRefused("bad_encoding", f"corrupt {self.encoding} body ({exc})") from exc
        self._raw_fallback = False
        # Output stops at limit + 1 bytes, so an oversized body shows as size > limit
        # without ever being inflated in full.
        return out

    def flush(self) -> bytes:
        return self._inflater.flush() if self._inflater is not None else b""


async def read_body(
    chunks: AsyncIterator[bytes],
    *,
    content_encoding: str,
    declared_length: int | None,
    max_body: int,
) -> Body:
    """Read a raw byte stream, decompressing it under the size and ratio caps."""
    encodings = [part.strip().lower() for part in content_encoding.split(",") if part.strip()]
    encodings = [part for part in encodings if part != "identity"]
    if len(encodings) > 1:
        raise BodyRefused("unsupported_encoding", f"stacked Content-Encoding {content_encoding!r}")
    decoder = _Decoder(encodings[0] if encodings else "")
    if declared_length is not None and declared_length > max_body:
        raise BodyRefused("too_large", f"declared {declared_length} bytes > limit {max_body}")
    raw_size = 0
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        raw_size += len(chunk)
        if raw_size > max_body:
            raise BodyRefused("too_large", f"body exceeds {max_body} bytes")
        piece = decoder.feed(chunk, max_body - size)
        size += len(piece)
        parts.append(piece)
        _check_inflation(decoder.encoding, size, raw_size, max_body)
    tail = decoder.flush()
    size += len(tail)
    parts.append(tail)
    _check_inflation(decoder.encoding, size, raw_size, max_body)
    return Body(b"".join(parts), raw_size)


def _check_inflation(encoding: str, size: int, raw_size: int, max_body: int) -> None:
    compressed = encoding not in {"", "identity"}
    if size > max_body:
        if compressed:
            raise BodyRefused("decompression_bomb", f"{encoding} body inflates past {max_body} bytes")
        raise BodyRefused("too_large", f"body exceeds {max_body} bytes")
    if compressed and size > BOMB_FLOOR and size > MAX_COMPRESSION_RATIO * max(raw_size, 1):
        raise BodyRefused("decompression_bomb", f"{encoding} body inflates {size // max(raw_size, 1)}:1")


# --- charsets ------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(content_type: str | None, content: bytes) -> str | None:
    """The charset the server or the page claims: the header first, then a <meta> tag."""
    match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    if match:
        return match.group(1)
    meta = _META_CHARSET.search(content[:4096])
    return meta.group(1).decode("ascii") if meta else None


def canonical_encoding(name: str) -> str | None:
    try:
        python_name = codecs.lookup(name).name
    except LookupError:
        return None
    return ENCODING_LABELS.get(python_name, python_name.replace("_", "-"))


@dataclass(frozen=True)
class CharsetFinding:
    encoding: str
    declared: str | None

    @property
    def mismatch(self) -> bool:
        return self.declared is not None and canonical_encoding(self.declared) != self.encoding


def detect_charset(content: bytes, content_type: str | None) -> CharsetFinding:
    """Which charset the bytes are really in.

    Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the label says (the chance of
    windows-1252 text being valid UTF-8 is negligible). Otherwise a declared charset
    that decodes cleanly is kept; failing that, Swedish pages are nearly always
    windows-1252, which charset-normalizer is asked to confirm.
    """
    declared = declared_charset(content_type, content)
    try:
        content.decode("utf-8")
        if not content.isascii() or declared is None:
            return CharsetFinding("utf-8", declared)
    except UnicodeDecodeError:
        pass
    label = canonical_encoding(declared) if declared else None
    if label and label != "utf-8":
        try:
            content.decode(label)
            return CharsetFinding(label, declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if label == "utf-8" or label is None:
        try:
            content.decode("cp1252")
            return CharsetFinding("windows-1252", declared)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(content).best()
    guess = canonical_encoding(best.encoding) if best is not None else None
    return CharsetFinding(guess or "windows-1252", declared)
