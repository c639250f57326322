"""A row found in `sending` again and again (crashes mid-send) is given up after
Dispatcher.MAX_ATTEMPTS: it becomes `failed` and its owner is told once (issue 12.3).

A storage-level scenario: the crashes are simulated by seeding the row as a crash leaves it.
"""

from __future__ import annotations

from bot.reminders.dispatcher import Dispatcher
from sandbox.models import FakeUser
from storage import reminders
from tests.conftest import ADMIN

ANNA = FakeUser(3601, "Anna", username="anna", language_code="en")


async def left_in_sending(bot, attempts: int) -> int:
    db, now = bot.services.db, bot.clock.timestamp()
    async with db.transaction() as tx:
        rid = await reminders.insert(
            tx,
            owner_id=ANNA.id,
            chat_id=ANNA.id,
            kind="custom",
            text="Call Acme",
            due_at=now,
            now=now,
        )
        await tx.execute(
            "UPDATE reminders SET status = 'sending', attempts = ?, claimed_at = ? WHERE id = ?",
            (attempts, now - 3600, rid),
        )
    return rid


class TestAttemptLimit:
    async def test_the_last_allowed_attempt_fails_the_row_and_tells_the_owner_once(self, bot):
        await bot.add_user(ANNA)
        await bot.say(ADMIN, "/help")
        rid = await left_in_sending(bot, Dispatcher.MAX_ATTEMPTS)
        mark = bot.emu.mark()
        for _ in range(3):
            await bot.runtime.dispatcher.run_pass()
        row = await reminders.get(bot.services.db, rid)
        assert row is not None and row.status == "failed"
        told = bot.emu.messages(ANNA.id, since=mark)
        assert len(told) == 1 and f"after {Dispatcher.MAX_ATTEMPTS} attempts" in told[0].text
        assert "Call Acme" in told[0].text

    async def test_below_the_limit_it_is_resent_with_the_restart_marker(self, bot):
        await bot.add_user(ANNA)
        rid = await left_in_sending(bot, Dispatcher.MAX_ATTEMPTS - 1)
        mark = bot.emu.mark()
        await bot.runtime.dispatcher.run_pass()
        msg = await bot.emu.wait_for_message(ANNA.id, "Call Acme", since=mark)
        assert "(repeat after restart" in msg.text
        row = await reminders.get(bot.services.db, rid)
        assert row is not None and row.status == "sent"
