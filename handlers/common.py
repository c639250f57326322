"""Small rendering helpers shared by handlers."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

from bot.text import split_message

FLOOD_RETRIES = 5  # waits of our own after AIORateLimiter's, before the error handler speaks
FLOOD_WAIT_BUDGET = 60.0  # seconds one reply may wait in all


async def reply(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Reply in HTML, split under Telegram's limit; buttons go under the last part."""
    message = update.effective_message
    if message is None:
        return None
    return await _in_parts(
        lambda part, buttons: message.reply_text(
            part, parse_mode=ParseMode.HTML, reply_markup=buttons, do_quote=False
        ),
        text,
        markup,
    )


async def _in_parts(
    send_part: Callable[[str, InlineKeyboardMarkup | None], Awaitable[Message]],
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> Message | None:
    parts = split_message(text)
    sent = None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        sent = await _waiting_out_floods(send_part, part, markup if last else None)
    return sent


async def _waiting_out_floods(
    send_part: Callable[[str, InlineKeyboardMarkup | None], Awaitable[Message]],
    part: str,
    markup: InlineKeyboardMarkup | None,
) -> Message:
    """An answer to the user's command is worth waiting for: Telegram's flood control says
    how long, so wait that long and send again (AIORateLimiter already tried a few times)."""
    waited = 0.0
    for _ in range(FLOOD_RETRIES):
        try:
            return await send_part(part, markup)
        except RetryAfter as error:
            wait = _seconds(error)
            if waited + wait > FLOOD_WAIT_BUDGET:
                raise  # updates are handled in order: do not hold everyone up for long
            waited += wait
            await asyncio.sleep(wait)
    return await send_part(part, markup)


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # int today, timedelta in PTB 23: accept both
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Buttons from (label, callback_data) rows."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )
