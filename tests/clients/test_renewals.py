"""Renewals close the loop, through the emulator and only through what users do: the renewal
date typed in /newclient, Edit or a CSV drives the contract, its reminder and /renewals;
Renewed and Not renewing settle it. The clock starts Tue, 24 Nov 2026 10:00 Amsterdam."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot import fmt
from sandbox.models import FakeUser
from tests.clients.conftest import (
    ADMIN,
    MANAGER,
    OTHER,
    RU_MANAGER,
    VIEWER,
    press_for_message,
)
from tests.clients.test_transfer import send_csv

NL_MANAGER = FakeUser(2105, "Noor", language_code="nl")


def current(bot, user, message):
    """The message as it is now in the user's chat (after any edits)."""
    (found,) = [m for m in bot.emu.messages(user.id) if m.message_id == message.message_id]
    return found


def ids(message, prefix: str) -> list[int]:
    """The ids in the message's buttons of the form `prefix:<id>...`."""
    return [
        int(d.split(":")[len(prefix.split(":"))])
        for d in message.callback_data
        if d.startswith(prefix + ":")
    ]


async def new_client_with_renewal(bot, user, name: str, renewal: str) -> int:
    """/newclient NAME, then Edit -> Renewal on the card, typed like a user would."""
    card = await bot.say(user, f"/newclient {name}")
    (edit,) = [d for d in card.callback_data if d.startswith("cl:edit:")]
    _, _, cid, ver = edit.split(":")
    menu = await bot.press_and_edit(user, edit, message_id=card.message_id)
    ask = await press_for_message(
        bot, user, f"cl:ef:{cid}:{ver}:renewal_date", message_id=menu.message_id
    )
    assert ask.reply_markup is None or "cl:ef" not in str(ask.callback_data)
    saved = await bot.say(user, renewal)
    shown = renewal
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", renewal):  # the card writes it as Babel does
        shown = fmt.iso_day(renewal, user.language_code or "en")
    assert shown in saved.text, saved.text
    return int(cid)


async def at(bot, *moment: int) -> None:
    """The sandbox clock moves to a UTC moment and the bot notices."""
    bot.clock.set(datetime(*moment, tzinfo=UTC))
    await bot.runtime.time_moved()


class TestRenewedFromTheReminder:
    async def test_edit_date_reminder_renewed_a_year_on_and_rearmed(self, team):
        bot = team
        await new_client_with_renewal(bot, MANAGER, "Acme GmbH", "2027-01-10")
        listing = await bot.say(MANAGER, "/renewals")
        assert "10 Jan 2027 Acme GmbH" in listing.text
        assert ids(listing, "ct:ren") and ids(listing, "ct:not")
        # no notice period: reminded 30 days before the end, at the working hour
        mark = bot.emu.mark()
        await at(bot, 2026, 12, 11, 8, 0)
        reminder = await bot.emu.wait_for_message(MANAGER.id, "📄", since=mark)
        assert "Acme GmbH" in reminder.text and "10 Jan 2027" in reminder.text
        (contract,) = ids(reminder, "ct:ren")
        ask = await press_for_message(
            bot, MANAGER, f"ct:ren:{contract}", message_id=reminder.message_id
        )
        assert ask.text.startswith(
            "Acme GmbH: the contract ends Sun, 10 Jan 2027. Until when is it renewed?"
        )
        assert f"ct:rdef:{contract}" in ask.callback_data
        done = await press_for_message(
            bot, MANAGER, f"ct:rdef:{contract}", message_id=ask.message_id
        )
        assert done.text.startswith("✅ Acme GmbH renewed: the contract now ends Mon, 10 Jan 2028.")
        assert "I will remind you on Sat, 11 Dec 2027" in done.text
        # the reminder is settled: its buttons are gone
        await bot.emu.state.wait_until(
            lambda: not current(bot, MANAGER, reminder).callback_data or None, 5
        )
        card = await bot.say(MANAGER, "/client acme")
        assert "Renewal: 10 Jan 2028" in card.text
        assert "10 Jan 2028" in card.text and "10 Jan 2027" not in card.text
        empty = await bot.say(MANAGER, "/renewals")
        assert empty.text == "No contracts end in the next 90 days."
        # pressing Renewed on the older /renewals copy: settled, nothing changes
        again = await bot.press(MANAGER, f"ct:ren:{contract}:l", message_id=listing.message_id)
        (answer,) = bot.emu.callback_answers(again)
        assert (
            answer["text"]
            == "The contract of Acme GmbH is already settled (renewed or not renewing)."
        )
        # the next reminder is armed for the new contract
        mark = bot.emu.mark()
        await at(bot, 2027, 12, 11, 8, 0)
        rearmed = await bot.emu.wait_for_message(MANAGER.id, "📄", since=mark)
        assert "10 Jan 2028" in rearmed.text and "Acme GmbH" in rearmed.text

    async def test_a_typed_end_date_in_dutch_and_a_past_one_refused(self, team):
        bot = team
        await bot.add_user(NL_MANAGER, "manager", language="nl")
        await new_client_with_renewal(bot, NL_MANAGER, "Jansen BV", "2027-01-31")
        listing = await bot.say(NL_MANAGER, "/renewals")
        assert listing.text.startswith("<b>Verlengingen") or "Verlengingen" in listing.text
        (contract,) = ids(listing, "ct:ren")
        ask = await press_for_message(
            bot, NL_MANAGER, f"ct:ren:{contract}:l", message_id=listing.message_id
        )
        assert ask.text.startswith("Jansen BV: het contract loopt af op")
        past = await bot.say(NL_MANAGER, "gisteren")
        assert "ligt in het verleden" in past.text
        vague = await bot.say(NL_MANAGER, "ooit")
        assert vague.text.startswith("Ik vond geen datum in “ooit”")
        earlier = await bot.say(NL_MANAGER, "15 januari 2027")
        assert earlier.text.startswith("Het verlengde contract moet na 31 jan 2027 aflopen.")
        done = await bot.say(NL_MANAGER, "31 maart 2028")
        assert done.text.startswith("✅ Jansen BV verlengd: het contract loopt nu af op")
        assert "31 mrt 2028" in done.text
        # the list is shown again in place, without the renewed contract
        await bot.emu.state.wait_until(
            lambda: "Jansen" not in current(bot, NL_MANAGER, listing).text or None, 5
        )
        assert current(bot, NL_MANAGER, listing).text == (
            "Er lopen de komende 90 dagen geen contracten af."
        )
        card = await bot.say(NL_MANAGER, "/client jansen")
        assert "31 mrt 2028" in card.text


class TestNotRenewing:
    async def test_not_renewing_in_russian_then_client_lost(self, team):
        bot = team
        await bot.say(RU_MANAGER, "/newclient")
        for answer in ("Ромашка", None, None, None, None, None):
            if answer is None:
                step = bot.emu.messages(RU_MANAGER.id)[-1]
                await press_for_message(bot, RU_MANAGER, "cl:nc:skip", message_id=step.message_id)
            else:
                await bot.say(RU_MANAGER, answer)
        step = bot.emu.messages(RU_MANAGER.id)[-1]
        assert step.text.startswith("Дата продления")
        await bot.say(RU_MANAGER, "2027-02-01")
        for _ in range(2):
            step = bot.emu.messages(RU_MANAGER.id)[-1]
            await press_for_message(bot, RU_MANAGER, "cl:nc:skip", message_id=step.message_id)
        listing = await bot.say(RU_MANAGER, "/renewals")
        assert "1 февр. 2027\u202fг. Ромашка" in listing.text
        (contract,) = ids(listing, "ct:not")
        ask = await press_for_message(
            bot, RU_MANAGER, f"ct:not:{contract}:l", message_id=listing.message_id
        )
        assert ask.text.startswith("Почему Ромашка не продлевает?")
        ended = await bot.say(RU_MANAGER, "ушли к конкуренту")
        assert ended.text.startswith("Ромашка не продлевает (ушли к конкуренту).")
        assert f"ct:lost:{contract}" in ended.callback_data
        lost = await press_for_message(
            bot, RU_MANAGER, f"ct:lost:{contract}", message_id=ended.message_id
        )
        assert lost.text == "Ромашка отмечен как потерянный клиент."
        card = await bot.say(RU_MANAGER, "/client ромашка")
        assert "ушли к конкуренту" in card.text
        empty = await bot.say(RU_MANAGER, "/renewals")
        assert empty.text == "В ближайшие 90 дней договоры не заканчиваются."
        # no renewal reminder comes for the ended contract
        mark = bot.emu.mark()
        await at(bot, 2027, 1, 2, 8, 0)
        await bot.say(RU_MANAGER, "/help")
        assert not [m for m in bot.emu.messages(RU_MANAGER.id, since=mark) if "📄" in m.text]


class TestContractTerms:
    async def test_title_value_and_offset_in_hungarian_and_a_passed_deadline(self, team):
        bot = team
        await bot.say(OTHER, "/newclient Minta Kft")
        saved = await bot.say(
            OTHER,
            "/contract Minta Kft vége 2027-01-20 felmondás 60 cím Support érték 12000 EUR"
            " emlékeztető 10",
        )
        assert saved.text.startswith(
            "Minta Kft szerződésének vége: 2027. jan. 20., felmondás 60 nap."
        )
        assert "Megnevezés: Support; érték:" in saved.text and "10 nappal" in saved.text
        listing = await bot.say(OTHER, "/renewals")
        assert "2027. jan. 20. Minta Kft: Support" in listing.text
        assert "12\xa0000,00\xa0EUR" in listing.text
        # notice deadline 2026-11-21 is already over on 24 Nov
        assert "⚠️ a felmondási határidő lejárt" in listing.text

    async def test_contract_keeps_working_in_english_and_refuses_31_april(self, team):
        bot = team
        await bot.say(MANAGER, "/newclient Globex")
        bad = await bot.say(MANAGER, "/contract Globex ends 31 april 2027")
        assert bad.text.startswith("There is no 31 April. Which day do you mean?")
        ok = await bot.say(MANAGER, "/contract Globex ends 30 april 2027 remind 45")
        assert ok.text.startswith("Contract of Globex ends 30 Apr 2027, notice 0 days.")
        assert "renewal reminder 45 days before the notice deadline" in ok.text
        card = await bot.say(MANAGER, "/client globex")
        assert "Renewal: 30 Apr 2027" in card.text


class TestTeamView:
    async def test_admin_and_viewer_see_the_team_managers_their_own(self, team):
        bot = team
        await new_client_with_renewal(bot, MANAGER, "Acme GmbH", "2027-01-10")
        await bot.say(OTHER, "/newclient Minta Kft")
        await bot.say(OTHER, "/contract Minta Kft vége 2027-02-10")
        admin = await bot.say(ADMIN, "/renewals")
        assert admin.text.startswith("<b>Team renewals") or "Team renewals" in admin.text
        assert "Acme GmbH" in admin.text and "· Max" in admin.text
        assert "Minta Kft" in admin.text and "· Olga" in admin.text
        assert len(ids(admin, "ct:ren")) == 2
        viewer = await bot.say(VIEWER, "/renewals")
        assert "Verlengingen van het team" in viewer.text and "Acme GmbH" in viewer.text
        assert not viewer.callback_data  # viewers never write
        own = await bot.say(MANAGER, "/renewals")
        assert "Acme GmbH" in own.text and "Minta Kft" not in own.text
        assert len(ids(own, "ct:ren")) == 1


class TestCsv:
    async def test_import_renewal_and_cadence(self, team):
        bot = team
        content = b"Name;Renewal date;Cadence\nInitech;2027-01-15;10\nUmbrella;;\n"
        await bot.say(MANAGER, "/import")
        report = await send_csv(bot, MANAGER, content)
        assert re.search(r"\b2\b", report.text), report.text
        listing = await bot.say(MANAGER, "/renewals")
        assert "15 Jan 2027 Initech" in listing.text and "Umbrella" not in listing.text
        card = await bot.say(MANAGER, "/client initech")
        assert "Contact every 10 days" in card.text


class TestFollowUpOffsets:
    async def test_contract_end_with_an_offset_is_applied_to_the_contract(self, team):
        bot = team
        await bot.say(MANAGER, "/newclient Acme GmbH")
        card = await bot.say(MANAGER, "Acme contract ends March 1, remind me 30 days before")
        assert "Acme GmbH" in card.text
        assert "contract ends Mon, 1 Mar 2027, reminder 30 days before" in card.text
        assert "no time" not in card.text
        (save,) = [d for d in card.callback_data if d.startswith("fu:s:")]
        saved = await bot.press_and_edit(MANAGER, save, message_id=card.message_id)
        assert saved.text == (
            "✅ Saved: the contract of Acme GmbH ends Mon, 1 Mar 2027; "
            "the renewal reminder comes Sat, 30 Jan 2027."
        )
        client = await bot.say(MANAGER, "/client acme")
        assert "Renewal: 1 Mar 2027" in client.text
        mark = bot.emu.mark()
        await at(bot, 2027, 1, 30, 8, 0)
        reminder = await bot.emu.wait_for_message(MANAGER.id, "📄", since=mark)
        assert "1 Mar 2027" in reminder.text and "ct:ren:" in str(reminder.callback_data)

    async def test_days_before_the_contract_end_uses_the_clients_contract_in_russian(self, team):
        bot = team
        await bot.say(RU_MANAGER, "/newclient Ромашка")
        await bot.say(RU_MANAGER, "/contract Ромашка до 2027-02-01")
        card = await bot.say(RU_MANAGER, "за 10 дней до окончания договора позвонить Ромашке")
        assert "Ромашка" in card.text and "22 янв" in card.text
        (save,) = [d for d in card.callback_data if d.startswith("fu:s:")]
        saved = await bot.press_and_edit(RU_MANAGER, save, message_id=card.message_id)
        assert saved.text.startswith("✅")
        renewal = await bot.say(
            RU_MANAGER, "напомни о продлении Ромашки за 20 дней до окончания договора"
        )
        assert "договор до" in renewal.text and "напомнить за 20 дней" in renewal.text
        (save,) = [d for d in renewal.callback_data if d.startswith("fu:s:")]
        saved = await bot.press_and_edit(RU_MANAGER, save, message_id=renewal.message_id)
        assert saved.text.startswith("✅ Сохранено: договор с Ромашка до")

    async def test_no_client_then_a_client_without_contract_is_asked_about(self, team):
        bot = team
        await bot.say(MANAGER, "/newclient Initech")
        await bot.say(MANAGER, "/newclient Globex")
        await bot.say(MANAGER, "/contract Globex ends 2027-02-10")
        card = await bot.say(MANAGER, "remind me 30 days before the contract end")
        assert "Which client's contract?" in card.text
        assert not [d for d in card.callback_data if d.startswith("fu:s:")]
        (change,) = [d for d in card.callback_data if d.startswith("fu:c:")]
        ask = await press_for_message(bot, MANAGER, change, message_id=card.message_id)
        assert "fu:w:" in str(ask.callback_data)
        choices = await bot.say(MANAGER, "Initech")
        (pick,) = [d for d in choices.callback_data if d.startswith("fu:p:")]
        asked = await bot.press_and_edit(MANAGER, pick, message_id=choices.message_id)
        assert "Initech has no contract end date yet" in asked.text
        assert not [d for d in asked.callback_data if d.startswith("fu:s:")]
        globex = await bot.say(MANAGER, "Globex: remind me 30 days before the contract end")
        assert "contract ends Wed, 10 Feb 2027, reminder 30 days before" in globex.text


FOUR = {
    "en": (
        "Renewals in the next 90 days",
        "✅ Renewed: Kappa",
        ": the contract ends",
        "✅ Kappa renewed: the contract now ends",
        "Why is Kappa not renewing?",
        "Kappa is not renewing (budget).",
        "Kappa is now marked as lost.",
    ),
    "ru": (
        "Продления в ближайшие 90 дней",
        "✅ Продлён: Kappa",
        ": договор действует до",
        "✅ Kappa: договор продлён до",
        "Почему Kappa не продлевает?",
        "Kappa не продлевает (budget).",
        "Kappa отмечен как потерянный клиент.",
    ),
    "nl": (
        "Verlengingen in de komende 90 dagen",
        "✅ Verlengd: Kappa",
        ": het contract loopt af op",
        "✅ Kappa verlengd: het contract loopt nu af op",
        "Waarom verlengt Kappa niet?",
        "Kappa verlengt niet (budget).",
        "Kappa staat nu als verloren.",
    ),
    "hu": (
        "Megújítások a következő 90 napban",
        "✅ Megújítva: Kappa",
        ": a szerződés lejárata",
        "✅ Kappa megújítva: a szerződés lejárta most",
        "Miért nem újítja meg: Kappa?",
        "Kappa nem újítja meg (budget).",
        "Kappa mostantól elveszett ügyfél.",
    ),
}
USERS = {"en": MANAGER, "ru": RU_MANAGER, "nl": NL_MANAGER, "hu": OTHER}


class TestInFourLanguages:
    @pytest.mark.parametrize("lang", sorted(FOUR))
    async def test_renewed_and_not_renewing_speak_the_users_language(self, team, lang):
        bot = team
        user = USERS[lang]
        if lang == "nl":
            await bot.add_user(NL_MANAGER, "manager", language="nl")
        title, button, asked, renewed, why, ended, lost = FOUR[lang]
        for name, end in (("Kappa", "2027-01-05"), ("Sigma", "2027-01-06")):
            await bot.say(user, f"/newclient {name}")
            await bot.say(user, f"/contract {name} {end}")
        listing = await bot.say(user, "/renewals")
        assert title in listing.text
        assert button in [label for row in listing.buttons for label, _ in row]
        first, second = ids(listing, "ct:ren")
        ask = await press_for_message(bot, user, f"ct:ren:{first}:l", message_id=listing.message_id)
        assert ask.text.startswith("Kappa" + asked)
        done = await press_for_message(
            bot, user, button_data(ask, "ct:rdef:"), message_id=ask.message_id
        )
        assert done.text.startswith(renewed)
        listing = await bot.say(user, "/renewals")
        question = await press_for_message(
            bot, user, f"ct:not:{second}:l", message_id=listing.message_id
        )
        assert question.text.startswith(why.replace("Kappa", "Sigma"))
        answer = await bot.say(user, "budget")
        assert answer.text.startswith(ended.replace("Kappa", "Sigma"))
        marked = await press_for_message(
            bot, user, button_data(answer, "ct:lost:"), message_id=answer.message_id
        )
        assert marked.text == lost.replace("Kappa", "Sigma")


def button_data(message, prefix: str) -> str:
    (found,) = [d for d in message.callback_data if d.startswith(prefix)]
    return found


class TestFollowUpOffsetsInDutchAndHungarian:
    @pytest.mark.parametrize(
        ("lang", "typed", "shown", "saved"),
        [
            (
                "nl",
                "contract Kappa loopt af op 1 maart, herinner me 30 dagen van tevoren",
                "contract loopt af op ma 1 mrt 2027, herinnering 30 dagen ervoor",
                "✅ Opgeslagen: het contract van Kappa loopt af op ma 1 mrt 2027",
            ),
            (
                "hu",
                "Kappa 30 nappal a szerződés lejárta előtt",
                "a szerződés lejár: 2027. márc. 1., H, emlékeztető 30 nappal előtte",
                "✅ Mentve: Kappa szerződése lejár: 2027. márc. 1., H",
            ),
        ],
    )
    async def test_offsets_read_in_the_users_language(self, team, lang, typed, shown, saved):
        bot = team
        user = USERS[lang]
        if lang == "nl":
            await bot.add_user(NL_MANAGER, "manager", language="nl")
        await bot.say(user, "/newclient Kappa")
        if lang == "hu":
            await bot.say(user, "/contract Kappa vége 2027-03-01")
        card = await bot.say(user, typed)
        assert shown in card.text
        done = await bot.press_and_edit(
            user, button_data(card, "fu:s:"), message_id=card.message_id
        )
        assert done.text.startswith(saved)


class TestReport:
    @pytest.mark.parametrize(
        ("lang", "line"),
        [("en", "Renewals due: 2 · renewed: 1"), ("ru", "Продления в периоде: 2 · продлено: 1")],
    )
    async def test_renewal_dates_and_renewed_count_in_the_report(self, team, lang, line):
        bot = team
        user = USERS[lang]
        await new_client_with_renewal(bot, user, "Acme GmbH", "2026-11-27")
        await new_client_with_renewal(bot, user, "Beta", "2026-11-28")
        listing = await bot.say(user, "/renewals")
        first = ids(listing, "ct:ren")[0]
        ask = await press_for_message(bot, user, f"ct:ren:{first}:l", message_id=listing.message_id)
        await press_for_message(bot, user, button_data(ask, "ct:rdef:"), message_id=ask.message_id)
        menu = await bot.say(user, "/report")
        mark = bot.emu.mark()
        await bot.press(user, "rep:p:m:0", message_id=menu.message_id)
        summary = await bot.emu.wait_for_message(user.id, lambda m: m.kind == "text", since=mark)
        assert line in summary.text
