"""Time as a dependency: services ask a Clock, so tests and the sandbox can move time.

`FakeClock` is not test-only: the sandbox's "fast-forward" control uses it too.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware UTC datetime."""
        ...

    def timestamp(self) -> int:
        """UTC epoch seconds, the unit stored in the database."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def timestamp(self) -> int:
        return int(time.time())


class FakeClock:
    """Wall time plus an offset that only moves forward when told to."""

    def __init__(self, start: datetime | None = None, *, frozen: bool = True) -> None:
        self._frozen = frozen
        self._base = start or datetime.now(UTC)
        self._origin = time.monotonic()
        self._offset = timedelta(0)

    def now(self) -> datetime:
        elapsed = (
            timedelta(0) if self._frozen else timedelta(seconds=time.monotonic() - self._origin)
        )
        return self._base + elapsed + self._offset

    def timestamp(self) -> int:
        return int(self.now().timestamp())

    def advance(self, delta: timedelta | float) -> datetime:
        if not isinstance(delta, timedelta):
            delta = timedelta(seconds=delta)
        if delta < timedelta(0):
            raise ValueError("time only moves forward")
        self._offset += delta
        return self.now()

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("aware datetime required")
        self.advance(max(moment - self.now(), timedelta(0)))
