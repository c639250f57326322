"""Shared fixtures: one Bot API emulator per run, the real bot against it per test.

`bot` starts the production `BotRuntime` (real PTB Application, real SQLite file, real
JobQueue) against the emulator on 127.0.0.1 with an injected FakeClock; `bot_process`
runs `python -m bot` as a subprocess against the same emulator.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import re
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.config import Config
from bot.runtime import BotRuntime
from sandbox.emulator import BotApiEmulator
from sandbox.flood import FloodLimits, Rate
from sandbox.models import BotMessage, FakeUser
from storage import users
from storage.db import Database
from storage.pg import PgDatabase
from tests.pg_cluster import TEMPLATE, PgCluster

TOKEN = "123456789:TEST-e2e-token-aaaaaaaaaaaaaaaaaaaaaaa"
ADMIN = FakeUser(1001, "Alice", "Admin", username="alice", language_code="en")
START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
TEST_LIMITS = FloodLimits(private=Rate(10, 1))

# TEST_DB=postgres runs the database-touching tests on a throw-away PostgreSQL cluster.
POSTGRES = os.environ.get("TEST_DB", "sqlite") == "postgres"
# What only SQLite has (the file, its lock, its corruption checks, the sandbox's own file).
SQLITE_ONLY = (
    "tests/storage/test_db.py",
    "tests/storage/test_transfer.py",
    "tests/storage/test_backup.py",
    "tests/storage/test_bench_scale.py",  # starts its own cluster: once is enough
    "tests/reminders/test_failover.py",  # PostgreSQL workers whatever TEST_DB: once is enough
    "tests/e2e/test_webhook_workers.py",  # the same
    "tests/reminders/test_crash.py",
    "tests/sandbox/",
    "tests/e2e/test_process.py::TestSingleInstance",  # the file lock; PostgreSQL takes many
    "tests/e2e/test_secrets.py::TestFileModes",  # modes of the SQLite file and its companions
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL keep the tests that touch a database and are not about SQLite itself."""
    if not POSTGRES:
        return
    keep, drop = [], []
    for item in items:
        touches_db = {"config", "bot", "bot_process", "pg_cluster"} & set(item.fixturenames) or (
            "Database.open" in item.path.read_text(encoding="utf-8")
        )
        (keep if touches_db and not item.nodeid.startswith(SQLITE_ONLY) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A throw-away PostgreSQL server, its template database migrated."""
    cluster = PgCluster()
    cluster.start()
    try:
        with ThreadPoolExecutor(1) as pool:  # maybe called inside the running test loop
            pool.submit(asyncio.run, _migrate(cluster.url(TEMPLATE))).result()
        yield cluster
    finally:
        cluster.stop()


async def _migrate(url: str) -> None:
    await (await PgDatabase.open(url)).close()


class PgDatabases:
    """One PostgreSQL database per SQLite path a test names, so reopening finds its data."""

    def __init__(self, cluster: PgCluster) -> None:
        self.cluster = cluster
        self.names: dict[str, str] = {}

    def url_for(self, path: Path) -> str:
        key = str(path)
        if key not in self.names:
            self.names[key] = self.cluster.create_database(key)
        return self.cluster.url(self.names[key])


@pytest.fixture(autouse=True)
async def pg(request: pytest.FixtureRequest, monkeypatch) -> AsyncIterator[PgDatabases | None]:
    """On PostgreSQL: Database.open(path) opens that path's database in the cluster."""
    if not POSTGRES:
        yield None
        return
    databases = PgDatabases(request.getfixturevalue("pg_cluster"))

    async def open_pg(cls, path: Path, *, migrate: bool = True) -> PgDatabase:
        return await PgDatabase.open(databases.url_for(path), migrate=migrate)

    monkeypatch.setattr(Database, "open", classmethod(open_pg))
    try:
        yield databases
    finally:
        databases.cluster.drop_databases(list(databases.names.values()))


@pytest.fixture(scope="session")
async def emulator() -> AsyncIterator[BotApiEmulator]:
    # Private chats at 10 messages/s, as in the sandbox, instead of Telegram's 1/s: a test
    # clicks through a menu faster than a person. Group and global limits stay Telegram's;
    # tests/sandbox/test_flood.py and the reminder fault tests check the 1/s behaviour.
    emu = BotApiEmulator(token=TOKEN, bot_username="amb_test_bot", flood_limits=TEST_LIMITS)
    await emu.start(host="127.0.0.1", port=0)
    yield emu
    await emu.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def config(tmp_path: Path, emulator: BotApiEmulator, pg: PgDatabases | None) -> Config:
    return Config(
        token=TOKEN,
        database_path=tmp_path / "bot.sqlite3",
        database_url=pg.url_for(tmp_path / "bot.sqlite3") if pg else None,
        admin_ids=(ADMIN.id,),
        default_language="en",
        default_timezone="Europe/Amsterdam",
        api_base_url=emulator.base_url,
        api_file_url=emulator.base_file_url,
    )


class Harness:
    """The running bot plus helpers that act as users and wait for the bot's answers."""

    def __init__(self, emu: BotApiEmulator, runtime: BotRuntime, clock: FakeClock) -> None:
        self.emu = emu
        self.runtime = runtime
        self.clock = clock

    @property
    def services(self):
        return self.runtime.services

    async def say(
        self,
        user: FakeUser,
        text: str,
        *,
        chat: int | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> BotMessage:
        """The user writes; returns the bot's first message in that chat after it."""
        mark = self.emu.mark()
        self.emu.send_text(user, text, chat=chat)
        return await self.emu.wait_for_message(chat or user.id, since=mark, timeout=timeout)

    async def press(
        self, user: FakeUser, data: str, *, message_id: int | None = None, chat: int | None = None
    ) -> str:
        """The user presses a button; returns the query id once the bot answered it."""
        query_id = self.emu.press_button(user, message_id, data, chat=chat)
        await self.emu.wait_for_callback_answer(query_id)
        return query_id

    async def press_and_edit(
        self, user: FakeUser, data: str, *, message_id: int, chat: int | None = None
    ) -> BotMessage:
        """The user presses a button that edits its message; returns the edited message."""
        mark = self.emu.mark()
        self.emu.press_button(user, message_id, data, chat=chat)
        return await self.emu.wait_for_edit(chat or user.id, message_id, since=mark)

    async def add_user(self, user: FakeUser, role: str = "manager", **settings) -> None:
        """Register directly in the DB (tests of other features need not redo the invite)."""
        self.emu.add_user(user)
        async with self.services.db.transaction() as tx:
            await users.insert(
                tx,
                user_id=user.id,
                name=user.first_name,
                username=user.username,
                role=role,
                language=settings.get("language", "en"),
                timezone=settings.get("timezone", "Europe/Amsterdam"),
                working_minute=settings.get("working_minute", 540),
                chat_id=user.id,
                now=self.clock.timestamp(),
            )
            if "digest_minute" in settings:
                await users.update_setting(
                    tx, user.id, "digest_minute", settings["digest_minute"], self.clock.timestamp()
                )


@pytest.fixture
async def bot(emulator: BotApiEmulator, config: Config, clock: FakeClock) -> AsyncIterator[Harness]:
    emulator.reset()
    emulator.add_user(ADMIN)
    runtime = BotRuntime(config, token=TOKEN, clock=clock, poll_timeout=5)
    await runtime.start()
    # Let the start-up reminder pass finish before the test arranges its data, so it
    # cannot act on half of it (e.g. find a digest due but still empty, and skip it).
    await runtime.time_moved()
    harness = Harness(emulator, runtime, clock)
    try:
        yield harness
    finally:
        await harness.runtime.stop()  # a test may have restarted it: stop the current one


@pytest.fixture
async def restartable(bot: Harness) -> AsyncIterator[None]:
    """For tests that restart the runtime: the `bot` fixture stops the one it started, this
    stops the one the test started last."""
    original = bot.runtime
    yield
    if bot.runtime is not original:
        await bot.runtime.stop()


async def restart(bot: Harness, config: Config, downtime: timedelta = timedelta(0)) -> None:
    """Stop the bot, let time pass while it is down, start a new one on the same DB."""
    await bot.runtime.stop()
    bot.clock.advance(downtime)
    bot.runtime = BotRuntime(config, token=TOKEN, clock=bot.clock, poll_timeout=5)
    await bot.runtime.start()


class BotProcess:
    """`python -m bot` in a subprocess, its stderr kept in a file for log checks."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot"], cwd=ROOT, env=self.env, stdout=log, stderr=log
        )

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> int:
        """SIGTERM and wait: the clean shutdown path."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=20)
        return self.proc.returncode

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def bot_env(config: Config, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "TELEGRAM_BOT_TOKEN": config.token or "",
        "TELEGRAM_API_BASE_URL": config.api_base_url,
        "DATABASE_PATH": str(config.database_path),
        **({"DATABASE_URL": config.database_url} if config.database_url else {}),
        "ADMIN_IDS": ",".join(str(i) for i in config.admin_ids),
        "DEFAULT_TIMEZONE": config.default_timezone,
        "LOG_LEVEL": "DEBUG",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


@pytest.fixture
async def bot_process(
    emulator: BotApiEmulator, config: Config, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    """A started `python -m bot`, ready once it long-polls the emulator."""
    emulator.reset()
    emulator.add_user(ADMIN)
    process = BotProcess(bot_env(config), tmp_path / "bot.log")
    mark = emulator.mark()
    process.start()
    try:
        # PTB deletes the webhook right before its first getUpdates: polling has begun.
        await emulator.wait_for_call("deleteWebhook", since=mark, timeout=30)
        yield process
    finally:
        process.kill()


TOKEN_PATTERN = re.compile(r"\d+:[A-Za-z0-9_-]{30,}")


def replace_config(config: Config, **changes) -> Config:
    return dataclasses.replace(config, **changes)


async def wait_until(predicate, *, timeout: float = 5.0, interval: float = 0.01) -> None:  # noqa: ASYNC109
    """For state outside the emulator (a process exit): bounded polling, never a fixed sleep."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(interval)
