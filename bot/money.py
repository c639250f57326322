"""Money typed by users: integer minor units plus an ISO 4217 code.

Never a float. `parse_amount` accepts what people type on a phone ("1200.50", "1200,50",
"1 200,50", "1,200.50", "1.200,50") and refuses anything else ("12,5O", too many decimals
for the currency). Which codes exist and how many decimals each has comes from Babel's
currency data (bot.fmt), which also writes amounts back to users (`fmt.money`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.errors import InvalidInput
from bot.fmt import currencies, currency_digits

MAX_MINOR = 10**15

_AMOUNT = re.compile(r"\d{1,3}(?:([ ,.\u00a0\u202f'])\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?")


_GROUP_HEAD = re.compile(r"\d{1,2}")
_GROUP = re.compile(r"\d{3}")
_GROUP_LAST = re.compile(r"\d{3}(?:[.,]\d+)?")


def amount_start(words: Sequence[str], last: int, first: int = 0) -> int:
    """Where an amount that ends with `words[last]` begins, never before `first`.

    "1 200,50" is how ru and hu users see amounts, and a phone may type the group separator
    as a space (or a no-break space): split into words, "1" and "200,50" are one amount,
    not a "1" at the end of the client's name followed by 200,50."""
    if not _GROUP_LAST.fullmatch(words[last]):
        return last
    start = last
    while start - 1 >= first and _GROUP.fullmatch(words[start - 1]):
        start -= 1
    if start - 1 >= first and _GROUP_HEAD.fullmatch(words[start - 1]):
        start -= 1
    return start


def currency_code(text: str) -> str:
    """The ISO code, upper-cased; InvalidInput for a code that is not a currency."""
    code = text.strip().upper()
    if code not in currencies():
        raise InvalidInput("money.bad_currency", value=text[:16])
    return code


def parse_amount(text: str, currency: str, lang: str = "en") -> int:
    """`text` in minor units of `currency` (already validated). Raises InvalidInput.

    "1.200" is ambiguous: in English it is 1.2 (so too many decimals for EUR), in ru/nl/hu
    it is 1200; with both marks present, or a repeated one, there is no doubt."""
    raw = text.strip()
    if not _AMOUNT.fullmatch(raw):
        raise InvalidInput("money.bad_amount", value=raw[:32])
    exponent = currency_digits(currency)
    whole, fraction = _split_decimal(raw, "." if lang == "en" else ",")
    if len(fraction) > exponent:
        raise InvalidInput("money.too_many_decimals", value=raw[:32], currency=currency)
    minor = int(whole or "0") * 10**exponent + int(fraction.ljust(exponent, "0") or "0")
    if not 0 < minor < MAX_MINOR:
        raise InvalidInput("money.bad_amount", value=raw[:32])
    return minor


def _split_decimal(raw: str, decimal_mark: str) -> tuple[str, str]:
    """(whole digits, fraction digits): the last '.' or ',' is the decimal mark unless it
    plainly groups thousands (it repeats, or three digits follow and it is not the
    language's decimal mark)."""
    marks = [i for i, ch in enumerate(raw) if ch in ".,"]
    digits_only = re.compile(r"\D")
    if not marks:
        return digits_only.sub("", raw), ""
    last = marks[-1]
    tail = raw[last + 1 :]
    same = [i for i in marks if raw[i] == raw[last]]
    grouping = len(same) > 1 or (len(tail) == 3 and len(marks) == 1 and raw[last] != decimal_mark)
    if grouping and not (len(marks) > len(same)):
        return digits_only.sub("", raw), ""
    return digits_only.sub("", raw[:last]), tail
