"""Calendar dates typed by users ("2026-12-15", "15.12.2026"), validated strictly."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.errors import InvalidInput

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


def notice_deadline(end_on: date, notice_days: int) -> date:
    """The last day to give notice on a contract: its end minus the notice period."""
    return end_on - timedelta(days=notice_days)


def parse_date(text: str) -> date:
    """A real calendar date; "2026-02-30" is refused rather than moved to March."""
    raw = text.strip()
    if match := _ISO.fullmatch(raw):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DOTTED.fullmatch(raw):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise InvalidInput("date.bad_format", value=raw[:32])
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput("date.no_such_day", value=raw[:32]) from None
