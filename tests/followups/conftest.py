"""Fixtures for follow-up flow tests: managers in four languages, clients, a card helper."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sandbox.models import FakeUser
from storage import users

EN = FakeUser(4101, "Erin", username="erin", language_code="en")
RU = FakeUser(4102, "Rita", username="rita", language_code="ru")
NL = FakeUser(4103, "Nina", username="nina", language_code="nl")
HU = FakeUser(4104, "Hajni", username="hajni", language_code="hu")
VIEWER = FakeUser(4105, "Vic", username="vic", language_code="en")
ZONES = {"en": "Europe/Amsterdam", "ru": "Europe/Moscow", "nl": "Europe/Amsterdam",
         "hu": "Europe/Budapest"}  # fmt: skip


class Flow:
    """Register people and clients; read the bot's cards and the stored rows."""

    def __init__(self, bot) -> None:
        self.bot = bot

    async def user(self, fake: FakeUser, role: str = "manager"):
        lang = fake.language_code or "en"
        await self.bot.add_user(fake, role, language=lang, timezone=ZONES[lang])
        return await users.get(self.bot.services.db, fake.id)

    async def client(self, owner, name: str) -> int:
        return (await self.bot.services.clients.create(owner, name)).id

    async def reminders(self) -> list:
        return await self.bot.services.db.fetch_all(
            "SELECT id, owner_id, kind, text, due_at, client_id, rrule, status FROM reminders"
            " ORDER BY id"
        )

    async def interactions(self) -> list:
        return await self.bot.services.db.fetch_all(
            "SELECT id, client_id, user_id, kind, summary FROM interactions ORDER BY id"
        )

    async def save(self, fake: FakeUser, card):
        """Press Save under `card`; returns (the edited card, the one stored reminder)."""
        edited = await self.bot.press_and_edit(
            fake, button(card, "fu:s:"), message_id=card.message_id
        )
        (row,) = await self.reminders()
        return edited, row

    async def press_for_message(self, fake: FakeUser, data: str, message_id: int):
        """Press a button that answers with a new message; returns that message."""
        mark = self.bot.emu.mark()
        self.bot.emu.press_button(fake, message_id, data)
        return await self.bot.emu.wait_for_message(fake.id, since=mark)

    async def advance(self, **delta) -> None:
        self.bot.clock.advance(timedelta(**delta))
        await self.bot.runtime.time_moved()


def button(message, prefix: str) -> str:
    """The callback data of the first button starting with `prefix`."""
    found = [data for data in message.callback_data if data.startswith(prefix)]
    assert found, f"no {prefix!r} button in {message.callback_data}"
    return found[0]


def local(epoch: int, tz: str) -> datetime:
    return datetime.fromtimestamp(epoch, ZoneInfo(tz))


@pytest.fixture
def flow(bot) -> Flow:
    return Flow(bot)
