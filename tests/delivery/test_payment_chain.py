"""One payment chain per invoice: snoozes and the 3-day repeat never fork it (issue 12.4).

Every step is a user action or the clock: /newclient, /invoice, the reminder's buttons.
Clock starts Tue 24 Nov 2026 09:00 UTC (10:00 in Amsterdam).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from sandbox.models import FakeUser
from storage import interactions, reminders
from storage.errors import Duplicate
from tests.reminders.factories import add_tiered_client, reminders_of

DAY = 86400

ANNA = FakeUser(3101, "Anna", username="anna", language_code="en")


async def advance(bot, **delta) -> None:
    bot.clock.advance(timedelta(**delta))
    await bot.runtime.time_moved()


async def waiting_payment_rows(db) -> list[dict]:
    return [r for r in await reminders_of(db, "payment") if r["status"] in ("pending", "sending")]


async def overdue_invoice(bot, name: str) -> None:
    await bot.add_user(ANNA)
    assert "added" in (await bot.say(ANNA, f"/newclient {name}")).text
    reply = await bot.say(ANNA, f"/invoice {name} 100 EUR due 2026-11-20")
    assert "100" in reply.text, reply.text


async def snoozed_first_reminder(bot, name: str) -> int:
    """The invoice's first payment reminder arrives and Anna presses Snooze 1 h on it."""
    await overdue_invoice(bot, name)
    mark = bot.emu.mark()
    await advance(bot, seconds=0)
    first = await bot.emu.wait_for_message(ANNA.id, name, since=mark)
    snooze = next(d for row in first.buttons for _, d in row if d.endswith(":h"))
    await bot.press_and_edit(ANNA, snooze, message_id=first.message_id)
    return int(snooze.split(":")[2])


class TestPaymentChain:
    async def test_snoozing_twice_and_two_days_leave_one_open_reminder(self, bot):
        """The seen bug: Snooze 1 h, then Tomorrow, two days -> 4 pending and a double."""
        rid = await snoozed_first_reminder(bot, "Acme")
        db = bot.services.db
        mark = bot.emu.mark()
        await advance(bot, hours=1, minutes=1)
        again = await bot.emu.wait_for_message(ANNA.id, "Acme", since=mark)
        await bot.press_and_edit(ANNA, f"rem:sn:{rid}:t", message_id=again.message_id)
        mark = bot.emu.mark()
        for _ in range(4):
            await advance(bot, hours=12)
        assert len(await waiting_payment_rows(db)) == 1
        arrived = [m for m in bot.emu.messages(ANNA.id, since=mark) if "Acme" in m.text]
        days = [m.date // 86400 for m in arrived]
        assert len(days) == len(set(days)), "two payment reminders arrived on the same day"

    async def test_paying_ends_the_chain(self, bot):
        await snoozed_first_reminder(bot, "Globex")
        db = bot.services.db
        listing = await bot.say(ANNA, "/overdue")
        paid = next(d for row in listing.buttons for _, d in row if "paid" in d)
        await bot.press(ANNA, paid, message_id=listing.message_id)
        mark = bot.emu.mark()
        await advance(bot, days=7)
        assert await waiting_payment_rows(db) == []
        assert [m for m in bot.emu.messages(ANNA.id, since=mark) if "Globex" in m.text] == []


class TestOneWaitingPerChain:
    async def test_the_database_refuses_a_second_waiting_payment_reminder(self, bot):
        """The partial unique index (migration 0009) backs the rule up under any race."""
        await overdue_invoice(bot, "Initech")
        await advance(bot, seconds=0)
        db, now = bot.services.db, bot.clock.timestamp()
        row = await reminders.get(db, (await reminders_of(db, "payment"))[0]["id"])
        assert row is not None
        with pytest.raises(Duplicate):
            async with db.transaction() as tx:
                for _ in range(2):
                    await reminders.insert(
                        tx,
                        owner_id=ANNA.id,
                        chat_id=ANNA.id,
                        kind="payment",
                        text="x",
                        due_at=now + 60,
                        now=now,
                        client_id=row.client_id,
                        invoice_id=row.invoice_id,
                    )

    async def test_a_waiting_cadence_nudge_is_not_joined_by_a_second_one(self, bot):
        """Snoozed far ahead, a "going cold" nudge still waits when the client goes cold
        again: no second nudge for the same client (the same rule as payments)."""
        await bot.add_user(ANNA)
        db, now = bot.services.db, bot.clock.timestamp()
        client = await add_tiered_client(
            db, ANNA.id, "Globex", now, key_account=True, last_contact_at=now - 20 * DAY
        )
        await bot.services.obligations.sync()
        (nudge,) = await reminders_of(db, "cadence")
        async with db.transaction() as tx:
            await reminders.reschedule(tx, nudge["id"], due_at=now + 40 * DAY, now=now)
        bot.clock.advance(timedelta(hours=1))
        now = bot.clock.timestamp()
        async with db.transaction() as tx:
            await interactions.insert(
                tx,
                client_id=client,
                user_id=ANNA.id,
                kind="call",
                happened_at=now,
                summary="caught up",
                now=now,
            )
        await advance(bot, days=15)
        await bot.services.obligations.sync()
        assert [r["status"] for r in await reminders_of(db, "cadence")] == ["pending"]
