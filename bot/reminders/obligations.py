"""Reminders that clients, invoices and contracts generate, their lists, the daily digest.

- payment: on an unpaid invoice's due date at the owner's working hour, then every
  PAYMENT_REPEAT_DAYS while it stays unpaid and not marked done; after ESCALATE_AFTER
  unanswered ones the team group hears about it. Paying the invoice cancels what is open.
- renewal: REMIND_DAYS_BEFORE (per contract) before the notice deadline, which is the end
  date minus the notice period.
- cadence: a client past its contact interval (its own, else its tier's) gets one "going
  cold" nudge per silence; logging an interaction restarts the clock.

`sync()` runs at the start of every dispatch pass; it only inserts what is missing, so
running it again changes nothing. Whether an invoice was paid is checked right before each
payment reminder is sent (`settled_payment`), so none goes out after the payment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import fmt
from bot.clock import Clock
from bot.dates import notice_deadline
from bot.errors import InvalidInput, NotFound
from bot.i18n import Translator
from bot.names import ClientRef, match_clients
from bot.reminders import generated
from bot.reminders.service import wall_clock_at
from storage import obligations, reminders, users
from storage.db import Database, Tx
from storage.obligations import ColdClient, OpenInvoice, Renewal
from storage.reminders import Reminder
from storage.users import User

# Expected contact interval in days: key account, large, medium, small, any other segment.
TIER_CADENCE = (14, 30, 45, 60, 30)
DAY = 86400


def totals(invoices: list[OpenInvoice], lang: str) -> str:
    """Per-currency sums, "€1,500.00, US$200.00"."""
    sums: dict[str, int] = {}
    for invoice in invoices:
        sums[invoice.currency] = sums.get(invoice.currency, 0) + invoice.amount_minor
    return fmt.money_totals(sums, lang)


@dataclass(frozen=True, slots=True)
class Digest:
    """One user's daily digest, as of `now` (UTC epoch seconds): what render words."""

    user: User
    now: int
    todo: list[Reminder]
    overdue: list[OpenInvoice]
    soon: list[Renewal]
    cold: list[ColdClient]


@dataclass(frozen=True, slots=True)
class Escalation:
    chat_id: int
    text: str


class ObligationsService:
    PAYMENT_REPEAT_DAYS = 3
    ESCALATE_AFTER = 3
    RENEWALS_DAYS = 90
    DIGEST_RENEWAL_DAYS = 30

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _today(self, user: User) -> date:
        return self._clock.now().astimezone(ZoneInfo(user.timezone)).date()

    # -- lists --------------------------------------------------------------------------

    async def upcoming_for_client(self, user: User, name: str) -> tuple[str, list[Reminder]]:
        """The open reminders of the user's client best matching `name`."""
        refs = [ClientRef(i, n) for i, n in await obligations.client_names(self._db, user.id)]
        found = match_clients(name, refs)
        if not found:
            raise NotFound("obligation.no_client_match", name=name[:64])
        best, score = found[0]
        tied = [ref for ref, other in found if other >= score and ref.id != best.id]
        if tied and score < 100:
            names = ", ".join(ref.name for ref in [best, *tied])
            raise InvalidInput("obligation.several_clients", names=names)
        return best.name, await reminders.open_for_client(self._db, user.id, best.id, 51)

    async def cold(self, user: User) -> list[ColdClient]:
        now = self._clock.timestamp()
        return await obligations.cold_clients(self._db, now, TIER_CADENCE, owner_id=user.id)

    # -- generated reminders ----------------------------------------------------------

    async def sync(self) -> list[int]:
        """Insert the generated reminders that are missing; returns their due times (to
        re-arm the wake-up). A paid invoice's reminder is cancelled when it comes due."""
        now = self._clock.timestamp()
        owners: dict[int, User | None] = {}

        async def owner(owner_id: int) -> User | None:
            if owner_id not in owners:
                found = await users.get(self._db, owner_id)
                owners[owner_id] = found if found and found.chat_id is not None else None
            return owners[owner_id]

        invoices = await obligations.invoices_without_reminder(self._db)
        contracts = await obligations.contracts_without_reminder(
            self._db, self._clock.now().date().isoformat()
        )
        cold = await obligations.cold_without_nudge(self._db, now, TIER_CADENCE)
        due_times: list[int] = []
        async with self._db.transaction() as tx:
            for invoice in invoices:
                if (user := await owner(invoice.owner_id)) is not None:
                    due_times.append(await self._insert_payment(tx, user, invoice, now))
            for contract in contracts:
                if (user := await owner(contract.owner_id)) is not None:
                    due_times.append(await self._insert_renewal(tx, user, contract, now))
            for client in cold:
                if (user := await owner(client.owner_id)) is not None:
                    due_times.append(await self._insert_cadence(tx, user, client, now))
        return due_times

    def _on_day(self, user: User, day: date, now: int) -> int:
        moment = datetime.combine(day, datetime.min.time())
        return max(wall_clock_at(moment, user.working_minute, ZoneInfo(user.timezone)), now)

    async def _insert_payment(self, tx: Tx, user: User, invoice: OpenInvoice, now: int) -> int:
        text = generated.encode(
            "obligation.payment_text",
            number=invoice.number,
            amount_minor=invoice.amount_minor,
            currency=invoice.currency,
            due_on=invoice.due_on.isoformat(),
        )
        due_at = self._on_day(user, invoice.due_on, now)
        await self._insert(
            tx, user, "payment", text, due_at, now, invoice.client_id, invoice_id=invoice.invoice_id
        )
        return due_at

    async def _insert_renewal(self, tx: Tx, user: User, contract: Renewal, now: int) -> int:
        deadline = notice_deadline(contract.end_on, contract.notice_days)
        text = generated.encode(
            "obligation.renewal_text",
            title=contract.title,
            end_on=contract.end_on.isoformat(),
            deadline=deadline.isoformat(),
        )
        remind_on = deadline - timedelta(days=contract.remind_days_before)
        due_at = self._on_day(user, remind_on, now)
        await self._insert(
            tx,
            user,
            "renewal",
            text,
            due_at,
            now,
            contract.client_id,
            contract_id=contract.contract_id,
        )
        return due_at

    async def _insert_cadence(self, tx: Tx, user: User, client: ColdClient, now: int) -> int:
        days = (now - client.since) // DAY
        text = generated.encode("obligation.cadence_text", days=days, cadence=client.cadence_days)
        await self._insert(tx, user, "cadence", text, now, now, client.client_id)
        return now

    @staticmethod
    async def _insert(
        tx: Tx, user: User, kind: str, text: str, due_at: int, now: int, client_id: int, **ids
    ) -> None:
        assert user.chat_id is not None
        await reminders.insert(
            tx,
            owner_id=user.id,
            chat_id=user.chat_id,
            kind=kind,
            text=text,
            due_at=due_at,
            now=now,
            client_id=client_id,
            **ids,
        )

    async def settled_payment(self, row: Reminder) -> bool:
        """Cancel a due payment reminder whose invoice was paid meanwhile; True if it was."""
        if row.kind != "payment" or row.invoice_id is None:
            return False
        if not await obligations.invoice_paid(self._db, row.invoice_id):
            return False
        async with self._db.transaction() as tx:
            await reminders.finish(
                tx, row.id, status="cancelled", by=row.owner_id, now=self._clock.timestamp()
            )
        return True

    async def payment_repeat(self, tx: Tx, row: Reminder, now: int) -> int | None:
        """After a payment reminder is sent: the next one, unless the invoice is paid."""
        if row.invoice_id is None or await obligations.invoice_paid(tx, row.invoice_id):
            return None
        if await obligations.chain_has_waiting(tx, row):  # a snooze already queued the next
            return None
        due_at = max(row.due_at, now) + self.PAYMENT_REPEAT_DAYS * DAY
        await reminders.insert(
            tx,
            owner_id=row.owner_id,
            chat_id=row.chat_id,
            kind="payment",
            text=row.text,
            due_at=due_at,
            now=now,
            client_id=row.client_id,
            invoice_id=row.invoice_id,
            repeats=row.repeats + 1,
            created_by=row.created_by,
        )
        return due_at

    async def escalations(self, row: Reminder, owner: User) -> list[Escalation]:
        """The team group messages when this payment reminder is the N-th unanswered one."""
        if row.kind != "payment" or row.repeats + 1 != self.ESCALATE_AFTER:
            return []
        found = []
        for chat, group_language in await obligations.team_chats(self._db):
            lang = group_language or owner.language
            text = Translator(lang)(
                "obligation.escalation",
                client=row.client_name or "",
                text=generated.show(row.text, lang),
                count=self.ESCALATE_AFTER,
                owner=owner.name,
            )
            found.append(Escalation(chat, text))
        return found

    # -- the daily digest ----------------------------------------------------------------

    async def due_digests(self) -> list[tuple[User, Digest | None, str]]:
        """(user, digest or None when empty, local date) for users whose digest time
        has come today and who have not had today's digest."""
        found = []
        now = self._clock.now()
        for user_id, minute, sent_on in await obligations.digest_users(self._db):
            user = await users.get(self._db, user_id)
            if user is None:
                continue
            local = now.astimezone(ZoneInfo(user.timezone))
            today = local.date().isoformat()
            if sent_on == today or local.hour * 60 + local.minute < minute:
                continue
            found.append((user, await self.digest(user), today))
        return found

    async def digest(self, user: User) -> Digest | None:
        """Today's calls and follow-ups, overdue payments, renewals in the next 30 days, key
        accounts without contact; None when all are empty (render.daily_digest words it)."""
        today = self._today(user)
        end_of_today = wall_clock_at(
            datetime.combine(today + timedelta(days=1), datetime.min.time()),
            0,
            ZoneInfo(user.timezone),
        )
        todo = [
            r
            for r in await reminders.open_for_owner(self._db, user.id, end_of_today, 50)
            if r.kind in ("call", "meeting", "follow_up", "custom")
        ]
        overdue = await obligations.unpaid_due_by(
            self._db, (today - timedelta(days=1)).isoformat(), owner_id=user.id
        )
        soon = await obligations.renewals(
            self._db,
            user.id,
            today.isoformat(),
            (today + timedelta(days=self.DIGEST_RENEWAL_DAYS)).isoformat(),
        )
        cold = [c for c in await self.cold(user) if c.key_account]
        if not (todo or overdue or soon or cold):
            return None
        return Digest(user, self._clock.timestamp(), todo, overdue, soon, cold)

    async def mark_digest_sent(self, user: User, day: str) -> None:
        async with self._db.transaction() as tx:
            await obligations.mark_digest_sent(tx, user.id, day)
