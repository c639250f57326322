"""Flood limits and injected faults, as PTB experiences them."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from sandbox.emulator import BotApiEmulator
from tests.sandbox.support import ALICE, TOKEN, real_bot, retry_seconds

USERS = range(2001, 2046)


@pytest.fixture
async def emu():
    async with BotApiEmulator(token=TOKEN) as emulator:
        emulator.add_user(ALICE)
        for user_id in USERS:
            emulator.add_user(user_id)
        yield emulator


@pytest.fixture
async def bot(emu):
    async with real_bot(emu) as client:
        yield client


@pytest.fixture
async def frozen_emu():
    """The emulator's flood clock stands still: a burst is one instant however slow the
    machine is, so the test does not depend on 40 requests fitting in a wall-clock second."""
    async with BotApiEmulator(token=TOKEN, clock=lambda: 1000.0) as emulator:
        for user_id in USERS:
            emulator.add_user(user_id)
        yield emulator


class TestFloodLimits:
    async def test_a_burst_of_40_to_different_chats_hits_429(self, frozen_emu):
        emu = frozen_emu
        async with real_bot(emu) as bot:
            results = await asyncio.gather(
                *(bot.send_message(user_id, "news") for user_id in list(USERS)[:40]),
                return_exceptions=True,
            )
        refused = [r for r in results if isinstance(r, RetryAfter)]
        assert 1 <= len(refused) <= 10
        assert all(retry_seconds(r) >= 1 for r in refused)
        assert emu.stats["too_many_requests"] == len(refused)
        assert emu.calls[-1].status in (200, 429)
        [failed] = [c for c in emu.calls if c.status == 429][:1]
        assert failed.parameters["retry_after"] >= 1
        assert failed.error.startswith("Too Many Requests: retry after ")

    async def test_a_bot_paced_by_aioratelimiter_never_sees_429(self, emu):
        """45 sends through PTB's limiter take ~0.5 s past the first 30 and all pass."""
        limited = ExtBot(
            TOKEN,
            base_url=emu.base_url,
            base_file_url=emu.base_file_url,
            request=HTTPXRequest(connection_pool_size=64),
            rate_limiter=AIORateLimiter(max_retries=0),
        )
        async with limited:
            await asyncio.gather(*(limited.send_message(u, "digest") for u in USERS))
        assert emu.stats["too_many_requests"] == 0
        assert sum(len(emu.messages(u)) for u in USERS) == 45

    async def test_a_group_takes_20_a_minute_plus_tolerance(self, emu, bot):
        group = emu.add_group("Team")
        for n in range(23):
            await bot.send_message(group.id, f"item {n}")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(group.id, "one too many")
        assert retry_seconds(caught.value) == 3

    async def test_one_private_chat_takes_a_short_burst_only(self, emu, bot):
        await bot.send_message(ALICE, "1")
        await bot.send_message(ALICE, "2")
        with pytest.raises(RetryAfter):
            await bot.send_message(ALICE, "3")

    async def test_requests_refused_for_other_reasons_cost_nothing(self, emu, bot):
        for _ in range(5):
            with pytest.raises(BadRequest):
                await bot.send_message(ALICE, "<oops>", parse_mode="HTML")
        await bot.send_message(ALICE, "fine")

    async def test_limits_can_be_turned_off(self):
        async with BotApiEmulator(token=TOKEN, flood_limits=False) as emu:
            emu.add_user(ALICE)
            async with real_bot(emu) as bot:
                await asyncio.gather(*(bot.send_message(ALICE, str(n)) for n in range(10)))
            assert len(emu.messages(ALICE)) == 10


class TestFaults:
    async def test_forbidden_raises_forbidden(self, emu, bot):
        emu.set_fault(ALICE, "forbidden")
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(ALICE, "hi")
        emu.set_fault(ALICE, "forbidden", description="Forbidden: user is deactivated")
        with pytest.raises(Forbidden, match="user is deactivated"):
            await bot.send_message(ALICE, "hi")
        emu.clear_fault(ALICE)
        await bot.send_message(ALICE, "hi")

    async def test_bad_request_uses_the_given_description(self, emu, bot):
        emu.set_fault(ALICE, "bad_request", description="Bad Request: TOPIC_CLOSED")
        with pytest.raises(BadRequest, match=r"(?i)topic_closed"):
            await bot.send_message(ALICE, "hi")

    async def test_times_limits_a_fault_to_the_next_sends(self, emu, bot):
        emu.set_fault(ALICE, "forbidden", times=1)
        with pytest.raises(Forbidden):
            await bot.send_message(ALICE, "first")
        await bot.send_message(ALICE, "second")
        assert [m.text for m in emu.messages(ALICE)] == ["second"]

    async def test_timeout_makes_the_client_time_out(self, emu, bot):
        emu.set_fault(ALICE, "timeout", hold_seconds=1.0, times=1)
        with pytest.raises(TimedOut):
            await bot.send_message(ALICE, "lost", read_timeout=0.3)
        assert emu.messages(ALICE) == []

    async def test_timeout_with_delivery_records_the_message_anyway(self, emu, bot):
        """Telegram may deliver a request whose answer the bot never saw."""
        emu.set_fault(ALICE, "timeout", hold_seconds=1.0, deliver=True, times=1)
        with pytest.raises(TimedOut):
            await bot.send_message(ALICE, "delivered", read_timeout=0.3)
        assert [m.text for m in emu.messages(ALICE)] == ["delivered"]

    async def test_hold_keeps_the_send_open_until_released(self, emu, bot):
        emu.set_fault(ALICE, "hold")
        mark = emu.mark()
        sending = asyncio.create_task(bot.send_message(ALICE, "held"))
        await emu.wait_for_request("sendMessage", since=mark)
        assert emu.held_count(ALICE) == 1 and emu.messages(ALICE) == []
        emu.release(ALICE)
        sent = await asyncio.wait_for(sending, 2)
        assert sent.text == "held" and emu.messages(ALICE)[0].text == "held"

    async def test_hold_with_delivery_records_at_arrival(self, emu, bot):
        emu.set_fault(ALICE, "hold", deliver=True)
        sending = asyncio.create_task(bot.send_message(ALICE, "early"))
        await emu.wait_for_message(ALICE, "early")
        assert not sending.done()
        emu.release(ALICE)
        assert (await asyncio.wait_for(sending, 2)).text == "early"

    async def test_network_fault_drops_the_connection(self, emu, bot):
        emu.set_fault(ALICE, "network", times=1)
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(ALICE, "hi")
        assert not isinstance(caught.value, TimedOut)
        assert emu.calls[-1].status == 0

    async def test_a_migrated_group_raises_chat_migrated(self, emu, bot):
        group = emu.add_group("Ops")
        emu.migrate_chat(group.id, -1001234567890)
        with pytest.raises(ChatMigrated) as caught:
            await bot.send_message(group.id, "hello?")
        assert caught.value.new_chat_id == -1001234567890

    async def test_unknown_fault_kinds_are_refused(self, emu):
        with pytest.raises(ValueError, match="unknown fault kind"):
            emu.set_fault(ALICE, "gremlins")
