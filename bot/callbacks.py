"""Callback data: every kind of button the bot sends, as a typed, validated format.

Callback data is `<prefix>:<action>:<field>...`, at most 64 bytes (Telegram's limit). It
comes back from the client, and a modified client can send anything for a message that has
an inline keyboard, so it is untrusted input: `parse` accepts only the shapes declared in
`SPECS` (known prefix and action, the right number of fields, ids as plain ASCII digits in
1..2**63-1 (SQLite's and PostgreSQL's bigint range), numbers in their range, known enum
values) and returns None for anything else. The application refuses a press that does not
parse before any handler sees it, so a handler may trust the shape; whether the user may
act on the object is checked by the service.

The wire strings never change (`cl:open:42`, `rem:done:7`, ...): buttons already sent
keep working after an upgrade.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.config import LANGUAGES
from bot.reminders.service import SNOOZE_HOUR, SNOOZE_OTHER, SNOOZE_TOMORROW, SNOOZE_WEEK
from bot.services.clients import SEGMENTS, STATUSES
from bot.services.records import KINDS as LOG_KINDS
from bot.services.settings import COMMON_TIMEZONES

SETTINGS = "set"  # set:menu | set:lang | set:tz | set:tzother | set:hour (+ value)
CLIENT = "cl"  # client list, card and its buttons
FOLLOW_UP = "fu"  # natural-language follow-up confirmation (Save / Change time / ...)
REMINDER = "rem"  # buttons under a delivered reminder and in the agenda lists
TEAM = "team"  # team group: handoffs, "Take it", absences
REPORT = "rep"  # /report periods and filters
DATE = "dt"  # dt:pick:<choice id>:<index>: a date offered instead of an impossible or past one
CONTRACT = "ct"  # ct:ren|rdef|not|lost:<contract id>: Renewed / Not renewing / client lost

MAX_BYTES = 64
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")

# Enumerations the buttons carry; the services own the meaning, these the wire values.
TEXT_FIELDS = (
    "name",
    "company",
    "contact_person",
    "phone",
    "email",
    "renewal_date",
    "payment_terms_days",
    "cadence_days",
    "notes",
    "tags",
)
CHOICE_FIELDS: dict[str, tuple[str, ...]] = {
    "segment": SEGMENTS,
    "status": STATUSES,
    "key_account": ("1", "0"),
}
SNOOZES = (SNOOZE_HOUR, SNOOZE_TOMORROW, SNOOZE_WEEK, SNOOZE_OTHER)
LIST_DAYS = (2, 7)  # /agenda and /week
TAKE_KINDS = ("r", "i", "c")  # reminder, invoice, contract
AWAY_REASONS = ("vacation", "sick", "trip", "-")
PERIODS = ("w", "m", "q")


# -- fields ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """One typed field: `read` turns the wire text into its value, or None when invalid."""

    name: str
    read: Callable[[str], Any]
    samples: tuple[str, ...]  # valid wire values, for tests and documentation


def _number(text: str, low: int, high: int) -> int | None:
    if not _DIGITS.fullmatch(text):  # str.isdigit() would accept "²" and "٣"
        return None
    value = int(text)
    return value if low <= value <= high else None


def ident(name: str = "id") -> Field:
    """A database id: 1..2**63-1, plain ASCII digits."""
    return Field(name, lambda text: _number(text, 1, MAX_ID), ("42",))


def number(name: str, low: int, high: int) -> Field:
    return Field(name, lambda text: _number(text, low, high), (str(low),))


def choice(name: str, values: tuple[Any, ...]) -> Field:
    wire = {str(value): value for value in values}
    return Field(name, wire.get, tuple(wire))


def text(name: str, regex: str, example: str) -> Field:
    compiled = re.compile(regex)
    return Field(name, lambda value: value if compiled.fullmatch(value) else None, (example,))


def person(name: str) -> Field:
    """A user id, or 0 for "nobody in particular" (the default deputy, the whole team)."""
    return Field(name, lambda value: _number(value, 0, MAX_ID), ("0", "42"))


VERSION = number("version", 0, MAX_ID)
PAGE = number("page", 0, 100_000)
DRAFT_KEY = ident("key")  # a follow-up draft's row id (drafts table)
_ZONE = r"[A-Za-z][A-Za-z0-9_+-]{0,30}(/[A-Za-z0-9_+-]{1,30}){0,2}"
_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


# -- specs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Spec:
    """One kind of button: `<prefix>:<action>` then `fields`; `check` sees the values
    together (e.g. a choice that belongs to its field)."""

    prefix: str
    action: str
    fields: tuple[Field, ...] = ()
    check: Callable[[tuple[Any, ...]], bool] | None = None

    def read(self, args: list[str]) -> tuple[Any, ...] | None:
        if len(args) != len(self.fields):
            return None
        values = tuple(field.read(arg) for field, arg in zip(self.fields, args, strict=True))
        if any(value is None for value in values):
            return None
        if self.check is not None and not self.check(values):
            return None
        return values

    def examples(self) -> list[str]:
        """Every valid combination of the fields' samples (ids as 42)."""
        combos = itertools.product(*(field.samples for field in self.fields))
        return [
            data(self.prefix, self.action, *combo)
            for combo in combos
            if self.read(list(combo)) is not None
        ]


def _spec(prefix: str, action: str, *fields: Field, check=None) -> Spec:
    return Spec(prefix, action, fields, check)


def _choice_of_field(values: tuple[Any, ...]) -> bool:
    return values[-1] in CHOICE_FIELDS[values[-2]]


SPECS: tuple[Spec, ...] = (
    # /settings
    _spec(SETTINGS, "menu"),
    _spec(SETTINGS, "menu", choice("section", ("lang", "tz", "hour", "digest"))),
    _spec(SETTINGS, "lang", choice("language", LANGUAGES)),
    _spec(SETTINGS, "tz", text("zone", _ZONE, "Europe/Amsterdam")),
    _spec(SETTINGS, "tzother"),
    _spec(SETTINGS, "hour", number("hour", 0, 23)),
    _spec(SETTINGS, "digest", number("minute", 0, 24 * 60 - 1)),
    _spec(SETTINGS, "digest", choice("minute", ("off",))),
    _spec(SETTINGS, "digestother"),
    # client cards, lists and records
    *(_spec(CLIENT, action, ident()) for action in ("open", "card", "pick", "inv", "rem")),
    *(_spec(CLIENT, action, ident()) for action in ("paid", "res", "fgt", "addc", "addinv")),
    # a client's contacts (client id for the list; contact id to edit, delete, confirm)
    *(_spec(CLIENT, action, ident()) for action in ("cts", "ce", "cd", "cdy")),
    _spec(CLIENT, "dup", choice("answer", ("yes",))),
    _spec(
        CLIENT,
        "list",
        choice("scope", ("mine", "all")),
        choice("segment", ("-", *SEGMENTS)),
        number("days", 0, 3650),
        PAGE,
    ),
    *(_spec(CLIENT, action, ident(), VERSION) for action in ("edit", "arch", "unarch", "own")),
    _spec(CLIENT, "em", ident(), VERSION, choice("field", tuple(CHOICE_FIELDS))),
    _spec(CLIENT, "ef", ident(), VERSION, choice("field", TEXT_FIELDS)),
    _spec(
        CLIENT,
        "ev",
        ident(),
        VERSION,
        choice("field", tuple(CHOICE_FIELDS)),
        choice("value", tuple(dict.fromkeys(v for vs in CHOICE_FIELDS.values() for v in vs))),
        check=_choice_of_field,
    ),
    _spec(CLIENT, "ownto", ident(), VERSION, ident("owner")),
    _spec(CLIENT, "hist", ident(), PAGE),
    _spec(CLIENT, "log", ident(), choice("kind", LOG_KINDS)),
    _spec(CLIENT, "nc", choice("step", ("skip",))),
    _spec(
        CLIENT,
        "nc",
        choice("step", ("set",)),
        choice("value", (*SEGMENTS, "1", "0")),
    ),
    _spec(CLIENT, "nc", choice("step", ("set",)), text("day", _DAY, "2027-04-30")),
    # follow-up confirmation cards and forwards
    *(_spec(FOLLOW_UP, action, DRAFT_KEY) for action in ("x", "t", "c", "n", "w", "nc", "ncy")),
    _spec(FOLLOW_UP, "s", DRAFT_KEY, VERSION),  # Save names the version it shows
    _spec(FOLLOW_UP, "fs", DRAFT_KEY),
    _spec(FOLLOW_UP, "a", DRAFT_KEY, number("index", 0, 20)),
    _spec(FOLLOW_UP, "p", DRAFT_KEY, ident("client")),
    _spec(FOLLOW_UP, "fl", DRAFT_KEY, ident("client")),
    # reminders
    _spec(REMINDER, "done", ident()),
    _spec(REMINDER, "sn", ident(), choice("option", SNOOZES)),
    _spec(REMINDER, "log", ident()),
    _spec(REMINDER, "ld", ident(), choice("days", LIST_DAYS)),
    _spec(REMINDER, "lh", ident(), choice("days", LIST_DAYS)),
    # the team
    _spec(TEAM, "take", choice("kind", TAKE_KINDS), ident()),
    _spec(TEAM, "taken", choice("kind", TAKE_KINDS), ident()),
    _spec(TEAM, "mv", ident("source"), ident("target")),
    _spec(TEAM, "mv", choice("answer", ("no",))),
    _spec(TEAM, "unaway", ident()),
    _spec(TEAM, "away", choice("step", ("start", "end")), text("day", _DAY, "2026-12-01")),
    _spec(TEAM, "away", choice("step", ("dep",)), person("deputy")),
    _spec(TEAM, "away", choice("step", ("why",)), choice("reason", AWAY_REASONS)),
    # the team group's own settings: language, zone (index into COMMON_TIMEZONES), amounts
    _spec(TEAM, "gs", choice("setting", ("l",)), choice("language", LANGUAGES)),
    _spec(TEAM, "gs", choice("setting", ("z",)), number("zone", 0, len(COMMON_TIMEZONES) - 1)),
    _spec(TEAM, "gs", choice("setting", ("a",)), choice("show", ("0", "1"))),
    # renewals: under a renewal reminder, or beside a /renewals item ("l": the list)
    *(_spec(CONTRACT, action, ident()) for action in ("ren", "not", "rdef", "lost")),
    *(_spec(CONTRACT, action, ident(), choice("where", ("l",))) for action in ("ren", "not")),
    # /report
    _spec(REPORT, "p", choice("period", PERIODS), person("manager")),
    _spec(REPORT, "pick"),
    _spec(REPORT, "for", person("manager")),
    # a date offered instead of an impossible or past one (handlers/datechoice.py)
    _spec(DATE, "pick", ident("choice"), number("index", 0, 3)),
)
_BY_HEAD: dict[tuple[str, str], list[Spec]] = {}
for _one in SPECS:
    _BY_HEAD.setdefault((_one.prefix, _one.action), []).append(_one)


@dataclass(frozen=True, slots=True)
class Press:
    """A parsed button: its spec and the typed values, also reachable by field name."""

    spec: Spec
    values: tuple[Any, ...]

    def __getitem__(self, name: str) -> Any:
        for field, value in zip(self.spec.fields, self.values, strict=True):
            if field.name == name:
                return value
        raise KeyError(name)


def parse(value: str | None) -> Press | None:
    """The press `value` encodes, or None when it is not exactly one of `SPECS`."""
    if not value or len(value.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None
    prefix, _, rest = value.partition(":")
    action, *args = rest.split(":")
    for spec in _BY_HEAD.get((prefix, action), ()):
        values = spec.read(args)
        if values is not None:
            return Press(spec, values)
    return None


def is_invalid(value: object) -> bool:
    """For CallbackQueryHandler's pattern: true for data that does not parse."""
    return not isinstance(value, str) or parse(value) is None


def fields(value: str | None) -> tuple[Any, ...]:
    """The typed values of a press the application already accepted (see `parse`)."""
    press = parse(value)
    if press is None:
        raise ValueError("callback data was not validated")
    return press.values


# -- building ----------------------------------------------------------------------------


def data(prefix: str, *parts: object) -> str:
    """A button's callback data; ValueError for one that `parse` would refuse (over 64
    bytes, or a shape missing from SPECS): a new button must declare its spec first."""
    value = ":".join([prefix, *(str(part) for part in parts)])
    if len(value.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {value!r}")
    if parse(value) is None:
        raise ValueError(f"callback data without a spec in bot.callbacks.SPECS: {value!r}")
    return value


def parts(value: str | None, prefix: str) -> list[str]:
    """The arguments after `prefix:`; [] when the data belongs to another prefix."""
    if not value or not value.startswith(prefix + ":"):
        return []
    return value.split(":")[1:]


def pattern(prefix: str, *first: str) -> str:
    """Regex for CallbackQueryHandler: the prefix and optionally its first argument."""
    head = prefix + (":" + first[0] if first else "")
    return f"^{head}(:|$)"
