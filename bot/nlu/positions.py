"""Days named by their place in a month or a week, read before anything else so that no
later stage reads a piece of them ("last friday of december" is not "last friday", "a week
from friday" is not "in a week").

- the n-th / last weekday of a month: "first monday of december", "в первый понедельник
  декабря", "eerste maandag van december", "december első hétfőjén";
- the last day / n-th day of a month: "the last day of january", "third day of february",
  "the 20th of next month", "20-го следующего месяца", "de 20e van volgende maand";
- a week counted from a weekday: "a week from friday", "через неделю после пятницы",
  "een week na vrijdag", "péntek után egy héttel"; "2 mondays from now";
  "<weekday> after next" ("tuesday after next", "jövő utáni kedden");
- vague parts of a month: "early next month", "mid january", "в конце следующего месяца",
  "eind volgende maand", "január közepén": no day is chosen, the choices are offered.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from bot.nlu import dates, weekdays
from bot.nlu.numbers import ORDINALS, small_re, value

NTH = {
    "en": (("first|1st", 1), ("second|2nd", 2), ("third|3rd", 3), ("fourth|4th", 4), ("last", -1)),
    "ru": (("перв", 1), ("втор", 2), ("трет", 3), ("четверт", 4), ("последн", -1)),
    "nl": (("eerste", 1), ("tweede", 2), ("derde", 3), ("vierde", 4), ("laatste", -1)),
    "hu": (("elso", 1), ("masodik", 2), ("harmadik", 3), ("negyedik", 4), ("utolso", -1)),
}
NEXT_MONTH = {
    "en": r"next\s+month",
    "ru": r"следующего\s+месяца|будущего\s+месяца",
    "nl": r"volgende\s+maand",
    "hu": r"jovo\s+honap\w*",
}
THIS_MONTH = {
    "en": r"this\s+month",
    "ru": r"этого\s+месяца",
    "nl": r"deze\s+maand",
    "hu": r"ebben\s+a\s+honapban|e\s+honap\w*",
}
VAGUE = {  # part of the month -> which days to offer
    "en": ((r"early|beginning\s+of|the\s+beginning\s+of|start\s+of", "early"),
           (r"mid|mid-|middle\s+of|the\s+middle\s+of", "mid"),
           (r"end\s+of|the\s+end\s+of|late", "end")),
    "ru": ((r"начале", "early"), (r"середине", "mid"), (r"конце", "end")),
    "nl": ((r"begin|begin\s+van", "early"), (r"half|medio|midden", "mid"),
           (r"eind|einde|eind\s+van|einde\s+van", "end")),
    "hu": ((r"elejen|elejere", "early"), (r"kozepen|kozepere", "mid"), (r"vegen|vegere", "end")),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Position:
    start: int
    end: int
    day: date | None  # None: vague, pick one of `choices`
    choices: tuple[date, ...] = ()
    weekday_base: int | None = None  # "a week from friday": days counted from that weekday


@cache
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    wd = "|".join(f"(?P<d{i}>{form})" for i, form in enumerate(weekdays.WEEKDAYS[lang]))
    month = (
        rf"(?:{dates._month_re(lang)}|(?P<nextm>{NEXT_MONTH[lang]})|(?P<thism>{THIS_MONTH[lang]}))"
    )
    nth = "|".join(f"(?P<n{i}>{regex}\\w*)" for i, (regex, _) in enumerate(NTH[lang]))
    vague = "|".join(f"(?P<v_{name}>{regex})" for regex, name in VAGUE[lang])
    ords = "|".join(sorted(ORDINALS[lang], key=len, reverse=True))
    num = small_re(lang)
    shapes = {
        "en": (
            ("nth_wd", rf"\b(?:on\s+)?(?:the\s+)?(?:{nth})\s+(?:{wd})\s+(?:of|in)\s+{month}"),
            ("last_day", rf"\b(?:on\s+)?(?:the\s+)?last\s+day\s+of\s+{month}"),
            (
                "nth_day",
                rf"\b(?:on\s+)?(?:the\s+)?(?P<day>{ords}|\d{{1,2}}(?:st|nd|rd|th)?)\s+(?:day\s+)?of\s+(?:{month})",
            ),
            ("week_from", rf"\b(?P<w>{num})\s+weeks?\s+(?:from|after)\s+(?:{wd})"),
            ("n_from_now", rf"\b(?P<k>{num})\s+(?:{wd})\s+from\s+(?:now|today)"),
            ("after_next", rf"\b(?:on\s+)?(?:{wd})\s+(?:after\s+next|week)\b"),
            ("vague", rf"\b(?:in\s+)?(?:{vague})[\s-]*(?:of\s+)?{month}"),
        ),
        "ru": (
            ("nth_wd", rf"\b(?:(?:в|во)\s+)?(?:{nth})\s+(?:{wd})\s+{month}"),
            ("last_day", rf"\b(?:в\s+)?последн\w+\s+(?:день|число)\s+{month}"),
            (
                "nth_day",
                rf"\b(?P<day>\d{{1,2}})(?:-?(?:го|е|ое))?\s+(?:числа\s+)?(?:(?P<nextm>{NEXT_MONTH['ru']})|(?P<thism>{THIS_MONTH['ru']}))",
            ),
            (
                "week_from",
                rf"\bчерез\s+(?P<w>неделю|две\s+недели|1\s+неделю|2\s+недели)\s+после\s+(?:{wd})",
            ),
            ("nth_day", rf"\b(?:в\s+)?(?P<day>{ords})\s+(?:день|число)\s+{month}"),
            ("vague", rf"\b(?:в\s+)?(?:{vague})\s+{month}"),
        ),
        "nl": (
            ("nth_wd", rf"\b(?:op\s+)?(?:de\s+)?(?:{nth})\s+(?:{wd})\s+van\s+{month}"),
            ("last_day", rf"\b(?:op\s+)?(?:de\s+)?laatste\s+dag\s+van\s+{month}"),
            (
                "nth_day",
                rf"\b(?:op\s+)?(?:de\s+)?(?P<day>\d{{1,2}})(?:e|ste|de)?\s+(?:dag\s+)?van\s+(?:(?P<nextm>{NEXT_MONTH['nl']})|(?P<thism>{THIS_MONTH['nl']}))",
            ),
            ("nth_day", rf"\b(?:op\s+)?(?:de\s+)?(?P<day>{ords})\s+dag\s+van\s+{month}"),
            ("week_from", rf"\b(?P<w>{num})\s+weken?\s+na\s+(?:{wd})"),
            ("vague", rf"\b(?:{vague})\s+{month}"),
        ),
        "hu": (
            ("nth_wd", rf"\b{month}\s+(?:{nth})\s+(?:{wd})"),
            ("last_day", rf"\b{month}\s+utolso\s+nap\w*"),
            ("nth_day", rf"\b{month}\s+(?P<day>elso|[a-z]+(?:adik|edik|odik))\s+nap\w*"),
            ("week_from", rf"\b(?:{wd})\s+utan\s+(?P<w>egy|1|ket|2)\s+het\w*"),
            ("after_next", rf"\bjovo\s+utani\s+(?:{wd})"),
            ("vague", rf"\b{month}\s+(?:{vague})"),
        ),
    }
    return tuple((name, re.compile(regex)) for name, regex in shapes[lang])


def find_position(text, lang: str, today: date) -> Position | None:
    """The first day named by its position, consumed from `text`; None when there is none."""
    for name, pattern in _patterns(lang):
        for match in text.finditer(pattern):
            found = _position(name, match, lang, today)
            if found is not None:
                text.take(match.start(), match.end())
                return found
    return None


def _position(name: str, match: re.Match, lang: str, today: date) -> Position | None:
    g = match.groupdict()
    start, end = match.span()
    weekday = next((i for i in range(7) if g.get(f"d{i}")), None)
    if name in ("week_from", "n_from_now", "after_next"):
        assert weekday is not None  # each of these shapes names a weekday
        coming = weekdays.resolve(today, weekday, "coming")
        if name == "after_next":
            return Position(start, end, coming + timedelta(weeks=1))
        if name == "n_from_now":
            return Position(start, end, coming + timedelta(weeks=_count(g["k"], lang) - 1))
        return Position(start, end, coming + timedelta(weeks=_count(g["w"], lang)))
    year, month = _month(g, today)
    last = calendar.monthrange(year, month)[1]
    if name == "nth_wd":
        assert weekday is not None  # "the second tuesday": a weekday is named
        nth = next(n for i, (_, n) in enumerate(NTH[lang]) if g.get(f"n{i}"))
        day = _nth_weekday(year, month, weekday, nth)
        if day < today and not (g.get("nextm") or g.get("thism")):
            day = _nth_weekday(year + 1, month, weekday, nth)
        return Position(start, end, day)
    if name == "last_day":
        return Position(start, end, date(year, month, last))
    if name == "nth_day":
        number = _day_number(g["day"], lang)
        if number is None:
            return None
        return Position(start, end, date(year, month, number)) if 1 <= number <= last else None
    part = next(key[2:] for key, found in g.items() if key.startswith("v_") and found)
    days = {"early": (1, 5), "mid": (15,), "end": (25, last)}[part]
    return Position(start, end, None, tuple(date(year, month, d) for d in days))


def _day_number(raw: str, lang: str) -> int | None:
    """ "20th", "third", "harmadik" (the Hungarian stem, without the ending): the number."""
    raw = re.sub(r"(?<=\d)(st|nd|rd|th)$", "", raw)
    if raw == "elso":
        return 1
    for word in (raw, raw + "a", raw + "e"):
        if word.isdigit() or word in ORDINALS[lang]:
            return int(value(word, lang))
    return None


def _count(raw: str, lang: str) -> int:
    raw = re.sub(r"\s+", " ", raw)
    words = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "неделю": 1, "две недели": 2,
             "1 неделю": 1, "2 недели": 2, "een": 1, "twee": 2, "egy": 1, "ket": 2}  # fmt: skip
    if raw.isdigit():
        return int(raw)
    return words[raw] if raw in words else int(value(raw, lang))


def _month(g: dict, today: date) -> tuple[int, int]:
    """(year, month) of the month named: the next such month from this one on."""
    if g.get("nextm"):
        return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    if g.get("thism"):
        return today.year, today.month
    month = next(i + 1 for i in range(12) if g.get(f"m{i}"))
    return (today.year if month >= today.month else today.year + 1), month


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)
