"""Recurring reminders: the next occurrence is inserted when the current one is sent, in the
user's zone; a DST gap moves it forward and the message says so; a fold fires once."""

from __future__ import annotations

from datetime import UTC, datetime

from storage import reminders
from tests.reminders.conftest import ANNA

AMSTERDAM_SPRING = datetime(2027, 3, 20, 12, 0, tzinfo=UTC)  # the clocks jump on 28 March


async def followers(bot, text):
    rows = await bot.services.db.fetch_all(
        "SELECT id FROM reminders WHERE text = ? ORDER BY due_at", (text,)
    )
    return [await reminders.get(bot.services.db, row["id"]) for row in rows]


async def deliver_until(bot, rem, moment, text):
    mark = bot.emu.mark()
    bot.clock.set(moment)
    await bot.runtime.time_moved()
    return await bot.emu.wait_for_message(ANNA.id, text, since=mark)


def utc(*args):
    return int(datetime(*args, tzinfo=UTC).timestamp())


class TestAcrossDst:
    async def test_weekly_at_0230_moves_to_0330_on_the_spring_forward_night(self, bot, anna, rem):
        bot.clock.set(AMSTERDAM_SPRING)
        first = await bot.services.reminders.create(
            anna, text="weekly report", due_at=utc(2027, 3, 21, 1, 30), rrule="FREQ=WEEKLY;BYDAY=SU"
        )
        assert (first.local_time, first.tz) == ("2027-03-21T02:30", "Europe/Amsterdam")

        msg = await deliver_until(bot, rem, datetime(2027, 3, 21, 1, 30, tzinfo=UTC), "weekly")
        assert "🕒 due Sun 21 Mar 02:30" in msg.text and "clock change" not in msg.text
        series = await followers(bot, "weekly report")
        assert [r.status for r in series] == ["sent", "pending"]
        assert series[1].due_at == utc(2027, 3, 28, 1, 30)  # 03:30 CEST, 02:30 does not exist

        shifted = await deliver_until(bot, rem, datetime(2027, 3, 28, 1, 30, tzinfo=UTC), "weekly")
        assert "🕒 due Sun 28 Mar 03:30" in shifted.text
        assert (
            "02:30 does not exist that day (clock change), so this comes at 03:30." in shifted.text
        )
        series = await followers(bot, "weekly report")
        assert series[2].due_at == utc(2027, 4, 4, 0, 30)  # back to 02:30, now CEST

    async def test_daily_at_nine_stays_at_nine_local_across_the_change(self, bot, anna, rem):
        bot.clock.set(AMSTERDAM_SPRING)
        await bot.services.reminders.create(
            anna, text="stand-up", due_at=utc(2027, 3, 27, 8, 0), rrule="FREQ=DAILY"
        )
        await deliver_until(bot, rem, datetime(2027, 3, 27, 8, 0, tzinfo=UTC), "stand-up")
        msg = await deliver_until(bot, rem, datetime(2027, 3, 28, 7, 0, tzinfo=UTC), "stand-up")
        assert "🕒 due Sun 28 Mar 09:00" in msg.text and "clock change" not in msg.text
        series = await followers(bot, "stand-up")
        assert [r.due_at for r in series] == [
            utc(2027, 3, 27, 8, 0),
            utc(2027, 3, 28, 7, 0),
            utc(2027, 3, 29, 7, 0),
        ]

    async def test_an_ambiguous_autumn_time_fires_once(self, bot, anna, rem):
        bot.clock.set(datetime(2027, 10, 29, 12, 0, tzinfo=UTC))
        await bot.services.reminders.create(
            anna, text="night job", due_at=utc(2027, 10, 30, 0, 30), rrule="FREQ=DAILY"
        )  # 02:30 CEST
        await deliver_until(bot, rem, datetime(2027, 10, 30, 0, 30, tzinfo=UTC), "night job")
        await deliver_until(bot, rem, datetime(2027, 10, 31, 0, 30, tzinfo=UTC), "night job")
        mark = bot.emu.mark()
        bot.clock.set(datetime(2027, 10, 31, 1, 45, tzinfo=UTC))  # after the second 02:30
        await bot.runtime.time_moved()
        assert bot.emu.messages(ANNA.id, since=mark) == []
        series = await followers(bot, "night job")
        assert series[-1].due_at == utc(2027, 11, 1, 1, 30)  # 02:30 CET the next day

    async def test_a_finite_rule_stops(self, bot, anna, rem):
        await bot.services.reminders.create(
            anna, text="twice", due_at=bot.clock.timestamp() + 60, rrule="FREQ=DAILY;COUNT=2"
        )
        await rem.advance(minutes=1)
        await rem.advance(days=1)
        series = await followers(bot, "twice")
        assert [r.status for r in series] == ["sent", "sent"]
