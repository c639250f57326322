"""Edited messages: Telegram sends an edit as a new update, which must not run a command
again (an edited `/invoice` would add a second invoice). The user is told once per
message, in a private chat, that edits are not applied; in a group nothing is said."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.context import AppContext
from handlers.common import reply

NOTED = "edits_noted"  # ids of edited messages the user was already told about
KEEP = 50


async def not_applied(update: Update, context: AppContext) -> None:
    """The user edited a message they had sent: nothing runs again; say so once."""
    message = update.edited_message
    chat = update.effective_chat
    if (
        message is None
        or chat is None
        or chat.type != ChatType.PRIVATE
        or context.user_data is None
    ):
        raise ApplicationHandlerStop
    noted: list[int] = context.user_data.setdefault(NOTED, [])
    if message.message_id not in noted:
        noted.append(message.message_id)
        del noted[:-KEEP]
        await reply(update, context.t("edit.not_applied"))
    raise ApplicationHandlerStop
