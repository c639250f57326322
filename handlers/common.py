"""Small helpers shared by handlers: the parts of an update a handler was routed for, and
replies that are split under Telegram's limit and wait out flood control."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram import (
    CallbackQuery,
    Chat,
    ChatMemberUpdated,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram import User as TelegramUser
from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

from bot.text import split_message

T = TypeVar("T")
FLOOD_RETRIES = 5  # waits of our own after AIORateLimiter's, before the error handler speaks
FLOOD_WAIT_BUDGET = 60.0  # seconds one reply may wait in all


class NotRoutedHere(Exception):
    """An update without the part its handler's filter promised: a wiring mistake in
    bot/app.py, never something a user can cause (PTB routes a press only to a
    CallbackQueryHandler, a message only to a MessageHandler)."""


# Telegram's Update has every part optional; each handler is registered for one kind of
# update, so it reads that part here, once, instead of checking for None at each use.


def press_of(update: Update) -> CallbackQuery:
    """The button press of an update routed to a CallbackQueryHandler."""
    return _present(update.callback_query, "callback_query")


def pressed_message_id(update: Update) -> int:
    """The id of the message whose button was pressed (our buttons are all under messages
    the bot sent, never inline-mode results, which have none)."""
    return _present(press_of(update).message, "callback_query.message").message_id


def message_of(update: Update) -> Message:
    """The message of an update routed to a MessageHandler or CommandHandler."""
    return _present(update.effective_message, "effective_message")


def chat_of(update: Update) -> Chat:
    """The chat an update happened in (every update a handler here gets has one)."""
    return _present(update.effective_chat, "effective_chat")


def membership_of(update: Update) -> ChatMemberUpdated:
    """The bot's own membership change of an update routed to a ChatMemberHandler."""
    return _present(update.my_chat_member, "my_chat_member")


def sender_of(update: Update) -> TelegramUser:
    """The Telegram user who sent or pressed (every update a handler here gets has one)."""
    return _present(update.effective_user, "effective_user")


def _present(part: T | None, name: str) -> T:
    if part is None:
        raise NotRoutedHere(name)
    return part


async def reply(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Reply in HTML, split under Telegram's limit; buttons go under the last part."""
    message = update.effective_message
    if message is None:
        return None
    return await _in_parts(
        lambda part, buttons: message.reply_text(part, reply_markup=buttons, do_quote=False),
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
