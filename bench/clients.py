"""Benchmark: fuzzy client lookup and client card render on a realistic portfolio.

10,000 clients and 100,000 interactions (plus contacts and invoices) in a fresh SQLite file;
then `ClientsService.find` on typed names (exact, case, legal form, typos) and `card` +
`render_card` on random clients. Prints one JSON line.

    python bench/clients.py [--clients 10000] [--interactions 100000] [--samples 500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cards import render_card
from bot.clock import SystemClock
from bot.config import Config
from bot.errors import AmbiguousClient, NotFound
from bot.names import name_key
from bot.services.clients import ClientsService
from storage import clients, contacts, interactions, invoices, users
from storage.db import Database

WORDS = """alpha beta gamma delta omega nova terra astra vita prima lux nord sud ost west
 green blue red stone river lake hill star sun moon iron gold silver oak pine maple cedar
 ромашка василёк берёза волга нева kovács szabó tóth nagy jansen bakker visser smit
 de vries mulder""".split()
FORMS = ["GmbH", "BV", "Kft.", "LLC", "ООО", "Ltd", "AG", ""]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def typo(text: str, rng: random.Random) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


async def build(db: Database, n_clients: int, n_interactions: int, rng: random.Random) -> list:
    now = int(time.time())
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n_clients:
        core = " ".join(rng.sample(WORDS, rng.choice((1, 2, 2, 3))))
        name = f"{core.title()} {rng.choice(FORMS)}".strip()
        if name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(name)
    async with db.transaction() as tx:
        for uid in (1, 2, 3):
            await users.insert(
                tx,
                user_id=uid,
                name=f"user {uid}",
                username=None,
                role="manager",
                language="en",
                timezone="Europe/Amsterdam",
                working_minute=540,
                chat_id=uid,
                now=now,
            )
        ids = []
        for name in names:
            cid = await clients.insert(
                tx,
                name=name,
                name_key=name_key(name),
                owner_id=rng.choice((1, 2, 3)),
                now=now,
                segment=rng.choice(("small", "medium", "large", "government")),
                notes="Prefers calls in the morning." * rng.randrange(0, 3) or None,
            )
            ids.append(cid)
            if rng.random() < 0.5:
                await contacts.insert(tx, client_id=cid, name="Dana", role="CFO", now=now)
            if rng.random() < 0.3:
                await invoices.insert(
                    tx,
                    client_id=cid,
                    amount_minor=rng.randrange(100, 10**7),
                    currency="EUR",
                    due_on="2026-12-15",
                    user_id=1,
                    now=now,
                )
        rows = [
            (
                rng.choice(ids),
                1,
                rng.choice(("call", "meeting", "note", "email")),
                now - rng.randrange(0, 365 * 86400),
                "Talked about the renewal " * 3,
                None,
                None,
                "send offer",
                None,
                None,
                now,
            )
            for _ in range(n_interactions)
        ]
        await interactions.insert_many(tx, rows)
    return list(zip(ids, names, strict=True))


async def main(n_clients: int, n_interactions: int, samples: int) -> dict:
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        db = await Database.open(path)
        try:
            started = time.perf_counter()
            portfolio = await build(db, n_clients, n_interactions, rng)
            load_s = time.perf_counter() - started
            clock = SystemClock()
            service = ClientsService(db, clock, Config(token=None, database_path=path))
            started = time.perf_counter()
            await service.index()
            index_ms = (time.perf_counter() - started) * 1000
            user = await users.get(db, 1)
            assert user is not None

            lookups, found, ambiguous = [], 0, 0
            for _ in range(samples):
                cid, name = rng.choice(portfolio)
                typed = rng.choice((name, name.upper(), name_key(name), typo(name, rng)))
                started = time.perf_counter()
                try:
                    client = await service.find(typed)
                    found += client.id == cid
                except AmbiguousClient:
                    ambiguous += 1
                except NotFound:
                    pass
                lookups.append((time.perf_counter() - started) * 1000)

            after_edit = []  # a notes edit bumps the stamp: names reread, index kept
            for n in range(20):
                cid, name = rng.choice(portfolio)
                owner = await users.get(db, (await service.get(cid)).owner_id)
                current = await service.get(cid)
                await service.edit(owner, cid, current.version, "notes", f"edit {n}")
                started = time.perf_counter()
                await service.find(name)
                after_edit.append((time.perf_counter() - started) * 1000)

            renders = []
            for _ in range(samples):
                cid, _ = rng.choice(portfolio)
                started = time.perf_counter()
                card = await service.card(user, cid)
                render_card(card, user, date(2026, 11, 24), clock.timestamp())
                renders.append((time.perf_counter() - started) * 1000)
        finally:
            await db.close()
    return {
        "bench": "clients",
        "clients": n_clients,
        "interactions": n_interactions,
        "samples": samples,
        "load_s": round(load_s, 2),
        "index_build_ms": round(index_ms, 1),
        "lookup_p50_ms": round(statistics.median(lookups), 2),
        "lookup_p95_ms": round(percentile(lookups, 0.95), 2),
        "lookup_found_share": round(found / samples, 3),
        "lookup_ambiguous_share": round(ambiguous / samples, 3),
        "lookup_after_edit_p50_ms": round(statistics.median(after_edit), 2),
        "card_p50_ms": round(statistics.median(renders), 2),
        "card_p95_ms": round(percentile(renders, 0.95), 2),
        "budget_ok": percentile(lookups, 0.95) < 20 and percentile(renders, 0.95) < 30,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=500)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.clients, args.interactions, args.samples))))
