"""Webhook mode: a small aiohttp server of our own in front of the Application.

Not PTB's webhook server, for two reasons. PTB's answers Telegram 200 as soon as the update is
queued; ours answers once the update was handled, so while one update is in flight at a time
(Telegram retries a chat's next update only after an answer, the emulator sends one at a
time) a chat's updates are handled in order whichever worker behind the load balancer each
reaches, and a conversation step saved by one worker is in the database before the next
message reaches another. And it serves /healthz and /metrics on the same port, so the load
balancer checks exactly the process it forwards to. Within one worker a chat's updates wait
for each other (a lock per chat); different chats run side by side.

The secret is compared in constant time; without it the answer is 403 and nothing runs.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.config import Config
from bot.health import HealthServer

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


class WebhookServer:
    def __init__(self, app: Application, config: Config, health: HealthServer) -> None:
        assert config.webhook_url and config.webhook_secret
        self._app = app
        self._config = config
        self._health = health
        self._runner: web.AppRunner | None = None
        self._chats: dict[int, asyncio.Lock] = {}

    async def start(self) -> None:
        """Listen, then tell Telegram where to send (with the secret)."""
        config = self._config
        server = web.Application()
        server.router.add_post(urlsplit(config.webhook_url or "").path or "/", self.receive)
        self._health.add_routes(server)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, config.webhook_listen, config.webhook_port).start()
        await self._app.bot.set_webhook(
            config.webhook_url,
            secret_token=config.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
        log.info("webhook on %s:%d", config.webhook_listen, config.webhook_port)

    async def stop(self) -> None:
        """Stop listening; the webhook stays set: the other workers still serve it."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def receive(self, request: web.Request) -> web.Response:
        """One update: 403 without the secret, 400 if unreadable, 200 once handled."""
        secret = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(secret.encode(), str(self._config.webhook_secret).encode()):
            return web.Response(status=403)
        try:
            update = Update.de_json(await request.json(), self._app.bot)
        except (ValueError, TypeError, KeyError):
            return web.Response(status=400)
        chat = update.effective_chat
        lock = self._chats.setdefault(chat.id if chat else 0, asyncio.Lock())
        async with lock:  # a lock per chat seen (a few hundred bytes each)
            await self._app.process_update(update)  # errors go to the error handler
        return web.Response(status=200)
