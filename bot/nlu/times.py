"""Clock times and parts of the day.

Read: "10:00", "9.30 uur", "om 9 uur", "9am", "3 pm", "at 3", "в 2", "в 10 утра", "7 вечера",
"10-kor", "10 órakor", "half 10" (Dutch: 9:30), "fél 10" (Hungarian: 9:30), "kwart over 9",
written-out hours ("в два", "om tien uur"), and parts of day (morning, afternoon, evening,
noon) whose default hours are configurable. A bare hour 1-6 with no am/pm or part of day is
afternoon ("в 2" -> 14:00): nobody books a client call at 2 a.m. Out-of-range values
("25:00") are kept and reported as `bad_time` by the parser, never dropped.
"""

from __future__ import annotations

import re
from functools import cache

from bot.nlu import idioms
from bot.nlu.dates import NOT_MONEY
from bot.nlu.numbers import CARDINALS
from bot.nlu.timehit import TimeHit

DEFAULT_PARTS = {
    "morning": 540,
    "afternoon": 840,
    "evening": 1080,
    "noon": 720,
    "night": 1260,
    "midnight": 0,
}

PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        (r"(?:in\s+the\s+)?morning|am\b", "morning"),
        (r"(?:in\s+the\s+)?afternoon|after\s+lunch", "afternoon"),
        (r"(?:in\s+the\s+)?evening|tonight", "evening"),
        (r"(?:at\s+)?(?:noon|midday|lunchtime|lunch)", "noon"),
        (r"(?:at\s+)?midnight", "midnight"),
        (r"(?:at\s+)?night", "night"),
    ),
    "ru": (
        (r"с\s+утра|утром|утра|поутру|утро", "morning"),
        (r"днем|дня|после\s+обеда", "afternoon"),
        (r"вечером|вечера|вечерком|вечер", "evening"),
        (r"в\s+обед|в\s+полдень|полдень|в\s+обеденное\s+время|обед\w*", "noon"),
        (r"в\s+полночь|полночь", "midnight"),
        (r"ночью|ночи", "night"),
    ),
    "nl": (
        (r"'s\s*ochtends|'s\s*morgens|in\s+de\s+ochtend|ochtend|smorgens|sochtends", "morning"),
        (r"'s\s*middags|in\s+de\s+middag|middag|smiddags", "afternoon"),
        (r"'s\s*avonds|in\s+de\s+avond|avond|savonds", "evening"),
        (r"rond\s+lunchtijd|lunchtijd|tussen\s+de\s+middag|lunch\w*", "noon"),
        (r"(?:om\s+)?middernacht", "midnight"),
        (r"'s\s*nachts", "night"),
    ),
    "hu": (
        (r"reggel\w*|delelott", "morning"),
        (r"delutan", "afternoon"),
        (r"este\w*", "evening"),
        (r"delben|delre|ebed\w*", "noon"),
        (r"ejfelkor|ejfel", "midnight"),
        (r"ejjel", "night"),
    ),
}

_AMPM = r"(?P<ap>a\.?m\.?|p\.?m\.?)"
_CUE = {
    "en": r"at|@|by|around",
    "ru": r"в|во|к|около|на",
    "nl": r"om|rond|tegen|vanaf|@",
    "hu": r"@",
}
_AFTER = {
    "en": r"\s*(?:o'?clock|h\b|hrs\b)",
    "ru": r"\s*(?:часов|часа|час\b|ч\b\.?)",
    "nl": r"\s*(?:uur|u\b|h\b)",
    "hu": r"\s*-?\s*(?:orakor|orara|ora\b|kor\b|ra\b|re\b|h\b)",
}


def _hour_words(lang: str) -> str:
    words = [
        w
        for w, v in CARDINALS[lang].items()
        if isinstance(v, int) and v <= 12 and " " not in w and len(w) > 2
    ]
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def patterns(lang: str) -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """(name, pattern, needs accents) in the order tried."""
    cue, after = _CUE[lang], _AFTER[lang]
    hour = rf"(?P<h>\d{{1,2}}|{_hour_words(lang)})"
    found: list[tuple[str, str, bool]] = [
        (
            "hm",
            rf"(?:\b(?:{cue})\s*)?(?<![€$£])\b(?P<h>\d{{1,2}})[:h](?P<m>\d{{2}})(?!\d){NOT_MONEY}(?:\s*{_AMPM})?(?:{after})?",
            False,
        ),
        (
            "hm_dot_cue",
            rf"\b(?:{cue})\s*(?P<h>\d{{1,2}})\.(?P<m>\d{{2}})(?:\s*{_AMPM}|\b){NOT_MONEY}(?:{after})?",
            False,
        ),
        ("hm_dot_after", rf"\b(?P<h>\d{{1,2}})\.(?P<m>\d{{2}})(?:{after})", False),
        ("ampm", rf"(?:\b(?:{cue})\s*)?(?<![.:,\d])\b(?P<h>\d{{1,2}})\s*{_AMPM}(?!\w)", False),
    ]
    if lang == "en":  # "8.45", "10.30": in English a dot between hour and minutes is a time
        found.append(
            (
                "hm_dot_en",
                rf"(?<![\d./€$£])\b(?P<h>\d{{1,2}})\.(?P<m>[0-5]\d)(?:\s*{_AMPM}|\b)(?![.:/]?\d){NOT_MONEY}",
                False,
            )
        )
    if lang == "nl":
        found.append(("half", rf"(?:\bom\s+)?\bhalf\s+{hour}\b(?:{after})?", False))
    if lang == "hu":
        hu_after = r"(?:\s*-?\s*(?:órakor|órára|óra|kor|ra|re)\b)?"
        found.append(("half", rf"\bfél\s+(?P<h>\d{{1,2}}|[a-zéáóöőúüűí]+?){hu_after}(?!\w)", True))
    found += [
        ("h_after", rf"(?:\b(?:{cue})\s*)?\b{hour}{after}", False),
        ("h_cue", rf"\b(?:{cue})\s+{hour}\b(?![.:,/]\d){idioms.UNIT_AFTER}", False),
    ]
    return tuple((name, re.compile(regex), accents) for name, regex, accents in found)


def find_time(text, lang: str) -> TimeHit | None:
    """The first clock time in the unused part of `text` (a `normalise.Text`): an idiom
    ("half past 3", "полтретьего", "tien voor half 3") before the plain forms."""
    idiom = idioms.find_idiom(text, lang)
    if idiom is not None:
        return idiom
    for name, pattern, accents in patterns(lang):
        for match in text.finditer(pattern, accents=accents):
            hit = _hit(name, match, lang)
            if hit is not None:
                text.take(hit.start, hit.end)
                return hit
    return None


def _number(raw: str, lang: str) -> int | None:
    from bot.names import fold

    raw = fold(raw)
    if raw.isdigit():
        return int(raw)
    found = CARDINALS[lang].get(raw)
    return found if isinstance(found, int) else None


def _hit(name: str, match: re.Match, lang: str) -> TimeHit | None:
    groups = match.groupdict()
    hour = _number(groups["h"], lang)
    if hour is None:
        return None
    minute = int(groups["m"]) if groups.get("m") else 0
    meridiem = None
    if groups.get("ap"):
        meridiem = "am" if groups["ap"].startswith("a") else "pm"
    if name == "half":
        hour, minute = (12 if hour == 1 else hour - 1), 30
    explicit = groups["h"].startswith("0")
    return TimeHit(match.start(), match.end(), hour, minute, meridiem, explicit)


_NOT_HOUR = (
    r"%|st\b|nd\b|rd\b|th\b|-?(?:e|en|an|jen|jan|go|ого|го|е)\b|days?|weeks?|months?|min|hours?|"
    r"дн|недел|месяц|мин|час|руб|dag|week|maand|minu|uur|nap|het|honap|perc|ora|eur|usd|ft\b|[$€]"
)
_BARE_HOUR = re.compile(rf"\s*,?\s*(?P<h>\d{{1,2}})(?![\d.:/,-]|\s*(?:{_NOT_HOUR}))")


def bare_hour_after(text, position: int) -> TimeHit | None:
    """A plain number right after a date is its hour: "tomorrow 10", "четверг 15"."""
    match = _BARE_HOUR.match(text.folded, position)
    if match is None or not text.free(match.start("h"), match.end()):
        return None
    hour = int(match.group("h"))
    if hour > 23:
        return None
    text.take(match.start("h"), match.end())
    return TimeHit(match.start("h"), match.end(), hour, 0, None, match.group("h").startswith("0"))


_HOUR_BEFORE = re.compile(r"(?<![\d.:/,-])\b(?:at\s+|в\s+|om\s+)?(?P<h>\d{1,2})\s+$")


def bare_hour_before(text, position: int) -> TimeHit | None:
    """A plain number right before a day word or part of day is its hour: "8 tonight",
    "9 tomorrow evening", "call Acme 11 tomorrow"."""
    match = _HOUR_BEFORE.search(text.folded[max(0, position - 12) : position])
    if match is None:
        return None
    start = max(0, position - 12) + match.start()
    end = max(0, position - 12) + match.end("h")
    hour = int(match.group("h"))
    if hour > 24 or not text.free(start, end):
        return None
    text.take(start, end)
    return TimeHit(start, end, hour, 0, None, match.group("h").startswith("0"))


def find_part(text, lang: str) -> tuple[str, int, int] | None:
    """(part of day, start, end) of "morning", "вечером", "'s middags", "délután"..."""
    for regex, part in _parts(lang):
        match = text.search(regex)
        if match:
            text.take(match.start(), match.end())
            return part, match.start(), match.end()
    return None


@cache
def _parts(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"(?<!\w)(?:{regex})\b"), part) for regex, part in PARTS[lang])


def resolve_hour(hit: TimeHit, part: str | None) -> tuple[int, int]:
    """24-hour (hour, minute) from what was typed; may be out of range (reported later).
    24:00 is the midnight at the end of the day."""
    hour = hit.hour
    if hit.meridiem == "pm" and hour < 12:
        hour += 12
    elif hit.meridiem == "am" and hour == 12:
        hour = 0
    elif hit.meridiem is None and 1 <= hour <= 11 and _afternoon(hit, part):
        hour += 12
    elif hit.meridiem is None and hour == 12 and part in ("evening", "night", "midnight"):
        hour = 24  # "at 12 tonight", "12 uur 's nachts": the midnight that ends the day
    return hour, hit.minute


def _afternoon(hit: TimeHit, part: str | None) -> bool:
    """ "7 вечера", "3 délután", or a bare 1-6 with no part of day at all."""
    if part in ("afternoon", "evening"):
        return True
    if part == "night":
        return hit.hour >= 6
    return part is None and hit.hour <= 6 and not hit.explicit_24h
