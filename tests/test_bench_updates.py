"""bench/updates.py keeps working: run it tiny and check its one JSON line."""

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_updates_bench_prints_one_json_line_with_every_write_done():
    done = subprocess.run(
        [sys.executable, "bench/updates.py", "--updates", "40"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    [line] = done.stdout.strip().splitlines()
    figures = json.loads(line)
    assert figures["updates"] == 39
    assert figures["updates_per_s"] > 0
    assert figures["last_written_name"] == "Name 39"  # every update reached the DB
    assert "Traceback" not in done.stderr  # no handler failed: nothing was answered
