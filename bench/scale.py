"""Reminders on PostgreSQL with one and with two workers, printed as one JSON line.

    .venv/bin/python bench/scale.py                 # 1,000 reminders (a throw-away cluster)
    .venv/bin/python bench/scale.py --tiny          # 60 reminders; what the test runs

1. N reminders to N chats fall due at once; each worker is what `python -m bot` runs for
   them: its own database pool, Dispatcher and PTB bot with AIORateLimiter, against the
   emulator with Telegram's flood limits on. Per worker count: msg/s at the emulator, lost,
   duplicated, 429 answers, due -> sendMessage p50/p99.
2. Take-over: two `python -m bot` processes, reminders falling due every 0.1 s to distinct
   chats; the sender is SIGKILLed and the seconds until the other worker's first message are
   the take-over time (goal < 5 s; the standby looks every 2 s and waits a 1 s chat gap).
3. Updates/s of one webhook worker on PostgreSQL: bench/updates.py's team-group chatter
   POSTed to its webhook, 20 requests in flight; each update writes twice, no reply.
4. SQLite for comparison: bench/reminders.py's throughput and due -> send latency.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from telegram.ext import AIORateLimiter, ExtBot  # noqa: E402

import bench.reminders as sqlite_bench  # noqa: E402
import bench.updates as updates_bench  # noqa: E402
from bench.reminders import INSERT_REMINDER, INSERT_USER, TOKEN  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.reminders.dispatcher import Dispatcher  # noqa: E402
from bot.reminders.telegram import TelegramSender  # noqa: E402
from bot.runtime import BotRuntime  # noqa: E402
from bot.webhook import SECRET_HEADER  # noqa: E402
from sandbox.emulator import BotApiEmulator  # noqa: E402
from sandbox.flood import FloodLimits  # noqa: E402
from sandbox.models import FakeUser  # noqa: E402
from storage.pg import PgDatabase  # noqa: E402
from tests.pg_cluster import PgCluster, free_port  # noqa: E402
from tests.workers import BOT, Worker, sender_pid  # noqa: E402

FIRST_USER = 20_000_000
SECRET = "scale-bench-secret"  # noqa: S105 - the loopback webhook's, made up


async def seed(url: str, count: int, due: int, every: float = 0.0) -> None:
    """`count` managers, each with one reminder, due at `due` (+ `every` seconds apart)."""
    db = await PgDatabase.open(url)
    try:
        async with db.transaction() as tx:
            now = int(time.time())
            users = [(FIRST_USER + n, f"M{n}", FIRST_USER + n, now, now) for n in range(count)]
            await tx.executemany(INSERT_USER, users)
            await tx.executemany(
                INSERT_REMINDER,
                [
                    (FIRST_USER + n, FIRST_USER + n, f"scale r{n}", due + int(n * every), now, now)
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


def sent_after(emulator: BotApiEmulator, moment: float) -> list[float]:
    return sorted(
        c.wall
        for c in emulator.calls
        if c.method.lower() == "sendmessage" and c.status == 200 and c.wall > moment
    )


async def takeover(cluster: PgCluster, emulator: BotApiEmulator, kills: int) -> dict:
    """Seconds from a SIGKILL of the sending `python -m bot` to the other one's first send."""
    name = cluster.create_database(f"takeover {time.time()}")
    url = cluster.url(name)
    count = 10 * (8 + 6 * kills)  # one due every 0.1 s while the kills happen
    await seed(url, count, int(time.time()) + 8, every=0.1)
    for n in range(count):
        emulator.add_user(FakeUser(FIRST_USER + n, f"M{n}"))
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"),
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": emulator.base_url,
        "DATABASE_URL": url, "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1",
    }  # fmt: skip
    db = await PgDatabase.open(url)
    logs = Path(tempfile.mkdtemp(prefix="amb-takeover-"))
    workers = [Worker(BOT, env, logs / f"worker{n}.log") for n in range(2)]
    times = []
    try:
        for worker in workers:
            worker.start()
        await asyncio.gather(*(worker.running() for worker in workers))
        await emulator.state.wait_until(lambda: sent_after(emulator, 0) or None, 60)
        for _ in range(kills):
            await asyncio.sleep(2)
            pid = None
            while pid is None:  # a pass is under way (never long between two)
                pid = await sender_pid(db)
            victim = next(w for w in workers if w.proc is not None and w.proc.pid == pid)
            victim.kill()
            killed = time.time()
            after = await emulator.state.wait_until(  # one in flight at the kill is not it
                lambda k=killed: sent_after(emulator, k + 0.05) or None, 60
            )
            times.append(after[0] - killed)
            victim.start()
            await victim.running()
    finally:
        for worker in workers:
            worker.kill()
        await db.close()
        shutil.rmtree(logs, ignore_errors=True)
        cluster.drop_databases([name])
    return {
        "kills": kills,
        "takeover_s_median": round(statistics.median(times), 2),
        "takeover_s_max": round(max(times), 2),
    }


async def updates_per_second(cluster: PgCluster, emulator: BotApiEmulator, count: int) -> dict:
    """One webhook worker on PostgreSQL, bench/updates.py's workload over HTTP: team-group
    chatter (no reply), each update a profile write plus its seen_updates row, 20 requests
    in flight (one chat: the worker handles them one after another, in order)."""
    name = cluster.create_database(f"updates {time.time()}")
    port = free_port()
    config = dataclasses.replace(
        sqlite_bench.config_for(Path("unused.sqlite3"), emulator.url),
        database_url=cluster.url(name),
        admin_ids=(updates_bench.USER_ID,),
        webhook_url=f"http://127.0.0.1:{port}/hook",
        webhook_port=port,
        webhook_secret=SECRET,
    )
    runtime = BotRuntime(config, token=TOKEN)
    await runtime.start()
    assert runtime.services is not None
    admin = await runtime.services.access.user(updates_bench.USER_ID)
    assert admin is not None
    await runtime.services.team.register(admin, updates_bench.TEAM_CHAT, "Team")
    slots = asyncio.Semaphore(20)

    async def post(session: aiohttp.ClientSession, n: int) -> int:
        update = updates_bench.message_data(n + 1, f"Name {n}")
        headers = {SECRET_HEADER: SECRET}
        async with slots, session.post(config.webhook_url, json=update, headers=headers) as answer:
            return answer.status

    try:
        async with aiohttp.ClientSession() as session:
            started = time.perf_counter()
            statuses = await asyncio.gather(*(post(session, n) for n in range(count)))
            seconds = time.perf_counter() - started
        written = await runtime.db.fetch_one("SELECT count(*) FROM seen_updates")
    finally:
        await runtime.stop()
        cluster.drop_databases([name])
    return {
        "updates": count,
        "answered_200": statuses.count(200),
        "written": written[0],
        "updates_s_per_worker": round(count / seconds, 1),
    }


async def sqlite_figures(tiny: bool) -> dict:
    """bench/reminders.py's delivery figures on SQLite, for comparison."""
    emulator = BotApiEmulator(token=TOKEN, flood_limits=True)
    await emulator.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            throughput = await sqlite_bench.throughput(emulator, 60 if tiny else 1_000, Path(tmp))
            emulator.reset()
            latency = await sqlite_bench.latency(emulator, 5, 2 if tiny else 10, Path(tmp))
    finally:
        await emulator.stop()
    return {"throughput": throughput, "latency": latency}


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
            emulator.reset()
            took_over = await takeover(cluster, emulator, 1 if tiny else 5)
        finally:
            await emulator.stop()
        # answers unthrottled: the worker's own pace is what is measured
        emulator = BotApiEmulator(token=TOKEN, bot_username="scale_bot")
        await emulator.start(host="127.0.0.1", port=0)
        try:
            updates = await updates_per_second(cluster, emulator, 100 if tiny else 1_000)
        finally:
            await emulator.stop()
    finally:
        cluster.stop()
    return {
        "bench": "scale",
        "tiny": tiny,
        "postgres": results,
        "takeover": took_over,
        "webhook": updates,
        "sqlite": await sqlite_figures(tiny),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="small sizes, for the test")
    print(json.dumps(asyncio.run(main(parser.parse_args().tiny))))
