"""A time typed in another zone: "4pm CET", "10:00 MSK", "9 am London time", "15:00 по
Москве", "10:00 Londense tijd", "9-kor londoni idő szerint".

The parser reads the wall time in that zone and converts it to the user's; the card shows
both. Abbreviations are fixed offsets (CET is +01:00 even in July: whoever types CET means
it); city names are IANA zones and follow their summer time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

OFFSETS = {
    "utc": 0, "gmt": 0, "wet": 0, "west": 1, "bst": 1, "cet": 1, "mez": 1, "cest": 2, "mesz": 2,
    "eet": 2, "eest": 3, "msk": 3, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "pst": -8,
    "pdt": -7,
}  # fmt: skip
CITIES = {  # folded city words in each language -> IANA zone
    "Europe/London": ("london", "лондон", "londense", "londoni"),
    "Europe/Moscow": ("moscow", "москв", "московск", "moskouse", "moszkvai"),
    "Europe/Amsterdam": ("amsterdam", "амстердам", "nederlandse", "amszterdami", "holland"),
    "Europe/Budapest": ("budapest", "будапешт", "hongaarse", "budapesti", "magyar"),
    "Europe/Berlin": ("berlin", "берлин", "duitse", "berlini", "nemet"),
    "Europe/Paris": ("paris", "париж", "franse", "parizsi"),
    "Europe/Kyiv": ("kyiv", "kiev", "киев", "kyivse", "kijevi"),
    "America/New_York": ("new york", "нью-йорк", "new yorkse", "new york-i", "amerikaanse"),
    "America/Los_Angeles": ("los angeles", "лос-анджелес", "pacific"),
    "Asia/Dubai": ("dubai", "дуба", "dubaji"),
    "Asia/Tokyo": ("tokyo", "токио", "tokio", "tokioi"),
}
_CITY = "|".join(
    sorted(
        (re.escape(w) + r"\w*" for words in CITIES.values() for w in words), key=len, reverse=True
    )
)
_SHAPES = {
    "en": rf"\b(?P<city>{_CITY})\s+time\b",
    "ru": rf"\bпо\s+(?P<city>{_CITY})(?:\s+времени)?",
    "nl": rf"\b(?P<city>{_CITY})\s+tijd\b",
    "hu": rf"\b(?P<city>{_CITY})\s+ido\s+szerint\b",
}


@dataclass(frozen=True, slots=True)
class ZoneHit:
    start: int
    end: int
    zone: tzinfo
    typed: str  # as typed, for the card ("CET", "по Москве")


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    abbreviations = "|".join(sorted(OFFSETS, key=len, reverse=True))
    return re.compile(rf"\b(?P<abbr>{abbreviations})\b"), re.compile(_SHAPES[lang])


def find_zone(text, lang: str) -> ZoneHit | None:
    """The zone a time was typed in, consumed; None when the message names none."""
    abbreviation, city = _patterns(lang)
    for match in text.finditer(city):
        zone = _city_zone(match.group("city"))
        if zone is not None:
            return _take(text, match, ZoneInfo(zone))
    for match in text.finditer(abbreviation):
        if lang == "hu" and match.group("abbr") == "est":
            continue  # "est" is no Hungarian word, but "este" is close: be safe
        hours = OFFSETS[match.group("abbr")]
        return _take(text, match, timezone(timedelta(hours=hours), match.group("abbr").upper()))
    return None


def _take(text, match: re.Match, zone: tzinfo) -> ZoneHit:
    text.take(match.start(), match.end())
    return ZoneHit(match.start(), match.end(), zone, text.original[match.start() : match.end()])


def _city_zone(typed: str) -> str | None:
    for zone, words in CITIES.items():
        if any(typed.startswith(word) for word in words):
            return zone
    return None
