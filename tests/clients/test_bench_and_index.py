"""The fast lookup agrees with the reference matcher; the benchmark runs (tiny)."""

import json
import random
import subprocess
import sys

from bot.names import ClientIndex, ClientRef
from bot.services.clientindex import FastIndex
from tests.conftest import ROOT

WORDS = "acme globex initech umbrella stark wayne ромашка василёк kovács szabó jansen".split()


def sample_index(count: int, rng: random.Random) -> ClientIndex:
    names = {
        " ".join(rng.sample(WORDS, rng.choice((1, 2, 3)))).title() + rng.choice(("", " GmbH"))
        for _ in range(count)
    }
    return ClientIndex(ClientRef(i, name) for i, name in enumerate(sorted(names)))


class TestFastIndex:
    def test_same_best_match_as_the_full_scan(self):
        rng = random.Random(7)
        index = sample_index(300, rng)
        fast = FastIndex(index)
        queries = ["acme", "Acmee", "ACME gmbh", "kovacs", "ромашк", "jansn wayne", "stark ind"]
        queries += [ref.name[:-1] for ref in rng.sample(index.clients, 40)]
        for query in queries:
            expected = index.match(query, limit=3)
            got = fast.match(query, limit=3)
            assert [s for _, s in got] == [s for _, s in expected], query
            assert got[:1] == expected[:1], query

    def test_no_close_word_falls_back_to_the_full_scan(self):
        index = ClientIndex([ClientRef(1, "Acmetradingcompany")])
        assert FastIndex(index).match("acmetrading")[0][0].id == 1
        assert FastIndex(index).match("zzz") == []


def test_benchmark_runs_tiny_and_prints_one_json_line():
    result = subprocess.run(
        [sys.executable, "bench/clients.py", "--clients", "150", "--interactions", "600",
         "--samples", "30"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert figures["clients"] == 150 and figures["interactions"] == 600
    assert figures["lookup_p95_ms"] > 0 and figures["card_p95_ms"] > 0
    assert figures["lookup_found_share"] > 0.5
