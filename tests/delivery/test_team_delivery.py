"""The one delivery path under Telegram faults (issue 12.3): flood control on a reply, a team
group that kicked the bot, a handoff to a group that has just become a supergroup.

State comes from user actions only: commands, typed text, buttons and the clock.
"""

from __future__ import annotations

from datetime import timedelta

from sandbox.models import FakeUser
from tests.conftest import ADMIN
from tests.followups.conftest import button

ANNA = FakeUser(3201, "Anna", username="anna", language_code="en")
KICKED = "Forbidden: bot was kicked from the supergroup chat"


async def advance(bot, **delta) -> None:
    bot.clock.advance(timedelta(**delta))
    await bot.runtime.time_moved()


async def team_with_anna_away(bot, *, post: bool = True):
    """A registered group, Anna (no deputy: the group covers) away from today, one reminder."""
    await bot.say(ADMIN, "/help")
    await bot.add_user(ANNA)
    group = bot.emu.add_group("Sales team")
    for member in (ADMIN, ANNA):
        bot.emu.set_member_status(group.id, member, "member")
    await bot.say(ADMIN, "/register_team", chat=group.id)
    assert "added" in (await bot.say(ANNA, "/newclient Acme")).text
    card = await bot.say(ANNA, "/remind call Acme tomorrow 10:00")
    await bot.press_and_edit(ANNA, button(card, "fu:s:"), message_id=card.message_id)
    assert "Covering: the team group" in (await bot.say(ANNA, "/away 2026-11-24 2026-11-27")).text
    if post:
        await advance(bot, seconds=0)
    return group


class TestReplies:
    async def test_help_waits_out_five_flood_answers_and_replies(self, bot):
        """Seen: /help while sendMessage answered 429 (retry_after 1) five times ended in
        "Sorry, that failed on my side"."""
        bot.emu.set_fault(ADMIN.id, "flood", times=5, retry_after=1)
        reply = await bot.say(ADMIN, "/help", timeout=20)
        assert reply.text.startswith("What I can do")


class TestKickedGroup:
    async def test_a_kicked_group_is_tried_once_and_each_admin_told_once(self, bot):
        """Seen: a kicked supergroup got 53 sends and the admins 106 messages."""
        group = await team_with_anna_away(bot)
        bot.emu.set_fault(group.id, "forbidden", description=KICKED)
        mark = bot.emu.mark()
        for _ in range(8):
            await advance(bot, hours=3)
        to_group = [
            c
            for c in bot.emu.calls
            if c.seq > mark
            and c.method == "sendMessage"
            and str(c.params.get("chat_id")) == str(group.id)
        ]
        assert len(to_group) == 1
        notices = bot.emu.messages(ADMIN.id, since=mark)
        assert len(notices) == 1 and "Sales team" in notices[0].text
        assert not await bot.services.team.is_served(group.id)
        arrived = [m for m in bot.emu.messages(ANNA.id, since=mark) if "call" in m.text.lower()]
        assert len(arrived) == 1  # nobody else covers: the owner gets it, once
        rows = await bot.services.db.fetch_all("SELECT status, attempts FROM reminders")
        assert [(r["status"], r["attempts"]) for r in rows] == [("sent", 2)]


class TestMigratedGroup:
    async def test_a_handoff_to_a_group_that_just_migrated_is_posted_to_the_supergroup(self, bot):
        """Seen: the absence job crashed on ChatMigrated until a reminder taught the new id."""
        group = await team_with_anna_away(bot, post=False)
        await bot.runtime.app.updater.stop()  # the migration news has not been read yet
        new_id = -1002999000222
        bot.emu.migrate_chat(group.id, new_id, by=ADMIN)
        mark = bot.emu.mark()
        await advance(bot, seconds=0)
        header = await bot.emu.wait_for_message(new_id, "Anna is away", since=mark)
        assert header.text.startswith("🏖 Anna is away")
        assert await bot.services.team.is_served(new_id)


class TestKickedGroupHandoff:
    async def test_a_handoff_to_a_kicked_group_goes_to_the_deputy_and_admins_hear_once(self, bot):
        boris = FakeUser(3202, "Boris", username="boris", language_code="en")
        await bot.add_user(boris)
        group = await team_with_anna_away(bot, post=False)
        await bot.say(ADMIN, "/deputy @anna @boris")
        bot.emu.set_fault(group.id, "forbidden", description=KICKED)
        mark = bot.emu.mark()
        for _ in range(3):
            await advance(bot, minutes=1)
        private = bot.emu.messages(boris.id, since=mark)
        assert private[0].text.startswith("🏖 Anna is away")
        assert sum("Anna is away" in m.text for m in private) == 1
        notices = bot.emu.messages(ADMIN.id, since=mark)
        assert len(notices) == 1 and "Sales team" in notices[0].text
