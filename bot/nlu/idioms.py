"""Clock idioms: the ways people say a time without "HH:MM".

"half past 3", "a quarter to 5", "ten minutes to 4", "5 past 9", en-GB "half 3" (3:30),
"ten thirty", "at 3 15", "1530", "10u30", "3ish"; Russian "полтретьего", "в половине
четвёртого", "без четверти пять", "без десяти три", "четверть шестого", "десять тридцать",
"10 ч 15 мин"; Dutch "tien voor half 3", "vijf over tien", "kwart voor 5"; Hungarian
"negyed 4", "háromnegyed 5", "tíz harminckor".

Each finder returns a `TimeHit` with the hour as said (1-12 for most idioms), so the
part of day and the afternoon rule of `times.resolve_hour` apply to it as to "at 3".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import NamedTuple

from bot.nlu.numbers import CARDINALS, Number
from bot.nlu.timehit import TimeHit

# minutes said as words, besides the cardinals 1-31 ("forty-five", "сорок пять")
MINUTE_WORDS = {
    "en": {"oh five": 5, "forty": 40, "forty-five": 45, "forty five": 45, "fifty": 50},
    "ru": {"сорок": 40, "сорок пять": 45, "пятьдесят": 50},
    "nl": {"veertig": 40, "vijfenveertig": 45, "vijftig": 50},
    "hu": {"negyven": 40, "negyvenot": 45, "otven": 50},
}
# Russian hours in the genitive ordinal: "полтретьего" is half of the third hour (2:30)
RU_GENITIVE = {
    "первого": 1, "второго": 2, "третьего": 3, "четвертого": 4, "пятого": 5, "шестого": 6,
    "седьмого": 7, "восьмого": 8, "девятого": 9, "десятого": 10, "одиннадцатого": 11,
    "двенадцатого": 12,
}  # fmt: skip
# Russian minutes in the genitive after "без": "без десяти три" is 2:50
RU_BEFORE = {
    "четверти": 15, "пяти": 5, "десяти": 10, "пятнадцати": 15, "двадцати": 20,
    "двадцати пяти": 25, "одной": 1, "двух": 2, "трех": 3,
}  # fmt: skip
_CUE = {"en": r"at|@|by|around|about", "ru": r"в|во|к|около", "nl": r"om|rond|tegen", "hu": r"@"}
_AMPM = r"(?:\s*(?P<ap>a\.?m\b\.?|p\.?m\b\.?))?"
UNIT_AFTER = (
    r"(?!\s*(?:%|min|hours?|days?|weeks?|months?|years?|дн|недел|месяц|мин|час|лет|год|руб|"
    r"dag|week|maand|jaar|minu|nap|het|honap|ev\b|perc|ora\b|eur|usd|ft\b|[$€]|[./:,-]?\d))"
)


def _words(table: Mapping[str, Number], top: int = 59) -> dict[str, int]:
    return {w: int(v) for w, v in table.items() if isinstance(v, int) and 0 < v <= top}


def _alt(words: dict[str, int] | list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def hour_words(lang: str) -> dict[str, int]:
    return {w: v for w, v in _words(CARDINALS[lang], 12).items() if len(w) > 2}


def minute_words(lang: str) -> dict[str, int]:
    found = {w: v for w, v in _words(CARDINALS[lang]).items() if v >= 10 and " " not in w}
    found |= {w: v for w, v in _words(CARDINALS[lang]).items() if v > 20}
    return found | MINUTE_WORDS[lang]


def _number(raw: str, table: dict[str, int]) -> int | None:
    raw = re.sub(r"\s+", " ", raw)
    return int(raw) if raw.isdigit() else table.get(raw)


class _Parts(NamedTuple):
    """The pieces every language's idioms are built from."""

    cue: str  # "at", "om", "в" before the time, optional
    hour: str  # (?P<h>...): digits or an hour word
    mins: str  # (?P<mm>...): digits or a number word up to 29
    small: dict[str, int]  # the number words up to 29


@cache
def patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(name, pattern) on the folded text, in the order tried."""
    cue = rf"(?:\b(?:{_CUE[lang]})\s*)?"
    hour = rf"(?P<h>\d{{1,2}}|{_alt(hour_words(lang))})"
    small = {w: v for w, v in _words(CARDINALS[lang], 29).items()}
    mins = rf"(?P<mm>\d{{1,2}}|{_alt(small)})"
    word_minutes = rf"(?P<m>{_alt(minute_words(lang))})"
    found: list[tuple[str, str]] = [(name, regex) for name, regex in _ranges(lang)]
    found += [
        ("hhmm", rf"{cue}\b(?P<hm>(?:[01]\d|2[0-3])[0-5]\d)\b{UNIT_AFTER}"),
        ("h_mm", rf"\b(?:{_CUE[lang]})\s*(?P<h>\d{{1,2}})\s(?P<m>[0-5]\d)\b{_AMPM}{UNIT_AFTER}"),
        ("h_mm", rf"\b(?P<h>1\d|2[0-3])\s(?P<m>[0-5]\d)\b{UNIT_AFTER}"),
        ("h_words", rf"{cue}\b{hour}\s+{word_minutes}(?:kor\b)?{_AMPM}(?!\s*(?:minut|минут|perc))"),
    ]
    found += _LANGUAGE_IDIOMS[lang](_Parts(cue, hour, mins, small))
    return tuple((name, re.compile(regex)) for name, regex in found)


def _en_idioms(p: _Parts) -> list[tuple[str, str]]:
    cue, hour, mins = p.cue, p.hour, p.mins
    return [
        ("half", rf"{cue}\bhalf\s+past\s+{hour}(?:(?<=\d)(?!\d)|\b){_AMPM}"),
        (
            "quarter_past",
            rf"{cue}\b(?:a\s+)?quarter\s+(?:past|after)\s+{hour}(?:(?<=\d)(?!\d)|\b){_AMPM}",
        ),
        (
            "quarter_to",
            rf"{cue}\b(?:a\s+)?quarter\s+(?:to|till|of)\s+{hour}(?:(?<=\d)(?!\d)|\b){_AMPM}",
        ),
        (
            "mins_to",
            rf"{cue}\b{mins}\s+(?:minutes?\s+)?(?:to|till)\s+{hour}(?:(?<=\d)(?!\d)|\b){_AMPM}",
        ),
        (
            "mins_past",
            rf"{cue}\b{mins}\s+(?:minutes?\s+)?(?:past|after)\s+{hour}(?:(?<=\d)(?!\d)|\b){_AMPM}",
        ),
        ("half_gb", rf"{cue}\bhalf\s+{hour}\b(?!\s+(?:an?\b|hours?|past))"),
        ("ish", rf"{cue}\b(?P<h>\d{{1,2}})\s*-?ish\b"),
    ]


def _ru_idioms(p: _Parts) -> list[tuple[str, str]]:
    hour, mins = p.hour, p.mins
    genitive = rf"(?P<g>{_alt(list(RU_GENITIVE))})"
    return [
        ("ru_half", rf"(?:\bв\s+)?\b(?:пол-?\s*|половин[аеуы]\s+){genitive}"),
        ("ru_quarter", rf"(?:\bв\s+)?\bчетверть\s+{genitive}"),
        ("ru_mins_of", rf"(?:\bв\s+)?\b{mins}\s+минут\w*\s+{genitive}"),
        (
            "ru_before",
            rf"(?:\bв\s+)?\bбез\s+(?P<b>{_alt(list(RU_BEFORE))}|\d{{1,2}})(?:\s+минут\w*)?\s+{hour}\b",
        ),
        (
            "ru_h_m",
            r"\b(?:в\s+)?(?P<h>\d{1,2})\s*(?:ч\b\.?|час\w*)\s*(?P<m>\d{1,2})\s*(?:мин\w*|м\b)\.?",
        ),
    ]


def _nl_idioms(p: _Parts) -> list[tuple[str, str]]:
    cue, hour, mins, small = p
    return [
        (
            "nl_around_half",
            rf"{cue}\b{mins}\s+(?P<dir>over|voor)\s+half\s+{hour}\b(?:\s*uur\b)?",
        ),
        (
            "nl_mins",
            rf"{cue}\b(?P<mm>kwart|\d{{1,2}}|{_alt(small)})\s+(?P<dir>over|voor)\s+{hour}\b(?:\s*uur\b)?{UNIT_AFTER}",
        ),
        ("hm_u", r"(?:\bom\s+)?\b(?P<h>\d{1,2})u(?P<m>[0-5]\d)\b"),
    ]


def _hu_idioms(p: _Parts) -> list[tuple[str, str]]:
    hour = p.hour
    return [
        ("hu_h_m", r"\b(?P<h>\d{1,2})\s*ora\s*(?P<m>\d{1,2})\s*perc(?:kor|re|ig)?\b"),
        (
            "hu_quarter",
            rf"\b(?P<q>negyed|haromnegyed)\s+{hour}(?:\s*-?\s*(?:kor|orakor|ora)\b)?",
        ),
    ]


_LANGUAGE_IDIOMS: dict[str, Callable[[_Parts], list[tuple[str, str]]]] = {
    "en": _en_idioms,
    "ru": _ru_idioms,
    "nl": _nl_idioms,
    "hu": _hu_idioms,
}


def _ranges(lang: str) -> list[tuple[str, str]]:
    """A window of time ("between 2 and 4", "3-4pm", "с 10 до 12", "tussen 10 en 12",
    "10 és 12 között"): the reminder is for its start."""
    start = r"(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?"
    end = r"(?P<h2>\d{1,2})(?:[:.][0-5]\d)?"
    ampm1 = r"(?:\s*(?P<ap1>a\.?m\b\.?|p\.?m\b\.?))?"
    shapes = {
        "en": (
            rf"\b(?:between|from)\s+{start}{ampm1}\s+(?:and|to|till|until|-)\s+{end}{_AMPM}",
            rf"\b{start}{ampm1}\s*[-–]\s*{end}\s*(?P<ap>a\.?m\b\.?|p\.?m\b\.?)",
        ),
        "ru": (rf"\b(?:с|от)\s+{start}\s+до\s+{end}(?:\s*(?:часов|ч)\b)?",),
        "nl": (rf"\b(?:tussen|van)\s+{start}(?:\s*uur)?\s+(?:en|tot)\s+{end}(?:\s*uur\b)?",),
        "hu": (
            rf"\b{start}\s*(?:es|-|–)\s*{end}\s*(?:ora\s+)?kozott",
            rf"\b{start}\s*-?\s*tol\s+{end}\s*-?\s*ig\b",
        ),
    }
    return [("range", shape) for shape in shapes[lang]]


def find_idiom(text, lang: str):
    """The first clock idiom in the unused part of `text`, consumed; None if there is none."""
    for name, pattern in patterns(lang):
        for match in text.finditer(pattern):
            clock = _clock(name, match, lang)
            if clock is None:
                continue
            hour, minute = clock
            groups = match.groupdict()
            meridiem = None
            said = groups.get("ap1") or groups.get("ap")  # "3-4pm": the end's am/pm
            if said:
                meridiem = "am" if said.startswith("a") else "pm"
            explicit = name in ("hhmm", "h_mm") and (
                hour >= 13 or match.group(0).lstrip()[:1] == "0"
            )
            text.take(match.start(), match.end())
            return TimeHit(match.start(), match.end(), hour, minute, meridiem, explicit)
    return None


def _clock(name: str, match: re.Match, lang: str) -> tuple[int, int] | None:
    """(hour as said, minute) of one idiom, or None when the numbers do not make a time."""
    g = match.groupdict()
    hours = hour_words(lang)
    hour = _number(g["h"], hours) if g.get("h") else None
    if name == "range":
        end = int(g["h2"])
        return (hour, int(g["m"] or 0)) if hour is not None and hour <= 23 and end <= 24 else None
    if name == "hhmm":
        if 2000 <= int(g["hm"]) <= 2099 and match.start("hm") == match.start():
            return None  # "2026" with no "at" before it is a year before it is 20:26
        return int(g["hm"][:2]), int(g["hm"][2:])
    if name in ("h_mm", "ru_h_m", "hm_u", "hu_h_m"):
        return (hour, int(g["m"])) if hour is not None else None
    if name == "h_words":
        minute = minute_words(lang).get(re.sub(r"\s+", " ", g["m"]))
        return (hour, minute) if hour is not None and minute is not None else None
    if name in ("half", "half_gb"):
        return (hour, 30) if hour is not None else None
    if name == "quarter_past":
        return (hour, 15) if hour is not None else None
    if name == "quarter_to":
        return (_before(hour), 45) if hour is not None else None
    if name in ("mins_to", "mins_past"):
        minutes = _number(g["mm"], _words(CARDINALS[lang], 29))
        if (
            hour is None
            or minutes is None
            or (minutes not in (5, 10, 20, 25) and "minute" not in match.group(0))
        ):
            return None
        return (_before(hour), 60 - minutes) if name == "mins_to" else (hour, minutes)
    if name == "ish":
        return (hour, 0) if hour is not None else None
    return _language_clock(name, g, hour, lang)


def _language_clock(
    name: str, g: dict[str, str], hour: int | None, lang: str
) -> tuple[int, int] | None:
    """The idioms of one language: "полтретьего", "tien voor half 3", "negyed 4"."""
    if name in ("ru_half", "ru_quarter", "ru_mins_of"):
        of = _before(RU_GENITIVE[re.sub(r"\s+", " ", g["g"])])
        if name == "ru_half":
            return of, 30
        if name == "ru_quarter":
            return of, 15
        minutes = _number(g["mm"], _words(CARDINALS[lang], 29))
        return (of, minutes) if minutes is not None else None
    if name == "ru_before":
        raw = re.sub(r"\s+", " ", g["b"])
        minutes = int(raw) if raw.isdigit() else RU_BEFORE[raw]
        return (_before(hour), 60 - minutes) if hour is not None and 0 < minutes < 60 else None
    if name == "nl_around_half":
        minutes = _number(g["mm"], _words(CARDINALS[lang], 29))
        if hour is None or minutes is None or minutes >= 30:
            return None
        return (
            (_before(hour), 30 + minutes) if g["dir"] == "over" else (_before(hour), 30 - minutes)
        )
    if name == "nl_mins":
        minutes = 15 if g["mm"] == "kwart" else _number(g["mm"], _words(CARDINALS[lang], 29))
        if hour is None or minutes is None or minutes >= 30:
            return None
        return (hour, minutes) if g["dir"] == "over" else (_before(hour), 60 - minutes)
    if name == "hu_quarter":
        if hour is None:
            return None
        return (_before(hour), 15) if g["q"] == "negyed" else (_before(hour), 45)
    return None


def _before(hour: int) -> int:
    """The hour before `hour` as said: "a quarter to 1" is 12:45, not 0:45."""
    return 12 if hour == 1 else hour - 1
