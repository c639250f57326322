"""What a manager's clients need while the manager is away, and what happened meanwhile.

Reads across clients, reminders, invoices, contracts and interactions; the absence service
turns the rows into the handoff post, the "Take it" buttons and the return summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.db import Reader, Tx, day


@dataclass(frozen=True, slots=True)
class HandoffItem:
    kind: str  # reminder | invoice | contract
    id: int
    client_id: int
    client_name: str
    text: str  # reminder text, invoice number, contract title
    due_at: int | None  # reminders: UTC epoch
    due_on: date | None  # invoices: due date; contracts: end date
    notice_days: int  # contracts only
    amount_minor: int | None
    currency: str | None
    assignee_id: int | None


REMINDERS = """
SELECT r.id, r.client_id, c.name AS client_name, r.text, r.due_at, r.assignee_id
  FROM reminders r JOIN clients c ON c.id = r.client_id
 WHERE c.owner_id = ? AND c.archived = 0
   AND r.status IN ('pending', 'snoozed', 'held') AND r.due_at < ?
 ORDER BY c.name, r.due_at, r.id
"""
INVOICES = """
SELECT i.id, i.client_id, c.name AS client_name, i.number, i.due_on, i.amount_minor,
       i.currency, i.assignee_id
  FROM invoices i JOIN clients c ON c.id = i.client_id
 WHERE c.owner_id = ? AND c.archived = 0 AND i.paid_at IS NULL AND i.due_on <= ?
 ORDER BY c.name, i.due_on, i.id
"""
CONTRACTS = """
SELECT k.id, k.client_id, c.name AS client_name, k.title, k.end_on, k.notice_days,
       k.assignee_id
  FROM contracts k JOIN clients c ON c.id = k.client_id
 WHERE c.owner_id = ? AND c.archived = 0 AND k.renewed = 0 AND k.ended_at IS NULL
   AND k.end_on >= ?
 ORDER BY c.name, k.end_on, k.id
"""


async def open_items(
    db: Reader, owner_id: int, *, until_epoch: int, until_day: str, contracts_from: str
) -> list[HandoffItem]:
    """Reminders due before `until_epoch`, unpaid invoices due by `until_day`, and
    unrenewed contracts ending on or after `contracts_from` (the caller keeps those whose
    notice deadline falls in the absence)."""
    items = [
        HandoffItem(
            "reminder",
            r["id"],
            r["client_id"],
            r["client_name"],
            r["text"],
            r["due_at"],
            None,
            0,
            None,
            None,
            r["assignee_id"],
        )
        for r in await db.fetch_all(REMINDERS, (owner_id, until_epoch))
    ]
    items += [
        HandoffItem(
            "invoice",
            r["id"],
            r["client_id"],
            r["client_name"],
            r["number"] or "",
            None,
            day(r["due_on"]),
            0,
            r["amount_minor"],
            r["currency"],
            r["assignee_id"],
        )
        for r in await db.fetch_all(INVOICES, (owner_id, until_day))
    ]
    items += [
        HandoffItem(
            "contract",
            r["id"],
            r["client_id"],
            r["client_name"],
            r["title"] or "",
            None,
            day(r["end_on"]),
            r["notice_days"],
            None,
            None,
            r["assignee_id"],
        )
        for r in await db.fetch_all(CONTRACTS, (owner_id, contracts_from))
    ]
    return items


TAKE = {
    "reminder": "UPDATE reminders SET assignee_id = ? WHERE id = ? AND assignee_id IS NULL",
    "invoice": "UPDATE invoices SET assignee_id = ? WHERE id = ? AND assignee_id IS NULL",
    "contract": "UPDATE contracts SET assignee_id = ? WHERE id = ? AND assignee_id IS NULL",
}
ASSIGNEE = {
    "reminder": "SELECT assignee_id FROM reminders WHERE id = ?",
    "invoice": "SELECT assignee_id FROM invoices WHERE id = ?",
    "contract": "SELECT assignee_id FROM contracts WHERE id = ?",
}


OWNER = {
    "reminder": "SELECT owner_id FROM reminders WHERE id = ?",
    "invoice": (
        "SELECT c.owner_id FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.id = ?"
    ),
    "contract": (
        "SELECT c.owner_id FROM contracts k JOIN clients c ON c.id = k.client_id WHERE k.id = ?"
    ),
}


async def owner_of(db: Reader, kind: str, item_id: int) -> int | None:
    """Whose item it is (the reminder's owner, the invoice's or contract's client owner)."""
    row = await db.fetch_one(OWNER[kind], (item_id,))
    return row[0] if row else None


async def take(tx: Tx, kind: str, item_id: int, user_id: int) -> int | None:
    """Assign the item to the first taker. Returns the assignee afterwards (the caller won
    when it is `user_id`); None when the item does not exist."""
    await tx.execute(TAKE[kind], (user_id, item_id))
    row = await tx.fetch_one(ASSIGNEE[kind], (item_id,))
    return row["assignee_id"] if row else None


@dataclass(frozen=True, slots=True)
class ClientActivity:
    client_id: int
    client_name: str
    interactions: int
    logged_by: tuple[str, ...]
    reminders_done: int
    invoices_paid: int
    open_reminders: int
    open_invoices: int


ACTIVITY = """
SELECT c.id, c.name,
  (SELECT COUNT(*) FROM interactions i
    WHERE i.client_id = c.id AND i.happened_at >= ? AND i.happened_at < ?) AS interactions,
  (SELECT COUNT(*) FROM reminders r
    WHERE r.client_id = c.id AND r.status = 'done' AND r.done_at >= ? AND r.done_at < ?)
    AS reminders_done,
  (SELECT COUNT(*) FROM invoices v
    WHERE v.client_id = c.id AND v.paid_at >= ? AND v.paid_at < ?) AS invoices_paid,
  (SELECT COUNT(*) FROM reminders r
    WHERE r.client_id = c.id AND r.status IN ('pending', 'snoozed', 'held')
      AND r.due_at < ?) AS open_reminders,
  (SELECT COUNT(*) FROM invoices v
    WHERE v.client_id = c.id AND v.paid_at IS NULL AND v.due_on <= ?) AS open_invoices
  FROM clients c
 WHERE c.owner_id = ? AND c.archived = 0
 ORDER BY c.name, c.id
"""
LOGGED_BY = """
SELECT DISTINCT i.client_id, u.name FROM interactions i JOIN users u ON u.id = i.user_id
 JOIN clients c ON c.id = i.client_id
 WHERE c.owner_id = ? AND i.happened_at >= ? AND i.happened_at < ?
 ORDER BY u.name
"""


async def activity(
    db: Reader, owner_id: int, *, since: int, until: int, today: str
) -> list[ClientActivity]:
    """Per client of the owner: what happened in [since, until) and what is still open."""
    names: dict[int, list[str]] = {}
    for row in await db.fetch_all(LOGGED_BY, (owner_id, since, until)):
        names.setdefault(row["client_id"], []).append(row["name"])
    rows = await db.fetch_all(
        ACTIVITY, (since, until, since, until, since, until, until, today, owner_id)
    )
    found = [
        ClientActivity(
            client_id=row["id"],
            client_name=row["name"],
            interactions=row["interactions"],
            logged_by=tuple(names.get(row["id"], ())),
            reminders_done=row["reminders_done"],
            invoices_paid=row["invoices_paid"],
            open_reminders=row["open_reminders"],
            open_invoices=row["open_invoices"],
        )
        for row in rows
    ]
    return [
        a
        for a in found
        if a.interactions
        or a.reminders_done
        or a.invoices_paid
        or a.open_reminders
        or a.open_invoices
    ]


RETURN_TAKEN = (
    """UPDATE reminders SET assignee_id = NULL
 WHERE owner_id = ? AND assignee_id IS NOT NULL
   AND status IN ('pending', 'sending', 'sent', 'held', 'snoozed')""",
    """UPDATE invoices SET assignee_id = NULL
 WHERE assignee_id IS NOT NULL AND paid_at IS NULL
   AND client_id IN (SELECT id FROM clients WHERE owner_id = ?)""",
    """UPDATE contracts SET assignee_id = NULL
 WHERE assignee_id IS NOT NULL AND renewed = 0
   AND client_id IN (SELECT id FROM clients WHERE owner_id = ?)""",
)


async def return_taken(tx: Tx, owner_id: int) -> None:
    """The absence is over: what colleagues took with "Take it" is the owner's again.

    Items the owner reassigned meanwhile moved with their client, so they are not touched.
    """
    for sql in RETURN_TAKEN:
        await tx.execute(sql, (owner_id,))
