"""bot.recurrence: the first occurrence the parser stores and the ones that follow."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.recurrence import first_occurrence, next_occurrence, occurrence_after, parse_rule

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=AMS)  # Tuesday


class TestFirstOccurrence:
    @pytest.mark.parametrize(
        ("rule", "at", "expected"),
        [
            ("FREQ=WEEKLY;BYDAY=MO", time(9), "2026-11-30T09:00"),
            ("FREQ=DAILY", time(9), "2026-11-25T09:00"),
            ("FREQ=DAILY", time(17), "2026-11-24T17:00"),
            ("FREQ=MONTHLY;BYMONTHDAY=-1", time(9), "2026-11-30T09:00"),
            ("FREQ=MONTHLY;BYMONTHDAY=31", time(9), "2026-11-30T09:00"),
            ("FREQ=MONTHLY;BYDAY=1MO", time(9), "2026-12-07T09:00"),
            ("FREQ=MONTHLY;BYDAY=-1FR", time(9), "2026-11-27T09:00"),
            ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", time(9), "2026-11-27T09:00"),
            ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1", time(9), "2027-03-01T09:00"),
        ],
    )
    def test_first_occurrence_is_the_next_matching_wall_time(self, rule, at, expected):
        found = first_occurrence(rule, NOW, AMS, at=at)
        assert found.at.strftime("%Y-%m-%dT%H:%M") == expected


def test_every_other_friday_keeps_its_phase_from_dtstart():
    start = datetime(2026, 11, 27, 9)
    after = datetime(2026, 11, 27, 9, tzinfo=AMS)
    assert next_occurrence("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", after, AMS, dtstart=start).day == 11


def test_weekly_keeps_wall_time_across_dst():
    start = datetime(2027, 3, 22, 9)  # Monday before the spring change
    found = occurrence_after(
        "FREQ=WEEKLY;BYDAY=MO", datetime(2027, 3, 22, 9, tzinfo=AMS), AMS, dtstart=start
    )
    assert found.at.isoformat() == "2027-03-29T09:00:00+02:00"


def test_gap_time_is_shifted_and_flagged():
    start = datetime(2027, 3, 21, 2, 30)  # Sundays at 02:30
    found = occurrence_after(
        "FREQ=WEEKLY", datetime(2027, 3, 21, 3, tzinfo=AMS), AMS, dtstart=start
    )
    assert found.shifted
    assert found.at.isoformat() == "2027-03-28T03:30:00+02:00"


def test_count_ends_the_rule():
    start = datetime(2026, 11, 25, 9)
    after = datetime(2026, 11, 26, 9, tzinfo=AMS)
    assert occurrence_after("FREQ=DAILY;COUNT=2", after, AMS, dtstart=start) is None


@pytest.mark.parametrize("bad", ["FREQ=HOURLY", "FREQ=DAILY;INTERVAL=0", "FREQ=WEEKLY;BYDAY=XX"])
def test_unsupported_rules_raise(bad):
    with pytest.raises(ValueError):
        parse_rule(bad)
