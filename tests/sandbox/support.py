"""Shared by the emulator tests: a token, and a real PTB Bot pointed at an emulator."""

from __future__ import annotations

import datetime as dtm
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Bot
from telegram.error import RetryAfter
from telegram.request import HTTPXRequest

from sandbox.emulator import BotApiEmulator

TOKEN = "123456789:AAHsandbox-test-token-0123456789abcdef"
ALICE = 1001
BOB = 1002


@asynccontextmanager
async def real_bot(emu: BotApiEmulator, **request_options: float) -> AsyncIterator[Bot]:
    """telegram.Bot against the emulator, with a pool large enough for bursts."""
    request = HTTPXRequest(connection_pool_size=64, **request_options)
    bot = Bot(TOKEN, base_url=emu.base_url, base_file_url=emu.base_file_url, request=request)
    async with bot:
        yield bot


def retry_seconds(error: RetryAfter) -> float:
    """retry_after is an int or a timedelta depending on PTB_TIMEDELTA (int is deprecated)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)
