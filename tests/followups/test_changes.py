"""Change time, Change client, Cancel, alternatives, unknown clients, /remind, recurrence,
who may use it, and plain text inside another conversation."""

from __future__ import annotations

import pytest

from storage import users
from tests.followups.conftest import EN, HU, NL, RU, VIEWER, button, local


async def fu_buttons(bot, user) -> list[str]:
    return [
        data
        for m in bot.emu.messages(user.id)
        for data in m.callback_data
        if data.startswith("fu:")
    ]


class TestChanges:
    async def test_change_time_reads_the_next_text_and_shows_the_card_again(self, bot, flow):
        erin = await flow.user(EN)
        await flow.client(erin, "Acme GmbH")
        card = await bot.say(EN, "call Acme tomorrow 10:00")
        ask = await flow.press_for_message(EN, button(card, "fu:t:"), card.message_id)
        assert ask.text == "Type the new time, e.g. “tomorrow 10:00”."
        again = await bot.say(EN, "friday 14:30")
        assert again.text.startswith("📞 Call · Acme GmbH · Fri 27 Nov 14:30 (Amsterdam)")
        _, row = await flow.save(EN, again)
        assert local(row["due_at"], "Europe/Amsterdam").isoformat() == "2026-11-27T14:30:00+01:00"

    async def test_an_old_change_time_does_not_swallow_a_new_follow_up(self, bot, flow):
        erin = await flow.user(EN)
        await flow.client(erin, "Acme GmbH")
        card = await bot.say(EN, "call Acme tomorrow 10:00")
        await flow.press_for_message(EN, button(card, "fu:t:"), card.message_id)
        await flow.advance(minutes=16)
        expired = await bot.say(EN, "meeting Acme friday 11:00")
        assert expired.text.startswith("⌛ The unfinished question expired")  # issue 11
        fresh = await bot.emu.wait_for_message(EN.id, "Meeting", since=expired.seq)
        assert fresh.text.startswith("🤝 Meeting · Acme GmbH · Fri 27 Nov 11:00")

    async def test_change_client_offers_the_closest_and_a_typed_name(self, bot, flow):
        erin = await flow.user(EN)
        await flow.client(erin, "Acme GmbH")
        globex = await flow.client(erin, "Globex Corp")
        card = await bot.say(EN, "call Acme tomorrow 10:00")
        menu = await flow.press_for_message(EN, button(card, "fu:c:"), card.message_id)
        assert menu.text == "Which client? Pick one or type the name."
        assert menu.callback_data[-1].startswith("fu:w:")
        choices = await bot.say(EN, "globex")
        assert button(choices, "fu:p:").endswith(f":{globex}")
        edited = await bot.press_and_edit(
            EN, button(choices, "fu:p:"), message_id=choices.message_id
        )
        assert edited.text.startswith("📞 Call · Globex Corp · Wed 25 Nov 10:00")
        _, row = await flow.save(EN, edited)
        assert row["client_id"] == globex

    async def test_a_button_of_a_finished_draft_says_so_and_saves_nothing_more(self, bot, flow):
        erin = await flow.user(EN)
        await flow.client(erin, "Acme GmbH")
        card = await bot.say(EN, "call Acme tomorrow 10:00")
        menu = await flow.press_for_message(EN, button(card, "fu:c:"), card.message_id)
        await flow.save(EN, card)
        query_id = bot.emu.press_button(EN, menu.message_id, button(menu, "fu:w:"))
        answer = await bot.emu.wait_for_callback_answer(query_id)
        assert answer["text"] == "This draft is no longer open; please type it again."
        assert len(await flow.reminders()) == 1

    async def test_cancel_stores_nothing(self, bot, flow):
        erin = await flow.user(EN)
        await flow.client(erin, "Acme GmbH")
        card = await bot.say(EN, "call Acme tomorrow 10:00")
        done = await bot.press_and_edit(EN, button(card, "fu:x:"), message_id=card.message_id)
        assert done.text == "Cancelled; nothing was saved."
        assert done.callback_data == []
        assert await flow.reminders() == []


class TestProblems:
    async def test_two_possible_days_offer_one_button_each_and_no_save(self, bot, flow):
        erin = await flow.user(EN)
        await flow.client(erin, "Acme GmbH")
        card = await bot.say(EN, "call Acme tuesday 15:00")  # typed on a Tuesday morning
        assert card.text.splitlines()[-1] == "Which one do you mean?"
        labels = [b["text"] for b in card.reply_markup["inline_keyboard"][0]]
        assert labels == ["Tue 24 Nov 15:00", "Tue 1 Dec 15:00"]
        assert not [d for d in card.callback_data if d.startswith("fu:s:")]
        chosen = await bot.press_and_edit(EN, card.callback_data[0], message_id=card.message_id)
        assert "Tue 24 Nov 15:00" in chosen.text
        _, row = await flow.save(EN, chosen)
        assert local(row["due_at"], "Europe/Amsterdam").isoformat() == "2026-11-24T15:00:00+01:00"

    async def test_a_past_time_offers_now(self, bot, flow):
        erin = await flow.user(EN)
        await flow.client(erin, "Acme GmbH")
        card = await bot.say(EN, "call Acme today 8:00")
        assert "That time is already over." in card.text
        assert [b["text"] for b in card.reply_markup["inline_keyboard"][0]] == [
            "Now",
            "Wed 25 Nov 08:00",
        ]
        now = await bot.press_and_edit(EN, button(card, "fu:n:"), message_id=card.message_id)
        _, row = await flow.save(EN, now)
        assert row["due_at"] == bot.clock.timestamp()

    async def test_an_impossible_date_explains_and_offers_the_nearest_days(self, bot, flow):
        erin = await flow.user(EN)
        await flow.client(erin, "Acme GmbH")
        card = await bot.say(EN, "call Acme 31 april")
        assert "That date does not exist." in card.text
        assert "time?" in card.text
        assert not [d for d in card.callback_data if d.startswith("fu:s:")]
        assert len([d for d in card.callback_data if d.startswith("fu:a:")]) == 2

    async def test_unknown_client_can_be_created(self, bot, flow):
        erin = await flow.user(EN)
        card = await bot.say(EN, "call Globex tomorrow at 10")
        assert "There is no client “Globex”." in card.text
        assert not [d for d in card.callback_data if d.startswith("fu:s:")]
        ask = await flow.press_for_message(EN, button(card, "fu:nc:"), card.message_id)
        assert ask.text.startswith("Create the client as “Globex”?")  # the name is editable
        created = await flow.press_for_message(EN, button(ask, "fu:ncy:"), ask.message_id)
        assert created.text.startswith("📞 Call · Globex · Wed 25 Nov 10:00")
        _, row = await flow.save(EN, created)
        client = await bot.services.clients.get(row["client_id"])
        assert (client.name, client.owner_id) == ("Globex", erin.id)

    async def test_unknown_client_without_client(self, bot, flow):
        await flow.user(EN)
        card = await bot.say(EN, "call Globex tomorrow at 10")
        alone = await bot.press_and_edit(EN, button(card, "fu:w:"), message_id=card.message_id)
        assert alone.text.startswith("📞 Call · no client · Wed 25 Nov 10:00")
        _, row = await flow.save(EN, alone)
        assert row["client_id"] is None

    async def test_ambiguous_client_asks_with_candidate_buttons(self, bot, flow):
        erin = await flow.user(EN)
        first = await flow.client(erin, "Jansen Bouw")
        second = await flow.client(erin, "Jansen Logistiek")
        card = await bot.say(EN, "call Jansen tomorrow 10:00")
        assert "Which client do you mean?" in card.text
        picks = [d for d in card.callback_data if d.startswith("fu:p:")]
        assert sorted(int(d.rsplit(":", 1)[1]) for d in picks) == [first, second]
        chosen = await bot.press_and_edit(EN, picks[0], message_id=card.message_id)
        _, row = await flow.save(EN, chosen)
        assert row["client_id"] == int(picks[0].rsplit(":", 1)[1])


class TestEntryPoints:
    async def test_remind_command_and_a_weekly_rule(self, bot, flow):
        erin = await flow.user(EN)
        acme = await flow.client(erin, "Acme GmbH")
        card = await bot.say(EN, "/remind every monday 9:00 call Acme")
        assert card.text.startswith("📞 Call · Acme GmbH · every Monday 09:00")
        _, row = await flow.save(EN, card)
        assert (row["rrule"], row["client_id"]) == ("FREQ=WEEKLY;BYDAY=MO", acme)
        assert local(row["due_at"], "Europe/Amsterdam").isoformat() == "2026-11-30T09:00:00+01:00"

    @pytest.mark.parametrize(
        ("fake", "client", "text", "card", "rule"),
        [
            (RU, "Альфа-Трейд", "каждый понедельник в 9 созвон с Альфа-Трейд",
             "📞 Звонок · Альфа-Трейд · по понедельникам в 09:00", "FREQ=WEEKLY;BYDAY=MO"),
            (HU, "Kovács Kft", "minden hétfőn 9-kor hívjam fel a Kovács Kft-t",
             "📞 Hívás · Kovács Kft · minden hétfőn 9:00", "FREQ=WEEKLY;BYDAY=MO"),
            (NL, "Jansen BV", "elke dag om 9 uur Jansen bellen",
             "📞 Bellen · Jansen BV · elke dag om 09:00", "FREQ=DAILY"),
        ],
    )  # fmt: skip
    async def test_recurrence_in_words(self, bot, flow, fake, client, text, card, rule):
        manager = await flow.user(fake)
        await flow.client(manager, client)
        shown = await bot.say(fake, text)
        assert shown.text.startswith(card)
        _, row = await flow.save(fake, shown)
        assert row["rrule"] == rule

    async def test_remind_without_text_shows_usage(self, bot, flow):
        await flow.user(EN)
        usage = await bot.say(EN, "/remind")
        assert usage.text.startswith("Usage: /remind call Acme")

    async def test_chatter_gets_a_hint_not_a_card(self, bot, flow):
        await flow.user(EN)
        hint = await bot.say(EN, "hello there")
        assert hint.text.startswith("I did not read a follow-up in that.")
        assert hint.callback_data == []

    async def test_a_viewer_is_refused(self, bot, flow):
        await flow.user(VIEWER, "viewer")
        refusal = await bot.say(VIEWER, "call Acme tomorrow 10:00")
        assert refusal.text == "Viewers cannot create reminders; ask an admin or a manager."
        assert await flow.reminders() == []


class TestConversationsKeepTheirText:
    async def test_the_newclient_form_gets_its_answer(self, bot, flow):
        await flow.user(EN)
        await bot.say(EN, "/newclient")
        answer = await bot.say(EN, "call Acme tomorrow 10:00")
        assert not [d for d in answer.callback_data if d.startswith("fu:")]
        assert await fu_buttons(bot, EN) == []
        await bot.say(EN, "/cancel")
        assert await flow.reminders() == []

    async def test_a_follow_up_typed_at_the_timezone_question_leaves_it(self, bot, flow):
        """Issue 11 changed this: after Time zone -> Other…, a clear follow-up is read as one
        (with a note that the question was left), not refused as an unknown zone."""
        before = await flow.user(EN)
        menu = await bot.say(EN, "/settings")
        await bot.press_and_edit(EN, "set:menu:tz", message_id=menu.message_id)
        await bot.press_and_edit(EN, "set:tzother", message_id=menu.message_id)
        mark = bot.emu.mark()
        note = await bot.say(EN, "tomorrow 10:00 call Acme")
        assert note.text.startswith("↩️ You left the unfinished question")
        card = await bot.emu.wait_for_message(EN.id, lambda m: m.seq > note.seq, since=mark)
        assert [d for d in card.callback_data if d.startswith("fu:")]
        hint = await bot.say(EN, "Asia/Tokyo")
        assert "Asia/Tokyo" not in hint.text
        assert (await users.get(bot.services.db, EN.id)).timezone == before.timezone
        assert await flow.reminders() == []
