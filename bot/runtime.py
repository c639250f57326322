"""Start and stop the whole bot: lock, database, services, Application, updates.

`python -m bot`, the sandbox and the test fixtures all go through this one class, so what
the tests start is exactly what production starts. Each part is pushed on one
`AsyncExitStack` as it starts, so `stop()` (or a failed `start()`) undoes exactly what was
done, in reverse: the warm-up thread, the update intake, health, the reminder dispatcher,
the Application (`async with application`), the database, the lock.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from contextlib import AsyncExitStack
from typing import TypeVar, cast

from telegram import Update
from telegram.ext import Application, Updater

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
from storage.backend import open_database
from storage.db import Database
from storage.lock import InstanceLock

log = logging.getLogger(__name__)
T = TypeVar("T")


class NotRunning(RuntimeError):
    """A part of the runtime was asked for before `start()` made it, or after `stop()`."""


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
        self._stack = AsyncExitStack()
        # The parts, each set once started; read through the properties below.
        self._db: Database | None = None
        self._services: Services | None = None
        self._app: Application | None = None
        self._dispatcher: Dispatcher | None = None

    @property
    def db(self) -> Database:
        return _started(self._db, "db")

    @property
    def services(self) -> Services:
        return _started(self._services, "services")

    @property
    def app(self) -> Application:
        return _started(self._app, "app")

    @property
    def dispatcher(self) -> Dispatcher:
        return _started(self._dispatcher, "dispatcher")

    @property
    def metrics(self) -> Metrics:
        return self.services.metrics

    async def start(self) -> None:
        """Raises AlreadyRunning, CorruptDatabase or sqlite3 errors before anything is sent;
        whatever had started by then is stopped again."""
        self._stack = AsyncExitStack()
        try:
            await self._start_parts(self._stack)
        except BaseException:
            await self.stop()
            raise
        warm_up = asyncio.create_task(self.services.followups.warm_up())
        self._stack.push_async_callback(_settle, warm_up)  # a thread: let it finish
        log.info("bot @%s is running", self.app.bot.username)

    async def _start_parts(self, stack: AsyncExitStack) -> None:
        if self._lock is not None:
            self._lock.acquire()
            stack.callback(self._lock.release)
        # PgDatabase offers Database's surface (storage/backend.py); the services are typed
        # against the SQLite class, so the PostgreSQL one is passed as that.
        opened = await open_database(self.config.database_path, self.config.database_url)
        self._db = db = cast(Database, opened)
        stack.push_async_callback(db.close)
        self._services = services = Services.create(self.config, self.clock, db)
        await services.access.bootstrap_admins()
        self._app = app = build_application(self.config, services, self._token)
        await stack.enter_async_context(app)  # initialize(); shutdown() on the way out
        await set_command_menus(app)
        await app.start()
        stack.push_async_callback(_stop_app, app)
        self._dispatcher = await self._start_dispatcher(app, services, db)
        stack.push_async_callback(self._dispatcher.stop)
        health = HealthServer(
            self, self.config.health_port or 0, self.config.health_max_lag,
            host=self.config.health_listen,
        )  # fmt: skip
        if self.config.health_port:
            await health.start()
            stack.push_async_callback(health.stop)
        await self._receive_updates(stack, app, health)

    async def _receive_updates(
        self, stack: AsyncExitStack, app: Application, health: HealthServer
    ) -> None:
        """Long polling (one worker), or our webhook server behind a reverse proxy (any
        number of workers: setWebhook with a secret, 403 without it, /healthz on its port)."""
        if not self.config.webhook_url:
            updater = _started(app.updater, "updater")
            await updater.start_polling(
                poll_interval=0.0, timeout=self._poll_timeout, allowed_updates=Update.ALL_TYPES
            )
            stack.push_async_callback(_stop_polling, updater)
            return
        webhook = WebhookServer(app, self.config, health)
        await webhook.start()
        stack.push_async_callback(webhook.stop)

    async def _start_dispatcher(
        self, app: Application, services: Services, db: Database
    ) -> Dispatcher:
        """Reminders: recover what a crash left in `sending`, arm the wake-up and sweep."""
        dispatcher = Dispatcher(
            db, self.clock, TelegramSender(app.bot), services.obligations, router=services.team
        )
        services.reminders.on_change = dispatcher.poke
        services.outbox = dispatcher.outbox  # handoffs, summaries, admin notices
        job_queue = _started(app.job_queue, "job_queue")
        await dispatcher.start(JobQueueTimer(job_queue, dispatcher.kick))
        return dispatcher

    async def time_moved(self) -> None:
        """The injected clock jumped (tests, the sandbox's fast-forward): post the absence
        handoffs and summaries now due, deliver the reminders due now, and return once that
        pass is over."""
        if self._services is not None and self._services.outbox is not None:
            await post_absence_news(self._services)  # handoffs before reroutes
        if self._dispatcher is not None:
            await self._dispatcher.run_pass()

    async def stop(self) -> None:
        """Undo what `start()` did, last first; a second call does nothing."""
        try:
            await self._stack.aclose()
        finally:
            self._db = self._services = self._app = self._dispatcher = None


def _started(part: T | None, name: str) -> T:
    if part is None:
        raise NotRunning(name)
    return part


async def _settle(task: asyncio.Task) -> None:
    await asyncio.gather(task, return_exceptions=True)


async def _stop_polling(updater: Updater) -> None:
    if updater.running:  # a test may have stopped it to hold updates back
        await updater.stop()


async def _stop_app(app: Application) -> None:
    if app.running:
        await app.stop()


async def wait_for_stop_signal() -> None:
    """Return on SIGINT or SIGTERM: how `python -m bot` and the sandbox wait to stop."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
