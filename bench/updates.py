"""Updates per second through the real Application with a DB write per update.

Each update is a message in the registered team group from a registered user whose display
name changes every time, so the gate (group -2) reads the user, checks the group and writes
the new profile in a `BEGIN IMMEDIATE` transaction: the per-update cost every feature pays.
Plain group chatter gets no reply (only commands and buttons do), so the figure is the
bot's own overhead, not the network's. Budget (DESIGN.md 8): >= 1,000/s.

    python bench/updates.py [--updates 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update

from bot.app import build_application
from bot.clock import SystemClock
from bot.config import Config
from bot.services import Services
from sandbox.emulator import BotApiEmulator
from storage.db import Database

TOKEN = "123456789:BENCH-bench-bench-bench-bench-bench"  # noqa: S105 - emulator only
USER_ID = 4242
TEAM_CHAT = -1001234567


def message_data(update_id: int, name: str) -> dict:
    """The update as Telegram sends it (bench/scale.py POSTs it to a webhook)."""
    user = {"id": USER_ID, "is_bot": False, "first_name": name, "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": TEAM_CHAT, "type": "supergroup", "title": "Team"},
            "from": user,
            "text": "just a note to self",
        },
    }


def message_update(update_id: int, bot, name: str) -> Update:
    return Update.de_json(message_data(update_id, name), bot)


async def run(count: int) -> dict:
    async with BotApiEmulator(token=TOKEN) as emulator:
        with tempfile.TemporaryDirectory() as tmp:
            config = Config(
                token=TOKEN,
                database_path=Path(tmp) / "bench.sqlite3",
                admin_ids=(USER_ID,),
                api_base_url=emulator.base_url,
                api_file_url=emulator.base_file_url,
            )
            db = await Database.open(config.database_path)
            services = Services.create(config, SystemClock(), db)
            await services.access.bootstrap_admins()
            admin = await services.access.user(USER_ID)
            assert admin is not None
            await services.team.register(admin, TEAM_CHAT, "Team")
            app = build_application(config, services, TOKEN)
            await app.initialize()
            try:
                updates = [message_update(i, app.bot, f"Name {i}") for i in range(count)]
                await app.process_update(updates[0])  # warm-up: first handler resolution
                timings = []
                started = time.perf_counter()
                for update in updates[1:]:
                    t0 = time.perf_counter()
                    await app.process_update(update)
                    timings.append(time.perf_counter() - t0)
                elapsed = time.perf_counter() - started
                writes = await db.fetch_one("SELECT name FROM users WHERE id = ?", (USER_ID,))
            finally:
                await app.shutdown()
                await db.close()
    timings.sort()
    return {
        "bench": "updates",
        "updates": len(timings),
        "seconds": round(elapsed, 3),
        "updates_per_s": round(len(timings) / elapsed, 1),
        "p50_us": round(statistics.median(timings) * 1e6, 1),
        "p99_us": round(timings[int(len(timings) * 0.99) - 1] * 1e6, 1),
        "last_written_name": writes["name"],
        "budget_updates_per_s": 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=5000)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.updates))))


if __name__ == "__main__":
    main()
