"""SQLite backups: the online backup API, checked copies, rotation, and restore.

A plain file copy of a live WAL database can catch the main file and the -wal file at
different moments and give a corrupt copy; sqlite3's backup API copies a consistent
snapshot page by page while the bot keeps writing. Every copy is opened and checked with
`PRAGMA integrity_check` before it counts as a backup. PostgreSQL is backed up with
pg_dump / pg_restore (README: "Running on PostgreSQL with several workers").
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from storage.errors import CorruptDatabase
from storage.files import make_private_dir, open_private
from storage.lock import InstanceLock

PREFIX = "bot-"
SUFFIX = ".sqlite3"


def integrity_check(path: Path) -> None:
    """Raises CorruptDatabase unless `PRAGMA integrity_check` answers ok."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(f"{path}: {exc}") from exc
    finally:
        conn.close()
    if [row[0] for row in rows] != ["ok"]:
        raise CorruptDatabase(f"{path}: integrity_check says {rows[0][0] if rows else 'nothing'}")


def _copy(source: Path, target: Path, *, journal: str = "DELETE") -> None:
    """Page-by-page copy; a backup is left in rollback-journal mode, one self-contained file."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute(f"PRAGMA journal_mode = {journal}")
        finally:
            dst.close()
    finally:
        src.close()


def backup(database: Path, target: Path) -> Path:
    """An online, checked copy of `database` at `target` (a half-written one is removed)."""
    if not database.is_file():
        raise FileNotFoundError(f"{database}: no database to back up")
    make_private_dir(target.parent)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        os.close(open_private(partial))  # 0600 like the database itself (storage/files.py)
        _copy(database, partial)
        integrity_check(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


def backup_name(now: datetime) -> str:
    return f"{PREFIX}{now.astimezone(UTC):%Y%m%d-%H%M%S}{SUFFIX}"


def rotate(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `directory`; returns the deleted ones."""
    copies = sorted(directory.glob(f"{PREFIX}*{SUFFIX}"))
    doomed = copies[:-keep] if keep > 0 else copies
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def scheduled_backup(database: Path, directory: Path, keep: int, now: datetime) -> Path:
    """The daily backup: a new checked copy named by its UTC time, then rotation."""
    made = backup(database, directory / backup_name(now))
    rotate(directory, keep)
    return made


def restore(source: Path, database: Path) -> None:
    """Replace `database` with the checked backup `source`; refuses while a bot runs on it
    (AlreadyRunning), and writes through the backup API so WAL files stay consistent."""
    integrity_check(source)
    lock = InstanceLock(database)
    lock.acquire()
    try:
        _copy(source, database, journal="WAL")
        integrity_check(database)
    finally:
        lock.release()
