"""The team: group chats, deputies, absences, handoffs and who receives a reminder.

Who covers for an absent manager, in order: the deputy named for that absence, else the
manager's default deputy; if that person is away too (or missing), the supervisor; if the
supervisor is away as well, nobody in person: the team group gets it. A "Take it" press
makes a colleague the assignee of one item, overriding all of that.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot import fmt
from bot.clock import Clock
from bot.config import Config
from bot.dates import notice_deadline
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.i18n import Translator
from bot.reminders.delivery import Route
from storage import absences, audit, chat_ids, handoff, team_chats, users
from storage.absences import Absence
from storage.db import Database, Tx
from storage.handoff import ClientActivity, HandoffItem
from storage.reminders import Reminder
from storage.team_chats import TeamChat
from storage.users import User

log = logging.getLogger(__name__)

TAKEABLE = ("reminder", "invoice", "contract")
# The furthest any zone is ahead of / behind UTC: a date has begun somewhere by then.
_AHEAD, _BEHIND = timedelta(hours=14), timedelta(hours=12)


def group_translator(group: TeamChat) -> Translator:
    """The team group's language (English for a group registered before groups had one)."""
    return Translator(group.language or "en")


@dataclass(frozen=True, slots=True)
class Recipient:
    """Where a reminder goes: a person's private chat, or the team group (user None)."""

    chat_id: int
    user: User | None
    on_behalf_of: User | None  # the owner, when someone else receives it


@dataclass(frozen=True, slots=True)
class Handoff:
    absence: Absence
    user: User
    cover: User | None  # None: the team group covers
    items: tuple[HandoffItem, ...]


@dataclass(frozen=True, slots=True)
class ReturnSummary:
    absence: Absence
    user: User
    clients: tuple[ClientActivity, ...]


@dataclass(frozen=True, slots=True)
class Back:
    ended: Absence | None  # the current absence, now over
    planned: tuple[Absence, ...]  # when none was current: the ones still to come


@dataclass(frozen=True, slots=True)
class Taken:
    won: bool
    assignee: User


def local_today(clock: Clock, tz: str) -> date:
    return clock.now().astimezone(ZoneInfo(tz)).date()


def day_start(day: date, tz: str) -> int:
    """Local midnight of `day` as UTC epoch seconds."""
    return int(datetime.combine(day, time(0), ZoneInfo(tz)).timestamp())


def handoff_deadline(item: HandoffItem) -> date:
    """A contract item's notice deadline (contracts always have an end date)."""
    assert item.due_on is not None
    return notice_deadline(item.due_on, item.notice_days)


class TeamService:
    def __init__(self, db: Database, clock: Clock, config: Config) -> None:
        self._db = db
        self._clock = clock
        self._config = config
        # Held while handoffs and summaries are posted: the periodic job and /back (or a
        # clock fast-forward) must not post the same handoff twice.
        self.posting = asyncio.Lock()

    # -- team group chats -----------------------------------------------------------

    async def is_served(self, chat_id: int) -> bool:
        chat = await team_chats.get(self._db, chat_id)
        return chat is not None and chat.active

    async def register(
        self,
        admin: User,
        chat_id: int,
        title: str | None,
        language: str | None = None,
        timezone: str | None = None,
    ) -> TeamChat:
        """Make the group the team chat, in `language` and `timezone` (the admin's own when
        not given)."""
        if not admin.is_admin:
            raise NotAllowed()
        async with self._db.transaction() as tx:
            await team_chats.register(
                tx,
                chat_id,
                title=title,
                by=admin.id,
                now=self._now(),
                language=language or admin.language,
                timezone=timezone or admin.timezone,
            )
            await self._audit(tx, admin, chat_id, "register")
        return await self._current(chat_id)

    async def group_settings(
        self,
        admin: User,
        chat_id: int,
        *,
        language: str | None = None,
        timezone: str | None = None,
        show_amounts: bool | None = None,
    ) -> TeamChat:
        """Change the team group's language, zone or whether amounts are shown (admins)."""
        if not admin.is_admin:
            raise NotAllowed()
        async with self._db.transaction() as tx:
            changed = await team_chats.update_settings(
                tx, chat_id, language=language, timezone=timezone, show_amounts=show_amounts
            )
            if not changed:
                raise NotFound()
            await self._audit(tx, admin, chat_id, "settings")
        return await self._current(chat_id)

    async def _audit(self, tx: Tx, admin: User, chat_id: int, action: str) -> None:
        await audit.record(
            tx,
            user_id=admin.id,
            action=action,
            entity="team_chat",
            entity_id=chat_id,
            now=self._now(),
        )

    async def _current(self, chat_id: int) -> TeamChat:
        found = await team_chats.get(self._db, chat_id)
        assert found is not None
        return found

    async def bot_removed(self, chat_id: int) -> bool:
        """The bot was kicked or left: stop serving the chat. True when it was a team chat."""
        async with self._db.transaction() as tx:
            return await team_chats.set_active(tx, chat_id, False)

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        async with self._db.transaction() as tx:
            await chat_ids.migrate(tx, old_chat_id, new_chat_id)
        log.info("chat %d became %d; stored ids updated", old_chat_id, new_chat_id)

    async def group(self, chat_id: int) -> TeamChat | None:
        """The active team chat with this id, or None."""
        found = await team_chats.get(self._db, chat_id)
        return found if found is not None and found.active else None

    async def team_chat(self) -> TeamChat | None:
        found = await team_chats.list_active(self._db)
        return found[0] if found else None

    async def admins(self) -> list[User]:
        return await users.admins(self._db)

    # -- people ---------------------------------------------------------------------

    async def find_member(self, ref: str) -> User:
        """@username, a numeric id or a member's full name (any case). Raises NotFound."""
        ref = ref.strip()
        found: User | None = None
        if ref.startswith("@"):
            found = await users.by_username(self._db, ref)
        elif ref.isdigit():
            found = await users.get(self._db, int(ref))
        else:
            wanted = ref.casefold()
            members = await users.list_active(self._db)
            matches = [u for u in members if u.name.casefold() == wanted] or [
                u for u in members if u.name.casefold().split()[0] == wanted
            ]  # the full name, else a first name that only one member has
            found = matches[0] if len(matches) == 1 else None
        if found is None or not found.active:
            raise NotFound("team.member_unknown", ref=ref)
        return found

    async def members(self) -> list[User]:
        return [u for u in await users.list_active(self._db) if u.can_write]

    async def set_links(
        self, admin: User, member: User, *, deputy: User | None, supervisor: User | None
    ) -> None:
        if not admin.is_admin:
            raise NotAllowed()
        if member.id in {getattr(deputy, "id", None), getattr(supervisor, "id", None)}:
            raise InvalidInput("team.not_yourself")
        async with self._db.transaction() as tx:
            await users.set_links(
                tx,
                member.id,
                deputy_id=deputy.id if deputy else member.deputy_id,
                supervisor_id=supervisor.id if supervisor else member.supervisor_id,
                now=self._now(),
            )

    # -- absences -------------------------------------------------------------------

    async def plan_absence(
        self, user: User, start: date, end: date, *, deputy: User | None, reason: str | None
    ) -> Absence:
        if not user.can_write:
            raise NotAllowed()
        if end < start:
            raise InvalidInput("team.away_order")
        if end < local_today(self._clock, user.timezone):
            raise InvalidInput("team.away_past")
        if deputy is not None and deputy.id == user.id:
            raise InvalidInput("team.not_yourself")
        if deputy is not None and not deputy.can_write:
            raise InvalidInput("team.deputy_viewer", name=deputy.name)
        clash = await absences.overlapping(self._db, user.id, start.isoformat(), end.isoformat())
        if clash is not None:
            lang = user.language
            start_on, end_on = fmt.iso_day(clash.start_on, lang), fmt.iso_day(clash.end_on, lang)
            raise InvalidInput("team.away_overlap", start=start_on, end=end_on)
        async with self._db.transaction() as tx:
            absence_id = await absences.insert(
                tx,
                user_id=user.id,
                start_on=start.isoformat(),
                end_on=end.isoformat(),
                deputy_id=deputy.id if deputy else None,
                reason=reason,
                now=self._now(),
            )
        found = await absences.get(self._db, absence_id)
        assert found is not None
        return found

    async def come_back(self, user: User) -> Back:
        """/back: the current absence ends today, and what colleagues took returns to the
        owner. Without a current one, the planned ones are listed. Raises NotFound."""
        today = local_today(self._clock, user.timezone).isoformat()
        current = await absences.on_day(self._db, user.id, today)
        if current is None:
            planned = await absences.planned(self._db, user.id, today)
            if not planned:
                raise NotFound("team.not_away")
            return Back(None, tuple(planned))
        async with self._db.transaction() as tx:
            await absences.end(tx, current.id, today=today, now=self._now())
            await handoff.return_taken(tx, user.id)
        ended = await absences.get(self._db, current.id)
        assert ended is not None
        return Back(ended, ())

    async def cancel_planned(self, user: User, absence_id: int) -> Absence:
        """Only the user's own absence that has not begun. Raises NotFound."""
        today = local_today(self._clock, user.timezone).isoformat()
        found = await absences.get(self._db, absence_id)
        if found is None or found.user_id != user.id:
            raise NotFound("team.not_away")
        async with self._db.transaction() as tx:
            if not await absences.cancel_planned(tx, absence_id, user_id=user.id, today=today):
                raise NotFound("team.not_away")
        return found

    async def cover(self, user: User, absence: Absence | None = None) -> User | None:
        """Who covers for `user` today; None means the team group."""
        day = local_today(self._clock, user.timezone).isoformat()
        named = absence.deputy_id if absence else None
        seen = {user.id}
        for candidate_id in (named or user.deputy_id, user.supervisor_id):
            if candidate_id is None or candidate_id in seen:
                continue
            seen.add(candidate_id)
            candidate = await users.get(self._db, candidate_id)
            if await self._available(candidate, day):
                return candidate
        return None

    async def _available(self, candidate: User | None, day: str) -> bool:
        if candidate is None:
            return False
        reachable = (
            candidate.active and candidate.chat_id is not None and not candidate.chat_blocked
        )
        return reachable and await absences.on_day(self._db, candidate.id, day) is None

    async def away_today(self, user: User) -> Absence | None:
        """The absence `user` is in today, in their own zone; None when at work."""
        today = local_today(self._clock, user.timezone).isoformat()
        return await absences.on_day(self._db, user.id, today)

    async def covers(self, user: User, owner_id: int) -> bool:
        """True when `owner_id` is away today and `user` is who covers for them."""
        owner = await users.get(self._db, owner_id)
        if owner is None:
            return False
        absence = await self.away_today(owner)
        if absence is None:
            return False
        cover = await self.cover(owner, absence)
        return cover is not None and cover.id == user.id

    async def recipient(
        self, owner_id: int, *, chat_id: int, assignee_id: int | None = None
    ) -> Recipient:
        """Where a reminder of `owner_id` (stored for `chat_id`) goes right now."""
        owner = await users.get(self._db, owner_id)
        if assignee_id is not None and assignee_id != owner_id:
            assignee = await users.get(self._db, assignee_id)
            if assignee and assignee.active and assignee.chat_id is not None:
                return Recipient(assignee.chat_id, assignee, owner)
        if owner is None:
            return Recipient(chat_id, None, None)
        absence = await self.away_today(owner)
        if absence is None:
            return Recipient(chat_id, owner, None)
        cover = await self.cover(owner, absence)
        if cover is not None:
            assert cover.chat_id is not None
            return Recipient(cover.chat_id, cover, owner)
        group = await self.team_chat()
        if group is not None:
            return Recipient(group.chat_id, None, owner)
        return Recipient(chat_id, owner, None)  # nobody else: better the owner than no one

    async def route(self, reminder: Reminder, owner: User) -> Route:
        """The reminder engine's question: who gets this reminder now (see `recipient`).

        Only reminders addressed to the owner's own chat are rerouted; one addressed to a
        team group stays there.
        """
        if reminder.chat_id != owner.chat_id:
            return Route(reminder.chat_id, owner)
        found = await self.recipient(
            owner.id, chat_id=reminder.chat_id, assignee_id=reminder.assignee_id
        )
        reader = found.user or await self._group_reader(found.chat_id, owner)
        if found.on_behalf_of is None:
            return Route(found.chat_id, reader)
        return Route(found.chat_id, reader, found.on_behalf_of)

    async def _group_reader(self, chat_id: int, owner: User) -> User:
        """Who "reads" a reminder posted in the team group: the owner's settings in the
        group's language and zone, so its time is shown on the group's clock."""
        group = await team_chats.get(self._db, chat_id)
        if group is None:
            return owner
        return replace(
            owner,
            language=group.language or owner.language,
            timezone=group.timezone or owner.timezone,
        )

    # -- handoff and return ---------------------------------------------------------

    async def due_handoffs(self) -> list[Handoff]:
        now = self._clock.now()
        found = []
        latest, earliest = (now + _AHEAD).date(), (now - _BEHIND).date()
        for absence in await absences.needing_handoff(
            self._db, latest.isoformat(), earliest.isoformat()
        ):
            user = await users.get(self._db, absence.user_id)
            if user is None:
                continue
            today = local_today(self._clock, user.timezone)
            if not absence.start_on <= today <= absence.end_on:
                continue
            found.append(
                Handoff(
                    absence, user, await self.cover(user, absence), await self._items(user, absence)
                )
            )
        return found

    async def _items(self, user: User, absence: Absence) -> tuple[HandoffItem, ...]:
        end = absence.end_on
        items = await handoff.open_items(
            self._db,
            user.id,
            until_epoch=day_start(end + timedelta(days=1), user.timezone),
            until_day=absence.end_on.isoformat(),
            contracts_from=absence.start_on.isoformat(),
        )
        return tuple(
            item for item in items if item.kind != "contract" or handoff_deadline(item) <= end
        )

    async def mark_handoff_posted(self, absence_id: int) -> bool:
        async with self._db.transaction() as tx:
            return await absences.mark_handoff_posted(tx, absence_id, self._now())

    async def due_summaries(self) -> list[ReturnSummary]:
        latest = (self._clock.now() + _AHEAD).date().isoformat()
        found = []
        for absence in await absences.needing_summary(self._db, latest):
            user = await users.get(self._db, absence.user_id)
            if user is None:
                continue
            today = local_today(self._clock, user.timezone)
            if absence.ended_at is None and today <= absence.end_on:
                continue
            since = day_start(absence.start_on, user.timezone)
            clients = await handoff.activity(
                self._db, user.id, since=since, until=self._now() + 1, today=today.isoformat()
            )
            found.append(ReturnSummary(absence, user, tuple(clients)))
        return found

    async def mark_summary_sent(self, absence_id: int) -> bool:
        """The absence is over (by date or /back): taken items return to the owner too."""
        absence = await absences.get(self._db, absence_id)
        async with self._db.transaction() as tx:
            if absence is not None:
                await handoff.return_taken(tx, absence.user_id)
            return await absences.mark_summary_sent(tx, absence_id, self._now())

    async def take(self, user: User, kind: str, item_id: int) -> Taken:
        """The first colleague to press "Take it" gets the item; later presses learn who."""
        if not user.can_write:
            raise NotAllowed()
        if kind not in TAKEABLE:
            raise NotFound()
        if not await self.in_open_handoff(kind, item_id):
            raise NotAllowed("team.not_in_handoff")
        async with self._db.transaction() as tx:
            assignee_id = await handoff.take(tx, kind, item_id, user.id)
            if assignee_id is None:
                raise NotFound()
            won = assignee_id == user.id
            if won:
                await audit.record(
                    tx,
                    user_id=user.id,
                    action="take",
                    entity=kind,
                    entity_id=item_id,
                    now=self._now(),
                )
        assignee = user if won else await users.get(self._db, assignee_id)
        assert assignee is not None
        return Taken(won, assignee)

    async def in_open_handoff(self, kind: str, item_id: int) -> bool:
        """True when the item is in the handoff of its owner's absence, still open today:
        "Take it" means nothing for anything else (a forged press, an ended absence). Not
        tied to the post being marked: a crash between posting and marking must not make
        the posted buttons refuse."""
        owner_id = await handoff.owner_of(self._db, kind, item_id)
        owner = await users.get(self._db, owner_id) if owner_id is not None else None
        if owner is None:
            return False
        absence = await self.away_today(owner)
        if absence is None:
            return False
        items = await self._items(owner, absence)
        return any(item.kind == kind and item.id == item_id for item in items)

    def _now(self) -> int:
        return self._clock.timestamp()
