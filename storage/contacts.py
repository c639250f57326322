"""Contacts: the people at a client (a large client has a hierarchy; the decision-maker matters)."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Reader, Row, Tx


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    client_id: int
    name: str
    role: str | None
    phone: str | None
    email: str | None
    decision_maker: bool


def _row_to_contact(row: Row) -> Contact:
    values = dict(row)
    values["decision_maker"] = bool(values["decision_maker"])
    return Contact(**values)


INSERT = """
INSERT INTO contacts (client_id, name, role, phone, email, decision_maker, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""


async def insert(
    tx: Tx,
    *,
    client_id: int,
    name: str,
    now: int,
    role: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    decision_maker: bool = False,
) -> int:
    return await tx.insert(INSERT, (client_id, name, role, phone, email, int(decision_maker), now))


FOR_CLIENT = """
SELECT id, client_id, name, role, phone, email, decision_maker FROM contacts
 WHERE client_id = ? ORDER BY decision_maker DESC, id
"""


async def for_client(db: Reader, client_id: int) -> list[Contact]:
    return [_row_to_contact(row) for row in await db.fetch_all(FOR_CLIENT, (client_id,))]


GET = "SELECT id, client_id, name, role, phone, email, decision_maker FROM contacts WHERE id = ?"


async def get(db: Reader, contact_id: int) -> Contact | None:
    row = await db.fetch_one(GET, (contact_id,))
    return _row_to_contact(row) if row else None


UPDATE = """
UPDATE contacts SET name = ?, role = ?, phone = ?, email = ?, decision_maker = ? WHERE id = ?
"""


async def update(tx: Tx, contact: Contact) -> bool:
    """Write every field of `contact` back; False when it was deleted meanwhile."""
    cursor = await tx.execute(
        UPDATE,
        (
            contact.name,
            contact.role,
            contact.phone,
            contact.email,
            int(contact.decision_maker),
            contact.id,
        ),
    )
    return cursor.rowcount == 1


DELETE = "DELETE FROM contacts WHERE id = ?"


async def delete(tx: Tx, contact_id: int) -> bool:
    cursor = await tx.execute(DELETE, (contact_id,))
    return cursor.rowcount == 1
