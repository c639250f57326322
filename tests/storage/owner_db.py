"""A fresh database holding one manager, the owner most storage tests write rows for."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from storage import users
from storage.db import Database

NOW = 1_800_000_000
OWNER = 42


async def database_with_owner(tmp_path: Path) -> AsyncIterator[Database]:
    """Open bot.sqlite3 under `tmp_path` with user OWNER ("Anna", manager); close after."""
    database = await Database.open(tmp_path / "bot.sqlite3")
    async with database.transaction() as tx:
        await users.insert(
            tx,
            user_id=OWNER,
            name="Anna",
            username=None,
            role="manager",
            language="en",
            timezone="UTC",
            working_minute=540,
            chat_id=OWNER,
            now=NOW,
        )
    yield database
    await database.close()
