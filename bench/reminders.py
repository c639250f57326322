"""Reminder engine budgets (DESIGN.md section 8), printed as one JSON line.

    .venv/bin/python bench/reminders.py            # full sizes (about a minute)
    .venv/bin/python bench/reminders.py --tiny     # seconds; what the test runs

1. Start-up to ready with N pending reminders (100,000 and 10,000, to show it is flat):
   a fresh process opens the DB and runs BotRuntime.start() against the emulator; we
   report the seconds start() took and the process RSS after it.
2. 1,000 reminders due at the same moment to 1,000 chats through the emulator with
   Telegram's flood limits on: delivery rate, lost, duplicated, 429 answers.
3. due -> sendMessage latency when not rate-limited: a few reminders due each second to
   distinct chats; latency = arrival of the request at the emulator minus due time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config  # noqa: E402
from bot.runtime import BotRuntime  # noqa: E402
from sandbox.emulator import BotApiEmulator  # noqa: E402
from sandbox.models import FakeUser  # noqa: E402
from storage.db import Database  # noqa: E402

TOKEN = "123456789:BENCH-bench-bench-bench-bench-00000"  # noqa: S105 - emulator only
FIRST_USER = 10_000_000
INSERT_USER = """
INSERT INTO users (id, name, role, language, timezone, chat_id, created_at, updated_at)
VALUES (?, ?, 'manager', 'en', 'Europe/Amsterdam', ?, ?, ?)
"""
INSERT_REMINDER = """
INSERT INTO reminders (owner_id, chat_id, kind, text, due_at, created_at, updated_at)
VALUES (?, ?, 'follow_up', ?, ?, ?, ?)
"""


def config_for(db_path: Path, emulator_url: str) -> Config:
    return Config(
        token=TOKEN,
        database_path=db_path,
        default_timezone="Europe/Amsterdam",
        api_base_url=f"{emulator_url}/bot",
        api_file_url=f"{emulator_url}/file/bot",
        log_level="WARNING",
    )


async def seed(db_path: Path, *, users: int, schedule: list[tuple[int, int]]) -> None:
    """`users` managers with private chats; reminders as (user index, due_at)."""
    now = int(time.time())
    db = await Database.open(db_path)
    try:
        async with db.transaction() as tx:
            await tx.executemany(
                INSERT_USER,
                [(FIRST_USER + n, f"M{n}", FIRST_USER + n, now, now) for n in range(users)],
            )
            await tx.executemany(
                INSERT_REMINDER,
                [
                    (FIRST_USER + u, FIRST_USER + u, f"bench r{k}", due, now, now)
                    for k, (u, due) in enumerate(schedule)
                ],
            )
    finally:
        await db.close()


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def child_startup(db_path: str, emulator_url: str) -> None:
    """In a fresh process: how long BotRuntime.start() takes on this DB, and the RSS.

    Also times its two parts that could grow with the table: opening the database (the
    foundation's integrity check reads every page) and the reminder dispatcher's start.
    """
    from bot.reminders.dispatcher import Dispatcher

    parts: dict[str, float] = {}

    def timed(name, func):
        async def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return await func(*args, **kwargs)
            finally:
                parts[name] = time.perf_counter() - began

        return wrapper

    Database.open = timed("db_open_s", Database.open)  # type: ignore[method-assign]
    Dispatcher.start = timed("dispatcher_start_s", Dispatcher.start)  # type: ignore[method-assign]
    runtime = BotRuntime(config_for(Path(db_path), emulator_url), token=TOKEN, poll_timeout=1)
    started = time.perf_counter()
    await runtime.start()
    ready = time.perf_counter() - started
    current, peak = rss_mb()
    # The follow-up parser (dateparser data of four languages) loads in a thread right
    # after start-up; what the process weighs once it has, is the figure that lasts.
    await runtime.services.followups.warm_up()
    warm, _ = rss_mb()
    await runtime.stop()
    figures = {"ready_s": ready, **parts, "rss_mb": current, "peak_mb": peak, "warm_rss_mb": warm}
    print(json.dumps({key: round(value, 4) for key, value in figures.items()}))


async def startup(emulator: BotApiEmulator, pending: int, workdir: Path, runs: int) -> dict:
    db_path = workdir / f"startup-{pending}.sqlite3"
    now = int(time.time())
    users = min(pending, 1000)
    # spread over the coming year, so nothing is due while we measure
    schedule = [(k % users, now + 3600 + k * 300) for k in range(pending)]
    await seed(db_path, users=users, schedule=schedule)
    command = [sys.executable, __file__, "--child-startup", str(db_path), emulator.url]
    figures = []
    for _ in range(runs):  # the machine is shared: report the median of fresh processes
        proc = await asyncio.create_subprocess_exec(
            *command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
        )
        out, err = await proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(err.decode())
        figures.append(json.loads(out.decode().strip().splitlines()[-1]))
    return {key: statistics.median(run[key] for run in figures) for key in figures[0]}


async def run_bot(config: Config) -> BotRuntime:
    runtime = BotRuntime(config, token=TOKEN, poll_timeout=1)
    await runtime.start()
    return runtime


def sends(emulator: BotApiEmulator, since: int) -> list:
    return [
        c
        for c in emulator.calls
        if c.method.lower() == "sendmessage" and c.seq > since and c.chat_id is not None
    ]


async def wait_for_sends(emulator: BotApiEmulator, since: int, count: int, timeout: float) -> None:  # noqa: ASYNC109
    done = await emulator.state.wait_until(
        lambda: (
            True if sum(1 for c in sends(emulator, since) if c.status == 200) >= count else None
        ),
        timeout,
    )
    if done is None:
        raise TimeoutError(f"fewer than {count} messages within {timeout} s")


async def throughput(emulator: BotApiEmulator, chats: int, workdir: Path) -> dict:
    db_path = workdir / "throughput.sqlite3"
    due = int(time.time()) + 2
    await seed(db_path, users=chats, schedule=[(k, due) for k in range(chats)])
    for n in range(chats):
        emulator.add_user(FakeUser(FIRST_USER + n, f"M{n}"))
    mark = emulator.mark()
    before_429 = emulator.stats["too_many_requests"]
    runtime = await run_bot(config_for(db_path, emulator.url))
    try:
        await wait_for_sends(emulator, mark, chats, timeout=chats / 20 + 30)
        await asyncio.sleep(0.5)  # anything extra (a duplicate) would show up now
    finally:
        await runtime.stop()
    ok = [c for c in sends(emulator, mark) if c.status == 200]
    texts = Counter(c.params["text"].split("\n")[1] for c in ok)
    walls = sorted(c.wall for c in ok)
    return {
        "messages": chats,
        "rate_msg_s": round((len(walls) - 1) / (walls[-1] - walls[0]), 2)
        if len(walls) > 1
        else None,
        "seconds_from_due": round(walls[-1] - due, 2),
        "lost": chats - len(texts),
        "duplicated": sum(n - 1 for n in texts.values()),
        "answered_429": emulator.stats["too_many_requests"] - before_429,
    }


async def latency(emulator: BotApiEmulator, per_second: int, seconds: int, workdir: Path) -> dict:
    db_path = workdir / "latency.sqlite3"
    start = int(time.time()) + 2
    total = per_second * seconds
    schedule = [(k, start + k // per_second) for k in range(total)]
    await seed(db_path, users=total, schedule=schedule)
    for n in range(total):
        emulator.add_user(FakeUser(FIRST_USER + n, f"M{n}"))
    mark = emulator.mark()
    runtime = await run_bot(config_for(db_path, emulator.url))
    try:
        await wait_for_sends(emulator, mark, total, timeout=seconds + 30)
    finally:
        await runtime.stop()
    due_of = {f"bench r{k}": due for k, (_, due) in enumerate(schedule)}
    lags = sorted(
        (c.wall - due_of[c.params["text"].split("\n")[1]]) * 1000
        for c in sends(emulator, mark)
        if c.status == 200
    )
    return {
        "messages": len(lags),
        "p50_ms": round(statistics.median(lags), 1),
        "p99_ms": round(lags[min(len(lags) - 1, int(len(lags) * 0.99))], 1),
        "max_ms": round(lags[-1], 1),
    }


async def main(tiny: bool) -> dict:
    sizes = (1_000, 100) if tiny else (100_000, 10_000)
    chats = 30 if tiny else 1_000
    per_second, seconds = (5, 2) if tiny else (10, 10)
    emulator = BotApiEmulator(token=TOKEN, flood_limits=True)
    await emulator.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            result: dict = {"bench": "reminders", "tiny": tiny}
            for pending in sizes:
                result[f"startup_{pending}"] = await startup(
                    emulator, pending, workdir, runs=1 if tiny else 3
                )
            emulator.reset()
            result["throughput"] = await throughput(emulator, chats, workdir)
            emulator.reset()
            result["latency"] = await latency(emulator, per_second, seconds, workdir)
    finally:
        await emulator.stop()
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="small sizes, for the test")
    parser.add_argument("--child-startup", nargs=2, metavar=("DB", "EMULATOR_URL"))
    args = parser.parse_args()
    if args.child_startup:
        asyncio.run(child_startup(*args.child_startup))
    else:
        print(json.dumps(asyncio.run(main(args.tiny))))
