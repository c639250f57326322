"""The one conversation model: a user's pending "type it next" step, kept in the database.

Every step (a typed time zone, a card's Add note / Remind / Edit, "Change time" on a
follow-up card, the /newclient and /away wizards, snooze "Other time…", /import waiting
for a file) is a row: what it is (`kind`), which question is open (`state`) and what was
answered so far (`data`). The database rather than process memory, so a restart or another
worker sharing the database continues it (DESIGN 4b, 9). A step ends when answered, on any
command, on /cancel, and 15 minutes after its last question (checked against the injected
clock when the next message arrives: no timer to lose in a restart).
"""

from __future__ import annotations

from typing import Any

from bot.clock import Clock
from storage import steps
from storage.db import Database
from storage.steps import PendingStep

TIMEOUT_SECONDS = 15 * 60


class StepService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def start(self, user_id: int, kind: str, state: str = "", **data: Any) -> PendingStep:
        """Ask the first question of `kind`; an earlier open step of the user is replaced."""
        step = PendingStep(user_id, kind, state, data, self._clock.timestamp())
        async with self._db.transaction(counted=False) as tx:
            await steps.put(tx, step)
        return step

    async def advance(self, step: PendingStep, state: str, **data: Any) -> PendingStep:
        """The next question of the same step; `data` adds to what was answered."""
        moved = PendingStep(
            step.user_id, step.kind, state, {**step.data, **data}, self._clock.timestamp()
        )
        async with self._db.transaction(counted=False) as tx:
            await steps.put(tx, moved)
        return moved

    async def current(self, user_id: int) -> PendingStep | None:
        """The user's open step; None when there is none or it has expired (then removed)."""
        step, _ = await self.current_or_expired(user_id)
        return step

    async def current_or_expired(self, user_id: int) -> tuple[PendingStep | None, bool]:
        """(the open step, False), or (None, True) once for a step that just expired."""
        step = await steps.get(self._db, user_id)
        if step is None:
            return None, False
        if self._clock.timestamp() - step.updated_at >= TIMEOUT_SECONDS:
            async with self._db.transaction(counted=False) as tx:
                removed = await steps.delete_if_same(tx, step)
            return None, removed
        return step, False

    async def end(self, step: PendingStep) -> None:
        """The step is over (answered or left); a newer step started meanwhile stays."""
        async with self._db.transaction(counted=False) as tx:
            await steps.delete_if_same(tx, step)

    async def end_all(self, user_id: int) -> None:
        async with self._db.transaction(counted=False) as tx:
            await steps.delete(tx, user_id)
