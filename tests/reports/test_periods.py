"""Report periods: presets in the user's zone, local midnights, DST cuts, chart buckets."""

from datetime import UTC, date, datetime

from bot.reports import periods
from tests.reports.factory import at

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class TestPresets:
    def test_week_month_quarter_around_now(self):
        week = periods.preset("week", NOW, "Europe/Amsterdam")
        month = periods.preset("month", NOW, "Europe/Amsterdam")
        quarter = periods.preset("quarter", NOW, "Europe/Amsterdam")
        assert (week.start, week.end) == (date(2026, 11, 23), date(2026, 11, 29))
        assert (month.start, month.end) == (date(2026, 11, 1), date(2026, 11, 30))
        assert (quarter.start, quarter.end) == (date(2026, 10, 1), date(2026, 12, 31))

    def test_the_period_follows_the_user_s_date_not_utc(self):
        """At 23:30 UTC on 30 Nov it is already 1 Dec in Almaty: "this month" is December."""
        late = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
        assert periods.preset("month", late, "Asia/Almaty").start == date(2026, 12, 1)
        assert periods.preset("month", late, "UTC").start == date(2026, 11, 1)

    def test_boundaries_are_local_midnights(self):
        month = periods.preset("month", NOW, "Europe/Amsterdam")
        assert month.start_ts == at(2026, 11, 1, 0) and month.end_ts == at(2026, 12, 1, 0)


class TestBuckets:
    def test_up_to_31_days_are_daily_longer_ones_weekly_from_monday(self):
        month = periods.preset("month", NOW, "UTC")
        assert month.daily and len(month.buckets()) == 30
        quarter = periods.preset("quarter", NOW, "UTC")
        starts = quarter.buckets()
        assert not quarter.daily and starts[:3] == (
            date(2026, 10, 1),
            date(2026, 10, 5),
            date(2026, 10, 12),
        )
        assert quarter.bucket_index(date(2026, 10, 4)) == 0
        assert quarter.bucket_index(date(2026, 10, 5)) == 1
        assert quarter.bucket_index(date(2026, 12, 31)) == len(starts) - 1


class TestOffsetSegments:
    def test_a_period_without_dst_change_is_one_segment(self):
        month = periods.preset("month", NOW, "Europe/Amsterdam")
        assert periods.offset_segments(month) == [(month.start_ts, month.end_ts, 3600)]

    def test_the_autumn_change_cuts_at_the_transition_instant(self):
        october = periods.custom("2026-10-01", "2026-10-31", "Europe/Amsterdam")
        change = int(datetime(2026, 10, 25, 1, 0, tzinfo=UTC).timestamp())
        assert periods.offset_segments(october) == [
            (october.start_ts, change, 7200),
            (change, october.end_ts, 3600),
        ]

    def test_a_zone_with_half_hour_offset_keeps_it(self):
        week = periods.preset("week", NOW, "Asia/Kolkata")
        ((_, _, offset),) = periods.offset_segments(week)
        assert offset == 19800
