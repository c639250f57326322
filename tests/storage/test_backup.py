"""SQLite backups: online copies of a live WAL database, checked, rotated, restored."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.backups import daily_backup
from bot.config import Config
from storage import users
from storage.backup import backup, integrity_check, restore, rotate, scheduled_backup
from storage.db import Database
from storage.errors import AlreadyRunning, CorruptDatabase
from storage.lock import InstanceLock
from tests.conftest import ROOT, TOKEN

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


async def add_user(db: Database, user_id: int) -> None:
    async with db.transaction() as tx:
        await users.insert(
            tx, user_id=user_id, name=f"u{user_id}", username=None, role="manager",
            language="en", timezone="UTC", working_minute=540, chat_id=user_id, now=0,
        )  # fmt: skip


async def count_users(path: Path) -> int:
    db = await Database.open(path, migrate=False)
    try:
        return (await db.fetch_one("SELECT count(*) FROM users"))[0]
    finally:
        await db.close()


async def test_a_live_wal_database_is_copied_whole_and_checked(tmp_path: Path) -> None:
    live = await Database.open(tmp_path / "bot.sqlite3")
    try:
        await add_user(live, 1)
        await add_user(live, 2)  # committed, still in the -wal file (no checkpoint yet)
        assert (tmp_path / "bot.sqlite3-wal").stat().st_size > 0
        made = backup(tmp_path / "bot.sqlite3", tmp_path / "copies" / "one.sqlite3")
    finally:
        await live.close()
    integrity_check(made)
    assert await count_users(made) == 2
    assert made.stat().st_mode & 0o777 == 0o600  # as private as the database
    assert not list((tmp_path / "copies").glob("*.partial"))


def test_rotation_keeps_the_newest(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    sqlite3.connect(database).execute("CREATE TABLE t (x)").connection.close()
    for day in range(5):
        scheduled_backup(database, tmp_path / "b", keep=3, now=NOW + timedelta(days=day))
    kept = sorted(p.name for p in (tmp_path / "b").iterdir())
    assert kept == ["bot-20261126-030000.sqlite3", "bot-20261127-030000.sqlite3",
                    "bot-20261128-030000.sqlite3"]  # fmt: skip
    assert rotate(tmp_path / "b", 3) == []


async def test_restore_refuses_while_a_bot_holds_the_lock_then_restores(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    db = await Database.open(database)
    await add_user(db, 1)
    await db.close()
    saved = backup(database, tmp_path / "saved.sqlite3")
    db = await Database.open(database)
    await add_user(db, 2)
    await db.close()

    lock = InstanceLock(database)
    lock.acquire()
    try:
        with pytest.raises(AlreadyRunning):
            restore(saved, database)
    finally:
        lock.release()
    assert await count_users(database) == 2
    restore(saved, database)
    assert await count_users(database) == 1


def test_a_corrupt_backup_is_never_restored(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(CorruptDatabase):
        restore(bad, tmp_path / "bot.sqlite3")
    assert not (tmp_path / "bot.sqlite3").exists()


async def test_the_daily_job_writes_a_checked_copy_and_rotates(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    db = await Database.open(database)
    await add_user(db, 1)
    config = Config(token="t", database_path=database, backup_dir=tmp_path / "daily", backup_keep=2)
    try:
        for day in range(3):
            clock = SimpleNamespace(now=lambda day=day: NOW + timedelta(days=day))
            await daily_backup(
                SimpleNamespace(services=SimpleNamespace(config=config, clock=clock))
            )
    finally:
        await db.close()
    copies = sorted((tmp_path / "daily").iterdir())
    assert len(copies) == 2
    assert await count_users(copies[-1]) == 1


def test_the_backup_command_from_the_shell(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    sqlite3.connect(database).execute("CREATE TABLE t (x)").connection.close()
    env = {**os.environ, "DATABASE_PATH": str(database), "TELEGRAM_BOT_TOKEN": TOKEN}
    env = {k: v for k, v in env.items() if k not in ("DATABASE_URL", "BACKUP_DIR")}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "backup", str(tmp_path / "out.sqlite3")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "integrity_check ok" in done.stdout
    integrity_check(tmp_path / "out.sqlite3")
    refused = subprocess.run(
        [sys.executable, "-m", "bot", "restore", str(tmp_path / "missing.sqlite3")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 1 and "restore:" in refused.stderr
