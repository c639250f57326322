"""Weekday names and the words around them ("next", "этот", "volgende", "jövő").

Which day a weekday means, counted from today (Tuesday 24 Nov 2026 in the examples):
- bare, "on", "coming", "ближайший", "komende", "aanstaande": the next one after today
  ("friday" -> Fri 27 Nov; "tuesday" -> Tue 1 Dec, never today);
- "this", "этот", "deze", "ezen", "most": the one in this week when still ahead, else the
  next one;
- "next", "следующий", "volgende", "jövő" and "<day> (of) next week": the one in next week
  (Mon-Sun): "next friday" -> Fri 4 Dec, "next monday" -> Mon 30 Nov;
- "last", "прошлый", "vorige", "múlt": the one before today ("last tuesday" -> Tue 17 Nov),
  reported as past, never replaced by a future one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Folded, lower-case. Each entry: regex of the day's forms (incl. inflections, plurals).
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": (
        r"mon(?:day)?s?",
        r"tue(?:s|sday|sdy|day)?s?|tusday|tuseday",
        r"wed(?:nesday|nsday|ensday)?s?|wensday|wendesday",
        r"thu(?:r|rs|rsday|rsady)?s?|thursday|thrusday|thurday",
        r"fri(?:day|dy)?s?|firday",
        r"sat(?:urday)?s?",
        r"sun(?:day)?s?",
    ),
    "ru": (
        r"понедельник\w*|пн",
        r"вторник\w*|вт",
        r"сред[аеуы]|среда?м\w*|ср",
        r"четверг\w*|чт",
        r"пятниц\w*|пт",
        r"суббот\w*|сб",
        r"воскресень\w*|воскресенье?м\w*|вс",
    ),
    "nl": (
        r"maandag\w*|ma",
        r"dinsdag\w*|di",
        r"woensdag\w*|wo",
        r"donderdag\w*|do",
        r"vrijdag\w*|vr",
        r"zaterdag\w*|za",
        r"zondag\w*",
    ),
    "hu": (
        r"hetfo\w*",
        r"kedd\w*",
        r"szerda\w*|szerdan\w*",
        r"csutortok\w*|csut",
        r"pentek\w*",
        r"szombat\w*",
        r"vasarnap\w*",
    ),
}

THIS = {
    "en": r"this|this coming",
    "ru": r"(?:в|во)?\s*(?:этот|эту|это|эти)",
    "nl": r"deze",
    "hu": r"ezen a|ezen|most|e",
}
NEXT = {
    "en": r"next",
    "ru": r"(?:в|во)?\s*(?:следующ\w+|след\.?)",
    "nl": r"volgende",
    "hu": r"jovo",
}
LAST = {
    "en": r"last|past|previous",
    "ru": r"(?:в|во)?\s*(?:прошл\w+|прошедш\w+)",
    "nl": r"vorige|afgelopen",
    "hu": r"mult",
}
COMING = {
    "en": r"on|coming|upcoming",
    "ru": r"(?:в|во)?\s*(?:ближайш\w+)|в|во",
    "nl": r"komende|aanstaande|a\.s\.|op",
    "hu": r"kovetkezo",
}
THIS_WEEK = {
    "en": r"this\s+week",
    "ru": r"на\s+этой\s+неделе",
    "nl": r"deze\s+week",
    "hu": r"ezen\s+a\s+heten|a\s+heten|e\s+heten",
}
NEXT_WEEK = {
    "en": r"next\s+week|the\s+week\s+after",
    "ru": r"на\s+следующей\s+неделе|на\s+след\.?\s+неделе",
    "nl": r"volgende\s+week|komende\s+week",
    "hu": r"jovo\s+heten|jovo\s+het|a\s+kovetkezo\s+heten",
}


def _day_alternation(lang: str) -> str:
    return "|".join(f"(?P<d{i}>{form})" for i, form in enumerate(WEEKDAYS[lang]))


def weekday_re(lang: str) -> re.Pattern[str]:
    """<modifier>? <day> (<next week>)? with groups mod, d0..d6, nextweek."""
    mod = (
        rf"(?:(?P<this>{THIS[lang]})|(?P<next>{NEXT[lang]})|(?P<last>{LAST[lang]})"
        rf"|(?P<coming>{COMING[lang]}))"
    )
    before = rf"(?:(?P<nw1>{NEXT_WEEK[lang]})\s+)?"
    after = rf"(?:,?\s+(?:of\s+)?(?P<nw2>{NEXT_WEEK[lang]}))?"
    return re.compile(rf"\b{before}(?:{mod}\s+)?(?:{_day_alternation(lang)})\b\.?{after}")


def weekday_of(match: re.Match) -> int:
    return next(i for i in range(7) if match.group(f"d{i}"))


def resolve(today: date, weekday: int, mode: str) -> date:
    """The date a weekday means; mode is "coming", "this", "next" or "last" (the one before
    today: the parser reports it as past)."""
    ahead = (weekday - today.weekday()) % 7 or 7
    if mode == "last":
        return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
    if mode == "next":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
        return monday + timedelta(days=weekday)
    return today + timedelta(days=ahead)


def next_week_monday(today: date) -> date:
    return today - timedelta(days=today.weekday()) + timedelta(weeks=1)
