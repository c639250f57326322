"""A snooze target typed after `/snooze 12`: short and predictable, in four languages.

    2h | 30m | 3d | 1w            from now
    tomorrow [10:00]              (завтра, morgen, holnap) default: the working hour
    friday [10:00]                the next such weekday (пятница, vrijdag, péntek; 3-letter ok)
    10:00                         today, or tomorrow if that has passed
    2026-12-01 [10:00]            a date

Free sentences ("next friday after lunch") are the natural-language parser's job; this is
the small fixed grammar for typed commands. Returns None when it does not understand.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.recurrence import localize

_DURATION = re.compile(r"^(\d{1,4})\s*([mhdw])$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
TOMORROW = {"tomorrow", "завтра", "morgen", "holnap"}
WEEKDAYS = (
    ("monday", "понедельник", "maandag", "hétfő"),
    ("tuesday", "вторник", "dinsdag", "kedd"),
    ("wednesday", "среда", "woensdag", "szerda"),
    ("thursday", "четверг", "donderdag", "csütörtök"),
    ("friday", "пятница", "vrijdag", "péntek"),
    ("saturday", "суббота", "zaterdag", "szombat"),
    ("sunday", "воскресенье", "zondag", "vasárnap"),
)


def _weekday(word: str) -> int | None:
    for index, names in enumerate(WEEKDAYS):
        if any(word == name or (len(word) >= 3 and name.startswith(word)) for name in names):
            return index
    return None


def parse_when(text: str, now: datetime, tz: ZoneInfo, working_minute: int) -> int | None:
    """Epoch seconds of the typed moment, strictly after `now`; None if not understood."""
    words = text.strip().casefold().split()
    if not words:
        return None
    duration = _DURATION.match("".join(words))
    if duration:
        seconds = int(duration.group(1)) * UNITS[duration.group(2)]
        return int(now.timestamp()) + seconds if seconds > 0 else None
    local = now.astimezone(tz)
    clock = time(working_minute // 60, working_minute % 60)
    if len(words) == 2:
        match = _CLOCK.match(words[1])
        if not match:
            return None
        clock = time(int(match.group(1)), int(match.group(2)))
    elif len(words) != 1:
        return None
    first = words[0]
    day: date | None = None
    if first in TOMORROW:
        day = local.date() + timedelta(days=1)
    elif (weekday := _weekday(first)) is not None:
        day = local.date() + timedelta(days=(weekday - local.weekday() - 1) % 7 + 1)
    elif (found := _DATE.match(first)) is not None:
        try:
            day = date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            return None
    elif (found := _CLOCK.match(first)) is not None and len(words) == 1:
        clock = time(int(found.group(1)), int(found.group(2)))
        day = local.date()
        if datetime.combine(day, clock) <= local.replace(tzinfo=None):
            day += timedelta(days=1)
    if day is None:
        return None
    at, _ = localize(datetime.combine(day, clock), tz)
    moment = int(at.timestamp())
    return moment if moment > now.timestamp() else None
