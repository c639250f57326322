"""Shared by the web sandbox tests: the whole sandbox started in-process, and an SSE reader."""

from __future__ import annotations

import asyncio
import json
import struct
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

from bot.clock import FakeClock
from bot.config import Config
from sandbox.run import Sandbox

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def sandbox_config(tmp_path: Path) -> Config:
    return Config(
        token=None,
        database_path=tmp_path / "production.sqlite3",
        sandbox_database_path=tmp_path / "sandbox" / "sandbox.sqlite3",
        default_timezone="Europe/Amsterdam",
    )


@asynccontextmanager
async def running_sandbox(tmp_path: Path, clock: FakeClock | None = None) -> AsyncIterator[Sandbox]:
    """Emulator, bot and page on free loopback ports, the clock frozen unless told."""
    sandbox = Sandbox(sandbox_config(tmp_path), clock=clock or FakeClock(START))
    await sandbox.start(api_port=0, web_port=0)
    try:
        yield sandbox
    finally:
        await sandbox.stop()


class EventStream:
    """The page's /api/events stream, read the way EventSource reads it."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response
        self.seen: list[tuple[str, dict[str, Any]]] = []
        self._unclaimed: list[tuple[str, dict[str, Any]]] = []

    async def _next(self) -> tuple[str, dict[str, Any]]:
        name, data = "message", []
        while True:
            raw = await self._response.content.readline()
            if not raw:
                raise ConnectionError("event stream ended")
            line = raw.decode().rstrip("\n")
            if not line:
                if data:
                    return name, json.loads("\n".join(data))
                continue
            if line.startswith(":"):
                continue
            field, _, value = line.partition(": ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)

    async def wait_for(
        self,
        event: str,
        predicate: Callable[[dict[str, Any]], bool] = lambda data: True,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - an upper bound
    ) -> dict[str, Any]:
        """The first matching event not claimed by an earlier wait_for, in any order."""
        for index, (name, data) in enumerate(self._unclaimed):
            if name == event and predicate(data):
                del self._unclaimed[index]
                return data

        async def find() -> dict[str, Any]:
            while True:
                name, data = await self._next()
                self.seen.append((name, data))
                if name == event and predicate(data):
                    return data
                self._unclaimed.append((name, data))

        try:
            return await asyncio.wait_for(find(), timeout)
        except TimeoutError:
            seen = [(n, d.get("text", d)) for n, d in self.seen[-10:]]
            raise TimeoutError(f"no {event} event within {timeout}s; last seen: {seen}") from None


@asynccontextmanager
async def event_stream(session: aiohttp.ClientSession, base_url: str) -> AsyncIterator[EventStream]:
    async with session.get(f"{base_url}api/events") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        yield EventStream(response)


async def post(session: aiohttp.ClientSession, base_url: str, path: str, body: Any) -> Any:
    async with session.post(f"{base_url}api/{path}", json=body) as response:
        data = await response.json()
        if response.status != 200:
            raise AssertionError(f"{path} answered {response.status}: {data}")
        return data["result"]


def from_bot(data: dict[str, Any]) -> bool:
    return bool(data["from"]["bot"])


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
