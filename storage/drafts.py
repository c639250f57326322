"""Follow-up cards and forwarded texts being confirmed, kept so a restart continues them."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Reader, Row, Tx


@dataclass(frozen=True, slots=True)
class StoredDraft:
    id: int
    user_id: int
    kind: str  # followup | forward
    data: str  # JSON, read by bot/services/drafts.py
    version: int
    status: str  # open | saved | cancelled
    result_id: int | None  # the reminder a Save created
    updated_at: int


COLUMNS = "id, user_id, kind, data, version, status, result_id, updated_at"


def _row_to_draft(row: Row) -> StoredDraft:
    return StoredDraft(
        id=row["id"],
        user_id=row["user_id"],
        kind=row["kind"],
        data=row["data"],
        version=row["version"],
        status=row["status"],
        result_id=row["result_id"],
        updated_at=row["updated_at"],
    )


INSERT = """
INSERT INTO drafts (user_id, kind, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
"""


async def insert(tx: Tx, user_id: int, kind: str, data: str, now: int) -> int:
    return await tx.insert(INSERT, (user_id, kind, data, now, now))


GET = f"SELECT {COLUMNS} FROM drafts WHERE id = ? AND user_id = ?"  # noqa: S608 - constant


async def get(db: Reader, user_id: int, draft_id: int) -> StoredDraft | None:
    """The user's draft; another user's id reads as missing (callback data is untrusted)."""
    row = await db.fetch_one(GET, (draft_id, user_id))
    return _row_to_draft(row) if row else None


UPDATE = """
UPDATE drafts SET data = ?, version = version + 1, updated_at = ?
 WHERE id = ? AND status = 'open'
RETURNING version
"""


async def update(tx: Tx, draft_id: int, data: str, now: int) -> int | None:
    """The draft's new version; None when it is closed."""
    row = await tx.fetch_one(UPDATE, (data, now, draft_id))
    return row["version"] if row else None


FINISH = """
UPDATE drafts SET status = ?, result_id = ?, updated_at = ?
 WHERE id = ? AND status = 'open' AND version = ?
"""


async def finish(
    tx: Tx, draft_id: int, version: int, status: str, result_id: int | None, now: int
) -> bool:
    """Close the draft as it was seen (`version`); False if saved, cancelled or changed."""
    cursor = await tx.execute(FINISH, (status, result_id, now, draft_id, version))
    return cursor.rowcount == 1


PRUNE = "DELETE FROM drafts WHERE user_id = ? AND updated_at < ?"


async def prune(tx: Tx, user_id: int, before: int) -> None:
    """Forget a user's drafts untouched since `before` (their buttons then say expired)."""
    await tx.execute(PRUNE, (user_id, before))
