"""`/healthz` and `/metrics` on HEALTH_PORT: what a load balancer and Prometheus ask.

/healthz answers 200 when the database answers and the dispatcher keeps up (the oldest due
pending reminder is less than HEALTH_MAX_LAG seconds late), 503 otherwise, with the figures
as JSON either way. /metrics is Prometheus text: reminders per status and late, messages
delivered, updates handled and handler errors of this worker. A registry per runtime, so
several bots in one process (the tests) never share counters.
"""

from __future__ import annotations

import logging

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from prometheus_client.exposition import generate_latest

from bot.metrics import Metrics
from storage import reminders
from storage.db import Reader

log = logging.getLogger(__name__)

LATE_AFTER_SECONDS = 60


async def lag_seconds(db: Reader, now: int) -> int:
    oldest = await reminders.oldest_due(db, now)
    return max(now - oldest, 0) if oldest is not None else 0


class HealthServer:
    def __init__(self, runtime, port: int, max_lag: int, host: str = "127.0.0.1") -> None:
        self._runtime = runtime
        self._port = port
        self._host = host
        self._max_lag = max_lag
        self._runner: web.AppRunner | None = None

    def add_routes(self, app: web.Application) -> None:
        """/healthz and /metrics on `app` (the webhook server serves them on its port too)."""
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics)

    async def start(self) -> None:
        app = web.Application()
        self.add_routes(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._host, self._port).start()
        log.info("health and metrics on http://%s:%d/", self._host, self._port)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def healthz(self, request: web.Request) -> web.Response:
        """200 with the database reachable and the dispatcher's lag under the limit."""
        runtime = self._runtime
        try:
            lag = await lag_seconds(runtime.db, runtime.clock.timestamp())
        except Exception as error:  # any database failure is "unhealthy", never a 500
            return web.json_response({"ok": False, "database": str(error)[:200]}, status=503)
        ok = lag < self._max_lag
        return web.json_response({"ok": ok, "lag_seconds": lag}, status=200 if ok else 503)

    async def metrics(self, request: web.Request) -> web.Response:
        runtime = self._runtime
        m: Metrics = runtime.metrics
        now = runtime.clock.timestamp()
        for status, count in (await reminders.count_by_status(runtime.db)).items():
            m.reminders.labels(status).set(count)
        m.late.set(await reminders.count_late(runtime.db, now - LATE_AFTER_SECONDS))
        m.lag.set(await lag_seconds(runtime.db, now))
        if runtime.dispatcher is not None:
            m.delivered.set(runtime.dispatcher.delivered)
        body = generate_latest(m.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
