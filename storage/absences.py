"""Absences: a manager away from `start_on` to `end_on` (local dates, both included).

An absence is open until it ends by date or by /back (`ended_at`); `handoff_posted_at` and
`summary_sent_at` make the handoff post and the return summary happen exactly once, even
when the periodic check runs again after a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.db import Reader, Row, Tx, day


@dataclass(frozen=True, slots=True)
class Absence:
    id: int
    user_id: int
    start_on: date  # in the user's zone
    end_on: date
    deputy_id: int | None
    reason: str | None
    ended_at: int | None
    handoff_posted_at: int | None
    summary_sent_at: int | None


COLUMNS = """id, user_id, start_on, end_on, deputy_id, reason, ended_at, handoff_posted_at,
 summary_sent_at"""


def _row_to_absence(row: Row) -> Absence:
    return Absence(
        id=row["id"],
        user_id=row["user_id"],
        start_on=day(row["start_on"]),
        end_on=day(row["end_on"]),
        deputy_id=row["deputy_id"],
        reason=row["reason"],
        ended_at=row["ended_at"],
        handoff_posted_at=row["handoff_posted_at"],
        summary_sent_at=row["summary_sent_at"],
    )


INSERT = """
INSERT INTO absences (user_id, start_on, end_on, deputy_id, reason, created_at)
VALUES (?, ?, ?, ?, ?, ?)
"""


async def insert(
    tx: Tx,
    *,
    user_id: int,
    start_on: str,
    end_on: str,
    deputy_id: int | None,
    reason: str | None,
    now: int,
) -> int:
    return await tx.insert(INSERT, (user_id, start_on, end_on, deputy_id, reason, now))


GET = f"SELECT {COLUMNS} FROM absences WHERE id = ?"  # noqa: S608 - constant column list


async def get(db: Reader, absence_id: int) -> Absence | None:
    row = await db.fetch_one(GET, (absence_id,))
    return _row_to_absence(row) if row else None


OVERLAPPING = f"""
SELECT {COLUMNS} FROM absences
 WHERE user_id = ? AND ended_at IS NULL AND start_on <= ? AND end_on >= ?
 ORDER BY start_on LIMIT 1
"""  # noqa: S608 - constant column list


async def overlapping(db: Reader, user_id: int, start_on: str, end_on: str) -> Absence | None:
    """An open absence of the user that shares at least one day with [start_on, end_on]."""
    row = await db.fetch_one(OVERLAPPING, (user_id, end_on, start_on))
    return _row_to_absence(row) if row else None


async def on_day(db: Reader, user_id: int, day: str) -> Absence | None:
    """The user's open absence covering `day`, if any."""
    return await overlapping(db, user_id, day, day)


CURRENT_OR_NEXT = f"""
SELECT {COLUMNS} FROM absences
 WHERE user_id = ? AND ended_at IS NULL AND end_on >= ?
 ORDER BY start_on LIMIT 1
"""  # noqa: S608 - constant column list


async def current_or_next(db: Reader, user_id: int, today: str) -> Absence | None:
    row = await db.fetch_one(CURRENT_OR_NEXT, (user_id, today))
    return _row_to_absence(row) if row else None


PLANNED = f"""
SELECT {COLUMNS} FROM absences
 WHERE user_id = ? AND ended_at IS NULL AND start_on > ?
 ORDER BY start_on
"""  # noqa: S608 - constant column list


async def planned(db: Reader, user_id: int, today: str) -> list[Absence]:
    """The user's absences that have not begun yet, soonest first."""
    return [_row_to_absence(row) for row in await db.fetch_all(PLANNED, (user_id, today))]


CANCEL_PLANNED = """
DELETE FROM absences WHERE id = ? AND user_id = ? AND ended_at IS NULL AND start_on > ?
"""


async def cancel_planned(tx: Tx, absence_id: int, *, user_id: int, today: str) -> bool:
    """Drop an absence that has not begun (nothing was posted or rerouted for it yet)."""
    cursor = await tx.execute(CANCEL_PLANNED, (absence_id, user_id, today))
    return cursor.rowcount == 1


END = """
UPDATE absences SET ended_at = ?, end_on = MIN(end_on, ?)
 WHERE id = ? AND ended_at IS NULL
"""


async def end(tx: Tx, absence_id: int, *, today: str, now: int) -> bool:
    """End early (/back): the absence stops covering days after `today`."""
    cursor = await tx.execute(END, (now, today, absence_id))
    return cursor.rowcount == 1


NEEDING_HANDOFF = f"""
SELECT {COLUMNS} FROM absences
 WHERE handoff_posted_at IS NULL AND ended_at IS NULL AND start_on <= ? AND end_on >= ?
 ORDER BY start_on, id
"""  # noqa: S608 - constant column list


async def needing_handoff(db: Reader, latest_today: str, earliest_today: str) -> list[Absence]:
    """Absences that have begun (by the widest "today" across zones) with no handoff yet.

    The caller checks each against its user's own local date.
    """
    rows = await db.fetch_all(NEEDING_HANDOFF, (latest_today, earliest_today))
    return [_row_to_absence(row) for row in rows]


NEEDING_SUMMARY = f"""
SELECT {COLUMNS} FROM absences
 WHERE summary_sent_at IS NULL AND handoff_posted_at IS NOT NULL
   AND (ended_at IS NOT NULL OR end_on < ?)
 ORDER BY end_on, id
"""  # noqa: S608 - constant column list


async def needing_summary(db: Reader, latest_today: str) -> list[Absence]:
    rows = await db.fetch_all(NEEDING_SUMMARY, (latest_today,))
    return [_row_to_absence(row) for row in rows]


MARK_HANDOFF = """
UPDATE absences SET handoff_posted_at = ? WHERE id = ? AND handoff_posted_at IS NULL
"""
MARK_SUMMARY = "UPDATE absences SET summary_sent_at = ? WHERE id = ? AND summary_sent_at IS NULL"


async def mark_handoff_posted(tx: Tx, absence_id: int, now: int) -> bool:
    """False when another run already posted it."""
    return (await tx.execute(MARK_HANDOFF, (now, absence_id))).rowcount == 1


async def mark_summary_sent(tx: Tx, absence_id: int, now: int) -> bool:
    return (await tx.execute(MARK_SUMMARY, (now, absence_id))).rowcount == 1
