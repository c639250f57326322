"""Interactions: what happened with a client (calls, meetings, notes...).

`insert` is shared by the client card, `/log` and the reminder's "Log call" button: every
logged interaction also restarts the client's contact cadence (`clients.last_contact_at`)
in the same transaction, so the "going cold" list can never disagree with the history.
"""

from __future__ import annotations

from storage.db import Tx

INSERT = """
INSERT INTO interactions (client_id, user_id, kind, happened_at, summary, outcome, decisions,
                          next_step, place, complaint_status, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
TOUCH_CLIENT = """
UPDATE clients SET last_contact_at = MAX(COALESCE(last_contact_at, 0), ?)
 WHERE id = ?
"""


async def insert(
    tx: Tx,
    *,
    client_id: int,
    user_id: int,
    kind: str,
    happened_at: int,
    summary: str,
    now: int,
    outcome: str | None = None,
    decisions: str | None = None,
    next_step: str | None = None,
    place: str | None = None,
    complaint_status: str | None = None,
) -> int:
    """Record an interaction and restart the client's cadence clock; returns its id."""
    interaction_id = await tx.insert(
        INSERT,
        (
            client_id,
            user_id,
            kind,
            happened_at,
            summary,
            outcome,
            decisions,
            next_step,
            place,
            complaint_status,
            now,
        ),
    )
    await tx.execute(TOUCH_CLIENT, (happened_at, client_id))
    return interaction_id


SET_OUTCOME = "UPDATE interactions SET outcome = ? WHERE id = ? AND user_id = ?"


async def set_outcome(tx: Tx, interaction_id: int, *, user_id: int, outcome: str) -> bool:
    """Fill in how it went (the reminder's "Log call" asks for it after the call is logged)."""
    cursor = await tx.execute(SET_OUTCOME, (outcome, interaction_id, user_id))
    return cursor.rowcount == 1
