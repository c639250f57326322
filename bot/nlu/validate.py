"""Turning a wall time into an aware moment without a silent wrong date.

Each helper returns the moment plus the problems a person must see: a wall time in the DST
gap, one in the autumn fold, a day that does not exist, a moment already over.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.nlu.model import Problem
from bot.recurrence import localize


def at_wall(day: date, clock: time, zone: ZoneInfo) -> tuple[datetime, list[Problem]]:
    """`day` at `clock` in `zone`. A time in the DST gap moves forward by the gap
    ("dst_gap", alternatives: the moved time and the hour before the gap); a time that
    exists twice takes the first ("ambiguous_time", alternatives: both instants)."""
    wall = datetime.combine(day, clock)
    aware, shifted = localize(wall, zone)
    if shifted:
        before = (aware - timedelta(hours=1)).astimezone(zone)
        return aware, [Problem("dst_gap", (aware, before))]
    second = wall.replace(tzinfo=zone, fold=1)
    if second.utcoffset() != aware.utcoffset():
        return aware, [Problem("ambiguous_time", (aware, second.astimezone(zone)))]
    return aware, []


def checked_date(year: int, month: int, day: int) -> tuple[date | None, tuple[date, ...]]:
    """The date, or (None, alternatives) when the day does not exist in that month: the
    month's last day and the first day of the next month ("31 April" -> 30 Apr, 1 May)."""
    try:
        return date(year, month, day), ()
    except ValueError:
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 28
        if not 1 <= month <= 12:
            return None, ()
        end = date(year, month, last)
        return None, (end, end + timedelta(days=1))


def valid_clock(hour: int, minute: int) -> bool:
    return 0 <= hour <= 23 and 0 <= minute <= 59


def past_problem(due: datetime, now: datetime, zone: ZoneInfo) -> Problem | None:
    """ "past" when `due` is not after `now`; the alternative is the same wall time on the
    first later day."""
    if due > now:
        return None
    local = due.astimezone(zone)
    day = now.astimezone(zone).date()
    for _ in range(3):
        candidate, _ = at_wall(day, local.time().replace(tzinfo=None), zone)
        if candidate > now:
            return Problem("past", (candidate,))
        day += timedelta(days=1)
    return Problem("past")


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the last day ("31 Jan + 1 month" -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))
