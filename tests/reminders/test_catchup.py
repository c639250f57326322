"""After three days of downtime every missed reminder is delivered, oldest first; more than
ten for one person arrive as one "while I was offline" digest. Nothing is dropped."""

from __future__ import annotations

from datetime import timedelta

from sandbox.models import FakeUser
from storage import reminders, users
from tests.conftest import restart
from tests.reminders.conftest import ANNA, BORIS

CARLA = FakeUser(3003, "Carla", language_code="nl")
DORA = FakeUser(3004, "Dora", language_code="hu")


async def test_forty_missed_are_all_delivered_or_digested(bot, config, anna, rem, restartable):
    for fake, lang in ((BORIS, "ru"), (CARLA, "nl"), (DORA, "hu")):
        await bot.add_user(fake, "manager", language=lang)
    people = [anna] + [await users.get(bot.services.db, f.id) for f in (BORIS, CARLA, DORA)]
    plan = [people[0]] * 28 + [people[1]] * 4 + [people[2]] * 4 + [people[3]] * 4
    created = []
    for n, person in enumerate(plan):  # spread over the three days, interleaved in time
        minutes = 30 + n * 100
        created.append(await rem.create(person, in_minutes=minutes, text=f"task {n:02d}"))
    mark = bot.emu.mark()

    await restart(bot, config, timedelta(days=3, hours=2))
    await bot.runtime.time_moved()

    digest = await bot.emu.wait_for_message(ANNA.id, "While I was offline", since=mark)
    assert digest.text.startswith("While I was offline, 28 reminders came due:")
    lines = [line for line in digest.text.splitlines() if "task" in line]
    assert [line.split("task ")[1] for line in lines] == [f"{n:02d}" for n in range(28)]
    assert len(bot.emu.messages(ANNA.id, since=mark)) == 1

    for fake in (BORIS, CARLA, DORA):
        owned = [r for r, p in zip(created, plan, strict=True) if p.id == fake.id]
        await bot.emu.wait_for_message(fake.id, owned[-1].text, since=mark, timeout=10)
        texts = [m.text.splitlines()[1] for m in bot.emu.messages(fake.id, since=mark)]
        assert texts == [r.text for r in owned]  # one message each, oldest first

    for reminder in created:
        assert (await rem.settled(reminder.id)).status == "sent"
    counts = await reminders.count_by_status(bot.services.db)
    assert counts == {"sent": 40}


async def test_a_few_missed_arrive_one_by_one_with_their_due_time(
    bot, config, anna, rem, restartable
):
    created = [await rem.create(anna, in_minutes=60 * n, text=f"missed {n}") for n in (1, 2, 3)]
    mark = bot.emu.mark()
    await restart(bot, config, timedelta(days=1))
    await bot.runtime.time_moved()
    await bot.emu.wait_for_message(ANNA.id, "missed 3", since=mark, timeout=10)
    messages = bot.emu.messages(ANNA.id, since=mark)
    assert [m.text.splitlines()[1] for m in messages] == ["missed 1", "missed 2", "missed 3"]
    assert "🕒 due Tue 24 Nov 11:00" in messages[0].text
    for reminder in created:
        assert (await rem.settled(reminder.id)).status == "sent"


async def test_a_row_left_in_sending_is_resent_once_with_a_marker(
    bot, config, anna, rem, restartable
):
    """A crash between claim and mark leaves `sending`: the next start sends it again."""
    reminder = await rem.create(anna, in_minutes=5)
    async with bot.services.db.transaction() as tx:
        assert await reminders.claim(tx, reminder.id, bot.clock.timestamp())
    mark = bot.emu.mark()
    await restart(bot, config, timedelta(minutes=10))
    msg = await bot.emu.wait_for_message(ANNA.id, since=mark)
    assert "(repeat after restart: you may have seen this already)" in msg.text
    sent = await rem.settled(reminder.id)
    assert (sent.attempts, sent.uncertain, sent.message_id) == (2, False, msg.message_id)
    assert len(bot.emu.messages(ANNA.id, since=mark)) == 1
