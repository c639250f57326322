"""What tables the database holds, on either backend (dialect.TWINS has the PostgreSQL one)."""

from __future__ import annotations

from storage.db import Reader

TABLES = """
SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
"""


async def tables(db: Reader) -> list[str]:
    """Every table's name, the migrations' bookkeeping included, sorted."""
    return [row[0] for row in await db.fetch_all(TABLES)]
