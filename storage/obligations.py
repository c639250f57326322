"""What clients, invoices and contracts oblige a manager to do: the read side the reminder
lists, the daily digest and the generated payment / renewal / cadence reminders need.

The clients feature owns writing these tables (storage/clients.py, invoices.py,
contracts.py); this module only reads them, plus the few joins with `reminders`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.db import Reader, Row, Tx, day
from storage.reminders import Reminder


@dataclass(frozen=True, slots=True)
class Renewal:
    contract_id: int
    client_id: int
    client_name: str
    owner_id: int
    title: str | None
    end_on: date
    notice_days: int
    remind_days_before: int
    value_minor: int | None
    currency: str | None
    owner_name: str = ""


@dataclass(frozen=True, slots=True)
class ColdClient:
    client_id: int
    name: str
    owner_id: int
    key_account: bool
    last_contact_at: int | None
    cadence_days: int
    since: int  # last contact, or creation when never contacted


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    invoice_id: int
    client_id: int
    client_name: str
    owner_id: int
    number: str | None
    amount_minor: int
    currency: str
    due_on: date


CLIENT_NAMES = """
SELECT id, name FROM clients WHERE owner_id = ? AND archived = 0 ORDER BY name, id
"""


async def client_names(db: Reader, owner_id: int) -> list[tuple[int, str]]:
    return [(row["id"], row["name"]) for row in await db.fetch_all(CLIENT_NAMES, (owner_id,))]


def _row_to_renewal(row: Row) -> Renewal:
    return Renewal(
        contract_id=row["id"],
        client_id=row["client_id"],
        client_name=row["client_name"],
        owner_id=row["owner_id"],
        title=row["title"],
        end_on=day(row["end_on"]),
        notice_days=row["notice_days"],
        remind_days_before=row["remind_days_before"],
        value_minor=row["value_minor"],
        currency=row["currency"],
        owner_name=row["owner_name"],
    )


RENEWALS = """
SELECT k.id, k.client_id, c.name AS client_name, c.owner_id, k.title, k.end_on, k.notice_days,
       k.remind_days_before, k.value_minor, k.currency, u.name AS owner_name
  FROM contracts k JOIN clients c ON c.id = k.client_id JOIN users u ON u.id = c.owner_id
 WHERE (? IS NULL OR c.owner_id = ?) AND c.archived = 0 AND k.renewed = 0
   AND k.ended_at IS NULL AND k.end_on BETWEEN ? AND ?
 ORDER BY k.end_on, k.id
"""


async def renewals(db: Reader, owner_id: int | None, first: str, last: str) -> list[Renewal]:
    """Open contracts (neither renewed nor ended) that end between the two dates
    (inclusive): one owner's, or the whole team's when `owner_id` is None."""
    rows = await db.fetch_all(RENEWALS, (owner_id, owner_id, first, last))
    return [_row_to_renewal(row) for row in rows]


# The cadence of a client: its own, else its tier's (parameters: key, large, medium, small,
# anything else).
CADENCE = """COALESCE(c.cadence_days, CASE WHEN c.key_account = 1 THEN ?
     WHEN c.segment = 'large' THEN ? WHEN c.segment = 'medium' THEN ?
     WHEN c.segment = 'small' THEN ? ELSE ? END)"""
COLD = f"""
SELECT c.id, c.name, c.owner_id, c.key_account, c.last_contact_at,
       COALESCE(c.last_contact_at, c.created_at) AS since, {CADENCE} AS cadence_days
  FROM clients c
 WHERE c.archived = 0 AND c.status IN ('active', 'prospect') AND (? IS NULL OR c.owner_id = ?)
   AND COALESCE(c.last_contact_at, c.created_at) + {CADENCE} * 86400 <= ?
 ORDER BY c.key_account DESC, since, c.id
"""  # noqa: S608 - constant fragments


def _row_to_cold(row: Row) -> ColdClient:
    return ColdClient(
        client_id=row["id"],
        name=row["name"],
        owner_id=row["owner_id"],
        key_account=bool(row["key_account"]),
        last_contact_at=row["last_contact_at"],
        cadence_days=row["cadence_days"],
        since=row["since"],
    )


async def cold_clients(
    db: Reader, now: int, tiers: tuple[int, int, int, int, int], owner_id: int | None = None
) -> list[ColdClient]:
    """Clients past their contact cadence (key accounts first, longest silence first)."""
    rows = await db.fetch_all(COLD, (*tiers, owner_id, owner_id, *tiers, now))
    return [_row_to_cold(row) for row in rows]


OPEN_INVOICES = """
SELECT i.id, i.client_id, c.name AS client_name, c.owner_id, i.number, i.amount_minor,
       i.currency, i.due_on
  FROM invoices i JOIN clients c ON c.id = i.client_id
 WHERE i.paid_at IS NULL AND i.due_on <= ? AND (? IS NULL OR c.owner_id = ?)
 ORDER BY i.due_on, i.id
"""


def _row_to_invoice(row: Row) -> OpenInvoice:
    return OpenInvoice(
        invoice_id=row["id"],
        client_id=row["client_id"],
        client_name=row["client_name"],
        owner_id=row["owner_id"],
        number=row["number"],
        amount_minor=row["amount_minor"],
        currency=row["currency"],
        due_on=day(row["due_on"]),
    )


async def unpaid_due_by(db: Reader, day: str, owner_id: int | None = None) -> list[OpenInvoice]:
    """Unpaid invoices due on or before `day` ('YYYY-MM-DD')."""
    rows = await db.fetch_all(OPEN_INVOICES, (day, owner_id, owner_id))
    return [_row_to_invoice(row) for row in rows]


# -- generated reminders -------------------------------------------------------------

INVOICES_WITHOUT_REMINDER = """
SELECT i.id, i.client_id, c.name AS client_name, c.owner_id, i.number, i.amount_minor,
       i.currency, i.due_on
  FROM invoices i JOIN clients c ON c.id = i.client_id
 WHERE i.paid_at IS NULL AND c.archived = 0
   AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.invoice_id = i.id AND r.kind = 'payment')
 ORDER BY i.due_on, i.id
"""


async def invoices_without_reminder(db: Reader) -> list[OpenInvoice]:
    return [_row_to_invoice(row) for row in await db.fetch_all(INVOICES_WITHOUT_REMINDER)]


CONTRACTS_WITHOUT_REMINDER = """
SELECT k.id, k.client_id, c.name AS client_name, c.owner_id, k.title, k.end_on, k.notice_days,
       k.remind_days_before, k.value_minor, k.currency, u.name AS owner_name
  FROM contracts k JOIN clients c ON c.id = k.client_id JOIN users u ON u.id = c.owner_id
 WHERE k.renewed = 0 AND k.ended_at IS NULL AND c.archived = 0 AND k.end_on >= ?
   AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.contract_id = k.id AND r.kind = 'renewal'
                   AND ((r.status != 'cancelled'
                         AND r.created_at >= COALESCE(k.terms_at, k.created_at))
                        OR r.status IN ('pending', 'sending', 'held')))
 ORDER BY k.end_on, k.id
"""


async def contracts_without_reminder(db: Reader, today: str) -> list[Renewal]:
    rows = await db.fetch_all(CONTRACTS_WITHOUT_REMINDER, (today,))
    return [_row_to_renewal(row) for row in rows]


COLD_WITHOUT_NUDGE = f"""
SELECT c.id, c.name, c.owner_id, c.key_account, c.last_contact_at,
       COALESCE(c.last_contact_at, c.created_at) AS since, {CADENCE} AS cadence_days
  FROM clients c
 WHERE c.archived = 0 AND c.status IN ('active', 'prospect')
   AND COALESCE(c.last_contact_at, c.created_at) + {CADENCE} * 86400 <= ?
   AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.client_id = c.id AND r.kind = 'cadence'
                   AND (r.created_at >= COALESCE(c.last_contact_at, c.created_at)
                        OR r.status IN ('pending', 'sending', 'held')))
 ORDER BY c.id
"""  # noqa: S608 - constant fragments


async def cold_without_nudge(
    db: Reader, now: int, tiers: tuple[int, int, int, int, int]
) -> list[ColdClient]:
    """Clients past their cadence with no "going cold" nudge since their last contact."""
    rows = await db.fetch_all(COLD_WITHOUT_NUDGE, (*tiers, *tiers, now))
    return [_row_to_cold(row) for row in rows]


INVOICE_PAID = "SELECT paid_at FROM invoices WHERE id = ?"


async def invoice_paid(db: Reader, invoice_id: int) -> bool:
    row = await db.fetch_one(INVOICE_PAID, (invoice_id,))
    return row is None or row["paid_at"] is not None


CANCEL_SIBLINGS = """
UPDATE reminders SET status = 'cancelled', updated_at = ?
 WHERE invoice_id = ? AND kind = 'payment' AND id != ? AND status IN ('pending', 'held')
"""


async def cancel_other_payment_reminders(tx: Tx, invoice_id: int, keep: int, now: int) -> None:
    await tx.execute(CANCEL_SIBLINGS, (now, invoice_id, keep))


# A generated reminder's chain: the thing it is about (migration 0009 allows one waiting
# reminder per key: pending, sending or held).
CHAIN_KEY = {"payment": "invoice_id", "renewal": "contract_id", "cadence": "client_id"}
CANCEL_WAITING_IN_CHAIN = {
    kind: f"""
UPDATE reminders SET status = 'cancelled', updated_at = ?
 WHERE kind = '{kind}' AND {column} = ? AND id != ? AND status IN ('pending', 'held')
"""  # noqa: S608 - constant kind and column names
    for kind, column in CHAIN_KEY.items()
}
WAITING_IN_CHAIN = {
    kind: f"""
SELECT 1 FROM reminders
 WHERE kind = '{kind}' AND {column} = ? AND id != ? AND status IN ('pending', 'sending', 'held')
 LIMIT 1
"""  # noqa: S608 - constant kind and column names
    for kind, column in CHAIN_KEY.items()
}


async def make_head_of_chain(tx: Tx, row: Reminder, now: int) -> None:
    """Before a snoozed generated reminder waits again: it replaces the chain's waiting one
    (the repeat that its first delivery queued), so the chain never forks."""
    if row.chain_key is not None:
        await tx.execute(CANCEL_WAITING_IN_CHAIN[row.kind], (now, row.chain_key, row.id))


async def chain_has_waiting(db: Reader, row: Reminder) -> bool:
    """True when another reminder of the same chain already waits to be sent."""
    if row.chain_key is None:
        return False
    return await db.fetch_one(WAITING_IN_CHAIN[row.kind], (row.chain_key, row.id)) is not None


ACTIVE_TEAM_CHATS = "SELECT chat_id, language FROM team_chats WHERE active = 1 ORDER BY chat_id"


async def team_chats(db: Reader) -> list[tuple[int, str | None]]:
    """(chat id, the group's language or None when not chosen) of the active team chats."""
    return [(row["chat_id"], row["language"]) for row in await db.fetch_all(ACTIVE_TEAM_CHATS)]


# -- daily digest --------------------------------------------------------------------

DIGEST_USERS = """
SELECT id, digest_minute, digest_sent_on FROM users
 WHERE active = 1 AND digest_minute IS NOT NULL AND chat_id IS NOT NULL AND chat_blocked = 0
"""


async def digest_users(db: Reader) -> list[tuple[int, int, str | None]]:
    """(user id, digest minute, date of the last digest) of users who want one."""
    rows = await db.fetch_all(DIGEST_USERS)
    return [(row["id"], row["digest_minute"], row["digest_sent_on"]) for row in rows]


MARK_DIGEST_SENT = "UPDATE users SET digest_sent_on = ? WHERE id = ?"


async def mark_digest_sent(tx: Tx, user_id: int, day: str) -> None:
    await tx.execute(MARK_DIGEST_SENT, (day, user_id))
