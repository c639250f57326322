"""Updates already handled (webhook mode): Telegram's redelivery is handled once."""

from __future__ import annotations

from storage.db import Tx

RECORD = "INSERT INTO seen_updates (update_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING"
PRUNE = "DELETE FROM seen_updates WHERE seen_at < ?"
KEEP_SECONDS = 24 * 3600  # Telegram gives up redelivering long before a day


async def first_time(tx: Tx, update_id: int, now: int) -> bool:
    """Record the update; False when some worker already did (a redelivered copy)."""
    if update_id % 1000 == 0:
        await tx.execute(PRUNE, (now - KEEP_SECONDS,))
    return (await tx.execute(RECORD, (update_id, now))).rowcount == 1
