"""Invites: single-use codes, stored only as their SHA-256 so a DB leak reveals none."""

from __future__ import annotations

from storage.db import Tx

INSERT = """
INSERT INTO invites (code_sha256, role, created_by, created_at, expires_at)
VALUES (?, ?, ?, ?, ?)
"""


async def insert(
    tx: Tx, *, code_sha256: str, role: str, created_by: int, now: int, expires_at: int
) -> int:
    return await tx.insert(INSERT, (code_sha256, role, created_by, now, expires_at))


REDEEM = """
UPDATE invites SET used_by = ?, used_at = ?
 WHERE code_sha256 = ? AND used_by IS NULL AND expires_at > ?
RETURNING role
"""


async def redeem(tx: Tx, *, code_sha256: str, user_id: int, now: int) -> str | None:
    """Mark the invite used and return its role; None if unknown, used or expired.

    One conditional UPDATE, so two people racing with the same code cannot both win.
    """
    row = await tx.fetch_one(REDEEM, (user_id, now, code_sha256, now))
    return row["role"] if row else None
