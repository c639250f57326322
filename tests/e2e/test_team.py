"""The team group end to end: registration, absences, handoff, "Take it", return summary."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.team.posting import post_absence_news
from sandbox.models import FakeUser
from storage import interactions
from tests.conftest import ADMIN
from tests.e2e.team_data import add_client, add_contract, add_invoice, add_reminder, value

ANNA = FakeUser(2001, "Anna", username="anna", language_code="en")
BORIS = FakeUser(2002, "Boris", username="boris", language_code="ru")
CARL = FakeUser(2003, "Carl", username="carl", language_code="nl")
VIEWER = FakeUser(2004, "Vera", username="vera", language_code="en")


def epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


@pytest.fixture
async def team(bot):
    """Anna, Boris and Carl (managers; Carl supervises Anna) and a registered team group."""
    await bot.say(ADMIN, "/help")  # the bootstrap admin's private chat becomes known
    await bot.add_user(ANNA)
    await bot.add_user(BORIS, language="ru")
    await bot.add_user(CARL, language="nl")
    await bot.add_user(VIEWER, "viewer")
    group = bot.emu.add_group("Sales team")
    for member in (ADMIN, ANNA, BORIS, CARL):
        bot.emu.set_member_status(group.id, member, "member")
    assert (await bot.say(ADMIN, "/register_team", chat=group.id)).text.startswith(
        "This group is now the team chat"
    )
    reply = await bot.say(ADMIN, "/deputy @anna @boris @carl")
    assert reply.text == "Anna: deputy Boris, supervisor Carl."
    return group


async def run_absence_checks(bot) -> None:
    await post_absence_news(bot.services)


class TestGroupRegistration:
    async def test_admin_adding_the_bot_gets_a_hint_and_registers(self, bot):
        group = bot.emu.add_group("New team", bot_status="left")
        mark = bot.emu.mark()
        bot.emu.chat_member_update(group, ADMIN, "left", "member")
        hint = await bot.emu.wait_for_message(group.id, since=mark)
        assert "/register_team" in hint.text
        assert (await bot.say(ADMIN, "/register_team", chat=group.id)).text.startswith(
            "This group is now the team chat"
        )
        assert await bot.services.team.is_served(group.id)

    async def test_bot_added_by_someone_else_leaves_and_tells_admins(self, bot):
        await bot.add_user(ANNA)
        await bot.say(ADMIN, "/help")  # admins are told in their private chat, once known
        group = bot.emu.add_group("Anna's <friends>", bot_status="left")
        mark = bot.emu.mark()
        bot.emu.chat_member_update(group, ANNA, "left", "member")
        await bot.emu.wait_for_call("leaveChat", since=mark)
        told = await bot.emu.wait_for_message(ADMIN.id, since=mark)
        assert "“Anna's <friends>”" in told.text and "2001" in told.text
        assert not await bot.services.team.is_served(group.id)

    async def test_an_unregistered_group_gets_no_answer_at_all(self, bot):
        group = bot.emu.add_group("Random")
        mark = bot.emu.mark()
        bot.emu.send_text(ADMIN, "/help", chat=group.id)
        await bot.say(ADMIN, "/help")  # updates are handled in order: the group's came first
        assert bot.emu.messages(group.id, since=mark) == []

    async def test_register_team_in_a_private_chat_is_explained(self, bot):
        reply = await bot.say(ADMIN, "/register_team")
        assert reply.text == "Run /register_team inside the team group, not here."

    async def test_a_manager_cannot_register_a_group(self, bot, team):
        other = bot.emu.add_group("Other")
        mark = bot.emu.mark()
        bot.emu.send_text(ANNA, "/register_team", chat=other.id)
        await bot.say(ANNA, "/help")
        assert bot.emu.messages(other.id, since=mark) == []
        assert not await bot.services.team.is_served(other.id)

    async def test_a_kicked_bot_stops_posting_and_admins_are_told(self, bot, team):
        mark = bot.emu.mark()
        bot.emu.chat_member_update(team, ADMIN, "member", "kicked")
        told = await bot.emu.wait_for_message(ADMIN.id, since=mark)
        assert "removed from the team group “Sales team”" in told.text
        assert not await bot.services.team.is_served(team.id)
        assert await bot.services.team.team_chat() is None

    async def test_supergroup_migration_moves_every_stored_id(self, bot, team):
        db, now = bot.services.db, bot.clock.timestamp()
        client = await add_client(db, ANNA.id, "Acme GmbH", now)
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO reminders (owner_id, chat_id, client_id, kind, text, due_at,"
                " created_at, updated_at) VALUES (?, ?, ?, 'custom', 'x', ?, ?, ?)",
                (ANNA.id, team.id, client, now + 60, now, now),
            )
        new_id = -1002999000111
        bot.emu.migrate_chat(team.id, new_id, by=ADMIN)
        await bot.say(ADMIN, "/help")  # the migration updates were handled before this one
        assert await bot.services.team.is_served(new_id)
        assert not await bot.services.team.is_served(team.id)
        assert await value(db, "SELECT chat_id FROM reminders") == new_id
        reply = await bot.say(ADMIN, "/help", chat=new_id)
        assert reply.text.startswith("What I can do")


class TestAway:
    async def test_one_line_absence_is_saved_and_the_deputy_told(self, bot, team):
        mark = bot.emu.mark()
        reply = await bot.say(ANNA, "/away 2026-12-20 2027-01-05 deputy @boris reason vacation")
        assert reply.text == (
            "Away from Sun, 20 Dec 2026 to Tue, 5 Jan 2027 (vacation). Covering: Boris. "
            "When it starts I post the handoff in the team group and route your reminders."
        )
        told = await bot.emu.wait_for_message(BORIS.id, since=mark)
        assert told.text.startswith(
            "Anna отсутствует с вс, 20 дек. 2026\u202fг. по вт, 5 янв. 2027\u202fг."
        )

    @pytest.mark.parametrize(
        ("command", "answer"),
        [
            ("/away", None),  # handled by the step-by-step test
            ("/away 2026-02-30 2026-03-01", "There is no 30 February."),
            ("/away 2026-12-20 2026-12-10", "The last day is before the first day."),
            ("/away 2025-01-01 2025-01-02", "That period is already over."),
            ("/away 2026-12-20 2027-01-05 deputy @nobody", "I don't know a team member “@nobody”."),
            ("/away 2026-12-20 2027-01-05 @anna", "Nobody can be their own deputy or supervisor."),
            ("/away 2026-12-20 2027-01-05 @vera", "Vera only has read access"),
            ("/away 2026-12-20", "Usage: /away 2026-12-20 2027-01-05"),
        ],
    )
    async def test_bad_absences_are_refused_and_nothing_is_stored(self, bot, team, command, answer):
        if answer is None:
            return
        reply = await bot.say(ANNA, command)
        assert reply.text.startswith(answer)
        assert await value(bot.services.db, "SELECT COUNT(*) FROM absences") == 0

    async def test_an_overlapping_absence_is_refused(self, bot, team):
        await bot.say(ANNA, "/away 2026-12-20 2027-01-05 @boris")
        reply = await bot.say(ANNA, "/away 2027-01-02 2027-01-10 @boris")
        assert reply.text == (
            "You already have an absence from 20 Dec 2026 to 5 Jan 2027. End it with /back first."
        )
        assert await value(bot.services.db, "SELECT COUNT(*) FROM absences") == 1

    async def test_step_by_step_with_buttons(self, bot, team):
        ask = await bot.say(ANNA, "/away")
        assert ask.text.startswith("From which day are you away?")
        assert ask.buttons[0][0] == ("Today", "team:away:start:2026-11-24")
        mark = bot.emu.mark()
        await bot.press(ANNA, "team:away:start:2026-11-24", message_id=ask.message_id)
        assert (await bot.emu.wait_for_message(ANNA.id, since=mark)).text.startswith("Until")
        bad = await bot.say(ANNA, "next year")
        assert bad.text.startswith("I found no date in “next year”.")
        deputies = await bot.say(ANNA, "2026-11-27")
        labels = [row[0][0] for row in deputies.buttons]
        assert labels == ["Alice Admin", "Boris", "Carl", "My default deputy"]
        mark = bot.emu.mark()
        await bot.press(ANNA, f"team:away:dep:{CARL.id}", message_id=deputies.message_id)
        reasons = await bot.emu.wait_for_message(ANNA.id, since=mark)
        mark = bot.emu.mark()
        await bot.press(ANNA, "team:away:why:sick", message_id=reasons.message_id)
        saved = await bot.emu.wait_for_message(ANNA.id, "Away from", since=mark)
        assert "(sick). Covering: Carl." in saved.text
        row = await bot.services.db.fetch_one("SELECT * FROM absences")
        assert (row["start_on"], row["end_on"], row["deputy_id"], row["reason"]) == (
            "2026-11-24",
            "2026-11-27",
            CARL.id,
            "sick",
        )

    @pytest.mark.parametrize(
        ("who", "text", "expected"),
        [
            (
                BORIS,
                "/away в отпуске с 20 декабря по 5 января, замещает Anna",
                ("2026-12-20", "2027-01-05", ANNA.id, "отпуск"),
            ),
            (
                ANNA,
                "/away sick tomorrow until friday, deputy @boris",
                ("2026-11-25", "2026-11-27", BORIS.id, "sick"),
            ),
            (
                CARL,
                "/away vakantie van 20 december tot 5 januari, vervanger Anna",
                ("2026-12-20", "2027-01-05", ANNA.id, "vakantie"),
            ),
        ],
    )
    async def test_an_absence_said_in_words(self, bot, team, who, text, expected):
        reply = await bot.say(who, text)
        assert "Anna" in reply.text or "Boris" in reply.text
        row = await bot.services.db.fetch_one(
            "SELECT start_on, end_on, deputy_id, reason FROM absences"
        )
        assert tuple(row) == expected

    async def test_words_without_a_period_get_the_usage(self, bot, team):
        reply = await bot.say(ANNA, "/away soon, deputy @boris")
        assert reply.text.startswith("Usage: /away 2026-12-20 2027-01-05")
        assert await value(bot.services.db, "SELECT COUNT(*) FROM absences") == 0

    async def test_back_without_an_absence_is_explained(self, bot, team):
        assert (await bot.say(ANNA, "/back")).text == "You have no current or planned absence."


class TestCover:
    async def test_cover_falls_back_from_deputy_to_supervisor_to_group(self, bot, team):
        services = bot.services
        anna = await services.access.user(ANNA.id)
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30")
        recipient = await services.team.recipient(ANNA.id, chat_id=ANNA.id)
        assert (recipient.user.name, recipient.on_behalf_of.name) == ("Boris", "Anna")
        await bot.say(BORIS, "/away 2026-11-20 2026-11-26 @carl")
        recipient = await services.team.recipient(ANNA.id, chat_id=ANNA.id)
        assert recipient.user.name == "Carl"
        await bot.say(CARL, "/away 2026-11-24 2026-11-24 @anna")
        recipient = await services.team.recipient(anna.id, chat_id=ANNA.id)
        assert (recipient.chat_id, recipient.user) == (team.id, None)


class TestHandoff:
    async def setup_portfolio(self, bot) -> dict[str, int]:
        db, now = bot.services.db, bot.clock.timestamp()
        acme = await add_client(db, ANNA.id, "Acme <GmbH>", now)
        globex = await add_client(db, ANNA.id, "Globex", now)
        quiet = await add_client(db, ANNA.id, "Quiet Ltd", now)
        return {
            "acme": acme,
            "globex": globex,
            "quiet": quiet,
            "call": await add_reminder(
                db, ANNA.id, acme, "Call about renewal", epoch("2026-11-26T09:00"), now
            ),
            "later": await add_reminder(
                db, ANNA.id, quiet, "After return", epoch("2026-12-15T09:00"), now
            ),
            "invoice": await add_invoice(db, acme, "2026-017", 120050, "2026-11-28", now),
            "notice": await add_contract(db, globex, "Support", "2027-01-15", 50, now),
            "far": await add_contract(db, globex, "Licences", "2027-06-30", 30, now),
        }

    async def test_handoff_post_take_it_race_and_return_summary(self, bot, team):
        items = await self.setup_portfolio(bot)
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30 deputy @boris reason vacation")
        mark = bot.emu.mark()
        await run_absence_checks(bot)
        posted = bot.emu.messages(team.id, since=mark)
        assert posted[0].text.startswith(
            "🏖 Anna is away Tue, 24 Nov 2026 – Mon, 30 Nov 2026 (vacation). Covering: Boris."
        )
        acme, globex = posted[1], posted[2]
        assert acme.text.splitlines() == [
            "Acme <GmbH>",
            "⏰ Call about renewal — Thu 26 Nov 10:00",
            "💶 Invoice 2026-017 due 28 Nov 2026",  # amounts hidden in the group
        ]
        assert globex.text.splitlines() == [
            "Globex",
            "📄 Contract Support: notice by 26 Nov 2026 (ends 15 Jan 2027)",
        ]
        assert len(posted) == 3  # Quiet Ltd has nothing due; "Licences" is far away
        await run_absence_checks(bot)
        assert len(bot.emu.messages(team.id, since=mark)) == 3  # posted once only

        take = f"team:take:r:{items['call']}"
        assert acme.buttons[0] == [("🙋 Take it: Call about renewal", take)]
        first = bot.emu.press_button(CARL, acme.message_id, take, chat=team.id)
        second = bot.emu.press_button(BORIS, acme.message_id, take, chat=team.id)
        answers = [await bot.emu.wait_for_callback_answer(q) for q in (first, second)]
        assert answers[0]["text"].startswith("Het is van jou")
        assert answers[1] == {**answers[1], "text": "Уже взято: Carl.", "show_alert": True}
        assert (
            await value(
                bot.services.db, "SELECT assignee_id FROM reminders WHERE id = ?", (items["call"],)
            )
            == CARL.id
        )
        edited = bot.emu.message(team.id, acme.message_id)
        assert edited.buttons[0][0][0] == "✅ Carl: Call about renewal"
        recipient = await bot.services.team.recipient(ANNA.id, chat_id=ANNA.id, assignee_id=CARL.id)
        assert recipient.user.name == "Carl"

        bot.clock.advance(2 * 86400)
        async with bot.services.db.transaction() as tx:
            await interactions.insert(
                tx,
                client_id=items["acme"],
                user_id=BORIS.id,
                kind="call",
                happened_at=bot.clock.timestamp(),
                summary="Renewal agreed",
                now=bot.clock.timestamp(),
            )
            await tx.execute(
                "UPDATE reminders SET status = 'done', done_at = ? WHERE id = ?",
                (bot.clock.timestamp(), items["call"]),
            )
        mark = bot.emu.mark()
        assert (await bot.say(ANNA, "/back")).text.startswith("Welcome back!")
        summary = await bot.emu.wait_for_message(ANNA.id, "While you were away", since=mark)
        assert summary.text.splitlines() == [
            "👋 Welcome back, Anna! While you were away (24\u2009–\u200926 Nov 2026):",
            "Acme <GmbH>: 1 interaction (by Boris), 1 reminder done, 0 invoices paid; "
            "still open: 0 reminders, 0 invoices.",  # the invoice falls due on the 28th
        ]
        assert (await bot.services.team.recipient(ANNA.id, chat_id=ANNA.id)).user.name == "Anna"

    async def test_two_simultaneous_takes_have_exactly_one_winner(self, bot, team):
        items = await self.setup_portfolio(bot)
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30 deputy @boris")
        await run_absence_checks(bot)  # "Take it" acts only on items of an open handoff
        boris = await bot.services.access.user(BORIS.id)
        carl = await bot.services.access.user(CARL.id)
        callers = [boris, carl] * 5
        results = await asyncio.gather(
            *(bot.services.team.take(who, "invoice", items["invoice"]) for who in callers)
        )
        winner = results[0].assignee
        assert winner in (boris, carl)
        assert all(r.assignee == winner for r in results)  # everyone learns the same winner
        assert [r.won for r in results] == [who == winner for who in callers]

    async def test_without_a_group_the_deputy_gets_the_handoff_privately(self, bot, team):
        await self.setup_portfolio(bot)
        bot.emu.chat_member_update(team, ADMIN, "member", "left")
        await bot.say(ADMIN, "/help")
        mark = bot.emu.mark()
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30 @boris")
        await bot.emu.wait_for_message(BORIS.id, "вы замещаете", since=mark)
        mark = bot.emu.mark()
        await run_absence_checks(bot)
        private = bot.emu.messages(BORIS.id, since=mark)
        assert private[0].text.startswith("🏖 Anna отсутствует")
        assert "1\xa0200,50\xa0€" in private[1].text  # Boris reads Russian: Babel's ru amount
        assert all(not m.buttons for m in private)


class TestRerouting:
    async def test_the_deputy_receives_the_reminder_marks_it_done_and_logs_the_call(
        self, bot, team
    ):
        services, now = bot.services, bot.clock.timestamp()
        acme = await add_client(services.db, ANNA.id, "Acme GmbH", now)
        anna = await services.access.user(ANNA.id)
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30 @boris")
        await bot.runtime.time_moved()  # the handoff is posted first
        reminder = await services.reminders.create(
            anna, text="Call about the renewal", due_at=now + 300, client_id=acme
        )
        mark = bot.emu.mark()
        bot.clock.advance(300)
        await bot.runtime.time_moved()
        delivered = await bot.emu.wait_for_message(BORIS.id, "Call about the renewal", since=mark)
        assert delivered.text.startswith("👤 для Anna (сейчас отсутствует)\n🔔 Acme GmbH")
        assert bot.emu.messages(ANNA.id, since=mark) == []
        edited = await bot.press_and_edit(
            BORIS, f"rem:done:{reminder.id}", message_id=delivered.message_id
        )
        assert "Boris" in edited.text
        row = await services.db.fetch_one(
            "SELECT status, done_by, delivered_to FROM reminders WHERE id = ?", (reminder.id,)
        )
        assert tuple(row) == ("done", BORIS.id, BORIS.id)
        logged = await bot.say(BORIS, "/log Acme Renewal agreed by phone")
        assert "Acme GmbH" in logged.text
        row = await services.db.fetch_one("SELECT user_id, summary FROM interactions")
        assert tuple(row) == (BORIS.id, "Renewal agreed by phone")

    async def test_a_colleague_without_cover_still_cannot_log_for_the_owner(self, bot, team):
        await add_client(bot.services.db, ANNA.id, "Acme GmbH", bot.clock.timestamp())
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30 @boris")
        refused = await bot.say(CARL, "/log Acme Called them")
        assert await value(bot.services.db, "SELECT COUNT(*) FROM interactions") == 0
        assert refused.text  # a refusal in Carl's language, nothing logged

    async def test_a_taken_reminder_goes_to_its_assignee_even_when_a_deputy_covers(self, bot, team):
        services, now = bot.services, bot.clock.timestamp()
        acme = await add_client(services.db, ANNA.id, "Acme GmbH", now)
        reminder = await add_reminder(services.db, ANNA.id, acme, "Send the offer", now + 300, now)
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30 @boris")
        await run_absence_checks(bot)  # "Take it" acts only on items of an open handoff
        carl = await services.access.user(CARL.id)
        assert (await services.team.take(carl, "reminder", reminder)).won
        mark = bot.emu.mark()
        bot.clock.advance(300)
        await bot.runtime.time_moved()
        got = await bot.emu.wait_for_message(CARL.id, "Send the offer", since=mark)
        assert got.text.startswith("👤 voor Anna, die afwezig is")
        assert [m for m in bot.emu.messages(BORIS.id, since=mark) if "offer" in m.text] == []


class TestReassign:
    async def test_one_client_moves_with_its_open_reminders_and_an_audit_row(self, bot, team):
        services, now = bot.services, bot.clock.timestamp()
        acme = await add_client(services.db, ANNA.id, "Acme GmbH", now)
        await add_reminder(services.db, ANNA.id, acme, "Call back", now + 3600, now)
        reply = await bot.say(ADMIN, "/reassign Acme @boris")
        assert reply.text == "Acme GmbH now belongs to Boris; 1 open reminder moved with it."
        row = await services.db.fetch_one("SELECT owner_id, chat_id FROM reminders")
        assert tuple(row) == (BORIS.id, BORIS.id)
        audit = await services.db.fetch_one(
            "SELECT action, entity_id, details FROM audit WHERE action = 'reassign'"
        )
        assert (audit["entity_id"], '"from_owner_id": 2001' in audit["details"]) == (acme, True)

    async def test_all_clients_of_a_manager_move_after_confirmation(self, bot, team):
        services, now = bot.services, bot.clock.timestamp()
        for name in ("Acme GmbH", "Globex", "Initech"):
            client = await add_client(services.db, ANNA.id, name, now)
            await add_reminder(services.db, ANNA.id, client, f"Call {name}", now + 3600, now)
        ask = await bot.say(ADMIN, "/reassign all @anna @carl")
        assert ask.text == "Move all 3 clients of Anna to Carl, with their open reminders?"
        assert (
            await value(services.db, "SELECT COUNT(*) FROM clients WHERE owner_id = ?", (CARL.id,))
            == 0
        )  # nothing before the confirmation
        done = await bot.press_and_edit(
            ADMIN, f"team:mv:{ANNA.id}:{CARL.id}", message_id=ask.message_id
        )
        assert done.text == "Moved 3 clients from Anna to Carl, with 3 open reminders."
        assert (
            await value(
                services.db, "SELECT COUNT(*) FROM reminders WHERE owner_id = ?", (CARL.id,)
            )
            == 3
        )
        assert await value(services.db, "SELECT COUNT(*) FROM audit WHERE action = 'reassign'") == 3

    async def test_a_manager_cannot_reassign(self, bot, team):
        reply = await bot.say(ANNA, "/reassign Acme @boris")
        assert reply.text == "You are not allowed to do that."

    async def test_a_reminder_being_sent_while_reassigned_reaches_exactly_one_person(
        self, bot, team
    ):
        """The emulator holds Anna's sendMessage open; the reassignment happens meanwhile."""
        services, now = bot.services, bot.clock.timestamp()
        acme = await add_client(services.db, ANNA.id, "Acme GmbH", now)
        await add_reminder(services.db, ANNA.id, acme, "Ring Acme", now + 60, now)
        bot.emu.set_fault(ANNA.id, "hold")
        mark = bot.emu.mark()
        bot.clock.advance(60)
        passing = asyncio.ensure_future(bot.runtime.time_moved())
        await bot.emu.wait_for_request("sendMessage", since=mark)
        reply = await bot.say(ADMIN, "/reassign Acme @boris")
        assert "0 open reminders moved" in reply.text  # the one in flight stays Anna's
        bot.emu.release(ANNA.id)
        await passing
        await bot.runtime.time_moved()
        got = [
            m
            for chat in (ANNA.id, BORIS.id)
            for m in bot.emu.messages(chat, since=mark)
            if "Ring Acme" in m.text
        ]
        assert [m.chat_id for m in got] == [ANNA.id]


class TestRenewalDateInTheHandoff:
    async def test_a_renewal_date_typed_on_the_card_is_handed_off(self, bot, team):
        """Issue 11 item 4: the renewal date drives the handoff too (it is the contract's
        end), set only through the card; an untitled contract is named so."""
        card = await bot.say(ANNA, "/newclient Globex")
        (edit,) = [d for d in card.callback_data if d.startswith("cl:edit:")]
        _, _, cid, ver = edit.split(":")
        await bot.press_and_edit(ANNA, edit, message_id=card.message_id)
        mark = bot.emu.mark()
        bot.emu.press_button(ANNA, card.message_id, f"cl:ef:{cid}:{ver}:renewal_date")
        await bot.emu.wait_for_message(ANNA.id, since=mark)
        await bot.say(ANNA, "2026-11-27")
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30 deputy @boris reason vacation")
        mark = bot.emu.mark()
        await run_absence_checks(bot)
        posted = bot.emu.messages(team.id, since=mark)
        assert [m.text.splitlines() for m in posted[1:]] == [
            ["Globex", "📄 Contract (untitled): notice by 27 Nov 2026 (ends 27 Nov 2026)"]
        ]
