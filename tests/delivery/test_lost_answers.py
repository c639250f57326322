"""A change that was saved while its answer could not be delivered (issue 12.5): the bot
must not say "Nothing was changed", and if even that cannot be said, the next message the
user gets says what was saved."""

from __future__ import annotations

from bot.sandbox.models import FakeUser

ANNA = FakeUser(3301, "Anna", username="anna", language_code="en")
SAVED = "Your change is saved; only my answer did not get through."


async def client_names(bot) -> list[str]:
    rows = await bot.services.db.fetch_all("SELECT name FROM clients ORDER BY id")
    return [row["name"] for row in rows]


class TestLostAnswer:
    async def test_a_timed_out_answer_after_newclient_says_the_client_is_saved(self, bot):
        await bot.add_user(ANNA)
        bot.emu.set_fault(ANNA.id, "timeout", times=1, hold_seconds=8)
        reply = await bot.say(ANNA, "/newclient Beta Ltd", timeout=20)
        assert reply.text.startswith(SAVED)
        assert "Nothing was changed" not in reply.text
        assert await client_names(bot) == ["Beta Ltd"]

    async def test_when_even_that_fails_the_next_message_says_it(self, bot):
        await bot.add_user(ANNA)
        bot.emu.set_fault(ANNA.id, "timeout", times=2, hold_seconds=8)
        mark = bot.emu.mark()
        bot.emu.send_text(ANNA, "/newclient Gamma BV")
        await bot.emu.wait_for_call("sendMessage", since=mark, timeout=20)
        reply = await bot.say(ANNA, "/help", timeout=25)
        assert reply.text.startswith("(Earlier: “/newclient Gamma BV” was saved")
        assert await client_names(bot) == ["Gamma BV"]

    async def test_a_timed_out_answer_after_invoice_says_it_is_saved_and_nothing_doubles(self, bot):
        await bot.add_user(ANNA)
        await bot.say(ANNA, "/newclient Beta Ltd")
        bot.emu.set_fault(ANNA.id, "timeout", times=1, hold_seconds=8)
        reply = await bot.say(ANNA, "/invoice Beta Ltd 100 EUR due 2026-12-15", timeout=20)
        assert reply.text.startswith(SAVED)
        rows = await bot.services.db.fetch_all("SELECT amount_minor FROM invoices")
        assert [row["amount_minor"] for row in rows] == [10000]
