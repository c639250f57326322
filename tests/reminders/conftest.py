"""Fixtures for reminder tests: a manager with a private chat, helpers to create and deliver."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from sandbox.models import FakeUser
from storage import reminders, users
from storage.reminders import Reminder
from tests.reminders.factories import add_client

ANNA = FakeUser(3001, "Anna", username="anna", language_code="en")
BORIS = FakeUser(3002, "Boris", username="boris", language_code="ru")


@pytest.fixture
async def anna(bot):
    await bot.add_user(ANNA, "manager")
    return await users.get(bot.services.db, ANNA.id)


class Reminders:
    """Create reminders for a user and move time to deliver them."""

    def __init__(self, bot) -> None:
        self.bot = bot

    async def create(
        self,
        user,
        *,
        in_minutes: float = 60,
        text: str = "Call about renewal",
        client: str | None = None,
        **kwargs,
    ) -> Reminder:
        client_id = None
        if client is not None:
            client_id = await add_client(
                self.bot.services.db, user.id, client, self.bot.clock.timestamp()
            )
        due_at = self.bot.clock.timestamp() + int(in_minutes * 60)
        return await self.bot.services.reminders.create(
            user, text=text, due_at=due_at, client_id=client_id, **kwargs
        )

    async def advance(self, **delta) -> None:
        self.bot.clock.advance(timedelta(**delta))
        await self.bot.runtime.time_moved()

    async def settled(self, reminder_id: int, status: str = "sent") -> Reminder:
        """The row once the dispatcher marked it (the message may arrive a moment before).

        Bounded polling: the mark is a DB write the emulator cannot signal.
        """
        for _ in range(250):
            found = await self.get(reminder_id)
            if found.status == status:
                return found
            await asyncio.sleep(0.01)
        raise AssertionError(f"reminder {reminder_id} is {found.status}, not {status}")

    async def get(self, reminder_id: int) -> Reminder:
        found = await reminders.get(self.bot.services.db, reminder_id)
        assert found is not None
        return found


@pytest.fixture
def rem(bot) -> Reminders:
    return Reminders(bot)
