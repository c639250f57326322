"""/report end to end through the Bot API emulator: buttons, summary, photos, scopes, errors."""

import io

import pytest
from PIL import Image

from sandbox.models import FakeUser
from tests.conftest import ADMIN, wait_until
from tests.reports.factory import ANNA_ID, BORIS_ID, seed_known

ANNA = FakeUser(ANNA_ID, "Anna", language_code="en")
BORIS = FakeUser(BORIS_ID, "Boris", language_code="ru")


@pytest.fixture
async def team(bot):
    await bot.add_user(ANNA, "manager")
    await bot.add_user(BORIS, "manager", language="ru")
    await seed_known(bot.services.db, with_users=False)
    # The dataset's overdue invoices and due follow-ups would make the reminder engine
    # message Anna and Boris in the middle of these tests; reports are what is under test.
    await bot.runtime.dispatcher.stop()
    return bot


async def photos_after(bot, chat_id: int, since: int, count: int) -> list:
    """The next `count` photos in the chat (the bot paces them under the flood limit)."""
    found = []
    for _ in range(count):
        photo = await bot.emu.wait_for_message(
            chat_id, lambda m: m.kind == "photo", since=since, timeout=10
        )
        found.append(photo)
        since = photo.seq
    return found


async def press_period(bot, user, data: str):
    """Press a period button; returns the summary message and the photos after it."""
    mark = bot.emu.mark()
    await bot.press(user, data)
    summary = await bot.emu.wait_for_message(user.id, lambda m: m.kind == "text", since=mark)
    return summary, await photos_after(bot, user.id, summary.seq, 3)


async def set_role(bot, user_id: int, role: str) -> None:
    async with bot.services.db.transaction() as tx:
        await tx.execute("UPDATE users SET role = ? WHERE id = ?", (role, user_id))


def assert_png(photo) -> None:
    image = Image.open(io.BytesIO(photo.file.content))
    assert image.format == "PNG" and image.size == (800, 450)


class TestReportCommand:
    async def test_admin_gets_the_team_report_with_three_charts_in_english(self, team):
        menu = await team.say(ADMIN, "/report")
        assert menu.text.startswith("Report for the whole team: choose a period")
        assert "rep:p:m:0" in menu.callback_data and "rep:pick" in menu.callback_data
        summary, photos = await press_period(team, ADMIN, "rep:p:m:0")
        assert summary.text.startswith("Report: the whole team\n1\u2009–\u200930 Nov 2026")
        assert "Overdue receivables: 6 · €4,600.50" in summary.text
        assert "Renewals due: 3 · renewed: 1" in summary.text
        assert [p.text for p in photos] == [
            "Overdue receivables by days overdue",
            "Interactions per day per manager",
            "Renewals due in the period",
        ]
        for photo in photos:
            assert_png(photo)

    async def test_a_manager_gets_the_own_portfolio_in_russian(self, team):
        menu = await team.say(BORIS, "/report")
        assert menu.text.startswith("Отчёт (Boris): выберите период")
        assert "rep:pick" not in menu.callback_data
        summary, photos = await press_period(team, BORIS, "rep:p:m:0")
        assert summary.text.startswith("Отчёт: Boris\n1—30 нояб. 2026\u202fг.")
        assert "Просроченная дебиторка: 2 · 1\u00a0100,00\u00a0€" in summary.text
        assert "Контакты: 1 (звонки 1)" in summary.text
        assert "Продления в периоде: 1 · продлено: 0" in summary.text
        assert photos[0].text == "Просроченная дебиторка по срокам просрочки"
        assert_png(photos[1])

    async def test_a_stale_button_for_a_colleague_is_refused_after_demotion(self, team):
        """Anna picked Boris while she was an admin; as a manager that button is refused."""
        await set_role(team, ANNA_ID, "admin")
        menu = await team.say(ANNA, "/report")
        await team.press_and_edit(ANNA, "rep:pick", message_id=menu.message_id)
        await team.press_and_edit(ANNA, f"rep:for:{BORIS_ID}", message_id=menu.message_id)
        await set_role(team, ANNA_ID, "manager")
        mark = team.emu.mark()
        query_id = await team.press(ANNA, f"rep:p:m:{BORIS_ID}", message_id=menu.message_id)
        (answer,) = team.emu.callback_answers(query_id)
        assert answer["show_alert"] and answer["text"] == "You are not allowed to do that."
        assert team.emu.messages(ANNA.id, since=mark) == []

    async def test_admin_filters_one_manager(self, team):
        menu = await team.say(ADMIN, "/report")
        picker = await team.press_and_edit(ADMIN, "rep:pick", message_id=menu.message_id)
        assert picker.text == "Whose portfolio?"
        assert f"rep:for:{BORIS_ID}" in picker.callback_data
        chooser = await team.press_and_edit(
            ADMIN, f"rep:for:{BORIS_ID}", message_id=menu.message_id
        )
        assert chooser.text.startswith("Report for Boris")
        summary, photos = await press_period(team, ADMIN, f"rep:p:q:{BORIS_ID}")
        assert photos[1].text == "Interactions per week per manager"
        assert summary.text.startswith("Report: Boris\n1 Oct\u2009–\u200931 Dec 2026")
        assert "Overdue receivables: 2 · €1,100.00" in summary.text

    async def test_others_are_served_while_a_report_is_being_sent(self, team):
        """A report is sent in the background (photos paced under the per-chat flood limit):
        while its sends to the admin are held open by Telegram, Anna is still answered."""
        menu = await team.say(ADMIN, "/report")
        team.emu.set_fault(ADMIN.id, "hold")  # every send to the admin waits until released
        mark = team.emu.mark()
        team.emu.press_button(ADMIN, menu.message_id, "rep:p:m:0")
        await wait_until(lambda: team.emu.held_count(ADMIN.id) >= 1, timeout=10)
        help_reply = await team.say(ANNA, "/help")
        assert help_reply.text.startswith("What I can do")
        team.emu.release(ADMIN.id)
        summary = await team.emu.wait_for_message(ADMIN.id, lambda m: m.kind == "text", since=mark)
        photos = await photos_after(team, ADMIN.id, summary.seq, 3)
        assert help_reply.seq < summary.seq < photos[0].seq


class TestCustomPeriod:
    async def test_a_typed_period_is_reported(self, team):
        summary = await team.say(ADMIN, "/report 2026-10-01 2026-10-31")
        assert summary.text.startswith("Report: the whole team\n1\u2009–\u200931 Oct 2026")
        assert "New clients: 0 · lost: 1\n  · moved to a competitor: 1" in summary.text
        photos = await photos_after(team, ADMIN.id, summary.seq, 3)
        assert_png(photos[2])

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            (
                "/report 2026-13-01 2026-10-31",
                "“2026-13-01” is not a date. Type dates as YYYY-MM-DD",
            ),
            ("/report 2026-10-31 2026-10-01", "The period starts after it ends (2026-10-31 is"),
            ("/report 2026-10-01", "Type the first and the last day: /report 2026-10-01"),
        ],
    )
    async def test_a_bad_period_gets_a_clear_reply_and_nothing_else(self, team, typed, expected):
        mark = team.emu.mark()
        reply = await team.say(ADMIN, typed)
        assert reply.text.startswith(expected)
        await team.emu.wait_for_updates_confirmed()
        assert len(team.emu.messages(ADMIN.id, since=mark)) == 1

    async def test_a_bad_date_is_explained_in_russian(self, team):
        reply = await team.say(BORIS, "/report 2026-10-01 2026-02-30")
        assert reply.text.startswith("«2026-02-30» — не дата.")
