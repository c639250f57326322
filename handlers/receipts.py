"""Retries and lost answers at the chat boundary (the rules are in bot/services/receipts.py).

The gate calls `answered_first` before anything else handles a registered user's update; the
last handler group calls `remember_change` after everything else, so it sees whether the
update's handler committed a change (storage.db counts commits per update)."""

from __future__ import annotations

from telegram import MessageEntity, Update

from bot.context import AppContext
from handlers.common import reply
from storage.db import commits_counted

WHAT_LENGTH = 80


def typed_command(update: Update) -> str | None:
    """The text of a new (not edited) message that starts with a command, else None."""
    message = update.message
    if message is None or not message.text:
        return None
    first = message.entities[0] if message.entities else None
    if first is None or first.type != MessageEntity.BOT_COMMAND or first.offset != 0:
        return None
    return message.text


def what_was_done(update: Update) -> str:
    """The command typed, or the first line of the card whose button was pressed."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    first = text.strip().splitlines()[0] if text.strip() else "…"
    return first if len(first) <= WHAT_LENGTH else first[: WHAT_LENGTH - 1] + "…"


async def answered_first(update: Update, context: AppContext) -> bool:
    """Tell a lost answer's change, or refuse a retried command; True: nothing else runs."""
    user = context.required_user
    receipts = context.services.receipts
    receipt = await receipts.of(user.id)
    if receipt is None or update.effective_message is None:
        return False
    command = typed_command(update)
    if command is not None and receipts.is_retry(receipt, command):
        await reply(update, context.t("delivery.retry_not_repeated", what=what_was_done(update)))
        if receipt.lost_what is not None:
            await receipts.told(user.id, receipt.lost_what)
        return True
    if receipt.lost_what is not None:
        await reply(update, context.t("delivery.saved_earlier", what=receipt.lost_what))
        await receipts.told(user.id, receipt.lost_what)
    return False


async def remember_change(update: Update, context: AppContext) -> None:
    """Last group: a typed command that committed a change is remembered for its retries;
    any other change (a press, a typed answer) ends that: the same command is then meant."""
    if context.user is None or commits_counted() == 0:
        return
    command = typed_command(update)
    if command is not None:
        await context.services.receipts.changed(context.user.id, command)
    else:
        await context.services.receipts.changed_otherwise(context.user.id)
