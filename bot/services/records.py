"""Interactions, invoices and contracts of a client: the day-to-day record.

Writes need the same right as editing the client (admin or the owning manager); reads are
open to every registered user, like the client card.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.errors import InvalidInput, NotFound
from bot.money import currency_code, parse_amount
from bot.services.clients import ClientsService, clean_text
from bot.services.dates import DateReader
from storage import interactions, invoices
from storage.db import Database
from storage.interactions import Interaction
from storage.invoices import Invoice
from storage.users import User

KINDS = ("call", "meeting", "email", "message", "note", "complaint")
HISTORY_PAGE = 5


@dataclass(frozen=True, slots=True)
class Details:
    """The optional parts of an interaction besides its text."""

    outcome: str | None = None
    decisions: str | None = None
    next_step: str | None = None
    place: str | None = None


class RecordsService:
    def __init__(
        self, db: Database, clock: Clock, clients: ClientsService, dates: DateReader | None = None
    ) -> None:
        self._db = db
        self._clock = clock
        self._clients = clients
        self._dates = dates or DateReader(clock)

    async def log(
        self,
        user: User,
        client_id: int,
        kind: str,
        summary: str,
        details: Details | None = None,
        happened_at: int | None = None,
    ) -> Interaction:
        """Record what happened (now, or at `happened_at`, never later than now); a
        complaint starts open."""
        if kind not in KINDS:
            raise InvalidInput()
        await self._clients.writable(user, client_id)
        details = details or Details()
        text = clean_text(summary)
        now = self._clock.timestamp()
        if happened_at is not None and happened_at > now:
            raise InvalidInput("log.future")
        async with self._db.transaction() as tx:
            interaction_id = await interactions.insert(
                tx,
                client_id=client_id,
                user_id=user.id,
                kind=kind,
                happened_at=now if happened_at is None else happened_at,
                summary=text,
                now=now,
                outcome=_optional(details.outcome),
                decisions=_optional(details.decisions),
                next_step=_optional(details.next_step),
                place=_optional(details.place),
                complaint_status="open" if kind == "complaint" else None,
            )
        found = await interactions.get(self._db, interaction_id)
        assert found is not None
        return found

    async def interaction(self, interaction_id: int) -> Interaction:
        found = await interactions.get(self._db, interaction_id)
        if found is None:
            raise NotFound()
        return found

    async def history(self, client_id: int, page: int) -> tuple[list[Interaction], bool]:
        """A page of interactions, newest first, and whether an older page exists."""
        rows = await interactions.for_client(
            self._db, client_id, limit=HISTORY_PAGE + 1, offset=max(page, 0) * HISTORY_PAGE
        )
        return rows[:HISTORY_PAGE], len(rows) > HISTORY_PAGE

    async def resolve(self, user: User, interaction_id: int) -> None:
        found = await interactions.get(self._db, interaction_id)
        if found is None:
            raise NotFound()
        await self._clients.writable(user, found.client_id)
        async with self._db.transaction() as tx:
            await interactions.resolve_complaint(tx, interaction_id)

    async def open_complaints(self, user: User) -> list[tuple[int, int, str, int, str]]:
        """Managers: their clients' open complaints; admins and viewers: the team's."""
        owner = user.id if user.role == "manager" else None
        return await interactions.open_complaints(self._db, owner)

    async def add_invoice(
        self,
        user: User,
        client_id: int,
        amount: str,
        currency: str,
        due: str,
        number: str | None = None,
    ) -> Invoice:
        """Validate every part before writing anything."""
        code = currency_code(currency)
        minor = parse_amount(amount, code, user.language)
        due_on = self._dates.read(user, due, day=True, past_ok=True).day.isoformat()
        number = clean_text(number, 40) if number is not None else None
        await self._clients.writable(user, client_id)
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            invoice_id = await invoices.insert(
                tx,
                client_id=client_id,
                amount_minor=minor,
                currency=code,
                due_on=due_on,
                user_id=user.id,
                now=now,
                number=number,
                issued_on=self._clients.today(user).isoformat(),
            )
        found = await invoices.get(self._db, invoice_id)
        assert found is not None
        return found

    async def mark_paid(self, user: User, invoice_id: int) -> Invoice:
        found = await invoices.get(self._db, invoice_id)
        if found is None:
            raise NotFound()
        if found.assignee_id != user.id or not user.can_write:  # a taker may close it
            await self._clients.writable(user, found.client_id)
        async with self._db.transaction() as tx:
            await invoices.mark_paid(tx, invoice_id, self._clock.timestamp())
        paid = await invoices.get(self._db, invoice_id)
        assert paid is not None
        return paid

    async def open_invoices(self, client_id: int) -> list[Invoice]:
        return await invoices.open_for_client(self._db, client_id)

    async def overdue(self, user: User) -> list[Invoice]:
        """Managers see their own clients' overdue invoices; admins and viewers the team's."""
        owner = user.id if user.role == "manager" else None
        return await invoices.overdue(self._db, self._clients.today(user).isoformat(), owner)


def _optional(text: str | None) -> str | None:
    return clean_text(text, 2000) if text and text.strip() else None


# "outcome: ...", "next: ..." lines in a logged text, in any of the four languages.
DETAIL_WORDS = {
    "outcome": "outcome", "result": "outcome", "итог": "outcome", "результат": "outcome",
    "resultaat": "outcome", "uitkomst": "outcome", "eredmény": "outcome",
    "decisions": "decisions", "decision": "decisions", "решения": "decisions",
    "решение": "decisions", "besluiten": "decisions", "besluit": "decisions",
    "döntések": "decisions", "döntés": "decisions",
    "next": "next_step", "next step": "next_step", "дальше": "next_step",
    "следующий шаг": "next_step", "volgende stap": "next_step", "következő lépés": "next_step",
    "place": "place", "where": "place", "место": "place", "где": "place", "plaats": "place",
    "waar": "place", "helyszín": "place", "hol": "place",
}  # fmt: skip


def parse_details(text: str) -> tuple[str, Details]:
    """Split "Talked about X\\noutcome: agreed\\nnext: send offer" into text and details."""
    found: dict[str, str] = {}
    kept = []
    for line in text.split("\n"):
        head, sep, value = line.partition(":")
        field = DETAIL_WORDS.get(head.strip().casefold()) if sep else None
        if field and value.strip() and field not in found:
            found[field] = value.strip()
        else:
            kept.append(line)
    return "\n".join(kept).strip(), Details(**found)


KIND_WORDS = {
    **dict.fromkeys("call звонок bellen gesprek telefoon hívás telefon".split(), "call"),
    **dict.fromkeys(
        "meeting встреча afspraak vergadering találkozó megbeszélés".split(), "meeting"
    ),
    **dict.fromkeys("email e-mail mail письмо почта levél".split(), "email"),
    **dict.fromkeys("message сообщение bericht üzenet".split(), "message"),
    **dict.fromkeys("note заметка notitie jegyzet".split(), "note"),
    **dict.fromkeys("complaint жалоба klacht panasz".split(), "complaint"),
}


def split_kind(text: str) -> tuple[str, str]:
    """("call", rest) when the text starts with a kind word; ("note", text) otherwise."""
    first, _, rest = text.strip().partition(" ")
    kind = KIND_WORDS.get(first.casefold().rstrip(":"))
    return (kind, rest.strip()) if kind else ("note", text.strip())
