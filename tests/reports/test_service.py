"""ReportService figures on the known dataset (tests/reports/factory.py), checked exactly."""

from datetime import date

import pytest

from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.reports import ReportService
from bot.reports.model import Money
from storage import users
from storage.db import Database
from tests.reports.factory import (
    ADMIN_ID,
    ANNA_ID,
    BORIS_ID,
    add_client,
    add_interaction,
    add_reminder,
    add_user,
    at,
    seed_known,
)


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "reports.sqlite3")
    yield database
    await database.close()


@pytest.fixture
async def service(db, clock):
    await seed_known(db)
    return ReportService(db, clock)


async def user(db, user_id):
    found = await users.get(db, user_id)
    assert found is not None
    return found


async def month_report(service, db, viewer_id, manager_id=None):
    viewer = await user(db, viewer_id)
    return await service.build(viewer, service.period(viewer, "month"), manager_id)


class TestTeamMonth:
    async def test_interactions_by_kind_count_every_kind(self, service, db):
        report = await month_report(service, db, ADMIN_ID)
        assert report.activity.by_kind == (
            ("call", 3),
            ("meeting", 1),
            ("email", 0),
            ("message", 0),
            ("note", 0),
            ("complaint", 1),
        )
        assert report.activity.total == 5

    async def test_interactions_per_day_per_manager_use_local_days(self, service, db):
        """Boris's call at 00:30 on Mon 23 Nov in Amsterdam is still Sunday in UTC."""
        report = await month_report(service, db, ADMIN_ID)
        activity = report.activity
        assert len(activity.buckets) == 30 and activity.buckets[0] == date(2026, 11, 1)
        anna, boris = activity.per_manager
        assert (anna.name, anna.total, boris.name, boris.total) == ("Anna", 4, "Boris", 1)
        assert [i + 1 for i, n in enumerate(anna.counts) if n] == [2, 3, 20, 21]
        assert [i + 1 for i, n in enumerate(boris.counts) if n] == [23]

    async def test_contacted_and_cold_clients(self, service, db):
        coverage = (await month_report(service, db, ADMIN_ID)).coverage
        assert (coverage.clients, coverage.contacted, coverage.cold) == (4, 2, 1)
        assert coverage.contacted_in_period == 2

    async def test_overdue_receivables_per_currency_and_age(self, service, db):
        overdue = (await month_report(service, db, ADMIN_ID)).overdue
        assert overdue.count == 6
        assert overdue.totals == (Money("EUR", 460050), Money("JPY", 5000), Money("USD", 50000))
        assert overdue.oldest_days == 115
        assert [(b.label, b.count) for b in overdue.buckets] == [
            ("0-30", 3),
            ("31-60", 1),
            ("61-90", 1),
            ("90+", 1),
        ]
        assert overdue.buckets[0].totals == (Money("EUR", 140000), Money("JPY", 5000))
        assert overdue.buckets[3].totals == (Money("USD", 50000),)

    async def test_renewals_due_and_renewed_on_a_timeline(self, service, db):
        renewals = (await month_report(service, db, ADMIN_ID)).renewals
        assert (renewals.due, renewals.renewed) == (3, 1)
        busy = [(day.day, due, renewed) for day, due, renewed in renewals.timeline if due]
        assert busy == [(15, 1, 1), (28, 1, 0), (30, 1, 0)]

    async def test_open_complaints(self, service, db):
        complaints = (await month_report(service, db, ADMIN_ID)).complaints
        assert (complaints.open, complaints.raised) == (1, 1)

    async def test_follow_ups_on_time_late_missed_open(self, service, db):
        follow_ups = (await month_report(service, db, ADMIN_ID)).follow_ups
        assert (follow_ups.due, follow_ups.on_time, follow_ups.late) == (6, 2, 1)
        assert (follow_ups.missed, follow_ups.open) == (1, 2)

    async def test_new_and_lost_clients_with_reasons(self, service, db):
        flow = (await month_report(service, db, ADMIN_ID)).clients
        assert (flow.new, flow.lost) == (1, 3)
        assert flow.loss_reasons == (("price", 2), (None, 1))


class TestScope:
    async def test_a_manager_sees_only_the_own_portfolio(self, service, db):
        report = await month_report(service, db, ANNA_ID)
        assert report.scope.manager_id == ANNA_ID
        assert report.activity.total == 4
        assert [s.name for s in report.activity.per_manager] == ["Anna"]
        assert (report.coverage.clients, report.coverage.contacted, report.coverage.cold) == (
            3,
            1,
            1,
        )
        assert report.overdue.count == 4
        assert report.overdue.totals == (
            Money("EUR", 350050),
            Money("JPY", 5000),
            Money("USD", 50000),
        )
        assert (report.renewals.due, report.renewals.renewed) == (2, 1)
        assert (report.complaints.open, report.follow_ups.due, report.clients.lost) == (1, 4, 3)

    async def test_the_other_manager_sees_the_rest(self, service, db):
        report = await month_report(service, db, BORIS_ID)
        assert report.activity.total == 1
        assert report.overdue.count == 2 and report.overdue.oldest_days == 65
        assert report.overdue.totals == (Money("EUR", 110000),)
        assert (report.complaints.open, report.follow_ups.on_time, report.clients.new) == (0, 1, 0)

    async def test_an_admin_can_filter_one_manager(self, service, db):
        report = await month_report(service, db, ADMIN_ID, manager_id=BORIS_ID)
        assert report.scope.manager_name == "Boris"
        assert report.overdue.count == 2

    async def test_a_manager_cannot_ask_for_a_colleague(self, service, db):
        with pytest.raises(NotAllowed):
            await month_report(service, db, ANNA_ID, manager_id=BORIS_ID)

    async def test_an_unknown_manager_is_not_found(self, service, db):
        with pytest.raises(NotFound):
            await month_report(service, db, ADMIN_ID, manager_id=999)

    async def test_viewers_see_the_team(self, service, db):
        async with db.transaction() as tx:
            await add_user(tx, 3001, "Vera", "viewer")
        report = await month_report(service, db, 3001)
        assert report.scope.is_team and report.overdue.count == 6
        names = [u.name for u in await service.managers(await user(db, 3001))]
        assert names == ["Alice", "Anna", "Boris"]

    async def test_managers_get_no_manager_filter(self, service, db):
        with pytest.raises(NotAllowed):
            await service.managers(await user(db, ANNA_ID))


class TestOtherPeriods:
    async def test_a_past_period_is_computed_as_of_its_end(self, service, db):
        """October: the invoice paid on 5 Nov was still overdue on 31 Oct; a follow-up due
        that evening and never done is missed by now, though its grace ended after 31 Oct."""
        async with db.transaction() as tx:
            await add_reminder(tx, BORIS_ID, at(2026, 10, 31, 20), status="sent")
        admin = await user(db, ADMIN_ID)
        report = await service.build(
            admin, service.custom_period(admin, "2026-10-01", "2026-10-31")
        )
        assert report.as_of == at(2026, 11, 1, 0) - 1
        overdue = report.overdue
        assert [(b.label, b.count) for b in overdue.buckets] == [
            ("0-30", 2),
            ("31-60", 2),
            ("61-90", 0),
            ("90+", 1),
        ]
        assert overdue.totals == (Money("EUR", 390050), Money("USD", 50000))
        assert overdue.oldest_days == 91
        assert report.renewals.due == 1 and report.renewals.renewed == 1
        assert report.clients.lost == 1 and report.clients.loss_reasons == (
            ("moved to a competitor", 1),
        )
        follow_ups = report.follow_ups
        assert (follow_ups.due, follow_ups.on_time, follow_ups.missed, follow_ups.open) == (
            2,
            1,
            1,
            0,
        )

    async def test_a_quarter_is_bucketed_by_local_weeks(self, service, db):
        admin = await user(db, ADMIN_ID)
        report = await service.build(admin, service.period(admin, "quarter"))
        activity = report.activity
        assert activity.buckets[0] == date(2026, 10, 1)
        assert activity.buckets[1] == date(2026, 10, 5) and len(activity.buckets) == 14
        anna, boris = activity.per_manager
        assert {activity.buckets[i]: n for i, n in enumerate(anna.counts) if n} == {
            date(2026, 10, 1): 1,
            date(2026, 11, 2): 2,
            date(2026, 11, 16): 2,
        }
        assert {activity.buckets[i]: n for i, n in enumerate(boris.counts) if n} == {
            date(2026, 11, 23): 1
        }

    async def test_days_across_the_dst_change_stay_local(self, db, clock):
        """25 Oct 2026 Amsterdam falls back from +2 to +1: 23:30 that evening is still 25 Oct."""
        async with db.transaction() as tx:
            await add_user(tx, ADMIN_ID, "Alice", "admin")
            client = await add_client(tx, ADMIN_ID, "Acme", created=at(2026, 1, 1))
            for day in (24, 25, 26):
                await add_interaction(tx, ADMIN_ID, client, "call", at(2026, 10, day, 23, 30))
        service = ReportService(db, clock)
        admin = await user(db, ADMIN_ID)
        report = await service.build(
            admin, service.custom_period(admin, "2026-10-20", "2026-11-02")
        )
        (series,) = report.activity.per_manager
        days = [report.activity.buckets[i].day for i, n in enumerate(series.counts) if n]
        assert days == [24, 25, 26]


class TestCustomPeriodInput:
    @pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "01.10.2026", "yesterday"])
    async def test_a_bad_date_is_refused_naming_it(self, service, db, text):
        admin = await user(db, ADMIN_ID)
        with pytest.raises(InvalidInput) as caught:
            service.custom_period(admin, text, "2026-12-01")
        assert caught.value.key == "report.bad_date" and caught.value.params == {"value": text}

    async def test_from_after_to_is_refused(self, service, db):
        admin = await user(db, ADMIN_ID)
        with pytest.raises(InvalidInput) as caught:
            service.custom_period(admin, "2026-10-31", "2026-10-01")
        assert caught.value.key == "report.bad_range"

    async def test_more_than_a_year_is_refused(self, service, db):
        admin = await user(db, ADMIN_ID)
        with pytest.raises(InvalidInput) as caught:
            service.custom_period(admin, "2025-01-01", "2026-01-02")
        assert caught.value.key == "report.too_long"
