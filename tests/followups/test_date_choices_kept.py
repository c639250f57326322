"""Dates offered as buttons are kept in the database (migration 0013): a restart between the
offer and the press (or another worker taking the press) still runs what the user was doing;
a second press on the same offer and a colleague's forged press change nothing."""

from __future__ import annotations

from sandbox.models import FakeUser
from tests.conftest import restart
from tests.followups.conftest import EN, RU

ERIK = FakeUser(4111, "Erik", username="erik", language_code="en")


async def invoices(bot) -> list[tuple[int, str]]:
    rows = await bot.services.db.fetch_all("SELECT amount_minor, due_on FROM invoices")
    return [(row["amount_minor"], row["due_on"]) for row in rows]


async def test_a_date_pressed_after_a_restart_is_still_applied(bot, flow, config, restartable):
    await flow.user(EN)
    await bot.say(EN, "/newclient Globex")
    asked = await bot.say(EN, "/invoice Globex 100 EUR due 31 april 2027")
    assert asked.text.startswith("There is no 31 April.")
    await restart(bot, config)
    saved = await flow.press_for_message(EN, asked.buttons[0][0][1], asked.message_id)
    assert "Globex" in saved.text
    assert await invoices(bot) == [(10000, "2027-04-30")]


async def test_the_same_offer_pressed_twice_or_by_a_colleague_acts_once(bot, flow):
    await flow.user(RU)
    await flow.user(ERIK)
    await bot.say(RU, "/newclient Ромашка")
    asked = await bot.say(RU, "/invoice Ромашка 100 RUB до 31 апреля 2027")
    assert asked.text.startswith("31 апреля не бывает")
    data = asked.buttons[0][1][1]
    forged = await bot.press(ERIK, data, message_id=asked.message_id, chat=RU.id)
    assert bot.emu.callback_answers(forged)  # answered, and nothing was saved
    assert await invoices(bot) == []
    first = bot.emu.press_button(RU, asked.message_id, data)
    again = bot.emu.press_button(RU, asked.message_id, data)  # before the buttons are gone
    await bot.emu.wait_for_callback_answer(first)
    await bot.emu.wait_for_callback_answer(again)
    (answer,) = bot.emu.callback_answers(again)
    assert answer["text"] == "Этот выбор уже неактуален. Наберите команду ещё раз."
    assert await invoices(bot) == [(10000, "2027-05-01")]
