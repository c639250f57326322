from tests.clients.conftest import MANAGER, make_client


async def test_quick_newclient_shows_the_card(team):
    bot = team
    reply = await bot.say(MANAGER, "/newclient Acme GmbH")
    assert "Client “Acme GmbH” added." in reply.text
    assert "Acme GmbH" in reply.text
    await make_client(bot, MANAGER, "Globex")
    card = await bot.say(MANAGER, "/client acmee")
    assert card.text.startswith("Acme GmbH")
    print(card.text, card.buttons)
