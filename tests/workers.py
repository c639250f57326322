"""Bot worker processes for the several-workers tests and bench/scale.py: start, kill, restart
them, and ask PostgreSQL which one is the reminder sender right now."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from storage.pg import APPLICATION, WRITE_LOCK, PgDatabase, lock_key

ROOT = Path(__file__).resolve().parent.parent
FAST_WORKER = [sys.executable, "-m", "tests.fast_worker"]  # on a shared fast clock
BOT = [sys.executable, "-m", "bot"]  # what an operator runs

SENDER = """
SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ?
   AND l.objid::bigint = ?
"""
SENDER_LOCK = (WRITE_LOCK, lock_key("dispatcher.deliver") % 2**32)  # pg_locks shows oids


async def sender_pid(db: PgDatabase) -> int | None:
    """The process id of the worker delivering reminders now (None between its passes)."""
    row = await db.fetch_one(SENDER, SENDER_LOCK)
    return int(row["application_name"].removeprefix(f"{APPLICATION} pid ")) if row else None


class Worker:
    """One worker process, restartable, its log appended to a file."""

    def __init__(self, command: list[str], env: dict[str, str], log_path: Path) -> None:
        self.command = command
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env,
            stdout=log, stderr=log,
        )  # fmt: skip
        self.starts += 1

    async def running(self) -> None:
        """Until this start of the process says it is running (or it died: fail)."""
        for _ in range(600):
            assert self.proc is not None and self.proc.poll() is None, self.log_path.read_text()
            if self.log_path.read_text().count("is running") >= self.starts:
                return
            await asyncio.sleep(0.05)
        raise TimeoutError(f"worker did not start: {self.log_path.read_text()[-2000:]}")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
