"""Dates offered as buttons, kept per user in the database (storage/date_choices.py).

When a typed date cannot be used as it is ("31 April", a past day), the user is shown the
nearest dates as buttons; pressing one runs what they were doing again with that date. What to
run is a row rather than process memory, so a restart or another worker behind a load balancer
still knows it (DESIGN 4b, 9)."""

from __future__ import annotations

from bot.clock import Clock
from storage import date_choices
from storage.date_choices import DateChoice
from storage.db import Database


class DateChoiceStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def offer(self, user_id: int, choice: DateChoice) -> int:
        """Keep the offer (bookkeeping, not a user's change); its id for the buttons."""
        async with self._db.transaction(counted=False) as tx:
            return await date_choices.insert(tx, user_id, choice, self._clock.timestamp())

    async def take(self, user_id: int, choice_id: int) -> DateChoice | None:
        """The offer behind a pressed date, once; None when taken, dropped or not theirs."""
        async with self._db.transaction(counted=False) as tx:
            return await date_choices.take(tx, user_id, choice_id)
