"""`python -m bot`: run against Telegram (token set) or start the local sandbox (no token).

`python -m bot migrate-db | backup | restore ...` are the operator commands (bot/cli.py).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
import traceback

import asyncpg
from telegram.error import InvalidToken, NetworkError

from bot.config import ConfigError, load_config
from bot.logs import configure_logging, redact
from bot.runtime import BotRuntime, wait_for_stop_signal
from storage.errors import StorageError

log = logging.getLogger("bot")


async def run_bot(runtime: BotRuntime) -> None:
    await runtime.start()
    try:
        await wait_for_stop_signal()
    finally:
        await runtime.stop()


def main() -> int:
    try:
        config = load_config()
    except ConfigError as error:
        print(f"config error: {error}", file=sys.stderr)
        return 2
    configure_logging(config.log_level)
    if len(sys.argv) > 1:
        from bot.cli import run

        return run(config, sys.argv[1:])
    try:
        if config.sandbox:
            from sandbox.run import run_sandbox

            asyncio.run(run_sandbox(config))
        else:
            assert config.token is not None
            asyncio.run(run_bot(BotRuntime(config, token=config.token)))
    except (StorageError, ConfigError) as error:
        print(f"cannot start: {error}", file=sys.stderr)
        return 1
    except InvalidToken:
        # PTB's message quotes the token: never print it, nor its traceback.
        print("cannot start: Telegram rejected the token (TELEGRAM_BOT_TOKEN)", file=sys.stderr)
        return 1
    except NetworkError as error:
        reason = redact(str(error))
        print(f"cannot start: Telegram is not reachable ({reason})", file=sys.stderr)
        return 1
    except sqlite3.Error as error:
        print(f"cannot start: DATABASE_PATH: {error}", file=sys.stderr)
        return 1
    except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
        if not config.database_url:
            raise
        print(f"cannot start: DATABASE_URL: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    except Exception as error:
        print(redact("".join(traceback.format_exception(error))), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
