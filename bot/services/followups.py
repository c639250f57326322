"""Follow-ups typed in plain words: interpret, let the user fix the reading, then save.

One `FollowUpParser` is built at start-up (loading dateparser's data takes ~0.4 s), so the
first message a user types is read as fast as the others. A `Draft` is the parser's reading
plus what the user chose since (an alternative time, another client); it can be saved only
when no problem is left: the bot never schedules silently.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.errors import InvalidInput, NotAllowed
from bot.names import ClientIndex, ClientRef, name_key
from bot.nlu import FollowUpParser, Interpretation, Problem, RelativeOffset
from bot.reminders.service import ReminderService
from bot.services.clients import ClientsService
from bot.services.contracts import ContractsService
from bot.services.dates import shared_parser
from bot.services.records import RecordsService
from storage.contracts import Contract
from storage.db import Tx
from storage.interactions import Interaction
from storage.reminders import Reminder
from storage.users import User

CLIENT_PROBLEMS = ("ambiguous_client", "unknown_client")
# A Hungarian case ending written after a hyphen ("a Minta Bt-t", "a Kovács Kft-vel"): not
# part of a name proposed for creation. (The parser strips more endings, in more languages.)
_CASE_ENDING = re.compile(
    r"-(?:t|ot|et|öt|at|nak|nek|val|vel|tól|től|hoz|hez|höz|ról|ről|ra|re|ba|be|ban|ben)$"
)
# Problems of "N days before the contract end": no client named yet, or one without a contract.
OFFSET_PROBLEMS = ("needs_client", "no_contract")
CONTRACT_WORDS = re.compile(
    r"contract|renew|договор|контракт|продлен|verleng|szerz[oő]d|meg[uú]j[ií]t", re.IGNORECASE
)
FORWARD_KIND = "call"  # "let's talk again next Thursday" in a forward: a call on Thursday
MAX_CHOICES = 5


@dataclass(frozen=True, slots=True)
class Draft:
    """A follow-up being confirmed. `due` is aware, in the user's zone."""

    text: str
    due: datetime | None
    rrule: str | None
    kind: str
    task: str
    client: ClientRef | None = None
    candidates: tuple[ClientRef, ...] = ()
    client_text: str | None = None
    problems: tuple[Problem, ...] = ()
    offset: RelativeOffset | None = None
    # 'YYYY-MM-DD' when set: Save sets the contract's end and reminder offset (text, so the
    # draft stays plain data)
    contract_end: str | None = None
    remind_days: int | None = None
    typed_zone: str | None = None  # "16:00 CET" when the time was typed in another zone
    created: str | None = None  # the client created from this card (Cancel says it stays)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(problem.code for problem in self.problems)

    @property
    def time_problems(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.code not in CLIENT_PROBLEMS + OFFSET_PROBLEMS)

    @property
    def ready(self) -> bool:
        return not self.problems and self.due is not None

    @property
    def is_clearly_follow_up(self) -> bool:
        """A date plus a known client or an action word ("call", "встреча"...): a new
        follow-up, not a mistyped answer to an open question ("12,5O EUR due 15 Dec" after
        "Add invoice" has a date but is the invoice, typed wrong)."""
        has_date = self.due is not None or any(p.code != "no_date" for p in self.time_problems)
        action = self.kind not in ("custom", "follow_up")
        return has_date and (action or self.client is not None or bool(self.candidates))

    @property
    def looks_like_follow_up(self) -> bool:
        """False for chatter: no date, no client (known or not) and no kind word."""
        return (
            self.due is not None
            or self.client is not None
            or bool(self.candidates)
            or bool(self.client_text)
            or self.kind != "custom"
            or self.offset is not None
        )


class FollowUpService:
    def __init__(
        self,
        clock: Clock,
        clients: ClientsService,
        records: RecordsService,
        reminders: ReminderService,
        parser: FollowUpParser | None = None,
        contracts: ContractsService | None = None,
    ) -> None:
        self._clock = clock
        self._clients = clients
        self._records = records
        self._reminders = reminders
        self._parser = parser
        self._contracts = contracts

    @property
    def parser(self) -> FollowUpParser:
        if self._parser is None:
            self._parser = shared_parser()
        return self._parser

    async def warm_up(self) -> None:
        """Build the parser (~0.3 s: dateparser data for all four languages) in a thread
        right after start-up, so reminders are delivered at once and the first typed
        follow-up is still read fast."""
        if self._parser is None:
            self._parser = await asyncio.to_thread(shared_parser)

    async def interpret(self, user: User, text: str) -> Draft:
        """The parser's reading of `text` typed now by `user`, with the user's clients."""
        if not user.can_write:
            raise NotAllowed("followup.viewer")
        text = (text or "").strip()
        if not text:
            raise InvalidInput("followup.empty")
        index = await self._clients.index()  # cached; rebuilt only when a name changed
        reading = self._parse(user, text[:1000], index)
        if "unknown_client" in reading.codes and reading.client_text:
            reading = await self._look_up(reading)
        draft = Draft(
            text=text,
            due=reading.due,
            rrule=reading.rrule,
            kind=reading.kind,
            task=reading.task,
            client=reading.client,
            candidates=reading.candidates[:MAX_CHOICES],
            client_text=reading.proposed_name or reading.client_text,
            problems=reading.problems,
            offset=reading.offset,
            typed_zone=reading.typed_zone,
        )
        return await self.anchored(user, draft)

    async def anchored(self, user: User, draft: Draft) -> Draft:
        """Apply "N days before" to the contract: "Acme contract ends 1 March, remind me 30
        days before" (the end is the date typed) or "30 days before the contract end" (the
        end is the client's open contract's). Run again when the client changes."""
        offset = draft.offset
        if offset is None or self._contracts is None:
            return draft
        about_contract = draft.kind == "renewal" or bool(CONTRACT_WORDS.search(draft.text))
        if offset.anchor == "date" and not (about_contract and draft.due is not None):
            return draft
        if offset.anchor not in ("date", "contract_end", "renewal"):
            return draft
        days = -offset.days
        kept = tuple(p for p in draft.problems if p.code not in OFFSET_PROBLEMS)
        if draft.client is None:
            if any(p.code in CLIENT_PROBLEMS for p in kept):
                return replace(draft, problems=kept)
            return replace(draft, problems=(*kept, Problem("needs_client")))
        if offset.anchor == "date":
            assert draft.due is not None
            end, due = (draft.due + timedelta(days=days)).date(), draft.due
        else:
            contract = await self._contracts.of_client(draft.client.id)
            if contract is None:
                return replace(draft, due=None, problems=(*kept, Problem("no_contract")))
            end = contract.end_on
            minute = user.working_minute
            due = datetime.combine(
                end - timedelta(days=days),
                time(minute // 60, minute % 60),
                tzinfo=ZoneInfo(user.timezone),
            )
            if draft.kind in ("call", "meeting"):  # a call N days before the end: a reminder
                return replace(draft, due=due, problems=kept)
        return replace(
            draft,
            due=due,
            kind="renewal",
            contract_end=end.isoformat(),
            remind_days=days,
            problems=kept,
        )

    async def _look_up(self, reading: Interpretation) -> Interpretation:
        """A name the parser did not match ("Logistik") looked up as /client does: one
        client is taken, several are asked about, none stays "unknown"."""
        name = _CASE_ENDING.sub("", reading.client_text or "")
        reading = replace(reading, client_text=name)
        # /client may show a loosely similar card; a follow-up must not silently take one
        # ("Minta Bt" is not "Jansen Installatietechniek BV"): every typed word must begin a
        # word of the client's name, else the name stays unknown and the card asks.
        found = [ref for ref in await self._clients.lookup(name) if _names_words_of(name, ref)]
        if not found:
            return reading
        others = tuple(p for p in reading.problems if p.code != "unknown_client")
        if len(found) == 1:
            return replace(reading, client=found[0], problems=others)
        return replace(
            reading,
            candidates=tuple(found),
            problems=(*others, Problem("ambiguous_client")),
        )

    def _parse(self, user: User, text: str, clients: ClientIndex | tuple[()]) -> Interpretation:
        """The parser with the user's language, zone and working hour, at the clock's now."""
        return self.parser.parse(
            text,
            lang=user.language,
            tz=user.timezone,
            now=self._clock.now(),
            working_minute=user.working_minute,
            clients=clients,
        )

    async def for_client(self, user: User, client: ClientRef, text: str) -> Draft:
        """The card's "Remind": what and when typed for a client already chosen."""
        return await self.anchored(user, self.with_client(await self.interpret(user, text), client))

    def with_task(self, draft: Draft, text: str) -> Draft:
        """The user said what to do (the card's Remind asks when only a date was typed)."""
        task = " ".join((text or "").split())[:1000]
        if not task:
            raise InvalidInput("followup.empty")
        return replace(draft, task=task)

    async def retime(self, user: User, draft: Draft, text: str) -> Draft:
        """`text` read as the new time of `draft` (same parser); the client stays."""
        reading = self._parse(user, (text or "").strip()[:200], ())
        kept = tuple(p for p in draft.problems if p.code in CLIENT_PROBLEMS)
        return replace(  # a time typed now is a plain reminder, not the contract's offset
            draft,
            due=reading.due,
            rrule=reading.rrule,
            problems=reading.problems + kept,
            offset=None,
            contract_end=None,
            remind_days=None,
        )

    def at(self, user: User, draft: Draft, moment: datetime | None) -> Draft:
        """The user chose a time (an alternative, or now when `moment` is None)."""
        zone = ZoneInfo(user.timezone)
        chosen = (moment or self._clock.now()).astimezone(zone).replace(second=0, microsecond=0)
        if moment is None or chosen.timestamp() < self._clock.timestamp():
            chosen = self._clock.now().astimezone(zone)
        kept = tuple(p for p in draft.problems if p.code in CLIENT_PROBLEMS)
        return replace(draft, due=chosen, problems=kept)

    def with_client(self, draft: Draft, client: ClientRef | None) -> Draft:
        """The user chose a client (or none): the client questions are answered."""
        return replace(draft, client=client, candidates=(), problems=draft.time_problems)

    async def client_choices(self, draft: Draft, typed: str | None = None) -> list[ClientRef]:
        """Closest clients to what was typed (or the draft's client text / candidates)."""
        query = (typed or draft.client_text or "").strip()
        if not query:
            return list(draft.candidates)
        index = await self._clients.index()
        found = [ref for ref, _ in index.match(query, limit=MAX_CHOICES)]
        return found or list(draft.candidates)

    async def create_client(self, user: User, draft: Draft, name: str | None = None) -> Draft:
        """ "Create client X": X is the name the user confirmed or typed (by default the
        name as read from the message)."""
        name = (name or draft.client_text or "").strip()
        if not name:
            raise InvalidInput("followup.no_client_name")
        client = await self._clients.create(user, name)
        return self.with_client(draft, ClientRef(client.id, client.name))

    async def save_contract(
        self,
        user: User,
        draft: Draft,
        also: Callable[[Tx, int], Awaitable[None]] | None = None,
    ) -> Contract:
        """A draft about the contract end: the contract gets the end and reminder offset,
        and the reminder engine's sync generates the renewal reminder from them; `also`
        commits with it (the stored draft closed)."""
        if not draft.ready or draft.client is None or draft.remind_days is None:
            raise InvalidInput("followup.unresolved")
        assert self._contracts is not None
        return await self._contracts.remind_before_end(
            user,
            draft.client.id,
            date.fromisoformat(draft.contract_end) if draft.contract_end else None,
            draft.remind_days,
            also,
        )

    async def save(
        self,
        user: User,
        draft: Draft,
        also: Callable[[Tx, int], Awaitable[None]] | None = None,
    ) -> Reminder:
        """The reminder row (the reminder engine delivers it). Only an unproblematic draft;
        `also` commits with it (the stored draft closed, so it saves once)."""
        if not user.can_write:
            raise NotAllowed("followup.viewer")
        if not draft.ready:
            raise InvalidInput("followup.unresolved")
        assert draft.due is not None
        return await self._reminders.create(
            user,
            text=draft.task or draft.text,
            due_at=int(draft.due.timestamp()),
            kind=draft.kind,
            client_id=draft.client.id if draft.client else None,
            rrule=draft.rrule,
            created_by=user.id,
            also=also,
        )

    # -- forwarded messages --------------------------------------------------------------

    async def forward_clients(self, user: User, sender: str | None, text: str) -> list[ClientRef]:
        """Clients a forwarded message may belong to, best first: the sender's name, then
        client names mentioned in the text."""
        index = await self._clients.index()
        found: list[ClientRef] = []
        if sender:
            found += [ref for ref, score in index.match(sender, limit=MAX_CHOICES) if score >= 85]
        for mention in index.find_in((text or "").lower(), user.language):
            found += mention.clients
        return list(dict.fromkeys(found))[:MAX_CHOICES]

    async def log_forward(self, user: User, client_id: int, text: str) -> Interaction:
        """The forwarded text as an interaction of kind message with `client_id`."""
        return await self._records.log(user, client_id, "message", text)

    async def propose(self, user: User, text: str, client: ClientRef | None) -> Draft | None:
        """A follow-up proposed from a date or request in a forwarded text, or None."""
        draft = await self.interpret(user, text)
        if draft.due is None and not draft.time_problems:
            return None
        if "no_date" in draft.codes:
            return None
        kind = FORWARD_KIND if draft.kind in ("custom", "follow_up") else draft.kind
        base = replace(draft, kind=kind)
        return self.with_client(base, client) if client is not None else base


def _names_words_of(typed: str, ref: ClientRef) -> bool:
    """True when each word of `typed` begins a word of the client's name ("Logistik" of
    "Schneider Logistik GmbH"), legal forms and case aside."""
    words = name_key(ref.name).split()
    wanted = name_key(typed).split()
    return bool(wanted) and all(any(w.startswith(t) for w in words) for t in wanted)
