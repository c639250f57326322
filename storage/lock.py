"""Single-instance lock: a second bot process on the same DB would send every reminder twice.

An flock on `<db>.lock` is released by the kernel when the process dies, even by SIGKILL,
so a crash never leaves a stale lock behind that an operator has to delete by hand.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from storage.errors import AlreadyRunning
from storage.files import open_private


class InstanceLock:
    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = open_private(self.path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise AlreadyRunning(
                f"another bot process (pid {holder}) is already using {self.path.with_suffix('')}"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
