"""The data folder and the database files are private to the bot's user.

The database holds clients, invoices and invite hashes; the default umask (022) would make
it readable by every local user. So the folder is created 0700 and the database, its WAL and
SHM files and the lock file 0600, by chmod after creation: the umask is not asked.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
COMPANIONS = ("", "-wal", "-shm", ".lock")


def make_private_dir(directory: Path) -> None:
    """Create `directory` and any missing parents 0700; existing folders are left as they are
    (a data folder inside the project or /tmp is the operator's choice)."""
    missing: list[Path] = []
    current = directory
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR)


def open_private(path: Path, flags: int = os.O_RDWR) -> int:
    """os.open with O_CREAT, the file 0600 whatever the umask; returns the descriptor."""
    fd = os.open(path, flags | os.O_CREAT, PRIVATE_FILE)
    os.fchmod(fd, PRIVATE_FILE)
    return fd


def make_private_files(db_path: Path) -> None:
    """The database and its companions that exist now become 0600 (older versions left 0644)."""
    for suffix in COMPANIONS:
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.chmod(companion, PRIVATE_FILE)
