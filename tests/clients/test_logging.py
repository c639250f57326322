"""Interactions as people log them, through the emulator and only through user actions:
backdated /log, `next:` and "Next step?" opening a follow-up card, Log call under payment and
renewal reminders, contacts edited and deleted, the contact cadence, invoice numbers. The
clock starts Tue 24 Nov 2026 10:00 Amsterdam."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.clients.conftest import MANAGER, OTHER, RU_MANAGER, press_for_message, say_all


def button(message, prefix: str, suffix: str = "") -> str:
    (found,) = [d for d in message.callback_data if d.startswith(prefix) and d.endswith(suffix)]
    return found


async def history(bot, user, name: str) -> str:
    return (await bot.say(user, f"/history {name}")).text


async def at(bot, *moment: int) -> None:
    bot.clock.set(datetime(*moment, tzinfo=UTC))
    await bot.runtime.time_moved()


class TestBackdating:
    async def test_log_yesterday_at_three_in_english_and_the_future_refused(self, team):
        bot = team
        await bot.say(MANAGER, "/newclient Acme GmbH")
        logged = await bot.say(MANAGER, "/log Acme GmbH call yesterday 15:00 talked pricing")
        assert logged.text.startswith("Logged.")
        assert "Mon 23 Nov 15:00" in logged.text and "call: talked pricing" in logged.text
        refused = await bot.say(MANAGER, "/log Acme GmbH call tomorrow 10:00 will talk")
        assert refused.text == (
            "That has not happened yet. Log what happened, or type it as a follow-up."
        )
        shown = await history(bot, MANAGER, "acme")
        assert "talked pricing" in shown and "will talk" not in shown
        # a bare weekday is the last one when logging (the parser alone reads the next one)
        monday = await bot.say(MANAGER, "/log Acme GmbH Monday meeting went well")
        assert "Mon 23 Nov 09:00" in monday.text and "meeting: went well" in monday.text

    async def test_a_date_first_in_russian_and_from_the_cards_log_button(self, team):
        bot = team
        card = await bot.say(RU_MANAGER, "/newclient Ромашка")
        logged = await bot.say(RU_MANAGER, "/log Ромашка вчера в 15:00 звонок обсудили цену")
        assert logged.text.startswith("Записано.")
        assert "обсудили цену" in logged.text and "звонок" in logged.text
        assert "23 нояб" in logged.text or "23 ноя" in logged.text
        ask = await press_for_message(
            bot,
            RU_MANAGER,
            button(card, "cl:log:", ":note"),
            message_id=card.message_id,
        )
        assert ask.text.startswith("Опишите, что было")
        done = await bot.say(RU_MANAGER, "22.11.2026 встретились на выставке")
        assert done.text.startswith("Записано.") and "встретились на выставке" in done.text
        assert "22 нояб" in done.text or "22 ноя" in done.text


class TestNextSteps:
    async def test_next_line_in_log_opens_the_follow_up_card(self, team):
        bot = team
        await bot.say(MANAGER, "/newclient Acme GmbH")
        logged, card = await say_all(
            bot, MANAGER, "/log Acme GmbH meeting Renewal talk\nnext: call Friday 10:00", count=2
        )
        assert logged.text.startswith("Logged.") and "Next step: call Friday 10:00" in logged.text
        assert "Acme GmbH" in card.text and "Fri 27 Nov 10:00" in card.text
        saved = await bot.press_and_edit(MANAGER, button(card, "fu:s:"), message_id=card.message_id)
        assert saved.text.startswith("✅ Saved as reminder")

    async def test_next_step_in_hungarian(self, team):
        bot = team
        await bot.say(OTHER, "/newclient Minta Kft")
        logged, card = await say_all(
            bot,
            OTHER,
            "/log Minta Kft hívás árakról beszéltünk\nkövetkező lépés: péntek 10:00 ajánlat",
            count=2,
        )
        assert logged.text.startswith("Rögzítve.")
        assert "Minta Kft" in card.text and "fu:s:" in str(card.callback_data)


class TestLogCallOnReminders:
    async def test_renewal_reminder_asks_what_was_said_then_the_next_step(self, team):
        bot = team
        await bot.say(MANAGER, "/newclient Acme GmbH")
        await bot.say(MANAGER, "/contract Acme GmbH ends 2026-12-20")
        mark = bot.emu.mark()
        await at(bot, 2026, 11, 25, 8, 0)
        reminder = await bot.emu.wait_for_message(MANAGER.id, "📄", since=mark)
        ask = await press_for_message(
            bot, MANAGER, button(reminder, "rem:log:"), message_id=reminder.message_id
        )
        assert ask.text == "What was said in the call with Acme GmbH? Type it (or /cancel)."
        saved, question = await say_all(bot, MANAGER, "they want a discount", count=2)
        assert saved.text == "Call logged."
        await bot.emu.wait_for_edit(MANAGER.id, reminder.message_id, "Call logged by Max")
        assert question.text.startswith("Next step? Type it")
        card = await bot.say(MANAGER, "call again friday 10:00")
        assert "Acme GmbH" in card.text and "Fri 27 Nov 10:00" in card.text
        shown = await history(bot, MANAGER, "acme")
        assert "call: they want a discount" in shown and "Contract" not in shown

    async def test_payment_reminder_in_dutch(self, team):
        bot = team
        from tests.clients.test_renewals import NL_MANAGER

        await bot.add_user(NL_MANAGER, "manager", language="nl")
        await bot.say(NL_MANAGER, "/newclient Jansen BV")
        saved = await bot.say(NL_MANAGER, "/invoice Jansen BV 100 EUR vervalt 2026-11-20 nr F-17")
        assert "Factuurnummer F-17" in saved.text
        mark = bot.emu.mark()
        await bot.runtime.time_moved()
        reminder = await bot.emu.wait_for_message(NL_MANAGER.id, "F-17", since=mark)
        ask = await press_for_message(
            bot, NL_MANAGER, button(reminder, "rem:log:"), message_id=reminder.message_id
        )
        assert ask.text == "Wat is er besproken met Jansen BV? Typ het (of /cancel)."
        saved, question = await say_all(bot, NL_MANAGER, "betaalt volgende week", count=2)
        assert saved.text == "Gesprek vastgelegd." and question.text.startswith("Volgende stap?")
        stopped = await bot.say(NL_MANAGER, "/cancel")
        assert stopped.text
        shown = await history(bot, NL_MANAGER, "jansen")
        assert "betaalt volgende week" in shown and "onbetaald" not in shown


class TestContacts:
    async def test_edit_and_delete_a_contact_in_english(self, team):
        bot = team
        card = await bot.say(MANAGER, "/newclient Acme GmbH")
        await press_for_message(bot, MANAGER, button(card, "cl:addc:"), message_id=card.message_id)
        card = await bot.say(MANAGER, "Dana; CFO; +31 20 123 4567; dana@acme.example; yes")
        assert "Dana, CFO" in card.text
        listing = await bot.press_and_edit(
            MANAGER, button(card, "cl:cts:"), message_id=card.message_id
        )
        assert listing.text == "Contacts of Acme GmbH: ✏️ to edit, 🗑 to delete."
        ask = await press_for_message(
            bot, MANAGER, button(listing, "cl:ce:"), message_id=listing.message_id
        )
        assert "Now: Dana; CFO; +31 20 123 4567; dana@acme.example; yes" in ask.text
        bad = await bot.say(MANAGER, "Dana Smith; CEO; not a phone")
        assert "is not a phone number" in bad.text or "phone" in bad.text.lower()
        card = await bot.say(MANAGER, "Dana Smith; CEO; +31 20 123 4567")
        assert card.text.startswith("Contact saved.") and "Dana Smith, CEO" in card.text
        assert "dana@acme.example" not in card.text
        listing = await bot.press_and_edit(
            MANAGER, button(card, "cl:cts:"), message_id=card.message_id
        )
        confirm = await bot.press_and_edit(
            MANAGER, button(listing, "cl:cd:"), message_id=listing.message_id
        )
        assert confirm.text == "Delete the contact Dana Smith?"
        card = await press_for_message(
            bot, MANAGER, button(confirm, "cl:cdy:"), message_id=confirm.message_id
        )
        assert card.text.startswith("Contact Dana Smith deleted.")
        assert "Dana Smith" not in card.text.split("\n", 2)[-1]
        assert not [d for d in card.callback_data if d.startswith("cl:cts:")]

    async def test_delete_in_russian(self, team):
        bot = team
        card = await bot.say(RU_MANAGER, "/newclient Ромашка")
        await press_for_message(
            bot, RU_MANAGER, button(card, "cl:addc:"), message_id=card.message_id
        )
        card = await bot.say(RU_MANAGER, "Ольга; бухгалтер")
        listing = await bot.press_and_edit(
            RU_MANAGER, button(card, "cl:cts:"), message_id=card.message_id
        )
        assert listing.text.startswith("Контакты Ромашка")
        confirm = await bot.press_and_edit(
            RU_MANAGER, button(listing, "cl:cd:"), message_id=listing.message_id
        )
        assert confirm.text == "Удалить контакт Ольга?"
        card = await press_for_message(
            bot, RU_MANAGER, button(confirm, "cl:cdy:"), message_id=confirm.message_id
        )
        assert card.text.startswith("Контакт Ольга удалён.")


class TestCadence:
    async def test_cadence_from_edit_in_english_and_russian(self, team):
        bot = team
        for user, name, shown, bad in (
            (MANAGER, "Acme GmbH", "Contact every 10 days", "is not a number of days"),
            (RU_MANAGER, "Ромашка", "Связываться каждые 10 дней", "не число дней"),
        ):
            card = await bot.say(user, f"/newclient {name}")
            menu = await bot.press_and_edit(
                user, button(card, "cl:edit:"), message_id=card.message_id
            )
            (field,) = [d for d in menu.callback_data if d.endswith(":cadence_days")]
            ask = await press_for_message(bot, user, field, message_id=menu.message_id)
            assert ask.text
            refused = await bot.say(user, "often")
            assert bad in refused.text
            card = await bot.say(user, "10")
            assert shown in card.text


class TestInvoiceNumbers:
    async def test_number_and_a_due_date_in_words(self, team):
        bot = team
        await bot.say(MANAGER, "/newclient Acme GmbH")
        saved = await bot.say(MANAGER, "/invoice Acme GmbH 1200.50 EUR due 15 dec no 2026-311")
        assert "due 15 Dec 2026" in saved.text and "Invoice no. 2026-311" in saved.text
        await bot.say(RU_MANAGER, "/newclient Ромашка")
        saved = await bot.say(RU_MANAGER, "/invoice Ромашка 1200,50 RUB до 15 декабря № 17/25")
        assert "15 дек. 2026\u202fг." in saved.text and "Счёт № 17/25" in saved.text
        invoices = await bot.say(RU_MANAGER, "/client ромашка")
        assert "17/25" in invoices.text


TEXTS = {
    "en": (
        "tomorrow",
        "That has not happened yet.",
        "Invoice no. A-1",
        "What was said in the call with Kappa?",
        "Call logged.",
        "Next step?",
        "Contacts of Kappa",
        "Delete the contact Dana?",
        "Contact Dana deleted.",
    ),
    "ru": (
        "завтра",
        "Это ещё не произошло.",
        "Счёт № A-1",
        "О чём говорили с Kappa?",
        "Звонок записан.",
        "Следующий шаг?",
        "Контакты Kappa",
        "Удалить контакт Dana?",
        "Контакт Dana удалён.",
    ),
    "nl": (
        "morgen",
        "Dat is nog niet gebeurd.",
        "Factuurnummer A-1",
        "Wat is er besproken met Kappa?",
        "Gesprek vastgelegd.",
        "Volgende stap?",
        "Contacten van Kappa",
        "Contact Dana verwijderen?",
        "Contact Dana verwijderd.",
    ),
    "hu": (
        "holnap",
        "Ez még nem történt meg.",
        "Számlaszám: A-1",
        "Miről beszéltek ezzel: Kappa?",
        "Hívás rögzítve.",
        "Következő lépés?",
        "Kappa kapcsolattartói",
        "Törli a kapcsolattartót: Dana?",
        "Dana kapcsolattartó törölve.",
    ),
}


class TestInFourLanguages:
    @pytest.mark.parametrize("lang", sorted(TEXTS))
    async def test_logging_texts_in_the_users_language(self, team, lang):
        bot = team
        from tests.clients.test_renewals import NL_MANAGER, USERS

        user = USERS[lang]
        if lang == "nl":
            await bot.add_user(NL_MANAGER, "manager", language="nl")
        tomorrow, future, number, said, logged, nxt, listing, ask, deleted = TEXTS[lang]
        card = await bot.say(user, "/newclient Kappa")
        refused = await bot.say(user, f"/log Kappa {tomorrow} 10:00 x")
        assert refused.text.startswith(future)
        saved = await bot.say(user, "/invoice Kappa 100 EUR 2026-11-20 no A-1")
        assert number in saved.text
        mark = bot.emu.mark()
        await bot.runtime.time_moved()
        reminder = await bot.emu.wait_for_message(user.id, "A-1", since=mark)
        question = await press_for_message(
            bot, user, button(reminder, "rem:log:"), message_id=reminder.message_id
        )
        assert question.text.startswith(said)
        first, second = await say_all(bot, user, "ok", count=2)
        assert first.text == logged and second.text.startswith(nxt)
        await bot.say(user, "/cancel")
        await press_for_message(bot, user, button(card, "cl:addc:"), message_id=card.message_id)
        card = await bot.say(user, "Dana")
        contacts = await bot.press_and_edit(
            user, button(card, "cl:cts:"), message_id=card.message_id
        )
        assert contacts.text.startswith(listing)
        confirm = await bot.press_and_edit(
            user, button(contacts, "cl:cd:"), message_id=contacts.message_id
        )
        assert confirm.text == ask
        done = await press_for_message(
            bot, user, button(confirm, "cl:cdy:"), message_id=confirm.message_id
        )
        assert done.text.startswith(deleted)
