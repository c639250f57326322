"""The local sandbox: the Bot API emulator, the real bot against it and a web chat page.

It uses its own database file, never the production one, and a fixed fake token that only
the emulator accepts. The bot runs on a `FakeClock(frozen=False)`: time flows as usual, and
the page's fast-forward buttons make it jump (to see due reminders and digests at once).
"""

from __future__ import annotations

import dataclasses
import logging

from bot.clock import FakeClock
from bot.config import Config, ConfigError, check_writable_dir
from bot.runtime import BotRuntime, wait_for_stop_signal
from sandbox import clockfile, seed
from sandbox.demo_data import ADMIN_ID
from sandbox.emulator import BotApiEmulator
from sandbox.flood import FloodLimits, Rate
from sandbox.web import SandboxWeb

log = logging.getLogger(__name__)

SANDBOX_TOKEN = "1000000001:SANDBOX-sandbox-sandbox-sandbox-0000"  # noqa: S105 - fake, public
SANDBOX_ADMIN_ID = ADMIN_ID

# Telegram tolerates short bursts in a private chat (a person tapping through a menu); the
# emulator's strict 1/s private bucket would make the sandbox feel slow for no lesson learnt.
# Group and overall limits stay Telegram's.
SANDBOX_LIMITS = FloodLimits(private=Rate(10, 1))

HOW_TO = """
Sandbox is running (no TELEGRAM_BOT_TOKEN set, nothing talks to Telegram).

  Open the chat in your browser:  {web}

  Bot API emulator: http://127.0.0.1:{port}
  Database:         {db}
Or talk to the bot from another terminal, as the seeded admin (user {admin}):
  .venv/bin/python -m sandbox say "/help"
  .venv/bin/python -m sandbox press "set:menu:lang"
Stop with Ctrl+C.
"""


def sandbox_config(config: Config, emulator: BotApiEmulator) -> Config:
    return dataclasses.replace(
        config,
        database_path=config.sandbox_database_path,
        database_url=None,  # the sandbox's own SQLite file, never the production PostgreSQL
        webhook_url=None,  # the emulator is polled
        api_base_url=emulator.base_url,
        api_file_url=emulator.base_file_url,
        admin_ids=tuple(sorted({*config.admin_ids, SANDBOX_ADMIN_ID})),
    )


class Sandbox:
    """Emulator + bot + page, started and stopped together (the tests start this too)."""

    def __init__(self, config: Config, *, clock: FakeClock | None = None) -> None:
        self.config = config
        self.clock = clock or FakeClock(frozen=False)
        self.emulator = BotApiEmulator(
            token=SANDBOX_TOKEN,
            wall_clock=lambda: self.clock.now().timestamp(),
            flood_limits=SANDBOX_LIMITS,
        )
        self.runtime: BotRuntime | None = None
        self.web: SandboxWeb | None = None

    async def start(self, *, api_port: int | None = None, web_port: int | None = None) -> None:
        check_writable_dir("SANDBOX_DATABASE_PATH", self.config.sandbox_database_path)
        api_port = self.config.sandbox_port if api_port is None else api_port
        web_port = self.config.sandbox_web_port if web_port is None else web_port
        try:
            await self.emulator.start(host="127.0.0.1", port=api_port)
        except OSError as error:
            raise ConfigError("SANDBOX_PORT", f"cannot listen on 127.0.0.1:{api_port}") from error
        restored = clockfile.restore(self.config.sandbox_database_path, self.clock)
        if restored is not None:
            log.info("sandbox: clock restored to %s", restored.isoformat())
        try:
            self.runtime = BotRuntime(
                sandbox_config(self.config, self.emulator), token=SANDBOX_TOKEN, clock=self.clock
            )
            seed.seed_emulator(self.emulator)
            await self.runtime.start()
            if await seed.seed_database(self.runtime.db, self.clock):
                log.info("sandbox: demo data seeded")
            self.web = SandboxWeb(self.emulator, self.runtime, self.clock, on_jump=self.save_clock)
            try:
                await self.web.start(host="127.0.0.1", port=web_port)
            except OSError as error:
                self.web = None
                raise ConfigError(
                    "SANDBOX_WEB_PORT", f"cannot listen on 127.0.0.1:{web_port}"
                ) from error
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        web, self.web = self.web, None
        if web is not None:
            await web.stop()
        runtime, self.runtime = self.runtime, None
        if runtime is not None:
            await runtime.stop()
            self.save_clock()
        await self.emulator.stop()

    def save_clock(self) -> None:
        """Keep the clock beside the database, so a restart goes on from here."""
        try:
            clockfile.save(self.config.sandbox_database_path, self.clock)
        except OSError as error:
            log.warning("sandbox: cannot save the clock: %s", error)

    def how_to(self) -> str:
        return HOW_TO.format(
            web=self.web.url if self.web else "-",
            port=self.emulator.port,
            db=self.config.sandbox_database_path,
            admin=SANDBOX_ADMIN_ID,
        )


async def run_sandbox(config: Config) -> None:
    sandbox = Sandbox(config)
    await sandbox.start()
    try:
        print(sandbox.how_to(), flush=True)
        await wait_for_stop_signal()
    finally:
        await sandbox.stop()
