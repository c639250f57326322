"""What a report says: frozen dataclasses, computed once, rendered as text and charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.reports.periods import Period

INTERACTION_KINDS = ("call", "meeting", "email", "message", "note", "complaint")
AGE_BUCKETS = ("0-30", "31-60", "61-90", "90+")  # days overdue


@dataclass(frozen=True, slots=True)
class Money:
    currency: str
    amount_minor: int  # integer minor units, never a float


@dataclass(frozen=True, slots=True)
class Scope:
    manager_id: int | None  # None: the whole team
    manager_name: str | None = None

    @property
    def is_team(self) -> bool:
        return self.manager_id is None


@dataclass(frozen=True, slots=True)
class ManagerSeries:
    user_id: int
    name: str
    counts: tuple[int, ...]  # one per Activity.buckets entry

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class Activity:
    """Interactions logged in the period by the people in scope."""

    by_kind: tuple[tuple[str, int], ...]  # every kind of INTERACTION_KINDS, in that order
    buckets: tuple[date, ...]  # first day of each chart bucket (days or weeks)
    per_manager: tuple[ManagerSeries, ...]  # busiest first

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_kind)


@dataclass(frozen=True, slots=True)
class Coverage:
    """The live portfolio at the report's as-of moment."""

    clients: int  # not lost, not archived
    contacted: int  # an interaction in the last 30 days
    cold: int  # none for 30+ days (clients younger than 30 days are not cold yet)
    contacted_in_period: int


@dataclass(frozen=True, slots=True)
class AgeBucket:
    label: str  # one of AGE_BUCKETS
    count: int
    totals: tuple[Money, ...]  # per currency, alphabetical


@dataclass(frozen=True, slots=True)
class Overdue:
    """Invoices unpaid at the as-of moment and past their due date."""

    count: int
    totals: tuple[Money, ...]  # per currency, alphabetical
    oldest_days: int | None  # days overdue of the oldest one; None when nothing is overdue
    buckets: tuple[AgeBucket, ...]  # the four AGE_BUCKETS, always all four


@dataclass(frozen=True, slots=True)
class Renewals:
    """Contracts whose end date falls in the period."""

    due: int
    renewed: int
    timeline: tuple[tuple[date, int, int], ...]  # (bucket start, due, renewed) per bucket


@dataclass(frozen=True, slots=True)
class Complaints:
    open: int  # open now (the schema keeps no resolution time, so not as of the period end)
    raised: int  # logged in the period


@dataclass(frozen=True, slots=True)
class FollowUps:
    """Reminders due in the period, by when they were marked done."""

    due: int
    on_time: int  # done at most ON_TIME_GRACE after due
    late: int  # done later than that
    missed: int  # not done and the grace has passed

    @property
    def open(self) -> int:
        return self.due - self.on_time - self.late - self.missed


@dataclass(frozen=True, slots=True)
class ClientFlow:
    new: int
    lost: int
    loss_reasons: tuple[tuple[str | None, int], ...]  # (reason or None, count), most first


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    scope: Scope
    as_of: int  # UTC epoch seconds: now, or the period's end when that is earlier
    activity: Activity
    coverage: Coverage
    overdue: Overdue
    renewals: Renewals
    complaints: Complaints
    follow_ups: FollowUps
    clients: ClientFlow
