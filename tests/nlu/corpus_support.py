"""Loading the labelled corpus and comparing a parse with its label."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.names import ClientRef
from bot.nlu import FollowUpParser, Interpretation

CORPUS = Path(__file__).parent / "corpus"
LANGS = ("en", "ru", "nl", "hu")


def load(lang: str) -> list[dict]:
    lines = (CORPUS / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def refs(names: list[str]) -> tuple[ClientRef, ...]:
    return tuple(ClientRef(i + 1, name) for i, name in enumerate(names))


def run(parser: FollowUpParser, row: dict) -> Interpretation:
    zone = ZoneInfo(row["tz"])
    now = datetime.fromisoformat(row["now"]).replace(tzinfo=zone)
    return parser.parse(
        row["text"], lang=row["lang"], tz=row["tz"], now=now, clients=refs(row["clients"])
    )


def _rule(value: str | None) -> dict | None:
    if value is None:
        return None
    return dict(part.split("=", 1) for part in value.split(";"))


def differences(row: dict, got: Interpretation) -> list[str]:
    """What the parse got wrong against the label (empty: exact to the minute)."""
    wrong = []
    want_due = datetime.fromisoformat(row["due"]) if row["due"] else None
    got_due = got.due.isoformat(timespec="minutes") if got.due else None
    same = want_due is None or (got.due is not None and got.due.timestamp() == want_due.timestamp())
    if got_due != row["due"] or not same:
        wrong.append(f"due {got.due and got.due.isoformat(timespec='minutes')} != {row['due']}")
    if _rule(row["recurrence"]) != _rule(got.rrule):
        wrong.append(f"recurrence {got.rrule} != {row['recurrence']}")
    if (got.client.name if got.client else None) != row["client"]:
        wrong.append(f"client {got.client and got.client.name} != {row['client']}")
    if got.kind != row["kind"]:
        wrong.append(f"kind {got.kind} != {row['kind']}")
    if sorted(got.codes) != row["problems"]:
        wrong.append(f"problems {sorted(got.codes)} != {row['problems']}")
    return wrong
