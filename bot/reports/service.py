"""ReportService: who may see which report, and the figures for a period and scope.

Attribution (documented in docs/reports.md): activity (interactions logged, reminders done)
counts for the person who did it; portfolio state (contacted or cold clients, overdue
invoices, renewals, complaints, new and lost clients) for the client's current owner.
Managers see their own; admins and viewers see the team or any one manager.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.config import Config
from bot.errors import NotAllowed, NotFound
from bot.reports import periods

if TYPE_CHECKING:
    from bot.reports.charts import Chart, ChartRenderer
from bot.reports.model import (
    AGE_BUCKETS,
    INTERACTION_KINDS,
    Activity,
    AgeBucket,
    ClientFlow,
    Complaints,
    Coverage,
    FollowUps,
    ManagerSeries,
    Money,
    Overdue,
    Renewals,
    Report,
    Scope,
)
from bot.reports.periods import Period
from storage import reports as queries
from storage import users
from storage.db import Database
from storage.users import User

COLD_DAYS = 30  # "not contacted for 30+ days"
ON_TIME_GRACE = 24 * 3600  # a follow-up done within a day of its due time is on time
TEAM_ROLES = ("admin", "viewer")  # may see the whole team and filter by manager
PORTFOLIO_ROLES = ("admin", "manager")  # may own clients: offered in the manager filter


class ReportService:
    def __init__(self, db: Database, clock: Clock, config: Config | None = None) -> None:
        self._db = db
        self._clock = clock
        self._config = config
        self._renderer: ChartRenderer | None = None  # matplotlib loads on the first chart

    # -- periods and scope ------------------------------------------------------------

    def period(self, viewer: User, kind: str) -> Period:
        """This week / month / quarter in the viewer's time zone."""
        return periods.preset(kind, self._clock.now(), viewer.timezone)

    def custom_period(self, viewer: User, start: str, end: str) -> Period:
        """A typed period; InvalidInput (report.bad_date / bad_range / too_long) if unusable."""
        return periods.custom(start, end, viewer.timezone)

    async def managers(self, viewer: User) -> list[User]:
        """People whose portfolio an admin or viewer can filter by."""
        if viewer.role not in TEAM_ROLES:
            raise NotAllowed()
        return [u for u in await users.list_active(self._db) if u.role in PORTFOLIO_ROLES]

    async def scope(self, viewer: User, manager_id: int | None) -> Scope:
        """Managers always get their own portfolio; asking for another's is refused."""
        if viewer.role not in TEAM_ROLES:
            if manager_id not in (None, viewer.id):
                raise NotAllowed()
            return Scope(viewer.id, viewer.name)
        if manager_id is None:
            return Scope(None)
        manager = await users.get(self._db, manager_id)
        if manager is None:
            raise NotFound()
        return Scope(manager.id, manager.name)

    # -- the report -------------------------------------------------------------------

    async def build(self, viewer: User, period: Period, manager_id: int | None = None) -> Report:
        scope = await self.scope(viewer, manager_id)
        now = self._clock.timestamp()
        as_of = min(now, period.end_ts - 1)
        ids = queries.manager_range(scope.manager_id)
        return Report(
            period=period,
            scope=scope,
            as_of=as_of,
            activity=await self._activity(ids, period),
            coverage=await self._coverage(ids, period, as_of),
            overdue=await self._overdue(ids, period, as_of),
            renewals=await self._renewals(ids, period),
            complaints=Complaints(
                *await queries.complaints(self._db, ids, period.start_ts, period.end_ts)
            ),
            follow_ups=await self._follow_ups(ids, period, now),
            clients=await self._client_flow(ids, period),
        )

    async def charts(self, report: Report, lang: str) -> list[Chart]:
        """PNG charts, rendered in a worker thread so the bot keeps answering meanwhile.

        matplotlib is imported on the first call, not at start-up: it costs ~0.5 s that
        every restart (and the reminder catch-up after one) would otherwise wait for.
        """
        if self._renderer is None:
            from bot.reports.charts import ChartRenderer

            self._renderer = await asyncio.to_thread(ChartRenderer)
        return await asyncio.to_thread(self._renderer.render_all, report, lang)

    async def _activity(self, ids: tuple[int, int], period: Period) -> Activity:
        kinds = {
            row.kind: row.count
            for row in await queries.interactions_by_kind(
                self._db, ids, period.start_ts, period.end_ts
            )
        }
        buckets = period.buckets()
        per_user: dict[int, list[int]] = defaultdict(lambda: [0] * len(buckets))
        for lo, hi, offset in periods.offset_segments(period):
            for row in await queries.interactions_per_day(self._db, ids, lo, hi, offset):
                day = periods.local_day(row.day_number)
                if period.start <= day <= period.end:
                    per_user[row.user_id][period.bucket_index(day)] += row.count
        names = await queries.user_names(self._db) if per_user else {}
        series = sorted(
            (
                ManagerSeries(user_id, names.get(user_id, str(user_id)), tuple(counts))
                for user_id, counts in per_user.items()
            ),
            key=lambda item: (-item.total, item.name, item.user_id),
        )
        return Activity(
            by_kind=tuple((kind, kinds.get(kind, 0)) for kind in INTERACTION_KINDS),
            buckets=buckets,
            per_manager=tuple(series),
        )

    async def _coverage(self, ids: tuple[int, int], period: Period, as_of: int) -> Coverage:
        row = await queries.coverage(
            self._db,
            ids,
            since=as_of - COLD_DAYS * 86400,
            as_of=as_of,
            start_ts=period.start_ts,
            end_ts=period.end_ts,
        )
        return Coverage(row.clients, row.contacted, row.cold, row.contacted_in_period)

    async def _overdue(self, ids: tuple[int, int], period: Period, as_of: int) -> Overdue:
        today = periods.to_local_date(as_of, period.tz)
        thirty, sixty, ninety = (today - timedelta(days=days) for days in (30, 60, 90))
        starts = (thirty.isoformat(), sixty.isoformat(), ninety.isoformat())
        rows = await queries.overdue(
            self._db, ids, today=today.isoformat(), bucket_starts=starts, as_of=as_of
        )
        counts = [0] * len(AGE_BUCKETS)
        bucket_totals: list[dict[str, int]] = [defaultdict(int) for _ in AGE_BUCKETS]
        totals: dict[str, int] = defaultdict(int)
        for row in rows:
            counts[row.bucket] += row.count
            bucket_totals[row.bucket][row.currency] += row.amount_minor
            totals[row.currency] += row.amount_minor
        oldest = min((row.oldest_due_on for row in rows), default=None)
        return Overdue(
            count=sum(counts),
            totals=_money(totals),
            oldest_days=(today - oldest).days if oldest else None,
            buckets=tuple(
                AgeBucket(label, counts[i], _money(bucket_totals[i]))
                for i, label in enumerate(AGE_BUCKETS)
            ),
        )

    async def _renewals(self, ids: tuple[int, int], period: Period) -> Renewals:
        rows = await queries.renewals(
            self._db, ids, period.start.isoformat(), period.end.isoformat()
        )
        buckets = period.buckets()
        due, renewed = [0] * len(buckets), [0] * len(buckets)
        for row in rows:
            index = period.bucket_index(row.end_on)
            due[index] += row.due
            renewed[index] += row.renewed
        return Renewals(
            due=sum(due),
            renewed=sum(renewed),
            timeline=tuple(zip(buckets, due, renewed, strict=True)),
        )

    async def _follow_ups(self, ids: tuple[int, int], period: Period, now: int) -> FollowUps:
        """Judged with what is known now: a done_at after the period end still counts."""
        row = await queries.follow_ups(
            self._db, ids, period.start_ts, period.end_ts, grace=ON_TIME_GRACE, as_of=now
        )
        return FollowUps(row.due, row.on_time, row.late, row.missed)

    async def _client_flow(self, ids: tuple[int, int], period: Period) -> ClientFlow:
        new = await queries.new_clients(self._db, ids, period.start_ts, period.end_ts)
        lost = await queries.lost_clients(self._db, ids, period.start_ts, period.end_ts)
        merged: dict[str | None, int] = defaultdict(int)
        for row in lost:
            merged[(row.reason or "").strip() or None] += row.count
        reasons = sorted(
            merged.items(), key=lambda item: (-item[1], item[0] is None, item[0] or "")
        )
        return ClientFlow(
            new=new, lost=sum(count for _, count in reasons), loss_reasons=tuple(reasons)
        )


def _money(totals: dict[str, int]) -> tuple[Money, ...]:
    return tuple(Money(currency, amount) for currency, amount in sorted(totals.items()))
