"""The control API and `python -m sandbox`, against an emulator started here."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from sandbox.client import ControlClient, ControlError
from sandbox.emulator import BotApiEmulator
from tests.sandbox.support import ALICE, TOKEN, real_bot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def emu():
    async with BotApiEmulator(token=TOKEN) as emulator:
        yield emulator


@pytest.fixture
async def bot(emu):
    async with real_bot(emu) as client:
        yield client


async def run_cli(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sandbox",
        *args,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finish(process: asyncio.subprocess.Process) -> tuple[int, str, str]:
    out, err = await asyncio.wait_for(process.communicate(), 15)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


MENU = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Settings", callback_data="set:menu")],
        [InlineKeyboardButton("Docs", url="https://example.org/docs")],
    ]
)


class TestCli:
    async def test_say_prints_the_bots_reply_with_its_buttons(self, emu, bot):
        process = await run_cli("say", "/help", "--url", emu.url, "--settle", "0.2")
        [update] = await bot.get_updates(timeout=10)
        assert (update.message.text, update.effective_user.id) == ("/help", 1001)
        assert update.message.entities[0].type == "bot_command"
        await bot.send_message(update.message.chat.id, "<b>Commands</b>", parse_mode="HTML")
        await bot.send_message(update.message.chat.id, "Menu", reply_markup=MENU)
        code, out, err = await finish(process)
        assert code == 0, err
        assert out.splitlines() == [
            "[#2] Commands",
            "[#3] Menu",
            "     [Settings -> set:menu]",
            "     [Docs -> https://example.org/docs]",
        ]

    async def test_press_prints_the_edit_and_the_answer(self, emu, bot):
        emu.add_user(ALICE)
        sent = await bot.send_message(ALICE, "Menu", reply_markup=MENU)
        process = await run_cli("press", "set:menu", "--url", emu.url, "--settle", "0.2")
        [update] = await bot.get_updates(timeout=10)
        assert update.callback_query.message.message_id == sent.message_id
        await update.callback_query.answer("Opened")
        await update.callback_query.edit_message_text("Settings")
        code, out, err = await finish(process)
        assert code == 0, err
        assert out.splitlines() == ["[#1] (edited) Settings", "(answer) Opened"]

    async def test_messages_lists_what_the_bot_sent(self, emu, bot):
        emu.add_user(ALICE)
        await bot.send_message(ALICE, "one")
        await bot.send_document(ALICE, b"x,y\n", filename="export.csv")
        code, out, _ = await finish(await run_cli("messages", "--url", emu.url))
        assert code == 0
        assert out.splitlines() == ["[#1] one", "[#2] [document export.csv, 4 bytes]"]

    async def test_say_reports_silence_with_exit_code_1(self, emu):
        code, out, _ = await finish(
            await run_cli("say", "hello?", "--url", emu.url, "--timeout", "0.2")
        )
        assert (code, out.strip()) == (1, "(no reply within 0.2s)")

    async def test_no_emulator_is_a_clear_error(self):
        async with BotApiEmulator() as gone:
            url = gone.url
        code, _, err = await finish(await run_cli("messages", "--url", url))
        assert code == 2 and "is the sandbox running?" in err


class TestControlClient:
    async def test_acting_and_inspecting_from_another_thread(self, emu, bot):
        """The blocking client as another process would use it."""
        client = ControlClient(emu.url)
        try:
            group = await asyncio.to_thread(client.add_group, "Team")
            sent = await asyncio.to_thread(
                client.send_text, "hi all", user={"id": 7, "first_name": "Eve"}, chat_id=group["id"]
            )
            await asyncio.to_thread(client.send_document, "a.csv", b"1,2", user=7)
            texts = [u.message.text for u in await bot.get_updates()]
            assert texts == ["hi all", None]
            await bot.send_message(group["id"], "welcome, Eve")
            result = await asyncio.to_thread(client.wait, group["id"], sent["mark"], settle=0.1)
            assert [m["text"] for m in result["messages"]] == ["welcome, Eve"]
            assert (await asyncio.to_thread(client.messages, group["id"]))[0]["text"] == (
                "welcome, Eve"
            )
            await asyncio.to_thread(client.set_fault, 7, "forbidden", times=1)
            assert emu.state.faults[7].kind == "forbidden"
            await asyncio.to_thread(client.clear_fault, 7)
            stats = await asyncio.to_thread(client.stats)
            assert stats["requests"] >= 2
            with pytest.raises(ControlError, match="no bot message"):
                await asyncio.to_thread(client.press, "nothing:here", user=7)
        finally:
            client.close()

    async def test_post_bodies_must_be_json(self, emu):
        import httpx

        async with httpx.AsyncClient() as http:
            response = await http.post(f"{emu.url}/_emu/reset", data={"x": "1"})
        assert response.status_code == 415
