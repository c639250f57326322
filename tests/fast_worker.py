"""`python -m bot` on a fast clock: what the failover test runs, several at once.

    CLOCK_START=<epoch s> CLOCK_ORIGIN=<epoch s> CLOCK_SPEED=4 python -m tests.fast_worker

The same BotRuntime as `python -m bot` (configured from the environment), but its clock
reads CLOCK_START + (wall time - CLOCK_ORIGIN) * CLOCK_SPEED. Every process given the same
three numbers reads the same moment, so workers (and the test) agree on what is due and
when a lease ends, while two minutes of reminders pass in thirty real seconds. The
dispatcher arms its wake-up in clock seconds; here they pass CLOCK_SPEED times faster, so
the timer's delay is scaled the same way.
"""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime

from bot.__main__ import run_bot
from bot.config import load_config
from bot.logs import configure_logging
from bot.reminders.telegram import JobQueueTimer
from bot.runtime import BotRuntime


class SharedClock:
    """Wall time scaled from an agreed origin: the same reading in every process."""

    def __init__(self, start: float, origin: float, speed: float) -> None:
        self.start = start
        self.origin = origin
        self.speed = speed

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.start + (time.time() - self.origin) * self.speed, UTC)

    def timestamp(self) -> int:
        return int(self.now().timestamp())

    def real_seconds_until(self, moment: float) -> float:
        return (moment - self.now().timestamp()) / self.speed


def main() -> None:
    config = load_config()
    configure_logging(config.log_level)
    env = os.environ
    clock = SharedClock(
        float(env["CLOCK_START"]), float(env["CLOCK_ORIGIN"]), float(env["CLOCK_SPEED"])
    )
    assert config.token is not None
    arm = JobQueueTimer.arm
    JobQueueTimer.arm = lambda timer, delay: arm(timer, delay / clock.speed)  # type: ignore[method-assign]
    asyncio.run(run_bot(BotRuntime(config, token=config.token, clock=clock)))


if __name__ == "__main__":
    main()
