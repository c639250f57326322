"""/log, /history, /invoice, /overdue, /contract through the emulator."""

import pytest

from bot.text import utf16_len
from tests.clients.conftest import (
    ADMIN,
    MANAGER,
    RU_MANAGER,
    VIEWER,
    make_client,
    press_for_message,
)


async def interactions(bot):
    rows = await bot.services.db.fetch_all(
        "SELECT kind, summary, outcome, next_step, place, complaint_status FROM interactions"
        " ORDER BY id"
    )
    return [tuple(row) for row in rows]


class TestLog:
    async def test_log_with_kind_and_details(self, team):
        await make_client(team, MANAGER, "Acme GmbH")
        reply = await team.say(
            MANAGER, "/log Acme GmbH meeting Renewal talk\nplace: their office\nnext: send offer"
        )
        assert reply.text.startswith("Logged.")
        assert "meeting @ their office: Renewal talk" in reply.text
        assert "Next step: send offer" in reply.text
        assert await interactions(team) == [
            ("meeting", "Renewal talk", None, "send offer", "their office", None)
        ]

    async def test_log_in_russian_with_an_inflected_name(self, team):
        await make_client(team, RU_MANAGER, "Ромашка")
        reply = await team.say(RU_MANAGER, "/log Ромашке звонок обсудили скидку\nитог: согласны")
        assert reply.text.startswith("Записано.")
        assert await interactions(team) == [
            ("call", "обсудили скидку", "согласны", None, None, None)
        ]

    async def test_complaint_is_open_until_resolved(self, team):
        await make_client(team, MANAGER, "Acme GmbH")
        await team.say(MANAGER, "/log Acme: complaint late delivery")
        history = await team.say(MANAGER, "/history acme")
        assert "complaint (open): late delivery" in history.text
        (resolve,) = [d for d in history.callback_data if d.startswith("cl:res:")]
        await team.press(MANAGER, resolve, message_id=history.message_id)
        assert (await interactions(team))[0][-1] == "resolved"

    async def test_log_button_on_the_card(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        card = await team.say(MANAGER, "/client acme")
        ask = await press_for_message(
            team, MANAGER, f"cl:log:{cid}:call", message_id=card.message_id
        )
        assert ask.text.startswith("Type what happened (call).")
        done = await team.say(MANAGER, "Spoke with Dana")
        assert done.text.startswith("Logged.") and "call: Spoke with Dana" in done.text

    async def test_empty_log_text_is_refused(self, team):
        await make_client(team, MANAGER, "Acme GmbH")
        reply = await team.say(MANAGER, "/log Acme:")
        assert reply.text.startswith("Usage: /log Name")
        assert await interactions(team) == []

    async def test_a_10000_character_note_is_stored_and_shown_split(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        note = ("Lorem ipsum dolor sit amet <b>& co</b> " * 300)[:10_000]
        await team.say(MANAGER, f"/log Acme: note {note}")
        (row,) = await interactions(team)
        assert row[1] == note.strip()
        mark = team.emu.mark()
        team.emu.send_text(MANAGER, "/history acme")
        last = await team.emu.wait_for_message(MANAGER.id, lambda m: m.reply_markup, since=mark)
        parts = team.emu.messages(MANAGER.id, since=mark)
        assert len(parts) >= 3 and parts[-1] == last
        assert all(utf16_len(part.text) <= 4096 for part in parts)
        joined = "".join(part.text for part in parts)
        assert note.strip()[:4000] in joined.replace("\n", "")
        assert parts[-1].callback_data[-1] == f"cl:open:{cid}"


class TestHistory:
    async def test_history_pages_newest_first(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        max_ = await team.services.access.user(MANAGER.id)
        for n in range(7):
            await team.services.records.log(max_, cid, "note", f"entry {n}")
            team.clock.advance(60)
        first = await team.say(MANAGER, "/history Acme")
        assert first.text.startswith("Acme GmbH: history, page 1")
        assert first.text.index("entry 6") < first.text.index("entry 2")
        assert "entry 1" not in first.text
        older = await press_for_message(
            team, MANAGER, f"cl:hist:{cid}:1", message_id=first.message_id
        )
        assert "entry 1" in older.text and "entry 0" in older.text and "entry 2" not in older.text

    async def test_history_in_dutch_for_a_viewer(self, team):
        await make_client(team, MANAGER, "Acme GmbH")
        reply = await team.say(VIEWER, "/history acme")
        assert reply.text.startswith("Acme GmbH: geschiedenis, pagina 1")


class TestInvoices:
    async def test_invoice_is_saved_and_marked_paid(self, team):
        await make_client(team, MANAGER, "Acme GmbH")
        reply = await team.say(MANAGER, "/invoice Acme GmbH 1200.50 EUR due 2026-12-15")
        assert reply.text == "Invoice for Acme GmbH: €1,200.50, due 15 Dec 2026."
        (paid_button,) = reply.callback_data
        edited = await team.press_and_edit(MANAGER, paid_button, message_id=reply.message_id)
        assert edited.text == "Paid: Acme GmbH, €1,200.50."
        row = await team.services.db.fetch_one(
            "SELECT amount_minor, currency, paid_at FROM invoices"
        )
        assert (row[0], row[1]) == (120050, "EUR") and row[2] == team.clock.timestamp()

    @pytest.mark.parametrize(
        ("command", "expected"),
        [
            ("/invoice Acme 12,5O EUR due 2026-12-15", "“12,5O” is not an amount."),
            ("/invoice Acme 100 XYZ due 2026-12-15", "“XYZ” is not a currency code I know"),
            ("/invoice Acme 100 EUR due 2026-02-30", "There is no 30 February."),
            ("/invoice Acme 100.505 EUR due 2026-12-15", "“100.505” has more decimals than EUR"),
            ("/invoice Acme 5.5 JPY due 2026-12-15", "has more decimals than JPY"),
            ("/invoice Acme", "Usage: /invoice Name 1200.50 EUR due 2026-12-15"),
        ],
    )
    async def test_bad_invoices_are_refused_clearly(self, team, command, expected):
        await make_client(team, MANAGER, "Acme GmbH")
        reply = await team.say(MANAGER, command)
        assert expected in reply.text
        assert (await team.services.db.fetch_one("SELECT count(*) FROM invoices"))[0] == 0

    @pytest.mark.parametrize(
        ("command", "expected"),
        [
            ("/invoice Ромашка 12,5O RUB до 2026-12-15", "«12,5O» — не сумма."),
            ("/invoice Ромашка 100 РУБ до 2026-12-15", "«РУБ» — неизвестный код валюты"),
            ("/invoice Ромашка 100 RUB до 2026-02-30", "30 февраля не бывает."),
            ("/invoice Ромашка 1200,50 RUB до 2026-12-15", "Счёт для Ромашка: 1\xa0200,50\xa0₽"),
        ],
    )
    async def test_invoice_replies_in_russian(self, team, command, expected):
        await make_client(team, RU_MANAGER, "Ромашка")
        reply = await team.say(RU_MANAGER, command)
        assert expected in reply.text

    async def test_overdue_lists_unpaid_past_due_invoices(self, team):
        acme = await make_client(team, MANAGER, "Acme GmbH")
        other = await make_client(team, RU_MANAGER, "Ромашка")
        max_ = await team.services.access.user(MANAGER.id)
        ira = await team.services.access.user(RU_MANAGER.id)
        await team.services.records.add_invoice(max_, acme, "10", "EUR", "2026-11-01")
        await team.services.records.add_invoice(max_, acme, "20", "EUR", "2026-12-01")
        paid = await team.services.records.add_invoice(max_, acme, "30", "EUR", "2026-10-01")
        await team.services.records.mark_paid(max_, paid.id)
        await team.services.records.add_invoice(ira, other, "5000", "JPY", "2026-11-20")
        mine = await team.say(MANAGER, "/overdue")
        assert mine.text.splitlines() == [
            "Overdue invoices",
            "Acme GmbH: €10.00, due 1 Nov 2026 ⚠️ overdue",
        ]
        everyone = await team.say(ADMIN, "/overdue")
        assert "Ромашка: JP¥5,000, due 20 Nov 2026 ⚠️ overdue" in everyone.text
        assert len(everyone.callback_data) == 2

    async def test_invoices_button_lists_open_ones(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        max_ = await team.services.access.user(MANAGER.id)
        await team.services.records.add_invoice(max_, cid, "7", "USD", "2027-01-01")
        card = await team.say(MANAGER, "/client acme")
        listing = await press_for_message(
            team, MANAGER, f"cl:inv:{cid}", message_id=card.message_id
        )
        assert "Open invoices of Acme GmbH" in listing.text and "US$7.00" in listing.text


class TestContracts:
    async def test_contract_with_notice(self, team):
        await make_client(team, MANAGER, "Acme GmbH")
        reply = await team.say(MANAGER, "/contract Acme GmbH ends 2027-03-31 notice 60")
        assert reply.text == "Contract of Acme GmbH ends 31 Mar 2027, notice 60 days."
        card = await team.say(MANAGER, "/client acme")
        assert "Contract ends: 31 Mar 2027 (notice 60 days)" in card.text

    async def test_contract_in_russian_and_bad_date(self, team):
        await make_client(team, RU_MANAGER, "Ромашка")
        reply = await team.say(RU_MANAGER, "/contract Ромашка до 2027-02-29 уведомление 30")
        assert reply.text.startswith("29 февраля не бывает. Какой день вы имеете в виду?")
        assert reply.buttons[0][0][0] == "вс, 28 февр. 2027\u202fг."  # the last day of February
        reply = await team.say(RU_MANAGER, "/contract Ромашка до 2027-02-28 уведомление 30")
        assert reply.text == "Договор с Ромашка до 28 февр. 2027\u202fг., уведомление за 30 дней."


class TestInvoiceFromTheCard:
    async def test_add_invoice_button_asks_and_validates(self, team):
        cid = await make_client(team, RU_MANAGER, "Ромашка")
        card = await team.say(RU_MANAGER, "/client ромашка")
        listing = await press_for_message(
            team, RU_MANAGER, f"cl:inv:{cid}", message_id=card.message_id
        )
        ask = await press_for_message(
            team, RU_MANAGER, f"cl:addinv:{cid}", message_id=listing.message_id
        )
        assert ask.text.startswith("Введите счёт: сумма валюта срок")
        bad = await team.say(RU_MANAGER, "12,5O RUB 2026-12-15")
        assert bad.text.startswith("«12,5O» — не сумма.")
        good = await team.say(RU_MANAGER, "1200,50 RUB до 2026-12-15")
        assert good.text == "Счёт для Ромашка: 1\xa0200,50\xa0₽, срок 15 дек. 2026\u202fг."


class TestComplaints:
    async def test_team_lead_sees_open_complaints_and_resolves_one(self, team):
        acme = await make_client(team, MANAGER, "Acme GmbH")
        other = await make_client(team, RU_MANAGER, "Ромашка")
        max_ = await team.services.access.user(MANAGER.id)
        ira = await team.services.access.user(RU_MANAGER.id)
        first = await team.services.records.log(max_, acme, "complaint", "late delivery")
        await team.services.records.log(ira, other, "complaint", "счёт с ошибкой")
        await team.services.records.log(max_, acme, "call", "not a complaint")
        lead = await team.say(ADMIN, "/complaints")
        assert lead.text.startswith("Open complaints")
        assert "Acme GmbH: late delivery" in lead.text and "Ромашка: счёт с ошибкой" in lead.text
        await team.press(ADMIN, f"cl:res:{first.id}", message_id=lead.message_id)
        mine = await team.say(RU_MANAGER, "/complaints")
        assert mine.text.startswith("Открытые жалобы") and "late delivery" not in mine.text
        viewer = await team.say(VIEWER, "/complaints")
        assert "Ромашка" in viewer.text and viewer.callback_data == []
