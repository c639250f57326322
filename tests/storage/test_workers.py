"""Several workers on one PostgreSQL database: periodic work once, claims past a lease."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bench.scale import NoTimer
from bot.clock import FakeClock
from bot.reminders.delivery import Sent
from bot.reminders.dispatcher import Dispatcher
from storage import reminders
from storage.pg import PgDatabase
from tests.pg_cluster import PgCluster
from tests.reports.factory import add_reminder, add_user

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
async def two_workers(pg_cluster: PgCluster, request: pytest.FixtureRequest):
    """Two pools on one database: what two `python -m bot` processes hold."""
    name = pg_cluster.create_database("workers " + request.node.nodeid)
    first = await PgDatabase.open(pg_cluster.url(name))
    second = await PgDatabase.open(pg_cluster.url(name))
    try:
        yield first, second
    finally:
        await first.close()
        await second.close()
        pg_cluster.drop_databases([name])


async def test_periodic_work_runs_in_one_worker_at_a_time(two_workers) -> None:
    first, second = two_workers
    inside = asyncio.Event()
    release = asyncio.Event()

    async def hold() -> None:
        async with first.exclusive("dispatcher._send_digests") as mine:
            assert mine
            inside.set()
            await release.wait()

    holder = asyncio.create_task(hold())
    await inside.wait()
    async with second.exclusive("dispatcher._send_digests") as mine:
        assert not mine  # the other worker is doing it
    async with second.exclusive("dispatcher._sync_obligations") as mine:
        assert mine  # a different job is free
    release.set()
    await holder
    async with second.exclusive("dispatcher._send_digests") as mine:
        assert mine  # and once the first is done, anyone may


async def test_a_starting_worker_leaves_a_live_claim_and_takes_over_a_dead_one(
    two_workers,
) -> None:
    first, second = two_workers
    clock = FakeClock(START)
    now = clock.timestamp()
    async with first.transaction() as tx:
        await add_user(tx, 1, "Ann", "manager")
        rid = await add_reminder(tx, 1, now - 10)
        assert await reminders.claim(tx, rid, now)  # the first worker is sending it
    dispatcher = Dispatcher(second, clock, sender=None)  # type: ignore[arg-type]
    await dispatcher.start(NoTimer())
    await dispatcher.stop()
    assert (await reminders.get(second, rid)).status == "sending"  # not stolen

    clock.advance(timedelta(seconds=Dispatcher.SHARED_LEASE_SECONDS + 1))  # the first died
    dispatcher = Dispatcher(second, clock, sender=None)  # type: ignore[arg-type]
    await dispatcher.start(NoTimer())
    await dispatcher.stop()
    row = await reminders.get(second, rid)
    assert (row.status, row.uncertain) == ("pending", True)  # resent, marked as a repeat


class Recorder:
    """A Sender that notes who sent what, taking a moment per message like the network."""

    def __init__(self, name: str, log: list[tuple[str, int, str]]) -> None:
        self.name = name
        self.log = log

    async def send(self, chat_id: int, text: str, buttons=None, *, html: bool = True) -> Sent:
        self.log.append((self.name, chat_id, text))
        await asyncio.sleep(0.002)
        return Sent(message_id=len(self.log))


async def test_two_workers_send_every_due_reminder_once_from_one_sender_at_a_time(
    two_workers, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = two_workers
    monkeypatch.setattr(Dispatcher, "PER_CHAT_GAP", 0.0)  # pacing is not what this checks
    clock = FakeClock(START)
    now = clock.timestamp()
    async with first.transaction() as tx:
        for owner in range(1, 7):  # six chats, five reminders each, all due
            await add_user(tx, owner, f"user{owner}", "manager")
            for _ in range(5):
                await add_reminder(tx, owner, now - 5)
    log: list[tuple[str, int, str]] = []
    workers = [
        Dispatcher(db, clock, Recorder(name, log)) for name, db in (("a", first), ("b", second))
    ]
    for w in workers:
        await w.start(NoTimer())
    try:
        await asyncio.gather(*(w.run_pass() for w in workers))
        await asyncio.gather(*(w.run_pass() for w in workers))  # what one left, one takes
    finally:
        for w in workers:
            await w.stop()
    assert len(log) == 30  # every reminder once, none twice
    senders_per_chat: dict[int, set[str]] = {}
    for name, chat_id, _ in log:
        senders_per_chat.setdefault(chat_id, set()).add(name)
    assert len(senders_per_chat) == 6
    assert len({name for name, _, _ in log}) == 1  # one sender: one rate limiter for the bot
    pending = await first.fetch_one("SELECT count(*) FROM reminders WHERE status != 'sent'")
    assert pending[0] == 0


async def test_the_standby_delivers_once_the_sender_is_gone(two_workers) -> None:
    first, second = two_workers
    clock = FakeClock(START)
    async with first.transaction() as tx:
        await add_user(tx, 1, "Ann", "manager")
        await add_reminder(tx, 1, clock.timestamp() - 5)
    log: list[tuple[str, int, str]] = []
    standby = Dispatcher(second, clock, Recorder("b", log))
    await standby.start(NoTimer())
    try:
        async with first.exclusive("dispatcher.deliver") as mine:  # the sender, mid-pass
            assert mine
            await standby.run_pass()
            assert log == []  # it stands by
        await first.close()  # the sender's process is gone
        await standby.run_pass()
        assert [(name, chat) for name, chat, _ in log] == [("b", 1)]
    finally:
        await standby.stop()


async def test_a_claim_skips_a_row_another_transaction_holds_instead_of_waiting(
    two_workers,
) -> None:
    first, second = two_workers
    now = FakeClock(START).timestamp()
    async with first.transaction() as tx:
        await add_user(tx, 1, "Ann", "manager")
        rid = await add_reminder(tx, 1, now - 10)
    async with first.transaction() as tx:  # a user's unit of work has the row locked
        await tx.execute("UPDATE reminders SET text = text WHERE id = ?", (rid,))
        # SKIP LOCKED: the other worker passes it over at once (no wait for this commit)
        assert not await asyncio.wait_for(reminders.take(second, rid, now), 2)
    assert await reminders.take(second, rid, now)  # free again: claimed
    assert not await reminders.take(first, rid, now)  # and only once
    row = await reminders.get(first, rid)
    assert (row.status, row.claimed_at, row.attempts) == ("sending", now, 1)
