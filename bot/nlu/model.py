"""What the parser returns: an `Interpretation` with its `Problem`s.

Problem codes are stable (the bot maps each to a question in the user's language):

    no_date            nothing said when; the bot asks for a time
    past               the moment is already over; `alternatives` holds the next sensible one
    impossible_date    a day that does not exist ("31 April", "30 февраля"); alternatives
                       are the last day of that month and the first of the next
    bad_time           an hour or minute out of range ("25:00"); `due` is None
    negative_offset    "in -3 days": a negative amount; `due` is None
    time_not_honoured  a time was typed but could not be applied to the date found
    day_mismatch       the weekday typed is not the weekday of the date typed; alternatives
                       are the date and the next such weekday
    dst_gap            the wall time does not exist that night; `due` moved forward by the gap
    ambiguous_time     the wall time exists twice (autumn fold); alternatives are both instants
    ambiguous_day      two days fit: "tomorrow 10:00" typed at 00:30, "tuesday 15:00" typed on
                       a Tuesday morning; `due` is the later one, alternatives are both
    ambiguous_client   several clients fit; see `Interpretation.candidates`
    unknown_client     a company-looking name that is not one of the user's clients; see
                       `Interpretation.client_text` and `Interpretation.proposed_name`
    unread_time        a part of the message that looks like a time or a date ("10.30",
                       "tonight", "early next month", "3ish" in an unknown place) was not used
                       by the reading; `Problem.text` holds it, `alternatives` the reading
                       as it stands and what the span may mean. Never a silent guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.names import ClientRef

PROBLEM_CODES = (
    "no_date",
    "past",
    "impossible_date",
    "bad_time",
    "negative_offset",
    "time_not_honoured",
    "day_mismatch",
    "dst_gap",
    "ambiguous_time",
    "ambiguous_day",
    "ambiguous_client",
    "unknown_client",
    "unread_time",
)

KINDS = ("call", "meeting", "payment", "renewal", "follow_up", "custom")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the bot must ask about before saving; `alternatives` become buttons."""

    code: str
    alternatives: tuple[datetime, ...] = ()
    text: str | None = None  # the words the problem is about ("10.30" for unread_time)


@dataclass(frozen=True, slots=True)
class RelativeOffset:
    """A moment relative to a date the bot knows and the text did not give.

    "30 days before the contract end" is `RelativeOffset("contract_end", -30)`; the anchor is
    one of "contract_end", "renewal", "invoice_due" or "date" (the date in the same message,
    already applied to `due`).
    """

    anchor: str
    days: int


@dataclass(frozen=True, slots=True)
class Interpretation:
    """The parser's reading of one message.

    `due` is aware and in the user's zone, truncated to the minute; for a recurrence it is
    the first occurrence and `rrule` holds the RFC 5545 RRULE value (store `due` as the
    rule's dtstart). `date_text` is the span read as the date and time expression,
    `client_text` the span read as a client name (also when no client matched it), and
    `proposed_name` that name without the case ending a sentence gave it ("a Minta Bt-t" ->
    "Minta Bt", "Ромашке" -> "Ромашка"): what to offer when creating the client.
    `typed_zone` is the time as typed in another zone ("16:00 CET", "10:00 по Лондону");
    `due` is already converted to the user's zone.
    """

    due: datetime | None
    rrule: str | None = None
    offset: RelativeOffset | None = None
    client: ClientRef | None = None
    candidates: tuple[ClientRef, ...] = ()
    client_text: str | None = None
    kind: str = "custom"
    task: str = ""
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    date_text: str | None = None
    proposed_name: str | None = None
    typed_zone: str | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(problem.code for problem in self.problems)

    def problem(self, code: str) -> Problem | None:
        return next((p for p in self.problems if p.code == code), None)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (what `python -m bot.nlu` prints): ISO times to the minute,
        problems as codes, alternatives per code."""
        return {
            "due": _iso(self.due),
            "recurrence": self.rrule,
            "offset": {"anchor": self.offset.anchor, "days": self.offset.days}
            if self.offset
            else None,
            "client": _ref(self.client),
            "candidates": [_ref(c) for c in self.candidates],
            "client_text": self.client_text,
            "kind": self.kind,
            "task": self.task,
            "date_text": self.date_text,
            "proposed_name": self.proposed_name,
            "typed_zone": self.typed_zone,
            "unread": [p.text for p in self.problems if p.code == "unread_time"],
            "problems": list(self.codes),
            "alternatives": {
                p.code: [_iso(a) for a in p.alternatives] for p in self.problems if p.alternatives
            },
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="minutes") if moment else None


def _ref(client: ClientRef | None) -> dict[str, Any] | None:
    return {"id": client.id, "name": client.name} if client else None
