"""The date-and-time half of a parse: find every date, time and recurrence expression in
the message (consuming the words), resolve them in the user's zone and validate the result.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from dateparser.search import search_dates

from bot.nlu import dates, recurrence_words, relative, times, weekdays
from bot.nlu.model import Problem, RelativeOffset
from bot.nlu.normalise import Text
from bot.nlu.validate import add_months, at_wall, checked_date, past_problem, valid_clock
from bot.recurrence import WEEKDAY_CODES, first_occurrence, occurrence_after

log = logging.getLogger(__name__)

DATE_ORDER = {"en": "MDY", "ru": "DMY", "nl": "DMY", "hu": "YMD"}
_WEEKDAYS_ONLY = ((0, 0), (0, 1), (0, 2), (0, 3), (0, 4))
_FALLBACK_MAX = 160
_NIGHT_ENDS = 4  # "tomorrow" typed before 04:00 may mean the day that has already begun


class Reading:
    """One message's dates and times; `read()` fills `due`, `rrule`, `offset`, `problems`."""

    def __init__(
        self,
        text: Text,
        lang: str,
        zone: ZoneInfo,
        now: datetime,
        working: int,
        parts: dict[str, int],
    ):
        self.text, self.lang, self.zone, self.now = text, lang, zone, now
        self.today = now.date()
        self.working, self.parts = working, parts
        self.due: datetime | None = None
        self.rrule: str | None = None
        self.offset: RelativeOffset | None = None
        self.problems: list[Problem] = []
        self.spans: list[tuple[int, int]] = []

    def date_text(self) -> str | None:
        if not self.spans:
            return None
        return self.text.original[
            min(s for s, _ in self.spans) : max(e for _, e in self.spans)
        ].strip()

    def read(self) -> None:
        text, lang = self.text, self.lang
        recur = recurrence_words.find_recurrence(text, lang)
        offset = relative.find_offset(text, lang)
        amount = relative.find_relative(text, lang)
        hit = dates.find_date(text, lang, us_order=str(self.zone.key).startswith("America/"))
        day_word = dates.find_day_word(text, lang)
        named_days = self._weekdays()
        this_week = text.search(_this_week_re(lang)) if named_days else None
        if this_week:  # "deze week vrijdag": the weekday already says which day
            text.take(*this_week.span())
            self.spans.append(this_week.span())
        next_week = None if named_days else text.search(_next_week_re(lang))
        if next_week:
            text.take(*next_week.span())
        clock = times.find_time(text, lang)
        if clock is None:
            ends = [item.end for item in (hit,) if item] + [d[-1] for d in (day_word,) if d]
            ends += [end for _, _, _, end in named_days]
            for end in sorted(ends):
                clock = times.bare_hour_after(text, end)
                if clock:
                    break
        part = times.find_part(text, lang)
        part_name = part[0] if part else (day_word[1] if day_word else None)
        for item in (recur, offset, amount, hit, clock):
            if item is not None:
                self.spans.append((item.start, item.end))
        for item in (day_word, part):
            if item is not None:
                self.spans.append((item[-2], item[-1]))
        self.spans += [(s, e) for _, _, s, e in named_days]
        if next_week:
            self.spans.append(next_week.span())

        hour, minute = self.working // 60, self.working % 60
        if clock is not None:
            hour, minute = times.resolve_hour(clock, part_name)
        elif part_name is not None:
            hour, minute = divmod(self.parts[part_name], 60)
        if not valid_clock(hour, minute):
            self.problems.append(Problem("bad_time"))
            return
        at = time(hour, minute)

        if recur is not None:
            self._recurring(recur, hit, named_days, at)
            return
        if amount is not None and amount.n < 0:
            self.problems.append(Problem("negative_offset"))
            return
        if amount is not None and amount.unit in ("minutes", "hours"):
            delta = (
                timedelta(minutes=amount.n)
                if amount.unit == "minutes"
                else timedelta(hours=amount.n)
            )
            self.due = (self.now + delta).replace(second=0, microsecond=0)
            if clock is not None:
                self.problems.append(Problem("time_not_honoured"))
            return

        day = None
        if amount is not None:
            day = _shift(self.today, amount)
            if amount.unit == "weeks" and named_days:  # "in 2 weeks on monday": that week's
                monday = day - timedelta(days=day.weekday())
                day = monday + timedelta(days=named_days[0][0])
        if hit is not None:
            day = self._calendar_day(hit, at)
            if day is None:
                return
        if day_word is not None and day is None:
            day = self.today + timedelta(days=day_word[0])
            if day_word[0] == 1 and self.now.hour < _NIGHT_ENDS:  # "tomorrow" at 00:30
                self._ambiguous_day(self.today, day, at)
        if named_days:
            weekday, mode = named_days[0][0], named_days[0][1]
            wanted = weekdays.resolve(self.today, weekday, mode)
            if day is None:
                day = wanted
                if mode != "next" and weekday == self.today.weekday():  # "tuesday 15:00" today
                    self._ambiguous_day(self.today, day, at)
            elif day.weekday() != weekday:
                alt_day = weekdays.resolve(day - timedelta(days=1), weekday, "coming")
                self.problems.append(
                    Problem(
                        "day_mismatch",
                        (at_wall(day, at, self.zone)[0], at_wall(alt_day, at, self.zone)[0]),
                    )
                )
        elif next_week is not None and day is None:
            day = weekdays.next_week_monday(self.today)
        if day is None and (clock is not None or part_name is not None):
            day = self.today
            if at_wall(day, at, self.zone)[0] <= self.now:
                day += timedelta(days=1)
        if day is None:
            day = self._fallback(at)
        if day is None:
            if offset is None:
                self.problems.append(Problem("no_date"))
            else:
                self.offset = RelativeOffset(offset.anchor or "contract_end", -_days(offset))
            return
        if offset is not None:
            self.offset = RelativeOffset("date", -_days(offset))
            day -= timedelta(days=_days(offset))
        self.due, problems = at_wall(day, at, self.zone)
        self.problems += problems
        past = past_problem(self.due, self.now, self.zone)
        if past is not None:
            self.problems.append(past)

    def _ambiguous_day(self, first: date, second: date, at: time) -> None:
        """Two days fit ("tomorrow" typed after midnight, today's weekday with a time still
        ahead): keep `second`, offer both."""
        early = at_wall(first, at, self.zone)[0]
        if early > self.now:
            self.problems.append(
                Problem("ambiguous_day", (early, at_wall(second, at, self.zone)[0]))
            )

    def _weekdays(self) -> list[tuple[int, str, int, int]]:
        found = []
        for match in self.text.finditer(weekdays.weekday_re(self.lang)):
            mode = "coming"
            if match.group("next") or match.group("nw1") or match.group("nw2"):
                mode = "next"
            elif match.group("this"):
                mode = "this"
            self.text.take(match.start(), match.end())
            found.append((weekdays.weekday_of(match), mode, match.start(), match.end()))
        return found

    def _calendar_day(self, hit: dates.DateHit, at: time):
        if hit.month is None:
            if hit.day > 31:
                return None
            return dates.next_month_day(self.today, hit.day)
        year = hit.year or dates.infer_year(self.today, hit.month, hit.day)
        day, alternatives = checked_date(year, hit.month, hit.day)
        if day is None:
            walls = tuple(at_wall(d, at, self.zone)[0] for d in alternatives)
            self.problems.append(Problem("impossible_date", walls))
        return day

    def _recurring(self, recur, hit, named_days, at: time) -> None:
        freq, byday = recur.freq, list(recur.byday)
        byday += [(0, wd) for wd, _, _, _ in named_days if (0, wd) not in byday]
        if freq == "WEEKDAYS":
            freq, byday = "WEEKLY", list(_WEEKDAYS_ONLY)
        if freq in ("DAILY",) and byday:
            freq = "WEEKLY"
        parts = [f"FREQ={freq}"]
        if recur.interval > 1:
            parts.append(f"INTERVAL={recur.interval}")
        if freq == "WEEKLY" and byday:
            parts.append(
                "BYDAY="
                + ",".join(WEEKDAY_CODES[wd] for _, wd in sorted(byday, key=lambda b: b[1]))
            )
        elif freq in ("MONTHLY", "YEARLY"):
            if hit is not None and hit.month is not None and freq == "YEARLY":
                parts.append(f"BYMONTH={hit.month}")
            if byday:
                parts.append(
                    "BYDAY="
                    + ",".join(
                        f"{n}{WEEKDAY_CODES[wd]}" if n else WEEKDAY_CODES[wd] for n, wd in byday
                    )
                )
            elif recur.bymonthday is not None:
                parts.append(f"BYMONTHDAY={recur.bymonthday}")
            elif hit is not None:
                parts.append(f"BYMONTHDAY={hit.day}")
        self.rrule = ";".join(parts)
        if recur.interval > 1 and len(parts) == 2:  # "every 3 weeks": the series starts today
            start = datetime.combine(self.today, at)
            occurrence = occurrence_after(self.rrule, self.now, self.zone, dtstart=start)
        else:
            occurrence = first_occurrence(self.rrule, self.now, self.zone, at=at)
        if occurrence is None:
            self.problems.append(Problem("no_date"))
            return
        self.due = occurrence.at
        if occurrence.shifted:
            self.problems.append(Problem("dst_gap", (occurrence.at,)))

    def _fallback(self, at: time):
        """dateparser on what is left, for forms our own layer does not know. Accepted only
        when the matched words hold a digit and a letter and fall within five years (never
        "me" or an invoice number read as a date); skipped for long or number-heavy texts,
        where its search costs about a millisecond per number."""
        rest = self.text.rest()
        numbers = len(re.findall(r"\d+", rest))
        if len(rest) > _FALLBACK_MAX or not 1 <= numbers <= 4:
            return None
        settings: dict[str, Any] = {
            "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "TIMEZONE": str(self.zone.key),
            "RELATIVE_BASE": self.now.replace(tzinfo=None),
            "DATE_ORDER": DATE_ORDER[self.lang],
        }
        try:
            found = search_dates(rest, languages=[self.lang], settings=settings) or []
        except Exception:  # dateparser raises assorted errors on odd input
            log.debug("dateparser failed on %r", rest, exc_info=True)
            return None
        for span, moment in found:
            sane = self.now.year <= moment.year <= self.now.year + 5
            if sane and any(c.isdigit() for c in span) and any(c.isalpha() for c in span):
                start = self.text.original.find(span)
                if start >= 0:
                    self.text.take(start, start + len(span))
                    self.spans.append((start, start + len(span)))
                return moment.astimezone(self.zone).date()
        return None


@cache
def _this_week_re(lang: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{weekdays.THIS_WEEK[lang]})\b")


@cache
def _next_week_re(lang: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{weekdays.NEXT_WEEK[lang]})\b")


def _shift(day: date, amount: relative.Amount) -> date:
    amount = relative.Amount(amount.start, amount.end, round(amount.n), amount.unit)
    if amount.unit == "days":
        return day + timedelta(days=amount.n)
    if amount.unit == "weeks":
        return day + timedelta(weeks=amount.n)
    if amount.unit == "months":
        return add_months(day, amount.n)
    return add_months(day, 12 * amount.n)


def _days(amount: relative.Amount) -> int:
    return round({"days": 1, "weeks": 7, "months": 30, "years": 365}.get(amount.unit, 1) * amount.n)
