"""Recurrence phrases: "every monday 9:00", "каждый понедельник в 9", "elke vrijdag om
16:00", "minden hétfőn", "minden hónap 5-én", "monthly on the last day", "first Monday of
the month", "every 2 weeks", "on weekdays", "daily", "yearly".

`find_recurrence` reads the phrase that makes a message recurring (frequency, interval,
n-th weekday, last day); the parser then adds the weekdays and the day of the month named
elsewhere in the message and builds the RRULE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from bot.nlu.weekdays import WEEKDAYS

EVERY = {"en": r"every|each", "ru": r"кажд\w+", "nl": r"elke|elk|iedere|ieder", "hu": r"minden"}
INTERVAL_WORDS = {
    "en": {"other": 2, "second": 2, "2nd": 2, "two": 2, "third": 3, "three": 3, "four": 4},
    "ru": {"два": 2, "две": 2, "три": 3, "четыре": 4, "вторую": 2, "второй": 2, "второе": 2},
    "nl": {"twee": 2, "drie": 3, "vier": 4, "tweede": 2, "derde": 3},
    "hu": {"masodik": 2, "harmadik": 3, "ket": 2, "ketto": 2, "harom": 3},
}
# unit regexes -> FREQ (weekday names are handled separately)
UNITS = {
    "en": (
        (r"(?:week|work|business)\s*days?|weekdays?", "WEEKDAYS"),
        (r"days?", "DAILY"),
        (r"weeks?", "WEEKLY"),
        (r"months?", "MONTHLY"),
        (r"years?", "YEARLY"),
    ),
    "ru": (
        (r"будн\w*(?:\s+(?:дн\w*|день))?|рабоч\w+\s+дн\w*|рабоч\w+\s+день", "WEEKDAYS"),
        (r"день|дня|дней|сутки", "DAILY"),
        (r"недел\w*", "WEEKLY"),
        (r"месяц\w*|мес\b", "MONTHLY"),
        (r"год\w*", "YEARLY"),
    ),
    "nl": (
        (r"werkdag\w*|doordeweekse\s+dag\w*", "WEEKDAYS"),
        (r"dag|dagen", "DAILY"),
        (r"week|weken", "WEEKLY"),
        (r"maand|maanden", "MONTHLY"),
        (r"jaar|jaren", "YEARLY"),
    ),
    "hu": (
        (r"hetkoznap\w*|munkanap\w*", "WEEKDAYS"),
        (r"nap\w*", "DAILY"),
        (r"het\w*", "WEEKLY"),
        (r"honap\w*", "MONTHLY"),
        (r"ev\w*", "YEARLY"),
    ),
}
ADVERBS = {
    "en": (
        (r"daily|every\s*day|each\s+day", "DAILY", 1),
        (r"(?:every|each)(?=\s+(?:morning|afternoon|evening|night)\b)", "DAILY", 1),
        (r"(?:on\s+)?(?:week|work|business)\s*days", "WEEKDAYS", 1),
        (r"bi-?weekly|fortnightly", "WEEKLY", 2),
        (r"weekly", "WEEKLY", 1),
        (r"monthly", "MONTHLY", 1),
        (r"quarterly", "MONTHLY", 3),
        (r"yearly|annually", "YEARLY", 1),
    ),
    "ru": (
        (r"ежедневно", "DAILY", 1),
        (r"кажд\w+(?=\s+(?:утро|вечер|утром|вечером)\b)", "DAILY", 1),
        (r"по\s+будням|по\s+рабочим\s+дням|в\s+будни", "WEEKDAYS", 1),
        (r"еженедельно|раз\s+в\s+неделю", "WEEKLY", 1),
        (r"раз\s+в\s+две\s+недели", "WEEKLY", 2),
        (r"ежемесячно|раз\s+в\s+месяц", "MONTHLY", 1),
        (r"ежеквартально|раз\s+в\s+квартал", "MONTHLY", 3),
        (r"ежегодно|раз\s+в\s+год", "YEARLY", 1),
    ),
    "nl": (
        (r"dagelijks(?!e)", "DAILY", 1),
        (r"(?:elke|iedere)(?=\s+(?:ochtend|middag|avond|morgen)\b)", "DAILY", 1),
        (r"op\s+werkdagen|doordeweeks|elke\s+werkdag", "WEEKDAYS", 1),
        (r"tweewekelijks(?!e)|om\s+de\s+(?:twee|2)\s+weken|om\s+de\s+week", "WEEKLY", 2),
        (r"wekelijks(?!e)", "WEEKLY", 1),
        (r"maandelijks(?!e)", "MONTHLY", 1),
        (r"per\s+kwartaal|elk\s+kwartaal", "MONTHLY", 3),
        (r"jaarlijks(?!e)", "YEARLY", 1),
    ),
    "hu": (
        (r"naponta|mindennap", "DAILY", 1),
        (r"minden(?=\s+(?:reggel|delelott|delutan|este)\b)", "DAILY", 1),
        (r"hetkoznaponkent|hetkoznapokon|munkanapokon", "WEEKDAYS", 1),
        (r"kethetente", "WEEKLY", 2),
        (r"haromhetente", "WEEKLY", 3),
        (r"negyhetente", "WEEKLY", 4),
        (r"hetente|hetenkent", "WEEKLY", 1),
        (r"havonta|havonkent", "MONTHLY", 1),
        (r"negyedevente", "MONTHLY", 3),
        (r"evente|evenkent", "YEARLY", 1),
    ),
}
NTH = {
    "en": {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "last": -1,
    },
    "ru": {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "последн": -1},
    "nl": {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": -1},
    "hu": {"elso": 1, "masodik": 2, "harmadik": 3, "negyedik": 4, "utolso": -1},
}
_NTH_RE = {
    "en": r"(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last)",
    "ru": r"(?P<nth>(?:перв|втор|трет|четверт|последн)\w*)",
    "nl": r"(?P<nth>eerste|tweede|derde|vierde|laatste)",
    "hu": r"(?P<nth>elso|masodik|harmadik|negyedik|utolso)",
}
_OF_MONTH = {
    "en": r"(?:of\s+)?(?:the|each|every)\s+month|monthly",
    "ru": r"(?:каждого\s+)?месяца",
    "nl": r"van\s+(?:de|elke|iedere)\s+maand",
    "hu": r"",
}


# An English adverb followed by a plain word is an adjective ("weekly sync notes", "the
# quarterly report"): a one-off. Other languages inflect the adjective ("еженедельные",
# "wekelijkse"), which the adverb patterns above do not match.
_NOT_ADJECTIVE = {
    "en": r"(?!\s+(?!(?:on|at|in|from|starting|until|till|every|each|for|by|before|after|and|"
    r"with|to|about|re|call|email|ping|check|send|remind|meet|pay|invoice|renew|follow|"
    r"morning|afternoon|evening|night)\b)"
    r"[a-z][a-z-]+)",
    "ru": "",
    "nl": "",
    "hu": "",
}


@dataclass(slots=True)
class RecurHit:
    start: int
    end: int
    freq: str  # DAILY WEEKLY MONTHLY YEARLY or WEEKDAYS (weekly Mon-Fri)
    interval: int = 1
    byday: list[tuple[int, int]] = field(default_factory=list)  # (nth or 0, weekday)
    bymonthday: int | None = None


def _weekday_alt(lang: str) -> str:
    return "|".join(f"(?P<w{i}>{form})" for i, form in enumerate(WEEKDAYS[lang]))


def _weekday(match: re.Match) -> int:
    return next(i for i in range(7) if match.group(f"w{i}"))


def _nth(raw: str, lang: str) -> int:
    return next(v for k, v in NTH[lang].items() if raw.startswith(k))


@cache
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    every, wd, nth, of_month = EVERY[lang], _weekday_alt(lang), _NTH_RE[lang], _OF_MONTH[lang]
    interval = "|".join(sorted(INTERVAL_WORDS[lang], key=len, reverse=True))
    units = "|".join(f"(?P<u{i}>{regex})" for i, (regex, _) in enumerate(UNITS[lang]))
    if lang == "hu":
        nth_wd = rf"\b(?:minden\s+)?honap\w*\s+{nth}\s+(?:{wd})"
        last_day = r"\b(?:minden\s+)?honap\w*\s+utolso\s+(?:munka)?nap\w*"
    elif lang == "ru":
        nth_wd = rf"\b(?:(?:в|во|кажд\w+)\s+)?{nth}\s+(?:{wd})\s+(?:{of_month})"
        last_day = r"\b(?:в\s+)?последн\w+\s+(?:рабоч\w+\s+)?(?:день|число)\s+(?:каждого\s+)?месяца"
    elif lang == "nl":
        nth_wd = rf"\b(?:(?:elke|iedere|op\s+de)\s+)?{nth}\s+(?:{wd})\s+(?:{of_month})"
        last_day = (
            r"\b(?:(?:op\s+)?de\s+)?laatste\s+(?:werk)?dag\s+van\s+(?:de|elke|iedere)\s+maand"
        )
    else:
        nth_wd = rf"\b(?:(?:on|every|each)\s+)?(?:the\s+)?{nth}\s+(?:{wd})\s+(?:{of_month})"
        last_day = r"\b(?:monthly\s+)?(?:on\s+)?the\s+last\s+(?:working\s+|business\s+)?day(?:\s+of\s+(?:the|each|every)\s+month)?"
    monthday = {
        "en": r"\b(?:every|each)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?:the|each|every)\s+month)?",
        "ru": r"\bкажд\w+\s+(?P<day>\d{1,2})(?:-?(?:го|е|ое))?\s+числ\w*",
        "nl": r"\b(?:elke|iedere)\s+(?P<day>\d{1,2})(?:e|ste|de)\s+van\s+de\s+maand",
        "hu": r"\bminden\s+ho\s+(?P<day>\d{1,2})\.?-?(?:an|en|jan|jen)",
    }[lang]
    found = [
        ("monthday", monthday),
        ("nth_wd", nth_wd),
        ("last_day", last_day),
        (
            "every",
            rf"\b(?:{every})\s+(?:(?P<n>\d{{1,2}}|{interval})(?:-?(?:st|nd|rd|th|е|ю|й))?\s+)?(?:(?:{wd})|(?:{units}))(?!\w)",
        ),
    ]
    found.append(
        (
            "adverb",
            "|".join(
                rf"(?P<a{i}>\b(?:{regex})\b){_NOT_ADJECTIVE[lang]}"
                for i, (regex, _, _) in enumerate(ADVERBS[lang])
            ),
        )
    )
    if lang == "ru":
        found.append(("plural", rf"\bпо\s+(?:{wd})"))
    elif lang == "en":
        found.append(("plural", rf"\bon\s+(?=\w+days\b)(?:{wd})"))
    elif lang == "nl":
        found.append(("plural", rf"\b(?:op\s+)?(?=\w+dagen\b|\w+dags\b)(?:{wd})"))
    else:
        found.append(("plural", rf"\b(?=\w+nkent\b)(?:{wd})"))
    return tuple((name, re.compile(regex)) for name, regex in found)


def find_recurrence(text, lang: str) -> RecurHit | None:
    """The recurrence phrase in the unused part of `text`, consumed; None when there is none."""
    for name, pattern in _patterns(lang):
        match = text.search(pattern)
        if match is None or (name == "monthday" and not 1 <= int(match.group("day")) <= 31):
            continue  # "every 32nd" is no day of a month
        text.take(match.start(), match.end())
        hit = RecurHit(match.start(), match.end(), "WEEKLY")
        groups = match.groupdict()
        if name == "nth_wd":
            hit.freq = "MONTHLY"
            hit.byday.append((_nth(groups["nth"], lang), _weekday(match)))
        elif name == "monthday":
            hit.freq, hit.bymonthday = "MONTHLY", int(groups["day"])
        elif name == "last_day":
            hit.freq, hit.bymonthday = "MONTHLY", -1
        elif name == "plural":
            hit.byday.append((0, _weekday(match)))
        elif name == "adverb":
            index = next(i for i in range(len(ADVERBS[lang])) if groups.get(f"a{i}"))
            _, hit.freq, hit.interval = ADVERBS[lang][index]
        else:
            if groups.get("n"):
                raw = groups["n"]
                hit.interval = int(raw) if raw.isdigit() else INTERVAL_WORDS[lang][raw]
            unit = next((i for i in range(len(UNITS[lang])) if groups.get(f"u{i}")), None)
            if unit is None:
                hit.byday.append((0, _weekday(match)))
            else:
                hit.freq = UNITS[lang][unit][1]
        return hit
    return None
