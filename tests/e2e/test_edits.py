"""An edited message never runs its command again (issue 12: an edited /invoice left two
invoices, an edited /newclient two clients)."""

from __future__ import annotations

import re

import pytest

from bot.i18n import translate
from sandbox.models import FakeUser
from tests.conftest import ADMIN

RU = FakeUser(2401, "Ира", language_code="ru")


async def count(bot, table: str) -> int:
    row = await bot.services.db.fetch_one(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
    return row[0]


async def edit(bot, user, message_id: int, text: str):
    """The user edits their message; returns the bot's replies to the edit. Updates are
    handled in order, so everything the edit caused is in before the answer to a /help
    sent right after it."""
    mark = bot.emu.mark()
    bot.emu.edit_text(user.id, message_id, text)
    bot.emu.send_text(user, "/help")
    title = re.sub("<[^>]+>", "", translate(bot_language(user), "help.title"))
    after = await bot.emu.wait_for_message(user.id, title, since=mark)
    return [m for m in bot.emu.messages(user.id, since=mark) if m.message_id < after.message_id]


def bot_language(user) -> str:
    return "ru" if user is RU else "en"


def sent_id(bot, user) -> int:
    return max(bot.emu.state.user_messages[user.id])


class TestEditedCommands:
    async def test_an_edited_invoice_is_not_added_twice(self, bot):
        await bot.say(ADMIN, "/newclient Beta Ltd")
        await bot.say(ADMIN, "/invoice Beta Ltd 100 EUR due 2026-12-15")
        command = sent_id(bot, ADMIN)
        replies = await edit(bot, ADMIN, command, "/invoice Beta Ltd 150 EUR due 2026-12-15")
        assert [m.text for m in replies] == [translate("en", "edit.not_applied")]
        assert await count(bot, "invoices") == 1
        row = await bot.services.db.fetch_one("SELECT amount_minor FROM invoices")
        assert row[0] == 10000

    async def test_an_edited_newclient_creates_no_second_client_and_is_told_once(self, bot):
        await bot.add_user(RU, language="ru")
        await bot.say(RU, "/newclient Ромашка")
        command = sent_id(bot, RU)
        first = await edit(bot, RU, command, "/newclient Ромашка ООО")
        second = await edit(bot, RU, command, "/newclient Ромашка АО")
        assert [m.text for m in first] == [translate("ru", "edit.not_applied")]
        assert second == []  # told once per message
        assert await count(bot, "clients") == 1

    @pytest.mark.parametrize("text", ["call Beta tomorrow at 10", "/help", "hello"])
    async def test_no_edit_runs_anything(self, bot, text):
        await bot.say(ADMIN, "/settings")
        command = sent_id(bot, ADMIN)
        replies = await edit(bot, ADMIN, command, text)
        assert [m.text for m in replies] == [translate("en", "edit.not_applied")]
        assert await count(bot, "reminders") == 0
