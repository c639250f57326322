"""Test-only rows for reports: raw inserts in one transaction, and the known dataset.

The known dataset sits around the test clock (Tue 2026-11-24 09:00 UTC, 10:00 in
Amsterdam). Every figure the report tests expect is derived in the comments below.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from storage.db import Database, Tx

TZ = "Europe/Amsterdam"
ADMIN_ID, ANNA_ID, BORIS_ID = 1001, 2001, 2002


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0, tz: str = TZ) -> int:
    """Epoch seconds of a local wall time."""
    return int(datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)).timestamp())


async def add_user(
    tx: Tx, user_id: int, name: str, role: str, *, language: str = "en", tz: str = TZ
) -> None:
    await tx.execute(
        "INSERT INTO users (id, name, role, language, timezone, chat_id, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 0, 0)",
        (user_id, name, role, language, tz, user_id),
    )


async def add_client(
    tx: Tx,
    owner: int,
    name: str,
    *,
    created: int,
    status: str = "active",
    loss_reason: str | None = None,
    updated: int | None = None,
    archived: bool = False,
) -> int:
    return await tx.insert(
        "INSERT INTO clients (name, name_key, owner_id, status, loss_reason, archived,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            name,
            name.casefold(),
            owner,
            status,
            loss_reason,
            int(archived),
            created,
            updated or created,
        ),
    )


async def add_interaction(
    tx: Tx, user: int, client: int, kind: str, happened: int, complaint_status: str | None = None
) -> int:
    return await tx.insert(
        "INSERT INTO interactions (client_id, user_id, kind, happened_at, summary,"
        " complaint_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (client, user, kind, happened, f"{kind} #{client}", complaint_status, happened),
    )


async def add_invoice(
    tx: Tx,
    client: int,
    amount_minor: int,
    currency: str,
    due_on: str,
    *,
    paid_at: int | None = None,
    created: int | None = None,
) -> int:
    return await tx.insert(
        "INSERT INTO invoices (client_id, amount_minor, currency, due_on, paid_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (client, amount_minor, currency, due_on, paid_at, created or at(2026, 7, 1)),
    )


async def add_contract(tx: Tx, client: int, end_on: str, *, renewed: bool = False) -> int:
    return await tx.insert(
        "INSERT INTO contracts (client_id, end_on, renewed, created_at) VALUES (?, ?, ?, 0)",
        (client, end_on, int(renewed)),
    )


async def add_reminder(
    tx: Tx,
    owner: int,
    due_at: int,
    *,
    done_at: int | None = None,
    status: str | None = None,
    kind: str = "follow_up",
) -> int:
    status = status or ("done" if done_at else "pending")
    return await tx.insert(
        "INSERT INTO reminders (owner_id, chat_id, kind, text, due_at, status, done_at,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)",
        (owner, owner, kind, "follow up", due_at, status, done_at),
    )


@dataclass(frozen=True, slots=True)
class Known:
    a1: int
    a2: int
    a3: int
    b1: int


async def seed_known(db: Database, *, with_users: bool = True) -> Known:
    """Anna (2001) and Boris (2002), managers; the admin is 1001.

    Expected for November 2026 ("this month"), as of the test clock:
      interactions  team: call 3, meeting 1, complaint 1 (5); Anna 4 (she also called B1);
                    Boris 1 (Mon 23 Nov 00:30 local, still Sunday in UTC)
      coverage      team: 4 clients, contacted 2 (A1, B1), cold 1 (A2, last contact 1 Oct),
                    A3 is new and not cold; contacted in November 2
      overdue       team 6: EUR 4,600.50, JPY 5,000, USD 500.00, oldest 115 days;
                    buckets 0-30: 3, 31-60: 1, 61-90: 1, 90+: 1
      renewals      team: 3 due (15, 28, 30 Nov), 1 renewed
      complaints    1 open (A1), 1 raised in November
      follow-ups    team: 6 due, 2 on time, 1 late, 1 missed, 2 open (1 cancelled ignored)
      clients       1 new (A3); 3 lost: price 2, no reason 1 (B2 was lost in October)
    """
    async with db.transaction() as tx:
        if with_users:
            await add_user(tx, ADMIN_ID, "Alice", "admin")
            await add_user(tx, ANNA_ID, "Anna", "manager")
            await add_user(tx, BORIS_ID, "Boris", "manager", language="ru")
        jan = at(2026, 1, 10)
        a1 = await add_client(tx, ANNA_ID, "Acme", created=jan)
        a2 = await add_client(tx, ANNA_ID, "Globex", created=jan)
        a3 = await add_client(tx, ANNA_ID, "Initech", created=at(2026, 11, 5))
        await add_client(
            tx,
            ANNA_ID,
            "Umbrella",
            created=jan,
            status="lost",
            loss_reason="price",
            updated=at(2026, 11, 10),
        )
        await add_client(tx, ANNA_ID, "Hooli", created=jan, status="lost", updated=at(2026, 11, 12))
        await add_client(
            tx,
            ANNA_ID,
            "Vandelay",
            created=jan,
            status="lost",
            loss_reason="price",
            updated=at(2026, 11, 15),
        )
        b1 = await add_client(tx, BORIS_ID, "Ромашка", created=at(2026, 2, 1))
        await add_client(
            tx,
            BORIS_ID,
            "Stark",
            created=jan,
            status="lost",
            loss_reason="moved to a competitor",
            updated=at(2026, 10, 20),
        )
        await add_client(tx, BORIS_ID, "Wayne", created=at(2026, 3, 1), archived=True)

        await add_interaction(tx, ANNA_ID, a1, "call", at(2026, 11, 2, 10))
        await add_interaction(tx, ANNA_ID, b1, "call", at(2026, 11, 3, 11))
        await add_interaction(tx, ANNA_ID, a1, "meeting", at(2026, 11, 20, 14))
        await add_interaction(tx, ANNA_ID, a1, "complaint", at(2026, 11, 21, 9), "open")
        await add_interaction(tx, ANNA_ID, a2, "email", at(2026, 10, 1, 9))
        await add_interaction(tx, BORIS_ID, b1, "call", at(2026, 11, 23, 0, 30))
        await add_interaction(tx, BORIS_ID, b1, "complaint", at(2026, 9, 15), "resolved")

        await add_invoice(tx, a1, 100000, "EUR", "2026-11-10")  # 14 days overdue
        await add_invoice(tx, a1, 250050, "EUR", "2026-09-30")  # 55
        await add_invoice(tx, a2, 50000, "USD", "2026-08-01")  # 115
        await add_invoice(tx, b1, 30000, "EUR", "2026-10-01", paid_at=at(2026, 11, 5))  # paid
        await add_invoice(tx, b1, 70000, "EUR", "2026-09-20")  # 65
        await add_invoice(tx, b1, 20000, "EUR", "2026-11-24")  # due today: not overdue
        await add_invoice(tx, a2, 5000, "JPY", "2026-11-23")  # 1
        await add_invoice(tx, b1, 40000, "EUR", "2026-10-25")  # 30: still the first bucket

        await add_contract(tx, a1, "2026-11-15", renewed=True)
        await add_contract(tx, a2, "2026-11-28")
        await add_contract(tx, b1, "2026-11-30")
        await add_contract(tx, b1, "2026-12-01")
        await add_contract(tx, a1, "2026-10-31", renewed=True)

        day = 24 * 3600
        r1 = at(2026, 11, 2, 9)
        await add_reminder(tx, ANNA_ID, r1, done_at=r1 + 3600)  # on time
        r2 = at(2026, 11, 5, 9)
        await add_reminder(tx, ANNA_ID, r2, done_at=r2 + 2 * day)  # late
        await add_reminder(tx, ANNA_ID, at(2026, 11, 10, 9), status="sent")  # missed
        await add_reminder(tx, ANNA_ID, at(2026, 11, 24, 9))  # open (grace not over)
        await add_reminder(tx, ANNA_ID, at(2026, 11, 12, 9), status="cancelled")
        r6 = at(2026, 11, 3, 9)
        await add_reminder(tx, BORIS_ID, r6, done_at=r6 + day)  # on time, just
        await add_reminder(tx, BORIS_ID, at(2026, 11, 27, 9))  # open (future)
        r8 = at(2026, 10, 20, 9)
        await add_reminder(tx, BORIS_ID, r8, done_at=r8 + 60)  # October
    return Known(a1, a2, a3, b1)
