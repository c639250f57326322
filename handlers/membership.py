"""The bot's own membership changed: one entry point, since PTB runs one handler per group.

In a private chat it means the user blocked or unblocked the bot (reminders hold or
resume); in a group, that the bot was added or removed (team registration rules).
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.context import AppContext
from handlers import reminders, team
from handlers.common import membership_of


async def bot_membership_changed(update: Update, context: AppContext) -> None:
    """my_chat_member: blocked/unblocked in private, added/removed in a group."""
    change = membership_of(update)
    if change.chat.type == ChatType.PRIVATE:
        await reminders.bot_membership(update, context)
    else:
        await team.bot_membership_changed(update, context)
