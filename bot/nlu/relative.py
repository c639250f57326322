"""Amounts of time from now ("in 3 days", "через 2 часа", "over een week", "2 nap múlva") and
offsets before a date ("30 days before", "за 30 дней до", "30 dagen van tevoren",
"30 nappal előtte")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.nlu.numbers import Number, cardinal_re, small_re, value

UNITS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        (r"minutes?|mins?\b", "minutes"),
        (r"hours?|hrs?\b|h\b", "hours"),
        (r"days?", "days"),
        (r"weeks?|wks?\b", "weeks"),
        (r"fortnights?", "fortnights"),
        (r"months?", "months"),
        (r"years?", "years"),
    ),
    "ru": (
        (r"минут\w*|мин\b\.?", "minutes"),
        (r"час\w*|ч\b\.?", "hours"),
        (r"день|дня|дней|сутки|суток", "days"),
        (r"недел\w*|нед\b\.?", "weeks"),
        (r"месяц\w*|мес\b\.?", "months"),
        (r"год\w*|лет\b", "years"),
    ),
    "nl": (
        (r"minuten|minuut|min\b", "minutes"),
        (r"uur|uren|u\b", "hours"),
        (r"dagen|dag", "days"),
        (r"weken|week", "weeks"),
        (r"maanden|maand", "months"),
        (r"jaren|jaar", "years"),
    ),
    "hu": (
        (r"perc\w*", "minutes"),
        (r"ora\w*", "hours"),
        (r"nap\w*", "days"),
        (r"het\w*", "weeks"),
        (r"honap\w*", "months"),
        (r"ev\w*", "years"),
    ),
}

HOUR_AND_A_HALF = {
    "en": r"in\s+(?:an|one|1)\s+hour\s+and\s+a\s+half|in\s+one\s+and\s+a\s+half\s+hours?",
    "ru": r"через\s+час\s+с\s+половиной",
    "nl": r"over\s+(?:een\s+)?uur\s+en\s+een\s+half|over\s+anderhalf\s+uur",
    "hu": r"egy\s+es\s+fel\s+ora\s+mulva",
}
HALF_YEAR = {
    "en": r"in\s+half\s+a\s+year",
    "ru": r"через\s+полгода|через\s+пол\s+года",
    "nl": r"over\s+(?:een\s+)?half\s+jaar|over\s+een\s+halfjaar",
    "hu": r"fel\s+ev\s+mulva",
}
HALF_HOUR = {
    "en": r"in\s+(?:half\s+an\s+hour|30\s*m)",
    "ru": r"через\s+полчаса|через\s+пол\s+часа",
    "nl": r"over\s+(?:een\s+)?half\s+uur|over\s+een\s+halfuur",
    "hu": r"fel\s+ora\s+mulva",
}
QUARTER_HOUR = {
    "en": r"in\s+(?:a\s+)?quarter\s+of\s+an\s+hour",
    "ru": r"через\s+четверть\s+часа",
    "nl": r"over\s+een\s+kwartier|over\s+kwartier",
    "hu": r"negyed\s+ora\s+mulva",
}

ANCHORS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        (
            r"(?:the\s+)?(?:contract\s+end|end\s+of\s+(?:the\s+)?contract|contract\s+expir\w*|expiry)",
            "contract_end",
        ),
        (r"(?:the\s+)?(?:renewal(?:\s+date)?|it\s+renews)", "renewal"),
        (
            r"(?:the\s+)?(?:due\s+date|invoice\s+(?:is\s+)?due|payment\s+(?:is\s+)?due)",
            "invoice_due",
        ),
    ),
    "ru": (
        (r"(?:окончания|конца|истечения)\s+(?:срока\s+)?(?:договора|контракта)", "contract_end"),
        (r"продлени\w*", "renewal"),
        (r"(?:срока\s+)?оплаты|срока\s+платежа", "invoice_due"),
    ),
    "nl": (
        (
            r"(?:het\s+)?einde\s+van\s+het\s+contract|(?:de\s+)?afloop\s+van\s+het\s+contract",
            "contract_end",
        ),
        (r"(?:de\s+)?verlenging", "renewal"),
        (r"(?:de\s+)?vervaldatum", "invoice_due"),
    ),
    "hu": (
        (r"(?:a\s+)?szerzodes\s+(?:lejarta|vege)", "contract_end"),
        (r"(?:a\s+)?megujitas", "renewal"),
        (r"(?:a\s+)?fizetesi\s+hatarido", "invoice_due"),
    ),
}


def _alt(pairs: tuple[tuple[str, str], ...]) -> str:
    return "|".join(f"(?P<{name}>{regex})" for regex, name in pairs)


def _plain(pairs: tuple[tuple[str, str], ...]) -> str:
    return "(?P<u>" + "|".join(regex for regex, _ in pairs) + ")"


@cache
def relative_re(lang: str) -> re.Pattern[str]:
    num, units = cardinal_re(lang), _plain(UNITS[lang])
    units2 = units.replace("<u>", "<u2>")
    shapes = {
        "en": rf"\b(?:in|within|after)\s+(?P<n>{num})\s*{units}\b|\b(?P<n2>{num})\s*{units2}\s+(?:from\s+(?:now|today)|later)\b",
        "ru": rf"\b(?:через|спустя)\s+(?:(?P<n>{num})\s*)?(?:{units})(?!\w)",
        "nl": rf"\b(?:over|binnen)\s+(?:(?P<n>{num})\s*)?(?:{units})\b",
        "hu": rf"(?<![\w-])(?P<n>{num})\s*(?:{units})\s*(?:mulva|mulvan)\b",
    }
    return re.compile(shapes[lang])


@cache
def ago_re(lang: str) -> re.Pattern[str]:
    num, units = small_re(lang), _plain(UNITS[lang])
    shapes = {
        "en": rf"\b(?P<n>{num})\s*{units}\s+ago\b",
        "ru": rf"\b(?:(?P<n>{num})\s*)?{units}\s+(?:тому\s+)?назад(?!\w)",
        "nl": rf"\b(?P<n>{num})\s*{units}\s+geleden\b",
        "hu": rf"\b(?P<n>{num})\s*{units}\s*ezelott\b|\b(?P<n2>{num})\s*(?P<u2>napja|hete|honapja|eve|oraja|perce)\b",
    }
    return re.compile(shapes[lang])


@cache
def offset_re(lang: str) -> re.Pattern[str]:
    num, units, anchors = cardinal_re(lang), _plain(UNITS[lang][2:5]), _alt(ANCHORS[lang])
    shapes = {
        "en": rf"\b(?P<n>{num})\s*(?:{units})\s+(?:before|prior\s+to|ahead(?:\s+of)?)(?:\s+(?:{anchors}))?\b",
        "ru": rf"\bза\s+(?P<n>{num})\s*(?:{units})(?:\s+до(?:\s+(?:{anchors}))?)?(?!\w)",
        "nl": rf"\b(?P<n>{num})\s*(?:{units})\s+(?:van\s*te\s*voren|vooraf|ervoor|voor(?:\s+(?:{anchors}))?)\b",
        "hu": rf"\b(?P<n>{num})\s*(?:{units})(?:al|el|pal|val|vel)?\s+(?:elotte|korabban|(?:{anchors})\s+elott)\b",
    }
    return re.compile(shapes[lang])


@dataclass(frozen=True, slots=True)
class Amount:
    start: int
    end: int
    n: int | float  # "1,5 hours", "полтора часа"
    unit: str  # minutes hours days weeks months years
    anchor: str | None = None
    ago: bool = False  # "3 days ago": before now (the parser reports it as past)


def _unit(match: re.Match, lang: str) -> str:
    typed = match.groupdict().get("u") or match.groupdict().get("u2") or ""
    return next(name for regex, name in UNITS[lang] if re.fullmatch(regex, typed))


def find_ago(text, lang: str) -> Amount | None:
    """ "3 days ago", "3 дня назад", "3 dagen geleden", "3 napja": a moment already past."""
    for match in text.finditer(ago_re(lang)):
        text.take(match.start(), match.end())
        return _counted(match, lang, ago=True)
    return None


def _counted(match: re.Match, lang: str, **extra) -> Amount:
    """The amount a match says, a fortnight counted as two weeks."""
    n, unit = _amount(match, lang), _unit(match, lang)
    if unit == "fortnights":
        n, unit = 2 * n, "weeks"
    return Amount(match.start(), match.end(), n, unit, **extra)


def _amount(match: re.Match, lang: str) -> Number:
    raw = match.groupdict().get("n") or match.groupdict().get("n2")
    return 1 if raw is None else value(raw, lang)


def find_relative(text, lang: str) -> Amount | None:
    for regex, n, unit in (
        (HALF_YEAR[lang], 6, "months"),
        (HOUR_AND_A_HALF[lang], 90, "minutes"),
        (HALF_HOUR[lang], 30, "minutes"),
        (QUARTER_HOUR[lang], 15, "minutes"),
    ):
        match = text.search(re.compile(rf"\b(?:{regex})\b"))
        if match:
            text.take(match.start(), match.end())
            return Amount(match.start(), match.end(), n, unit)
    for match in text.finditer(relative_re(lang)):
        if lang == "nl" and _NL_MINUTES_BEFORE.search(text.folded, 0, match.start()):
            continue  # "kwart over 3 uur", "vijf over 3": a clock time, not "in 3 hours"
        text.take(match.start(), match.end())
        return _counted(match, lang)
    return None


_NL_MINUTES_BEFORE = re.compile(
    r"\b(?:kwart|\d{1,2}|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien"
    r"|veertien)\s+$"
)


def find_offset(text, lang: str) -> Amount | None:
    for match in text.finditer(offset_re(lang)):
        anchor = next((name for _, name in ANCHORS[lang] if match.groupdict().get(name)), None)
        text.take(match.start(), match.end())
        return Amount(match.start(), match.end(), _amount(match, lang), _unit(match, lang), anchor)
    return None
