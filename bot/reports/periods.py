"""Report periods in the user's time zone, and how to bucket time inside them.

A period is a range of local calendar days, [start, end] inclusive, turned into UTC epoch
seconds [start_ts, end_ts) at the user's local midnights. Storage groups timestamps by
local day with `(ts + offset) / 86400`, which is exact only while the UTC offset is
constant, so `offset_segments` cuts the period at every DST transition inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput

PRESETS = ("week", "month", "quarter")
MAX_DAYS = 366  # a custom period longer than a year makes unreadable charts
DAILY_UP_TO = 31  # charts use one bar per day up to this many days, else one per week
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Period:
    kind: str  # week | month | quarter | custom
    start: date
    end: date  # inclusive
    tz: str
    start_ts: int  # UTC epoch seconds of local midnight at `start`
    end_ts: int  # ... at the day after `end` (exclusive)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def daily(self) -> bool:
        """Charts show days for short periods, weeks (Monday first) for longer ones."""
        return self.days <= DAILY_UP_TO

    def buckets(self) -> tuple[date, ...]:
        """First day of each chart bucket; the first week may start mid-week."""
        if self.daily:
            return tuple(self.start + timedelta(days=n) for n in range(self.days))
        starts = [self.start]
        monday = self.start + timedelta(days=7 - self.start.weekday())
        while monday <= self.end:
            starts.append(monday)
            monday += timedelta(days=7)
        return tuple(starts)

    def bucket_index(self, day: date) -> int:
        """Which bucket a day in the period falls into."""
        if self.daily:
            return (day - self.start).days
        first_monday = self.start + timedelta(days=7 - self.start.weekday())
        if day < first_monday:
            return 0
        return 1 + (day - first_monday).days // 7


def make_period(kind: str, start: date, end: date, tz: str) -> Period:
    return Period(kind, start, end, tz, local_midnight(start, tz), local_midnight(end + _DAY, tz))


def preset(kind: str, now: datetime, tz: str) -> Period:
    """This week (Mon-Sun), month or quarter around `now`, in the user's zone."""
    today = now.astimezone(ZoneInfo(tz)).date()
    if kind == "week":
        start = today - timedelta(days=today.weekday())
        end = start + timedelta(days=6)
    elif kind == "month":
        start = today.replace(day=1)
        end = _month_end(start)
    elif kind == "quarter":
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        end = _month_end(start.replace(month=start.month + 2))
    else:
        raise InvalidInput()
    return make_period(kind, start, end, tz)


def custom(start_text: str, end_text: str, tz: str) -> Period:
    """A typed `YYYY-MM-DD YYYY-MM-DD` period; InvalidInput with a key saying what is wrong."""
    start, end = parse_day(start_text), parse_day(end_text)
    if start > end:
        raise InvalidInput("report.bad_range", start=start_text, end=end_text)
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidInput("report.too_long", count=MAX_DAYS)
    return make_period("custom", start, end, tz)


def parse_day(text: str) -> date:
    match = _DATE.match(text.strip())
    try:
        if match is None:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise InvalidInput("report.bad_date", value=text[:32]) from None


def local_midnight(day: date, tz: str) -> int:
    return int(datetime.combine(day, time(0), tzinfo=ZoneInfo(tz)).timestamp())


def to_local_date(ts: int, tz: str) -> date:
    return datetime.fromtimestamp(ts, UTC).astimezone(ZoneInfo(tz)).date()


def local_day(day_number: int) -> date:
    """The date of a day number `(ts + offset) // 86400` computed in storage."""
    return _EPOCH + timedelta(days=day_number)


def offset_segments(period: Period) -> list[tuple[int, int, int]]:
    """(lo, hi, utc_offset_seconds) covering [start_ts, end_ts), cut at DST transitions."""
    zone = ZoneInfo(period.tz)
    segments: list[tuple[int, int, int]] = []
    lo = period.start_ts
    offset = _offset(zone, lo)
    day = period.start
    while day <= period.end:
        next_midnight = local_midnight(day + _DAY, period.tz)
        if _offset(zone, next_midnight - 1) != offset:
            change = _first_change(zone, lo, next_midnight - 1, offset)
            segments.append((lo, change, offset))
            lo, offset = change, _offset(zone, change)
        day += _DAY
    segments.append((lo, period.end_ts, offset))
    return segments


_DAY = timedelta(days=1)


def _offset(zone: ZoneInfo, ts: int) -> int:
    offset = datetime.fromtimestamp(ts, UTC).astimezone(zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _first_change(zone: ZoneInfo, lo: int, hi: int, offset: int) -> int:
    """The first second in (lo, hi] whose offset differs from `offset` (one change assumed)."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _offset(zone, mid) == offset:
            lo = mid
        else:
            hi = mid
    return hi


def _month_end(first: date) -> date:
    following = first.replace(year=first.year + 1, month=1) if first.month == 12 else None
    following = following or first.replace(month=first.month + 1)
    return following - _DAY
