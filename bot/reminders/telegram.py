"""The Telegram side of the reminder engine: sending through PTB, timing through its JobQueue.

The only module of bot.reminders that imports telegram. Every request goes through the
Application's bot, hence through AIORateLimiter (which already waits out a RetryAfter a few
times before it gives up and raises it to us).
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Job, JobQueue
from telegram.warnings import PTBDeprecationWarning

from bot.reminders import delivery
from bot.reminders.delivery import Buttons, Outcome

log = logging.getLogger(__name__)

# APScheduler drops a job more than 1 s late by default; ours must run however late.
JOB_KWARGS = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}


def markup(buttons: Buttons | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=data) for label, data in row]
            for row in buttons
        ]
    )


class TelegramSender:
    def __init__(self, bot: Bot, *, read_timeout: float | None = None) -> None:
        self._bot = bot
        self.read_timeout = read_timeout  # None: the bot's default (5 s), never "no limit"

    async def send(
        self, chat_id: int, text: str, buttons: Buttons | None = None, *, html: bool = True
    ) -> Outcome:
        # HTML is the bot's default (bot/app.py); plain text is the resend after an entity
        # error. Passing read_timeout=None to PTB means "wait forever": only pass a number.
        options: dict[str, Any] = {} if html else {"parse_mode": None}
        if self.read_timeout is not None:
            options["read_timeout"] = self.read_timeout
        try:
            message = await self._bot.send_message(
                chat_id, text, reply_markup=markup(buttons), **options
            )
        except RetryAfter as error:
            with warnings.catch_warnings():  # int today, timedelta in PTB 23: accept both
                warnings.simplefilter("ignore", PTBDeprecationWarning)
                wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            return delivery.RetryLater(seconds)
        except ChatMigrated as error:
            return delivery.Migrated(error.new_chat_id)
        except Forbidden as error:
            return delivery.Blocked(error.message)
        except BadRequest as error:
            if "can't parse entities" in error.message.lower():
                return delivery.BadEntities(error.message)
            return delivery.Rejected(error.message)
        except TimedOut as error:
            return delivery.TimedOut(error.message)
        except NetworkError as error:
            return delivery.NetworkDown(error.message)
        except TelegramError as error:
            return delivery.Rejected(error.message)
        return delivery.Sent(message.message_id)


class JobQueueTimer:
    """A single wake-up job, re-armed in place, plus a periodic sweep on PTB's JobQueue."""

    WAKE_UP = "reminders-wake-up"
    SWEEP = "reminders-sweep"

    def __init__(self, job_queue: JobQueue, kick: Callable[[], None]) -> None:
        self._queue = job_queue
        self._kick = kick
        self._wake_up: Job | None = None
        self._sweep: Job | None = None

    async def _fire(self, context: object) -> None:
        self._kick()

    def arm(self, delay: float) -> None:
        self._remove(self._wake_up)
        self._wake_up = self._queue.run_once(
            self._fire, max(delay, 0.0), name=self.WAKE_UP, job_kwargs=JOB_KWARGS
        )

    def start_sweep(self, interval: float) -> None:
        self._sweep = self._queue.run_repeating(
            self._fire, interval, first=interval, name=self.SWEEP, job_kwargs=JOB_KWARGS
        )

    def stop(self) -> None:
        for job in (self._wake_up, self._sweep):
            self._remove(job)
        self._wake_up = self._sweep = None

    @staticmethod
    def _remove(job: Job | None) -> None:
        if job is not None and not job.removed:
            with contextlib.suppress(JobLookupError):  # a run_once job that already ran
                job.schedule_removal()
