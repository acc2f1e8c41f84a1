"""End to end: Datasette served on 127.0.0.1, headless Chromium searches the commitments view.

Chromium is driven over the DevTools protocol: it opens the view, types a word
from a known commitment into the search box, presses Enter and reads the table.
Skipped, saying so, where Debian's ``chromium`` is not installed.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.datasette.conftest import DB_NAME, REPO

pytestmark = pytest.mark.browser

# Generous limits for a loaded CI machine: they stop a hung browser, they do not measure speed.
STARTUP_LIMIT_S = 120
MESSAGE_LIMIT_S = 60
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
    "--window-size=1280,900",
]


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("chromium not installed: the browser test needs Debian's `chromium` "
                    "package (apt-get install chromium; .ci/run installs it)")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, what: str, process: subprocess.Popen) -> Any:
    """Poll ``check`` until it returns a value; fail if ``process`` dies or the limit passes."""
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what}: the process exited with {process.returncode}")
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: not ready within {STARTUP_LIMIT_S} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def server(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`medborgarloften serve` as a real server on a free port of 127.0.0.1."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "serve", "--db", str(seed_db), "--port", str(port)],
            cwd=REPO, stdout=output, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return httpx.get(f"{base}/-/versions.json", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(answers, f"datasette on {base} (log: {log})", process)
        yield base
    finally:
        stop(process)


class DevTools:
    """A minimal DevTools-protocol client for one page target."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self.ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=MESSAGE_LIMIT_S))
            if message.get("id") == message_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for_event(self, method: str) -> dict[str, Any]:
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(index)
        while True:
            message = json.loads(self.socket.recv(timeout=MESSAGE_LIMIT_S))
            if message.get("method") == method:
                return message
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    executable = chromium_path()
    # Imported here so that a machine without Chromium skips before needing it.
    from websockets.sync.client import connect

    profile = tmp_path / "profile"
    process = subprocess.Popen(
        [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        active_port = profile / "DevToolsActivePort"
        port = wait_for(lambda: active_port.exists() and active_port.read_text().split("\n")[0],
                        "chromium's DevTools port", process)
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=MESSAGE_LIMIT_S).json()
        page = next(t for t in targets if t["type"] == "page")
        with connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=MESSAGE_LIMIT_S) as socket:
            devtools = DevTools(socket)
            devtools.call("Page.enable")
            yield devtools
    finally:
        stop(process)


def a_word_from_a_commitment(sql: sqlite3.Connection) -> str:
    """A distinctive word of a real commitment: "trygghetsvandringar" (Vaggeryd) when extracted."""
    texts = [row[0] for row in sql.execute("select text from commitments order by id")]
    assert texts, "the seed database has no commitments"
    if any("trygghetsvandringar" in text for text in texts):
        return "trygghetsvandringar"
    return max(re.findall(r"[^\W\d_]+", texts[0]), key=len)


def open_page(browser: DevTools, url: str) -> None:
    browser.call("Page.navigate", url=url)
    browser.wait_for_event("Page.loadEventFired")


def test_search_the_commitments_view_in_chromium(
    browser: DevTools, server: str, seed_sql: sqlite3.Connection, tmp_path: Path
) -> None:
    word = a_word_from_a_commitment(seed_sql)
    expected = seed_sql.execute(
        "select count(*) from commitments_fts where commitments_fts match ?", (f'"{word}"',)
    ).fetchone()[0]
    open_page(browser, f"{server}/{DB_NAME}/commitments_overview")
    assert browser.evaluate("document.title").startswith(DB_NAME)
    assert browser.evaluate("document.querySelector('input[name=_search]') !== null"), "no search box"

    browser.evaluate("document.querySelector('input[name=_search]').focus()")
    browser.call("Input.insertText", text=word)
    for kind in ("keyDown", "keyUp"):
        browser.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                     windowsVirtualKeyCode=13, nativeVirtualKeyCode=13, text="\r")
    browser.wait_for_event("Page.loadEventFired")

    assert f"_search={word}" in browser.evaluate("location.href")
    rows = browser.evaluate(
        "Array.from(document.querySelectorAll('table.rows-and-columns tbody tr'))"
        ".map(row => row.innerText)"
    )
    screenshot = browser.call("Page.captureScreenshot", format="png")["data"]
    (tmp_path / "search.png").write_bytes(base64.b64decode(screenshot))
    assert len(rows) == expected > 0, f"{len(rows)} rows for {word!r}, expected {expected}"
    assert all(word in row.lower() for row in rows), rows
