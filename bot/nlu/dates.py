"""Calendar dates typed in a message: day words, numeric dates, dates with month names and
a bare day of the month ("on the 5th", "5-го", "de 5e", "5-én").

Each finder returns a `DateHit` with the day and month as typed (the validator checks the
result against them) and leaves the year to `infer_year` when none was typed: the next
such day from today on. Day-month order per language: en in America/* zones reads "3/1" as
March 1, everywhere else numeric dates are day first, and Hungarian writes year first
("2026. 03. 01.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from bot.nlu.numbers import CARDINALS, ordinal_re, value

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        r"january|jan",
        r"february|feb",
        r"march|mar",
        r"april|apr",
        r"may",
        r"june|jun",
        r"july|jul",
        r"august|aug",
        r"september|sept|sep",
        r"october|oct",
        r"november|nov",
        r"december|dec",
    ),
    "ru": (
        r"январ[ьяею]|янв",
        r"феврал[ьяею]|фев",
        r"марта?|марте",
        r"апрел[ьяею]|апр",
        r"ма[йяе]",
        r"июн[ьяею]|июн",
        r"июл[ьяею]|июл",
        r"августа?|августе|авг",
        r"сентябр[ьяею]|сен|сент",
        r"октябр[ьяею]|окт",
        r"ноябр[ьяею]|ноя",
        r"декабр[ьяею]|дек",
    ),
    "nl": (
        r"januari|jan",
        r"februari|feb",
        r"maart|mrt",
        r"april|apr",
        r"mei",
        r"juni|jun",
        r"juli|jul",
        r"augustus|aug",
        r"september|sept|sep",
        r"oktober|okt",
        r"november|nov",
        r"december|dec",
    ),
    "hu": (
        r"januar\w*|jan",
        r"februar\w*|feb",
        r"marcius\w*|marc",
        r"aprilis\w*|apr",
        r"majus\w*|maj",
        r"junius\w*|jun",
        r"julius\w*|jul",
        r"augusztus\w*|aug",
        r"szeptember\w*|szept",
        r"oktober\w*|okt",
        r"november\w*|nov",
        r"december\w*|dec",
    ),
}

# (regex, days from today, part of day or None)
DAY_WORDS: dict[str, tuple[tuple[str, int, str | None], ...]] = {
    "en": (
        (r"(?:the\s+)?day\s+after\s+tomorrow|day\s+after\s+tmrw", 2, None),
        (r"(?:the\s+)?morning\s+after\s+tomorrow", 2, "morning"),
        (r"(?:the\s+)?(?:afternoon|evening|night)\s+after\s+tomorrow", 2, "evening"),
        (r"tonight|tonite", 0, "evening"),
        (r"this\s+morning", 0, "morning"),
        (r"this\s+afternoon", 0, "afternoon"),
        (r"this\s+evening", 0, "evening"),
        (r"today|tod", 0, None),
        (r"tomorrow|tomorow|tommorow|tommorrow|tomorrw|tmrw|tmr|2morrow", 1, None),
        (r"(?:the\s+)?day\s+before\s+yesterday", -2, None),
        (r"yesterday", -1, None),
    ),
    "ru": (
        (r"послезавтра|после\s+завтра", 2, None),
        (r"сегодня|седня|сегодняшн\w*", 0, None),
        (r"завтра|завтрашн\w*", 1, None),
        (r"позавчера", -2, None),
        (r"вчера", -1, None),
    ),
    "nl": (
        (r"overmorgen", 2, None),
        (r"vanavond", 0, "evening"),
        (r"vannacht", 0, "night"),
        (r"vanmiddag", 0, "afternoon"),
        (r"vanochtend|vanmorgen", 0, "morning"),
        (r"vandaag", 0, None),
        (r"morgenochtend|morgenvroeg", 1, "morning"),
        (r"morgenmiddag", 1, "afternoon"),
        (r"morgenavond", 1, "evening"),
        (r"(?<!'s )morgen(?!s)", 1, None),
        (r"eergisteren", -2, None),
        (r"gisteren", -1, None),
    ),
    "hu": (
        (r"holnaputan", 2, None),
        (r"ma", 0, None),
        (r"holnap", 1, None),
        (r"tegnapelott", -2, None),
        (r"tegnap", -1, None),
    ),
}

_SUFFIX = {
    "en": r"(?:st|nd|rd|th)?",
    "ru": r"(?:-?(?:го|е|ое|ого|ье))?",
    "nl": r"(?:e|ste|de)?",
    "hu": r"\.?(?:-?(?:an|en|jan|jen|ig|aig|eig|a|e|ja|je|ai|ei|ra|re|ara|ere|tol|ig))?",
}


# a number followed by these is an amount, never a date or a time ("3.5% discount", "12.50 EUR")
NOT_MONEY = (
    r"(?!\s*(?:%|eur\b|euro|евро|usd|\$|€|£|руб|р\.|ft\b|huf|forint|k\b|m\b|mln|млн|тыс|ezer))"
)
# a number followed by these is an hour, not a day of the month ("december 3 uur" is not 3 Dec)
_CLOCK_AFTER = r"\s*(?:uur|u\b|h\b|-?\s*kor\b|-?\s*orakor|ora\b|ч\b|час|o'?clock|[ap]\.?m\b|[:]\d)"


@dataclass(frozen=True, slots=True)
class DateHit:
    start: int
    end: int
    day: int
    month: int | None  # None: a day of the month only ("on the 5th")
    year: int | None


@cache
def _month_re(lang: str) -> str:
    return "|".join(f"(?P<m{i}>{form})" for i, form in enumerate(MONTHS[lang]))


@cache
def patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Named patterns in the order they are tried."""
    month, ords, suffix = _month_re(lang), ordinal_re(lang), _SUFFIX[lang]
    day = rf"(?P<day>\d{{1,2}}|{_days_of_month(lang, ords)})"
    year = r"(?:,?\s*(?P<year>\d{4})\.?(?:\s*(?:г(?:ода?)?\.?|года))?)?"
    dm_separators = "./-" if lang == "nl" else "./"  # "3-12" is 3 December in Dutch
    found = [
        ("iso", r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
        ("ymd", r"\b(?P<year>\d{4})([./])\s*(?P<month>\d{1,2})\2\s*(?P<day>\d{1,2})\b\.?" + suffix),
        ("dmy", r"\b(?P<day>\d{1,2})([./-])(?P<month>\d{1,2})\2(?P<year>\d{4}|\d{2})\b"),
        (
            "dm",
            rf"(?<![\d./-])(?<![€$£])\b(?P<day>\d{{1,2}})([{dm_separators}])(?P<month>\d{{1,2}})\b(?![.:/]?\d){NOT_MONEY}\.?",
        ),
        (
            "day_month",
            rf"\b{day}{suffix}\.?\s*(?:of\s+|-?(?:го|е)\s+)?(?:{month})\b\.?{year}",
        ),
        (
            "month_day",
            rf"\b(?:(?P<year0>\d{{4}})\.?\s+)?(?:{month})\.?\s+(?:the\s+)?{day}{suffix}\b(?!{_CLOCK_AFTER})\.?{year}",
        ),
    ]
    found.append(("ord", _ordinal_day(lang, ords, suffix)))
    return tuple((name, re.compile(regex)) for name, regex in found)


def _days_of_month(lang: str, ords: str) -> str:
    """The words for a day of the month: ordinals, and in Dutch also cardinals ("vijf
    december" is as common as "5 december")."""
    if lang != "nl":
        return ords
    cardinals = (
        w
        for w, v in CARDINALS["nl"].items()
        if isinstance(v, int) and w not in ("een", "paar", "een paar")
    )
    return ords + "|" + "|".join(sorted(cardinals, key=len, reverse=True))


def _ordinal_day(lang: str, ords: str, suffix: str) -> str:
    """A day of the month said alone: "the 5th", "5-го числа", "de 5e", "5-én"."""
    if lang == "en":
        return (
            rf"\b(?:on\s+)?the\s+(?P<day>\d{{1,2}}(?=st|nd|rd|th)|{ords}){suffix}\b"
            rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)\b"
        )
    if lang == "ru":
        return rf"\b(?P<day>\d{{1,2}})(?:-?(?:го|ого|е)(?:\s+числа)?|\s+числ[оа])\b|\b(?P<day2>{ords})\s+числа\b"
    if lang == "nl":
        return rf"\b(?:op\s+)?de\s+(?P<day>\d{{1,2}})(?:e|ste|de)\b|\bde\s+(?P<day2>{ords})\b"
    return (
        rf"\b(?P<day>\d{{1,2}})\.?-?(?:an|en|jan|jen|aig|eig|ara|ere|ai|ei)\b|\b(?P<day2>{ords})\b"
    )


def _month_of(match: re.Match) -> int:
    return next(i + 1 for i in range(12) if match.group(f"m{i}"))


def find_date(text, lang: str, *, us_order: bool = False) -> DateHit | None:
    """The first calendar date in the unused part of `text` (a `normalise.Text`)."""
    for name, pattern in patterns(lang):
        for match in text.finditer(pattern):
            if name == "dm" and _looks_like_time(text.folded, match):
                continue
            hit = _hit(name, match, lang, us_order)
            if hit is not None:
                text.take(hit.start, hit.end)
                return hit
    return None


_TIME_BEFORE = re.compile(r"(?:\bom|\bв|\bво|\bat|\bк|@|\bum|\bkl)\s*$")
_TIME_AFTER = re.compile(r"\s*(?:uur|u\b|h\b|-?kor|orakor|ч|час)")


def _looks_like_time(folded: str, match: re.Match) -> bool:
    """ "om 10.15" and "10.15 uur" are times, not the 10th of a month."""
    before = folded[max(0, match.start() - 4) : match.start()]
    return bool(_TIME_BEFORE.search(before) or _TIME_AFTER.match(folded, match.end()))


def _hit(name: str, match: re.Match, lang: str, us_order: bool) -> DateHit | None:
    groups = match.groupdict()
    raw_day = groups.get("day") or groups.get("day2")
    if raw_day is None:
        return None
    day = value(raw_day, lang)
    if not isinstance(day, int):  # "полтора" is an amount, never a day of the month
        return None
    year = groups.get("year") or groups.get("year0")
    year_value = int(year) if year else None
    if year_value is not None and year_value < 100:
        year_value += 2000
    if name in ("day_month", "month_day"):
        month = _month_of(match)
    elif name == "ord":
        month = None
    else:
        month = int(groups["month"])
        if (us_order and name in ("dm", "dmy") and match.group(2) == "/") or (
            lang == "hu" and name == "dm"
        ):
            day, month = month, day
        if month > 12 and 1 <= day <= 12 and name in ("dm", "dmy") and match.group(2) == "/":
            day, month = month, day  # "4/25" is April 25 whatever the order
        if not 1 <= month <= 12:
            return None
    if not 1 <= day <= 31:
        return None
    return DateHit(match.start(), match.end(), day, month, year_value)


def find_day_word(text, lang: str) -> tuple[int, str | None, int, int] | None:
    """(days from today, part of day, start, end) of "tomorrow" and the like, or None."""
    for regex, days, part in _day_words(lang):
        match = text.search(regex)
        if match:
            text.take(match.start(), match.end())
            return days, part, match.start(), match.end()
    return None


@cache
def _day_words(lang: str) -> tuple[tuple[re.Pattern[str], int, str | None], ...]:
    return tuple(
        (re.compile(rf"\b(?:{regex})\b"), days, part) for regex, days, part in DAY_WORDS[lang]
    )


def infer_year(today: date, month: int, day: int) -> int:
    """The year of the next (day, month) from today on; an impossible day keeps this year's
    or next year's number by the month alone."""
    try:
        return today.year if date(today.year, month, day) >= today else today.year + 1
    except ValueError:
        return today.year if month >= today.month else today.year + 1


def next_month_day(today: date, day: int) -> date:
    """The next date from today on that is the `day`-th of its month."""
    year, month = today.year, today.month
    for _ in range(13):
        try:
            found = date(year, month, day)
        except ValueError:
            found = None
        if found is not None and found >= today:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return today + timedelta(days=1)
