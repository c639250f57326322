"""Issue 11, items 2, 3 and 6, taken as a user would: dates typed anywhere read as in a
follow-up, the morning digest from /settings, and the defects seen in the walk.

Everything is set up through commands, typed text and button presses; the FakeClock is at
Tue 2026-11-24 09:00 UTC (10:00 in Amsterdam, 12:00 in Moscow, 10:00 in Budapest).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from handlers.datechoice import label
from sandbox.models import FakeUser
from tests.e2e.test_access import create_invite
from tests.followups.conftest import EN, HU, NL, RU, button, local

# Dates on buttons and cards are written as the cards write them (handlers.datechoice.label);
# what was stored is checked in the database, in ISO form.


async def new_client(bot, fake, name: str) -> None:
    card = await bot.say(fake, f"/newclient {name}")
    assert name in card.text


async def value(bot, sql: str, *params):
    row = await bot.services.db.fetch_one(sql, params)
    return tuple(row) if row is not None and len(row) > 1 else (row[0] if row else None)


def days(*iso: str, lang: str = "en") -> list[str]:
    return [label(datetime.fromisoformat(d), lang) for d in iso]


class TestDatesTypedAnywhere:
    async def test_contract_names_the_impossible_day_and_offers_the_nearest(self, bot, flow):
        """`/contract Globex ends 31 april 2027` used to answer "No client matches 'Globex
        ends 31'": the date is read first."""
        await flow.user(EN)
        await new_client(bot, EN, "Globex")
        answer = await bot.say(EN, "/contract Globex ends 31 april 2027 notice 30")
        assert answer.text.startswith("There is no 31 April. Which day do you mean?")
        assert [text for text, _ in answer.buttons[0]] == days("2027-04-30", "2027-05-01")
        saved = await flow.press_for_message(EN, answer.buttons[0][0][1], answer.message_id)
        assert saved.text.startswith("Contract of Globex ends")
        assert await value(bot, "SELECT end_on FROM contracts") == "2027-04-30"

    async def test_invoice_due_date_in_words_in_hungarian(self, bot, flow):
        await flow.user(HU)
        await new_client(bot, HU, "Kovács Kft")
        saved = await bot.say(HU, "/invoice Kovács Kft 1200 HUF esedékes jövő hét kedd")
        assert saved.text.startswith("Számla – Kovács Kft:")
        assert await value(bot, "SELECT due_on FROM invoices") == "2026-12-01"

    async def test_away_wizard_reads_russian_words(self, bot, flow):
        await flow.user(RU)
        await bot.say(RU, "/away")
        until = await bot.say(RU, "завтра")
        assert until.text.startswith("По какой день")
        deputies = await bot.say(RU, "через неделю")
        assert deputies.buttons  # the deputy question: both days were understood
        await flow.press_for_message(RU, button(deputies, "team:away:dep:0"), deputies.message_id)
        reasons = bot.emu.messages(RU.id)[-1]
        done = await flow.press_for_message(
            RU, button(reasons, "team:away:why:-"), reasons.message_id
        )
        assert done.text.startswith("Отсутствие с")
        period = await value(bot, "SELECT start_on, end_on FROM absences")
        assert period == ("2026-11-25", "2026-12-01")

    async def test_away_wizard_offers_buttons_for_an_impossible_day(self, bot, flow):
        await flow.user(EN)
        await bot.say(EN, "/away")
        asked = await bot.say(EN, "31 april 2027")
        assert asked.text.startswith("There is no 31 April.")
        until = await flow.press_for_message(EN, asked.buttons[0][0][1], asked.message_id)
        assert until.text.startswith("Until")

    async def test_newclient_renewal_date_in_dutch_words(self, bot, flow):
        await flow.user(NL)
        await bot.say(NL, "/newclient")
        step = await bot.say(NL, "Jansen BV")
        for _ in range(5):  # contact, phone, e-mail, segment, key account: skipped
            step = await flow.press_for_message(NL, button(step, "cl:nc:skip"), step.message_id)
        step = await bot.say(NL, "31 april 2027")
        assert step.text.startswith("31 april bestaat niet.")
        step = await flow.press_for_message(NL, step.buttons[0][0][1], step.message_id)
        for _ in range(2):  # payment terms, notes
            step = await flow.press_for_message(NL, button(step, "cl:nc:skip"), step.message_id)
        client = await bot.services.clients.find("Jansen BV")
        assert client.renewal_date == date(2027, 4, 30)

    async def test_snooze_other_time_in_words_and_an_impossible_day(self, bot, flow):
        await flow.user(EN)
        card = await bot.say(EN, "call the bank in 5 minutes")
        await flow.save(EN, card)
        mark = bot.emu.mark()
        await flow.advance(minutes=6)
        delivered = await bot.emu.wait_for_message(EN.id, "call the bank", since=mark)
        other = next(d for d in delivered.callback_data if d.endswith(":c"))
        await flow.press_for_message(EN, other, delivered.message_id)
        asked = await bot.say(EN, "31 april 2027 11:00")
        assert asked.text.startswith("There is no 31 April.")
        assert asked.buttons[0][0][0] == label(datetime(2027, 4, 30, 11, 0), "en", day=False)
        moved = await flow.press_for_message(EN, asked.buttons[0][0][1], asked.message_id)
        assert "moved to" in moved.text
        (row,) = await flow.reminders()
        assert local(row["due_at"], "Europe/Amsterdam").isoformat() == "2027-04-30T11:00:00+02:00"
        after = await bot.say(EN, "call the notary friday 10:00")  # not taken as a snooze time
        assert after.text.startswith("📞 Call · no client · ")
        assert "call the notary" in after.text

    async def test_card_remind_in_dutch_words(self, bot, flow):
        await flow.user(NL)
        await new_client(bot, NL, "Jansen BV")
        card = await bot.say(NL, "/client jansen")
        await flow.press_for_message(NL, button(card, "cl:rem:"), card.message_id)
        confirm = await bot.say(NL, "vrijdag bellen over de offerte")
        assert confirm.text.startswith("📞 Bellen · Jansen BV · ")
        _, row = await flow.save(NL, confirm)
        assert row["text"].startswith("bellen over de offerte")
        assert local(row["due_at"], "Europe/Amsterdam").isoformat() == "2026-11-27T09:00:00+01:00"


class TestMorningDigest:
    async def test_digest_switched_on_in_settings_arrives_the_next_morning(self, bot, flow):
        await flow.user(EN)
        menu = await bot.say(EN, "/settings")
        assert "Morning digest: off" in menu.text
        choices = await bot.press_and_edit(EN, "set:menu:digest", message_id=menu.message_id)
        assert [text for text, _ in choices.buttons[0]] == ["07:00", "08:00", "09:00", "10:00"]
        menu = await bot.press_and_edit(EN, "set:digest:420", message_id=menu.message_id)
        assert "Morning digest: 07:00" in menu.text
        card = await bot.say(EN, "call Acme tomorrow 15:00")
        await bot.press_and_edit(EN, button(card, "fu:w:"), message_id=card.message_id)
        card = bot.emu.messages(EN.id)[-1]
        await flow.save(EN, card)
        mark = bot.emu.mark()
        await flow.advance(days=1)  # Wed 10:00 Amsterdam: past 07:00
        digest = await bot.emu.wait_for_message(EN.id, "Good morning", since=mark)
        assert "call" in digest.text

    async def test_digest_time_typed_and_switched_off_in_hungarian(self, bot, flow):
        await flow.user(HU)
        menu = await bot.say(HU, "/settings")
        await bot.press_and_edit(HU, "set:menu:digest", message_id=menu.message_id)
        asked = await bot.press_and_edit(HU, "set:digestother", message_id=menu.message_id)
        assert asked.text.startswith("Írja be a reggeli összefoglaló idejét")
        bad = await bot.say(HU, "reggel")
        assert bad.text.startswith("„reggel” nem napszak-időpont.")
        saved = await bot.say(HU, "7.30")
        assert re.search(r"Reggeli összefoglaló: 0?7:30", saved.text)
        await bot.press_and_edit(HU, "set:menu:digest", message_id=saved.message_id)
        off = await bot.press_and_edit(HU, "set:digest:off", message_id=saved.message_id)
        assert "Reggeli összefoglaló: kikapcsolva" in off.text

    async def test_a_new_user_gets_the_digest_at_the_working_hour_and_is_told(self, bot):
        code = await create_invite(bot, "manager")
        newcomer = FakeUser(4190, "Nora", language_code="en")
        bot.emu.add_user(newcomer)
        welcome = await bot.say(newcomer, f"/start {code}")
        assert "Every morning at 09:00 I send you a digest" in welcome.text
        menu = await bot.say(newcomer, "/settings")
        assert "Morning digest: 09:00" in menu.text


class TestDefects:
    async def test_unknown_command_points_to_help(self, bot, flow):
        await flow.user(RU)
        answer = await bot.say(RU, "/foobar")
        assert answer.text == "Команды /foobar нет. /help покажет, что я умею."

    async def test_time_zone_typed_in_lower_case_is_accepted(self, bot, flow):
        await flow.user(EN)
        menu = await bot.say(EN, "/settings")
        await bot.press_and_edit(EN, "set:menu:tz", message_id=menu.message_id)
        await bot.press_and_edit(EN, "set:tzother", message_id=menu.message_id)
        saved = await bot.say(EN, "europe/budapest")
        assert "Time zone: Budapest (Europe/Budapest)" in saved.text

    async def test_follow_up_finds_a_client_by_part_of_its_name(self, bot, flow):
        await flow.user(EN)
        await new_client(bot, EN, "Schneider Logistik GmbH")
        card = await bot.say(EN, "call Logistik tomorrow at 15:00")
        assert card.text.startswith("📞 Call · Schneider Logistik GmbH · ")
        assert "fu:s:" in " ".join(card.callback_data)

    async def test_follow_up_never_takes_a_loosely_similar_client(self, bot, flow):
        """/client may open a near card; a follow-up naming another company must ask."""
        await flow.user(HU)
        await new_client(bot, HU, "Jansen Installatietechniek BV")
        card = await bot.say(HU, "holnap 10-kor hívjam fel a Minta Bt-t")
        assert "Jansen" not in card.text
        assert "fu:nc:" in " ".join(card.callback_data)

    async def test_create_client_name_is_editable_and_cancel_says_it_stays(self, bot, flow):
        await flow.user(HU)
        card = await bot.say(HU, "holnap 10-kor hívjam fel a Minta Bt-t")
        ask = await flow.press_for_message(HU, button(card, "fu:nc:"), card.message_id)
        assert ask.text.startswith("„Minta Bt” néven hozzam létre az ügyfelet?")  # no "-t"
        created = await bot.say(HU, "Minta Betéti Társaság")  # typed: the name is editable
        assert "Minta Betéti Társaság ·" in created.text
        cancelled = await bot.press_and_edit(
            HU, button(created, "fu:x:"), message_id=created.message_id
        )
        assert cancelled.text.startswith("Megszakítva; emlékeztető nem lett mentve.")
        assert "Minta Betéti Társaság" in cancelled.text
        card = await bot.say(HU, "/client minta")
        assert card.text.startswith("Minta Betéti Társaság")

    async def test_paid_in_overdue_marks_the_item_and_keeps_the_others(self, bot, flow):
        await flow.user(EN)
        await new_client(bot, EN, "Acme GmbH")
        await new_client(bot, EN, "Globex")
        await bot.say(EN, "/invoice Acme GmbH 100 EUR due 2026-11-01")
        await bot.say(EN, "/invoice Globex 200 EUR due 2026-11-02")
        listing = await bot.say(EN, "/overdue")
        assert len(listing.buttons) == 2
        first, second = listing.buttons[0][0][1], listing.buttons[1][0][1]
        edited = await bot.press_and_edit(EN, first, message_id=listing.message_id)
        lines = edited.text.splitlines()
        assert len(lines) == 3 and lines[1].endswith("— ✅ paid") and "✅" not in lines[2]
        assert [row[0][1] for row in edited.buttons] == [second]

    async def test_resolved_in_complaints_updates_the_list(self, bot, flow):
        await flow.user(EN)
        await new_client(bot, EN, "Acme GmbH")
        await bot.say(EN, "/log Acme GmbH complaint late delivery")
        await bot.say(EN, "/log Acme GmbH complaint wrong invoice")
        listing = await bot.say(EN, "/complaints")
        assert len(listing.buttons) == 2
        edited = await bot.press_and_edit(
            EN, listing.buttons[1][0][1], message_id=listing.message_id
        )
        assert edited.text.splitlines()[2].endswith("— ✅ resolved")
        assert len(edited.buttons) == 1


class TestPastDays:
    async def test_a_renewal_date_in_the_past_offers_today_and_next_year(self, bot, flow):
        await flow.user(EN)
        await bot.say(EN, "/newclient")
        step = await bot.say(EN, "Globex")
        for _ in range(5):  # contact, phone, e-mail, segment, key account: skipped
            step = await flow.press_for_message(EN, button(step, "cl:nc:skip"), step.message_id)
        step = await bot.say(EN, "2026-03-01")
        assert step.text.startswith("“2026-03-01” is a day in the past.")
        assert [text for text, _ in step.buttons[0]] == days("2026-11-24", "2027-03-01")
        step = await flow.press_for_message(EN, step.buttons[0][1][1], step.message_id)
        assert step.text.startswith("Payment terms")
        for _ in range(2):  # payment terms, notes
            step = await flow.press_for_message(EN, button(step, "cl:nc:skip"), step.message_id)
        assert (await bot.services.clients.find("Globex")).renewal_date == date(2027, 3, 1)

    async def test_a_snooze_to_a_past_time_offers_a_later_one(self, bot, flow):
        await flow.user(RU)
        card = await bot.say(RU, "позвонить в банк через 5 минут")
        await flow.save(RU, card)
        (row,) = await flow.reminders()
        asked = await bot.say(RU, f"/snooze {row['id']} вчера в 10:00")
        assert asked.text.startswith("«вчера в 10:00» уже прошло.")
        moved = await flow.press_for_message(RU, asked.buttons[0][0][1], asked.message_id)
        assert moved.text.startswith(f"⏰ #{row['id']} перенесено на")
        (row,) = await flow.reminders()
        assert local(row["due_at"], "Europe/Moscow").isoformat() == "2026-11-25T10:00:00+03:00"


class TestOutOfDate:
    async def test_a_button_on_the_card_before_the_users_own_edit_blames_nobody(self, bot, flow):
        await flow.user(EN)
        await new_client(bot, EN, "Acme GmbH")
        card = await bot.say(EN, "/client acme")
        cid = next(d for d in card.callback_data if d.startswith("cl:edit:")).split(":")[2]
        old = await bot.say(EN, "/client acme")  # a second copy of the same card
        await bot.press_and_edit(EN, f"cl:edit:{cid}:1", message_id=card.message_id)
        await bot.press_and_edit(EN, f"cl:em:{cid}:1:segment", message_id=card.message_id)
        await flow.press_for_message(EN, f"cl:ev:{cid}:1:segment:large", card.message_id)
        await bot.press_and_edit(EN, f"cl:edit:{cid}:1", message_id=old.message_id)
        await bot.press_and_edit(EN, f"cl:em:{cid}:1:segment", message_id=old.message_id)
        answer = await flow.press_for_message(EN, f"cl:ev:{cid}:1:segment:small", old.message_id)
        assert answer.text.startswith("This card is out of date: it was changed since.")
        assert "someone else" not in answer.text
