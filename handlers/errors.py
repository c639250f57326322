"""The error boundary: BotError becomes a reply in the user's language, the rest is logged."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut

from bot.context import AppContext
from bot.errors import BotError
from handlers.common import press_of, reply
from handlers.receipts import what_was_done
from storage.db import commits_counted

log = logging.getLogger(__name__)


async def report_error(update: object, context: AppContext) -> None:
    error = context.error
    if context.user is None and isinstance(update, Update) and update.effective_user:
        # PTB gives the error handler a fresh context: load the user again for the language.
        context.user = await context.services.access.user(update.effective_user.id)
    if _not_modified(error):
        # A button pressed twice re-renders the same message, which Telegram refuses: the
        # screen already shows what the press asked for. Only stop the spinner.
        if isinstance(update, Update) and update.callback_query is not None:
            await _answer_quietly(update)
        return
    # A change was committed and then the answer could not be sent: saying "nothing was
    # changed" would be false, and a retry would duplicate it.
    answer_lost = isinstance(error, TimedOut | NetworkError) and commits_counted() > 0
    if isinstance(error, BotError):
        text = context.t(error.key, **error.params)
    elif answer_lost:
        log.warning("a change was saved but its answer failed: %s", error)
        text = context.t("delivery.saved_answer_lost")
    else:
        log.error("unhandled error while handling an update", exc_info=error)
        context.services.metrics.handler_errors.inc()
        text = context.t("error.internal")
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:  # an alert is plain text: nothing escaped
            alert = (
                context.t.plain(error.key, **error.params) if isinstance(error, BotError) else text
            )
            await update.callback_query.answer(alert[:200], show_alert=True)
        elif update.effective_message is not None:
            await reply(update, text)
    except TelegramError:
        log.warning("could not tell the user about an error", exc_info=True)
        if answer_lost and context.user is not None:  # said with their next message
            await context.services.receipts.answer_lost(context.user.id, what_was_done(update))


def _not_modified(error: object) -> bool:
    return isinstance(error, BadRequest) and "not modified" in error.message.lower()


async def _answer_quietly(update: Update) -> None:
    try:
        await press_of(update).answer()
    except TelegramError:
        log.debug("the press was already answered")
