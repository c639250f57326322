"""The automatic daily SQLite backup (BACKUP_DIR, BACKUP_KEEP), run by the JobQueue.

The copy runs in a thread (the backup API is blocking) while the bot keeps serving; a failed
backup is logged loudly and retried the next day, never taking the bot down.
"""

from __future__ import annotations

import asyncio
import logging

from bot.context import AppContext
from storage.backup import scheduled_backup

log = logging.getLogger(__name__)

BACKUP_INTERVAL_SECONDS = 24 * 3600
FIRST_BACKUP_SECONDS = 60


async def daily_backup(context: AppContext) -> None:
    """JobQueue callback: one checked backup, then rotation."""
    services = context.services
    config = services.config
    if config.backup_dir is None or config.database_url:
        return
    try:
        made = await asyncio.to_thread(
            scheduled_backup,
            config.database_path,
            config.backup_dir,
            config.backup_keep,
            services.clock.now(),
        )
    except Exception:
        log.exception("daily backup into %s failed", config.backup_dir)
        return
    log.info("daily backup written: %s", made)
