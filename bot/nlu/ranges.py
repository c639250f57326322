"""A period typed in words, for absences: "с 20 декабря по 5 января", "from Dec 20 to
January 5", "van 20 december tot 5 januari", "december 20-tól január 5-ig".

The text is split at the word that separates the two ends (or, failing that, the first date
found is cut out and the rest searched again); each end is read by the follow-up parser, so
every date form it knows works here too. Returns None unless both ends are found.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from bot.nlu.parser import FollowUpParser

# "to"/"по"/"tot" between the ends, a dash between spaces, or the Hungarian "-tól/-től"
# ending of the first end (kept on the left side, where the parser expects it).
_SEPARATOR = re.compile(
    r"\s(?:to|until|till|through|по|до|tot en met|t/m|tot|bis)\s|\s[–—-]\s|(?<=-t[óő]l)\s",
    re.IGNORECASE,
)


def find_period(
    parser: FollowUpParser, text: str, *, lang: str, tz: str, now: datetime
) -> tuple[date, date] | None:
    """(first day, last day) of the period in `text`, in the order typed; None if unclear."""
    for match in _SEPARATOR.finditer(text):
        first = _day(parser, text[: match.start()], lang, tz, now)
        last = _day(parser, text[match.end() :], lang, tz, now)
        if first is not None and last is not None:
            return first, last
    found = parser.parse(text, lang=lang, tz=tz, now=now)
    if found.due is None or not found.date_text or found.date_text not in text:
        return None
    second = _day(parser, text.replace(found.date_text, " ", 1), lang, tz, now)
    if second is None:
        return None
    first = found.due.date()
    return (first, second) if first <= second else (second, first)


def _day(parser: FollowUpParser, text: str, lang: str, tz: str, now: datetime) -> date | None:
    found = parser.parse(text, lang=lang, tz=tz, now=now)
    return found.due.date() if found.due is not None else None
