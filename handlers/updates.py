"""Before any handler: count the update (/metrics); in webhook mode, handle each update once,
whichever worker a redelivered copy reaches."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import AppContext
from storage import seen_updates

log = logging.getLogger(__name__)


async def count_update(update: Update, context: AppContext) -> None:
    """Runs first for every update: the updates counter of /metrics."""
    context.services.metrics.updates.inc()


async def drop_redelivered(update: Update, context: AppContext) -> None:
    """Runs before every other handler; stops a copy of an update already handled."""
    services = context.services
    async with services.db.transaction() as tx:
        new = await seen_updates.first_time(tx, update.update_id, services.clock.timestamp())
    if not new:
        log.info("update %d was delivered again; handled once already", update.update_id)
        raise ApplicationHandlerStop
