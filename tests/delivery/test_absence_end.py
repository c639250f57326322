"""Ending absences (issue 11 item 6, taken up by issue 12): /back on a planned absence, and
what colleagues took with "Take it" going back to the owner.

State comes from user actions only: commands, typed text, buttons and the clock.
Clock starts Tue 24 Nov 2026 09:00 UTC.
"""

from __future__ import annotations

from datetime import timedelta

from sandbox.models import FakeUser
from tests.conftest import ADMIN
from tests.followups.conftest import button

ANNA = FakeUser(3401, "Anna", username="anna", language_code="en")
BORIS = FakeUser(3402, "Boris", username="boris", language_code="en")


async def advance(bot, **delta) -> None:
    bot.clock.advance(timedelta(**delta))
    await bot.runtime.time_moved()


async def team(bot):
    await bot.say(ADMIN, "/help")
    await bot.add_user(ANNA)
    await bot.add_user(BORIS)
    group = bot.emu.add_group("Sales team")
    for member in (ADMIN, ANNA, BORIS):
        bot.emu.set_member_status(group.id, member, "member")
    await bot.say(ADMIN, "/register_team", chat=group.id)
    return group


class TestPlannedAbsence:
    async def test_back_before_a_planned_absence_does_not_crash_and_offers_to_cancel_it(self, bot):
        """Seen: /back on a planned future absence crashed (CHECK end_on >= start_on)."""
        await team(bot)
        await bot.say(ANNA, "/away 2026-12-10 2026-12-14")
        reply = await bot.say(ANNA, "/back")
        assert "failed on my side" not in reply.text
        assert "Thu, 10 Dec 2026" in reply.text
        cancel = button(reply, "team:unaway:")
        answer = await bot.press_and_edit(ANNA, cancel, message_id=reply.message_id)
        assert "cancelled" in answer.text
        again = await bot.say(ANNA, "/back")
        assert again.text == "You have no current or planned absence."
        # planned again after the cancel: the dates are free
        assert "Covering" in (await bot.say(ANNA, "/away 2026-12-10 2026-12-14")).text

    async def test_someone_else_cannot_cancel_anna_s_planned_absence(self, bot):
        await team(bot)
        await bot.say(ANNA, "/away 2026-12-10 2026-12-14")
        reply = await bot.say(ANNA, "/back")
        cancel = button(reply, "team:unaway:")
        await bot.press(BORIS, cancel, message_id=reply.message_id, chat=ANNA.id)
        assert "Thu, 10 Dec 2026" in (await bot.say(ANNA, "/back")).text


class TestTakenItemsReturn:
    async def test_after_back_a_taken_reminder_goes_to_the_owner_without_an_away_header(self, bot):
        """Seen: after /back, Boris still got Anna's taken reminder "for Anna, who is away"."""
        group = await team(bot)
        assert "added" in (await bot.say(ANNA, "/newclient Acme")).text
        card = await bot.say(ANNA, "/remind call Acme friday 10:00")
        await bot.press_and_edit(ANNA, button(card, "fu:s:"), message_id=card.message_id)
        mark = bot.emu.mark()
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30")
        await advance(bot, seconds=0)
        post = await bot.emu.wait_for_message(group.id, "Acme", since=mark)
        await bot.press(
            BORIS, button(post, "team:take:"), message_id=post.message_id, chat=group.id
        )
        await advance(bot, days=1)
        assert (await bot.say(ANNA, "/back")).text.startswith("Welcome back!")
        mark = bot.emu.mark()
        await advance(bot, days=3)
        to_anna = [m for m in bot.emu.messages(ANNA.id, since=mark) if "call" in m.text.lower()]
        to_boris = [m for m in bot.emu.messages(BORIS.id, since=mark) if "Acme" in m.text]
        assert len(to_anna) == 1 and to_boris == []
        assert "away" not in to_anna[0].text
