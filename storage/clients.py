"""Clients: the record each account manager keeps, with an optimistic `version`.

Every update is `... WHERE id = ? AND version = ?` and bumps the version: a stale edit
changes nothing and the caller sees `False` (the service turns that into Conflict).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.db import Reader, Row, Tx, day_or_none


@dataclass(frozen=True, slots=True)
class Client:
    id: int
    name: str
    name_key: str
    company: str | None
    contact_person: str | None
    phone: str | None
    email: str | None
    segment: str | None  # small | medium | large | government
    key_account: bool
    owner_id: int
    status: str  # prospect | active | paused | lost
    loss_reason: str | None
    renewal_date: date | None
    payment_terms_days: int | None
    cadence_days: int | None  # expected contact interval; None: the tier's default
    last_contact_at: int | None
    notes: str | None
    tags: str | None
    archived: bool
    created_at: int
    updated_at: int
    version: int


@dataclass(frozen=True, slots=True)
class ClientRow:
    """A line of the /clients list."""

    id: int
    name: str
    owner_id: int
    segment: str | None
    status: str
    last_contact_at: int | None


# Columns a user may change through `update`; never user text in the SQL itself.
EDITABLE = frozenset(
    """name company contact_person phone email segment key_account status loss_reason
    renewal_date payment_terms_days cadence_days notes tags""".split()
)

COLUMNS = """id, name, name_key, company, contact_person, phone, email, segment, key_account,
 owner_id, status, loss_reason, renewal_date, payment_terms_days, cadence_days, last_contact_at,
 notes, tags,
 archived, created_at, updated_at, version"""


def _row_to_client(row: Row) -> Client:
    values = dict(row)
    values["key_account"] = bool(values["key_account"])
    values["archived"] = bool(values["archived"])
    values["renewal_date"] = day_or_none(values["renewal_date"])
    return Client(**values)


GET = f"SELECT {COLUMNS} FROM clients WHERE id = ?"  # noqa: S608 - constant column list


async def get(db: Reader, client_id: int) -> Client | None:
    row = await db.fetch_one(GET, (client_id,))
    return _row_to_client(row) if row else None


NAMES = "SELECT id, name FROM clients WHERE archived = 0 ORDER BY id"


async def names(db: Reader) -> list[tuple[int, str]]:
    """(id, name) of every active client: what the fuzzy index is built from."""
    return [(row["id"], row["name"]) for row in await db.fetch_all(NAMES)]


STAMP = "SELECT count(*), coalesce(max(id), 0), coalesce(sum(version), 0) FROM clients"


async def stamp(db: Reader) -> tuple[int, int, int]:
    """Changes whenever a client is added, removed or edited: the index cache key."""
    row = await db.fetch_one(STAMP)
    assert row is not None
    return (row[0], row[1], row[2])


BY_KEY = f"SELECT {COLUMNS} FROM clients WHERE name_key = ? AND archived = 0"  # noqa: S608


async def by_key(db: Reader, key: str) -> list[Client]:
    return [_row_to_client(row) for row in await db.fetch_all(BY_KEY, (key,))]


INSERT = """
INSERT INTO clients (name, name_key, company, contact_person, phone, email, segment,
                     key_account, owner_id, status, loss_reason, renewal_date,
                     payment_terms_days, cadence_days, notes, tags, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


async def insert(
    tx: Tx,
    *,
    name: str,
    name_key: str,
    owner_id: int,
    now: int,
    company: str | None = None,
    contact_person: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    segment: str | None = None,
    key_account: bool = False,
    status: str = "active",
    loss_reason: str | None = None,
    renewal_date: str | None = None,
    payment_terms_days: int | None = None,
    cadence_days: int | None = None,
    notes: str | None = None,
    tags: str | None = None,
) -> int:
    return await tx.insert(
        INSERT,
        (
            name,
            name_key,
            company,
            contact_person,
            phone,
            email,
            segment,
            int(key_account),
            owner_id,
            status,
            loss_reason,
            renewal_date,
            payment_terms_days,
            cadence_days,
            notes,
            tags,
            now,
            now,
        ),
    )


async def update(
    tx: Tx, client_id: int, version: int, changes: dict[str, object], now: int
) -> bool:
    """Apply `changes` if the client is still at `version`; False when it moved on."""
    unknown = set(changes) - EDITABLE - {"name_key", "owner_id", "archived"}
    if unknown or not changes:
        raise ValueError(f"not editable: {sorted(unknown)}")
    assignments = ", ".join(f"{column} = ?" for column in changes)
    cursor = await tx.execute(
        f"UPDATE clients SET {assignments}, updated_at = ?, version = version + 1"  # noqa: S608
        " WHERE id = ? AND version = ?",
        (*changes.values(), now, client_id, version),
    )
    return cursor.rowcount == 1


DELETE = "DELETE FROM clients WHERE id = ?"


async def delete(tx: Tx, client_id: int) -> bool:
    """Remove the client; contacts, interactions, invoices, contracts and reminders cascade."""
    cursor = await tx.execute(DELETE, (client_id,))
    return cursor.rowcount == 1


LIST_PAGE = """
SELECT id, name, owner_id, segment, status, last_contact_at FROM clients
 WHERE archived = 0
   AND (? IS NULL OR owner_id = ?)
   AND (? IS NULL OR segment = ?)
   AND (? IS NULL OR coalesce(last_contact_at, 0) < ?)
 ORDER BY name_key, id
 LIMIT ? OFFSET ?
"""


async def list_page(
    db: Reader,
    *,
    owner_id: int | None,
    segment: str | None,
    silent_before: int | None,
    limit: int,
    offset: int,
) -> list[ClientRow]:
    """One page of the list; each filter is ignored when None."""
    rows = await db.fetch_all(
        LIST_PAGE,
        (owner_id, owner_id, segment, segment, silent_before, silent_before, limit, offset),
    )
    return [ClientRow(**dict(row)) for row in rows]


LIST_FOR_EXPORT = f"""
SELECT {COLUMNS} FROM clients WHERE (? IS NULL OR owner_id = ?) ORDER BY name_key, id
"""  # noqa: S608


async def list_for_export(db: Reader, owner_id: int | None) -> list[Client]:
    return [_row_to_client(r) for r in await db.fetch_all(LIST_FOR_EXPORT, (owner_id, owner_id))]


# The reminder engine owns the reminders table; the card only peeks at the next one.
NEXT_REMINDER = """
SELECT due_at, text FROM reminders
 WHERE client_id = ? AND status IN ('pending', 'snoozed')
 ORDER BY due_at LIMIT 1
"""


async def next_reminder(db: Reader, client_id: int) -> tuple[int, str] | None:
    row = await db.fetch_one(NEXT_REMINDER, (client_id,))
    return (row["due_at"], row["text"]) if row else None
