"""Found in the sandbox walk: `/contract Bakker 31 april 2027` (no "einde") read "Bakker 31"
as the client and "april" as the date, and a /newclient name step took "bel Jansen morgen om
10" as a client name. The date now tells the name from the rest in every language, and a
name that reads as a follow-up becomes one."""

from __future__ import annotations

import pytest

from tests.followups.conftest import EN, HU, NL, RU


async def contract(bot) -> tuple[str, int]:
    row = await bot.services.db.fetch_one("SELECT end_on, notice_days FROM contracts")
    return (row["end_on"], row["notice_days"]) if row else None


@pytest.mark.parametrize(
    ("fake", "client", "typed", "stored"),
    [
        (NL, "Bakker & Zonen", "30 april 2027 60", ("2027-04-30", 60)),
        (RU, "Ромашка", "31 марта 2027 30", ("2027-03-31", 30)),
        (HU, "Minta Bt", "2027. április 30. 45", ("2027-04-30", 45)),
        (EN, "Acme GmbH", "April 30, 2027", ("2027-04-30", 0)),
        (EN, "Studio 54", "2027-03-31 90", ("2027-03-31", 90)),
    ],
)
async def test_contract_without_keywords_splits_at_the_date(bot, flow, fake, client, typed, stored):
    await flow.user(fake)
    await bot.say(fake, f"/newclient {client}")
    answer = await bot.say(fake, f"/contract {client} {typed}")
    assert client in answer.text
    assert await contract(bot) == stored


async def test_an_impossible_day_without_keywords_offers_the_nearest(bot, flow):
    await flow.user(NL)
    await bot.say(NL, "/newclient Bakker")
    asked = await bot.say(NL, "/contract Bakker 31 april 2027")
    assert "31 april" in asked.text and "geen datum" not in asked.text
    saved = await flow.press_for_message(NL, asked.buttons[0][0][1], asked.message_id)
    assert "Bakker" in saved.text
    assert await contract(bot) == ("2027-04-30", 0)


async def test_a_follow_up_typed_as_the_new_clients_name_becomes_a_follow_up(bot, flow):
    await flow.user(NL)
    await bot.say(NL, "/newclient")
    mark = bot.emu.mark()
    bot.emu.send_text(NL, "bel Jansen morgen om 10")
    card = await bot.emu.wait_for_message(NL.id, lambda m: bool(m.buttons), since=mark)
    assert card.callback_data[0].startswith("fu:")
    assert await bot.services.db.fetch_all("SELECT name FROM clients") == []
    await bot.say(NL, "/newclient")
    asked = await bot.say(NL, "Jansen Installatietechniek")  # a plain name still is one
    assert asked.text.endswith("Contactpersoon?")
