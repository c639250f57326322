"""The words of /contract: "Acme GmbH ends 1 March 2027 notice 60 title Support value 12000
EUR remind 45", each part optional, the parts in any order, keywords in en/ru/nl/hu.

The client name is what comes before the first keyword; each keyword takes the words up to
the next one. Typed without keywords ("Acme 2027-03-31 60"), the last words are the date and
the notice, as before keywords existed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.errors import InvalidInput

KEYWORDS = {
    **dict.fromkeys(
        "ends end до окончание заканчивается einde eindigt tot lejár lejárat vége".split(), "end"
    ),
    **dict.fromkeys(
        "notice уведомление предупреждение opzegtermijn opzeg felmondás felmondási".split(),
        "notice",
    ),
    **dict.fromkeys("title название titel naam cím megnevezés".split(), "title"),
    **dict.fromkeys("value сумма стоимость waarde bedrag érték összeg".split(), "value"),
    **dict.fromkeys(
        "remind напомнить напоминание herinner herinnering emlékeztető emlékeztess".split(),
        "remind",
    ),
}


@dataclass(frozen=True, slots=True)
class TypedTerms:
    """The raw text of each part typed after the name (None: not typed)."""

    end: str | None = None
    notice: str | None = None
    title: str | None = None
    value: str | None = None
    remind: str | None = None

    @property
    def empty(self) -> bool:
        return not any((self.end, self.notice, self.title, self.value, self.remind))


DateSplit = Callable[[str], tuple[str, str, str]]


def split_contract(text: str, find_date: DateSplit | None = None) -> tuple[str, str]:
    """(client name, the rest) of what follows /contract. Without keywords the date tells the
    name from the rest: `find_date` gives (before, the date, after) of the first date in a
    text ("Bakker 31 april 2027 60" -> "Bakker", "31 april 2027", "60")."""
    words = text.split()
    first = next((i for i, w in enumerate(words) if w.casefold() in KEYWORDS), None)
    if first is None and find_date is not None:
        before, span, after = find_date(text)
        if before and span and (not after or after.isdigit()):
            return before, f"end {span}" + (f" notice {after}" if after else "")
    if first is None:  # "Acme GmbH 2027-03-31 [60]"
        end = len(words) - (2 if len(words) >= 3 and words[-1].isdigit() else 1)
        if end < 1:
            raise InvalidInput("usage.contract")
        return " ".join(words[:end]), " ".join(words[end:])
    if first == 0:
        raise InvalidInput("usage.contract")
    return " ".join(words[:first]), " ".join(words[first:])


def read_terms(rest: str) -> TypedTerms:
    """The parts of the text after the name; InvalidInput when nothing is in it."""
    words = rest.split()
    parts: dict[str, list[str]] = {}
    current = None
    for word in words:
        field = KEYWORDS.get(word.casefold())
        if field is not None and field not in parts:
            current = field
            parts[current] = []
        elif current is None:  # the keyword-less form: a date, then the notice days
            if word.isdigit() and "end" in parts:
                parts["notice"] = [word]
            else:
                parts.setdefault("end", []).append(word)
        else:
            parts[current].append(word)
    found = {key: " ".join(value).strip() or None for key, value in parts.items()}
    terms = TypedTerms(**found)
    if terms.empty:
        raise InvalidInput("usage.contract")
    return terms


def days_of(text: str | None) -> int | None:
    """ "60", "60 days", "за 60 дней": the first number typed."""
    if text is None:
        return None
    for word in text.split():
        if word.isdigit():
            return int(word)
    raise InvalidInput("clients.bad_days", value=text[:20])


def money_parts(text: str) -> tuple[str, str]:
    """ "12000 EUR" or "EUR 12000" -> (amount, currency)."""
    words = text.split()
    if len(words) != 2:
        raise InvalidInput("renewals.bad_value", value=text[:40])
    first, second = words
    if first.isalpha():
        return second, first
    return first, second
