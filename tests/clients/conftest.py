"""Helpers for the clients feature's end-to-end tests."""

from __future__ import annotations

import pytest

from sandbox.models import FakeUser
from tests.conftest import ADMIN

MANAGER = FakeUser(2101, "Max", "Manager", username="max", language_code="en")
RU_MANAGER = FakeUser(2102, "Ира", language_code="ru")
VIEWER = FakeUser(2103, "Vera", language_code="nl")
OTHER = FakeUser(2104, "Olga", language_code="hu")


@pytest.fixture
async def team(bot):
    """An admin (ADMIN), managers in en, ru and hu, a Dutch viewer.

    The private-chat flood bucket (1 message/s) is off: these tests click through forms
    faster than a thumb can, which is not what they test (emulator.reset() restores it).
    """
    bot.emu.flood = None
    await bot.add_user(MANAGER, "manager")
    await bot.add_user(RU_MANAGER, "manager", language="ru")
    await bot.add_user(VIEWER, "viewer", language="nl")
    await bot.add_user(OTHER, "manager", language="hu")
    return bot


async def make_client(bot, owner, name: str, **fields) -> int:
    """A client created through the service (tests of other commands start from one)."""
    user = await bot.services.access.user(owner.id)
    client = await bot.services.clients.create(user, name, **fields)
    return client.id


async def say_all(bot, user, text: str, *, count: int, timeout: float = 5.0):  # noqa: ASYNC109
    """The user writes; returns the bot's next `count` messages in that chat."""
    mark = bot.emu.mark()
    bot.emu.send_text(user, text)
    await bot.emu.wait_for_message(user.id, since=mark, timeout=timeout)

    def enough():
        found = bot.emu.messages(user.id, since=mark)
        return found if len(found) >= count else None

    found = await bot.emu.state.wait_until(enough, timeout)
    assert found, bot.emu.messages(user.id, since=mark)
    return found


__all__ = ["ADMIN", "MANAGER", "OTHER", "RU_MANAGER", "VIEWER", "make_client", "say_all"]


async def press_for_message(bot, user, data: str, *, message_id: int | None = None):
    """Press a button that makes the bot send a new message; returns that message."""
    mark = bot.emu.mark()
    bot.emu.press_button(user, message_id, data)
    return await bot.emu.wait_for_message(user.id, since=mark)


async def audit_rows(bot, action: str) -> list:
    return await bot.services.db.fetch_all(
        "SELECT user_id, action, entity_id, details FROM audit WHERE action = ? ORDER BY id",
        (action,),
    )
