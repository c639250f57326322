"""Access control end to end: the gate, invites, /start CODE, escaping of user names."""

import logging
import re

from sandbox.models import FakeUser
from tests.conftest import ADMIN

STRANGER = FakeUser(6666, "Eve", username="eve", language_code="en")
MANAGER = FakeUser(2002, "Bob", "Manager", username="bob", language_code="nl")
REFUSAL = "Sorry, this is a private bot. Ask your team admin for an invite link."


async def create_invite(bot, role: str = "manager") -> str:
    message = await bot.say(ADMIN, f"/invite {role}")
    match = re.search(r"/start ([A-Za-z0-9_-]{20,})", message.text)
    assert match, message.text
    return match.group(1)


class TestGate:
    async def test_stranger_gets_one_generic_refusal(self, bot, caplog):
        bot.emu.add_user(STRANGER)
        caplog.set_level(logging.INFO)
        reply = await bot.say(STRANGER, "/help")
        assert reply.text == REFUSAL
        refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
        assert refused and all("6666" in line for line in refused)
        assert not any("Eve" in line or "eve" in line for line in refused)

    async def test_stranger_plain_text_is_refused_and_not_processed(self, bot):
        bot.emu.add_user(STRANGER)
        reply = await bot.say(STRANGER, "call Acme tomorrow")
        assert reply.text == REFUSAL
        assert await bot.services.access.user(STRANGER.id) is None

    async def test_stranger_in_russian_is_refused_in_russian(self, bot):
        russian = FakeUser(6667, "Иван", language_code="ru")
        bot.emu.add_user(russian)
        reply = await bot.say(russian, "/start")
        assert reply.text.startswith("Извините, это закрытый бот.")

    async def test_bootstrap_admin_is_served(self, bot):
        reply = await bot.say(ADMIN, "/help")
        assert "/invite" in reply.text


class TestInvites:
    async def test_manager_joins_with_code_and_second_use_is_refused(self, bot):
        code = await create_invite(bot, "manager")
        bot.emu.add_user(MANAGER)
        welcome = await bot.say(MANAGER, f"/start {code}")
        assert "Welkom, Bob Manager!" in welcome.text  # Telegram said nl: we speak Dutch
        assert "accountmanager" in welcome.text
        joined = await bot.services.access.user(MANAGER.id)
        assert joined is not None and joined.role == "manager" and joined.language == "nl"

        second = FakeUser(2003, "Mallory", language_code="en")
        bot.emu.add_user(second)
        assert (await bot.say(second, f"/start {code}")).text == REFUSAL
        assert await bot.services.access.user(second.id) is None

    async def test_expired_code_is_refused_like_an_unknown_one(self, bot):
        code = await create_invite(bot, "viewer")
        bot.clock.advance(24 * 3600 + 1)
        bot.emu.add_user(MANAGER)
        expired = await bot.say(MANAGER, f"/start {code}")
        unknown = await bot.say(MANAGER, "/start AAAAAAAAAAAAAAAAAAAAAA")
        assert expired.text == unknown.text
        assert await bot.services.access.user(MANAGER.id) is None

    async def test_only_the_hash_of_the_code_is_stored(self, bot):
        code = await create_invite(bot)
        rows = await bot.services.db.fetch_all("SELECT * FROM invites")
        assert len(rows) == 1
        assert code not in " ".join(str(value) for value in rows[0])

    async def test_manager_cannot_invite(self, bot):
        await bot.add_user(MANAGER, "manager")
        reply = await bot.say(MANAGER, "/invite admin")
        assert reply.text == "You are not allowed to do that."

    async def test_invite_without_a_valid_role_shows_usage(self, bot):
        reply = await bot.say(ADMIN, "/invite overlord")
        assert reply.text.startswith("Usage: /invite manager")

    async def test_invite_link_is_a_deep_link_to_the_bot(self, bot):
        message = await bot.say(ADMIN, "/invite manager")
        assert re.search(r"https://t\.me/amb_test_bot\?start=[A-Za-z0-9_-]{22}", message.text)


class TestEscaping:
    async def test_html_and_emoji_in_a_name_are_echoed_escaped(self, bot):
        code = await create_invite(bot)
        tricky = FakeUser(2004, "<b>Bob</b> 😀", last_name="& <i>Co", language_code="en")
        bot.emu.add_user(tricky)
        welcome = await bot.say(tricky, f"/start {code}")
        assert "Welcome, <b>Bob</b> 😀 &amp; <i>Co!" not in welcome.text
        assert welcome.text.startswith("Welcome, <b>Bob</b> 😀 & <i>Co!")
        assert "&lt;b&gt;Bob&lt;/b&gt; 😀 &amp; &lt;i&gt;Co" in welcome.source
        assert not any(e["type"] in ("bold", "italic") for e in welcome.entities)
