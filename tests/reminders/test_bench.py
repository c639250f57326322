"""The reminder benchmark runs end to end at a tiny size and reports sane figures."""

from __future__ import annotations

import asyncio
import json
import sys

from tests.conftest import ROOT


async def test_the_benchmark_prints_one_json_line_with_nothing_lost():
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "bench" / "reminders.py"),
        "--tiny",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, err.decode()[-2000:]
    lines = out.decode().strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    throughput = figures["throughput"]
    assert (throughput["lost"], throughput["duplicated"], throughput["answered_429"]) == (0, 0, 0)
    assert figures["latency"]["messages"] == 10
    assert figures["latency"]["p99_ms"] < 1000
    for size in ("startup_1000", "startup_100"):
        assert figures[size]["ready_s"] < 5
        assert figures[size]["rss_mb"] > 0
