"""Reminder use cases: create, done, snooze, cancel, log a call; chat holds and migrations.

Each call is one transaction. Who may act on a reminder: the owner, the user it was
actually delivered to, whoever took it from an open handoff, the colleague covering for the
absent owner, an admin; anyone else gets NotAllowed. Log call also writes on the client, so
it needs the right to write there too (see ClientsService.writable). A change that
makes something due earlier tells the dispatcher through `on_change` (set by the runtime),
so its single wake-up job is re-armed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import Config
from bot.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.recurrence import localize, parse_rule
from bot.reminders import generated
from bot.reminders.when import parse_when
from storage import interactions, obligations, reminders
from storage.db import Database, Tx
from storage.reminders import KINDS, Reminder
from storage.users import User

SNOOZE_HOUR, SNOOZE_TOMORROW, SNOOZE_WEEK = "h", "t", "w"
SNOOZE_OTHER = "c"  # custom: the time is typed next
MAX_TEXT = 1000
LIST_LIMIT = 51  # show 50; the 51st says there are more


def wall_clock_at(day: datetime, minute: int, tz: ZoneInfo) -> int:
    """Epoch seconds of `minute` after local midnight on `day`'s date (DST gap -> later)."""
    wall = datetime.combine(day.date(), time(minute // 60, minute % 60))
    at, _ = localize(wall, tz)
    return int(at.timestamp())


class ReminderService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        config: Config,
        *,
        writable: Callable[[User, int], Awaitable[object]] | None = None,
        covers: Callable[[User, int], Awaitable[bool]] | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._config = config
        # Raises NotAllowed unless the user may write on the client (owner, covering, admin).
        self._writable = writable
        self._covers = covers  # whether a user covers for an absent owner today
        self.on_change: Callable[[int], None] | None = None
        # Reads any other typed moment as a follow-up would (bot/services/dates.py, set by
        # Services.create: that package imports this one); raises its DateProblem.
        self.read_moment: Callable[[User, str], int] | None = None

    def _changed(self, due_at: int) -> None:
        if self.on_change is not None:
            self.on_change(due_at)

    async def create(
        self,
        owner: User,
        *,
        text: str,
        due_at: int,
        kind: str = "follow_up",
        client_id: int | None = None,
        rrule: str | None = None,
        created_by: int | None = None,
        chat_id: int | None = None,
        also: Callable[[Tx, int], Awaitable[None]] | None = None,
    ) -> Reminder:
        """A new reminder for `owner`; with `rrule` it repeats in the owner's time zone.

        It goes to the owner's private chat unless `chat_id` names another (a team group).
        `also(tx, reminder_id)` commits with it (a draft marked saved): both or neither, so a
        Save pressed twice cannot create two reminders.
        """
        text = text.strip()
        if not text:
            raise InvalidInput("reminder.empty_text")
        if kind not in KINDS:
            raise InvalidInput()
        chat_id = chat_id or owner.chat_id
        if chat_id is None:
            raise InvalidInput("reminder.no_chat")
        local_time = tz = None
        if rrule:
            try:
                parse_rule(rrule)
            except ValueError:
                raise InvalidInput("reminder.bad_rule") from None
            tz = owner.timezone
            local = datetime.fromtimestamp(due_at, ZoneInfo(tz))
            local_time = local.strftime("%Y-%m-%dT%H:%M")
        async with self._db.transaction() as tx:
            reminder_id = await reminders.insert(
                tx,
                owner_id=owner.id,
                chat_id=chat_id,
                kind=kind,
                text=text[:MAX_TEXT],
                due_at=int(due_at),
                now=self._clock.timestamp(),
                client_id=client_id,
                local_time=local_time,
                tz=tz,
                rrule=rrule or None,
                created_by=created_by or owner.id,
            )
            if also is not None:
                await also(tx, reminder_id)
            created = await reminders.get(tx, reminder_id)
        assert created is not None
        self._changed(created.due_at)
        return created

    async def get(self, user: User, reminder_id: int) -> Reminder:
        found = await reminders.get(self._db, reminder_id)
        return await self._check(found, user)

    async def _check(self, found: Reminder | None, user: User) -> Reminder:
        """Who may press its buttons: the owner, whoever it was delivered to, whoever took
        it from an open handoff, the colleague covering for the absent owner, an admin."""
        if found is None:
            raise NotFound()
        if found.may_act(user.id) or found.assignee_id == user.id or user.is_admin:
            return found
        if user.can_write and self._covers and await self._covers(user, found.owner_id):
            return found
        raise NotAllowed("reminder.not_yours")

    async def _locked(self, tx: Tx, user: User, reminder_id: int) -> Reminder:
        found = await self._check(await reminders.get(tx, reminder_id), user)
        if not found.is_open:
            raise Conflict("reminder.closed")
        return found

    async def done(self, user: User, reminder_id: int) -> Reminder:
        return await self._finish(user, reminder_id, "done")

    async def cancel(self, user: User, reminder_id: int) -> Reminder:
        return await self._finish(user, reminder_id, "cancelled")

    async def _finish(self, user: User, reminder_id: int, status: str) -> Reminder:
        async with self._db.transaction() as tx:
            found = await self._locked(tx, user, reminder_id)
            now = self._clock.timestamp()
            if not await reminders.finish(tx, found.id, status=status, by=user.id, now=now):
                raise Conflict("reminder.closed")
            if found.kind == "payment" and found.invoice_id is not None:  # stop its repeats
                await obligations.cancel_other_payment_reminders(
                    tx, found.invoice_id, found.id, now
                )
        return found

    def snooze_time(self, user: User, option: str) -> int:
        """When "1 h", "tomorrow at the working hour" or "next week" (Monday) ends."""
        now = self._clock.now()
        if option == SNOOZE_HOUR:
            return int(now.timestamp()) + 3600
        zone = ZoneInfo(user.timezone)
        local = now.astimezone(zone)
        if option == SNOOZE_TOMORROW:
            return wall_clock_at(local + timedelta(days=1), user.working_minute, zone)
        if option == SNOOZE_WEEK:
            monday = local + timedelta(days=7 - local.weekday())
            return wall_clock_at(monday, user.working_minute, zone)
        raise InvalidInput()

    async def snooze(self, user: User, reminder_id: int, option: str) -> int:
        """Snooze by a button option; returns the new due time."""
        return await self.snooze_until(user, reminder_id, self.snooze_time(user, option))

    async def snooze_until(self, user: User, reminder_id: int, due_at: int) -> int:
        if due_at <= self._clock.timestamp():
            raise InvalidInput()
        async with self._db.transaction() as tx:
            found = await self._locked(tx, user, reminder_id)
            now = self._clock.timestamp()
            await obligations.make_head_of_chain(tx, found, now)
            if not await reminders.reschedule(tx, found.id, due_at=due_at, now=now):
                raise Conflict("reminder.closed")
        self._changed(due_at)
        return due_at

    async def snooze_typed(self, user: User, reminder_id: int, text: str) -> int:
        """`/snooze 12 tomorrow 10:00`, "Other time…": the short forms (2h, 30m, 3d) here,
        anything else ("friday 11:00", "через неделю") as in a follow-up."""
        due_at = parse_when(text, self._clock.now(), ZoneInfo(user.timezone), user.working_minute)
        if due_at is None and self.read_moment is not None:
            due_at = self.read_moment(user, text)
        if due_at is None:
            raise InvalidInput("reminder.bad_when", value=text[:64])
        return await self.snooze_until(user, reminder_id, due_at)

    async def upcoming(self, user: User, days: int, limit: int = LIST_LIMIT) -> list[Reminder]:
        """Open reminders (overdue ones too) until the end of the day `days - 1` from today,
        in the user's zone: days=2 is today and tomorrow."""
        local = self._clock.now().astimezone(ZoneInfo(user.timezone))
        end = wall_clock_at(local + timedelta(days=days), 0, ZoneInfo(user.timezone))
        return await reminders.open_for_owner(self._db, user.id, end, limit)

    async def log_call(
        self, user: User, reminder_id: int, summary: str | None = None
    ) -> tuple[int, Reminder]:
        """Record a call with the reminder's client (what was said: `summary`, else the
        reminder's text); closes a call or follow-up reminder.

        Payment and renewal reminders stay open: a call about an unpaid invoice is not its
        payment. Returns the interaction id (for the outcome asked next) and the reminder.
        """
        before = await self.get(user, reminder_id)
        if before.client_id is not None and before.assignee_id != user.id and self._writable:
            # A follow-up about a colleague's client is the user's own reminder, but the call
            # is written on the colleague's client: only while covering or after reassignment.
            await self._writable(user, before.client_id)
        said = (summary or "").strip()[:MAX_TEXT]
        async with self._db.transaction() as tx:
            found = await self._locked(tx, user, reminder_id)
            if found.client_id is None:
                raise InvalidInput("reminder.no_client")
            now = self._clock.timestamp()
            interaction_id = await interactions.insert(
                tx,
                client_id=found.client_id,
                user_id=user.id,
                kind="call",
                happened_at=now,
                summary=said or generated.show(found.text, user.language),
                now=now,
            )
            if found.kind not in ("payment", "renewal"):
                await reminders.finish(tx, found.id, status="done", by=user.id, now=now)
        return interaction_id, found

    async def set_outcome(self, user: User, interaction_id: int, outcome: str) -> None:
        outcome = outcome.strip()
        if not outcome:
            raise InvalidInput()
        async with self._db.transaction() as tx:
            if not await interactions.set_outcome(
                tx, interaction_id, user_id=user.id, outcome=outcome[:MAX_TEXT]
            ):
                raise NotFound()

    async def hold_chat(self, chat_id: int, error: str) -> int:
        async with self._db.transaction() as tx:
            return await reminders.hold_chat(tx, chat_id, error=error, now=self._clock.timestamp())

    async def resume_chat(self, chat_id: int) -> int:
        """The user unblocked the bot: their held reminders go out again."""
        async with self._db.transaction() as tx:
            count = await reminders.resume_chat(tx, chat_id, now=self._clock.timestamp())
        if count:
            self._changed(self._clock.timestamp())
        return count
