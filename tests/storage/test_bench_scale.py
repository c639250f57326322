"""bench/scale.py runs end to end at a tiny size: nothing lost or sent twice by 1 or 2 workers."""

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
    runs = json.loads(lines[0])["postgres"]
    assert [run["workers"] for run in runs] == [1, 2]
    for run in runs:
        assert (run["messages"], run["lost"], run["duplicated"]) == (60, 0, 0)
        assert run["rate_msg_s"] > 0
