"""Reminders on PostgreSQL with one and with two workers, printed as one JSON line.

    .venv/bin/python bench/scale.py                 # 1,000 reminders (a throw-away cluster)
    .venv/bin/python bench/scale.py --tiny          # 60 reminders; what the test runs

N reminders to N chats fall due at once; each worker is what `python -m bot` runs for them:
its own database pool, its own Dispatcher, its own PTB bot with AIORateLimiter, all against
the emulator with Telegram's flood limits on. Reported per worker count: msg/s at the
emulator, lost, duplicated, 429 answers, due -> sendMessage p50/p99. Not measured here
(not built yet): updates/s per worker by webhook, the SIGKILL take-over time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telegram.ext import AIORateLimiter, ExtBot  # noqa: E402

from bench.reminders import INSERT_REMINDER, INSERT_USER, TOKEN  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.reminders.dispatcher import Dispatcher  # noqa: E402
from bot.reminders.telegram import TelegramSender  # noqa: E402
from bot.sandbox.emulator import BotApiEmulator  # noqa: E402
from bot.sandbox.flood import FloodLimits  # noqa: E402
from bot.sandbox.models import FakeUser  # noqa: E402
from storage.pg import PgDatabase  # noqa: E402
from tests.pg_cluster import PgCluster  # noqa: E402

FIRST_USER = 20_000_000


async def seed(url: str, count: int, due: int) -> None:
    db = await PgDatabase.open(url)
    try:
        async with db.transaction() as tx:
            now = int(time.time())
            users = [(FIRST_USER + n, f"M{n}", FIRST_USER + n, now, now) for n in range(count)]
            await tx.executemany(INSERT_USER, users)
            await tx.executemany(
                INSERT_REMINDER,
                [
                    (FIRST_USER + n, FIRST_USER + n, f"scale r{n}", due, now, now)
                    for n in range(count)
                ],
            )
    finally:
        await db.close()


class NoTimer:
    """The dispatcher's wake-ups are not needed: the bench (and tests) call run_pass."""

    def arm(self, delay: float) -> None:
        pass

    def start_sweep(self, interval: float) -> None:
        pass

    def stop(self) -> None:
        pass


async def worker(url: str, emulator: BotApiEmulator) -> tuple[PgDatabase, ExtBot, Dispatcher]:
    db = await PgDatabase.open(url)
    bot = ExtBot(TOKEN, base_url=f"{emulator.url}/bot", rate_limiter=AIORateLimiter(max_retries=3))
    await bot.initialize()
    return db, bot, Dispatcher(db, SystemClock(), TelegramSender(bot))


async def run(cluster: PgCluster, emulator: BotApiEmulator, workers: int, count: int) -> dict:
    name = cluster.create_database(f"scale {workers} {time.time()}")
    url = cluster.url(name)
    due = int(time.time())
    await seed(url, count, due)
    for n in range(count):
        emulator.add_user(FakeUser(FIRST_USER + n, f"M{n}"))
    mark = emulator.mark()
    before_429 = emulator.stats["too_many_requests"]
    started = [await worker(url, emulator) for _ in range(workers)]
    try:
        for _, _, dispatcher in started:
            await dispatcher.start(NoTimer())
        deadline = time.monotonic() + count / 10 + 60
        while time.monotonic() < deadline:
            await asyncio.gather(*(d.run_pass() for _, _, d in started))
            row = await started[0][0].fetch_one(
                "SELECT count(*) FROM reminders WHERE status IN ('pending', 'sending')"
            )
            if row[0] == 0:
                break
    finally:
        for db, bot, dispatcher in started:
            await dispatcher.stop()
            await bot.shutdown()
            await db.close()
        cluster.drop_databases([name])
    ok = [
        c
        for c in emulator.calls
        if c.method.lower() == "sendmessage" and c.seq > mark and c.status == 200
    ]
    texts = Counter(c.params["text"].split("\n")[1] for c in ok)
    walls = sorted(c.wall for c in ok)
    lags = sorted((w - due) * 1000 for w in walls)
    return {
        "workers": workers,
        "messages": count,
        "rate_msg_s": round((len(walls) - 1) / (walls[-1] - walls[0]), 2)
        if len(walls) > 1
        else None,
        "lost": count - len(texts),
        "duplicated": sum(n - 1 for n in texts.values()),
        "answered_429": emulator.stats["too_many_requests"] - before_429,
        "due_to_send_p50_ms": round(statistics.median(lags), 1) if lags else None,
        "due_to_send_p99_ms": round(lags[min(len(lags) - 1, int(len(lags) * 0.99))], 1)
        if lags
        else None,
    }


async def main(tiny: bool) -> dict:
    count = 60 if tiny else 1_000
    cluster = PgCluster()
    cluster.start()
    try:
        await (await PgDatabase.open(cluster.url("amb_template"))).close()
        emulator = BotApiEmulator(token=TOKEN, bot_username="scale_bot", flood_limits=FloodLimits())
        await emulator.start(host="127.0.0.1", port=0)
        try:
            results = [await run(cluster, emulator, n, count) for n in (1, 2)]
        finally:
            await emulator.stop()
    finally:
        cluster.stop()
    return {"bench": "scale", "postgres": results}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="small sizes, for the test")
    print(json.dumps(asyncio.run(main(parser.parse_args().tiny))))
