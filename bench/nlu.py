"""NL parse speed: warm p50/p95 over the labelled corpus, the first parse in a fresh
process (after constructing the parser), construction time and RSS. One JSON line.

    python bench/nlu.py [--rounds N] [--limit N]

Budgets: p95 < 1 ms warm (issue 14; DESIGN.md section 8 allows 3 ms), first parse < 50 ms.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "nlu" / "corpus"
P95_BUDGET_MS = 1.0
FIRST = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from datetime import datetime
from zoneinfo import ZoneInfo
from bot.nlu import FollowUpParser
imported = time.perf_counter()
parser = FollowUpParser()
built = time.perf_counter()
parser.parse("holnap 10:00 hívjam fel a Kovács Kft-t", lang="hu", tz="Europe/Budapest",
             now=datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Europe/Budapest")))
first = time.perf_counter()
print(json.dumps({{"import_ms": (imported - started) * 1e3,
                  "construct_ms": (built - imported) * 1e3, "first_ms": (first - built) * 1e3}}))
"""


def rows(limit: int | None) -> list[dict]:
    found = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        lines = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        found += lines[:limit] if limit else lines
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--rounds", type=int, default=5)
    options.add_argument("--limit", type=int, default=None, help="phrases per language")
    args = options.parse_args()

    fresh = subprocess.run(
        [sys.executable, "-c", FIRST.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        check=True,
    )
    cold = json.loads(fresh.stdout.strip().splitlines()[-1])

    from bot.names import ClientRef, index_for
    from bot.nlu import FollowUpParser

    parser = FollowUpParser()
    prepared = []
    for row in rows(args.limit):
        zone = ZoneInfo(row["tz"])
        now = datetime.fromisoformat(row["now"]).replace(tzinfo=zone)
        index = index_for(tuple(ClientRef(i + 1, n) for i, n in enumerate(row["clients"])))
        prepared.append((row["text"], row["lang"], row["tz"], now, index))
    timings = []
    for _ in range(args.rounds):
        for text, lang, tz, now, index in prepared:
            started = time.perf_counter()
            parser.parse(text, lang=lang, tz=tz, now=now, clients=index)
            timings.append((time.perf_counter() - started) * 1e3)
    p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
    figures = {
        "bench": "nlu",
        "phrases": len(prepared),
        "parses": len(timings),
        "p50_ms": round(p50, 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(max(timings), 3),
        "first_parse_ms": round(cold["first_ms"], 2),
        "construct_ms": round(cold["construct_ms"], 1),
        "import_ms": round(cold["import_ms"], 1),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "budget_p95_ms": P95_BUDGET_MS,
        "budget_first_ms": 50.0,
        "ok": p95 < P95_BUDGET_MS and cold["first_ms"] < 50.0,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
