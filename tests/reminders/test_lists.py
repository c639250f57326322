"""/agenda and /week list open reminders with short ids; /done, /snooze and /cancel act on
them by number; plain /cancel keeps its meaning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.reminders.when import parse_when
from sandbox.models import FakeUser
from tests.reminders.conftest import ANNA

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # Tue 10:00 in Amsterdam


class TestLists:
    async def test_agenda_shows_today_and_tomorrow_with_overdue_flagged(self, bot, anna, rem):
        overdue = await rem.create(anna, in_minutes=-30, text="overdue call", client="Acme")
        today = await rem.create(anna, in_minutes=120, text="today task")
        tomorrow = await rem.create(anna, in_minutes=60 * 24, text="tomorrow task")
        await rem.create(anna, in_minutes=60 * 24 * 3, text="friday task")
        await bot.runtime.time_moved()  # the overdue one is delivered first, and stays open
        reply = await bot.say(ANNA, "/agenda")
        lines = reply.text.splitlines()
        assert lines[0] == "Today and tomorrow"
        assert lines[1] == f"#{overdue.id} Tue 24 Nov 09:30 ⚠️ overdue 🔔 Acme: overdue call"
        assert lines[2] == f"#{today.id} Tue 24 Nov 12:00 🔔 today task"
        assert lines[3] == f"#{tomorrow.id} Wed 25 Nov 10:00 🔔 tomorrow task"
        assert "friday task" not in reply.text
        assert "/done NUMBER" in lines[-1]

    async def test_list_buttons_act_and_show_the_list_again(self, bot, anna, rem):
        first = await rem.create(anna, in_minutes=30, text="first")
        second = await rem.create(anna, in_minutes=90, text="second")
        agenda = await bot.say(ANNA, "/agenda")
        assert agenda.callback_data == [
            f"rem:ld:{first.id}:2",
            f"rem:lh:{first.id}:2",
            f"rem:ld:{second.id}:2",
            f"rem:lh:{second.id}:2",
        ]
        edited = await bot.press_and_edit(
            ANNA, f"rem:ld:{first.id}:2", message_id=agenda.message_id
        )
        assert "first" not in edited.text and "second" in edited.text
        assert edited.callback_data == [f"rem:ld:{second.id}:2", f"rem:lh:{second.id}:2"]
        assert (await rem.get(first.id)).status == "done"
        edited = await bot.press_and_edit(
            ANNA, f"rem:lh:{second.id}:2", message_id=agenda.message_id
        )
        assert f"#{second.id} Tue 24 Nov 11:00" in edited.text  # an hour from now (10:00)
        assert (await rem.get(second.id)).due_at == bot.clock.timestamp() + 3600

    async def test_week_reaches_seven_days_and_skips_closed_ones(self, bot, anna, rem):
        closed = await rem.create(anna, in_minutes=30, text="closed one")
        await bot.services.reminders.done(anna, closed.id)
        await rem.create(anna, in_minutes=60 * 24 * 3, text="friday task")
        await rem.create(anna, in_minutes=60 * 24 * 9, text="far away")
        reply = await bot.say(ANNA, "/week")
        assert reply.text.startswith("The next 7 days")
        assert "friday task" in reply.text
        assert "far away" not in reply.text and "closed one" not in reply.text

    async def test_an_empty_agenda_says_so_in_the_users_language(self, bot, rem):
        ivan = FakeUser(3010, "Ivan", language_code="ru")
        await bot.add_user(ivan, "manager", language="ru")
        reply = await bot.say(ivan, "/agenda")
        assert reply.text == "Ничего не запланировано. Напишите напоминание, чтобы добавить."


class TestTypedActions:
    async def test_done_by_number(self, bot, anna, rem):
        reminder = await rem.create(anna, text="send offer")
        reply = await bot.say(ANNA, f"/done {reminder.id}")
        assert reply.text == f"✅ #{reminder.id} done: send offer"
        assert (await rem.get(reminder.id)).status == "done"

    async def test_snooze_by_number_with_a_typed_time(self, bot, anna, rem):
        reminder = await rem.create(anna, text="send offer")
        reply = await bot.say(ANNA, f"/snooze {reminder.id} friday 14:30")
        assert reply.text == f"⏰ #{reminder.id} moved to Fri 27 Nov 14:30: send offer"
        due = datetime.fromtimestamp((await rem.get(reminder.id)).due_at, UTC)
        assert due == datetime(2026, 11, 27, 13, 30, tzinfo=UTC)

    async def test_snooze_with_an_unknown_time_explains_and_changes_nothing(self, bot, anna, rem):
        reminder = await rem.create(anna, text="send offer")
        reply = await bot.say(ANNA, f"/snooze {reminder.id} someday <soon>")
        assert reply.text.startswith("I found no date in “someday <soon>”.")
        assert (await rem.get(reminder.id)).due_at == reminder.due_at

    async def test_cancel_with_a_number_cancels_and_plain_cancel_keeps_its_meaning(
        self, bot, anna, rem
    ):
        reminder = await rem.create(anna, text="send offer")
        reply = await bot.say(ANNA, f"/cancel {reminder.id}")
        assert reply.text == f"✖️ #{reminder.id} cancelled: send offer"
        assert (await rem.get(reminder.id)).status == "cancelled"
        assert (await bot.say(ANNA, "/cancel")).text == "There is nothing to cancel."

    async def test_missing_number_shows_usage(self, bot, anna):
        assert (await bot.say(ANNA, "/done")).text.startswith("Usage: /done NUMBER")
        assert (await bot.say(ANNA, "/snooze 4")).text.startswith("Usage: /snooze NUMBER WHEN")

    async def test_someone_elses_number_is_refused(self, bot, anna, rem):
        reminder = await rem.create(anna, text="mine")
        other = FakeUser(3011, "Olga")
        await bot.add_user(other, "manager")
        reply = await bot.say(other, f"/done {reminder.id}")
        assert reply.text == "Only the person this reminder is for can do that."
        assert (await rem.get(reminder.id)).status == "pending"

    async def test_an_unknown_number_is_not_found(self, bot, anna):
        assert (await bot.say(ANNA, "/done 999")).text == "Not found."


class TestParseWhen:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2h", NOW + timedelta(hours=2)),
            ("30m", NOW + timedelta(minutes=30)),
            ("1w", NOW + timedelta(weeks=1)),
            ("tomorrow", datetime(2026, 11, 25, 8, 0, tzinfo=UTC)),
            ("завтра 10:30", datetime(2026, 11, 25, 9, 30, tzinfo=UTC)),
            ("vrijdag", datetime(2026, 11, 27, 8, 0, tzinfo=UTC)),
            ("kedd 8:00", datetime(2026, 12, 1, 7, 0, tzinfo=UTC)),  # today is Tuesday
            ("fri 10:00", datetime(2026, 11, 27, 9, 0, tzinfo=UTC)),
            ("11:15", datetime(2026, 11, 24, 10, 15, tzinfo=UTC)),
            ("09:15", datetime(2026, 11, 25, 8, 15, tzinfo=UTC)),  # passed today
            ("2026-12-01 09:30", datetime(2026, 12, 1, 8, 30, tzinfo=UTC)),
        ],
    )
    def test_understood(self, text, expected):
        assert parse_when(text, NOW, AMS, 540) == int(expected.timestamp())

    @pytest.mark.parametrize("text", ["", "soon", "0h", "2026-02-30", "2020-01-01", "friday 25:00"])
    def test_not_understood(self, text):
        assert parse_when(text, NOW, AMS, 540) is None
