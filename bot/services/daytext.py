"""Dates and times typed inside other commands (a renewed contract's end, an invoice's due
date, when an interaction happened), read by the follow-up parser so they are understood
exactly as in a follow-up ("31 maart 2028", "вчера в 15:00", "15 dec")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.errors import InvalidInput
from bot.nlu import FollowUpParser, Interpretation, dates, relative
from bot.nlu.normalise import Text
from storage.users import User


class DayReader:
    def __init__(self, clock: Clock, parser: Callable[[], FollowUpParser]) -> None:
        self._clock = clock
        self._parser = parser

    def _read(self, user: User, text: str) -> Interpretation:
        return self._parser().parse(
            text,
            lang=user.language,
            tz=user.timezone,
            now=self._clock.now(),
            working_minute=user.working_minute,
            clients=(),
        )

    def today(self, user: User) -> date:
        return self._clock.now().astimezone(ZoneInfo(user.timezone)).date()

    def day(self, user: User, text: str, *, future: bool = True) -> date:
        """The calendar day typed; with `future` a day already over is refused."""
        typed = (text or "").strip()[:200]
        reading = self._read(user, typed)
        if "impossible_date" in reading.codes:
            raise InvalidInput("date.no_such_day", value=typed[:32])
        if reading.due is None:
            raise InvalidInput("renewals.bad_date", value=typed[:40])
        day = reading.due.date()
        if future and day <= self.today(user):
            raise InvalidInput("date.in_past", value=day.isoformat())
        return day

    def leading_moment(self, user: User, text: str) -> tuple[datetime | None, str]:
        """A date/time at the very start of `text` ("yesterday 15:00 talked pricing") and
        the rest; (None, text) when the text does not start with one. A moment still to
        come is refused: what is logged has happened."""
        reading = self._read(user, (text or "")[:1000])
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
