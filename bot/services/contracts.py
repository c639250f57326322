"""Contracts and their renewal: the loop from a renewal date to "Renewed" or "Not renewing".

A client has at most one open contract. The client's renewal date (typed in /newclient, Edit
or a CSV import) is that contract's end: setting it creates or moves the contract, so the
generated renewal reminder, /renewals, reports and handoffs all follow it. "Renewed" closes
the contract (renewed = 1) and opens the next one with the same terms; "Not renewing" ends it
with a reason. Either way its reminders stop, and the reminder sync arms the next ones.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot import fmt
from bot.clock import Clock
from bot.errors import Conflict, InvalidInput, NotFound
from bot.services.clients import ClientsService, clean_text
from bot.services.dates import DateReader
from storage import contracts, obligations
from storage.clients import Client
from storage.contracts import Contract
from storage.db import Database, Tx
from storage.obligations import Renewal
from storage.users import User

MAX_DAYS = 3650
Also = Callable[[Tx, int], Awaitable[None]]  # more work committed with a contract change
RENEWALS_DAYS = 90


def next_year(day: date) -> date:
    """The default new end of a renewed contract: a year on (29 February -> 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True, slots=True)
class Terms:
    """What /contract may set; None leaves a term as it is."""

    end_on: str | None = None
    notice_days: int | None = None
    title: str | None = None
    value_minor: int | None = None
    currency: str | None = None
    remind_days: int | None = None


class ContractsService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        clients: ClientsService,
        days: DateReader,
    ) -> None:
        self._db = db
        self._clock = clock
        self._clients = clients
        self._days = days

    def today(self, user: User) -> date:
        return self._days.today(user)

    def typed_day(self, user: User, text: str, *, future: bool = True) -> date:
        return self._days.day(user, text, future=future)

    # -- reading -------------------------------------------------------------------------

    async def get(self, contract_id: int) -> Contract:
        found = await contracts.get(self._db, contract_id)
        if found is None:
            raise NotFound("renewals.gone")
        return found

    async def open_contract(self, user: User, contract_id: int) -> tuple[Contract, Client]:
        """The contract (still open) and its client, if `user` may act on it."""
        contract = await self.get(contract_id)
        client = await self._clients.writable(user, contract.client_id)
        if contract.renewed or contract.ended_reason is not None:
            raise Conflict("renewals.settled", name=client.name)
        return contract, client

    async def of_client(self, client_id: int) -> Contract | None:
        return await contracts.latest(self._db, client_id)

    async def renewals(self, user: User) -> list[Renewal]:
        """Managers: their clients' contracts ending in 90 days; admins and viewers: the
        team's (as in /overdue)."""
        today = self.today(user)
        owner = user.id if user.role == "manager" else None
        last = today + timedelta(days=RENEWALS_DAYS)
        return await obligations.renewals(self._db, owner, today.isoformat(), last.isoformat())

    # -- closing the loop ----------------------------------------------------------------

    async def renew(self, user: User, contract_id: int, end: date) -> Contract:
        """ "Renewed": this contract is closed, the next one (same terms) ends on `end`."""
        contract, client = await self.open_contract(user, contract_id)
        if end <= contract.end_on:
            raise InvalidInput(
                "renewals.not_later", end=fmt.iso_day(contract.end_on, user.language)
            )
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            if not await contracts.mark_renewed(tx, contract.id):
                raise Conflict("renewals.settled", name=client.name)
            await contracts.settle_reminders(tx, contract.id, user.id, now)
            new_id = await contracts.insert(
                tx,
                client_id=contract.client_id,
                end_on=end.isoformat(),
                notice_days=contract.notice_days,
                now=now,
                title=contract.title,
                remind_days_before=contract.remind_days_before,
                value_minor=contract.value_minor,
                currency=contract.currency,
            )
            await contracts.set_client_renewal_date(tx, contract.client_id, end.isoformat(), now)
        return await self.get(new_id)

    async def not_renewing(self, user: User, contract_id: int, reason: str) -> Contract:
        """ "Not renewing": the contract ends with `reason`; its reminders stop."""
        contract, client = await self.open_contract(user, contract_id)
        why = clean_text(reason, 500)
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            if not await contracts.mark_ended(tx, contract.id, why, now):
                raise Conflict("renewals.settled", name=client.name)
            await contracts.settle_reminders(tx, contract.id, user.id, now)
        return await self.get(contract.id)

    async def mark_lost(self, user: User, contract_id: int) -> Client:
        """After "Not renewing": the client's status becomes lost, with the same reason."""
        contract = await self.get(contract_id)
        client = await self._clients.writable(user, contract.client_id)
        if contract.ended_reason is None:
            raise Conflict("renewals.settled", name=client.name)
        return await self._clients.set_status(
            user, client.id, client.version, "lost", contract.ended_reason
        )

    # -- /contract -----------------------------------------------------------------------

    async def set_terms(
        self, user: User, client_id: int, terms: Terms, also: Also | None = None
    ) -> Contract:
        """Create or change the client's open contract; a new one needs an end date. `also`
        runs in the same transaction with the contract's id."""
        await self._clients.writable(user, client_id)
        for days in (terms.notice_days, terms.remind_days):
            if days is not None and not 0 <= days <= MAX_DAYS:
                raise InvalidInput("clients.bad_days", value=str(days))
        title = clean_text(terms.title, 200) if terms.title is not None else None
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            found = await contracts.latest(tx, client_id)
            if found is None:
                if terms.end_on is None:
                    raise InvalidInput("renewals.needs_end")
                contract_id = await contracts.insert(
                    tx,
                    client_id=client_id,
                    end_on=terms.end_on,
                    notice_days=terms.notice_days or 0,
                    now=now,
                    title=title,
                    remind_days_before=30 if terms.remind_days is None else terms.remind_days,
                    value_minor=terms.value_minor,
                    currency=terms.currency,
                )
            else:
                contract_id = found.id
                changed = replace(
                    found,
                    end_on=date.fromisoformat(terms.end_on) if terms.end_on else found.end_on,
                    notice_days=_or(terms.notice_days, found.notice_days),
                    title=_or(title, found.title),
                    value_minor=_or(terms.value_minor, found.value_minor),
                    currency=_or(terms.currency, found.currency),
                    remind_days_before=_or(terms.remind_days, found.remind_days_before),
                )
                await contracts.set_terms(tx, changed, now)
            if terms.end_on:
                await contracts.set_client_renewal_date(tx, client_id, terms.end_on, now)
            if also is not None:
                await also(tx, contract_id)
        return await self.get(contract_id)

    async def remind_before_end(
        self, user: User, client_id: int, end: date | None, days: int, also: Also | None = None
    ) -> Contract:
        """ "contract ends 1 March, remind me 30 days before" (end given) or "30 days before
        the contract end" (end = the open contract's): the renewal reminder comes `days`
        before the end (before the notice deadline when that is earlier)."""
        found = await contracts.latest(self._db, client_id)
        if end is None and found is None:
            raise InvalidInput("renewals.no_contract")
        notice = found.notice_days if found else 0
        return await self.set_terms(
            user,
            client_id,
            Terms(
                end_on=end.isoformat() if end else None,
                remind_days=max(days - notice, 0),
            ),
            also,
        )


def _or(value, default):
    return default if value is None else value
