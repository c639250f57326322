"""The sandbox clock survives a restart: it is kept beside the sandbox database."""

from __future__ import annotations

import json
from datetime import timedelta

import aiohttp

from bot.clock import FakeClock
from sandbox import clockfile
from sandbox.demo_data import ADMIN_ID
from tests.sandbox.web_support import START, event_stream, from_bot, post, running_sandbox

CLIENT = "Kovács és Társa Kft."


async def test_a_restarted_sandbox_goes_on_from_the_jumped_clock(tmp_path):
    async with (
        running_sandbox(tmp_path) as sandbox,
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session,
    ):
        url = sandbox.web.url
        for _ in range(3):
            await post(session, url, "clock", {"jump": "day"})
        jumped = sandbox.clock.now()
        assert jumped >= START + timedelta(days=3)
        async with event_stream(session, url) as events:
            sent = await post(
                session, url, "send", {"user": ADMIN_ID, "text": f"/log {CLIENT} call Stock check"}
            )
            await events.wait_for(
                "msg", lambda m: from_bot(m) and m["message_id"] > sent["message_id"]
            )

    # A new process starts with the wall clock (here START again), then restores.
    async with (
        running_sandbox(tmp_path, FakeClock(START)) as again,
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session,
    ):
        assert again.clock.now() >= jumped
        async with session.get(f"{again.web.url}api/state") as response:
            state = await response.json()
        assert state["clock"]["now_ms"] >= int(jumped.timestamp() * 1000)
        row = await again.runtime.services.db.fetch_one(
            "SELECT MAX(i.happened_at) FROM interactions i JOIN clients c ON c.id = i.client_id"
            " WHERE c.name = ?",
            (CLIENT,),
        )
        logged = row[0]
        assert logged >= int(jumped.timestamp()) - 1  # the /log took the jumped time
        assert logged <= again.clock.timestamp()  # so no last contact lies in the future
        async with event_stream(session, again.web.url) as events:
            sent = await post(
                session, again.web.url, "send", {"user": ADMIN_ID, "text": f"/client {CLIENT}"}
            )
            card = await events.wait_for(
                "msg", lambda m: from_bot(m) and m["message_id"] > sent["message_id"]
            )
        assert CLIENT in card["text"]


class TestClockFile:
    def test_a_jump_is_saved_and_restored_with_the_real_time_since(self, tmp_path):
        database = tmp_path / "sandbox.sqlite3"
        database.write_bytes(b"")
        clock = FakeClock(START)
        clock.advance(timedelta(days=2))
        clockfile.save(database, clock, wall=1000.0)
        saved = json.loads(clockfile.clock_path(database).read_text())
        assert saved == {"sandbox": (START + timedelta(days=2)).timestamp(), "wall": 1000.0}
        restarted = FakeClock(START)
        moment = clockfile.restore(database, restarted, wall=1060.0)
        assert moment == START + timedelta(days=2, seconds=60) == restarted.now()

    def test_time_never_moves_back(self, tmp_path):
        database = tmp_path / "sandbox.sqlite3"
        database.write_bytes(b"")
        clockfile.save(database, FakeClock(START), wall=1000.0)
        later = FakeClock(START + timedelta(days=5))
        clockfile.restore(database, later, wall=900.0)  # the wall clock went back
        assert later.now() == START + timedelta(days=5)

    def test_a_clock_without_its_database_is_forgotten(self, tmp_path):
        database = tmp_path / "sandbox.sqlite3"
        database.write_bytes(b"")
        clockfile.save(database, FakeClock(START + timedelta(days=9)))
        database.unlink()  # "delete the file to start over"
        clock = FakeClock(START)
        assert clockfile.restore(database, clock) is None
        assert clock.now() == START
        assert not clockfile.clock_path(database).exists()

    def test_an_unreadable_clock_file_starts_at_now(self, tmp_path):
        database = tmp_path / "sandbox.sqlite3"
        database.write_bytes(b"")
        clockfile.clock_path(database).write_text("{not json")
        clock = FakeClock(START)
        assert clockfile.restore(database, clock) is None
        assert clock.now() == START
