"""Crawl benchmark: 300 pages over 30 local hosts with 100 ms latency.

Each host is a real HTTP server on 127.0.0.1 (its own port, so its own politeness
unit) whose index links to its promise pages; every answer is held back by the
latency. Politeness makes the busiest host's page count times its delay the least a
crawl can take; the figure of merit is how close the crawl comes to that bound, which
shows that hosts are crawled concurrently and waits are not stacked on latency.

Run: ``python -m pipeline.crawl_bench`` (prints the figures as JSON).
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from pipeline.fetch import FetchSettings, crawl
from pipeline.sources import load_registry

BENCH_PROFILE = {
    "index": [{"path": "^/$"}],
    "promise": [{"path": "^/medborgarloften/[^/]+/$"}],
}


class _BenchSite:
    """One host: ``/`` links to ``pages - 1`` promise pages; every answer waits ``latency``."""

    def __init__(self, number: int, pages: int, latency: float):
        links = "".join(
            f'<li><a href="/medborgarloften/plats-{number}-{page}/">Plats {page}</a></li>'
            for page in range(1, pages)
        )
        self.bodies = {
            "/": f"<html><body><h1>Medborgarlöften</h1><ul>{links}</ul></body></html>",
            "/robots.txt": "User-agent: *\nAllow: /\n",
        }
        for page in range(1, pages):
            self.bodies[f"/medborgarloften/plats-{number}-{page}/"] = (
                f"<html><body><h1>Plats {page} – medborgarlöfte</h1>"
                f"<p>Polisen ska öka närvaron i plats {number}-{page}.</p></body></html>"
            )
        self.requests = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                time.sleep(latency)
                site.requests += 1
                body = site.bodies.get(self.path)
                status = 200 if body is not None else 404
                data = (body or "not found").encode("utf-8")
                content_type = "text/plain" if self.path.endswith(".txt") else "text/html"
                self.send_response(status)
                self.send_header("Content-Type", f"{content_type}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def crawl_benchmark(
    hosts: int = 30, pages_per_host: int = 10, latency_s: float = 0.1, delay_s: float = 1.0
) -> dict[str, Any]:
    """Crawl ``hosts`` local sites of ``pages_per_host`` pages; return timings and the bound."""
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp:
        sites = [_BenchSite(n, pages_per_host, latency_s) for n in range(hosts)]
        for site in sites:
            stack.callback(site.close)
        work = Path(tmp)
        registry_path = work / "sources.yaml"
        registry_path.write_text(
            yaml.safe_dump(
                {
                    "user_agent": "medborgarloften-bench/0.1",
                    "profiles": {"polisen": BENCH_PROFILE},
                    "sites": [
                        {
                            "name": f"bench-{n}",
                            "profile": "polisen",
                            "hosts": [site.host],
                            "delay": delay_s,
                            "entry_points": [f"http://{site.host}/"],
                        }
                        for n, site in enumerate(sites)
                    ],
                }
            ),
            encoding="utf-8",
        )
        settings = FetchSettings(
            raw_dir=work / "raw",
            state_dir=work / "state",
            allow_hosts={"127.0.0.1"},
            progress=False,
        )
        registry = load_registry(registry_path)
        started = time.perf_counter()
        summary = crawl(registry, settings)
        crawl_s = time.perf_counter() - started
        pages = summary["new"] + summary["visited"] + summary["unchanged"]
        bound = pages_per_host * delay_s
        return {
            "hosts": hosts,
            "pages": pages,
            "requests": sum(site.requests for site in sites),
            "latency_s": latency_s,
            "delay_s": delay_s,
            "failed": summary["failed"],
            "crawl_s": round(crawl_s, 3),
            "politeness_bound_s": round(bound, 3),
            "crawl_bound_ratio": round(crawl_s / bound, 3) if bound else None,
        }


def main() -> int:
    print(json.dumps(crawl_benchmark(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
