"""Audit trail of changes to clients, assignments and access."""

from __future__ import annotations

import json
from typing import Any

from storage.db import Tx

INSERT = """
INSERT INTO audit (user_id, action, entity, entity_id, details, at) VALUES (?, ?, ?, ?, ?, ?)
"""


async def record(
    tx: Tx,
    *,
    user_id: int | None,
    action: str,
    entity: str,
    entity_id: int | None,
    now: int,
    details: dict[str, Any] | None = None,
) -> None:
    payload = json.dumps(details, ensure_ascii=False, sort_keys=True) if details else None
    await tx.execute(INSERT, (user_id, action, entity, entity_id, payload, now))
