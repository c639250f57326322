"""Numbers, money and dates as each language writes them, without a locale database.

en 1,200.50 · ru/hu 1 200,50 · nl 1.200,50. Russian and Hungarian group digits with a
no-break space (U+00A0), so an amount never wraps across lines. Money is integer minor units
plus an ISO 4217 code; the code's exponent says where the decimal separator goes.
"""

from __future__ import annotations

from datetime import date

from bot.timefmt import MONTHS

SEPARATORS = {  # (thousands, decimal)
    "en": (",", "."),
    "ru": ("\u00a0", ","),
    "hu": ("\u00a0", ","),
    "nl": (".", ","),
}
# ISO 4217 currencies whose minor unit is not 1/100.
EXPONENTS = {
    **dict.fromkeys(("JPY", "KRW", "ISK", "CLP", "VND", "UGX", "XAF", "XOF", "PYG"), 0),
    **dict.fromkeys(("BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"), 3),
}


def format_int(value: int, lang: str) -> str:
    thousands, _ = SEPARATORS.get(lang, SEPARATORS["en"])
    digits = f"{abs(value):,}".replace(",", thousands)
    return f"-{digits}" if value < 0 else digits


def format_minor(amount_minor: int, currency: str, lang: str) -> str:
    """Minor units as a decimal number in the language's style: 120050 EUR -> 1,200.50."""
    exponent = EXPONENTS.get(currency.upper(), 2)
    whole, fraction = divmod(abs(amount_minor), 10**exponent)
    text = format_int(whole, lang)
    if exponent:
        _, decimal = SEPARATORS.get(lang, SEPARATORS["en"])
        text += f"{decimal}{fraction:0{exponent}d}"
    return f"-{text}" if amount_minor < 0 else text


def format_money(amount_minor: int, currency: str, lang: str) -> str:
    return f"{format_minor(amount_minor, currency, lang)}\u00a0{currency.upper()}"


def format_day(day: date, lang: str, *, year: bool = True) -> str:
    """'3 Nov 2026' (Hungarian: '2026. nov. 3.'); without the year for chart axes."""
    month = MONTHS.get(lang, MONTHS["en"])[day.month - 1]
    if lang == "hu":
        return f"{day.year}. {month} {day.day}." if year else f"{month} {day.day}."
    return f"{day.day} {month} {day.year}" if year else f"{day.day} {month}"


def format_range(start: date, end: date, lang: str) -> str:
    if start == end:
        return format_day(start, lang)
    return f"{format_day(start, lang)} – {format_day(end, lang)}"
