"""Score the blind batch (tests/nlu/blind/*.tsv) and print one line per language.

    .venv/bin/python -m tests.nlu.blind_score [--misses] [--batch -2]

A phrase is *exact* when the parse gives the labelled wall time (and rule) with no problem,
or raises a problem when the label is "?" (the right answer is a question). It is *asked*
when the label is a time and the parse raises a problem instead (not wrong, not exact). It
is *silent-wrong* when the parse gives a date with no problem and that date (or rule) is
not the label: the failure issue 14 forbids.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.nlu import FollowUpParser, Interpretation
from tests.nlu.corpus_support import LANGS, load, refs

BLIND = Path(__file__).parent / "blind"
ZONES = {
    "en": "Europe/London",
    "ru": "Europe/Moscow",
    "nl": "Europe/Amsterdam",
    "hu": "Europe/Budapest",
}
NOW = datetime(2026, 11, 24, 10, 0)


@dataclass(frozen=True)
class Row:
    lang: str
    due: str  # "YYYY-MM-DD HH:MM" or "?"
    kind: str
    rrule: str | None
    text: str


@dataclass
class Score:
    total: int = 0
    exact: int = 0
    asked: int = 0
    silent_wrong: int = 0
    kind_right: int = 0


def rows(lang: str, batch: str = "") -> list[Row]:
    """The labelled rows of one language; `batch` "-2" is the second batch."""
    found = []
    for line in (BLIND / f"{lang}{batch}.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        due, kind, rrule, text = line.split("\t")
        found.append(Row(lang, due, kind, None if rrule == "-" else rrule, text))
    return found


def parse(parser: FollowUpParser, row: Row) -> Interpretation:
    zone = ZoneInfo(ZONES[row.lang])
    clients = refs(load(row.lang)[0]["clients"])
    return parser.parse(
        row.text, lang=row.lang, tz=ZONES[row.lang], now=NOW.replace(tzinfo=zone), clients=clients
    )


def verdict(row: Row, got: Interpretation) -> str:
    """ "exact", "asked" or "silent_wrong"."""
    time_problems = [c for c in got.codes if c not in ("unknown_client", "ambiguous_client")]
    if row.due == "?":
        return "exact" if time_problems or got.due is None else "silent_wrong"
    wall = got.due.strftime("%Y-%m-%d %H:%M") if got.due else None
    right = wall == row.due and (row.rrule is None or _rule(row.rrule) == _rule(got.rrule))
    right = right and (row.rrule is not None or got.rrule is None)
    if time_problems or got.due is None:
        return "exact" if right and not time_problems else "asked"
    return "exact" if right else "silent_wrong"


def _rule(value: str | None) -> dict | None:
    return dict(p.split("=", 1) for p in value.split(";")) if value else None


def score(
    parser: FollowUpParser, lang: str, misses: list[str] | None = None, batch: str = ""
) -> Score:
    result = Score()
    for row in rows(lang, batch):
        got = parse(parser, row)
        outcome = verdict(row, got)
        result.total += 1
        setattr(result, outcome, getattr(result, outcome) + 1)
        result.kind_right += got.kind == row.kind
        if misses is not None and (outcome != "exact" or got.kind != row.kind):
            due = got.due.strftime("%Y-%m-%d %H:%M") if got.due else None
            misses.append(
                f"{lang} {outcome:12} {row.text!r}: got {due} {got.rrule or ''} {list(got.codes)}"
                f" kind {got.kind}; want {row.due} {row.rrule or ''} kind {row.kind}"
            )
    return result


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser()
    options.add_argument("--misses", action="store_true")
    options.add_argument("--batch", default="", help='"-2" for the second batch')
    args = options.parse_args(argv)
    parser = FollowUpParser()
    misses: list[str] = []
    for lang in LANGS:
        s = score(parser, lang, misses if args.misses else None, args.batch)
        print(
            f"{lang}: {s.total} phrases, exact {s.exact} ({s.exact / s.total:.0%}), "
            f"asked {s.asked}, silent-wrong {s.silent_wrong}, kind right {s.kind_right} "
            f"({s.kind_right / s.total:.0%})"
        )
    for miss in misses:
        print("  ", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
