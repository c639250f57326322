"""What can happen to one sendMessage, as plain values the dispatcher acts on.

The sender adapter (bot.reminders.telegram) is the one place that knows telegram.error; it
maps each exception to one of these, so the dispatcher's rules are testable without PTB:

Outcome
├── Sent          .message_id
├── RetryLater    .seconds   flood control; wait and retry, not a failure
├── Blocked       .error     the user blocked the bot / the bot was kicked
├── BadEntities   .error     HTML the server refused; resend as plain text
├── Rejected      .error     any other 400: permanent
├── Migrated      .chat_id   group became a supergroup; move stored ids and resend
├── TimedOut      .error     no answer in time: it may have been delivered
└── NetworkDown   .error     no connection; back off
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from storage.reminders import Reminder
    from storage.users import User

Buttons = list[list[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class Sent:
    message_id: int


@dataclass(frozen=True, slots=True)
class RetryLater:
    seconds: float


@dataclass(frozen=True, slots=True)
class Blocked:
    error: str


@dataclass(frozen=True, slots=True)
class BadEntities:
    error: str


@dataclass(frozen=True, slots=True)
class Rejected:
    error: str


@dataclass(frozen=True, slots=True)
class Migrated:
    chat_id: int


@dataclass(frozen=True, slots=True)
class TimedOut:
    error: str


@dataclass(frozen=True, slots=True)
class NetworkDown:
    error: str


Outcome = Sent | RetryLater | Blocked | BadEntities | Rejected | Migrated | TimedOut | NetworkDown


class Sender(Protocol):
    async def send(
        self, chat_id: int, text: str, buttons: Buttons | None = None, *, html: bool = True
    ) -> Outcome: ...


class Timer(Protocol):
    """The scheduler seam: one re-armable wake-up and one periodic sweep."""

    def arm(self, delay: float) -> None: ...

    def start_sweep(self, interval: float) -> None: ...

    def stop(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Route:
    """Where one reminder goes now, and in whose language and zone it is written."""

    chat_id: int
    reader: User  # may act on it (delivered_to); its language and zone render it
    on_behalf_of: User | None = None  # the owner, when a deputy or the team group gets it


class Router(Protocol):
    """Absences and "Take it" decide the recipient; without a router it is the owner."""

    async def route(self, reminder: Reminder, owner: User) -> Route: ...
