"""Start and stop the whole bot: lock, database, services, Application, polling.

`python -m bot`, the sandbox and the test fixtures all go through this one class, so what
the tests start is exactly what production starts.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import Application

from bot.app import build_application, set_command_menus
from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.health import HealthServer
from bot.metrics import Metrics
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.telegram import JobQueueTimer, TelegramSender
from bot.services import Services
from bot.team.posting import post_absence_news
from bot.webhook import WebhookServer
from storage.backend import AnyDatabase, open_database
from storage.lock import InstanceLock

log = logging.getLogger(__name__)


class BotRuntime:
    def __init__(
        self, config: Config, *, token: str, clock: Clock | None = None, poll_timeout: int = 10
    ) -> None:
        self.config = config
        self.clock = clock or SystemClock()
        self._token = token
        self._poll_timeout = poll_timeout
        # One process per SQLite file; PostgreSQL takes several workers (storage/pg.py).
        self._lock = None if config.database_url else InstanceLock(config.database_path)
        self.db: AnyDatabase | None = None
        self.services: Services | None = None
        self.app: Application | None = None
        self.dispatcher: Dispatcher | None = None
        self._warm_up: asyncio.Task | None = None
        self._health: HealthServer | None = None
        self._webhook: WebhookServer | None = None

    async def start(self) -> None:
        """Raises AlreadyRunning, CorruptDatabase or sqlite3 errors before anything is sent."""
        if self._lock is not None:
            self._lock.acquire()
        try:
            self.db = await open_database(self.config.database_path, self.config.database_url)
            self.services = Services.create(self.config, self.clock, self.db)
            await self.services.access.bootstrap_admins()
            self.app = build_application(self.config, self.services, self._token)
            await self.app.initialize()
            await set_command_menus(self.app)
            await self.app.start()
            await self._start_dispatcher(self.app)
            self._health = HealthServer(
                self, self.config.health_port or 0, self.config.health_max_lag,
                host=self.config.health_listen,
            )  # fmt: skip
            if self.config.health_port:
                await self._health.start()
            await self._receive_updates(self.app, self._health)
        except BaseException:
            await self.stop()
            raise
        self._warm_up = asyncio.create_task(self.services.followups.warm_up())
        log.info("bot @%s is running", self.app.bot.username)

    async def _receive_updates(self, app: Application, health: HealthServer) -> None:
        """Long polling (one worker), or our webhook server behind a reverse proxy (any
        number of workers: setWebhook with a secret, 403 without it, /healthz on its port)."""
        assert app.updater is not None
        if not self.config.webhook_url:
            await app.updater.start_polling(
                poll_interval=0.0, timeout=self._poll_timeout, allowed_updates=Update.ALL_TYPES
            )
            return
        self._webhook = WebhookServer(app, self.config, health)
        await self._webhook.start()

    async def _start_dispatcher(self, app: Application) -> None:
        """Reminders: recover what a crash left in `sending`, arm the wake-up and sweep."""
        assert self.db is not None and self.services is not None and app.job_queue is not None
        self.dispatcher = Dispatcher(
            self.db,
            self.clock,
            TelegramSender(app.bot),
            self.services.obligations,
            router=self.services.team,
        )
        self.services.reminders.on_change = self.dispatcher.poke
        self.services.outbox = self.dispatcher.outbox  # handoffs, summaries, admin notices
        await self.dispatcher.start(JobQueueTimer(app.job_queue, self.dispatcher.kick))

    async def time_moved(self) -> None:
        """The injected clock jumped (tests, the sandbox's fast-forward): post the absence
        handoffs and summaries now due, deliver the reminders due now, and return once that
        pass is over."""
        if self.services is not None and self.services.outbox is not None:
            await post_absence_news(self.services)  # handoffs before reroutes
        if self.dispatcher is not None:
            await self.dispatcher.run_pass()

    @property
    def metrics(self) -> Metrics:
        assert self.services is not None
        return self.services.metrics

    async def stop(self) -> None:
        webhook, self._webhook = self._webhook, None
        if webhook is not None:
            await webhook.stop()
        health, self._health = self._health, None
        if health is not None:
            await health.stop()
        warm_up, self._warm_up = self._warm_up, None
        if warm_up is not None:
            await asyncio.gather(warm_up, return_exceptions=True)  # a thread: let it finish
        dispatcher, self.dispatcher = self.dispatcher, None
        if dispatcher is not None:
            await dispatcher.stop()
        app, self.app = self.app, None
        if app is not None:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()
        db, self.db = self.db, None
        if db is not None:
            await db.close()
        if self._lock is not None:
            self._lock.release()
