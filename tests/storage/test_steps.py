"""Pending steps and drafts in the database: expiry on the clock, a replaced step kept,
a draft closed once, and the JSON of a Draft read back equal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FakeClock
from bot.names import ClientRef
from bot.nlu import Problem
from bot.services.drafts import DraftStore, decode, encode
from bot.services.followups import Draft
from bot.services.steps import TIMEOUT_SECONDS, StepService
from storage import users
from storage.db import Database

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
USER = 7


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
async def db(tmp_path, clock):
    database = await Database.open(tmp_path / "bot.sqlite3")
    async with database.transaction() as tx:
        await users.insert(
            tx,
            user_id=USER,
            name="Anna",
            username=None,
            role="manager",
            language="en",
            timezone="Europe/Amsterdam",
            working_minute=540,
            chat_id=USER,
            now=clock.timestamp(),
        )
    yield database
    await database.close()


class TestSteps:
    async def test_a_step_is_open_until_15_minutes_after_its_last_question(self, db, clock):
        steps = StepService(db, clock)
        step = await steps.start(USER, "away", "start")
        clock.advance(timedelta(minutes=10))
        step = await steps.advance(step, "end", start="2026-12-01")
        clock.advance(timedelta(seconds=TIMEOUT_SECONDS - 1))
        found = await steps.current(USER)
        assert found is not None and found.state == "end"
        assert found.data == {"start": "2026-12-01"}
        clock.advance(timedelta(seconds=1))
        assert await steps.current_or_expired(USER) == (None, True)
        assert await steps.current_or_expired(USER) == (None, False)

    async def test_ending_an_old_step_keeps_the_one_started_since(self, db, clock):
        steps = StepService(db, clock)
        old = await steps.start(USER, "settings.tz")
        clock.advance(timedelta(seconds=5))
        await steps.start(USER, "newclient", "name", values={})
        await steps.end(old)
        assert (await steps.current(USER)).kind == "newclient"


class TestDrafts:
    async def test_a_draft_closes_once_and_only_at_the_version_seen(self, db, clock):
        store = DraftStore(db, clock)
        key = await store.add(USER, "followup", {"a": 1})
        seen = await store.get(USER, key)
        assert await store.update(key, {"a": 2}) == 2
        assert await store.close(seen, "saved") is False  # the user saw version 1
        current = await store.get(USER, key)
        assert await store.close(current, "saved") is True
        assert await store.close(current, "saved") is False
        assert await store.update(key, {"a": 3}) is None

    async def test_another_users_draft_reads_as_missing(self, db, clock):
        store = DraftStore(db, clock)
        key = await store.add(USER, "followup", {})
        assert await store.get(USER + 1, key) is None

    async def test_week_old_drafts_are_forgotten(self, db, clock):
        store = DraftStore(db, clock)
        old = await store.add(USER, "followup", {})
        clock.advance(timedelta(days=8))
        await store.add(USER, "followup", {})
        assert await store.get(USER, old) is None

    def test_a_draft_round_trips_through_json(self):
        zone = ZoneInfo("Europe/Budapest")
        draft = Draft(
            text="holnap 10:00 hívjam fel a Kovács Kft-t",
            due=datetime(2026, 11, 25, 10, 0, tzinfo=zone),
            rrule="FREQ=WEEKLY;BYDAY=MO",
            kind="call",
            task="hívjam fel",
            client=ClientRef(3, "Kovács Kft"),
            candidates=(ClientRef(3, "Kovács Kft"), ClientRef(4, "Kovács és Társa")),
            client_text="Kovács Kft-t",
            problems=(Problem("past", (datetime(2026, 11, 25, 11, 0, tzinfo=zone),)),),
        )
        back = decode(encode(draft), Draft)
        assert back == draft
        assert back.due.tzinfo == zone
