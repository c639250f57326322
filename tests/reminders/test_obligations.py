"""Reminders generated from invoices, contracts and contact cadence; their lists; the daily
digest. Clock starts Tue 24 Nov 2026 09:00 UTC (10:00 in Amsterdam)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.reminders import generated
from sandbox.models import FakeUser
from storage import interactions
from tests.conftest import ADMIN
from tests.reminders.conftest import ANNA
from tests.reminders.factories import (
    add_client,
    add_contract,
    add_invoice,
    add_team_chat,
    add_tiered_client,
    pay_invoice,
    reminders_of,
    set_digest_minute,
)

DAY = 86400


def utc(*args) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())


class TestPayments:
    async def test_an_unpaid_invoice_reminds_on_its_due_date_then_every_three_days(
        self, bot, anna, rem
    ):
        db, now = bot.services.db, bot.clock.timestamp()
        acme = await add_client(db, anna.id, "Acme", now)
        await add_invoice(db, acme, "INV-7", 123450, "EUR", "2026-11-26", now)
        await rem.advance(seconds=0)
        [payment] = await reminders_of(db, "payment")
        assert payment["due_at"] == utc(2026, 11, 26, 8, 0)  # 09:00 Amsterdam on the due date
        # stored as a key and raw values, written in the reader's language when shown
        shown = "Invoice INV-7 over €1,234.50 is unpaid (due 26 Nov 2026)."
        assert generated.show(payment["text"], "en") == shown
        assert generated.show(payment["text"], "nl") == (
            "Factuur INV-7 van €\xa01.234,50 is onbetaald (vervaldatum 26 nov 2026)."
        )

        mark = bot.emu.mark()
        bot.clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
        await bot.runtime.time_moved()
        msg = await bot.emu.wait_for_message(ANNA.id, "INV-7", since=mark)
        assert msg.text.startswith("💶 Acme\n")
        first, repeat = await reminders_of(db, "payment")
        assert (first["status"], repeat["status"]) == ("sent", "pending")
        assert (repeat["due_at"], repeat["repeats"]) == (first["due_at"] + 3 * DAY, 1)

    async def test_paying_the_invoice_stops_the_repeats(self, bot, anna, rem):
        db, now = bot.services.db, bot.clock.timestamp()
        acme = await add_client(db, anna.id, "Acme", now)
        invoice = await add_invoice(db, acme, "INV-8", 5000, "EUR", "2026-11-20", now)
        mark = bot.emu.mark()
        await rem.advance(seconds=0)  # overdue already: due now
        await bot.emu.wait_for_message(ANNA.id, "INV-8", since=mark)
        await pay_invoice(db, invoice, bot.clock.timestamp())
        mark = bot.emu.mark()
        await rem.advance(days=4)
        assert bot.emu.messages(ANNA.id, since=mark) == []
        assert [r["status"] for r in await reminders_of(db, "payment")] == ["sent", "cancelled"]

    async def test_done_on_a_payment_reminder_stops_the_repeats(self, bot, anna, rem):
        db, now = bot.services.db, bot.clock.timestamp()
        acme = await add_client(db, anna.id, "Acme", now)
        await add_invoice(db, acme, "INV-9", 5000, "EUR", "2026-11-20", now)
        mark = bot.emu.mark()
        await rem.advance(seconds=0)
        msg = await bot.emu.wait_for_message(ANNA.id, "INV-9", since=mark)
        first = (await reminders_of(db, "payment"))[0]
        await bot.press_and_edit(ANNA, f"rem:done:{first['id']}", message_id=msg.message_id)
        assert [r["status"] for r in await reminders_of(db, "payment")] == ["done", "cancelled"]
        await rem.advance(days=10)
        assert len(await reminders_of(db, "payment")) == 2  # never generated again

    async def test_three_unanswered_reminders_escalate_to_the_team_group(self, bot, anna, rem):
        db, now = bot.services.db, bot.clock.timestamp()
        team = bot.emu.add_group("Sales team")
        await add_team_chat(db, team.id, "Sales team", now)
        acme = await add_client(db, anna.id, "Acme", now)
        await add_invoice(db, acme, "INV-10", 99900, "USD", "2026-11-20", now)
        await rem.advance(seconds=0)
        await rem.advance(days=3)
        assert bot.emu.messages(team.id) == []
        mark = bot.emu.mark()
        await rem.advance(days=3)  # the third one goes unanswered too
        note = await bot.emu.wait_for_message(team.id, "went unanswered", since=mark)
        assert note.text == (
            "⚠️ Acme: Invoice INV-10 over US$999.00 is unpaid (due 20 Nov 2026). "
            "3 reminders to Anna went unanswered."
        )

    async def test_an_escalation_is_written_in_the_groups_language(self, bot, anna, rem):
        db, now = bot.services.db, bot.clock.timestamp()
        team = bot.emu.add_group("Verkoop")
        await add_team_chat(db, team.id, "Verkoop", now, language="nl")
        acme = await add_client(db, anna.id, "Acme", now)
        await add_invoice(db, acme, "INV-11", 150000, "JPY", "2026-11-20", now)
        for days in (0, 3, 3):
            mark = bot.emu.mark()
            await rem.advance(days=days)
        note = await bot.emu.wait_for_message(team.id, "onbeantwoord", since=mark)
        assert note.text == (  # Anna reads English; the group reads Dutch
            "⚠️ Acme: Factuur INV-11 van JP¥\xa0150.000 is onbetaald (vervaldatum 20 nov 2026). "
            "3 herinneringen aan Anna bleven onbeantwoord."
        )


class TestRenewalsAndCadence:
    async def test_renewal_reminder_comes_before_the_notice_deadline(self, bot, anna, rem):
        db, now = bot.services.db, bot.clock.timestamp()
        acme = await add_client(db, anna.id, "Acme", now)
        await add_contract(db, acme, "Support", "2027-03-31", now, notice_days=60)
        await rem.advance(seconds=0)
        [renewal] = await reminders_of(db, "renewal")
        # notice deadline 2027-01-30, minus 30 days: 2026-12-31 09:00 Amsterdam
        assert renewal["due_at"] == utc(2026, 12, 31, 8, 0)
        assert generated.show(renewal["text"], "en") == (
            "Contract Support ends 31 Mar 2027; notice deadline 30 Jan 2027."
        )

    async def test_a_client_past_its_cadence_gets_one_nudge_until_contacted(self, bot, anna, rem):
        db, now = bot.services.db, bot.clock.timestamp()
        client = await add_tiered_client(
            db, anna.id, "Globex", now, key_account=True, last_contact_at=now - 20 * DAY
        )
        mark = bot.emu.mark()
        await rem.advance(seconds=0)
        msg = await bot.emu.wait_for_message(ANNA.id, "Going cold", since=mark)
        assert "🧊 Globex" in msg.text
        assert "no contact for 20 days (expected every 14 days)" in msg.text
        await rem.advance(hours=1)
        assert len(await reminders_of(db, "cadence")) == 1  # one nudge per silence
        async with db.transaction() as tx:
            await interactions.insert(
                tx,
                client_id=client,
                user_id=anna.id,
                kind="call",
                happened_at=bot.clock.timestamp(),
                summary="caught up",
                now=bot.clock.timestamp(),
            )
        await rem.advance(days=13)
        assert len(await reminders_of(db, "cadence")) == 1
        await rem.advance(days=2)
        assert len(await reminders_of(db, "cadence")) == 2  # cold again after 14 days


class TestLists:
    async def test_upcoming_for_a_client_by_fuzzy_name(self, bot, anna, rem):
        await rem.create(anna, text="send the contract", client="Acme GmbH")
        await rem.create(anna, text="other client", client="Globex")
        reply = await bot.say(ANNA, "/upcoming acme")
        assert reply.text.startswith("Upcoming for Acme GmbH")
        assert "send the contract" in reply.text and "other client" not in reply.text

    async def test_upcoming_without_a_match_or_name(self, bot, anna):
        assert (await bot.say(ANNA, "/upcoming Nobody")).text == (
            "No client of yours matches “Nobody”."
        )
        assert (await bot.say(ANNA, "/upcoming")).text == "Usage: /upcoming CLIENT NAME"

    async def test_renewals_lists_the_next_90_days(self, bot, anna):
        db, now = bot.services.db, bot.clock.timestamp()
        acme = await add_client(db, anna.id, "Acme", now)
        await add_contract(
            db,
            acme,
            "Licence",
            "2027-01-15",
            now,
            notice_days=14,
            value_minor=1200000,
            currency="EUR",
        )
        await add_contract(db, acme, "Far", "2027-06-01", now)
        reply = await bot.say(ANNA, "/renewals")
        assert reply.text.splitlines() == [
            "Renewals in the next 90 days",
            "15 Jan 2027 Acme: Licence (notice by 1 Jan 2027), €12,000.00",
        ]

    async def test_cold_lists_key_accounts_first(self, bot, anna):
        db, now = bot.services.db, bot.clock.timestamp()
        await add_tiered_client(
            db, anna.id, "Small Co", now, segment="small", last_contact_at=now - 70 * DAY
        )
        await add_tiered_client(
            db, anna.id, "Key Co", now, key_account=True, last_contact_at=now - 15 * DAY
        )
        await add_tiered_client(
            db, anna.id, "Fresh Co", now, segment="small", last_contact_at=now - 5 * DAY
        )
        reply = await bot.say(ANNA, "/cold")
        assert reply.text.splitlines() == [
            "Clients past their contact cadence",
            "⭐ Key Co: 15 days without contact (every 14 days)",
            "Small Co: 70 days without contact (every 60 days)",
        ]


class TestDailyDigest:
    async def test_digest_at_the_users_time_with_totals_per_currency(self, bot, anna, rem):
        db, now = bot.services.db, bot.clock.timestamp()
        await set_digest_minute(db, anna.id, 8 * 60)  # 08:00 Amsterdam = 07:00 UTC
        acme = await add_client(db, anna.id, "Acme", now)
        await add_invoice(db, acme, "A-1", 10000, "EUR", "2026-11-20", now)
        await add_invoice(db, acme, "A-2", 2550, "EUR", "2026-11-21", now)
        await add_invoice(db, acme, "A-3", 700, "USD", "2026-11-22", now)
        await add_contract(db, acme, "Support", "2026-12-10", now)
        await rem.create(anna, in_minutes=60 * 22, text="call Jansen")  # tomorrow 08:00 local
        await rem.advance(seconds=0)  # 10:00 local, past today's 08:00: today's digest now
        assert len([m for m in bot.emu.messages(ANNA.id) if "Good morning" in m.text]) == 1
        mark = bot.emu.mark()
        bot.clock.set(datetime(2026, 11, 25, 7, 0, tzinfo=UTC))
        await bot.runtime.time_moved()
        digest = await bot.emu.wait_for_message(ANNA.id, "Good morning", since=mark)
        lines = digest.text.splitlines()
        assert "Overdue payments (total €125.50, US$7.00)" in lines
        assert "Acme: A-1 €100.00, due 20 Nov 2026" in lines
        assert any("call Jansen" in line for line in lines)
        assert "10 Dec 2026 Acme: Support (notice by 10 Dec 2026)" in lines
        await rem.advance(hours=1)
        assert (
            len(
                bot.emu.messages(
                    ANNA.id,
                    since=mark,
                )
            )
            >= 1
        )
        digests = [m for m in bot.emu.messages(ANNA.id) if "Good morning" in m.text]
        assert len(digests) == 2  # yesterday's (sent late, at start) and today's, once each

    async def test_no_digest_when_there_is_nothing(self, bot, rem):
        quiet = FakeUser(3020, "Quiet")
        await bot.add_user(quiet, "manager")
        await set_digest_minute(bot.services.db, quiet.id, 0)
        await rem.advance(days=1)
        assert bot.emu.messages(quiet.id) == []

    async def test_admin_gets_no_digest_without_a_digest_time(self, bot, rem):
        await bot.say(ADMIN, "/help")
        mark = bot.emu.mark()
        await rem.advance(days=1)
        assert bot.emu.messages(ADMIN.id, since=mark) == []


async def test_a_broken_generated_row_never_stops_other_reminders(bot, anna, rem, caplog):
    """A contract with an unreadable end date breaks the sync, not the delivery."""
    db, now = bot.services.db, bot.clock.timestamp()
    acme = await add_client(db, anna.id, "Acme", now)
    await add_contract(db, acme, "Broken", "31.12.2027", now)  # not ISO: cannot be parsed
    reminder = await rem.create(anna, in_minutes=5, text="still arrives")
    mark = bot.emu.mark()
    await rem.advance(minutes=5)
    await bot.emu.wait_for_message(ANNA.id, "still arrives", since=mark)
    assert (await rem.settled(reminder.id)).status == "sent"
    assert "_sync_obligations failed" in caplog.text  # it did break, and was contained
