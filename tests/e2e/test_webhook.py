"""Webhook mode: the emulator POSTs updates to PTB's webhook server with the secret."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.config import Config
from bot.runtime import BotRuntime
from sandbox.webhook import SECRET_HEADER
from tests.conftest import ADMIN, TOKEN, Harness, wait_until
from tests.pg_cluster import free_port

SECRET = "s3cret-token_for-tests"


def on_webhook(config: Config, port: int, url: str, **changes) -> Config:
    """`config` in webhook mode: listening on a loopback `port`, Telegram posting to `url`."""
    return dataclasses.replace(
        config, webhook_url=url, webhook_listen="127.0.0.1", webhook_port=port,
        webhook_secret=SECRET, **changes,
    )  # fmt: skip


@pytest.fixture
async def hooked(emulator, config, clock) -> AsyncIterator[Harness]:
    """The bot receiving updates by webhook on a loopback port."""
    emulator.reset()
    emulator.add_user(ADMIN)
    port = free_port()
    webhook = on_webhook(config, port, f"http://127.0.0.1:{port}/telegram")
    runtime = BotRuntime(webhook, token=TOKEN, clock=clock, poll_timeout=5)
    await runtime.start()
    try:
        yield Harness(emulator, runtime, clock)
    finally:
        await runtime.stop()
        emulator.reset()  # forget the webhook: the next test's bot polls


async def post(url: str, update: dict, secret: str | None) -> int:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        return response.status


async def test_updates_arrive_by_webhook_with_the_secret(hooked: Harness) -> None:
    hook = hooked.emu.state.webhook
    assert hook is not None and hook.secret == SECRET
    assert hook.url == hooked.runtime.config.webhook_url
    reply = await hooked.say(ADMIN, "/help")
    assert reply.text.startswith("What I can do")
    # answered 200 once handled: the emulator notes the answer after the reply went out
    await wait_until(lambda: hooked.emu.state.webhook_posts)
    assert hooked.emu.state.webhook_posts[-1][1] == 200


async def test_a_wrong_or_missing_secret_is_refused(hooked: Harness) -> None:
    url = hooked.runtime.config.webhook_url
    update = {"update_id": 10**9, "message": {"message_id": 1, "date": 0, "text": "/help",
              "chat": {"id": ADMIN.id, "type": "private"},
              "from": {"id": ADMIN.id, "is_bot": False, "first_name": "Alice"}}}  # fmt: skip
    mark = hooked.emu.mark()
    assert await post(url, update, "wrong") == 403
    assert await post(url, update, None) == 403
    reply = await hooked.say(ADMIN, "/help")  # the next real update is answered...
    assert reply.text.startswith("What I can do")
    assert len(hooked.emu.messages(ADMIN.id, since=mark)) == 1  # ...and nothing else


async def test_a_redelivered_update_is_handled_once(hooked: Harness) -> None:
    url = hooked.runtime.config.webhook_url
    mark = hooked.emu.mark()
    message = hooked.emu.send_text(ADMIN, "/help")
    await hooked.emu.wait_for_message(ADMIN.id, since=mark)
    await wait_until(lambda: hooked.emu.state.webhook_posts)
    update_id = hooked.emu.state.webhook_posts[-1][0]
    copy = {"update_id": update_id, "message": message}
    assert await post(url, copy, SECRET) == 200  # Telegram sends it again
    await hooked.say(ADMIN, "/help")  # handled after the copy: updates go in order
    assert len(hooked.emu.messages(ADMIN.id, since=mark)) == 2
