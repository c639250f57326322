"""A forwarded message: logged as an interaction (kind message) with its client, and a
follow-up proposed from the date in it, with the same confirmation buttons."""

from __future__ import annotations

from sandbox.models import FakeUser
from tests.followups.conftest import EN, NL, VIEWER, button, local

PETER = FakeUser(4201, "Peter", last_name="Acme", username="peter")


async def forward(bot, user, text, **origin):
    mark = bot.emu.mark()
    bot.emu.forward_text(user, text, **origin)
    return await bot.emu.wait_for_message(user.id, since=mark)


class TestForwards:
    async def test_logged_with_the_client_named_in_the_text_and_a_call_proposed(self, bot, flow):
        erin = await flow.user(EN)
        acme = await flow.client(erin, "Acme GmbH")
        offer = await forward(
            bot, EN, "Thanks from Acme, let's talk again next Thursday", origin_name="Paul"
        )
        assert offer.text == "Forwarded from Paul. Log it as a message with a client?"
        assert [b["text"] for row in offer.reply_markup["inline_keyboard"] for b in row] == [
            "📝 Log with Acme GmbH",
            "Don't log",
        ]
        mark = bot.emu.mark()
        logged = await bot.press_and_edit(EN, button(offer, "fu:fl:"), message_id=offer.message_id)
        (interaction,) = await flow.interactions()
        assert logged.text == f"📝 Logged as a message with Acme GmbH (#{interaction['id']})."
        assert (interaction["client_id"], interaction["kind"], interaction["user_id"]) == (
            acme,
            "message",
            erin.id,
        )
        assert interaction["summary"] == "Thanks from Acme, let's talk again next Thursday"
        card = await bot.emu.wait_for_message(
            EN.id, lambda m: m.message_id != offer.message_id, since=mark
        )
        assert card.text.startswith("📞 Call · Acme GmbH · Thu 3 Dec 09:00 (Amsterdam)")
        _, row = await flow.save(EN, card)
        assert (row["kind"], row["client_id"]) == ("call", acme)
        assert local(row["due_at"], "Europe/Amsterdam").isoformat() == "2026-12-03T09:00:00+01:00"

    async def test_the_senders_name_finds_the_client(self, bot, flow):
        nina = await flow.user(NL)
        jansen = await flow.client(nina, "Jansen BV")
        bot.emu.add_user(FakeUser(4202, "Jansen", last_name="BV"))
        offer = await forward(bot, NL, "Prima, tot dan!", origin_user=4202)
        assert offer.text.startswith("Doorgestuurd van Jansen BV.")
        assert button(offer, "fu:fl:").endswith(f":{jansen}")

    async def test_no_match_asks_for_the_name_and_skipping_logs_nothing(self, bot, flow):
        erin = await flow.user(EN)
        globex = await flow.client(erin, "Globex Corp")
        offer = await forward(bot, EN, "see you", origin_name="Someone Else")
        assert offer.text.startswith("Forwarded from Someone Else. Which client is it?")
        choices = await bot.say(EN, "globex")
        assert button(choices, "fu:fl:").endswith(f":{globex}")
        skipped = await bot.press_and_edit(
            EN, button(choices, "fu:fs:"), message_id=choices.message_id
        )
        assert skipped.text == "Not logged."
        assert await flow.interactions() == []
        assert await flow.reminders() == []

    async def test_a_viewer_cannot_log_forwards(self, bot, flow):
        await flow.user(VIEWER, "viewer")
        refusal = await forward(bot, VIEWER, "hello", origin_name="Paul")
        assert refusal.text == "Viewers cannot create reminders; ask an admin or a manager."
