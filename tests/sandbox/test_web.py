"""The sandbox web chat over real HTTP on 127.0.0.1: page, messages, buttons, clock, files."""

from __future__ import annotations

import aiohttp
import pytest

from sandbox.demo_data import ADMIN_ID, NL_MANAGER_ID, RU_MANAGER_ID, TEAM_CHAT_ID
from storage import demo
from tests.sandbox.web_support import (
    START,
    event_stream,
    from_bot,
    post,
    running_sandbox,
    tiny_png,
)


@pytest.fixture
async def sandbox(tmp_path):
    async with running_sandbox(tmp_path) as running:
        yield running


@pytest.fixture
async def session():
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as client:
        yield client


@pytest.fixture
def url(sandbox) -> str:
    return sandbox.web.url


class TestPage:
    async def test_the_page_and_its_assets_load_with_a_strict_policy(self, session, url):
        async with session.get(url) as response:
            assert response.status == 200
            assert "/static/app.js" in await response.text()
            assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        for name, kind in (("app.js", "text/javascript"), ("style.css", "text/css")):
            async with session.get(f"{url}static/{name}") as response:
                assert response.status == 200
                assert response.content_type == kind

    async def test_unknown_or_sneaky_static_names_are_not_found(self, session, url):
        for name in ("nothing.js", "..%2Frun.py", ".hidden.css", "web.py"):
            async with session.get(f"{url}static/{name}") as response:
                assert response.status == 404, name

    async def test_a_foreign_host_name_is_refused(self, session, url):
        """DNS rebinding: a page on evil.example resolving to 127.0.0.1 gets nothing."""
        async with session.get(f"{url}api/state", headers={"Host": "evil.example"}) as response:
            assert response.status == 403

    async def test_state_lists_the_personas_the_team_and_the_clock(self, session, url):
        async with session.get(f"{url}api/state") as response:
            state = await response.json()
        personas = {p["id"]: p for p in state["personas"]}
        assert set(personas) == {ADMIN_ID, RU_MANAGER_ID, NL_MANAGER_ID}
        assert personas[ADMIN_ID]["role"] == "admin"
        assert {p["language"] for p in personas.values()} == {"en", "ru", "nl"}
        assert state["team"]["id"] == TEAM_CHAT_ID
        assert state["clock"]["now_ms"] == int(START.timestamp() * 1000)
        assert any(c["command"] == "settings" for c in state["commands"]["ru"])


def answers_help(data: dict) -> bool:
    """The bot's answer to /help (a persona's morning digest may arrive at any moment)."""
    return from_bot(data) and "/help" in data["text"]


class TestChat:
    async def test_a_message_reaches_the_bot_and_the_reply_arrives_live(self, session, url):
        async with event_stream(session, url) as events:
            await post(session, url, "send", {"user": ADMIN_ID, "text": "/help"})
            mine = await events.wait_for("msg", lambda m: m["text"] == "/help")
            assert mine["from"]["id"] == ADMIN_ID and mine["chat_id"] == ADMIN_ID
            reply = await events.wait_for("msg", answers_help)
        assert reply["chat_id"] == ADMIN_ID
        assert reply["text"].startswith("What I can do")
        assert reply["message_id"] > mine["message_id"]
        assert any(e["type"] == "bold" for e in reply["entities"])

    async def test_each_persona_talks_in_their_own_language(self, session, url):
        async with event_stream(session, url) as events:
            await post(session, url, "send", {"user": RU_MANAGER_ID, "text": "/help"})
            reply = await events.wait_for("msg", answers_help)
        assert reply["chat_id"] == RU_MANAGER_ID
        assert reply["text"].startswith("Что я умею")

    async def test_a_button_press_edits_the_message_in_place(self, session, url):
        async with event_stream(session, url) as events:
            await post(session, url, "send", {"user": ADMIN_ID, "text": "/settings"})
            menu = await events.wait_for("msg", lambda m: from_bot(m) and m["buttons"])
            data = [b["data"] for row in menu["buttons"] for b in row]
            assert "set:menu:lang" in data
            pressed = await post(
                session,
                url,
                "press",
                {
                    "user": ADMIN_ID,
                    "chat_id": ADMIN_ID,
                    "message_id": menu["message_id"],
                    "data": "set:menu:lang",
                },
            )
            edited = await events.wait_for(
                "msg", lambda m: m["message_id"] == menu["message_id"] and m["edited"]
            )
            answer = await events.wait_for("answer", lambda a: a["query_id"] == pressed["query_id"])
        languages = [b["data"] for row in edited["buttons"] for b in row]
        assert "set:lang:nl" in languages
        assert edited["version"] > menu["version"]
        assert answer["message_id"] == menu["message_id"]

    async def test_the_team_group_carries_everyones_messages(self, session, url, sandbox):
        async with event_stream(session, url) as events:
            await post(
                session,
                url,
                "send",
                {"user": NL_MANAGER_ID, "chat_id": TEAM_CHAT_ID, "text": "hoi"},
            )
            seen = await events.wait_for("msg", lambda m: m["chat_id"] == TEAM_CHAT_ID)
        assert seen["from"] == {"id": NL_MANAGER_ID, "name": "Eva de Vries", "bot": False}
        assert sandbox.emulator.user_messages(TEAM_CHAT_ID)[0]["text"] == "hoi"

    async def test_history_is_replayed_to_a_page_opened_later(self, session, url, sandbox):
        async with event_stream(session, url) as events:
            await post(session, url, "send", {"user": ADMIN_ID, "text": "/help"})
            await events.wait_for("msg", answers_help)
        async with event_stream(session, url) as later:
            hello = await later.wait_for("hello")
            assert hello == {"instance": sandbox.web.instance}  # same sandbox: keep history
            mine = await later.wait_for("msg", lambda m: m["text"] == "/help")
            reply = await later.wait_for("msg", answers_help)
        assert mine["message_id"] < reply["message_id"]

    @pytest.mark.parametrize(
        ("body", "error"),
        [
            ({"user": 4242, "text": "/help"}, "unknown persona"),
            ({"user": ADMIN_ID, "text": "   "}, "empty message"),
            ({"user": ADMIN_ID, "chat_id": RU_MANAGER_ID, "text": "hi"}, "unknown chat"),
            ({"user": ADMIN_ID, "text": "x" * 4097}, "at most 4096"),
            ({"text": "/help"}, "missing field 'user'"),
        ],
    )
    async def test_bad_sends_are_refused_with_a_reason(self, session, url, sandbox, body, error):
        async with session.post(f"{url}api/send", json=body) as response:
            assert response.status == 400
            assert error in (await response.json())["error"]
        for chat_id in (ADMIN_ID, RU_MANAGER_ID, TEAM_CHAT_ID):
            assert sandbox.emulator.user_messages(chat_id) == []

    async def test_a_post_that_is_not_json_is_refused(self, session, url):
        """A cross-site form post cannot send application/json without a preflight."""
        form = {"user": str(ADMIN_ID), "text": "/help"}
        async with session.post(f"{url}api/send", data=form) as response:
            assert response.status == 415

    async def test_pressing_a_button_that_is_gone_says_so(self, session, url):
        async with event_stream(session, url) as events:
            await post(session, url, "send", {"user": ADMIN_ID, "text": "/help"})
            reply = await events.wait_for("msg", answers_help)
        body = {"user": ADMIN_ID, "message_id": reply["message_id"], "data": "set:menu:lang"}
        async with session.post(f"{url}api/press", json=body) as response:
            assert response.status == 400
            assert "has no button" in (await response.json())["error"]


class TestFiles:
    async def test_documents_download_and_photos_show_inline(self, session, url, sandbox):
        bot = sandbox.runtime.app.bot
        async with event_stream(session, url) as events:
            await bot.send_document(ADMIN_ID, b"name;amount\nAcme;12\n", filename="export.csv")
            document = await events.wait_for("msg", lambda m: m["kind"] == "document")
            await bot.send_photo(
                ADMIN_ID, tiny_png(), caption="<b>Overdue</b> by age", parse_mode="HTML"
            )
            photo = await events.wait_for("msg", lambda m: m["kind"] == "photo")
        assert document["file"]["name"] == "export.csv"
        async with session.get(f"{url}{document['file']['url'].lstrip('/')}") as response:
            assert await response.read() == b"name;amount\nAcme;12\n"
            assert response.headers["Content-Disposition"].startswith("attachment")
            assert response.content_type == "application/octet-stream"
        assert photo["text"] == "Overdue by age"
        async with session.get(f"{url}{photo['file']['url'].lstrip('/')}") as response:
            assert response.content_type == "image/png"
            assert response.headers["Content-Disposition"].startswith("inline")
            assert await response.read() == tiny_png()

    async def test_an_unknown_file_is_not_found(self, session, url):
        async with session.get(f"{url}api/files/nope") as response:
            assert response.status == 404


class TestClock:
    async def test_fast_forward_moves_the_bots_clock_and_tells_the_page(
        self, session, url, sandbox
    ):
        services = sandbox.runtime.services
        before = services.clock.timestamp()
        async with event_stream(session, url) as events:
            await events.wait_for("clock")
            moved = await post(session, url, "clock", {"jump": "hour"})
            tick = await events.wait_for("clock")
        assert moved["moved"] == 3600
        assert services.clock.timestamp() == before + 3600
        assert tick["now_ms"] == (before + 3600) * 1000
        await post(session, url, "clock", {"jump": "day"})
        assert services.clock.timestamp() == before + 3600 + 86400

    async def test_next_reminder_jumps_just_past_the_earliest_pending_one(
        self, session, url, sandbox
    ):
        db = sandbox.runtime.db
        now = sandbox.clock.timestamp()
        due = await demo.next_reminder_due(db, now)
        assert due is not None and due > now
        moved = await post(session, url, "clock", {"jump": "next"})
        assert sandbox.clock.timestamp() == due + 1
        assert moved["moved"] == due + 1 - now
        after = await demo.next_reminder_due(db, sandbox.clock.timestamp())
        assert after is None or after > due

    async def test_the_reminder_engine_is_told_when_time_jumps(self, session, url, sandbox):
        """BotRuntime.time_moved (from the reminder engine) runs after every jump."""
        calls = []

        async def time_moved() -> None:
            calls.append(sandbox.clock.timestamp())

        sandbox.runtime.time_moved = time_moved
        await post(session, url, "clock", {"jump": "hour"})
        assert calls == [int(START.timestamp()) + 3600]

    async def test_an_unknown_jump_is_refused(self, session, url, sandbox):
        before = sandbox.clock.timestamp()
        async with session.post(f"{url}api/clock", json={"jump": "backwards"}) as response:
            assert response.status == 400
        assert sandbox.clock.timestamp() == before
