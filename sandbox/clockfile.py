"""The sandbox clock kept beside the sandbox database, so a restart does not turn time back.

The page's fast-forward buttons move the bot's clock days ahead, and everything the bot
writes meanwhile (interactions, "last contact", reminders done) carries those future
moments. A restarted sandbox that began again at today's wall time would show cards whose
last contact lies days in the future. So the sandbox's moment is saved next to its database
file (`sandbox.sqlite3` -> `sandbox.sqlite3.clock.json`) after every jump and at stop, and
restored at start.

A small JSON file rather than a table: the production database never needs this fact, so it
gets no migration, and deleting the sandbox database to start over also starts the clock
over (a clock file without its database is ignored and removed).
"""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.clock import FakeClock

log = logging.getLogger(__name__)

SUFFIX = ".clock.json"


def clock_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def save(database: Path, clock: FakeClock, *, wall: float | None = None) -> None:
    """Write the sandbox's moment and the real time it was taken (atomically)."""
    path = clock_path(database)
    data = {
        "sandbox": clock.now().timestamp(),
        "wall": time.time() if wall is None else wall,
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, path)


def restore(database: Path, clock: FakeClock, *, wall: float | None = None) -> datetime | None:
    """Move `clock` forward to the saved moment plus the real time since; the new moment.

    Time never moves back: a clock already past the saved moment stays where it is. Without
    a database (a fresh start) a leftover clock file is removed and nothing moves.
    """
    path = clock_path(database)
    if not database.exists():
        path.unlink(missing_ok=True)
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        saved, saved_wall = float(data["sandbox"]), float(data["wall"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError) as error:
        log.warning("sandbox clock file %s unreadable (%s): the clock starts at now", path, error)
        return None
    now = time.time() if wall is None else wall
    moment = datetime.fromtimestamp(saved + max(now - saved_wall, 0.0), UTC)
    clock.set(moment)
    return clock.now()
