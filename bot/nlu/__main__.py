"""Command line for evaluation and debugging (see docs/nlu.md).

    python -m bot.nlu --now 2026-11-24T10:00 --tz Europe/Amsterdam --lang nl "morgen om 9 uur Jansen bellen"
    python -m bot.nlu --jsonl < phrases.jsonl      # {"text", "lang", "now", "tz", "clients"?} per line

`--now` is a wall time in `--tz` (an offset in it is honoured). Clients are names; their
ids in the output are their positions in the list, from 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config import LANGUAGES
from bot.names import ClientRef
from bot.nlu.parser import FollowUpParser


def _now(value: str | None, tz: str) -> datetime:
    zone = ZoneInfo(tz)
    if not value:
        return datetime.now(zone)
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _one(parser: FollowUpParser, request: dict) -> dict:
    tz = request.get("tz", "UTC")
    clients = [ClientRef(i + 1, name) for i, name in enumerate(request.get("clients") or [])]
    result = parser.parse(
        request["text"],
        lang=request.get("lang", "en"),
        tz=tz,
        now=_now(request.get("now"), tz),
        working_minute=int(request.get("working_minute", 540)),
        clients=clients,
    )
    return result.as_dict()


def main(argv: Sequence[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m bot.nlu", description=__doc__.split("\n")[0])
    args.add_argument("text", nargs="?", help="the message to interpret")
    args.add_argument("--lang", choices=LANGUAGES, default="en")
    args.add_argument("--tz", default="UTC", help="IANA zone, e.g. Europe/Amsterdam")
    args.add_argument("--now", help="wall time in --tz, e.g. 2026-11-24T10:00 (default: now)")
    args.add_argument("--client", action="append", default=[], help="a client name (repeatable)")
    args.add_argument("--working-minute", type=int, default=540, help="default time (540 = 09:00)")
    args.add_argument("--jsonl", action="store_true", help="read JSON requests, one per line")
    options = args.parse_args(argv)
    parser = FollowUpParser()
    if options.jsonl:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                reply = _one(parser, json.loads(line))
            except (ValueError, KeyError, TypeError) as error:
                reply = {"error": f"{type(error).__name__}: {error}"}
            print(json.dumps(reply, ensure_ascii=False), flush=True)
        return 0
    if options.text is None:
        args.error("give a text or --jsonl")
    request = {
        "text": options.text,
        "lang": options.lang,
        "tz": options.tz,
        "now": options.now,
        "clients": options.client,
        "working_minute": options.working_minute,
    }
    print(json.dumps(_one(parser, request), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
