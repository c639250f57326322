"""The Bot API emulator, driven through the real python-telegram-bot stack."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, MessageHandler, filters

from sandbox.emulator import BotApiEmulator
from sandbox.models import FakeUser
from tests.sandbox.support import ALICE, BOB, TOKEN, real_bot


@pytest.fixture
async def emu():
    async with BotApiEmulator(token=TOKEN, flood_limits=False) as emulator:
        yield emulator


@pytest.fixture
async def bot(emu):
    emu.add_user(ALICE)
    async with real_bot(emu) as client:
        yield client


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.title(), callback_data=d) for d in data]])


class TestServer:
    async def test_get_me_describes_the_bot_from_the_token(self, bot):
        me = await bot.get_me()
        assert (me.id, me.username, me.is_bot) == (123456789, "amb_sandbox_bot", True)

    async def test_urls_point_at_loopback(self, emu):
        assert emu.base_url == f"http://127.0.0.1:{emu.port}/bot"
        assert emu.base_file_url == f"http://127.0.0.1:{emu.port}/file/bot"

    async def test_only_loopback_addresses_can_be_bound(self):
        with pytest.raises(ValueError, match="loopback"):
            await BotApiEmulator().start(host="0.0.0.0")  # noqa: S104 - the point of the test

    async def test_a_wrong_token_is_unauthorized(self, emu):
        other = Bot("42:wrong-token-wrong-token-wrong-token-xx", base_url=emu.base_url)
        with pytest.raises(InvalidToken):
            await other.get_me()
        assert emu.calls[-1].status == 401

    async def test_an_unknown_method_answers_404_like_telegram(self, emu):
        async with httpx.AsyncClient() as http:
            response = await http.post(f"{emu.base_url}{TOKEN}/sendTelepathy", json={})
        assert response.status_code == 404
        assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}

    async def test_a_foreign_host_header_is_refused(self, emu):
        """DNS rebinding: a page on evil.example must not reach the emulator."""
        async with httpx.AsyncClient() as http:
            response = await http.get(f"{emu.url}/_emu/mark", headers={"Host": "evil.example"})
        assert response.status_code == 403

    async def test_the_token_never_reaches_the_logs(self, emu, bot, caplog):
        caplog.set_level(logging.DEBUG)
        await bot.send_message(ALICE, "hello")
        with pytest.raises(BadRequest):
            await bot.send_message(ALICE, "<b>", parse_mode=ParseMode.HTML)
        secret = TOKEN.split(":")[1]
        logged = [r for r in caplog.records if r.name.startswith(("aiohttp", "sandbox"))]
        assert all(secret not in r.getMessage() for r in logged)

    async def test_calls_record_params_status_and_errors_in_order(self, emu, bot):
        await bot.send_message(ALICE, "one", disable_notification=True)
        with pytest.raises(BadRequest):
            await bot.send_message(424242, "two")
        sent, failed = emu.calls[-2:]
        assert (sent.method, sent.status, sent.params["text"]) == ("sendMessage", 200, "one")
        assert sent.params["disable_notification"] is True
        assert sent.result["text"] == "one" and sent.monotonic <= failed.monotonic
        assert (failed.status, failed.error) == (400, "Bad Request: chat not found")


class TestSending:
    async def test_send_edit_delete_are_reflected_in_messages(self, emu, bot):
        sent = await bot.send_message(
            ALICE, "<b>Draft</b>", parse_mode="HTML", reply_markup=keyboard("ok")
        )
        assert sent.text == "Draft" and sent.text_html == "<b>Draft</b>"
        await bot.edit_message_text("Final", chat_id=ALICE, message_id=sent.message_id)
        [now] = emu.messages(ALICE)
        assert (now.text, now.reply_markup, now.edit_count) == ("Final", None, 1)
        await bot.delete_message(ALICE, sent.message_id)
        assert emu.messages(ALICE) == []
        assert emu.messages(ALICE, include_deleted=True)[0].deleted

    async def test_message_ids_grow_per_chat_across_users_and_bot(self, emu, bot):
        first = emu.send_text(ALICE, "hi")
        reply = await bot.send_message(ALICE, "hello", reply_parameters=ReplyParameters(1))
        assert (first["message_id"], reply.message_id) == (1, 2)
        assert reply.reply_to_message.text == "hi"

    async def test_replying_to_a_missing_message_is_refused(self, bot):
        with pytest.raises(BadRequest, match="Message to be replied not found"):
            await bot.send_message(ALICE, "x", reply_parameters=ReplyParameters(99))

    async def test_a_chat_that_never_talked_to_the_bot_is_not_found(self, bot):
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(777, "hello?")

    async def test_a_known_user_without_a_chat_cannot_be_messaged_first(self, emu, bot):
        emu.add_user(BOB, started=False)
        with pytest.raises(Forbidden, match="initiate conversation"):
            await bot.send_message(BOB, "hello?")

    async def test_empty_text_is_refused(self, bot):
        with pytest.raises(BadRequest, match="Message text is empty"):
            await bot.send_message(ALICE, "<b></b>", parse_mode="HTML")

    @pytest.mark.parametrize(
        ("html", "detail"),
        [
            ("<blink>x</blink>", 'unsupported start tag "blink"'),
            ("<b>x", "can't find end tag"),
            ("<b><i>x</b></i>", "unmatched end tag"),
            ("a < b", 'unsupported start tag ""'),
            ("Smith & Sons", "character '&'"),
        ],
    )
    async def test_malformed_html_raises_bad_request(self, bot, html, detail):
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities") as caught:
            await bot.send_message(ALICE, html, parse_mode=ParseMode.HTML)
        assert detail.lower() in caught.value.message.lower()

    async def test_length_limit_counts_utf16_units_after_parsing(self, bot):
        await bot.send_message(ALICE, "😀" * 2048)  # 4096 units
        await bot.send_message(ALICE, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(ALICE, "😀" * 2048 + "a")

    async def test_callback_data_over_64_bytes_is_refused(self, bot):
        await bot.send_message(ALICE, "ok", reply_markup=keyboard("é" * 32))
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.send_message(ALICE, "x", reply_markup=keyboard("é" * 32 + "a"))

    async def test_an_identical_edit_is_not_modified(self, bot):
        sent = await bot.send_message(ALICE, "same", reply_markup=keyboard("a"))
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text(
                "same", chat_id=ALICE, message_id=sent.message_id, reply_markup=keyboard("a")
            )
        with pytest.raises(BadRequest, match="Message is not modified"):
            await sent.edit_reply_markup(keyboard("a"))
        await sent.edit_reply_markup(keyboard("b"))

    async def test_editing_a_missing_message_is_refused(self, emu, bot):
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("x", chat_id=ALICE, message_id=99)
        user_message = emu.send_text(ALICE, "mine")
        with pytest.raises(BadRequest, match="Message can't be edited"):
            await bot.edit_message_text("x", chat_id=ALICE, message_id=user_message["message_id"])

    async def test_chat_action_leave_and_chat_info(self, emu, bot):
        group = emu.add_group("Team")
        await bot.send_chat_action(ALICE, "typing")
        info = await bot.get_chat(group.id)
        assert (info.type, info.title) == ("group", "Team")
        member = await bot.get_chat_member(group.id, bot.id)
        assert member.status == "member"
        assert await bot.leave_chat(group.id)
        with pytest.raises(Forbidden, match="not a member of the group chat"):
            await bot.send_message(group.id, "still here?")


class TestWaiting:
    async def test_wait_for_message_sees_only_messages_after_the_mark(self, emu, bot):
        await bot.send_message(ALICE, "old news")
        mark = emu.mark()
        later = asyncio.create_task(bot.send_message(ALICE, "fresh news"))
        found = await emu.wait_for_message(ALICE, "news", since=mark, timeout=2)
        assert found.text == "fresh news"
        await later

    async def test_a_timeout_says_what_was_sent_instead(self, emu, bot):
        await bot.send_message(ALICE, "something else")
        with pytest.raises(TimeoutError, match="something else"):
            await emu.wait_for_message(ALICE, "expected", timeout=0.05)

    async def test_wait_for_edit_and_call(self, emu, bot):
        sent = await bot.send_message(ALICE, "v1")
        mark = emu.mark()
        editing = asyncio.create_task(sent.edit_text("v2"))
        edited = await emu.wait_for_edit(ALICE, sent.message_id, since=mark, timeout=2)
        call = await emu.wait_for_call("editMessageText", since=mark, timeout=2)
        assert edited.text == "v2" and call.status == 200
        await editing


class TestUpdates:
    async def test_long_poll_returns_as_soon_as_an_update_is_injected(self, emu, bot):
        mark = emu.mark()
        polling = asyncio.create_task(bot.get_updates(timeout=10))
        await emu.wait_for_request("getUpdates", since=mark)
        emu.send_text(ALICE, "ping")
        updates = await asyncio.wait_for(polling, 2)
        assert [u.message.text for u in updates] == ["ping"]

    async def test_updates_stay_until_confirmed_by_a_higher_offset(self, emu, bot):
        emu.send_text(ALICE, "a")
        emu.send_text(ALICE, "b")
        first = await bot.get_updates()
        again = await bot.get_updates()
        assert [u.update_id for u in again] == [u.update_id for u in first]
        rest = await bot.get_updates(offset=first[0].update_id + 1)
        assert [u.message.text for u in rest] == ["b"]
        await bot.get_updates(offset=rest[-1].update_id + 1)
        assert emu.pending_updates() == []

    async def test_a_poll_cut_off_by_a_dying_client_loses_nothing(self, emu, bot):
        """The update goes out on a dead connection; the next poll gets it again."""
        mark = emu.mark()
        polling = asyncio.create_task(bot.get_updates(timeout=10))
        await emu.wait_for_request("getUpdates", since=mark)
        polling.cancel()
        mark = emu.mark()
        emu.send_text(ALICE, "while you were away")
        await emu.wait_for_call("getUpdates", lambda c: bool(c.result), since=mark, timeout=2)
        updates = await bot.get_updates()
        assert [u.message.text for u in updates] == ["while you were away"]

    async def test_commands_carry_a_bot_command_entity(self, emu, bot):
        emu.send_text(ALICE, "/start@amb_sandbox_bot abc")
        [update] = await bot.get_updates()
        assert update.message.parse_entities(["bot_command"]).popitem()[1] == (
            "/start@amb_sandbox_bot"
        )

    async def test_forwarded_messages_carry_their_origin(self, emu, bot):
        emu.forward_text(ALICE, "call me", origin_user=FakeUser(5, "Carol"))
        emu.forward_text(ALICE, "secret", origin_name="Dave D.")
        first, second = await bot.get_updates()
        assert first.message.forward_origin.sender_user.first_name == "Carol"
        assert second.message.forward_origin.sender_user_name == "Dave D."

    async def test_allowed_updates_filters_what_is_returned(self, emu, bot):
        emu.send_text(ALICE, "text")
        emu.chat_member_update(ALICE, ALICE, "member", "kicked")
        [update] = await bot.get_updates(allowed_updates=["my_chat_member"])
        assert update.my_chat_member.new_chat_member.status == "kicked"

    async def test_a_user_who_blocked_the_bot_is_forbidden(self, emu, bot):
        emu.chat_member_update(ALICE, ALICE, "member", "kicked")
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(ALICE, "are you there?")

    async def test_added_to_a_group_then_messages_arrive_from_it(self, emu, bot):
        group = emu.add_group("Sales", bot_status="left")
        emu.chat_member_update(group, ALICE, "left", "member")
        emu.send_text(ALICE, "/help", chat=group)
        joined, text = await bot.get_updates()
        assert joined.my_chat_member.chat.title == "Sales"
        assert (text.message.chat.id, text.effective_user.id) == (group.id, ALICE)
        await bot.send_message(group.id, "hello team")

    async def test_send_text_to_an_unregistered_group_is_a_test_error(self, emu):
        with pytest.raises(ValueError, match="add_group"):
            emu.send_text(ALICE, "hi", chat=-555)


class TestMigration:
    async def test_sends_to_a_migrated_group_raise_chat_migrated(self, emu, bot):
        group = emu.add_group("Ops")
        emu.send_text(ALICE, "hi", chat=group)
        emu.migrate_chat(group.id, -1009876543210)
        updates = await bot.get_updates()
        assert updates[-2].message.migrate_to_chat_id == -1009876543210
        assert updates[-1].message.migrate_from_chat_id == group.id
        with pytest.raises(Exception) as caught:
            await bot.send_message(group.id, "hello?")
        assert caught.value.__class__.__name__ == "ChatMigrated"
        assert caught.value.new_chat_id == -1009876543210
        await bot.send_message(-1009876543210, "hello supergroup")


class TestFiles:
    async def test_a_users_document_downloads_through_get_file(self, emu, bot):
        emu.send_document(ALICE, "clients.csv", b"name\nAcme\n", caption="import")
        [update] = await bot.get_updates()
        document = update.message.document
        assert (document.file_name, document.mime_type, document.file_size) == (
            "clients.csv",
            "text/csv",
            10,
        )
        file = await bot.get_file(document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"name\nAcme\n"

    async def test_documents_and_photos_the_bot_sends_keep_their_bytes(self, emu, bot):
        await bot.send_document(
            ALICE, b"a;b\n", filename="report.csv", caption="<b>Q3</b>", parse_mode="HTML"
        )
        png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (2).to_bytes(4, "big") * 2
        photo = await bot.send_photo(ALICE, png)
        report, picture = emu.messages(ALICE)
        assert (report.filename, report.content, report.text) == ("report.csv", b"a;b\n", "Q3")
        assert picture.content == png and photo.photo[-1].width == 2

    async def test_an_unknown_file_id_is_refused(self, bot):
        with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
            await bot.send_document(ALICE, "no-such-file-id")


class TestCallbacks:
    async def test_a_button_press_round_trip(self, emu, bot):
        sent = await bot.send_message(ALICE, "Done?", reply_markup=keyboard("yes", "no"))
        query_id = emu.press_button(ALICE, sent.message_id, "yes")
        [update] = await bot.get_updates()
        query = update.callback_query
        assert (query.id, query.data, query.message.text) == (query_id, "yes", "Done?")
        await query.answer("Saved", show_alert=True)
        [answer] = emu.callback_answers(query_id)
        assert (answer["text"], answer["show_alert"]) == ("Saved", True)
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await query.answer("twice")

    async def test_pressing_a_button_that_is_gone_is_a_test_error(self, emu, bot):
        sent = await bot.send_message(ALICE, "Done?", reply_markup=keyboard("yes"))
        await sent.edit_reply_markup(None)
        with pytest.raises(ValueError, match="no button 'yes'"):
            emu.press_button(ALICE, sent.message_id, "yes")


class TestCommands:
    async def test_command_menus_are_kept_per_language(self, emu, bot):
        await bot.set_my_commands([BotCommand("help", "Help")])
        await bot.set_my_commands([BotCommand("help", "Помощь")], language_code="ru")
        ru = await bot.get_my_commands(language_code="ru")
        assert [(c.command, c.description) for c in ru] == [("help", "Помощь")]
        assert emu.commands()[0]["description"] == "Help"
        await bot.delete_my_commands(language_code="ru")
        assert await bot.get_my_commands(language_code="ru") == ()

    async def test_an_invalid_command_name_is_refused(self, bot):
        with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
            await bot.set_my_commands([BotCommand("Bad-Name", "x")])


class TestApplication:
    async def test_a_polling_application_echoes_and_answers_buttons(self, emu):
        app = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(emu.base_url)
            .base_file_url(emu.base_file_url)
            .build()
        )

        async def echo(update: Update, context) -> None:
            await update.message.reply_text(update.message.text, reply_markup=keyboard("again"))

        async def again(update: Update, context) -> None:
            await update.callback_query.answer("once more")
            await update.callback_query.edit_message_text("echoed twice")

        app.add_handler(MessageHandler(filters.TEXT, echo))
        app.add_handler(CallbackQueryHandler(again))
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=5)
            mark = emu.mark()
            emu.send_text(ALICE, "hello bot")
            reply = await emu.wait_for_message(ALICE, "hello bot", since=mark)
            query_id = emu.press_button(ALICE, reply.message_id, "again")
            await emu.wait_for_edit(ALICE, reply.message_id, "echoed twice", since=mark)
            assert (await emu.wait_for_callback_answer(query_id))["text"] == "once more"
            await app.updater.stop()
            await app.stop()
        assert emu.pending_updates() == []
