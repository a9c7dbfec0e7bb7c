"""Open a viewer page in headless Chromium and report what a person would see go wrong.

Drives the system Chromium over the DevTools protocol (``websocket-client``, a test extra):
console errors and uncaught exceptions, every network request the page makes (a
self-contained page makes none beyond its own file), the vis.js node and edge counts, the
time until physics stabilises, and a PNG screenshot. Used by the viewer tests,
``benchmarks/analytics_speed.py`` and ``kg view --check``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from kg.errors import KgError

__all__ = ["Chromium", "PageCheck", "check_page", "find_chromium"]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--window-size=1400,900",
    "--remote-debugging-port=0",
)


def find_chromium() -> str | None:
    """Path of a Chromium or Chrome executable on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageCheck:
    """What opening a page showed."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0
    stabilized_ms: float | None = None
    screenshot: Path | None = None


class Chromium:
    """A headless Chromium with one page, driven over the DevTools protocol.

    Use as a context manager; the browser and its temporary profile go at exit.
    """

    def __init__(self, executable: str | None = None, timeout: float = 30.0) -> None:
        self.executable = executable or find_chromium()
        if not self.executable:
            raise KgError("no chromium on PATH (Debian: apt-get install chromium)")
        self.timeout = timeout
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        self._profile = tempfile.TemporaryDirectory(prefix="kg-chromium-")
        self._process: subprocess.Popen[bytes] | None = None
        self._socket: Any = None

    def __enter__(self) -> Chromium:
        try:
            import websocket
        except ImportError as exc:
            raise KgError(
                "checking a page needs websocket-client: pip install websocket-client"
            ) from exc
        self._process = subprocess.Popen(
            [str(self.executable), *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # its own process group: the renderer and helper processes go with it
            start_new_session=True,
        )
        port = self._port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as reply:
            targets = json.load(reply)
        page = next(t for t in targets if t.get("type") == "page")
        self._socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=self.timeout, suppress_origin=True
        )
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._socket is not None:
            self._socket.close()
        if self._process is not None:
            self._signal_group(signal.SIGTERM)
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            # helpers that outlive the browser would still write into the profile
            self._signal_group(signal.SIGKILL)
        self._profile.cleanup()

    def _signal_group(self, signum: int) -> None:
        assert self._process is not None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signum)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a DevTools method and return its result; events seen meanwhile are kept."""
        self._next_id += 1
        call_id = self._next_id
        self._socket.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise KgError(f"chromium: {method} failed: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (awaiting a promise)."""
        reply = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in reply:
            raise KgError(f"chromium: `{expression}` threw: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def open(self, url: str) -> None:
        """Navigate and wait until the document has loaded."""
        self.send("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'")

    def wait_for(self, expression: str, timeout: float | None = None) -> bool:
        """Poll a JavaScript condition until true; False when ``timeout`` passes first."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            if self.evaluate(f"Boolean({expression})"):
                return True
            time.sleep(0.1)
        return False

    def screenshot(self, path: str | Path) -> Path:
        """Write a PNG of the viewport to ``path``."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def console_errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads seen so far."""
        errors = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                errors.append(" ".join(str(a.get("value", a)) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                errors.append(params["entry"].get("text", ""))
        return errors

    def requests(self) -> list[str]:
        """URLs of every request the page made."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def _port(self) -> int:
        active = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if active.exists() and active.read_text().strip():
                return int(active.read_text().splitlines()[0])
            if self._process is not None and self._process.poll() is not None:
                raise KgError(f"chromium exited with code {self._process.returncode}")
            time.sleep(0.05)
        raise KgError(f"chromium did not start within {self.timeout} s")


def check_page(
    path: str | Path, screenshot: str | Path | None = None, timeout: float = 120.0
) -> PageCheck:
    """Open a viewer page, wait for the layout to settle, and report what happened.

    Parameters
    ----------
    path : str or Path
        The HTML file ``kg view`` wrote.
    screenshot : str or Path, optional
        Where to write a PNG of the settled picture.
    timeout : float
        Seconds to wait for physics to stabilise.
    """
    url = Path(path).resolve().as_uri()
    with Chromium(timeout=timeout) as browser:
        browser.open(url)
        settled = browser.wait_for("window.kgStabilizedMs !== undefined", timeout)
        check = PageCheck(
            nodes=browser.evaluate("window.kgViewer ? kgViewer.nodes.length : 0"),
            edges=browser.evaluate("window.kgViewer ? kgViewer.edges.length : 0"),
            stabilized_ms=browser.evaluate("window.kgStabilizedMs") if settled else None,
        )
        if screenshot is not None:
            check.screenshot = browser.screenshot(screenshot)
        check.console_errors = browser.console_errors()
        check.requests = [u for u in browser.requests() if u != url]
    return check
