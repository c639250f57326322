"""What the user was (not) told about their last change: retries and lost answers.

When Telegram is slow, the bot may commit a change and then fail to answer; the user, seeing
nothing, types the command again. Two rules keep that honest (issue 12.5): the same typed
command again within `RETRY_SECONDS` of the change it made, with no other change of the
user's between, is answered, not run a second time (after a Cancel pressed, the same /away
again is meant); and a change whose every answer failed is told with the user's next
message. Both are rows (not process memory), so a restart or another worker sharing the
database keeps them.
"""

from __future__ import annotations

from bot.clock import Clock
from storage import receipts
from storage.db import Database
from storage.receipts import Receipt

RETRY_SECONDS = 60


def squeezed(command: str) -> str:
    """The command as compared: runs of spaces and line breaks as one space."""
    return " ".join(command.split())


class ReceiptService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def of(self, user_id: int) -> Receipt | None:
        return await receipts.get(self._db, user_id)

    def is_retry(self, receipt: Receipt, command: str) -> bool:
        """`command` repeats the receipt's changing command within the retry window."""
        if receipt.command is None or receipt.command_at is None:
            return False
        recent = self._clock.timestamp() - receipt.command_at < RETRY_SECONDS
        return recent and receipt.command == squeezed(command)

    async def changed(self, user_id: int, command: str) -> None:
        """`command` committed a change just now (bookkeeping: not itself a user's change)."""
        async with self._db.transaction(counted=False) as tx:
            await receipts.put_command(tx, user_id, squeezed(command), self._clock.timestamp())

    async def changed_otherwise(self, user_id: int) -> None:
        """Something else changed (a button, a typed answer): a repeat is no longer a retry."""
        receipt = await receipts.get(self._db, user_id)
        if receipt is not None and receipt.command is not None:
            async with self._db.transaction(counted=False) as tx:
                await receipts.clear_command(tx, user_id)

    async def answer_lost(self, user_id: int, what: str) -> None:
        """`what` was saved and no answer about it reached the user."""
        async with self._db.transaction(counted=False) as tx:
            await receipts.put_lost(tx, user_id, what)

    async def told(self, user_id: int, what: str) -> None:
        """The user now knows `what` was saved."""
        async with self._db.transaction(counted=False) as tx:
            await receipts.clear_lost(tx, user_id, what)
