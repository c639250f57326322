"""Every "type it next" step, left and resumed the way users do (issue 11 item 1; /import and
Save twice from issue 12): a command leaves it and runs, a clear follow-up leaves it and is
read as one, it expires after 15 minutes on the fake clock, a restart keeps it, and a card's
Save on an older copy or pressed twice never saves the wrong thing or twice.

Every state is reached through user actions only (commands, texts, buttons, the clock)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

from sandbox.models import BotMessage, FakeUser
from tests.conftest import ADMIN, restart

FOLLOW_UP = "call Acme tomorrow at 10"
LEFT = "↩️ You left the unfinished question; nothing more was saved from it."
LEFT_FOR_FOLLOW_UP = "↩️ You left the unfinished question; I read this as a new follow-up."
EXPIRED = "⌛ The unfinished question expired after 15 minutes; reading this on its own."
CSV = b"name;phone\nBeta BV;+31 20 123 4567\n"


def button(message: BotMessage, prefix: str) -> str:
    found = [data for data in message.callback_data if data.startswith(prefix)]
    assert found, f"no {prefix!r} button in {message.callback_data}"
    return found[0]


async def press_for_message(bot, data: str, message_id: int) -> BotMessage:
    """Press a button that answers with a new message; returns that message."""
    mark = bot.emu.mark()
    bot.emu.press_button(ADMIN, message_id, data)
    return await bot.emu.wait_for_message(ADMIN.id, since=mark)


async def messages_after(bot, text: str, count: int) -> list[BotMessage]:
    """Say `text`; the bot's first `count` messages after it."""
    mark = bot.emu.mark()
    bot.emu.send_text(ADMIN, text)
    await bot.emu.wait_for_message(
        ADMIN.id, lambda m: len(bot.emu.messages(ADMIN.id, since=mark)) >= count, since=mark
    )
    return bot.emu.messages(ADMIN.id, since=mark)[:count]


async def send_csv(bot) -> BotMessage:
    mark = bot.emu.mark()
    bot.emu.send_document(ADMIN, "clients.csv", CSV)
    return await bot.emu.wait_for_message(ADMIN.id, since=mark)


async def acme_card(bot) -> BotMessage:
    return await bot.say(ADMIN, "/newclient Acme GmbH")


async def follow_up_card(bot) -> BotMessage:
    await acme_card(bot)
    return await bot.say(ADMIN, FOLLOW_UP)


# -- the steps: how a user opens each, a good answer, and what that answer gets ---------


@dataclass(frozen=True)
class Step:
    name: str
    open: Callable[[object], Awaitable[object]]  # returns what `answered` needs
    answer: str
    answered: Callable[[BotMessage, object], bool]  # the reply shows the step took it
    refuses_follow_ups: bool = False  # its validator refuses FOLLOW_UP


async def open_timezone(bot):
    menu = await bot.say(ADMIN, "/settings")
    await bot.press_and_edit(ADMIN, "set:menu:tz", message_id=menu.message_id)
    await bot.press_and_edit(ADMIN, "set:tzother", message_id=menu.message_id)


async def open_note(bot):
    card = await acme_card(bot)
    await press_for_message(bot, button(card, "cl:log:").replace(":call", ":note"), card.message_id)


async def open_remind(bot):
    card = await acme_card(bot)
    await press_for_message(bot, button(card, "cl:rem:"), card.message_id)


async def open_edit_email(bot):
    card = await acme_card(bot)
    menu = await bot.press_and_edit(ADMIN, button(card, "cl:edit:"), message_id=card.message_id)
    await press_for_message(
        bot, button(menu, "cl:ef:").rsplit(":", 1)[0] + ":email", menu.message_id
    )


async def open_change_time(bot) -> str:
    card = await follow_up_card(bot)
    await press_for_message(bot, button(card, "fu:t:"), card.message_id)
    return button(card, "fu:s:").rsplit(":", 1)[0]  # "fu:s:<draft>"


async def open_change_client(bot):
    card = await follow_up_card(bot)
    await press_for_message(bot, button(card, "fu:c:"), card.message_id)


async def open_newclient(bot):
    await bot.say(ADMIN, "/newclient")


async def open_away(bot):
    await bot.say(ADMIN, "/away")


async def delivered_reminder(bot) -> BotMessage:
    card = await follow_up_card(bot)
    await bot.press_and_edit(ADMIN, button(card, "fu:s:"), message_id=card.message_id)
    mark = bot.emu.mark()
    bot.clock.advance(timedelta(days=1))
    await bot.runtime.time_moved()
    return await bot.emu.wait_for_message(
        ADMIN.id, lambda m: "rem:" in str(m.callback_data), since=mark
    )


async def open_snooze(bot):
    reminder = await delivered_reminder(bot)
    await press_for_message(
        bot, button(reminder, "rem:sn:").rsplit(":", 1)[0] + ":c", reminder.message_id
    )


async def open_outcome(bot):
    reminder = await delivered_reminder(bot)
    await press_for_message(bot, button(reminder, "rem:log:"), reminder.message_id)


async def open_import(bot):
    await bot.say(ADMIN, "/import")


STEPS = [
    Step("timezone", open_timezone, "Asia/Tokyo", lambda m, _: m.text.startswith("Saved."), True),
    Step("note", open_note, "met them at the fair", lambda m, _: m.text.startswith("Logged.")),
    Step(
        "remind",
        open_remind,
        "2026-12-01 10:00",
        lambda m, _: m.text.startswith("What should I remind you to do"),
    ),
    Step(
        "edit", open_edit_email, "anna@acme.example", lambda m, _: m.text.startswith("Saved."), True
    ),
    Step(
        "change_time",
        open_change_time,
        "friday 11:00",
        lambda m, save: any(
            d.startswith(save + ":") and not d.endswith(":1") for d in m.callback_data
        ),
    ),
    Step(
        "change_client", open_change_client, "Acme", lambda m, _: m.text.startswith("Which client")
    ),
    Step("newclient", open_newclient, "Beta BV", lambda m, _: m.text.startswith("Contact person?")),
    Step("away", open_away, "2026-12-01", lambda m, _: m.text.startswith("Until which day")),
    Step("snooze", open_snooze, "2026-12-02 10:00", lambda m, _: "moved to" in m.text),
    Step("outcome", open_outcome, "they will sign", lambda m, _: m.text == "Outcome saved."),
]
IDS = [step.name for step in STEPS]


async def open_step(bot, step: Step) -> object:
    opened = await step.open(bot)
    assert await bot.services.steps.current(ADMIN.id) is not None, step.name
    return opened


class TestEveryStep:
    @pytest.mark.parametrize("step", STEPS, ids=IDS)
    async def test_an_answer_is_taken(self, bot, step):
        opened = await open_step(bot, step)
        assert step.answered(await bot.say(ADMIN, step.answer), opened)

    @pytest.mark.parametrize("step", STEPS, ids=IDS)
    async def test_a_command_leaves_the_step_and_runs(self, bot, step):
        opened = await open_step(bot, step)
        left, help_text = await messages_after(bot, "/help", 2)
        assert left.text == LEFT
        assert help_text.text.startswith("What I can do")
        assert await bot.services.steps.current(ADMIN.id) is None
        assert not step.answered(await bot.say(ADMIN, step.answer), opened)

    @pytest.mark.parametrize("step", STEPS, ids=IDS)
    async def test_the_step_expires_after_15_minutes(self, bot, step):
        opened = await open_step(bot, step)
        bot.clock.advance(timedelta(minutes=15))
        expired, then = await messages_after(bot, step.answer, 2)
        assert expired.text == EXPIRED
        assert not step.answered(then, opened)
        assert await bot.services.steps.current(ADMIN.id) is None

    @pytest.mark.parametrize("step", STEPS, ids=IDS)
    async def test_a_restart_keeps_the_step(self, bot, config, restartable, step):
        opened = await open_step(bot, step)
        await restart(bot, config)
        assert step.answered(await bot.say(ADMIN, step.answer), opened)

    @pytest.mark.parametrize(
        "step", [s for s in STEPS if s.refuses_follow_ups], ids=lambda s: s.name
    )
    async def test_a_follow_up_leaves_the_step(self, bot, step):
        await open_step(bot, step)
        note, card = await messages_after(bot, FOLLOW_UP, 2)
        assert note.text == LEFT_FOR_FOLLOW_UP
        assert card.text.startswith("📞 Call · ") and button(card, "fu:t:")
        assert await bot.services.steps.current(ADMIN.id) is None


class TestStepDetails:
    async def test_a_step_still_open_at_14_minutes(self, bot):
        await open_timezone(bot)
        bot.clock.advance(timedelta(minutes=14, seconds=59))
        assert (await bot.say(ADMIN, "Asia/Tokyo")).text.startswith("Saved.")

    async def test_a_refused_answer_asks_again_and_keeps_the_step(self, bot):
        await open_timezone(bot)
        again = await bot.say(ADMIN, "Mars/Olympus")
        assert "is not a time zone I know" in again.text
        assert "Please type it again, send a command, or /cancel." in again.text
        assert (await bot.say(ADMIN, "Asia/Tokyo")).text.startswith("Saved.")

    async def test_newclient_mid_form_starts_anew(self, bot):
        await bot.say(ADMIN, "/newclient")
        await bot.say(ADMIN, "Beta BV")
        left, first = await messages_after(bot, "/newclient", 2)
        assert left.text == LEFT
        assert first.text.startswith("New client. What is its name?")
        assert (await bot.say(ADMIN, "Gamma NV")).text.startswith("Contact person?")

    async def test_a_wizard_button_after_leaving_says_the_question_is_over(self, bot):
        await bot.say(ADMIN, "/away")
        question = bot.emu.messages(ADMIN.id)[-1]
        await bot.say(ADMIN, "/cancel")
        query = bot.emu.press_button(
            ADMIN, question.message_id, button(question, "team:away:start:")
        )
        answer = await bot.emu.wait_for_callback_answer(query)
        assert answer["text"] == "This button is no longer valid."

    async def test_an_add_note_left_for_agenda_does_not_save_a_follow_up_as_note(self, bot):
        """Seen: after Add note -> /agenda, a typed follow-up was silently saved as a note."""
        await open_note(bot)
        left, _agenda = await messages_after(bot, "/agenda", 2)
        assert left.text == LEFT
        card = await bot.say(ADMIN, FOLLOW_UP)
        assert button(card, "fu:s:")
        rows = await bot.services.db.fetch_all("SELECT kind FROM interactions")
        assert [row["kind"] for row in rows] == []

    async def test_the_last_button_of_a_form_pressed_twice_saves_once(self, bot):
        """/away to its last question, then a double tap on a reason: one absence."""
        start = await bot.say(ADMIN, "/away")
        await press_for_message(bot, button(start, "team:away:start:"), start.message_id)
        deputy = await bot.say(ADMIN, "2026-12-10")
        reason = await press_for_message(bot, "team:away:dep:0", deputy.message_id)
        data = button(reason, "team:away:why:")
        first = bot.emu.press_button(ADMIN, reason.message_id, data)
        second = bot.emu.press_button(ADMIN, reason.message_id, data)
        await bot.emu.wait_for_callback_answer(first)
        answer = await bot.emu.wait_for_callback_answer(second)
        assert answer["text"] == "This button is no longer valid."
        count = await bot.services.db.fetch_one("SELECT count(*) FROM absences")
        assert count[0] == 1

    async def test_a_wizard_button_works_after_a_restart(self, bot, config, restartable):
        start = await bot.say(ADMIN, "/away")
        await restart(bot, config)
        asked = await press_for_message(bot, button(start, "team:away:start:"), start.message_id)
        assert asked.text.startswith("Until which day")

    async def test_a_forwarded_message_leaves_the_step_and_is_offered_for_logging(self, bot):
        await open_note(bot)
        mark = bot.emu.mark()
        bot.emu.forward_text(ADMIN, "Thanks, see you friday", origin_name="Acme GmbH")
        offer = await bot.emu.wait_for_message(
            ADMIN.id, lambda m: "fu:fs:" in str(m.callback_data), since=mark
        )
        assert bot.emu.messages(ADMIN.id, since=mark)[0].text == LEFT
        assert offer.text.startswith("Forwarded from Acme GmbH")
        rows = await bot.services.db.fetch_all("SELECT kind FROM interactions")
        assert rows == []


class TestImport:
    async def test_a_csv_after_import_is_imported(self, bot):
        await open_import(bot)
        assert (await send_csv(bot)).text.startswith("Imported 1 client")

    async def test_cancel_disarms_import(self, bot):
        await open_import(bot)
        assert (await bot.say(ADMIN, "/cancel")).text == "Cancelled."
        assert (await send_csv(bot)).text.startswith("To import clients, send /import first")

    async def test_a_command_disarms_import(self, bot):
        await open_import(bot)
        left, _ = await messages_after(bot, "/help", 2)
        assert left.text == LEFT
        assert (await send_csv(bot)).text.startswith("To import clients, send /import first")

    async def test_import_expires_after_15_minutes(self, bot):
        await open_import(bot)
        bot.clock.advance(timedelta(minutes=15))
        assert (await send_csv(bot)).text.startswith("To import clients, send /import first")

    async def test_a_restart_keeps_import_armed(self, bot, config, restartable):
        await open_import(bot)
        await restart(bot, config)
        assert (await send_csv(bot)).text.startswith("Imported 1 client")

    async def test_a_text_at_import_asks_for_the_file_and_a_follow_up_leaves(self, bot):
        await acme_card(bot)
        await open_import(bot)
        assert "waiting for the CSV" in (await bot.say(ADMIN, "hello")).text
        note, card = await messages_after(bot, FOLLOW_UP, 2)
        assert note.text == LEFT_FOR_FOLLOW_UP and button(card, "fu:s:")
        assert (await send_csv(bot)).text.startswith("To import clients, send /import first")


class TestDrafts:
    async def reminders(self, bot) -> list:
        return await bot.services.db.fetch_all("SELECT id, due_at FROM reminders")

    async def test_save_on_an_older_copy_is_refused_and_shows_the_current_card(self, bot):
        old = await follow_up_card(bot)
        await press_for_message(bot, button(old, "fu:t:"), old.message_id)
        current = await bot.say(ADMIN, "friday 11:00")
        assert "Fri" in current.text
        mark = bot.emu.mark()
        query = bot.emu.press_button(ADMIN, old.message_id, button(old, "fu:s:"))
        answer = await bot.emu.wait_for_callback_answer(query)
        assert answer["text"] == "This card is out of date; here is the current one."
        shown = await bot.emu.wait_for_message(ADMIN.id, since=mark)
        assert shown.text.startswith("This card is out of date")
        assert button(shown, "fu:s:") == button(current, "fu:s:")
        assert await self.reminders(bot) == []
        await bot.press_and_edit(ADMIN, button(current, "fu:s:"), message_id=current.message_id)
        assert len(await self.reminders(bot)) == 1

    async def test_save_pressed_twice_saves_once(self, bot):
        """A double tap: both presses reach the bot before the card loses its buttons."""
        card = await follow_up_card(bot)
        save = button(card, "fu:s:")
        first = bot.emu.press_button(ADMIN, card.message_id, save)
        second = bot.emu.press_button(ADMIN, card.message_id, save)
        await bot.emu.wait_for_callback_answer(first)
        answer = await bot.emu.wait_for_callback_answer(second)
        (row,) = await self.reminders(bot)
        assert answer["text"] == f"Already saved (reminder #{row['id']})."
        assert bot.emu.message(ADMIN.id, card.message_id).text.startswith("✅ Saved")

    async def test_create_client_pressed_twice_creates_one_client(self, bot):
        card = await bot.say(ADMIN, "call Initech tomorrow at 10")
        asked = await press_for_message(bot, button(card, "fu:nc:"), card.message_id)
        create = button(asked, "fu:ncy:")  # "Create" with the proposed name, tapped twice
        first = bot.emu.press_button(ADMIN, asked.message_id, create)
        second = bot.emu.press_button(ADMIN, asked.message_id, create)
        await bot.emu.wait_for_callback_answer(first)
        await bot.emu.wait_for_callback_answer(second)
        rows = await bot.services.db.fetch_all("SELECT name FROM clients")
        assert [row["name"] for row in rows] == ["Initech"]

    async def test_log_forward_pressed_twice_logs_once(self, bot):
        await acme_card(bot)
        mark = bot.emu.mark()
        bot.emu.forward_text(ADMIN, "Thanks for the call", origin_name="Acme GmbH")
        offer = await bot.emu.wait_for_message(
            ADMIN.id, lambda m: "fu:fl:" in str(m.callback_data), since=mark
        )
        log = button(offer, "fu:fl:")
        first = bot.emu.press_button(ADMIN, offer.message_id, log)
        second = bot.emu.press_button(ADMIN, offer.message_id, log)
        await bot.emu.wait_for_callback_answer(first)
        answer = await bot.emu.wait_for_callback_answer(second)
        assert answer["text"] == "This draft is no longer open; please type it again."
        rows = await bot.services.db.fetch_all("SELECT summary FROM interactions")
        assert [row["summary"] for row in rows] == ["Thanks for the call"]

    async def test_a_card_survives_a_restart(self, bot, config, restartable):
        card = await follow_up_card(bot)
        await restart(bot, config)
        saved = await bot.press_and_edit(ADMIN, button(card, "fu:s:"), message_id=card.message_id)
        assert saved.text.startswith("✅ Saved")
        assert len(await self.reminders(bot)) == 1


class TestButtonChoices:
    """Choices offered with buttons only are kept in the database as well."""

    async def test_a_client_picked_after_a_restart_continues_the_log_command(
        self, bot, config, restartable
    ):
        await bot.say(ADMIN, "/newclient Jansen BV")
        warning = await bot.say(ADMIN, "/newclient Janssen BV")
        await press_for_message(bot, "cl:dup:yes", warning.message_id)
        question = await bot.say(ADMIN, "/log Jannsen: talked about pricing")
        assert question.text.startswith("Several clients match")
        await restart(bot, config)
        pick = button(question, "cl:pick:")
        answer = await press_for_message(bot, pick, question.message_id)
        assert answer.text.startswith("Logged.")
        rows = await bot.services.db.fetch_all("SELECT client_id, summary FROM interactions")
        assert [tuple(row) for row in rows] == [(int(pick.split(":")[2]), "talked about pricing")]

    async def test_create_anyway_after_a_restart_creates_the_client(self, bot, config, restartable):
        await acme_card(bot)
        warning = await bot.say(ADMIN, "/newclient ACME gmbh")
        assert "A similar client already exists" in warning.text
        await restart(bot, config)
        created = await press_for_message(bot, "cl:dup:yes", warning.message_id)
        assert "added" in created.text

    async def test_a_typed_text_leaves_a_button_choice(self, bot):
        await acme_card(bot)
        warning = await bot.say(ADMIN, "/newclient ACME gmbh")
        card = await bot.say(ADMIN, FOLLOW_UP)
        assert button(card, "fu:s:")
        query = bot.emu.press_button(ADMIN, warning.message_id, "cl:dup:yes")
        answer = await bot.emu.wait_for_callback_answer(query)
        assert answer["text"]  # "expired": the choice was left, nothing created
        count = await bot.services.db.fetch_one("SELECT count(*) FROM clients")
        assert count[0] == 1


class TestInEveryLanguage:
    @pytest.mark.parametrize(
        ("lang", "text", "left", "left_for_follow_up"),
        [
            (
                "ru",
                "позвонить Ромашке завтра в 11",
                "↩️ Вы вышли из незаконченного вопроса",
                "читаю это как новое напоминание",
            ),
            (
                "nl",
                "morgen om 9 uur Jansen BV bellen",
                "↩️ Je hebt de open vraag verlaten",
                "ik lees dit als een nieuwe opvolging",
            ),
            (
                "hu",
                "holnap 10:00 hívjam fel a Kovács Kft-t",
                "↩️ Kilépett a befejezetlen kérdésből",
                "ezt új teendőként értelmezem",
            ),
        ],
    )
    async def test_leaving_is_said_in_the_users_language(
        self, bot, lang, text, left, left_for_follow_up
    ):
        user = FakeUser(5000 + len(lang) + ord(lang[0]), "Mia", language_code=lang)
        await bot.add_user(user, "manager", language=lang)

        async def other_zone() -> None:
            menu = await bot.say(user, "/settings")
            await bot.press_and_edit(user, "set:menu:tz", message_id=menu.message_id)
            await bot.press_and_edit(user, "set:tzother", message_id=menu.message_id)

        await other_zone()
        mark = bot.emu.mark()
        bot.emu.send_text(user, "/agenda")
        agenda = await bot.emu.wait_for_message(
            user.id, lambda m: not m.text.startswith(left), since=mark
        )
        assert bot.emu.messages(user.id, since=mark)[0].text.startswith(left)
        assert agenda.text
        await other_zone()
        mark = bot.emu.mark()
        bot.emu.send_text(user, text)
        card = await bot.emu.wait_for_message(
            user.id, lambda m: "fu:t:" in str(m.callback_data), since=mark
        )
        first = bot.emu.messages(user.id, since=mark)[0]
        assert first.text.startswith(left) and left_for_follow_up in first.text
        assert card.text.startswith(("📞", "🤝"))
