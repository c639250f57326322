"""Follow-up drafts in the database: one row per confirmation card (or forwarded text).

A `Draft` is stored as JSON (`encode`/`decode` follow its type hints, so a field added to
`Draft` or to the parser's types is kept without touching this module). Each change bumps
the row's version, which the card's Save button carries, so a Save on an older copy is
refused ("this card is out of date") rather than saving what the user has not seen. Saving closes
the row in the reminder's own transaction: a second Save finds it closed.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import Clock
from storage import drafts
from storage.db import Database, Tx
from storage.drafts import StoredDraft

KEEP_SECONDS = 7 * 24 * 3600  # an untouched card older than this answers "no longer open"


class DraftStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def add(self, user_id: int, kind: str, value: Any) -> int:
        """A new card's draft; the user's week-old drafts are forgotten on the way."""
        now = self._clock.timestamp()
        async with self._db.transaction(counted=False) as tx:
            await drafts.prune(tx, user_id, now - KEEP_SECONDS)
            return await drafts.insert(tx, user_id, kind, encode(value), now)

    async def get(self, user_id: int, draft_id: int) -> StoredDraft | None:
        return await drafts.get(self._db, user_id, draft_id)

    async def update(self, draft_id: int, value: Any) -> int | None:
        """The user changed the draft (a time, a client): its new version; None if it was
        closed meanwhile."""
        async with self._db.transaction(counted=False) as tx:
            return await drafts.update(tx, draft_id, encode(value), self._clock.timestamp())

    async def close(self, stored: StoredDraft, status: str) -> bool:
        async with self._db.transaction(counted=False) as tx:
            return await self.close_in(tx, stored, status, None)

    async def close_in(
        self, tx: Tx, stored: StoredDraft, status: str, result_id: int | None
    ) -> bool:
        """Close inside the caller's transaction; False when already closed or changed."""
        return await drafts.finish(
            tx, stored.id, stored.version, status, result_id, self._clock.timestamp()
        )


# -- JSON by type hints ------------------------------------------------------------------


def encode(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def decode(data: str, cls: Any) -> Any:
    return _build(json.loads(data), cls)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
        return {"at": value.isoformat(), "tz": zone}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _build(raw: Any, hint: Any) -> Any:
    if raw is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _build(raw, options[0]) if len(options) == 1 else raw
    if origin in (tuple, list):
        args = typing.get_args(hint)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return tuple(_build(element, arg) for element, arg in zip(raw, args, strict=True))
        return origin(_build(element, args[0]) for element in raw)
    if hint is datetime:
        moment = datetime.fromisoformat(raw["at"])
        return moment.astimezone(ZoneInfo(raw["tz"])) if raw.get("tz") else moment
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        known = {f.name for f in dataclasses.fields(hint)}
        return hint(**{k: _build(v, hints[k]) for k, v in raw.items() if k in known})
    return raw
