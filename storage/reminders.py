"""Reminders: the rows are the truth, the scheduler only wakes the dispatcher up.

Life of a row: pending -> sending (claimed by one dispatch pass) -> sent (message id kept)
-> done | cancelled by the user. A snooze puts it back to pending with a later due_at.
`held` parks the reminders of a chat that blocked the bot; `failed` is a permanent
delivery error. `uncertain` = 1 means an earlier attempt may have reached the user (a
timeout, or a crash between send and mark), so the next delivery carries a marker.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Reader, Row, SoloWriter, Tx

WAITING = "pending"
OPEN_STATUSES = ("pending", "sending", "sent", "held")
KINDS = ("call", "meeting", "follow_up", "payment", "renewal", "cadence", "custom")

# last_error values the dispatcher reads back to pick the marker of a repeated delivery
RESTARTED = "interrupted by a restart"
TIMED_OUT = "timed out"
DROPPED = "connection dropped"  # after the request went out: it may have been accepted


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    owner_id: int
    chat_id: int
    client_id: int | None
    invoice_id: int | None
    contract_id: int | None
    kind: str
    text: str
    due_at: int  # UTC epoch seconds
    local_time: str | None  # series anchor: wall time 'YYYY-MM-DDTHH:MM' of the first one
    tz: str | None
    rrule: str | None
    status: str
    attempts: int
    repeats: int
    uncertain: bool
    claimed_at: int | None
    sent_at: int | None
    message_id: int | None
    delivered_to: int | None
    last_error: str | None
    done_by: int | None
    done_at: int | None
    created_by: int | None
    client_name: str | None = None  # joined for display
    assignee_id: int | None = None  # a colleague who took it ("Take it" in the team group)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def chain_key(self) -> int | None:
        """What a generated reminder is about: one waiting reminder per key (0009)."""
        keys = {"payment": self.invoice_id, "renewal": self.contract_id, "cadence": self.client_id}
        return keys.get(self.kind)

    def may_act(self, user_id: int) -> bool:
        """The owner, or the user it was actually delivered to (a deputy), may press."""
        return user_id in (self.owner_id, self.delivered_to)


COLUMNS = """r.id, r.owner_id, r.chat_id, r.client_id, r.invoice_id, r.contract_id, r.kind,
 r.text, r.due_at, r.local_time, r.tz, r.rrule, r.status, r.attempts, r.repeats, r.uncertain,
 r.claimed_at, r.sent_at, r.message_id, r.delivered_to, r.last_error, r.done_by, r.done_at,
 r.created_by, c.name AS client_name, r.assignee_id"""
FROM = "FROM reminders r LEFT JOIN clients c ON c.id = r.client_id"


def _row_to_reminder(row: Row) -> Reminder:
    return Reminder(
        id=row["id"],
        owner_id=row["owner_id"],
        chat_id=row["chat_id"],
        client_id=row["client_id"],
        invoice_id=row["invoice_id"],
        contract_id=row["contract_id"],
        kind=row["kind"],
        text=row["text"],
        due_at=row["due_at"],
        local_time=row["local_time"],
        tz=row["tz"],
        rrule=row["rrule"],
        status=row["status"],
        attempts=row["attempts"],
        repeats=row["repeats"],
        uncertain=bool(row["uncertain"]),
        claimed_at=row["claimed_at"],
        sent_at=row["sent_at"],
        message_id=row["message_id"],
        delivered_to=row["delivered_to"],
        last_error=row["last_error"],
        done_by=row["done_by"],
        done_at=row["done_at"],
        created_by=row["created_by"],
        client_name=row["client_name"],
        assignee_id=row["assignee_id"],
    )


INSERT = """
INSERT INTO reminders (owner_id, chat_id, client_id, invoice_id, contract_id, kind, text,
                       due_at, local_time, tz, rrule, repeats, created_by, created_at,
                       updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


async def insert(
    tx: Tx,
    *,
    owner_id: int,
    chat_id: int,
    kind: str,
    text: str,
    due_at: int,
    now: int,
    client_id: int | None = None,
    invoice_id: int | None = None,
    contract_id: int | None = None,
    local_time: str | None = None,
    tz: str | None = None,
    rrule: str | None = None,
    repeats: int = 0,
    created_by: int | None = None,
) -> int:
    return await tx.insert(
        INSERT,
        (
            owner_id,
            chat_id,
            client_id,
            invoice_id,
            contract_id,
            kind,
            text,
            due_at,
            local_time,
            tz,
            rrule,
            repeats,
            created_by,
            now,
            now,
        ),
    )


GET = f"SELECT {COLUMNS} {FROM} WHERE r.id = ?"


async def get(db: Reader, reminder_id: int) -> Reminder | None:
    row = await db.fetch_one(GET, (reminder_id,))
    return _row_to_reminder(row) if row else None


NEXT_DUE = "SELECT MIN(due_at) AS due_at FROM reminders WHERE status = 'pending'"


async def next_due(db: Reader) -> int | None:
    """The earliest pending due_at (an index lookup, whatever the number of rows)."""
    row = await db.fetch_one(NEXT_DUE)
    return row["due_at"] if row else None


LEASES_FROM = "SELECT MIN(claimed_at) AS claimed_at FROM reminders WHERE status = 'sending'"


async def oldest_claim(db: Reader) -> int | None:
    """When the oldest row still in `sending` was claimed: its lease ends a lease later."""
    row = await db.fetch_one(LEASES_FROM)
    return row["claimed_at"] if row else None


DUE = f"""
SELECT {COLUMNS} {FROM}
 WHERE r.status = 'pending' AND r.due_at <= ?
 ORDER BY r.due_at, r.id LIMIT ?
"""


async def due(db: Reader, now: int, limit: int) -> list[Reminder]:
    """Pending reminders due by `now`, oldest first."""
    return [_row_to_reminder(row) for row in await db.fetch_all(DUE, (now, limit))]


# A claim holds the row for a lease: `claimed_at` plus the dispatcher's lease, after which
# another pass (or worker) takes it back as possibly delivered. On PostgreSQL the twin in
# storage/dialect.py locks the row with FOR UPDATE SKIP LOCKED: a row another worker or a
# user's unit of work holds right now is skipped at once instead of waited for.
CLAIM = """
UPDATE reminders SET status = 'sending', claimed_at = ?, attempts = attempts + 1,
       updated_at = ?
 WHERE id = ? AND status = 'pending'
"""


async def claim(tx: Tx, reminder_id: int, now: int) -> bool:
    """Take a pending reminder for sending. False if it changed meanwhile (done, snoozed)."""
    cursor = await tx.execute(CLAIM, (now, now, reminder_id))
    return cursor.rowcount == 1


async def take(db: SoloWriter, reminder_id: int, now: int) -> bool:
    """`claim` as a statement of its own: on PostgreSQL it then waits for no other worker's
    unit of work (storage/pg.py's write lock), only for nothing at all (SKIP LOCKED)."""
    return await db.execute_alone(CLAIM, (now, now, reminder_id)) == 1


MARK_SENT = """
UPDATE reminders SET status = 'sent', sent_at = ?, message_id = ?, delivered_to = ?,
       uncertain = 0, last_error = NULL, updated_at = ?
 WHERE id = ? AND status = 'sending'
"""


async def mark_sent(
    tx: Tx, reminder_id: int, *, message_id: int, delivered_to: int, now: int
) -> bool:
    cursor = await tx.execute(MARK_SENT, (now, message_id, delivered_to, now, reminder_id))
    return cursor.rowcount == 1


MARK_UNCERTAIN = """
UPDATE reminders SET status = 'sent', sent_at = ?, message_id = NULL, delivered_to = ?,
       uncertain = 1, last_error = ?, updated_at = ?
 WHERE id = ? AND status = 'sending'
"""


async def mark_uncertain(tx: Tx, reminder_id: int, *, delivered_to: int, now: int) -> bool:
    """Timed out again after a marked retry: most likely delivered, so not "failed"; kept as
    sent with the doubt recorded (uncertain, no message id)."""
    cursor = await tx.execute(MARK_UNCERTAIN, (now, delivered_to, TIMED_OUT, now, reminder_id))
    return cursor.rowcount == 1


RELEASE = """
UPDATE reminders SET status = 'pending', uncertain = MAX(uncertain, ?), last_error = ?,
       updated_at = ?
 WHERE id = ? AND status = 'sending'
"""


async def release(
    tx: Tx, reminder_id: int, *, error: str, now: int, uncertain: bool = False
) -> None:
    """Back to pending after a failed attempt (uncertain: it may have arrived anyway)."""
    await tx.execute(RELEASE, (int(uncertain), error, now, reminder_id))


MARK_FAILED = """
UPDATE reminders SET status = 'failed', last_error = ?, updated_at = ?
 WHERE id = ? AND status = 'sending'
"""


async def mark_failed(tx: Tx, reminder_id: int, *, error: str, now: int) -> None:
    await tx.execute(MARK_FAILED, (error[:500], now, reminder_id))


FINISH = """
UPDATE reminders SET status = ?, done_by = ?, done_at = ?, updated_at = ?
 WHERE id = ? AND status IN ('pending', 'sent', 'held', 'failed')
"""


async def finish(tx: Tx, reminder_id: int, *, status: str, by: int, now: int) -> bool:
    """done or cancelled; False when it was already closed (or is being sent right now)."""
    if status not in ("done", "cancelled"):
        raise ValueError(f"not a final status: {status}")
    cursor = await tx.execute(FINISH, (status, by, now, now, reminder_id))
    return cursor.rowcount == 1


RESCHEDULE = """
UPDATE reminders SET status = 'pending', due_at = ?, uncertain = 0, last_error = NULL,
       updated_at = ?
 WHERE id = ? AND status IN ('pending', 'sent', 'held', 'failed')
"""


async def reschedule(tx: Tx, reminder_id: int, *, due_at: int, now: int) -> bool:
    """A snooze: pending again at a new time. False when closed or being sent."""
    cursor = await tx.execute(RESCHEDULE, (due_at, now, reminder_id))
    return cursor.rowcount == 1


STUCK = f"""
SELECT {COLUMNS} {FROM}
 WHERE r.status = 'sending' AND r.claimed_at <= ?
 ORDER BY r.due_at, r.id
"""


async def stuck(db: Reader, claimed_before: int) -> list[Reminder]:
    """Rows left in `sending` by a crash (claimed at or before `claimed_before`)."""
    return [_row_to_reminder(row) for row in await db.fetch_all(STUCK, (claimed_before,))]


HOLD_CHAT = """
UPDATE reminders SET status = 'held', last_error = ?, updated_at = ?
 WHERE chat_id = ? AND status IN ('pending', 'sending')
"""
BLOCK_USER = "UPDATE users SET chat_blocked = ?, updated_at = ? WHERE chat_id = ?"


async def hold_chat(tx: Tx, chat_id: int, *, error: str, now: int) -> int:
    """The chat blocked the bot: park its reminders, flag its user. Returns rows held."""
    cursor = await tx.execute(HOLD_CHAT, (error, now, chat_id))
    await tx.execute(BLOCK_USER, (1, now, chat_id))
    return cursor.rowcount


RESUME_CHAT = """
UPDATE reminders SET status = 'pending', updated_at = ?
 WHERE chat_id = ? AND status = 'held'
"""


async def resume_chat(tx: Tx, chat_id: int, *, now: int) -> int:
    """The chat unblocked the bot: its held reminders are pending again."""
    cursor = await tx.execute(RESUME_CHAT, (now, chat_id))
    await tx.execute(BLOCK_USER, (0, now, chat_id))
    return cursor.rowcount


SET_REPEATS = "UPDATE reminders SET repeats = ?, updated_at = ? WHERE id = ?"


async def set_repeats(tx: Tx, reminder_id: int, repeats: int, now: int) -> None:
    await tx.execute(SET_REPEATS, (repeats, now, reminder_id))


LIST_OPEN_FOR_OWNER = f"""
SELECT {COLUMNS} {FROM}
 WHERE r.owner_id = ? AND r.status IN ('pending', 'sent', 'held') AND r.due_at < ?
 ORDER BY r.due_at, r.id LIMIT ?
"""


async def open_for_owner(db: Reader, owner_id: int, before: int, limit: int) -> list[Reminder]:
    """The owner's open reminders due before `before`, soonest first (agenda lists)."""
    rows = await db.fetch_all(LIST_OPEN_FOR_OWNER, (owner_id, before, limit))
    return [_row_to_reminder(row) for row in rows]


LIST_OPEN_FOR_CLIENT = f"""
SELECT {COLUMNS} {FROM}
 WHERE r.owner_id = ? AND r.client_id = ? AND r.status IN ('pending', 'sent', 'held')
 ORDER BY r.due_at, r.id LIMIT ?
"""


async def open_for_client(db: Reader, owner_id: int, client_id: int, limit: int) -> list[Reminder]:
    rows = await db.fetch_all(LIST_OPEN_FOR_CLIENT, (owner_id, client_id, limit))
    return [_row_to_reminder(row) for row in rows]


OLDEST_DUE = "SELECT MIN(due_at) FROM reminders WHERE status = 'pending' AND due_at <= ?"


async def oldest_due(db: Reader, now: int) -> int | None:
    """The due time of the oldest pending reminder already due: the dispatcher's lag."""
    row = await db.fetch_one(OLDEST_DUE, (now,))
    return row[0] if row else None


COUNT_LATE = "SELECT COUNT(*) FROM reminders WHERE status = 'pending' AND due_at < ?"


async def count_late(db: Reader, due_before: int) -> int:
    row = await db.fetch_one(COUNT_LATE, (due_before,))
    return row[0] if row else 0


COUNT_BY_STATUS = "SELECT status, COUNT(*) AS n FROM reminders GROUP BY status"


async def count_by_status(db: Reader) -> dict[str, int]:
    return {row["status"]: row["n"] for row in await db.fetch_all(COUNT_BY_STATUS)}


MOVE_CLIENT = """
UPDATE reminders
   SET owner_id = :to_owner,
       chat_id = CASE WHEN chat_id = (SELECT chat_id FROM users WHERE id = :from_owner)
                      THEN COALESCE((SELECT chat_id FROM users WHERE id = :to_owner), chat_id)
                      ELSE chat_id END,
       status = CASE WHEN status = 'held' THEN 'pending' ELSE status END,
       updated_at = :now
 WHERE client_id = :client_id AND owner_id = :from_owner AND status IN ('pending', 'held')
"""


async def move_client(tx: Tx, client_id: int, *, from_owner: int, to_owner: int, now: int) -> int:
    """The client changed hands: its open reminders follow it (to the new owner's private
    chat when they were addressed to the old owner's). One being sent right now is not
    touched, so it reaches exactly one person: the old owner. Returns how many moved."""
    cursor = await tx.execute(
        MOVE_CLIENT,
        {"to_owner": to_owner, "from_owner": from_owner, "client_id": client_id, "now": now},
    )
    return cursor.rowcount


COUNT_OPEN_FOR_CLIENT = """
SELECT COUNT(*) FROM reminders WHERE client_id = ? AND status IN ('pending', 'held')
"""


async def count_open_for_client(db: Reader, client_id: int) -> int:
    row = await db.fetch_one(COUNT_OPEN_FOR_CLIENT, (client_id,))
    return row[0] if row else 0
