"""Time-like words the reading did not use: the last stage of a parse, so that a time or a
date the parser does not understand becomes a question (`unread_time`) and never a silent
guess ("call Acme 10.30 friday" must not become Friday 09:00 with the 10.30 dropped).

What looks like a time or a date: digits with ":" "." "h" "u", a number with am/pm or an
hour word ("uur", "-kor", "ч"), clock words ("noon", "quarter", "полдень", "kwart", "fél"),
a number word next to a time word, weekday and month names, day words ("tonight", "ночью",
"'s avonds", "éjjel"), words that place a day ("ago", "last", "early", "назад", "vorige",
"múlt", "elején"), zone abbreviations and "<city> time". Each pattern runs on the folded
text (lower case, no accents) and only over words no earlier stage consumed.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache

from bot.nlu import dates, weekdays
from bot.nlu.dates import NOT_MONEY
from bot.nlu.idioms import hour_words

# full weekday names with their endings (the short forms "ma", "do", "ср" are ordinary words)
FULL_WEEKDAYS = {
    "en": r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?",
    "ru": r"понедельник\w*|вторник\w*|сред[аеуы]|среда?м|четверг\w*|пятниц\w*|суббот\w*|воскресень\w*",
    "nl": r"(?:maan|dins|woens|donder|vrij|zater|zon)dag\w*",
    "hu": r"hetfo\w*|kedd\w*|szerda\w*|csutortok\w*|pentek\w*|szombat\w*|vasarnap\w*",
}
ZONES = r"cet|cest|msk|gmt|utc|est|edt|cst|cdt|pst|pdt|bst|eet|eest|wet|west|mez|mesz"
_COMMON = (
    rf"(?<![€$£\d.,])\d{{1,2}}\s*[:.h]\s*\d{{2}}(?![\d.,]){NOT_MONEY}",
    r"\d{1,2}\s*(?:a\.?m\b\.?|p\.?m\b\.?)",
    r"\d{1,2}\s*-?ish\b",
    rf"(?<![€$£\d.,])\d{{1,2}}[./-]\d{{1,2}}(?:[./-]\d{{2,4}})?\b(?![.,]\d){NOT_MONEY}",
    rf"\b(?:{ZONES})\b",
    r"\b\d{1,2}(?=\s+(?:or|или|of|vagy)\s+\d)",  # "2 or 3 pm": which one?
)
WORDS = {
    "en": (
        r"\b(?:today|tonight|tonite|tomorrow|tmrw|yesterday|noon|midday|midnight|o'?clock)\b",
        r"\b(?:morning|afternoon|evening|night)\b",
        r"\b(?:half|quarter)\s+(?:past|to|after)\b|\bhalf\s+(?:{hours}|\d)\b",
        r"\b(?:at|around|by|@)\s+(?:\d{{1,2}}|{hours})\b",
        r"\b(?:{hours})\s+(?:o'?clock|thirty|fifteen|forty|fifty|am|pm)\b",
        r"(?:(?<=\bor\s)|(?<=\band\s)|(?<=\bto\s)|(?<=\btill\s)|(?<=\buntil\s))\d{{1,2}}\b(?:\s*[ap]\.?m\b)?(?!\s*(?:%|[a-z]+s\b))",
        r"\bago\b|\bfortnight\b|\b(?:eod|cob|eow|asap)\b|\b(?:end|beginning|middle|start)\s+of(?:\s+(?:the\s+)?(?:day|week|business))?\b",
        r"\b(?:last|past|previous)\s+(?:week|month|year|{weekdays})\b",
        r"\b(?:early|mid|middle|end|late|beginning)\b(?:\s+of)?\s+(?:next\s+|this\s+|the\s+)?(?:week|month|year|{months})\b",
        r"\b(?:in|within|after)\s+(?:a|an|\d+|few|several|couple)\b[\w\s]{{0,20}}?\b(?:minutes?|hours?|days?|weeks?|months?|years?)\b",
        r"\b[a-z]+(?:\s+[a-z]+)?\s+time\b(?<!\bon\stime)(?<!\bany\stime)(?<!\bspare\stime)(?<!\bfirst\stime)(?<!\blast\stime)(?<!\bnext\stime)(?<!\bsome\stime)(?<!\bthis\stime)(?<!\bthat\stime)(?<!\bthe\stime)(?<!\bfull\stime)(?<!\bpart\stime)(?<!\bno\stime)",
    ),
    "ru": (
        r"\b(?:сегодня|завтра|послезавтра|вчера|позавчера|полдень|полдня|полночь|полночи)\b",
        r"\b(?:утром|утра|вечером|вечера|ночью|ночи|ночь|днем)\b",
        r"\bпол-?\s*\w+ого\b|\bполовин\w*\b|\bчетверт\w+\b|\bбез\s+\w+\s+(?:\d{{1,2}}|{hours})\b",
        r"\b(?:в|во|к|около)\s+(?:\d{{1,2}}|{hours})\b",
        r"\b(?:{hours})\s+(?:часов|часа|час|тридцать|пятнадцать|сорок)\b",
        r"(?:(?<=\bили\s)|(?<=\bи\s)|(?<=\bдо\s)|(?<=\bпо\s))\d{{1,2}}\b(?!\s*(?:%|[а-я]))",
        r"\bназад\b|\bтому\s+назад\b|\b(?:в\s+)?(?:начале|середине|конце)\b",
        r"\bпрошл\w+\s+(?:недел\w+|месяц\w*|год\w*|{weekdays})\b",
        r"\b(?:начал\w*|середин\w*|конц\w*|конец)\s+(?:следующ\w+\s+|этого\s+|будущ\w+\s+)?(?:недел\w+|месяц\w*|год\w*|{months})\b",
        r"\bчерез\s+(?:\w+\s+){{0,2}}?(?:минут\w*|час\w*|дн\w+|день|недел\w+|месяц\w*|год\w*|лет)\b",
        r"\bпо\s+(?:[а-я]+ому\s+времени|москве|лондону|киеву|берлину|парижу|нью-йорку|минску|астане|дубаю|екатеринбургу|новосибирску|владивостоку|самаре|омску)\b",
    ),
    "nl": (
        r"\b(?:vandaag|vanavond|vannacht|vanmiddag|vanochtend|vanmorgen|morgen|overmorgen|gisteren|eergisteren|middernacht)\b",
        r"'s\s*(?:ochtends|morgens|middags|avonds|nachts)|\b(?:ochtend|middag|avond|nacht)\b",
        r"\bhalf\s+(?:\d{{1,2}}|{hours})\b|\bkwart\b|\b\w+\s+(?:over|voor)\s+half\b",
        r"\b(?:om|rond|tegen)\s+(?:\d{{1,2}}|{hours})\b|\b(?:\d{{1,2}}|{hours})\s*(?:uur|u)\b",
        r"(?:(?<=\bof\s)|(?<=\ben\s)|(?<=\btot\s))\d{{1,2}}\b(?!\s*(?:%|[a-z](?<!u)))",
        r"\bgeleden\b|\b(?:eind|einde|begin|midden)\s+van(?:\s+de\s+(?:dag|week))?\b",
        r"\b(?:vorige|afgelopen)\s+(?:week|maand|jaar|{weekdays})\b",
        r"\b(?:begin|half|midden|eind|einde)\s+(?:van\s+)?(?:volgende\s+|deze\s+)?(?:week|maand|jaar|{months})\b",
        r"\bover\s+(?:een|enkele|\d+|paar|een\s+paar|anderhalf|anderhalve)\b[\w\s]{{0,15}}?\b(?:minuten|minuut|kwartier|uur|dagen|dag|weken|week|maanden|maand|jaar)\b",
        r"\b\w+se\s+tijd\b",
    ),
    "hu": (
        r"\b(?:ma|holnap|holnaputan|tegnap|tegnapelott|delben|delre|ejfel\w*|ejjel|este\w*|reggel\w*|delelott|delutan)\b",
        r"\b(?:negyed|haromnegyed)\b",
        r"\b(?:\d{{1,2}}|{hours})\s*-?\s*(?:kor|orakor|orara|ora)\b|\b(?:{hours})kor\b",
        r"(?:(?<=\bvagy\s)|(?<=\bes\s))\d{{1,2}}\b(?:\s*-?\s*kor)?|\bkozott\b",
        r"\b(?:mulva|ezelott|napja|hete|honapja)\b|\b\d{{1,2}}\s*perckor\b",
        r"\bmult\s+(?:heten|het|honap\w*|ev\w*|{weekdays})\b",
        r"\b(?:elejen|kozepen|vegen|elejere|vegere)\b",
        r"\bido\s+szerint\b",
    ),
}


@cache
def patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    hours = "|".join(sorted(hour_words(lang), key=len, reverse=True))
    days = "|".join(f"(?:{form})" for form in weekdays.WEEKDAYS[lang] if len(form) > 3)
    months = "|".join(f"(?:{form})" for form in dates.MONTHS[lang])
    full_months = "|".join(_long_forms(dates.MONTHS[lang], keep_may=lang != "en"))
    found = [re.compile(p) for p in _COMMON]
    found += [re.compile(p.format(hours=hours, weekdays=days, months=months)) for p in WORDS[lang]]
    found.append(re.compile(rf"\b(?:{FULL_WEEKDAYS[lang]})\b"))
    found.append(re.compile(rf"\b(?:{full_months})\b"))
    if lang == "en":  # "may" is a verb unless a day number stands beside it
        found.append(re.compile(r"\bmay\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+may\b"))
    return tuple(found)


def _long_forms(forms: tuple[str, ...], keep_may: bool = True) -> list[str]:
    """The full names among the months' alternatives (not the abbreviations "mar", "jun")."""
    found = []
    for form in forms:
        for alternative in form.split("|"):
            plain = re.sub(r"\\w\*|\[[^\]]*\]|[?]", "", alternative)
            if (
                len(plain) >= 4
                or "[" in alternative
                or alternative == "mei"
                or (alternative == "may" and keep_may)
            ):
                found.append(alternative)
    return found


def unread_spans(text, lang: str) -> list[tuple[int, int]]:
    """Spans of `text` (a `normalise.Text`) that look like a time or a date and that no stage
    consumed, in order, merged when they overlap."""
    found: list[tuple[int, int]] = []
    for pattern in patterns(lang):
        for match in pattern.finditer(text.folded):
            start, end = match.span()
            if end > start and text.free(start, end):
                found.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_CLOCK = re.compile(r"(?<!\d)(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?(?!\d)")


def guesses(span: str, due: datetime | None) -> tuple[datetime, ...]:
    """Buttons for an unread span: the reading as it stands and, when the span holds a clock
    ("10.30", "8"), that clock on the day read (the afternoon for a bare 1-6)."""
    if due is None:
        return ()
    found = [due]
    match = _CLOCK.search(span)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if match.group(2) is None and 1 <= hour <= 6:
            hour += 12
        if hour <= 23 and minute <= 59:
            moment = due.replace(hour=hour, minute=minute)
            if moment not in found:
                found.append(moment)
    return tuple(found)
