"""The date-and-time half of a parse: find every date, time and recurrence expression in
the message (consuming the words, `spans`), resolve them in the user's zone (or the zone
typed) and validate the result.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateparser.search import search_dates

from bot import fmt
from bot.nlu import dates, relative, spans, times, weekdays
from bot.nlu.model import Problem, RelativeOffset
from bot.nlu.normalise import Text
from bot.nlu.positions import Position
from bot.nlu.validate import add_months, at_wall, checked_date, past_problem, valid_clock
from bot.recurrence import WEEKDAY_CODES, first_occurrence, occurrence_after

log = logging.getLogger(__name__)

DATE_ORDER = {"en": "MDY", "ru": "DMY", "nl": "DMY", "hu": "YMD"}
_WEEKDAYS_ONLY = ((0, 0), (0, 1), (0, 2), (0, 3), (0, 4))
_FALLBACK_MAX = 160
_NIGHT_ENDS = 4  # "tomorrow" typed before 04:00 may mean the day that has already begun


class Reading:
    """One message's dates and times; `read()` fills `due`, `rrule`, `offset`, `problems`.

    `read` runs pure stages, each testable alone: `spans.find_spans` (find and consume) ->
    `pick_time` -> `pick_day` -> `apply_offset` -> `validate`; the parser then runs
    `unread.unread_spans` on what is left (report what was not read).
    """

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
        self.typed_zone: str | None = None
        self.problems: list[Problem] = []
        self.spans: list[tuple[int, int]] = []
        self.kept: list[tuple[int, int]] = []  # read as a time but part of the task ("lunch")

    def date_text(self) -> str | None:
        if not self.spans:
            return None
        return self.text.original[
            min(s for s, _ in self.spans) : max(e for _, e in self.spans)
        ].strip()

    def read(self) -> None:
        us_order = str(self.zone.key).startswith("America/")
        found = spans.find_spans(self.text, self.lang, us_order=us_order, today=self.today)
        self.spans = found.spans
        self.kept = found.kept
        if found.position is not None and found.position.day is None:
            self._vague(found.position)
            return
        clock = pick_time(found, self.working, self.parts)
        if clock is None:
            self.problems.append(Problem("bad_time"))
            return
        at, extra_days = clock
        if found.recur is not None:
            self._recurring(found.recur, found.hit, found.named_days, at)
            return
        amount = found.amount
        if amount is not None and amount.n < 0:
            self.problems.append(Problem("negative_offset"))
            return
        if amount is not None and amount.unit in ("minutes", "hours"):
            sign = -1 if amount.ago else 1
            delta = timedelta(**{amount.unit: sign * amount.n})
            self.due = (self.now + delta).replace(second=0, microsecond=0)
            if found.clock is not None:
                self.problems.append(Problem("time_not_honoured"))
            self._check_past(self.due)
            return
        day = self._pick_day(found, at, extra_days)
        if day is None and self.problems:
            return
        if day is None:
            day = self._fallback(at)
        if day is None:
            if found.offset is None:
                self.problems.append(Problem("no_date"))
            else:
                self.offset = RelativeOffset(
                    found.offset.anchor or "contract_end", -_days(found.offset)
                )
            return
        day, self.offset = apply_offset(day, found.offset)
        self.validate(day + timedelta(days=extra_days), at, found)

    def _vague(self, position: Position) -> None:
        """ "early next month": no day is chosen; the choices are offered (unread_time)."""
        at = time(self.working // 60, self.working % 60)
        walls = tuple(at_wall(day, at, self.zone)[0] for day in position.choices)
        span = self.text.original[position.start : position.end].strip()
        self.problems.append(Problem("unread_time", walls, span))

    def _pick_day(self, found: spans.Found, at: time, extra_days: int) -> date | None:
        """Stage 3: the day the words name, from the most to the least specific."""
        day = found.position.day if found.position is not None else None
        amount = found.amount
        if day is None and amount is not None:
            day = _shift(self.today, amount)
            if amount.unit == "weeks" and found.named_days:  # "in 2 weeks on monday"
                monday = day - timedelta(days=day.weekday())
                day = monday + timedelta(days=found.named_days[0].weekday)
        if found.hit is not None and day is None:
            day = self._calendar_day(found.hit, at)
            if day is None:
                return None
        if found.day_word is not None and day is None:
            day = self.today + timedelta(days=found.day_word[0])
            if found.day_word[0] == 1 and self.now.hour < _NIGHT_ENDS:  # "tomorrow" at 00:30
                self._ambiguous_day(self.today, day, at)
        if day is not None:
            self._check_agree(found, day, at)
        if found.named_days:
            named = found.named_days[0]
            wanted = weekdays.resolve(self.today, named.weekday, named.mode)
            if day is None:
                day = wanted
                if named.mode not in ("next", "last") and named.weekday == self.today.weekday():
                    self._ambiguous_day(self.today, day, at)  # "tuesday 15:00" on a Tuesday
            elif day.weekday() != named.weekday:
                alt_day = weekdays.resolve(day - timedelta(days=1), named.weekday, "coming")
                self.problems.append(
                    Problem(
                        "day_mismatch",
                        (at_wall(day, at, self.zone)[0], at_wall(alt_day, at, self.zone)[0]),
                    )
                )
        elif found.next_week is not None and day is None:
            day = weekdays.next_week_monday(self.today)
        if day is None and (found.clock is not None or found.part_name is not None):
            day = self.today
            if self._wall(day + timedelta(days=extra_days), at, found) <= self.now:
                day += timedelta(days=1)
        return day

    def _check_agree(self, found: spans.Found, day: date, at: time) -> None:
        """Two words that each name a day must name the same one ("tomorrow ... 3.5" read as
        3 May, "demo next week, slides tomorrow"): else ask, offering both."""
        named: list[date | None] = [day]
        if found.hit is not None and found.hit.month is not None:
            year = found.hit.year or dates.infer_year(self.today, found.hit.month, found.hit.day)
            named.append(checked_date(year, found.hit.month, found.hit.day)[0])
        if found.day_word is not None:
            named.append(self.today + timedelta(days=found.day_word[0]))
        if found.next_week is not None:
            monday = weekdays.next_week_monday(self.today)
            if not monday <= day < monday + timedelta(days=7):
                named.append(monday)
        distinct = sorted({d for d in named if d is not None})
        if len(distinct) > 1:
            walls = tuple(at_wall(d, at, self.zone)[0] for d in distinct[:3])
            self.problems.append(Problem("day_mismatch", walls))

    def validate(self, day: date, at: time, found: spans.Found) -> None:
        """Stage 5: the wall time in its zone (the user's, or the one typed), with the
        problems a person must see (a DST gap or fold, a moment already over)."""
        zone = found.zone.zone if found.zone is not None else self.zone
        due, problems = (
            at_wall(day, at, zone)
            if isinstance(zone, ZoneInfo)
            else (datetime.combine(day, at, zone), [])
        )
        self.due = due.astimezone(self.zone)
        if found.zone is not None:
            self.typed_zone = (
                f"{fmt.clock(datetime.combine(day, at), self.lang)} {found.zone.typed}"
            )
        self.problems += problems
        if found.part_name == "night" and found.clock is None:  # "ночью": 21:00 or 02:00?
            span = self.text.original[found.part[1] : found.part[2]] if found.part else None
            self.problems.append(Problem("unread_time", (self.due,), span))
        self._check_past(self.due)

    def _check_past(self, due: datetime) -> None:
        past = past_problem(due, self.now, self.zone)
        if past is not None:
            self.problems.append(past)

    def _wall(self, day: date, at: time, found: spans.Found) -> datetime:
        zone = found.zone.zone if found.zone is not None else self.zone
        if not isinstance(zone, ZoneInfo):
            return datetime.combine(day, at, zone)
        return at_wall(day, at, zone)[0]

    def _ambiguous_day(self, first: date, second: date, at: time) -> None:
        """Two days fit ("tomorrow" typed after midnight, today's weekday with a time still
        ahead): keep `second`, offer both."""
        early = at_wall(first, at, self.zone)[0]
        if early > self.now:
            self.problems.append(
                Problem("ambiguous_day", (early, at_wall(second, at, self.zone)[0]))
            )

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
        byday += [(0, d.weekday) for d in named_days if (0, d.weekday) not in byday]
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


def pick_time(found: spans.Found, working: int, parts: dict[str, int]) -> tuple[time, int] | None:
    """Stage 2: the wall clock (and 1 when it is the midnight that ends the day), from the
    time typed, else the part of day, else the working time. None: out of range."""
    hour, minute = working // 60, working % 60
    part = found.part_name
    if found.clock is not None:
        hour, minute = times.resolve_hour(found.clock, part)
    elif part is not None:
        hour, minute = divmod(parts[part], 60)
        if part == "midnight":
            hour = 24
    if hour == 24 and minute == 0:
        return time(0, 0), 1
    if not valid_clock(hour, minute):
        return None
    return time(hour, minute), 0


def apply_offset(day: date, offset: relative.Amount | None) -> tuple[date, RelativeOffset | None]:
    """Stage 4: "30 days before" a date typed in the same message moves that date."""
    if offset is None:
        return day, None
    return day - timedelta(days=_days(offset)), RelativeOffset("date", -_days(offset))


def _shift(day: date, amount: relative.Amount) -> date:
    n = (-1 if amount.ago else 1) * round(amount.n)
    if amount.unit == "days":
        return day + timedelta(days=n)
    if amount.unit == "weeks":
        return day + timedelta(weeks=n)
    if amount.unit == "months":
        return add_months(day, n)
    return add_months(day, 12 * n)


def _days(amount: relative.Amount) -> int:
    return round({"days": 1, "weeks": 7, "months": 30, "years": 365}.get(amount.unit, 1) * amount.n)
