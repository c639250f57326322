"""Next occurrence of a recurring reminder, computed in the user's wall-clock time.

A rule is an RFC 5545 RRULE value (with or without the "RRULE:" prefix). Supported, which
is what `bot.nlu` emits:

    FREQ=DAILY | WEEKLY | MONTHLY | YEARLY, INTERVAL=N
    BYDAY=MO,WE            weekly on those days (a filter for DAILY)
    BYDAY=1MO / -1FR / 2TU monthly (or yearly with BYMONTH) on the n-th weekday
    BYMONTHDAY=N / -1      monthly on day N or on the last day
    BYMONTH=3              yearly in that month, or a filter for the other frequencies
    UNTIL, COUNT, WKST=MO

Occurrences keep the wall-clock time of `dtstart` in the user's zone: "every Monday 9:00"
stays 09:00 local across DST changes. Pass `dtstart` naive (the intended wall time) or aware
(its wall time in `tz` is used).

Deliberate deviations from RFC 5545:
- BYMONTHDAY=29..31 (and a yearly Feb 29) falls on the last day of a shorter month instead
  of skipping it: "monthly on the 31st" reminds on 30 April and 28/29 February, never
  skipping a month, as a person expects.
- A wall time inside a DST gap (02:30 on the spring-forward night) is moved forward by the
  length of the gap (03:30) instead of being dropped; `Occurrence.shifted` says so, so the
  reminder can mention it. A time that exists twice (the autumn fold) fires once, at the
  first instant (fold=0).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_MAX_PERIODS = 5000  # a rule with no occurrence in this many periods never has one


@dataclass(frozen=True, slots=True)
class Rule:
    freq: str
    interval: int = 1
    byday: tuple[tuple[int, int], ...] = ()  # (n-th or 0 for every, weekday 0=Monday)
    bymonthday: tuple[int, ...] = ()
    bymonth: tuple[int, ...] = ()
    until: datetime | date | None = None
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Occurrence:
    at: datetime  # aware, in the user's zone
    wall: datetime  # the intended local wall time (naive)
    shifted: bool  # the wall time did not exist (DST gap) and `at` is later by the gap


def parse_rule(rrule: str) -> Rule:
    """Read an RRULE value. Raises ValueError for parts this module does not support."""
    text = rrule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for item in filter(None, text.split(";")):
        name, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"malformed rule part {item!r}")
        parts[name.strip().upper()] = value.strip().upper()
    freq = parts.pop("FREQ", "")
    if freq not in FREQUENCIES:
        raise ValueError(f"unsupported FREQ {freq!r}")
    interval = int(parts.pop("INTERVAL", "1"))
    if interval < 1:
        raise ValueError("INTERVAL must be positive")
    if parts.pop("WKST", "MO") != "MO":
        raise ValueError("only WKST=MO is supported")
    byday = tuple(_byday(item) for item in filter(None, parts.pop("BYDAY", "").split(",")))
    bymonthday = tuple(int(v) for v in filter(None, parts.pop("BYMONTHDAY", "").split(",")))
    bymonth = tuple(int(v) for v in filter(None, parts.pop("BYMONTH", "").split(",")))
    if any(not (1 <= abs(d) <= 31) for d in bymonthday) or any(not 1 <= m <= 12 for m in bymonth):
        raise ValueError("BYMONTHDAY or BYMONTH out of range")
    until = _until(parts.pop("UNTIL")) if "UNTIL" in parts else None
    count = int(parts.pop("COUNT")) if "COUNT" in parts else None
    if parts:
        raise ValueError(f"unsupported rule parts {sorted(parts)}")
    return Rule(freq, interval, byday, bymonthday, bymonth, until, count)


def _byday(item: str) -> tuple[int, int]:
    code = item[-2:]
    if code not in WEEKDAY_CODES:
        raise ValueError(f"bad BYDAY {item!r}")
    nth = int(item[:-2]) if item[:-2] not in ("", "+") else 0
    if not -5 <= nth <= 5:
        raise ValueError(f"bad BYDAY {item!r}")
    return nth, WEEKDAY_CODES.index(code)


def _until(value: str) -> datetime | date:
    if "T" not in value:
        return datetime.strptime(value, "%Y%m%d").date()
    if value.endswith("Z"):
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return datetime.strptime(value, "%Y%m%dT%H%M%S")


def localize(wall: datetime, tz: ZoneInfo) -> tuple[datetime, bool]:
    """Attach `tz` to a naive wall time: (aware, shifted).

    A time in a DST gap moves forward by the gap (shifted=True); a time in the fold takes
    the first of its two instants.
    """
    first = wall.replace(tzinfo=tz, fold=0)
    real = first.astimezone(UTC).astimezone(tz)
    if real.replace(tzinfo=None) != wall.replace(tzinfo=None, fold=0):
        return real, True
    return first, False


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_days(rule: Rule, year: int, month: int, start: date) -> list[int]:
    """Days of one month a MONTHLY/YEARLY rule selects, with the last-day clamp."""
    last = last_day(year, month)
    days: set[int] = set()
    for day in rule.bymonthday:
        days.add(min(day, last) if day > 0 else last + day + 1)
    for nth, weekday in rule.byday:
        matching = [d for d in range(1, last + 1) if date(year, month, d).weekday() == weekday]
        if nth == 0:
            days.update(matching)
        elif nth <= len(matching) and -nth <= len(matching):
            days.add(matching[nth - 1] if nth > 0 else matching[nth])
    if not rule.bymonthday and not rule.byday:
        days.add(min(start.day, last))
    return sorted(day for day in days if day >= 1)


def _dates(rule: Rule, start: date, since: date) -> Iterator[date]:
    """Days the rule selects, ascending, from the period containing max(start, since)."""
    since = max(since, start)
    n = rule.interval
    if rule.freq == "DAILY":
        skip = -(-(since - start).days // n)
        for k in range(skip, skip + _MAX_PERIODS * 7):
            day = start + timedelta(days=k * n)
            if rule.byday and day.weekday() not in {wd for _, wd in rule.byday}:
                continue
            if rule.bymonth and day.month not in rule.bymonth:
                continue
            yield day
    elif rule.freq == "WEEKLY":
        first_week = start - timedelta(days=start.weekday())
        weeks = (since - first_week).days // 7
        skip = -(-weeks // n)
        weekdays = sorted({wd for _, wd in rule.byday} or {start.weekday()})
        for k in range(max(skip - 1, 0), skip + _MAX_PERIODS):
            week = first_week + timedelta(weeks=k * n)
            for weekday in weekdays:
                day = week + timedelta(days=weekday)
                if not rule.bymonth or day.month in rule.bymonth:
                    yield day
    elif rule.freq == "MONTHLY":
        first = start.year * 12 + start.month - 1
        months = since.year * 12 + since.month - 1 - first
        skip = months // n
        for k in range(skip, skip + _MAX_PERIODS):
            year, month0 = divmod(first + k * n, 12)
            if rule.bymonth and month0 + 1 not in rule.bymonth:
                continue
            for dom in _month_days(rule, year, month0 + 1, start):
                yield date(year, month0 + 1, dom)
    else:
        skip = (since.year - start.year) // n
        for k in range(skip, skip + _MAX_PERIODS):
            year = start.year + k * n
            for month in rule.bymonth or (start.month,):
                if rule.bymonthday or rule.byday:
                    days = _month_days(rule, year, month, start)
                else:
                    days = [min(start.day, last_day(year, month))]
                for dom in days:
                    yield date(year, month, dom)


def _wall_start(dtstart: datetime, tz: ZoneInfo) -> datetime:
    if dtstart.tzinfo is None:
        return dtstart
    return dtstart.astimezone(tz).replace(tzinfo=None)


def occurrences(rrule: str | Rule, tz: ZoneInfo, *, dtstart: datetime) -> Iterator[Occurrence]:
    """Every occurrence from `dtstart` on, ascending (COUNT and UNTIL respected)."""
    yield from _occurrences(_rule(rrule), tz, _wall_start(dtstart, tz), None)


def _rule(rrule: str | Rule) -> Rule:
    return rrule if isinstance(rrule, Rule) else parse_rule(rrule)


def _occurrences(
    rule: Rule, tz: ZoneInfo, wall_start: datetime, since: date | None
) -> Iterator[Occurrence]:
    start_at, _ = localize(wall_start, tz)
    clock = wall_start.time()
    seen: datetime | None = None
    for day in _dates(rule, wall_start.date(), since or wall_start.date()):
        wall = datetime.combine(day, clock)
        at, shifted = localize(wall, tz)
        if at < start_at or (seen is not None and at <= seen):
            continue
        if rule.until is not None and _after_until(at, wall, rule.until):
            return
        seen = at
        yield Occurrence(at, wall, shifted)


def _after_until(at: datetime, wall: datetime, until: datetime | date) -> bool:
    if isinstance(until, datetime):
        return at > until if until.tzinfo else wall > until
    return wall.date() > until


def occurrence_after(
    rrule: str | Rule, after: datetime, tz: ZoneInfo, *, dtstart: datetime
) -> Occurrence | None:
    """The first occurrence strictly later than `after` (aware), or None when the rule has
    ended (UNTIL or COUNT reached)."""
    rule = _rule(rrule)
    wall_start = _wall_start(dtstart, tz)
    if rule.count is not None:
        for index, occurrence in enumerate(_occurrences(rule, tz, wall_start, None)):
            if index >= rule.count:
                return None
            if occurrence.at > after:
                return occurrence
        return None
    since = after.astimezone(tz).date() - timedelta(days=1)
    for occurrence in _occurrences(rule, tz, wall_start, since):
        if occurrence.at > after:
            return occurrence
    return None


def next_occurrence(
    rrule: str, after: datetime, tz: ZoneInfo, *, dtstart: datetime
) -> datetime | None:
    """The next reminder time after `after` in `tz`, or None when the rule has ended.

    Results for successive `after` values are strictly increasing. Use `occurrence_after`
    to learn whether the time was shifted by a DST gap.
    """
    found = occurrence_after(rrule, after, tz, dtstart=dtstart)
    return found.at if found else None


def first_occurrence(
    rrule: str | Rule, now: datetime, tz: ZoneInfo, *, at: time
) -> Occurrence | None:
    """The first occurrence after `now` of a rule starting today at wall time `at`.

    INTERVAL is ignored for the first one ("every other Monday" starts on the next Monday);
    the caller stores that occurrence as the rule's dtstart so the phase follows from it.
    """
    rule = _rule(rrule)
    single = Rule(rule.freq, 1, rule.byday, rule.bymonthday, rule.bymonth, rule.until, None)
    today = now.astimezone(tz).date()
    return occurrence_after(single, now, tz, dtstart=datetime.combine(today, at))
