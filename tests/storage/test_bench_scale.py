"""bench/scale.py runs end to end at a tiny size: nothing lost or sent twice by 1 or 2 workers,
a SIGKILLed sender replaced within 5 s, every webhook update answered and recorded."""

from __future__ import annotations

import asyncio
import json
import sys

from tests.conftest import ROOT


async def test_the_scale_benchmark_prints_one_json_line_with_nothing_lost():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bench" / "scale.py"), "--tiny",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 180)
    assert proc.returncode == 0, err.decode()[-2000:]
    lines = out.decode().strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    runs = figures["postgres"]
    assert [run["workers"] for run in runs] == [1, 2]
    for run in runs:
        assert (run["messages"], run["lost"], run["duplicated"]) == (60, 0, 0)
        assert run["rate_msg_s"] > 0
    assert figures["takeover"]["kills"] == 1
    assert 0 < figures["takeover"]["takeover_s_max"] < 5  # the goal
    webhook = figures["webhook"]
    assert webhook["answered_200"] == webhook["written"] == webhook["updates"] == 100
    assert webhook["updates_s_per_worker"] > 0
    sqlite = figures["sqlite"]["throughput"]
    assert (sqlite["messages"], sqlite["lost"], sqlite["duplicated"]) == (60, 0, 0)
