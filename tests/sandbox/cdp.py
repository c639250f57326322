"""Headless Chromium driven over the Chrome DevTools Protocol (no WebDriver, no downloads).

Uses the system's Chromium (Debian: `apt-get install chromium`) with a fresh profile,
listening for DevTools on 127.0.0.1 only. Enough protocol for a person's actions: open a
page at a desktop or a phone's size, type, press Enter or Shift+Enter, click an element with
the mouse, pick a file in the file chooser, read the DOM, take a screenshot.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import shutil
import signal
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--no-proxy-server",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1280,800",
    "--hide-scrollbars",
)
INSTALL_HINT = (
    "headless Chromium is needed for the browser test and was not found. Install Debian's "
    "package: `sudo apt-get install -y chromium` (CI does this in .ci/run; see "
    "docs/websandbox.md), or point CHROMIUM at a Chromium binary."
)


def find_chromium() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


class CdpError(Exception):
    pass


class Browser:
    """One Chromium process and its first tab."""

    def __init__(self, binary: str, profile: Path, log_path: Path) -> None:
        self._binary = binary
        self._profile = profile
        self._log_path = log_path
        self._process: asyncio.subprocess.Process | None = None
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task | None = None
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future] = {}
        self._listening: dict[str, list[asyncio.Future]] = {}
        self.exceptions: list[str] = []
        self.console_errors: list[str] = []

    async def start(self, *, timeout: float = 30.0) -> None:  # noqa: ASYNC109
        self._profile.mkdir(parents=True, exist_ok=True)
        with self._log_path.open("ab") as log:
            self._process = await asyncio.create_subprocess_exec(
                self._binary,
                *FLAGS,
                f"--user-data-dir={self._profile}",
                "about:blank",
                stdout=log,
                stderr=log,
                start_new_session=True,  # its helpers form one group we can wait for
            )
        port_file = self._profile / "DevToolsActivePort"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (port_file.exists() and port_file.read_text().strip()):
            if self._process.returncode is not None or loop.time() > deadline:
                raise CdpError(f"Chromium did not start; see {self._log_path}")
            await asyncio.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        self._session = aiohttp.ClientSession()
        targets: list[dict[str, Any]] = []
        while not targets:
            async with self._session.get(f"http://127.0.0.1:{port}/json/list") as response:
                targets = [t for t in await response.json() if t.get("type") == "page"]
            if loop.time() > deadline:
                raise CdpError("Chromium opened no page")
            if not targets:
                await asyncio.sleep(0.05)
        self._ws = await self._session.ws_connect(
            targets[0]["webSocketDebuggerUrl"], max_msg_size=0
        )
        self._reader = asyncio.create_task(self._read())
        for domain in ("Page", "Runtime", "Log"):
            await self.send(f"{domain}.enable")

    async def _read(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(message.data)
            future = self._waiting.pop(data.get("id", -1), None)
            if future is not None and not future.done():
                if "error" in data:
                    future.set_exception(CdpError(str(data["error"])))
                else:
                    future.set_result(data.get("result", {}))
            elif data.get("method") in self._listening:
                for waiter in self._listening.pop(data["method"]):
                    if not waiter.done():
                        waiter.set_result(data.get("params", {}))
            elif data.get("method") == "Runtime.exceptionThrown":
                details = data["params"]["exceptionDetails"]
                self.exceptions.append(
                    str(details.get("exception", {}).get("description") or details.get("text"))
                )
            elif data.get("method") == "Log.entryAdded":
                entry = data["params"]["entry"]
                if entry.get("level") == "error":
                    self.console_errors.append(entry.get("text", ""))
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(CdpError("DevTools connection closed"))

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        assert self._ws is not None
        message_id = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._waiting[message_id] = future
        await self._ws.send_str(json.dumps({"id": message_id, "method": method, "params": params}))
        return await asyncio.wait_for(future, 30)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._session is not None:
            await self._session.close()
        if self._process is not None:
            if self._process.returncode is None:
                self._process.terminate()
                try:
                    await asyncio.wait_for(self._process.wait(), 10)
                except TimeoutError:
                    self._process.kill()
                    await self._process.wait()
            await self._wait_for_helpers(self._process.pid)

    @staticmethod
    async def _wait_for_helpers(group: int, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Renderer and GPU helpers outlive the browser a moment; the next test gets a quiet
        machine only once they are gone (killed if they linger)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return
            if loop.time() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(group, signal.SIGKILL)
                return
            await asyncio.sleep(0.05)

    # -- what a person does ------------------------------------------------------------------

    async def open(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise CdpError(f"{expression!r} failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, *, timeout: float = 10.0) -> Any:  # noqa: ASYNC109
        """Bounded polling of a JavaScript expression until it is truthy; returns its value.

        Errors while polling (a page still loading) count as "not yet".
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last: object = None
        while True:
            try:
                last = await self.evaluate(expression)
            except CdpError as error:
                last = error
            else:
                if last:
                    return last
            if loop.time() > deadline:
                raise TimeoutError(f"still {last!r} after {timeout}s: {expression}")
            await asyncio.sleep(0.05)

    async def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (scrolled into view first)."""
        box = await self.wait_for(
            f"""(() => {{
                const node = document.querySelector({json.dumps(selector)});
                if (!node) return null;
                node.scrollIntoView({{block: "center"}});
                const r = node.getBoundingClientRect();
                return r.width && r.height ? {{x: r.x + r.width / 2, y: r.y + r.height / 2}} : null;
            }})()"""
        )
        for kind in ("mousePressed", "mouseReleased"):
            await self.send(
                "Input.dispatchMouseEvent",
                type=kind,
                x=box["x"],
                y=box["y"],
                button="left",
                clickCount=1,
            )

    async def type(self, selector: str, text: str, *, enter: bool = True) -> None:
        """Focus the field, type the text, press Enter."""
        await self.click(selector)
        await self.send("Input.insertText", text=text)
        if enter:
            await self.enter()

    async def enter(self, *, shift: bool = False) -> None:
        """Press Enter (with Shift held: Shift+Enter) in the focused element."""
        modifiers = 8 if shift else 0
        if shift:
            await self.send(
                "Input.dispatchKeyEvent",
                type="rawKeyDown",
                key="Shift",
                code="ShiftLeft",
                windowsVirtualKeyCode=16,
                modifiers=modifiers,
            )
        for kind in ("keyDown", "keyUp"):
            await self.send(
                "Input.dispatchKeyEvent",
                type=kind,
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
                modifiers=modifiers,
                **({"text": "\r"} if kind == "keyDown" else {}),
            )
        if shift:
            await self.send(
                "Input.dispatchKeyEvent",
                type="keyUp",
                key="Shift",
                code="ShiftLeft",
                windowsVirtualKeyCode=16,
            )

    async def set_viewport(self, width: int, height: int, *, mobile: bool = False) -> None:
        """Show the page at this size (mobile: as a phone's browser, meta viewport honoured)."""
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )

    async def choose_file(self, selector: str, path: Path) -> None:
        """Click `selector`, and in the file chooser it opens, pick `path`."""
        await self.send("Page.setInterceptFileChooserDialog", enabled=True)
        opened = asyncio.get_running_loop().create_future()
        self._listening.setdefault("Page.fileChooserOpened", []).append(opened)
        await self.click(selector)
        chooser = await asyncio.wait_for(opened, 10)
        await self.send(
            "DOM.setFileInputFiles", files=[str(path)], backendNodeId=chooser["backendNodeId"]
        )
        await self.send("Page.setInterceptFileChooserDialog", enabled=False)

    async def screenshot(self, path: Path) -> None:
        result = await self.send("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(path.write_bytes, base64.b64decode(result["data"]))
