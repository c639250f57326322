"""Pending "type it next" steps: at most one per user, the user's next message answers it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from storage.db import Reader, Row, Tx


@dataclass(frozen=True, slots=True)
class PendingStep:
    user_id: int
    kind: str  # "settings.tz", "client.log", "newclient", "away", "import", ...
    state: str  # the wizard's current question ("" for one-question steps)
    data: dict[str, Any]
    updated_at: int  # UTC epoch seconds of the last question asked


def _row_to_step(row: Row) -> PendingStep:
    return PendingStep(
        user_id=row["user_id"],
        kind=row["kind"],
        state=row["state"],
        data=json.loads(row["data"]),
        updated_at=row["updated_at"],
    )


PUT = """
INSERT INTO pending_steps (user_id, kind, state, data, updated_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (user_id) DO UPDATE SET
    kind = excluded.kind, state = excluded.state, data = excluded.data,
    updated_at = excluded.updated_at
"""


async def put(tx: Tx, step: PendingStep) -> None:
    """Start or move on a step; a user's earlier step is replaced."""
    data = json.dumps(step.data, ensure_ascii=False, separators=(",", ":"))
    await tx.execute(PUT, (step.user_id, step.kind, step.state, data, step.updated_at))


GET = "SELECT user_id, kind, state, data, updated_at FROM pending_steps WHERE user_id = ?"


async def get(db: Reader, user_id: int) -> PendingStep | None:
    row = await db.fetch_one(GET, (user_id,))
    return _row_to_step(row) if row else None


DELETE = "DELETE FROM pending_steps WHERE user_id = ?"


async def delete(tx: Tx, user_id: int) -> None:
    await tx.execute(DELETE, (user_id,))


DELETE_IF_SAME = "DELETE FROM pending_steps WHERE user_id = ? AND kind = ? AND updated_at = ?"


async def delete_if_same(tx: Tx, step: PendingStep) -> bool:
    """Remove `step` only if it is still the one stored (not replaced meanwhile)."""
    cursor = await tx.execute(DELETE_IF_SAME, (step.user_id, step.kind, step.updated_at))
    return cursor.rowcount == 1
