"""/newclient: the quick form, the step-by-step form, and hostile names."""

import html

import pytest

from tests.clients.conftest import MANAGER, RU_MANAGER, VIEWER, press_for_message


async def client_rows(bot):
    return await bot.services.db.fetch_all("SELECT * FROM clients ORDER BY id")


class TestForm:
    async def test_every_step_in_english_with_skips_and_buttons(self, team):
        bot = team
        first = await bot.say(MANAGER, "/newclient")
        assert first.text.startswith("New client. What is its name?")
        step = await bot.say(MANAGER, "Initech Inc")
        assert step.text == "Contact person?" and "cl:nc:skip" in step.callback_data
        step = await bot.say(MANAGER, "Bill Lumbergh")
        assert step.text == "Phone?"
        step = await press_for_message(bot, MANAGER, "cl:nc:skip", message_id=step.message_id)
        assert step.text == "E-mail?"
        step = await bot.say(MANAGER, "not an email")
        assert step.text.startswith("“not an email” is not an e-mail address.")
        step = await bot.say(MANAGER, "bill@initech.example")
        assert step.text == "Segment?" and "cl:nc:set:large" in step.callback_data
        step = await press_for_message(bot, MANAGER, "cl:nc:set:large", message_id=step.message_id)
        assert step.text == "Key account?"
        step = await press_for_message(bot, MANAGER, "cl:nc:set:1", message_id=step.message_id)
        assert step.text.startswith("Renewal date")
        step = await bot.say(MANAGER, "2027-02-30")
        assert step.text.startswith("There is no 30 February.")
        step = await bot.say(MANAGER, "2027-02-28")
        assert step.text == "Payment terms in days?"
        step = await bot.say(MANAGER, "45")
        assert step.text == "Notes?"
        card = await bot.say(MANAGER, "Prefers e-mail")
        assert card.text.startswith("Client “Initech Inc” added.")
        for shown in (
            "Initech Inc · active · large · ★ key account",
            "Bill Lumbergh",
            "bill@initech.example",
            "Renewal: 28 Feb 2027",
            "Payment terms: 45 days",
            "Prefers e-mail",
        ):
            assert shown in card.text
        (row,) = await client_rows(bot)
        assert (row["segment"], row["key_account"], row["phone"], row["owner_id"]) == (
            "large",
            1,
            None,
            MANAGER.id,
        )

    async def test_cancel_in_the_middle_saves_nothing_in_russian(self, team):
        bot = team
        first = await bot.say(RU_MANAGER, "/newclient")
        assert first.text.startswith("Новый клиент.")
        step = await bot.say(RU_MANAGER, "Ромашка ООО")
        assert step.text == "Контактное лицо?"
        assert (await bot.say(RU_MANAGER, "/cancel")).text == "Отменено."
        assert await client_rows(bot) == []
        assert (await bot.say(RU_MANAGER, "/cancel")).text == "Нечего отменять."

    async def test_a_viewer_may_not_add_clients(self, team):
        reply = await team.say(VIEWER, "/newclient Foo")
        assert reply.text == "Dat mag je niet doen."
        assert await client_rows(team) == []


class TestHostileNames:
    @pytest.mark.parametrize("typed", ["   ", "\u200b\u200b", "...", "GmbH"])
    async def test_empty_names_are_refused_in_the_form(self, team, typed):
        await team.say(MANAGER, "/newclient")
        reply = await team.say(MANAGER, typed)
        if typed == "GmbH":  # a legal form alone is still a name ("GmbH" stays its own key)
            assert reply.text == "Contact person?"
            return
        assert reply.text.startswith("The client name is empty.")
        assert await client_rows(team) == []

    async def test_a_300_character_name_is_refused_in_russian(self, team):
        reply = await team.say(RU_MANAGER, "/newclient " + "Я" * 300)
        assert reply.text == "Слишком длинное название (не больше 200 символов)."
        assert await client_rows(team) == []

    async def test_markup_in_a_name_is_shown_as_typed(self, team):
        name = '<a href="https://evil.example">Click</a> Corp'
        reply = await team.say(MANAGER, "/newclient " + name)
        assert f"Client “{name}” added." in reply.text
        assert html.escape(name, quote=False) in reply.source
        assert reply.entities == [] or all(e["type"] != "text_link" for e in reply.entities)
        (row,) = await client_rows(team)
        assert row["name"] == name

    async def test_sql_in_a_name_is_stored_as_text(self, team):
        name = "'); DROP TABLE clients;--"
        reply = await team.say(MANAGER, "/newclient " + name)
        assert "added" in reply.text
        (row,) = await client_rows(team)
        assert row["name"] == name
        card = await team.say(MANAGER, "/client drop table clients")
        assert card.text.startswith(name)
