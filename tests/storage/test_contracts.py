"""Contract rows: the client's renewal date creating or moving its open contract, and which
contracts the reminder sync sees as still needing a renewal reminder."""

from datetime import date

import pytest

from storage import clients, contracts, obligations, reminders
from tests.storage.owner_db import NOW, OWNER, database_with_owner


@pytest.fixture
async def db(tmp_path):
    async for database in database_with_owner(tmp_path):
        yield database


async def client(db, renewal=None) -> int:
    async with db.transaction() as tx:
        cid = await clients.insert(
            tx, name="Acme", name_key="acme", owner_id=OWNER, now=NOW, renewal_date=renewal
        )
        await contracts.follow_renewal_date(tx, cid, renewal, NOW)
    return cid


async def pending_reminder(db, contract: contracts.Contract, now: int = NOW) -> int:
    async with db.transaction() as tx:
        return await reminders.insert(
            tx,
            owner_id=OWNER,
            chat_id=OWNER,
            kind="renewal",
            text="renew",
            due_at=now + 100,
            now=now,
            client_id=contract.client_id,
            contract_id=contract.id,
        )


async def needing(db) -> list[int]:
    return [r.contract_id for r in await obligations.contracts_without_reminder(db, "2020-01-01")]


class TestRenewalDate:
    async def test_a_renewal_date_creates_the_open_contract(self, db):
        cid = await client(db, "2027-03-01")
        found = await contracts.latest(db, cid)
        assert (found.end_on, found.notice_days, found.remind_days_before) == (
            date(2027, 3, 1),
            0,
            30,
        )

    async def test_no_date_no_contract(self, db):
        cid = await client(db)
        assert await contracts.latest(db, cid) is None

    async def test_moving_the_date_moves_the_contract_and_re_arms_its_reminder(self, db):
        cid = await client(db, "2027-03-01")
        first = await contracts.latest(db, cid)
        rid = await pending_reminder(db, first)
        assert await needing(db) == []
        async with db.transaction() as tx:
            await contracts.follow_renewal_date(tx, cid, "2027-04-01", NOW + 60)
        moved = await contracts.latest(db, cid)
        assert (moved.id, moved.end_on) == (first.id, date(2027, 4, 1))
        assert (await reminders.get(db, rid)).status == "cancelled"
        assert await needing(db) == [first.id]

    async def test_the_same_date_again_changes_nothing(self, db):
        cid = await client(db, "2027-03-01")
        first = await contracts.latest(db, cid)
        rid = await pending_reminder(db, first)
        async with db.transaction() as tx:
            await contracts.follow_renewal_date(tx, cid, "2027-03-01", NOW + 60)
        assert (await reminders.get(db, rid)).status == "pending"
        assert await needing(db) == []


class TestSettling:
    async def test_renewed_and_ended_contracts_are_not_open(self, db):
        cid = await client(db, "2027-03-01")
        first = await contracts.latest(db, cid)
        async with db.transaction() as tx:
            assert await contracts.mark_renewed(tx, first.id)
            assert not await contracts.mark_renewed(tx, first.id)  # a second press
            second = await contracts.insert(
                tx, client_id=cid, end_on="2028-03-01", notice_days=0, now=NOW
            )
            assert await contracts.mark_ended(tx, second, "budget", NOW)
            assert not await contracts.mark_ended(tx, second, "again", NOW)
        assert await contracts.latest(db, cid) is None
        assert await needing(db) == []

    async def test_settling_cancels_pending_and_closes_delivered_reminders(self, db):
        cid = await client(db, "2027-03-01")
        contract = await contracts.latest(db, cid)
        delivered = await pending_reminder(db, contract)
        async with db.transaction() as tx:
            await reminders.claim(tx, delivered, NOW)
            await reminders.mark_sent(tx, delivered, message_id=7, delivered_to=OWNER, now=NOW)
        waiting = await pending_reminder(db, contract)  # one open at a time (migration 0009)
        async with db.transaction() as tx:
            await contracts.settle_reminders(tx, contract.id, OWNER, NOW + 5)
        assert (await reminders.get(db, waiting)).status == "cancelled"
        done = await reminders.get(db, delivered)
        assert (done.status, done.done_by) == ("done", OWNER)
