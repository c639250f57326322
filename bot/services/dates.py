"""Dates typed anywhere (a card's Remind, /contract, /invoice, /away, /newclient, snooze
"Other time…"), read by the follow-up parser for one user.

Before this, each place had its own strict grammar ("2026-12-15" only), so "friday 11:00",
"30 April 2027", "vrijdag", "jövő hét kedd" or "через неделю" worked in a follow-up and
nowhere else. `DateReader.read` is the one way in: the user's language, zone and working
hour, the clock's now, and the parser's problems (an impossible day, a past moment, a bad
time) raised as a `DateProblem` whose `alternatives` the handlers offer as buttons, as the
follow-up card does.

Two readings:
- a moment (`day=False`): a reminder or a snooze; it must be in the future;
- a day (`day=True`): a contract end, an invoice due date, a renewal, an absence; the time
  is ignored and "today" is not the past (`past_ok` also lets earlier days through, for an
  invoice that fell due last week).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from bot import fmt
from bot.clock import Clock
from bot.errors import InvalidInput
from bot.nlu import FollowUpParser, Interpretation, Problem, dates, relative
from bot.nlu.normalise import Text
from storage.users import User

# The parser's problems that leave a usable moment: the moment stands (a dst gap moved it
# forward, an ambiguous wall time takes the first instant).
_HARMLESS = frozenset({"dst_gap", "ambiguous_time", "unknown_client", "ambiguous_client"})
_NUMBER = re.compile(r"\d{1,2}")
MAX_TYPED = 200


class DateProblem(InvalidInput):
    """A typed date that cannot be used as it is: `code` is the parser's problem code (or
    "no_date"), `alternatives` the moments the user may pick instead (aware, user's zone).
    The key is `date.q.<code>`, rendered with `value` (what was typed) and for an impossible
    day `date` ("31 April", "31 апреля")."""

    def __init__(self, code: str, typed: str, alternatives: tuple[datetime, ...] = (), **params):
        super().__init__(f"date.q.{code}", value=typed[:60], **params)
        self.code = code
        self.alternatives = alternatives


@dataclass(frozen=True, slots=True)
class TypedDate:
    """A usable reading: `due` is aware in the user's zone; `date_text` is the span read as
    the date (None when the whole text was), `rest` the text around it."""

    due: datetime
    date_text: str | None
    rest: str

    @property
    def day(self) -> date:
        return self.due.date()

    @property
    def epoch(self) -> int:
        return int(self.due.timestamp())


_BUILDING = threading.Lock()


def shared_parser() -> FollowUpParser:
    """One parser per process (it is stateless), built once even when the start-up warm-up
    thread and a first message ask for it at the same moment."""
    with _BUILDING:
        return _build_parser()


@cache
def _build_parser() -> FollowUpParser:
    return FollowUpParser()


class DateReader:
    def __init__(self, clock: Clock, parser: Callable[[], FollowUpParser] | None = None) -> None:
        self._clock = clock
        # The follow-up service's parser, built once (in a thread at start-up).
        self._parser = parser or shared_parser

    def reading(self, user: User, text: str) -> Interpretation:
        """The parser's raw reading of `text` for `user` (no client list: dates only)."""
        return self._parser().parse(
            (text or "").strip()[:MAX_TYPED],
            lang=user.language,
            tz=user.timezone,
            now=self._clock.now(),
            working_minute=user.working_minute,
        )

    def read(
        self,
        user: User,
        text: str,
        *,
        day: bool = False,
        past_ok: bool = False,
        alone: bool = False,
    ) -> TypedDate:
        """The date in `text`, or DateProblem saying what is wrong with it. With `alone` (the
        answer to a question that asked for a date) a text that says more than a date ("call
        Acme tomorrow at 10") is refused with a plain InvalidInput: it is a follow-up, and
        the step that asked may hand it on as one."""
        typed = (text or "").strip()
        found = self.reading(user, typed)
        if alone and found.date_text and not _only_a_date(found):
            raise InvalidInput("date.not_alone", value=typed[:60])
        problems = [p for p in found.problems if p.code not in _HARMLESS]
        today = self._clock.now().astimezone(ZoneInfo(user.timezone)).date()
        if day:
            problems = [p for p in problems if p.code not in ("past", "ambiguous_day")]
        if problems:
            raise _problem(problems[0], typed, user.language)
        if found.due is None or found.offset is not None:
            raise DateProblem("no_date", typed)
        if day and not past_ok and found.due.date() < today:
            later = (_today_at(found.due, today), _year_later(found.due))
            raise DateProblem("past_day", typed, later)
        rest = typed
        if found.date_text and found.date_text in typed:
            rest = " ".join(typed.replace(found.date_text, " ", 1).split())
        return TypedDate(found.due, found.date_text, rest)

    def today(self, user: User) -> date:
        return self._clock.now().astimezone(ZoneInfo(user.timezone)).date()

    def day(self, user: User, text: str, *, future: bool = True) -> date:
        """The calendar day typed; with `future` a day already over (today included: a
        renewed contract ends later than today) is refused, with the next year offered."""
        found = self.read(user, text, day=True, past_ok=not future).day
        if future and found <= self.today(user):
            moment = datetime.combine(found, datetime.min.time(), ZoneInfo(user.timezone))
            raise DateProblem("past_day", (text or "").strip(), (_year_later(moment),))
        return found

    def leading_moment(self, user: User, text: str) -> tuple[datetime | None, str]:
        """A date/time at the very start of `text` ("yesterday 15:00 talked pricing") and
        the rest; (None, text) when the text does not start with one. A moment still to
        come is refused: what is logged has happened."""
        reading = self.reading(user, (text or "")[:1000])
        spoken = reading.date_text
        if not spoken or reading.rrule or not text.strip().casefold().startswith(spoken.casefold()):
            return None, text
        if reading.due is None:
            raise InvalidInput("log.bad_moment", value=spoken[:40])
        moment = self._last(user, spoken, reading.due)
        if moment.timestamp() > self._clock.timestamp():
            raise InvalidInput("log.future")
        return moment, text.strip()[len(spoken) :].strip(" ,:;-")

    def _last(self, user: User, spoken: str, due: datetime) -> datetime:
        """A bare weekday or time means the last one when logging ("Monday meeting went
        well", "at 9 we talked"); the follow-up parser reads them as the next one. A typed
        calendar date, "tomorrow" or "in 3 days" stays as read (and is refused if ahead)."""
        now = self._clock.now()
        if due <= now:
            return due
        said = Text(spoken)
        if (
            dates.find_date(said, user.language)
            or dates.find_day_word(said, user.language)
            or relative.find_relative(said, user.language)
        ):
            return due
        for days in (1, 7):
            earlier = due - timedelta(days=days)
            if earlier <= now:
                return earlier
        return due

    def split(self, user: User, text: str) -> tuple[str, str, str]:
        """(before, date span, after) of the first date expression in `text`, found before
        anything else is read from it ("Globex ends 31 april 2027 notice 30"): the date is
        what tells the name from the rest. ("", "", text) when there is no date."""
        typed = (text or "").strip()
        found = self.reading(user, typed)
        span = found.date_text
        if not span or span not in typed:
            return "", "", typed
        start = typed.index(span)
        return typed[:start].strip(), span, typed[start + len(span) :].strip()


def _only_a_date(found: Interpretation) -> bool:
    """Nothing but the date and at most one connector word ("until friday", "с понедельника")."""
    return (
        found.client_text is None
        and found.client is None
        and not found.candidates
        and found.kind == "custom"
        and len(found.task.split()) <= 1
    )


def _today_at(moment: datetime, today: date) -> datetime:
    return moment.replace(year=today.year, month=today.month, day=today.day)


def _year_later(moment: datetime) -> datetime:
    """The same day a year on (29 February: the 28th)."""
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:
        return moment.replace(year=moment.year + 1, day=28)


def _problem(problem: Problem, typed: str, lang: str) -> DateProblem:
    alternatives = problem.alternatives
    if problem.code == "impossible_date" and alternatives:
        last = alternatives[0]  # the last day of the month typed
        numbers = [int(n) for n in _NUMBER.findall(typed) if last.day < int(n) <= 31]
        if numbers:
            named = fmt.day_month(numbers[0], last.month, lang)
            return DateProblem("impossible_day", typed, alternatives, date=named)
    return DateProblem(problem.code, typed, alternatives)
