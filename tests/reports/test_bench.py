"""bench/reports.py runs end to end on a tiny team and prints one JSON line of figures."""

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_the_report_benchmark_prints_one_json_line_within_budget():
    done = subprocess.run(
        [
            sys.executable,
            "bench/reports.py",
            *("--managers", "3", "--clients", "40", "--interactions", "300"),
            *("--invoices", "30", "--contracts", "20", "--reminders", "30", "--runs", "1"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert figures["bench"] == "reports" and figures["ok"] is True
    assert figures["clients"] == 40 and figures["team_month"]["charts"] == 3
    assert 0 < figures["cold_total_s"] < figures["budget_s"]
