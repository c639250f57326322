"""Kill -9 the real `python -m bot` again and again while it delivers 300 reminders.

At the end every reminder was delivered at least once, none is left in `sending`, and a
reminder arrived twice only where a kill fell between its send and its mark: the repeat
carries the "(repeat after restart" marker, and the emulator's log has a kill between the
first copy's request and the repeat (by the emulator's sequence numbers). Some kills happen
while the emulator holds a sendMessage open, which is exactly that window.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections import defaultdict

import pytest

from sandbox.models import FakeUser
from storage import reminders, users
from storage.db import Database
from tests.conftest import ADMIN, BotProcess, bot_env

CHATS = 30
PER_CHAT = 10
KILLS = 24
WINDOW = 30  # seconds over which the 300 reminders fall due
MARKER = "(repeat after restart"
TEXT = re.compile(r"crash r(\d{3})")


async def seed(config, now: int) -> None:
    db = await Database.open(config.database_path)
    try:
        async with db.transaction() as tx:
            for n in range(CHATS):
                uid = 5000 + n
                await users.insert(
                    tx,
                    user_id=uid,
                    name=f"Manager {n}",
                    username=None,
                    role="manager",
                    language="en",
                    timezone="Europe/Amsterdam",
                    working_minute=540,
                    chat_id=uid,
                    now=now,
                )
            for k in range(CHATS * PER_CHAT):
                uid = 5000 + k % CHATS
                await reminders.insert(
                    tx,
                    owner_id=uid,
                    chat_id=uid,
                    kind="follow_up",
                    text=f"crash r{k:03d}",
                    due_at=now + 2 + k * WINDOW // (CHATS * PER_CHAT),
                    now=now,
                )
    finally:
        await db.close()


async def statuses(config) -> dict[str, int]:
    db = await Database.open(config.database_path, migrate=False)
    try:
        return await reminders.count_by_status(db)
    finally:
        await db.close()


def deliveries(emulator) -> dict[int, list]:
    """Reminder number -> the sendMessage calls that delivered it, in order."""
    found: dict[int, list] = defaultdict(list)
    for call in emulator.calls:
        if call.method.lower() != "sendmessage" or call.status != 200:
            continue
        match = TEXT.search(str(call.params.get("text", "")))
        if match:
            found[int(match.group(1))].append(call)
    return found


@pytest.mark.slow
async def test_sigkill_at_random_moments_loses_nothing(emulator, config, tmp_path):
    emulator.reset()
    emulator.add_user(ADMIN)
    for n in range(CHATS):
        emulator.add_user(FakeUser(5000 + n, f"Manager{n}"))
    await seed(config, int(time.time()))
    rng = random.Random(20261125)
    process = BotProcess(bot_env(config), tmp_path / "bot.log")
    kills: list[int] = []  # emulator marks right after each kill

    async def kill() -> None:
        process.kill()
        # What the dead process wrote before the signal may still sit in the emulator's
        # socket: let it be read, so the mark below comes after every request it sent.
        await asyncio.sleep(0.1)
        kills.append(emulator.mark())

    held_kills = 0
    try:
        for round_ in range(KILLS):
            mark = emulator.mark()
            process.start()
            if round_ % 4 == 1:
                # Hold the next send to some chat, kill while it is open, then let it land.
                chat = 5000 + rng.randrange(CHATS)
                emulator.set_fault(chat, "hold", times=1)
                held = await emulator.state.wait_until(
                    lambda chat=chat: emulator.held_count(chat) or None, 6.0
                )
                await kill()
                emulator.release(chat)
                emulator.clear_fault(chat)
                held_kills += bool(held)
            else:
                await emulator.wait_for_call("deleteWebhook", since=mark, timeout=30)
                await asyncio.sleep(rng.uniform(0.0, 1.2))
                await kill()
        mark = emulator.mark()
        process.start()
        await emulator.wait_for_call("deleteWebhook", since=mark, timeout=30)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            counts = await statuses(config)
            if counts.get("sent") == CHATS * PER_CHAT:
                break
            await asyncio.sleep(0.25)
        assert process.stop() == 0
    finally:
        process.kill()

    counts = await statuses(config)
    assert counts == {"sent": CHATS * PER_CHAT}, counts  # none pending, sending or failed
    assert held_kills >= 3
    assert len(kills) >= 20

    found = deliveries(emulator)
    assert sorted(found) == list(range(CHATS * PER_CHAT))  # each delivered at least once
    duplicated = {k: calls for k, calls in found.items() if len(calls) > 1}
    for number, calls in duplicated.items():
        first = calls[0]
        for repeat in calls[1:]:
            assert MARKER in repeat.params["text"], f"r{number:03d} repeated without marker"
            assert any(first.seq <= kill < repeat.seq for kill in kills), (
                f"r{number:03d} was sent twice with no kill in between"
            )
    print(f"kills={len(kills)} held={held_kills} duplicated={sorted(duplicated)}")
