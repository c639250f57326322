"""Button presses no feature handler takes: forged, stale or out of their conversation.

Callback data is untrusted (a modified client can send anything for a message with an
inline keyboard). A press whose data does not parse is refused before any feature handler
sees it; a well-formed press that nothing handles now (a wizard's button after the wizard
ended) reaches the catch-all at the end. Either way the phone's spinner stops: every
callback query gets exactly one answer.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import AppContext
from handlers.common import press_of

log = logging.getLogger(__name__)


async def refuse_invalid(update: Update, context: AppContext) -> None:
    """A press whose data is not one of bot.callbacks.SPECS: a short refusal, logged by id."""
    query = press_of(update)
    log.info("refused callback data that does not parse from user id %d", query.from_user.id)
    await query.answer(context.t("callback.invalid"))
    raise ApplicationHandlerStop


async def refuse_unhandled(update: Update, context: AppContext) -> None:
    """A well-formed press that no handler takes now (its conversation is over)."""
    query = press_of(update)
    log.info("refused a button outside its step from user id %d", query.from_user.id)
    await query.answer(context.t("callback.invalid"))
