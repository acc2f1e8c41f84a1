"""A real threaded HTTP server on 127.0.0.1 with scripted routes, for the crawler tests.

Routes are plain data: a page with validators, a redirect, a bare status, a sequence
(one answer per request, the last repeating), a slow answer, a reset connection, a gate
that holds the answer until the test releases it. Every request is recorded with its
headers so tests can see conditional requests and what was never asked for.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    validators: bool = True
    headers: dict[str, str] = field(default_factory=dict)
    modified: float = field(default_factory=lambda: time.time() - 86400)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Redirect:
    location: str
    status: int = 301


@dataclass
class Status:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class Sequence:
    answers: list[object]
    served: int = 0

    def next(self) -> object:
        answer = self.answers[min(self.served, len(self.answers) - 1)]
        self.served += 1
        return answer


@dataclass
class Slow:
    seconds: float
    answer: object


@dataclass
class Reset:
    """Close the connection with a TCP reset before answering."""


@dataclass
class Unframed:
    """A body sent without Content-Length, ended by closing the connection."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"


@dataclass
class Gate:
    """Hold the answer until ``release`` is set; ``reached`` tells the test it was asked."""

    answer: object
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class FixtureServer:
    def __init__(self, routes: dict[str, object] | None = None):
        self.routes: dict[str, object] = dict(routes or {})
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                with server._lock:
                    server.requests.append(Seen(self.path, dict(self.headers.items())))
                    route = server.routes.get(self.path)
                server.answer(self, route)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def base(self) -> str:
        return f"http://{self.host}"

    def start(self) -> FixtureServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self) -> list[str]:
        with self._lock:
            return [seen.path for seen in self.requests]

    def answer(self, handler: BaseHTTPRequestHandler, route: object) -> None:
        if isinstance(route, Sequence):
            with self._lock:
                route = route.next()
        if isinstance(route, Gate):
            route.reached.set()
            route.release.wait(30)
            route = route.answer
        if isinstance(route, Slow):
            time.sleep(route.seconds)
            route = route.answer
        if route is None:
            _send(handler, 404, {"Content-Type": "text/plain"}, b"not found")
        elif isinstance(route, Page):
            _send_page(handler, route)
        elif isinstance(route, Redirect):
            _send(handler, route.status, {"Location": route.location}, b"")
        elif isinstance(route, Status):
            _send(handler, route.status, route.headers, route.body)
        elif isinstance(route, Reset):
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            handler.connection.close()
            handler.close_connection = True
        elif isinstance(route, Unframed):
            handler.send_response(200)
            handler.send_header("Content-Type", route.content_type)
            handler.send_header("Connection", "close")
            handler.end_headers()
            handler.close_connection = True
            try:
                handler.wfile.write(route.body)
            except OSError:
                pass
        else:
            raise TypeError(f"unknown route {route!r}")


def _send_page(handler: BaseHTTPRequestHandler, page: Page) -> None:
    headers = {"Content-Type": page.content_type, **page.headers}
    if page.validators:
        etag = page.etag
        last_modified = formatdate(page.modified, usegmt=True)
        headers.update({"ETag": etag, "Last-Modified": last_modified})
        if handler.headers.get("If-None-Match") == etag:
            _send(handler, 304, {"ETag": etag}, b"")
            return
    _send(handler, 200, headers, page.body)


def _send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
    try:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        if status != 304:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if status != 304:
            handler.wfile.write(body)
    except OSError:
        handler.close_connection = True
