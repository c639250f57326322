"""Which database a bot runs on: PostgreSQL when DATABASE_URL is set, else the SQLite file.

Both backends offer the same surface (transaction / fetch_one / fetch_all, Tx.execute /
insert), so services and repositories never ask which one they have.
"""

from __future__ import annotations

from pathlib import Path

from storage.db import Database
from storage.pg import PgDatabase

AnyDatabase = Database | PgDatabase


async def open_database(path: Path, url: str | None = None) -> AnyDatabase:
    """Open (and migrate) the configured database."""
    if url:
        return await PgDatabase.open(url)
    return await Database.open(path)
