"""The local sandbox: the Bot API emulator plus the real bot against it, no Telegram needed.

It uses its own database file, never the production one, and a fixed fake token that only
the emulator accepts.
"""

from __future__ import annotations

import dataclasses
import logging

from bot.config import Config
from bot.runtime import BotRuntime
from bot.sandbox.emulator import BotApiEmulator

log = logging.getLogger(__name__)

SANDBOX_TOKEN = "1000000001:SANDBOX-sandbox-sandbox-sandbox-0000"  # noqa: S105 - fake, public
SANDBOX_ADMIN_ID = 1001

HOW_TO = """
Sandbox is running (no TELEGRAM_BOT_TOKEN set, nothing talks to Telegram).
  Bot API emulator: http://127.0.0.1:{port}
  Database:         {db}
Talk to the bot from another terminal, as the seeded admin (user {admin}):
  .venv/bin/python -m bot.sandbox say "/help"
  .venv/bin/python -m bot.sandbox say "/invite manager"
  .venv/bin/python -m bot.sandbox press "set:menu:lang"
Stop with Ctrl+C.
"""


def sandbox_config(config: Config, emulator: BotApiEmulator) -> Config:
    return dataclasses.replace(
        config,
        database_path=config.sandbox_database_path,
        api_base_url=emulator.base_url,
        api_file_url=emulator.base_file_url,
        admin_ids=tuple(sorted({*config.admin_ids, SANDBOX_ADMIN_ID})),
    )


async def run_sandbox(config: Config) -> None:
    from bot.__main__ import wait_for_stop_signal
    from bot.config import check_writable_dir

    check_writable_dir("SANDBOX_DATABASE_PATH", config.sandbox_database_path)
    emulator = BotApiEmulator(token=SANDBOX_TOKEN)
    await emulator.start(host="127.0.0.1", port=config.sandbox_port)
    runtime = BotRuntime(sandbox_config(config, emulator), token=SANDBOX_TOKEN)
    try:
        await runtime.start()
        print(
            HOW_TO.format(
                port=emulator.port, db=config.sandbox_database_path, admin=SANDBOX_ADMIN_ID
            ),
            flush=True,
        )
        await wait_for_stop_signal()
    finally:
        await runtime.stop()
        await emulator.stop()
