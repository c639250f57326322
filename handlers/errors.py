"""The error boundary: BotError becomes a reply in the user's language, the rest is logged."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.context import AppContext
from bot.errors import BotError
from handlers.common import reply

log = logging.getLogger(__name__)


async def report_error(update: object, context: AppContext) -> None:
    error = context.error
    if context.user is None and isinstance(update, Update) and update.effective_user:
        # PTB gives the error handler a fresh context: load the user again for the language.
        context.user = await context.services.access.user(update.effective_user.id)
    if isinstance(error, BotError):
        text = context.t(error.key, **error.params)
    else:
        log.error("unhandled error while handling an update", exc_info=error)
        context.services.metrics.handler_errors.inc()
        text = context.t("error.internal")
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text[:200], show_alert=True)
        elif update.effective_message is not None:
            await reply(update, text)
    except TelegramError:
        log.warning("could not tell the user about an error", exc_info=True)
