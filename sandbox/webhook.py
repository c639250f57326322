"""Webhook delivery in the emulator: setWebhook / deleteWebhook and a pusher that POSTs each
pending update to the bot, as Telegram does.

Telegram sends an update to the webhook URL with the `X-Telegram-Bot-Api-Secret-Token`
header and keeps it (and sends it again) until the bot answers 200; while a webhook is set,
getUpdates answers 409. The pusher sends one update at a time, oldest first, so a test sees
Telegram's order and its redelivery of an update the bot did not accept.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.webhook import SECRET_HEADER  # the bot's server checks what the emulator sends
from sandbox.models import ApiError, bad_request
from sandbox.state import EmulatorState

WEBHOOK_ACTIVE = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"  # noqa: E501
RETRY_SECONDS = 0.05


@dataclass(frozen=True, slots=True)
class Webhook:
    url: str
    secret: str | None


def set_webhook(state: EmulatorState, params: dict[str, Any]) -> bool:
    url = str(params.get("url") or "")
    if not url:
        return delete_webhook(state, params)
    if not re.match(r"^https?://", url):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    if params.get("drop_pending_updates"):
        state.updates.clear()
    state.webhook = Webhook(url, str(secret) if secret is not None else None)
    state.notify_updates()
    return True


def delete_webhook(state: EmulatorState, params: dict[str, Any]) -> bool:
    if params.get("drop_pending_updates"):
        state.updates.clear()
    state.webhook = None
    state.notify_updates()  # a poller may take over
    return True


def refuse_polling(state: EmulatorState) -> None:
    if state.webhook is not None:
        raise ApiError(409, WEBHOOK_ACTIVE)


async def push_updates(state: EmulatorState, stopping: asyncio.Event) -> None:
    """Run until `stopping`: POST the oldest pending update to the webhook, forget it on 200,
    send it again (after a short pause) on anything else."""
    async with aiohttp.ClientSession() as session:
        while not stopping.is_set():
            found = await state.wait_until(lambda: _next(state), 1.0, updates=True)
            if found is None:
                continue
            hook, update = found
            headers = {SECRET_HEADER: hook.secret} if hook.secret else {}
            status = 0
            with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                async with session.post(
                    hook.url, json=update, headers=headers, timeout=aiohttp.ClientTimeout(10)
                ) as response:
                    status = response.status
            state.webhook_posts.append((update["update_id"], status))
            if status == 200:
                state.confirm_updates(update["update_id"] + 1)
            else:
                await asyncio.sleep(RETRY_SECONDS)


def _next(state: EmulatorState) -> tuple[Webhook, dict[str, Any]] | None:
    if state.webhook is None:
        return None
    pending = state.pending_updates(1)
    return (state.webhook, pending[0]) if pending else None
