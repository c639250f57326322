"""Interactions: what happened with a client (calls, meetings, notes...).

`insert` is shared by the client card, `/log` and the reminder's "Log call" button: every
logged interaction also restarts the client's contact cadence (`clients.last_contact_at`)
in the same transaction, so the "going cold" list can never disagree with the history.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Reader, Row, Tx

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


@dataclass(frozen=True, slots=True)
class Interaction:
    id: int
    client_id: int
    user_id: int
    kind: str
    happened_at: int
    summary: str
    outcome: str | None
    decisions: str | None
    next_step: str | None
    place: str | None
    complaint_status: str | None


COLUMNS = """id, client_id, user_id, kind, happened_at, summary, outcome, decisions, next_step,
 place, complaint_status"""


def _row_to_interaction(row: Row) -> Interaction:
    return Interaction(**dict(row))


FOR_CLIENT = f"""
SELECT {COLUMNS} FROM interactions WHERE client_id = ?
 ORDER BY happened_at DESC, id DESC LIMIT ? OFFSET ?
"""  # noqa: S608


async def for_client(
    db: Reader, client_id: int, *, limit: int, offset: int = 0
) -> list[Interaction]:
    """Newest first."""
    rows = await db.fetch_all(FOR_CLIENT, (client_id, limit, offset))
    return [_row_to_interaction(row) for row in rows]


GET = f"SELECT {COLUMNS} FROM interactions WHERE id = ?"  # noqa: S608


async def get(db: Reader, interaction_id: int) -> Interaction | None:
    row = await db.fetch_one(GET, (interaction_id,))
    return _row_to_interaction(row) if row else None


RESOLVE = """
UPDATE interactions SET complaint_status = 'resolved'
 WHERE id = ? AND kind = 'complaint' AND complaint_status = 'open'
"""


async def resolve_complaint(tx: Tx, interaction_id: int) -> bool:
    cursor = await tx.execute(RESOLVE, (interaction_id,))
    return cursor.rowcount == 1


FOR_EXPORT = """
SELECT i.id, i.client_id, i.user_id, i.kind, i.happened_at, i.summary, i.outcome, i.decisions,
       i.next_step, i.place, i.complaint_status
  FROM interactions i JOIN clients c ON c.id = i.client_id
 WHERE (? IS NULL OR c.owner_id = ?) ORDER BY i.client_id, i.happened_at, i.id
"""


async def for_export(db: Reader, owner_id: int | None) -> list[Interaction]:
    rows = await db.fetch_all(FOR_EXPORT, (owner_id, owner_id))
    return [_row_to_interaction(row) for row in rows]


async def insert_many(tx: Tx, rows: list[tuple]) -> None:
    """Bulk load (benchmarks, imports): rows in INSERT's column order; then every touched
    client's last contact is brought up to date in one statement."""
    await tx.executemany(INSERT, rows)
    await tx.execute(TOUCH_ALL)


TOUCH_ALL = """
UPDATE clients SET last_contact_at = (
    SELECT max(happened_at) FROM interactions WHERE interactions.client_id = clients.id)
 WHERE EXISTS (SELECT 1 FROM interactions WHERE interactions.client_id = clients.id)
"""


OPEN_COMPLAINTS = """
SELECT i.id, i.client_id, c.name AS client_name, i.happened_at, i.summary
  FROM interactions i JOIN clients c ON c.id = i.client_id
 WHERE i.kind = 'complaint' AND i.complaint_status = 'open' AND (? IS NULL OR c.owner_id = ?)
 ORDER BY i.happened_at, i.id LIMIT ?
"""


async def open_complaints(
    db: Reader, owner_id: int | None, limit: int = 30
) -> list[tuple[int, int, str, int, str]]:
    """(id, client id, client name, happened_at, summary) of open complaints, oldest first."""
    rows = await db.fetch_all(OPEN_COMPLAINTS, (owner_id, owner_id, limit))
    return [tuple(row) for row in rows]


SET_OUTCOME = "UPDATE interactions SET outcome = ? WHERE id = ? AND user_id = ?"


async def set_outcome(tx: Tx, interaction_id: int, *, user_id: int, outcome: str) -> bool:
    """Fill in how it went (the reminder's "Log call" asks for it after the call is logged)."""
    cursor = await tx.execute(SET_OUTCOME, (outcome, interaction_id, user_id))
    return cursor.rowcount == 1
