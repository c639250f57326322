"""Dates and times shown to users, in their zone and language (no locale DB needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "ru": ("пн", "вт", "ср", "чт", "пт", "сб", "вс"),
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "hu": ("H", "K", "Sze", "Cs", "P", "Szo", "V"),
}
MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ru": ("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "hu": (
        "jan.",
        "febr.",
        "márc.",
        "ápr.",
        "máj.",
        "jún.",
        "júl.",
        "aug.",
        "szept.",
        "okt.",
        "nov.",
        "dec.",
    ),
}


def to_local(epoch: int, tz: str) -> datetime:
    return datetime.fromtimestamp(epoch, UTC).astimezone(ZoneInfo(tz))


def format_moment(moment: datetime, lang: str) -> str:
    """'Tue 2 Dec 10:00' in the user's language; Hungarian writes year-month-day order."""
    weekday = WEEKDAYS.get(lang, WEEKDAYS["en"])[moment.weekday()]
    month = MONTHS.get(lang, MONTHS["en"])[moment.month - 1]
    clock = moment.strftime("%H:%M")
    if lang == "hu":
        return f"{month} {moment.day}. ({weekday}) {clock}"
    return f"{weekday} {moment.day} {month} {clock}"


def format_day(day: date, lang: str) -> str:
    """'Sun 20 Dec 2026'; Hungarian: '2026. dec. 20. (V)'."""
    weekday = WEEKDAYS.get(lang, WEEKDAYS["en"])[day.weekday()]
    month = MONTHS.get(lang, MONTHS["en"])[day.month - 1]
    if lang == "hu":
        return f"{day.year}. {month} {day.day}. ({weekday})"
    return f"{weekday} {day.day} {month} {day.year}"


def format_local(epoch: int, tz: str, lang: str) -> str:
    return format_moment(to_local(epoch, tz), lang)


def clock_text(minute: int) -> str:
    """'07:30' for 450 minutes after midnight (working hour, digest time)."""
    return f"{minute // 60:02d}:{minute % 60:02d}"
