"""/healthz and /metrics on HEALTH_PORT, driven through the running bot."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest

from bot.runtime import BotRuntime
from storage import users
from tests.conftest import ADMIN, TOKEN, Harness
from tests.pg_cluster import free_port


@pytest.fixture
async def watched(emulator, config, clock) -> AsyncIterator[tuple[Harness, str]]:
    emulator.reset()
    emulator.add_user(ADMIN)
    port = free_port()
    runtime = BotRuntime(
        dataclasses.replace(config, health_port=port, health_max_lag=120),
        token=TOKEN, clock=clock, poll_timeout=5,
    )  # fmt: skip
    await runtime.start()
    await runtime.time_moved()
    try:
        yield Harness(emulator, runtime, clock), f"http://127.0.0.1:{port}"
    finally:
        await runtime.stop()


async def add_reminder(bot: Harness, *, minutes: int) -> None:
    """As tests/reminders do: through the reminder service, for the admin."""
    admin = await users.get(bot.services.db, ADMIN.id)
    due_at = bot.clock.timestamp() + minutes * 60
    await bot.services.reminders.create(admin, text="Call Acme", due_at=due_at)


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_healthy_then_lagging_past_the_limit(watched) -> None:
    bot, base = watched
    status, body = await get(f"{base}/healthz")
    assert status == 200 and '"ok": true' in body
    await bot.say(ADMIN, "/help")  # the admin's private chat becomes known
    await add_reminder(bot, minutes=10)
    await bot.runtime.dispatcher.stop()  # the dispatcher is stuck: nothing gets sent
    bot.clock.advance(timedelta(minutes=15))
    status, body = await get(f"{base}/healthz")
    assert status == 503 and '"lag_seconds": 300' in body


async def test_metrics_count_updates_and_reminders(watched) -> None:
    bot, base = watched
    await bot.say(ADMIN, "/help")
    await bot.say(ADMIN, "/settings")
    await add_reminder(bot, minutes=60)
    status, text = await get(f"{base}/metrics")
    assert status == 200
    assert "amb_updates_total 2.0" in text
    assert 'amb_reminders{status="pending"} 1.0' in text
    assert "amb_handler_errors_total 0.0" in text
    assert "amb_dispatch_lag_seconds 0.0" in text
