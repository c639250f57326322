"""Recurring reminders: the next row of a series, inserted when the current one is sent.

Every row of a series keeps the series' anchor: `local_time` (the first occurrence's wall
time, 'YYYY-MM-DDTHH:MM') and `tz` (the owner's zone when it was created), so the rule's
phase (INTERVAL, COUNT) and wall-clock time survive DST changes (bot/recurrence.py). After
downtime the next occurrence is the first one after now: missed ones are not replayed, the
one delivered late stands for them.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.recurrence import occurrence_after
from storage import reminders
from storage.db import Tx
from storage.reminders import Reminder

log = logging.getLogger(__name__)


async def insert_next(tx: Tx, row: Reminder, now: int) -> int | None:
    """Insert the occurrence after this one; its due time, or None when the rule ended."""
    if not (row.rrule and row.local_time and row.tz):
        return None
    after = datetime.fromtimestamp(max(row.due_at, now), UTC)
    dtstart = datetime.fromisoformat(row.local_time)
    try:
        found = occurrence_after(row.rrule, after, ZoneInfo(row.tz), dtstart=dtstart)
    except ValueError:
        log.exception("reminder %d has an unusable rule; not repeating it", row.id)
        return None
    if found is None:
        return None
    due_at = int(found.at.timestamp())
    await reminders.insert(
        tx,
        owner_id=row.owner_id,
        chat_id=row.chat_id,
        kind=row.kind,
        text=row.text,
        due_at=due_at,
        now=now,
        client_id=row.client_id,
        invoice_id=row.invoice_id,
        contract_id=row.contract_id,
        local_time=row.local_time,
        tz=row.tz,
        rrule=row.rrule,
        created_by=row.created_by,
    )
    return due_at
