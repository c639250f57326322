"""Everything shown to users as a number, an amount, a date or a time, written by Babel (CLDR).

One module so the card, the lists, the reminders, the digest, the team posts and the reports
all say "€1,200.50", "Wed 2 Dec 09:00" and "22 напоминания" the same way. Money is integer
minor units plus an ISO 4217 code; the code's decimals come from Babel's currency data, so
a yen invoice of ¥1,500 is never shown as 15.00. English is written the British way (24-hour
clock, day before month), as the bot's users are in Europe.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.core import get_global
from babel.dates import (
    format_interval,
    format_skeleton,
    format_timedelta,
    get_day_names,
    get_month_names,
    get_timezone_location,
)
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
    get_territory_currencies,
)

LOCALES = {"en": "en_GB", "ru": "ru", "nl": "nl", "hu": "hu"}

# Unicode "first strong isolate" and "pop directional isolate": an Arabic or Hebrew name
# inside a left-to-right line (or the reverse) does not drag the text around it.
FSI, PDI = "\u2068", "\u2069"


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES["en"]))


@cache
def currencies() -> frozenset[str]:
    """ISO 4217 codes legal tender somewhere today, from Babel's territory data."""
    found: set[str] = set()
    for territory in get_global("territory_currencies"):
        found.update(get_territory_currencies(territory, tender=True))
    return frozenset(found)


def currency_digits(currency: str) -> int:
    """How many decimals the currency has (JPY 0, EUR 2, KWD 3), from Babel's data."""
    return get_currency_precision(currency.upper())


# -- numbers and money -------------------------------------------------------------------


def number(value: int | float | Decimal, lang: str) -> str:
    """1,234 · 1 234 · 1.234 by the language."""
    return format_decimal(value, locale=locale(lang))


def major(amount_minor: int, currency: str) -> Decimal:
    """Minor units as an exact decimal amount of the currency (never through a float)."""
    return Decimal(amount_minor).scaleb(-currency_digits(currency))


def money(amount_minor: int, currency: str, lang: str) -> str:
    """€1,200.50 · 1 200,50 € · ¥1,500 · 1 850 000 Ft, by the language."""
    return format_currency(major(amount_minor, currency), currency.upper(), locale=locale(lang))


def amount_number(amount_minor: int, currency: str, lang: str) -> str:
    """The number part of `money` ("1 200,50" of "1 200,50 €"): what a user types back."""
    return format_currency(
        major(amount_minor, currency), currency.upper(), format="#,##0", locale=locale(lang)
    )


def money_totals(amounts: dict[str, int], lang: str) -> str:
    """Per-currency sums, one amount per currency in code order: "€125.50, US$7.00"."""
    return ", ".join(money(amounts[code], code, lang) for code in sorted(amounts))


def plural(count: int, lang: str) -> str:
    """The CLDR plural category of `count` in the language: one, few, many, other."""
    return locale(lang).plural_form(abs(count))


# -- dates and times ---------------------------------------------------------------------


def to_local(epoch: int, tz: str) -> datetime:
    return datetime.fromtimestamp(epoch, UTC).astimezone(ZoneInfo(tz))


def day(value: date, lang: str, *, year: bool = True, weekday: bool = True) -> str:
    """'Wed, 2 Dec 2026' · 'ср, 2 дек. 2026 г.'; without the year: 'Wed 2 Dec'; without
    the weekday: '2 Dec 2026'."""
    skeleton = ("y" if year else "") + "MMM" + ("E" if weekday else "") + "d"
    return format_skeleton(skeleton, value, locale=locale(lang))


def iso_day(value: date | str, lang: str) -> str:
    """A date (a due date, a contract end; ISO text as typed or sent in callback data) as
    the language writes it: 15 Dec 2026."""
    return day(value if isinstance(value, date) else date.fromisoformat(value), lang, weekday=False)


def day_range(start: date, end: date, lang: str) -> str:
    """'2–8 Nov 2026' · '2–8 нояб. 2026 г.'; one day when they are the same."""
    if start == end:
        return format_skeleton("yMMMd", start, locale=locale(lang))
    return format_interval(start, end, "yMMMd", locale=locale(lang))


def short_day(value: date, lang: str) -> str:
    """'2 Dec' · '2 дек.' · 'dec. 2.', for chart axes."""
    return format_skeleton("MMMd", value, locale=locale(lang))


def clock(value: datetime, lang: str) -> str:
    """'09:05' (Hungarian '9:05'): always the 24-hour clock."""
    return format_skeleton("Hm", value, locale=locale(lang))


def minute_of_day(minute: int, lang: str) -> str:
    """A working hour stored as minutes after midnight: 540 -> '09:00' ('9:00' in hu)."""
    return clock(datetime(2000, 1, 1, minute // 60, minute % 60), lang)


def moment(value: datetime, lang: str) -> str:
    """'Wed 2 Dec 09:05' in the user's language (the date without its year, then the time)."""
    return f"{day(value, lang, year=False)} {clock(value, lang)}"


def local(epoch: int, tz: str, lang: str) -> str:
    return moment(to_local(epoch, tz), lang)


def weekday_name(index: int, lang: str, *, width: Literal["wide", "abbreviated"] = "wide") -> str:
    """Monday is 0, as in `date.weekday()`; 'wide' or 'abbreviated'."""
    return get_day_names(width, locale=locale(lang))[index]


def month_name(month: int, lang: str, *, width: Literal["wide", "abbreviated"] = "wide") -> str:
    """January is 1."""
    return get_month_names(width, locale=locale(lang))[month]


def day_month(day_of_month: int, month: int, lang: str) -> str:
    """'31 April' · '31 апреля' · 'április 31.': a day of a month that may not exist (an
    impossible date a user typed), so written from the language's pattern, not a date."""
    pattern = locale(lang).datetime_skeletons["MMMMd"].pattern
    return pattern.replace("d", str(day_of_month)).replace("MMMM", month_name(month, lang))


def relative(delta: timedelta, lang: str) -> str:
    """'in 3 days' · 'через 3 дня' · '3 days ago'; to the minute (never 'in 0 seconds')."""
    if abs(delta) < _MINUTE:
        delta = _MINUTE if delta > timedelta(0) else -_MINUTE
    return format_timedelta(delta, add_direction=True, granularity="minute", locale=locale(lang))


_MINUTE = timedelta(minutes=1)


def zone_name(tz: str, lang: str) -> str:
    """The zone's city as the language writes it: 'Amsterdam', 'Амстердам'."""
    try:
        return get_timezone_location(tz, locale=locale(lang), return_city=True)
    except (LookupError, ValueError):
        return tz


def zone_label(tz: str, lang: str) -> str:
    """'Londen (Europe/London)' where a setting is shown; a zone without a city ('UTC') once."""
    city = zone_name(tz, lang)
    return tz if city == tz else f"{city} ({tz})"


def zoned(epoch: int, tz: str, reader_tz: str, lang: str, *, with_day: bool = True) -> str:
    """A time for a reader in `reader_tz`, shown in `tz`; names the zone when they differ
    ("Wed 2 Dec 09:00 Amsterdam")."""
    moment_local = to_local(epoch, tz)
    text = moment(moment_local, lang) if with_day else clock(moment_local, lang)
    return text if tz == reader_tz else f"{text} {zone_name(tz, lang)}"


def isolate(text: str) -> str:
    """A name with right-to-left letters (Arabic, Hebrew) wrapped in Unicode isolates, so it
    keeps its place in a left-to-right line; other names are left as typed."""
    if any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        return f"{FSI}{text}{PDI}"
    return text
