"""Contracts: end (renewal) date, notice period, how early to remind, value; dates as
'YYYY-MM-DD', money as minor units. A client has at most one open contract (neither renewed
nor ended): the one its renewal date, /contract and the renewal buttons act on."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from storage.db import Reader, Row, Tx, day


@dataclass(frozen=True, slots=True)
class Contract:
    id: int
    client_id: int
    title: str | None
    end_on: date
    notice_days: int
    remind_days_before: int
    value_minor: int | None
    currency: str | None
    renewed: bool
    ended_reason: str | None


COLUMNS = """id, client_id, title, end_on, notice_days, remind_days_before, value_minor, currency,
 renewed, ended_reason"""


def _row_to_contract(row: Row) -> Contract:
    values = dict(row)
    values["renewed"] = bool(values["renewed"])
    values["end_on"] = day(values["end_on"])
    return Contract(**values)


INSERT = """
INSERT INTO contracts (client_id, title, end_on, notice_days, remind_days_before, value_minor,
                       currency, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""


async def insert(
    tx: Tx,
    *,
    client_id: int,
    end_on: str,
    notice_days: int,
    now: int,
    title: str | None = None,
    remind_days_before: int = 30,
    value_minor: int | None = None,
    currency: str | None = None,
) -> int:
    return await tx.insert(
        INSERT,
        (client_id, title, end_on, notice_days, remind_days_before, value_minor, currency, now),
    )


GET = f"SELECT {COLUMNS} FROM contracts WHERE id = ?"  # noqa: S608 - constant column list


async def get(db: Reader, contract_id: int) -> Contract | None:
    row = await db.fetch_one(GET, (contract_id,))
    return _row_to_contract(row) if row else None


OPEN_FOR_CLIENT = f"""
SELECT {COLUMNS} FROM contracts
 WHERE client_id = ? AND renewed = 0 AND ended_at IS NULL ORDER BY end_on DESC, id DESC LIMIT 1
"""  # noqa: S608 - constant column list


async def latest(db: Reader, client_id: int) -> Contract | None:
    """The open contract that ends last (the one whose renewal matters)."""
    row = await db.fetch_one(OPEN_FOR_CLIENT, (client_id,))
    return _row_to_contract(row) if row else None


SET_TERMS = """
UPDATE contracts SET title = ?, end_on = ?, notice_days = ?, remind_days_before = ?,
       value_minor = ?, currency = ?, terms_at = ?
 WHERE id = ?
"""


async def set_terms(tx: Tx, contract: Contract, now: int) -> None:
    """Write the changeable terms of `contract` (as the caller rebuilt it) back; its open
    renewal reminders are cancelled, so the sync generates one for the new terms."""
    await tx.execute(CANCEL_RENEWAL_REMINDERS, (now, contract.id))
    await tx.execute(
        SET_TERMS,
        (
            contract.title,
            contract.end_on.isoformat(),
            contract.notice_days,
            contract.remind_days_before,
            contract.value_minor,
            contract.currency,
            now,
            contract.id,
        ),
    )


MARK_RENEWED = "UPDATE contracts SET renewed = 1 WHERE id = ? AND renewed = 0 AND ended_at IS NULL"


async def mark_renewed(tx: Tx, contract_id: int) -> bool:
    """False when it was already renewed or ended (a second press)."""
    cursor = await tx.execute(MARK_RENEWED, (contract_id,))
    return cursor.rowcount == 1


MARK_ENDED = """
UPDATE contracts SET ended_reason = ?, ended_at = ?
 WHERE id = ? AND renewed = 0 AND ended_at IS NULL
"""


async def mark_ended(tx: Tx, contract_id: int, reason: str, now: int) -> bool:
    """ "Not renewing": False when it was already renewed or ended."""
    cursor = await tx.execute(MARK_ENDED, (reason, now, contract_id))
    return cursor.rowcount == 1


# The reminder engine owns `reminders`; a contract whose end moves (or that is settled)
# cancels its open renewal reminders, and the sync then generates the next one.
CANCEL_RENEWAL_REMINDERS = """
UPDATE reminders SET status = 'cancelled', updated_at = ?
 WHERE contract_id = ? AND kind = 'renewal' AND status IN ('pending', 'held', 'snoozed')
"""


SETTLE_SENT_REMINDERS = """
UPDATE reminders SET status = 'done', done_at = ?, done_by = ?, updated_at = ?
 WHERE contract_id = ? AND kind = 'renewal' AND status = 'sent'
"""


async def settle_reminders(tx: Tx, contract_id: int, by: int, now: int) -> None:
    """A renewed or ended contract: open renewal reminders cancelled, delivered ones done."""
    await tx.execute(CANCEL_RENEWAL_REMINDERS, (now, contract_id))
    await tx.execute(SETTLE_SENT_REMINDERS, (now, by, now, contract_id))


SET_CLIENT_RENEWAL = """
UPDATE clients SET renewal_date = ?, updated_at = ?, version = version + 1
 WHERE id = ? AND renewal_date IS NOT ?
"""


async def set_client_renewal_date(tx: Tx, client_id: int, end_on: str, now: int) -> None:
    """Keep the card's renewal date equal to the open contract's end."""
    await tx.execute(SET_CLIENT_RENEWAL, (end_on, now, client_id, end_on))


async def follow_renewal_date(tx: Tx, client_id: int, end_on: str | None, now: int) -> None:
    """The client's renewal date is its open contract's end: create the contract (no notice,
    the default reminder offset), or move it (its pending reminder is re-armed)."""
    if not end_on:
        return
    found = await latest(tx, client_id)
    if found is None:
        await insert(tx, client_id=client_id, end_on=end_on, notice_days=0, now=now)
    elif found.end_on != date.fromisoformat(end_on):
        await set_terms(tx, replace(found, end_on=date.fromisoformat(end_on)), now)
