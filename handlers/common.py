"""Small rendering helpers shared by handlers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode

from bot.text import split_message


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


async def send(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """`reply` for messages the bot sends on its own (handoffs, summaries, admin notes)."""
    return await _in_parts(
        lambda part, buttons: bot.send_message(
            chat_id, part, parse_mode=ParseMode.HTML, reply_markup=buttons
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
        sent = await send_part(part, markup if last else None)
    return sent


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Buttons from (label, callback_data) rows."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )
