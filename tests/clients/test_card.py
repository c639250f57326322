"""The client card: what it shows, editing from it, status, owners, read-only, races."""

import asyncio
import json

import pytest

from bot.errors import Conflict, NotAllowed
from bot.services.contracts import Terms
from tests.clients.conftest import (
    ADMIN,
    MANAGER,
    OTHER,
    RU_MANAGER,
    VIEWER,
    audit_rows,
    make_client,
    press_for_message,
)


async def user(bot, fake):
    return await bot.services.access.user(fake.id)


class TestCardContent:
    async def test_card_shows_fields_contacts_interactions_invoices_reminder_contract(self, team):
        bot = team
        cid = await make_client(
            bot,
            MANAGER,
            "Acme GmbH",
            phone="+31 20 123 4567",
            segment="large",
            renewal_date="2027-01-31",
            payment_terms_days="30",
        )
        max_ = await user(bot, MANAGER)
        await bot.services.clients.add_contact(
            max_, cid, "Dana", role="CFO", email="dana@acme.example", decision_maker=True
        )
        for n in range(7):
            await bot.services.records.log(max_, cid, "call", f"call number {n}")
        await bot.services.records.add_invoice(max_, cid, "1200.50", "EUR", "2026-12-15")
        await bot.services.records.add_invoice(max_, cid, "99", "eur", "2026-11-01")
        await bot.services.contracts.set_terms(
            max_, cid, Terms(end_on="2027-03-31", notice_days=60)
        )
        due = bot.services.dates.read(max_, "2026-12-01 10:00").epoch
        await bot.services.reminders.create(max_, text="Acme", due_at=due, client_id=cid)
        card = await bot.say(MANAGER, "/client acme")
        text = card.text
        assert text.startswith("Acme GmbH · active · large")
        assert "Owner: Max Manager" in text and "+31 20 123 4567" in text
        assert "Dana, CFO, dana@acme.example ★ decision-maker" in text
        shown = [n for n in range(7) if f"call number {n}" in text]
        assert shown == [2, 3, 4, 5, 6]  # the last five
        assert text.index("call number 6") < text.index("call number 2")  # newest first
        assert "Renewal: 31 Mar 2027" in text and "Payment terms: 30 days" in text
        assert "€1,200.50, due 15 Dec 2026" in text
        assert "€99.00, due 1 Nov 2026 ⚠️ overdue" in text
        assert "Next reminder: Tue 1 Dec 10:00" in text
        assert "Last contact: Tue 24 Nov 10:00 (1 minute ago)" in text
        assert "Contract ends: 31 Mar 2027 (notice 60 days)" in text
        assert {f"cl:log:{cid}:call", f"cl:rem:{cid}", f"cl:inv:{cid}"} <= set(card.callback_data)
        assert not any(d.startswith("cl:own:") for d in card.callback_data)  # admin only

    async def test_card_in_hungarian_uses_hungarian_number_format(self, team):
        cid = await make_client(team, OTHER, "Kovács Kft.")
        await team.services.records.add_invoice(
            await user(team, OTHER), cid, "1200,5", "EUR", "2026-12-15"
        )
        await team.services.records.add_invoice(
            await user(team, OTHER), cid, "1 850 000", "HUF", "2026-12-16"
        )
        card = await team.say(OTHER, "/client kovacs")
        assert "1\xa0200,50\xa0EUR, esedékes 2026. dec. 15." in card.text
        assert "1\xa0850\xa0000\xa0Ft, esedékes 2026. dec. 16." in card.text
        assert "Felelős: Olga" in card.text

    async def test_a_reminder_button_opens_the_card(self, team):
        cid = await make_client(team, MANAGER, "Globex")
        from handlers.common import keyboard

        markup = keyboard([[("Open", f"cl:open:{cid}")]])
        sent = await team.runtime.app.bot.send_message(
            MANAGER.id, "Call Globex", reply_markup=markup
        )
        card = await press_for_message(team, MANAGER, f"cl:open:{cid}", message_id=sent.message_id)
        assert card.text.startswith("Globex · active")


class TestEditing:
    async def test_edit_a_text_field_from_the_card(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        card = await team.say(MANAGER, "/client acme")
        menu = await team.press_and_edit(MANAGER, f"cl:edit:{cid}:1", message_id=card.message_id)
        assert "What do you want to change?" in menu.text
        ask = await press_for_message(
            team, MANAGER, f"cl:ef:{cid}:1:phone", message_id=card.message_id
        )
        assert ask.text.startswith("Type the new value for “Phone”")
        bad = await team.say(MANAGER, "call me maybe")
        assert bad.text.startswith("“call me maybe” is not a phone number.")
        good = await team.say(MANAGER, "+36 1 234 5678")
        assert good.text.startswith("Saved.") and "Phone: +36 1 234 5678" in good.text
        client = await team.services.clients.get(cid)
        assert (client.phone, client.version) == ("+36 1 234 5678", 2)

    async def test_status_lost_asks_for_a_reason_in_russian(self, team):
        cid = await make_client(team, RU_MANAGER, "Ромашка")
        card = await team.say(RU_MANAGER, "/client ромашка")
        await team.press_and_edit(RU_MANAGER, f"cl:edit:{cid}:1", message_id=card.message_id)
        choices = await team.press_and_edit(
            RU_MANAGER, f"cl:em:{cid}:1:status", message_id=card.message_id
        )
        assert "Потерян…" in [label for row in choices.buttons for label, _ in row]
        ask = await press_for_message(
            team, RU_MANAGER, f"cl:ev:{cid}:1:status:lost", message_id=card.message_id
        )
        assert ask.text.startswith("Почему клиент потерян?")
        done = await team.say(RU_MANAGER, "ушли к конкуренту")
        assert "потерян" in done.text and "Причина потери: ушли к конкуренту" in done.text

    async def test_segment_choice_and_archive(self, team):
        cid = await make_client(team, MANAGER, "Initech")
        card = await team.say(MANAGER, "/client initech")
        await team.press_and_edit(MANAGER, f"cl:edit:{cid}:1", message_id=card.message_id)
        await team.press_and_edit(MANAGER, f"cl:em:{cid}:1:segment", message_id=card.message_id)
        saved = await press_for_message(
            team, MANAGER, f"cl:ev:{cid}:1:segment:government", message_id=card.message_id
        )
        assert "Initech · active · government" in saved.text
        archived = await team.press_and_edit(
            MANAGER, f"cl:arch:{cid}:2", message_id=saved.message_id
        )
        assert archived.text == "“Initech” is archived."
        assert (await audit_rows(team, "archive"))[0]["entity_id"] == cid
        reply = await team.say(MANAGER, "/client initech")
        assert reply.text.startswith("No client matches")
        restored = await press_for_message(
            team, MANAGER, f"cl:unarch:{cid}:3", message_id=saved.message_id
        )
        assert restored.text.startswith("Restored from the archive.")
        assert (await team.say(MANAGER, "/client initech")).text.startswith("Initech")
        assert [r["action"] for r in await audit_rows(team, "restore")] == ["restore"]


class TestVersionRace:
    async def test_two_concurrent_edits_one_wins_one_conflicts(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        max_ = await user(team, MANAGER)
        admin = await user(team, ADMIN)
        results = await asyncio.gather(
            team.services.clients.edit(max_, cid, 1, "notes", "from Max"),
            team.services.clients.edit(admin, cid, 1, "notes", "from the admin"),
            return_exceptions=True,
        )
        conflicts = [r for r in results if isinstance(r, Conflict)]
        winners = [r for r in results if not isinstance(r, Exception)]
        assert len(conflicts) == 1 and len(winners) == 1
        stored = await team.services.clients.get(cid)
        assert stored.version == 2 and stored.notes == winners[0].notes

    async def test_a_stale_card_button_shows_the_current_card(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        stale = await team.say(ADMIN, "/client acme")
        fresh = await team.say(MANAGER, "/client acme")
        await team.press_and_edit(MANAGER, f"cl:edit:{cid}:1", message_id=fresh.message_id)
        await team.press_and_edit(MANAGER, f"cl:em:{cid}:1:segment", message_id=fresh.message_id)
        await press_for_message(
            team, MANAGER, f"cl:ev:{cid}:1:segment:large", message_id=fresh.message_id
        )
        await team.press_and_edit(ADMIN, f"cl:edit:{cid}:1", message_id=stale.message_id)
        await team.press_and_edit(ADMIN, f"cl:em:{cid}:1:segment", message_id=stale.message_id)
        answer = await press_for_message(
            team, ADMIN, f"cl:ev:{cid}:1:segment:small", message_id=stale.message_id
        )
        assert answer.text.startswith("This card is out of date: it was changed since.")
        assert "Acme GmbH · active · large" in answer.text
        assert (await team.services.clients.get(cid)).segment == "large"


class TestOwnersAndRights:
    async def test_admin_reassigns_with_an_audit_row(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        card = await team.say(ADMIN, "/client acme")
        assert f"cl:own:{cid}:1" in card.callback_data
        menu = await team.press_and_edit(ADMIN, f"cl:own:{cid}:1", message_id=card.message_id)
        assert f"cl:ownto:{cid}:1:{OTHER.id}" in menu.callback_data
        assert not any(d.endswith(f":{VIEWER.id}") for d in menu.callback_data)
        done = await press_for_message(
            team, ADMIN, f"cl:ownto:{cid}:1:{OTHER.id}", message_id=card.message_id
        )
        assert "Owner changed." in done.text and "Owner: Olga" in done.text
        (row,) = await audit_rows(team, "reassign")
        assert (row["user_id"], row["entity_id"]) == (ADMIN.id, cid)
        assert json.loads(row["details"]) == {
            "owner_id": OTHER.id,
            "from_owner_id": MANAGER.id,
            "reminders_moved": 0,
        }

    async def test_managers_read_a_colleagues_client_but_cannot_change_it(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        card = await team.say(OTHER, "/client acme")
        assert "Csak olvasható: kolléga ügyfele." in card.text
        assert not any(d.startswith(("cl:edit", "cl:log", "cl:arch")) for d in card.callback_data)
        reply = await team.say(OTHER, "/log Acme: sneaky note")
        assert reply.text.startswith("Ez egy kolléga ügyfele")
        with pytest.raises(NotAllowed):
            await team.services.clients.edit(await user(team, OTHER), cid, 1, "notes", "x")

    async def test_viewer_reads_only(self, team):
        await make_client(team, MANAGER, "Acme GmbH")
        card = await team.say(VIEWER, "/client acme")
        assert card.text.startswith("Acme GmbH · actief")
        reply = await team.say(VIEWER, "/invoice Acme 10 EUR due 2026-12-01")
        assert reply.text == "Deze klant is van een collega: bekijken mag, wijzigen niet."


class TestList:
    async def test_paginated_list_with_filters(self, team):
        for n in range(11):
            await make_client(
                team, MANAGER, f"Client {n:02d}", segment="small" if n % 2 else "large"
            )
        await make_client(team, OTHER, "Somebody Else")
        first = await team.say(MANAGER, "/clients")
        assert first.text.startswith("Clients (Mine), page 1")
        names = [
            label for row in first.buttons for label, data in row if data.startswith("cl:open")
        ]
        assert names == [f"Client {n:02d}" for n in range(8)]
        second = await team.press_and_edit(
            MANAGER, "cl:list:mine:-:0:1", message_id=first.message_id
        )
        names = [
            label for row in second.buttons for label, data in row if data.startswith("cl:open")
        ]
        assert names == ["Client 08", "Client 09", "Client 10"]
        everyone = await team.say(MANAGER, "/clients all large")
        names = [label for row in everyone.buttons for label, d in row if d.startswith("cl:open")]
        assert names == [f"Client {n:02d}" for n in range(0, 11, 2)]

    async def test_no_contact_filter(self, team):
        quiet = await make_client(team, MANAGER, "Quiet Ltd")
        busy = await make_client(team, MANAGER, "Busy Ltd")
        await team.services.records.log(await user(team, MANAGER), busy, "call", "hello")
        reply = await team.say(MANAGER, "/clients 30")
        ids = [d for row in reply.buttons for _, d in row if d.startswith("cl:open")]
        assert ids == [f"cl:open:{quiet}"]
        bad = await team.say(MANAGER, "/clients someday")
        assert bad.text.startswith("Usage: /clients")

    async def test_the_filter_words_of_help_work_in_the_users_language(self, team):
        await make_client(team, RU_MANAGER, "Ромашка", segment="government")
        await make_client(team, RU_MANAGER, "Лютик", segment="small")
        help_text = (await team.say(RU_MANAGER, "/help")).text
        assert "все, малый…госсектор" in help_text and "all, small" not in help_text
        reply = await team.say(RU_MANAGER, "/clients все госсектор")
        names = [label for row in reply.buttons for label, d in row if d.startswith("cl:open")]
        assert names == ["Ромашка"]
        assert (await team.say(RU_MANAGER, "/clients всё")).text.startswith(
            "Формат: /clients [все]"
        )


class TestCardButtons:
    async def test_add_a_decision_maker_contact(self, team):
        cid = await make_client(team, RU_MANAGER, "Ромашка")
        card = await team.say(RU_MANAGER, "/client ромашка")
        ask = await press_for_message(
            team, RU_MANAGER, f"cl:addc:{cid}", message_id=card.message_id
        )
        assert ask.text.startswith("Введите контакт: имя; должность")
        bad = await team.say(RU_MANAGER, "Иван Петров; директор; нет телефона")
        assert bad.text.startswith("«нет телефона» — не номер телефона.")
        done = await team.say(RU_MANAGER, "Иван Петров; директор; +7 900 000-00-00; ; да")
        assert "Иван Петров, директор, +7 900 000-00-00 ★ принимает решения" in done.text

    async def test_remind_asks_what_and_stores_that_text_in_the_users_zone(self, team):
        """Remind reads the date as a follow-up does and asks what to do when only a date
        was typed (it used to store the client's name as the reminder text)."""
        cid = await make_client(team, MANAGER, "Acme GmbH")
        card = await team.say(MANAGER, "/client acme")
        ask = await press_for_message(team, MANAGER, f"cl:rem:{cid}", message_id=card.message_id)
        assert ask.text.startswith("What should I remind you of, and when?")
        await team.say(MANAGER, "2026-01-01")
        past = await team.say(MANAGER, "send the offer")
        assert "That time is already over." in past.text  # as on a follow-up card
        await team.press_and_edit(
            MANAGER, next(d for d in past.callback_data if d.startswith("fu:x:")),
            message_id=past.message_id,
        )  # fmt: skip
        ask = await press_for_message(team, MANAGER, f"cl:rem:{cid}", message_id=card.message_id)
        what = await team.say(MANAGER, "2026-12-02")  # no time: the working hour, 09:00
        assert what.text == "What should I remind you to do for Acme GmbH?"
        confirm = await team.say(MANAGER, "send the offer")
        assert confirm.text.startswith("📝 Reminder · Acme GmbH · Wed 2 Dec 09:00")
        assert confirm.text.endswith("· send the offer")
        save = next(d for d in confirm.callback_data if d.startswith("fu:s:"))
        await team.press_and_edit(MANAGER, save, message_id=confirm.message_id)
        row = await team.services.db.fetch_one(
            "SELECT owner_id, chat_id, client_id, kind, status, due_at, text FROM reminders"
        )
        assert tuple(row) == (
            MANAGER.id,
            MANAGER.id,
            cid,
            "custom",
            "pending",
            1796198400,  # 09:00 in Europe/Amsterdam
            "send the offer",
        )
        card = await team.say(MANAGER, "/client acme")
        assert "Next reminder: Wed 2 Dec 09:00 — send the offer" in card.text

    async def test_a_typed_edit_after_someone_elses_change_shows_the_current_card(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        card = await team.say(MANAGER, "/client acme")
        await team.press_and_edit(MANAGER, f"cl:edit:{cid}:1", message_id=card.message_id)
        await press_for_message(team, MANAGER, f"cl:ef:{cid}:1:notes", message_id=card.message_id)
        admin = await user(team, ADMIN)
        await team.services.clients.edit(admin, cid, 1, "notes", "admin was here")
        answer = await team.say(MANAGER, "my note")
        assert answer.text.startswith("This card is out of date: it was changed since.")
        assert "admin was here" in answer.text
        assert (await team.services.clients.get(cid)).notes == "admin was here"
