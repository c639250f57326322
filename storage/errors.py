"""Errors the storage layer raises; services translate them into user-facing BotErrors.

StorageError
├── AlreadyRunning     another process holds the instance lock next to the DB file
├── CorruptDatabase    PRAGMA quick_check did not answer "ok"
└── Duplicate          a UNIQUE constraint refused a row (.constraint names it)
"""


class StorageError(Exception):
    pass


class AlreadyRunning(StorageError):
    pass


class CorruptDatabase(StorageError):
    pass


class Duplicate(StorageError):
    def __init__(self, constraint: str) -> None:
        super().__init__(constraint)
        self.constraint = constraint
