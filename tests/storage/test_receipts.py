"""Answer receipts in the database: the retry window on the clock, spaces squeezed, a lost
answer cleared only when the one told is still the one stored, and none of it counted as a
user's change (an answer failing after it must not claim "saved")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import FakeClock
from bot.services.receipts import RETRY_SECONDS, ReceiptService
from storage.db import commits_counted, count_commits
from tests.storage.owner_db import OWNER, database_with_owner


@pytest.fixture
async def db(tmp_path):
    async for database in database_with_owner(tmp_path):
        yield database


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))


async def test_the_same_command_is_a_retry_until_the_window_ends(db, clock):
    service = ReceiptService(db, clock)
    await service.changed(OWNER, "/invoice  Beta 100 EUR\ndue 1 dec")
    receipt = await service.of(OWNER)
    assert receipt is not None and receipt.command == "/invoice Beta 100 EUR due 1 dec"
    assert service.is_retry(receipt, "/invoice Beta 100 EUR due 1 dec")
    assert not service.is_retry(receipt, "/invoice Beta 150 EUR due 1 dec")
    clock.advance(RETRY_SECONDS - 1)
    assert service.is_retry(receipt, "/invoice Beta 100 EUR due 1 dec")
    clock.advance(1)
    assert not service.is_retry(receipt, "/invoice Beta 100 EUR due 1 dec")


async def test_another_change_between_ends_the_retry(db, clock):
    service = ReceiptService(db, clock)
    await service.changed(OWNER, "/away 10 dec 14 dec")
    await service.changed_otherwise(OWNER)  # "Cancel it" pressed
    receipt = await service.of(OWNER)
    assert receipt is not None and not service.is_retry(receipt, "/away 10 dec 14 dec")


async def test_a_lost_answer_is_kept_beside_the_command_and_cleared_once_told(db, clock):
    service = ReceiptService(db, clock)
    assert await service.of(OWNER) is None
    await service.answer_lost(OWNER, "/newclient Gamma BV")
    await service.changed(OWNER, "/newclient Gamma BV")
    receipt = await service.of(OWNER)
    assert receipt is not None and receipt.lost_what == "/newclient Gamma BV"
    await service.answer_lost(OWNER, "/log Gamma called")  # a newer one replaces it
    await service.told(OWNER, "/newclient Gamma BV")  # told the old one: the newer stays
    assert (await service.of(OWNER)).lost_what == "/log Gamma called"
    await service.told(OWNER, "/log Gamma called")
    after = await service.of(OWNER)
    assert after.lost_what is None and after.command == "/newclient Gamma BV"


async def test_receipts_are_bookkeeping_not_a_users_change(db, clock):
    service = ReceiptService(db, clock)
    count_commits()
    await service.changed(OWNER, "/newclient Gamma BV")
    await service.answer_lost(OWNER, "/newclient Gamma BV")
    await service.told(OWNER, "/newclient Gamma BV")
    assert commits_counted() == 0
