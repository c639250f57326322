"""Contracts: end (renewal) date and notice period; dates as 'YYYY-MM-DD'."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Reader, Row, Tx


@dataclass(frozen=True, slots=True)
class Contract:
    id: int
    client_id: int
    title: str | None
    end_on: str
    notice_days: int


def _row_to_contract(row: Row) -> Contract:
    return Contract(**dict(row))


INSERT = """
INSERT INTO contracts (client_id, title, end_on, notice_days, created_at) VALUES (?, ?, ?, ?, ?)
"""


async def insert(
    tx: Tx, *, client_id: int, end_on: str, notice_days: int, now: int, title: str | None = None
) -> int:
    return await tx.insert(INSERT, (client_id, title, end_on, notice_days, now))


NEXT_END = """
SELECT id, client_id, title, end_on, notice_days FROM contracts
 WHERE client_id = ? AND renewed = 0 ORDER BY end_on DESC, id DESC LIMIT 1
"""


async def latest(db: Reader, client_id: int) -> Contract | None:
    """The contract that ends last (the one whose renewal matters)."""
    row = await db.fetch_one(NEXT_END, (client_id,))
    return _row_to_contract(row) if row else None
