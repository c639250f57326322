"""Stage 1 of reading a date: find every date, time, recurrence and zone expression in the
message, consuming its words, in an order where the longer forms go first ("last friday of
december" before "last friday", "a week from friday" before "in a week", "через 3 дня" before
"в 2"). Nothing is resolved here; `resolve.Reading` turns the `Found` into a moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from bot.nlu import dates, positions, recurrence_words, relative, times, weekdays, zones
from bot.nlu.normalise import Text
from bot.nlu.timehit import TimeHit

# nl "zaterdagavond", "maandagochtend": the part of day glued to the weekday
_GLUED_PART = {"avond": "evening", "ochtend": "morning", "morgen": "morning", "middag": "afternoon",
               "nacht": "night"}  # fmt: skip


_MEAL = re.compile(r"lunch(?!tijd)|обед(?!а\b)|ebed|kave|koffie|coffee|кофе")


@dataclass(frozen=True, slots=True)
class NamedDay:
    weekday: int
    mode: str  # coming / this / next / last
    start: int
    end: int


@dataclass(slots=True)
class Found:
    """What the message says about when, each item with its span (None: not said)."""

    position: positions.Position | None = None
    zone: zones.ZoneHit | None = None
    recur: recurrence_words.RecurHit | None = None
    offset: relative.Amount | None = None
    amount: relative.Amount | None = None
    hit: dates.DateHit | None = None
    day_word: tuple[int, str | None, int, int] | None = None
    named_days: list[NamedDay] = field(default_factory=list)
    next_week: re.Match | None = None
    clock: TimeHit | None = None
    part: tuple[str, int, int] | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    kept: list[tuple[int, int]] = field(default_factory=list)  # meals: noon, and the task

    @property
    def part_name(self) -> str | None:
        if self.part:
            return self.part[0]
        return self.day_word[1] if self.day_word else None


def find_spans(text: Text, lang: str, *, us_order: bool, today: date) -> Found:
    """Every when-expression in `text`, consumed, with the spans they covered."""
    found = Found()
    found.position = positions.find_position(text, lang, today)
    found.zone = zones.find_zone(text, lang)
    found.recur = recurrence_words.find_recurrence(text, lang)
    found.offset = relative.find_offset(text, lang)
    found.amount = relative.find_ago(text, lang) or relative.find_relative(text, lang)
    found.hit = dates.find_date(text, lang, us_order=us_order)
    found.day_word = dates.find_day_word(text, lang)
    found.named_days = _weekdays(text, lang)
    this_week = text.search(_week_re(lang, "this")) if found.named_days else None
    if this_week:  # "deze week vrijdag": the weekday already says which day
        text.take(*this_week.span())
        found.spans.append(this_week.span())
    found.next_week = None if found.named_days else text.search(_week_re(lang, "next"))
    if found.next_week:
        text.take(*found.next_week.span())
        found.spans.append(found.next_week.span())
    found.clock = times.find_time(text, lang)
    found.part = times.find_part(text, lang)
    if found.part is None and found.named_days:
        found.part = _glued_part(text, found.named_days[0])
    if found.part is not None and _MEAL.search(text.folded, found.part[1], found.part[2]):
        found.kept.append(found.part[1:])
    if found.clock is None:
        found.clock = _bare_hour(text, found)
    for item in (found.position, found.zone, found.recur, found.offset, found.amount):
        if item is not None:
            found.spans.append((item.start, item.end))
    for hit in (found.hit, found.clock):
        if hit is not None:
            found.spans.append((hit.start, hit.end))
    for words in (found.day_word, found.part):
        if words is not None:
            found.spans.append((words[-2], words[-1]))
    found.spans += [(d.start, d.end) for d in found.named_days]
    return found


def _bare_hour(text: Text, found: Found) -> TimeHit | None:
    """A plain number next to a date or part of day: "tomorrow 10", "8 tonight"."""
    ends = [item.end for item in (found.hit,) if item]
    ends += [found.day_word[-1]] if found.day_word else []
    ends += [d.end for d in found.named_days]
    for end in sorted(ends):
        clock = times.bare_hour_after(text, end)
        if clock:
            return clock
    starts = [found.part[1]] if found.part else []
    starts += [found.day_word[2]] if found.day_word else []
    starts += [d.start for d in found.named_days]
    for start in sorted(starts):
        clock = times.bare_hour_before(text, start)
        if clock:
            return clock
    return None


def _weekdays(text: Text, lang: str) -> list[NamedDay]:
    found = []
    for match in text.finditer(weekdays.weekday_re(lang)):
        mode = "coming"
        if match.group("next") or match.group("nw1") or match.group("nw2"):
            mode = "next"
        elif match.group("last"):
            mode = "last"
        elif match.group("this"):
            mode = "this"
        text.take(match.start(), match.end())
        found.append(NamedDay(weekdays.weekday_of(match), mode, match.start(), match.end()))
    return found


def _glued_part(text: Text, day: NamedDay) -> tuple[str, int, int] | None:
    word = text.folded[day.start : day.end]
    for tail, part in _GLUED_PART.items():
        if word.endswith(tail) and len(word) > len(tail) + 3:
            return part, day.end - len(tail), day.end
    return None


@cache
def _week_re(lang: str, which: str) -> re.Pattern[str]:
    words = weekdays.THIS_WEEK[lang] if which == "this" else weekdays.NEXT_WEEK[lang]
    return re.compile(rf"\b(?:{words})\b")
