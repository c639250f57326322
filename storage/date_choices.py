"""Dates offered as buttons instead of a typed one the bot cannot use (handlers/datechoice.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from storage.db import Tx

KEEP = 10  # offers kept per user: older buttons answer "no longer open"


@dataclass(frozen=True, slots=True)
class DateChoice:
    resume: str  # what runs again ("contract", "invoice", "snooze")
    target: int  # what it acts on (a client, a reminder)
    texts: tuple[str, ...]  # the typed text once per date offered


INSERT = """
INSERT INTO date_choices (user_id, resume, target, texts, created_at) VALUES (?, ?, ?, ?, ?)
"""
PRUNE = """
DELETE FROM date_choices WHERE user_id = ? AND id NOT IN (
    SELECT id FROM date_choices WHERE user_id = ? ORDER BY id DESC LIMIT ?)
"""


async def insert(tx: Tx, user_id: int, choice: DateChoice, now: int) -> int:
    """Keep an offer (the user's oldest beyond KEEP are dropped); its id for the buttons."""
    texts = json.dumps(list(choice.texts), ensure_ascii=False)
    choice_id = await tx.insert(INSERT, (user_id, choice.resume, choice.target, texts, now))
    await tx.execute(PRUNE, (user_id, user_id, KEEP))
    return choice_id


TAKE = "DELETE FROM date_choices WHERE id = ? AND user_id = ? RETURNING resume, target, texts"


async def take(tx: Tx, user_id: int, choice_id: int) -> DateChoice | None:
    """The user's offer, removed (a second press finds none); another user's id: None."""
    row = await tx.fetch_one(TAKE, (choice_id, user_id))
    if row is None:
        return None
    return DateChoice(row["resume"], row["target"], tuple(json.loads(row["texts"])))
