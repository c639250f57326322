"""Aggregate queries behind /report. Read-only; every function runs on a Reader.

Scope: each query filters the manager column with `BETWEEN ? AND ?`, given (id, id) for one
manager or `TEAM` (the whole id range) for everyone. One SQL text serves both cases, stays
index-friendly, and avoids `? IS NULL OR ...`, which PostgreSQL cannot type.
Portable SQL only (DESIGN §9): integer arithmetic on epoch seconds, ISO date text compared as
text, no SQLite date functions. Rows become small frozen dataclasses here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.db import Reader, day

TEAM = (-(2**62), 2**62)  # every user id


def manager_range(manager_id: int | None) -> tuple[int, int]:
    return TEAM if manager_id is None else (manager_id, manager_id)


@dataclass(frozen=True, slots=True)
class KindCount:
    kind: str
    count: int


INTERACTIONS_BY_KIND = """
SELECT i.kind AS kind, COUNT(*) AS n
  FROM interactions i
 WHERE i.user_id BETWEEN ? AND ? AND i.happened_at >= ? AND i.happened_at < ?
 GROUP BY i.kind
"""


async def interactions_by_kind(
    db: Reader, scope: tuple[int, int], start_ts: int, end_ts: int
) -> list[KindCount]:
    """Interactions logged by the people in scope (who did the work) in [start, end)."""
    rows = await db.fetch_all(INTERACTIONS_BY_KIND, (*scope, start_ts, end_ts))
    return [KindCount(row["kind"], row["n"]) for row in rows]


@dataclass(frozen=True, slots=True)
class DailyCount:
    user_id: int
    day_number: int  # days since 1970-01-01 in local time: (ts + utc offset) // 86400
    count: int


INTERACTIONS_PER_DAY = """
SELECT i.user_id AS user_id, (i.happened_at + ?) / 86400 AS day_number, COUNT(*) AS n
  FROM interactions i
 WHERE i.user_id BETWEEN ? AND ? AND i.happened_at >= ? AND i.happened_at < ?
 GROUP BY i.user_id, day_number
"""


async def interactions_per_day(
    db: Reader, scope: tuple[int, int], lo: int, hi: int, utc_offset: int
) -> list[DailyCount]:
    """Per user and local day, for a stretch [lo, hi) with one constant UTC offset."""
    rows = await db.fetch_all(INTERACTIONS_PER_DAY, (utc_offset, *scope, lo, hi))
    return [DailyCount(row["user_id"], row["day_number"], row["n"]) for row in rows]


@dataclass(frozen=True, slots=True)
class CoverageRow:
    clients: int
    contacted: int  # an interaction in (since, as_of]
    cold: int  # none in (since, as_of], and the client existed at `since`
    contacted_in_period: int


COVERAGE = """
SELECT COUNT(*) AS clients,
       COALESCE(SUM(recent), 0) AS contacted,
       COALESCE(SUM(CASE WHEN recent = 0 AND created_at <= ? THEN 1 ELSE 0 END), 0) AS cold,
       COALESCE(SUM(in_period), 0) AS contacted_in_period
  FROM (SELECT c.created_at AS created_at,
               CASE WHEN EXISTS (SELECT 1 FROM interactions i
                                  WHERE i.client_id = c.id
                                    AND i.happened_at > ? AND i.happened_at <= ?)
                    THEN 1 ELSE 0 END AS recent,
               CASE WHEN EXISTS (SELECT 1 FROM interactions i
                                  WHERE i.client_id = c.id
                                    AND i.happened_at >= ? AND i.happened_at < ?)
                    THEN 1 ELSE 0 END AS in_period
          FROM clients c
         WHERE c.owner_id BETWEEN ? AND ? AND c.archived = 0 AND c.status <> 'lost'
           AND c.created_at <= ?) portfolio
"""


async def coverage(
    db: Reader,
    scope: tuple[int, int],
    *,
    since: int,
    as_of: int,
    start_ts: int,
    end_ts: int,
) -> CoverageRow:
    """The live portfolio (not lost, not archived) at `as_of`: who was contacted lately."""
    row = await db.fetch_one(COVERAGE, (since, since, as_of, start_ts, end_ts, *scope, as_of))
    assert row is not None
    return CoverageRow(row["clients"], row["contacted"], row["cold"], row["contacted_in_period"])


@dataclass(frozen=True, slots=True)
class OverdueRow:
    currency: str
    bucket: int  # 0: 1-30 days overdue, 1: 31-60, 2: 61-90, 3: over 90
    count: int
    amount_minor: int
    oldest_due_on: date


OVERDUE = """
SELECT v.currency AS currency,
       CASE WHEN v.due_on >= ? THEN 0 WHEN v.due_on >= ? THEN 1
            WHEN v.due_on >= ? THEN 2 ELSE 3 END AS bucket,
       COUNT(*) AS n, SUM(v.amount_minor) AS total, MIN(v.due_on) AS oldest
  FROM invoices v JOIN clients c ON c.id = v.client_id
 WHERE c.owner_id BETWEEN ? AND ? AND v.due_on < ? AND v.created_at <= ?
   AND (v.paid_at IS NULL OR v.paid_at > ?)
 GROUP BY v.currency, bucket
"""


async def overdue(
    db: Reader,
    scope: tuple[int, int],
    *,
    today: str,
    bucket_starts: tuple[str, str, str],
    as_of: int,
) -> list[OverdueRow]:
    """Invoices unpaid at `as_of` whose due date (YYYY-MM-DD) is before `today`.

    `bucket_starts` are the earliest due dates of the 1-30, 31-60 and 61-90 day buckets.
    """
    rows = await db.fetch_all(OVERDUE, (*bucket_starts, *scope, today, as_of, as_of))
    return [
        OverdueRow(row["currency"], row["bucket"], row["n"], row["total"], day(row["oldest"]))
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class RenewalDay:
    end_on: date
    due: int
    renewed: int


RENEWALS = """
SELECT k.end_on AS end_on, COUNT(*) AS due, SUM(k.renewed) AS renewed
  FROM contracts k JOIN clients c ON c.id = k.client_id
 WHERE c.owner_id BETWEEN ? AND ? AND k.end_on >= ? AND k.end_on <= ?
 GROUP BY k.end_on
 ORDER BY k.end_on
"""


async def renewals(db: Reader, scope: tuple[int, int], first: str, last: str) -> list[RenewalDay]:
    """Contracts ending on each day in [first, last] (dates as text), and how many renewed."""
    rows = await db.fetch_all(RENEWALS, (*scope, first, last))
    return [RenewalDay(day(row["end_on"]), row["due"], row["renewed"]) for row in rows]


COMPLAINTS = """
SELECT COALESCE(SUM(CASE WHEN i.complaint_status = 'open' THEN 1 ELSE 0 END), 0) AS open_now,
       COALESCE(SUM(CASE WHEN i.happened_at >= ? AND i.happened_at < ? THEN 1 ELSE 0 END), 0)
           AS raised
  FROM interactions i
 WHERE i.kind = 'complaint'
   AND i.client_id IN (SELECT c.id FROM clients c WHERE c.owner_id BETWEEN ? AND ?)
"""


async def complaints(
    db: Reader, scope: tuple[int, int], start_ts: int, end_ts: int
) -> tuple[int, int]:
    """(open now, raised in [start, end)) for complaints about clients in scope."""
    row = await db.fetch_one(COMPLAINTS, (start_ts, end_ts, *scope))
    assert row is not None
    return row["open_now"], row["raised"]


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    due: int
    on_time: int
    late: int
    missed: int


FOLLOW_UPS = """
SELECT COUNT(*) AS due,
       COALESCE(SUM(CASE WHEN r.done_at IS NOT NULL AND r.done_at <= r.due_at + ?
                         THEN 1 ELSE 0 END), 0) AS on_time,
       COALESCE(SUM(CASE WHEN r.done_at IS NOT NULL AND r.done_at > r.due_at + ?
                         THEN 1 ELSE 0 END), 0) AS late,
       COALESCE(SUM(CASE WHEN r.done_at IS NULL AND r.due_at + ? < ?
                         THEN 1 ELSE 0 END), 0) AS missed
  FROM reminders r
 WHERE r.owner_id BETWEEN ? AND ? AND r.due_at >= ? AND r.due_at < ?
   AND r.status <> 'cancelled'
"""


async def follow_ups(
    db: Reader, scope: tuple[int, int], start_ts: int, end_ts: int, *, grace: int, as_of: int
) -> FollowUpRow:
    """Reminders due in [start, end): done within `grace` seconds, done later, or not done
    although the grace has passed at `as_of`. Cancelled ones do not count."""
    row = await db.fetch_one(FOLLOW_UPS, (grace, grace, grace, as_of, *scope, start_ts, end_ts))
    assert row is not None
    return FollowUpRow(row["due"], row["on_time"], row["late"], row["missed"])


NEW_CLIENTS = """
SELECT COUNT(*) AS n FROM clients c
 WHERE c.owner_id BETWEEN ? AND ? AND c.created_at >= ? AND c.created_at < ?
"""


async def new_clients(db: Reader, scope: tuple[int, int], start_ts: int, end_ts: int) -> int:
    row = await db.fetch_one(NEW_CLIENTS, (*scope, start_ts, end_ts))
    assert row is not None
    return row["n"]


@dataclass(frozen=True, slots=True)
class LossReason:
    reason: str | None
    count: int


LOST_CLIENTS = """
SELECT c.loss_reason AS reason, COUNT(*) AS n FROM clients c
 WHERE c.owner_id BETWEEN ? AND ? AND c.status = 'lost'
   AND c.updated_at >= ? AND c.updated_at < ?
 GROUP BY c.loss_reason
 ORDER BY n DESC, reason
"""


async def lost_clients(
    db: Reader, scope: tuple[int, int], start_ts: int, end_ts: int
) -> list[LossReason]:
    """Clients now lost whose last change fell in [start, end) (the schema has no lost_at)."""
    rows = await db.fetch_all(LOST_CLIENTS, (*scope, start_ts, end_ts))
    return [LossReason(row["reason"], row["n"]) for row in rows]


USER_NAMES = "SELECT id, name FROM users"


async def user_names(db: Reader) -> dict[int, str]:
    return {row["id"]: row["name"] for row in await db.fetch_all(USER_NAMES)}
