"""Reminder rows: claiming, marking, closing, holding, migrating; the queries a pass uses."""

import pytest

from storage import chat_ids, reminders, users
from tests.storage.owner_db import NOW, OWNER, database_with_owner


@pytest.fixture
async def db(tmp_path):
    async for database in database_with_owner(tmp_path):
        yield database


async def add(db, due_at, text="call"):
    async with db.transaction() as tx:
        return await reminders.insert(
            tx, owner_id=OWNER, chat_id=OWNER, kind="call", text=text, due_at=due_at, now=NOW
        )


async def claim(db, reminder_id, now=NOW):
    async with db.transaction() as tx:
        return await reminders.claim(tx, reminder_id, now)


class TestClaim:
    async def test_claim_returns_false_when_already_sending(self, db):
        """A second sweep must not send the same reminder again."""
        rid = await add(db, NOW)
        assert await claim(db, rid) is True
        assert await claim(db, rid) is False
        row = await reminders.get(db, rid)
        assert (row.status, row.attempts, row.claimed_at) == ("sending", 1, NOW)

    async def test_a_done_reminder_cannot_be_claimed(self, db):
        rid = await add(db, NOW)
        async with db.transaction() as tx:
            assert await reminders.finish(tx, rid, status="done", by=OWNER, now=NOW)
        assert await claim(db, rid) is False

    async def test_a_reminder_being_sent_cannot_be_closed_or_snoozed(self, db):
        rid = await add(db, NOW)
        await claim(db, rid)
        async with db.transaction() as tx:
            assert not await reminders.finish(tx, rid, status="done", by=OWNER, now=NOW)
            assert not await reminders.reschedule(tx, rid, due_at=NOW + 60, now=NOW)


class TestQueries:
    async def test_due_is_oldest_first_and_next_due_is_the_earliest_pending(self, db):
        late, early, future = (
            await add(db, NOW - 10),
            await add(db, NOW - 100),
            await add(db, NOW + 50),
        )
        assert [r.id for r in await reminders.due(db, NOW, 10)] == [early, late]
        assert await reminders.next_due(db) == NOW - 100
        await claim(db, early)
        await claim(db, late)
        assert await reminders.next_due(db) == NOW + 50
        assert future not in [r.id for r in await reminders.due(db, NOW, 10)]

    async def test_stuck_finds_sending_rows_claimed_before_the_lease(self, db):
        old, fresh = await add(db, NOW), await add(db, NOW)
        await claim(db, old, NOW - 700)
        await claim(db, fresh, NOW)
        assert [r.id for r in await reminders.stuck(db, NOW - 600)] == [old]

    async def test_mark_sent_only_from_sending_and_release_marks_uncertain(self, db):
        rid = await add(db, NOW)
        async with db.transaction() as tx:
            assert not await reminders.mark_sent(tx, rid, message_id=5, delivered_to=OWNER, now=NOW)
        await claim(db, rid)
        async with db.transaction() as tx:
            await reminders.release(tx, rid, error="timed out", now=NOW, uncertain=True)
        row = await reminders.get(db, rid)
        assert (row.status, row.uncertain, row.last_error) == ("pending", True, "timed out")
        await claim(db, rid)
        async with db.transaction() as tx:
            assert await reminders.mark_sent(tx, rid, message_id=5, delivered_to=OWNER, now=NOW)
        row = await reminders.get(db, rid)
        assert (row.status, row.message_id, row.uncertain, row.last_error) == (
            "sent",
            5,
            False,
            None,
        )


class TestChats:
    async def test_hold_and_resume_a_blocked_chat(self, db):
        pending, sending = await add(db, NOW), await add(db, NOW)
        await claim(db, sending)
        async with db.transaction() as tx:
            assert await reminders.hold_chat(tx, OWNER, error="blocked", now=NOW) == 2
        assert (await users.get(db, OWNER)).chat_blocked is True
        async with db.transaction() as tx:
            assert await reminders.resume_chat(tx, OWNER, now=NOW) == 2
        assert [(await reminders.get(db, r)).status for r in (pending, sending)] == [
            "pending",
            "pending",
        ]
        assert (await users.get(db, OWNER)).chat_blocked is False

    async def test_migration_moves_reminders_and_users(self, db):
        rid = await add(db, NOW)
        async with db.transaction() as tx:
            await chat_ids.migrate(tx, OWNER, -100123)
        assert (await reminders.get(db, rid)).chat_id == -100123
        assert (await users.get(db, OWNER)).chat_id == -100123
