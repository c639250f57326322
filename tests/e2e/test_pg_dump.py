"""PostgreSQL backups: a pg_dump restores into an empty database and the bot starts on it."""

from __future__ import annotations

import dataclasses
import re

from bot.runtime import BotRuntime
from tests.conftest import ADMIN, TOKEN
from tests.pg_cluster import PgCluster


async def test_a_dump_restores_into_an_empty_database_and_the_bot_starts_on_it(
    emulator, clock, config, pg_cluster: PgCluster, tmp_path
) -> None:
    source = pg_cluster.create_database(f"dump source {tmp_path}")
    emulator.reset()
    emulator.add_user(ADMIN)
    live = dataclasses.replace(config, database_url=pg_cluster.url(source))
    runtime = BotRuntime(live, token=TOKEN, clock=clock, poll_timeout=5)
    await runtime.start()
    try:
        mark = emulator.mark()
        emulator.send_text(ADMIN, "/invite manager")
        invite = await emulator.wait_for_message(ADMIN.id, since=mark, timeout=10)
        assert re.search(r"start=[A-Za-z0-9_-]+", invite.text)
    finally:
        await runtime.stop()

    dump = tmp_path / "bot.dump"
    pg_cluster.dump(source, dump)
    restored = pg_cluster.empty_database(f"dump target {tmp_path}")
    pg_cluster.restore(dump, restored)

    runtime = BotRuntime(
        dataclasses.replace(config, database_url=pg_cluster.url(restored)),
        token=TOKEN, clock=clock, poll_timeout=5,
    )  # fmt: skip
    await runtime.start()
    try:
        assert runtime.services is not None
        rows = await runtime.services.db.fetch_all("SELECT role FROM invites")
        assert [row["role"] for row in rows] == ["manager"]  # the data came along
        mark = emulator.mark()
        emulator.send_text(ADMIN, "/help")  # and the restored bot answers
        reply = await emulator.wait_for_message(ADMIN.id, since=mark, timeout=10)
        assert reply.text.startswith("What I can do")
    finally:
        await runtime.stop()
        pg_cluster.drop_databases([source, restored])
