"""Finding a client by a typed name: fuzzy, ambiguous -> buttons, duplicates warned."""

import pytest

from bot.errors import AmbiguousClient, NotFound
from tests.clients.conftest import MANAGER, RU_MANAGER, make_client, press_for_message


class TestFuzzyFind:
    @pytest.mark.parametrize("typed", ["acme", "ACME gmbh", "Acmee", "  Acme\u200b GmbH "])
    async def test_variants_find_the_client(self, team, typed):
        acme = await make_client(team, MANAGER, "Acme GmbH")
        await make_client(team, MANAGER, "Globex LLC")
        assert (await team.services.clients.find(typed)).id == acme

    async def test_unknown_name_is_not_found(self, team):
        await make_client(team, MANAGER, "Acme GmbH")
        with pytest.raises(NotFound):
            await team.services.clients.find("Initech")

    async def test_two_close_names_are_ambiguous(self, team):
        await make_client(team, MANAGER, "Jansen BV")
        await make_client(team, MANAGER, "Janssen BV")
        with pytest.raises(AmbiguousClient) as caught:
            await team.services.clients.find("Jannsen")
        assert {ref.name for ref in caught.value.candidates} == {"Jansen BV", "Janssen BV"}

    async def test_an_exact_key_beats_a_near_one(self, team):
        jansen = await make_client(team, MANAGER, "Jansen BV")
        await make_client(team, MANAGER, "Janssen BV")
        assert (await team.services.clients.find("jansen b.v.")).id == jansen

    async def test_index_follows_renames(self, team):
        cid = await make_client(team, MANAGER, "Old Name Ltd")
        user = await team.services.access.user(MANAGER.id)
        await team.services.clients.edit(user, cid, 1, "name", "Brand New Kft")
        assert (await team.services.clients.find("brand new")).id == cid
        with pytest.raises(NotFound):
            await team.services.clients.find("Old Name")


class TestAmbiguousButtons:
    async def test_choosing_a_button_opens_that_card(self, team):
        await make_client(team, MANAGER, "Jansen BV")
        janssen = await make_client(team, MANAGER, "Janssen BV")
        question = await team.say(MANAGER, "/client Jannsen")
        assert question.text.startswith("Several clients match “Jannsen”")
        assert f"cl:pick:{janssen}" in question.callback_data
        card = await press_for_message(
            team, MANAGER, f"cl:pick:{janssen}", message_id=question.message_id
        )
        assert card.text.startswith("Janssen BV")

    async def test_choice_continues_the_log_command_in_russian(self, team):
        await make_client(team, RU_MANAGER, "Ромашка ООО")
        second = await make_client(team, RU_MANAGER, "Ромашкa Плюс")
        question = await team.say(RU_MANAGER, "/log Ромашк: договорились о встрече")
        assert "Под «Ромашк» подходят несколько клиентов" in question.text
        answer = await press_for_message(
            team, RU_MANAGER, f"cl:pick:{second}", message_id=question.message_id
        )
        assert answer.text.startswith("Записано.")
        rows = await team.services.db.fetch_all("SELECT client_id, summary FROM interactions")
        assert [tuple(r) for r in rows] == [(second, "договорились о встрече")]

    async def test_not_found_says_so_in_dutch(self, team):
        from tests.clients.conftest import VIEWER

        reply = await team.say(VIEWER, "/client Nergens")
        assert reply.text.startswith("Geen klant past bij “Nergens”")


class TestDuplicates:
    async def test_quick_create_warns_and_can_create_anyway(self, team):
        first = await make_client(team, MANAGER, "Acme GmbH")
        warning = await team.say(MANAGER, "/newclient ACME gmbh")
        assert "A similar client already exists: Acme GmbH" in warning.text
        assert f"cl:open:{first}" in warning.callback_data
        count = await team.services.db.fetch_one("SELECT count(*) FROM clients")
        assert count[0] == 1
        created = await press_for_message(
            team, MANAGER, "cl:dup:yes", message_id=warning.message_id
        )
        assert "added" in created.text
        count = await team.services.db.fetch_one("SELECT count(*) FROM clients")
        assert count[0] == 2


class TestUsage:
    @pytest.mark.parametrize(
        ("user", "command", "expected"),
        [
            (MANAGER, "/client", "Usage: /client Name"),
            (RU_MANAGER, "/client", "Формат: /client Название"),
            (MANAGER, "/history", "Usage: /history Name"),
            (RU_MANAGER, "/log", "Формат: /log Название"),
            (MANAGER, "/contract Acme", "Usage: /contract Name ends 2027-03-31 notice 60"),
        ],
    )
    async def test_a_command_without_its_client_explains_itself(
        self, team, user, command, expected
    ):
        reply = await team.say(user, command)
        assert reply.text.startswith(expected)
