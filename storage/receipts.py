"""Answer receipts: a user's last changing command and a saved change whose answer was lost."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Reader, Row, Tx


@dataclass(frozen=True, slots=True)
class Receipt:
    user_id: int
    command: str | None  # the last typed command that changed something, spaces squeezed
    command_at: int | None  # UTC epoch seconds of that change
    lost_what: str | None  # a saved change the user was never told about


def _row_to_receipt(row: Row) -> Receipt:
    return Receipt(row["user_id"], row["command"], row["command_at"], row["lost_what"])


GET = "SELECT user_id, command, command_at, lost_what FROM answer_receipts WHERE user_id = ?"


async def get(db: Reader, user_id: int) -> Receipt | None:
    row = await db.fetch_one(GET, (user_id,))
    return _row_to_receipt(row) if row else None


PUT_COMMAND = """
INSERT INTO answer_receipts (user_id, command, command_at) VALUES (?, ?, ?)
ON CONFLICT (user_id) DO UPDATE SET command = excluded.command, command_at = excluded.command_at
"""


async def put_command(tx: Tx, user_id: int, command: str, at: int) -> None:
    await tx.execute(PUT_COMMAND, (user_id, command, at))


CLEAR_COMMAND = "UPDATE answer_receipts SET command = NULL, command_at = NULL WHERE user_id = ?"


async def clear_command(tx: Tx, user_id: int) -> None:
    await tx.execute(CLEAR_COMMAND, (user_id,))


PUT_LOST = """
INSERT INTO answer_receipts (user_id, lost_what) VALUES (?, ?)
ON CONFLICT (user_id) DO UPDATE SET lost_what = excluded.lost_what
"""


async def put_lost(tx: Tx, user_id: int, what: str) -> None:
    await tx.execute(PUT_LOST, (user_id, what))


CLEAR_LOST = "UPDATE answer_receipts SET lost_what = NULL WHERE user_id = ? AND lost_what = ?"


async def clear_lost(tx: Tx, user_id: int, what: str) -> bool:
    """Forget the lost answer `what` (only that one: a newer one stays to be told)."""
    cursor = await tx.execute(CLEAR_LOST, (user_id, what))
    return cursor.rowcount == 1
