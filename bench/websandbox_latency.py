"""Sandbox web chat latency: a typed message -> the bot's reply on the page's event stream.

Starts the whole sandbox in-process (emulator, real bot, page) on a temporary database,
opens /api/events like the page does, sends `/help` N times through /api/send and measures
until each reply arrives over server-sent events, back to back (faster than a person types,
so a long run meets the private chat's flood bucket). Prints one JSON line.

    .venv/bin/python bench/websandbox_latency.py [N]
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.demo_data import ADMIN_ID  # noqa: E402
from tests.sandbox.web_support import event_stream, from_bot, post, running_sandbox  # noqa: E402


async def measure(rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        async with running_sandbox(Path(tmp)) as sandbox:
            ready = time.perf_counter() - started
            url = sandbox.web.url
            latencies = []
            async with aiohttp.ClientSession() as session, event_stream(session, url) as events:
                for _ in range(rounds):
                    begin = time.perf_counter()
                    sent = await post(session, url, "send", {"user": ADMIN_ID, "text": "/help"})
                    await events.wait_for(
                        "msg", lambda m, i=sent["message_id"]: from_bot(m) and m["message_id"] > i
                    )
                    latencies.append((time.perf_counter() - begin) * 1000)
            throttled = sandbox.emulator.stats["too_many_requests"]
    latencies.sort()
    return {
        "bench": "websandbox_latency",
        "rounds": rounds,
        "start_s": round(ready, 3),
        "reply_ms_p50": round(statistics.median(latencies), 1),
        "reply_ms_p95": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))], 1),
        "reply_ms_max": round(latencies[-1], 1),
        "flood_429": throttled,  # the private chat's 10/s bucket: a burst waits retry_after
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 50))))
