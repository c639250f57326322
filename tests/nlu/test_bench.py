"""bench/nlu.py runs on a tiny size and prints one JSON line of figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "nlu.py"


def test_bench_prints_one_json_line_within_budget():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--rounds", "1", "--limit", "5"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert figures["phrases"] == 20
    assert figures["p50_ms"] <= figures["p95_ms"] < 3.0
    assert 0 < figures["first_parse_ms"] < 50.0
    assert figures["construct_ms"] > 0 and figures["rss_mb"] > 0
