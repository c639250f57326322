"""Every message the bot sends on its own goes out here, over the one `Sender` seam.

Reminders and digests (the dispatcher), handoff posts and return summaries (bot.team),
escalations and admin notices: all of them get the same handling of the outcome tree in
bot.reminders.delivery, so a fault is handled once and the same way everywhere:

- RetryLater     wait the time Telegram asked for and send again (not a failure)
- BadEntities    resend once as plain text
- Migrated       move every stored id of the chat in one transaction, resend to the new id
- a long text    goes out in parts under Telegram's limit, the buttons under the last part

Whatever else happens comes back to the caller as an outcome, with the chat id it ended at
(`Delivery`), because only the caller knows what to hold or mark.

A team group that refuses the bot (Forbidden, "kicked") is closed by `group_refused`: it is
marked inactive on the first such answer, the reminders addressed to it are held, and each
admin is told once, not once per attempt. `gave_up` tells a reminder's owner (else the
admins) once that it was given up; `escalate` posts a note for a team group.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.i18n import Translator
from bot.reminders import delivery, generated, render
from bot.reminders.delivery import Buttons, Outcome, Sender
from bot.text import split_message
from storage import chat_ids, reminders, team_chats, users
from storage.db import Database
from storage.reminders import RESTARTED, Reminder

log = logging.getLogger(__name__)

MAX_FLOOD_WAITS = 10  # RetryAfter answers waited out for one message before giving up


@dataclass(frozen=True, slots=True)
class Delivery:
    outcome: Outcome
    chat_id: int  # where it ended: the new id after a migration


async def _sleep(seconds: float) -> None:
    if seconds > 0:
        await asyncio.sleep(seconds)


class Outbox:
    def __init__(
        self,
        db: Database,
        sender: Sender,
        *,
        now: Callable[[], int],
        sleep: Callable[[float], Awaitable[None]] = _sleep,
        stopping: Callable[[], bool] = lambda: False,
    ) -> None:
        self._db = db
        self.sender = sender
        self._now = now
        self._sleep = sleep
        self._stopping = stopping

    async def send(self, chat_id: int, text: str, buttons: Buttons | None = None) -> Delivery:
        """Send, following a chat migration and falling back to plain text once each."""
        html = True
        outcome: Outcome = delivery.NetworkDown("not sent")
        for _ in range(4):
            outcome = await self._send_parts(chat_id, text, buttons, html)
            if isinstance(outcome, delivery.BadEntities) and html:
                log.warning(
                    "chat %d refused our HTML (%s); resending as plain text", chat_id, outcome.error
                )
                text, html = render.plain(text), False
            elif isinstance(outcome, delivery.Migrated):
                await self.migrate(chat_id, outcome.chat_id)
                chat_id = outcome.chat_id
            else:
                break
        return Delivery(outcome, chat_id)

    async def _send_parts(
        self, chat_id: int, text: str, buttons: Buttons | None, html: bool
    ) -> Outcome:
        parts = split_message(text)
        outcome: Outcome = delivery.NetworkDown("nothing to send")
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            outcome = await self._send_part(chat_id, part, buttons if last else None, html)
            if not isinstance(outcome, delivery.Sent):
                return outcome
        return outcome

    async def _send_part(
        self, chat_id: int, text: str, buttons: Buttons | None, html: bool
    ) -> Outcome:
        outcome: Outcome = delivery.NetworkDown("not sent")
        for _ in range(MAX_FLOOD_WAITS):
            outcome = await self.sender.send(chat_id, text, buttons, html=html)
            if not isinstance(outcome, delivery.RetryLater) or self._stopping():
                return outcome
            log.info("flood control: retrying chat %d after %.1f s", chat_id, outcome.seconds)
            await self._sleep(outcome.seconds)
        return outcome

    async def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        log.warning("chat %d migrated to %d; moving its stored ids", old_chat_id, new_chat_id)
        async with self._db.transaction() as tx:
            await chat_ids.migrate(tx, old_chat_id, new_chat_id)

    async def tell_admins(
        self, key: str, *, skip_chat: int | None = None, **params: object
    ) -> None:
        """One notice to every reachable admin, each in their own language."""
        for admin in await users.admins(self._db):
            if admin.chat_id is None or admin.chat_blocked or admin.chat_id == skip_chat:
                continue
            text = Translator(admin.language)(key, **params)
            sent = await self.send(admin.chat_id, text)
            if not isinstance(sent.outcome, delivery.Sent):
                log.error("could not tell admin %d: %s", admin.id, sent.outcome)

    async def group_refused(self, chat_id: int, error: str) -> bool:
        """A team group answered Forbidden: stop serving it, hold what is addressed to it, and
        tell the admins. Only the first such answer does anything (True); later ones, from
        sends already under way, find the group inactive and say nothing."""
        now = self._now()
        async with self._db.transaction() as tx:
            chat = await team_chats.get(tx, chat_id)
            closed = await team_chats.set_active(tx, chat_id, False)
            held = await reminders.hold_chat(tx, chat_id, error=error, now=now)
        log.warning("team group %d refuses messages (%s); %d reminders held", chat_id, error, held)
        if closed:
            title = (chat.title if chat else None) or str(chat_id)
            await self.tell_admins("team.removed", title=title)
        return closed

    async def escalate(self, chat_id: int, text: str) -> None:
        """A note for a team group (unanswered payment reminders); a kicked group closes."""
        sent = await self.send(chat_id, text)
        if isinstance(sent.outcome, delivery.Blocked):
            if await team_chats.get(self._db, sent.chat_id) is not None:
                await self.group_refused(sent.chat_id, sent.outcome.error)
        elif not isinstance(sent.outcome, delivery.Sent):
            log.warning("escalation to chat %d not sent: %s", chat_id, sent.outcome)

    async def gave_up(self, row: Reminder) -> None:
        """Said once, when a reminder becomes `failed` after too many attempts: to its owner,
        else to the admins."""
        owner = await users.get(self._db, row.owner_id)
        if owner is not None and owner.chat_id is not None and not owner.chat_blocked:
            shown = generated.show(row.text, owner.language)
            text = Translator(owner.language)("delivery.gave_up", text=shown, attempts=row.attempts)
            sent = await self.send(owner.chat_id, text)
            if isinstance(sent.outcome, delivery.Sent):
                return
        name = owner.name if owner is not None else str(row.owner_id)
        await self.tell_admins("reminder.admin_failed", id=row.id, name=name, error=RESTARTED)
