"""Two workers behind a round-robin proxy, the way a load balancer spreads Telegram's webhook
requests: each update goes to the other worker than the one before. A conversation started
on one continues on the other (its step is in the database), a chat's updates are handled in
the order they were sent, and each worker's /healthz answers on its webhook port.
"""

from __future__ import annotations

import itertools

import aiohttp
import pytest
from aiohttp import web

from bot.runtime import BotRuntime
from tests.conftest import ADMIN, TOKEN, wait_until
from tests.e2e.test_webhook import on_webhook
from tests.pg_cluster import PgCluster, free_port

BOB = 1002  # a second admin: a second chat whose order is checked alongside


class RoundRobin:
    """A loopback reverse proxy: request n goes to target n % len(targets)."""

    def __init__(self, targets: list[str]) -> None:
        self.targets = targets
        self.turn = itertools.count()
        self.routed: list[tuple[int, int]] = []  # (chat id, worker index) per update
        self.port = free_port()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        server = web.Application()
        server.router.add_post("/{path:.*}", self.forward)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        self._session = aiohttp.ClientSession()

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def forward(self, request: web.Request) -> web.Response:
        assert self._session is not None
        index = next(self.turn) % len(self.targets)
        body = await request.read()
        self.routed.append(((await request.json())["message"]["chat"]["id"], index))
        async with self._session.post(
            self.targets[index] + request.path, data=body, headers=dict(request.headers)
        ) as answer:
            return web.Response(status=answer.status, body=await answer.read())


@pytest.fixture
async def two_hooked(emulator, config, clock, pg_cluster: PgCluster, request):
    """Two runtimes on one PostgreSQL database, each with its own webhook port, behind one
    public URL (the proxy's)."""
    emulator.reset()
    emulator.add_user(ADMIN)
    emulator.add_user(BOB)
    name = pg_cluster.create_database("round robin " + request.node.nodeid)
    ports = [free_port(), free_port()]
    proxy = RoundRobin([f"http://127.0.0.1:{port}" for port in ports])
    await proxy.start()
    runtimes = []
    try:
        for port in ports:
            worker = on_webhook(
                config, port, f"http://127.0.0.1:{proxy.port}/telegram",
                database_url=pg_cluster.url(name), admin_ids=(ADMIN.id, BOB),
            )  # fmt: skip
            runtime = BotRuntime(worker, token=TOKEN, clock=clock, poll_timeout=5)
            await runtime.start()
            runtimes.append(runtime)
        yield proxy, ports
    finally:
        for runtime in runtimes:
            await runtime.stop()
        await proxy.stop()
        emulator.reset()  # forget the webhook: the next test's bot polls
        pg_cluster.drop_databases([name])


async def replies(emulator, chat: int, since: int, count: int) -> list[str]:
    await emulator.wait_for_message(
        chat, lambda m: len(emulator.messages(chat, since=since)) >= count, since=since,
        timeout=20,
    )  # fmt: skip
    return [m.text for m in emulator.messages(chat, since=since)]


async def test_a_conversation_moves_between_workers_in_order(emulator, two_hooked) -> None:
    proxy, _ = two_hooked
    mark, posted = emulator.mark(), len(emulator.state.webhook_posts)
    # Sent at once, so that round robin sends each chat's updates to both workers in turn
    # (ADMIN's to 0, 1, 0; BOB's to 1, 0, 1); each chat's answers only fit this order.
    for user, text in (
        (ADMIN, "/newclient"), (BOB, "/newclient"), (BOB, "Gamma NV"),
        (ADMIN, "Beta BV"), (ADMIN, "Jan de Vries"), (BOB, "Anna Kiss"),
    ):  # fmt: skip
        emulator.send_text(user, text)
    for chat in (ADMIN.id, BOB):
        texts = await replies(emulator, chat, mark, 3)
        assert texts[0].startswith("New client. What is its name?")
        assert texts[1:] == ["Contact person?", "Phone?"]  # the step went on, in order
    routes = {chat: [i for c, i in proxy.routed if c == chat] for chat in (ADMIN.id, BOB)}
    assert routes == {ADMIN.id: [0, 1, 0], BOB: [1, 0, 1]}  # each step on the other worker
    # each answered 200 once handled (the emulator notes it after the answer: wait for it)
    await wait_until(lambda: len(emulator.state.webhook_posts) >= posted + 6)
    assert [status for _, status in emulator.state.webhook_posts[posted:]] == [200] * 6


async def test_each_worker_answers_healthz_on_its_webhook_port(two_hooked) -> None:
    _, ports = two_hooked
    async with aiohttp.ClientSession() as session:
        for port in ports:
            async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 200
                assert (await response.json())["ok"] is True
            async with session.get(f"http://127.0.0.1:{port}/metrics") as response:
                assert "updates" in await response.text()
