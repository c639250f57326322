"""Amounts parse whole or are refused: never cut (issue 12, "a typed amount stored wrong")."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import fmt
from bot.errors import InvalidInput
from bot.i18n import LANGUAGES, translate
from bot.money import MAX_MINOR, amount_start, parse_amount
from tests.clients.conftest import ADMIN, OTHER, RU_MANAGER

SPACES = (" ", "\u00a0", "\u202f")


def shown_number(minor: int, currency: str, lang: str) -> str:
    """The number as the bot shows it (bot.fmt, Babel), without the currency."""
    number = fmt.amount_number(minor, currency, lang)
    assert number in fmt.money(minor, currency, lang)
    return number


class TestRoundTrip:
    @settings(max_examples=400, deadline=None)
    @given(
        st.integers(min_value=1, max_value=MAX_MINOR - 1),
        st.sampled_from(sorted(fmt.currencies())),
        st.sampled_from(LANGUAGES),
        st.sampled_from(SPACES),
    )
    def test_the_locales_own_format_parses_back_to_the_same_value(
        self, minor, currency, lang, space
    ):
        """What the bot shows a user, typed back (with any kind of space), is the same
        amount, in every language and currency exponent."""
        shown = shown_number(minor, currency, lang)
        assert parse_amount(shown, currency, lang) == minor
        assert parse_amount(re.sub(r"[ \u00a0\u202f]", space, shown), currency, lang) == minor

    @settings(max_examples=200, deadline=None)
    @given(st.integers(min_value=1000, max_value=MAX_MINOR - 1), st.sampled_from(SPACES))
    def test_a_grouped_amount_split_into_words_is_found_whole(self, minor, space):
        shown = shown_number(minor, "EUR", "ru").replace("\u00a0", " ")
        words = ["Ромашка", "ООО", *shown.split(" "), "RUB"]
        start = amount_start(words, len(words) - 2, first=1)
        assert words[:start] == ["Ромашка", "ООО"]
        assert parse_amount(space.join(words[start:-1]), "EUR", "ru") == minor


class TestGroupedAmountsParseWhole:
    @pytest.mark.parametrize(
        ("typed", "lang", "minor"),
        [
            ("1 200,50", "ru", 120050),
            ("1\u00a0200,50", "hu", 120050),
            ("1\u202f200,50", "ru", 120050),
            ("1 200.50", "en", 120050),
            ("12 345 678,90", "hu", 1234567890),
        ],
    )
    def test_spaces_as_group_separators(self, typed, lang, minor):
        assert parse_amount(typed, "EUR", lang) == minor

    @pytest.mark.parametrize("typed", ["1 20,50", "12 34", "1 2000", "1  200"])
    def test_a_space_that_is_no_grouping_is_refused(self, typed):
        with pytest.raises(InvalidInput):
            parse_amount(typed, "EUR", "ru")


async def invoices(bot) -> list[tuple]:
    rows = await bot.services.db.fetch_all("SELECT amount_minor, currency FROM invoices")
    return [tuple(row) for row in rows]


class TestInvoiceCommand:
    @pytest.mark.parametrize(
        ("user", "typed", "stored", "shown"),
        [
            (RU_MANAGER, "1 200,50 RUB до 2026-12-15", (120050, "RUB"), "1 200,50 ₽"),
            (OTHER, "1 200 HUF esedékes 2026-12-15", (1200, "HUF"), "1 200 Ft"),  # no fillér
            (ADMIN, "1 200.50 EUR due 2026-12-15", (120050, "EUR"), "€1,200.50"),
            (RU_MANAGER, "1\u00a0200,50 RUB до 2026-12-15", (120050, "RUB"), "1 200,50 ₽"),
        ],
    )
    async def test_an_amount_typed_with_spaces_is_stored_whole(
        self, team, user, typed, stored, shown
    ):
        await team.say(user, "/newclient Ромашка ООО")
        reply = await team.say(user, f"/invoice Ромашка ООО {typed}")
        assert shown in reply.text.replace("\u00a0", " ")
        assert await invoices(team) == [stored]

    async def test_digits_that_could_end_a_name_are_asked_about(self, team):
        await team.say(ADMIN, "/newclient Studio 54")
        reply = await team.say(ADMIN, "/invoice Studio 54 100 EUR due 2026-12-15")
        assert reply.text == translate(
            "en", "invoice.amount_ambiguous", amount="54 100", name="Studio 54"
        )
        assert await invoices(team) == []
        done = await team.say(ADMIN, "/invoice Studio 54 54100 EUR due 2026-12-15")
        assert "€54,100.00" in done.text
        assert await invoices(team) == [(5410000, "EUR")]

    async def test_digits_that_are_no_grouping_are_asked_about_in_russian(self, team):
        await team.say(RU_MANAGER, "/newclient Ромашка ООО")
        reply = await team.say(RU_MANAGER, "/invoice Ромашка ООО 12 34 RUB до 2026-12-15")
        assert reply.text == translate(
            "ru", "invoice.amount_ambiguous", amount="12 34", name="Ромашка ООО 12"
        )
        assert await invoices(team) == []

    async def test_the_card_step_takes_a_grouped_amount_too(self, team):
        await team.say(RU_MANAGER, "/newclient Ромашка ООО")
        row = await team.services.db.fetch_one("SELECT id FROM clients")
        mark = team.emu.mark()
        team.emu.press_button(RU_MANAGER, None, f"cl:inv:{row[0]}")
        listing = await team.emu.wait_for_message(RU_MANAGER.id, since=mark)
        mark = team.emu.mark()
        team.emu.press_button(RU_MANAGER, listing.message_id, f"cl:addinv:{row[0]}")
        await team.emu.wait_for_message(RU_MANAGER.id, since=mark)
        saved = await team.say(RU_MANAGER, "1 200,50 RUB 2026-12-15")
        assert "1 200,50 ₽" in saved.text.replace("\u00a0", " ")
        assert await invoices(team) == [(120050, "RUB")]
