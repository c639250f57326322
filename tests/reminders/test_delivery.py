"""A reminder arrives when the clock reaches it, with its buttons, and each button works."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sandbox.models import FakeUser
from storage import users
from tests.reminders.conftest import ANNA, BORIS
from tests.reminders.factories import interactions_of


class TestDeliveryAtDueTime:
    async def test_nothing_is_sent_before_due_and_the_message_arrives_at_due(self, bot, anna, rem):
        reminder = await rem.create(anna, in_minutes=60, text="Call <Acme> & co", client="Acme")
        mark = bot.emu.mark()
        await rem.advance(minutes=59)
        assert bot.emu.messages(ANNA.id, since=mark) == []
        assert (await rem.get(reminder.id)).status == "pending"

        await rem.advance(minutes=1)
        msg = await bot.emu.wait_for_message(ANNA.id, since=mark)
        assert msg.text.splitlines() == ["🔔 Acme", "Call <Acme> & co", "🕒 due Tue 24 Nov 11:00"]
        assert msg.callback_data == [
            f"rem:done:{reminder.id}",
            f"rem:sn:{reminder.id}:h",
            f"rem:sn:{reminder.id}:t",
            f"rem:sn:{reminder.id}:w",
            f"rem:sn:{reminder.id}:c",
            f"rem:log:{reminder.id}",
            f"cl:open:{reminder.client_id}",
        ]
        sent = await rem.settled(reminder.id)
        assert (sent.status, sent.message_id, sent.delivered_to) == (
            "sent",
            msg.message_id,
            ANNA.id,
        )

    async def test_without_a_client_there_is_no_log_call_nor_open_client(self, bot, anna, rem):
        reminder = await rem.create(anna, in_minutes=5, kind="call")
        mark = bot.emu.mark()
        await rem.advance(minutes=5)
        msg = await bot.emu.wait_for_message(ANNA.id, since=mark)
        assert msg.text.startswith("📞\nCall about renewal")
        assert not [d for d in msg.callback_data if d.startswith(("rem:log", "cl:"))]
        assert (await rem.settled(reminder.id)).status == "sent"

    async def test_the_message_is_in_the_owners_language_and_zone(self, bot, rem):
        await bot.add_user(BORIS, "manager", language="ru", timezone="Europe/Moscow")
        boris = await users.get(bot.services.db, BORIS.id)
        await rem.create(boris, in_minutes=30, text="Позвонить")
        mark = bot.emu.mark()
        await rem.advance(minutes=30)
        msg = await bot.emu.wait_for_message(BORIS.id, since=mark)
        assert "🕒 срок вт, 24 нояб. 12:30" in msg.text  # 09:30 UTC is 12:30 in Moscow
        assert msg.reply_markup["inline_keyboard"][0][0]["text"] == "✅ Готово"

    async def test_an_earlier_reminder_re_arms_the_wake_up(self, bot, anna, rem):
        """Created after a later one, it still comes first: the single job moved earlier."""
        await bot.runtime.time_moved()  # the start-up pass is over; now only poke() arms
        late = await rem.create(anna, in_minutes=120, text="later")
        early = await rem.create(anna, in_minutes=10, text="earlier")
        assert bot.runtime.dispatcher._armed_for == early.due_at
        await rem.advance(minutes=10)
        assert (await rem.get(early.id)).status == "sent"
        assert (await rem.get(late.id)).status == "pending"
        assert bot.runtime.dispatcher._armed_for == late.due_at


async def delivered(bot, rem, user, **create):
    """Create a reminder due in 5 minutes, move the clock, return (reminder, message)."""
    reminder = await rem.create(user, in_minutes=5, **create)
    mark = bot.emu.mark()
    await rem.advance(minutes=5)
    return reminder, await bot.emu.wait_for_message(user.id, since=mark)


class TestButtons:
    async def test_done_closes_it_and_edits_the_message(self, bot, anna, rem):
        reminder, msg = await delivered(bot, rem, anna, client="Acme")
        edited = await bot.press_and_edit(
            ANNA, f"rem:done:{reminder.id}", message_id=msg.message_id
        )
        assert edited.text.endswith("✅ Done by Anna at 10:05")
        assert edited.callback_data == []
        done = await rem.get(reminder.id)
        assert (done.status, done.done_by) == ("done", ANNA.id)

    async def test_snooze_one_hour_delivers_again_an_hour_later(self, bot, anna, rem):
        reminder, msg = await delivered(bot, rem, anna)
        edited = await bot.press_and_edit(
            ANNA, f"rem:sn:{reminder.id}:h", message_id=msg.message_id
        )
        assert edited.text.endswith("⏰ Snoozed by Anna until Tue 24 Nov 11:05")
        snoozed = await rem.get(reminder.id)
        assert (snoozed.status, snoozed.due_at) == ("pending", bot.clock.timestamp() + 3600)
        mark = bot.emu.mark()
        await rem.advance(minutes=59)
        assert bot.emu.messages(ANNA.id, since=mark) == []
        await rem.advance(minutes=1)
        again = await bot.emu.wait_for_message(ANNA.id, since=mark)
        assert "Call about renewal" in again.text

    async def test_snooze_tomorrow_uses_the_working_hour_in_the_users_zone(self, bot, anna, rem):
        reminder, msg = await delivered(bot, rem, anna)
        await bot.press_and_edit(ANNA, f"rem:sn:{reminder.id}:t", message_id=msg.message_id)
        due = datetime.fromtimestamp((await rem.get(reminder.id)).due_at, UTC)
        assert due == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)  # 09:00 in Amsterdam

    async def test_snooze_next_week_goes_to_monday_at_the_working_hour(self, bot, anna, rem):
        reminder, msg = await delivered(bot, rem, anna)
        edited = await bot.press_and_edit(
            ANNA, f"rem:sn:{reminder.id}:w", message_id=msg.message_id
        )
        assert "until Mon 30 Nov 09:00" in edited.text
        due = datetime.fromtimestamp((await rem.get(reminder.id)).due_at, UTC)
        assert due == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)

    async def test_other_time_asks_and_snoozes_to_the_typed_time(self, bot, anna, rem):
        reminder, msg = await delivered(bot, rem, anna)
        mark = bot.emu.mark()
        bot.emu.press_button(ANNA, msg.message_id, f"rem:sn:{reminder.id}:c")
        await bot.emu.wait_for_message(ANNA.id, "When should I remind you again?", since=mark)
        unclear = await bot.say(ANNA, "whenever")
        assert unclear.text.startswith("I found no date in “whenever”.")
        done = await bot.say(ANNA, "friday 11:00")
        assert done.text == f"⏰ #{reminder.id} moved to Fri 27 Nov 11:00: Call about renewal"
        edited = await bot.emu.wait_for_edit(ANNA.id, msg.message_id)
        assert edited.text.endswith("⏰ Snoozed by Anna until Fri 27 Nov 11:00")
        due = datetime.fromtimestamp((await rem.get(reminder.id)).due_at, UTC)
        assert due == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)

    async def test_log_call_records_the_call_and_asks_for_the_outcome(self, bot, anna, rem):
        reminder, msg = await delivered(bot, rem, anna, client="Acme", kind="call")
        mark = bot.emu.mark()
        bot.emu.press_button(ANNA, msg.message_id, f"rem:log:{reminder.id}")
        question = await bot.emu.wait_for_message(ANNA.id, "How did it go?", since=mark)
        assert "Call with Acme logged" in question.text
        edited = bot.emu.message(ANNA.id, msg.message_id)
        assert edited.text.endswith("📞 Call logged by Anna at 10:05")
        assert (await rem.get(reminder.id)).status == "done"
        answer = await bot.say(ANNA, "They renew for 2 years")
        assert answer.text == "Outcome saved."
        logged = await interactions_of(bot.services.db, reminder.client_id)
        assert logged == [
            {
                "kind": "call",
                "summary": "Call about renewal",
                "outcome": "They renew for 2 years",
                "user_id": ANNA.id,
            }
        ]

    async def test_open_client_button_carries_the_client_id(self, bot, anna, rem):
        reminder, msg = await delivered(bot, rem, anna, client="Acme")
        assert f"cl:open:{reminder.client_id}" in msg.callback_data

    async def test_someone_else_pressing_is_refused_and_nothing_changes(self, bot, anna, rem):
        reminder, msg = await delivered(bot, rem, anna)
        intruder = FakeUser(3099, "Ivan")
        await bot.add_user(intruder, "manager")
        query = bot.emu.press_button(
            intruder, msg.message_id, f"rem:done:{reminder.id}", chat=ANNA.id
        )
        answer = await bot.emu.wait_for_callback_answer(query)
        assert answer["text"] == "Only the person this reminder is for can do that."
        assert answer["show_alert"] is True
        assert (await rem.get(reminder.id)).status == "sent"

    async def test_a_second_press_on_a_closed_reminder_says_so(self, bot, anna, rem):
        reminder, msg = await delivered(bot, rem, anna)
        await bot.services.reminders.done(anna, reminder.id)
        query = bot.emu.press_button(ANNA, msg.message_id, f"rem:sn:{reminder.id}:h")
        answer = await bot.emu.wait_for_callback_answer(query)
        assert answer["text"] == "This reminder is already closed."
        assert (await rem.get(reminder.id)).status == "done"


class TestService:
    async def test_empty_text_is_refused(self, bot, anna, rem):
        from bot.errors import InvalidInput

        with pytest.raises(InvalidInput):
            await rem.create(anna, text="   ")

    async def test_an_unknown_rule_is_refused(self, bot, anna, rem):
        from bot.errors import InvalidInput

        with pytest.raises(InvalidInput):
            await rem.create(anna, rrule="FREQ=HOURLY")


async def test_the_job_queue_holds_two_jobs_whatever_the_number_of_reminders(bot, anna, rem):
    """A wake-up and a sweep, never one job per reminder, and none ever dropped as late.

    (The third job is the team's absence check, also one job whatever the count.)"""
    for n in range(200):
        await rem.create(anna, in_minutes=10 + n, text=f"r{n}")
    jobs = bot.runtime.app.job_queue.jobs()
    assert sorted(job.name for job in jobs) == ["absences", "reminders-sweep", "reminders-wake-up"]
    for job in jobs:
        assert job.job.misfire_grace_time is None
        assert job.job.coalesce is True
        assert job.job.max_instances == 1
