"""Deliver due reminders: the table is the truth, the scheduler only wakes us up.

The Timer holds two jobs whatever the number of pending rows: a wake-up at the earliest
pending due_at (re-armed when something earlier appears) and a periodic sweep. A pass reads
due rows oldest first in batches and, per chat, in order:

    claim (pending -> sending, own transaction) -> send -> mark sent (own transaction,
    plus the next occurrence of a recurring reminder)

A crash between send and mark is the only duplicate window: at start-up every row still in
`sending` (the instance lock guarantees no other process sends) goes back to pending with
`uncertain`, and its next delivery says "(repeat after restart)". More than DIGEST_OVER
missed reminders for one chat become one "while I was offline" message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable

from bot.clock import Clock
from bot.reminders import delivery, render, series
from bot.reminders.delivery import Buttons, Outcome, Route, Router, Sender, Timer
from bot.reminders.obligations import ObligationsService
from bot.reminders.outbox import Delivery, Outbox
from storage import reminders, team_chats, users
from storage.db import Database, Tx
from storage.reminders import DROPPED, RESTARTED, TIMED_OUT, Reminder
from storage.users import User

log = logging.getLogger(__name__)


class Dispatcher:
    BATCH = 500  # rows read per query; a pass loops until nothing is due
    CONCURRENCY = 64  # chats served at once (AIORateLimiter paces the overall rate)
    DIGEST_OVER = 10  # more missed than this for one chat -> one digest message
    LATE_AFTER = 60  # seconds past due that count as "missed" (downtime)
    SWEEP_SECONDS = 30.0
    LEASE_SECONDS = 600  # a row in `sending` this long was abandoned by a crash
    SHARED_LEASE_SECONDS = 120  # several workers: a claim older than this is a dead worker's
    STANDBY_SECONDS = 2  # another worker is the sender: look again this soon, not at once
    PER_CHAT_GAP = 1.0  # real seconds between two messages to one chat (Telegram: ~1/s)
    # Reminders per second, evenly spaced (one every 35 ms), so 30 never fall in one second,
    # even with some network jitter: Telegram allows the bot 30/s, but AIORateLimiter's
    # bucket lets a burst of 30 through at once, and the backlog a takeover finds made one
    # (measured: 32 in a second; at 29/s evenly, 30). DESIGN 8 asks >= 28.5/s.
    RATE = 28.6
    MAX_BACKOFF = 60.0
    MAX_ATTEMPTS = 8  # a row found in `sending` this often is given up: failed, owner told

    def __init__(
        self,
        db: Database,
        clock: Clock,
        sender: Sender,
        obligations: ObligationsService | None = None,
        router: Router | None = None,
    ) -> None:
        self._db = db
        self._router = router
        self._obligations = obligations
        self._clock = clock
        self._outbox = Outbox(
            db, sender, now=clock.timestamp, sleep=self._sleep, stopping=lambda: self.stopping
        )
        self._timer: Timer | None = None
        self._lock = asyncio.Lock()
        self._requested = 0
        self._completed = 0
        self._armed_for: float | None = None
        self._dirty = False
        self._inflight: set[int] = set()
        self._last_sent: dict[int, float] = {}  # chat -> loop time of its last reminder
        self._gate = asyncio.Lock()  # reminders pass one at a time, 1/RATE apart
        self._gate_open_at = 0.0  # loop time from which the next reminder may go
        self._tasks: set[asyncio.Task] = set()
        self._stop = asyncio.Event()
        self._backoff = 0.0
        self._backoff_until = 0.0
        self._deferred = False  # this pass left the delivery to another worker
        # Held the sender's lock in its last pass; True at start, so a lone worker's first
        # send waits for nobody (a takeover from a live sender is what waits).
        self._was_sender = True
        self.delivered = 0  # messages sent (a digest counts once), for logs and benchmarks

    # -- lifecycle --------------------------------------------------------------------

    async def start(self, timer: Timer) -> None:
        """Recover rows a crash left in `sending`, then arm the jobs. Sends no reminder itself
        (only the one-time notice for a row given up after MAX_ATTEMPTS).

        Alone on its database (SQLite) every such row is a crash's leftover; among several
        workers (PostgreSQL) a row in `sending` may be another worker's send in progress,
        so only those past the lease are taken over."""
        self._timer = timer
        recovered = await self.recover(
            self._clock.timestamp() - (self.SHARED_LEASE_SECONDS if self._db.shared else 0)
        )
        if recovered:
            log.warning("%d reminders were interrupted by a restart; resending", recovered)
        timer.start_sweep(self.SWEEP_SECONDS)
        self._arm(0.0)

    async def stop(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Finish the send in progress, then stop; what is left stays pending in the DB."""
        self._stop.set()
        if self._timer is not None:
            self._timer.stop()
        tasks = list(self._tasks)
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=timeout)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    @property
    def sender(self) -> Sender:
        return self._outbox.sender

    @sender.setter
    def sender(self, sender: Sender) -> None:
        self._outbox.sender = sender

    @property
    def outbox(self) -> Outbox:
        """The one delivery path, shared with the team's posts and the admin notices."""
        return self._outbox

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    # -- waking up --------------------------------------------------------------------

    def kick(self) -> None:
        """Start a pass soon (what the timer's jobs call); cheap when one is running."""
        if self.stopping:
            return
        task = asyncio.get_running_loop().create_task(self.run_pass())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def poke(self, due_at: int) -> None:
        """Something is due at `due_at`: wake up earlier if that is before the armed time."""
        if self._timer is None or self.stopping:
            return
        if self._lock.locked():
            self._dirty = True  # the running pass reads next_due again before re-arming
            return
        if self._armed_for is None or due_at < self._armed_for:
            self._arm(due_at)

    def _arm(self, due_at: float) -> None:
        assert self._timer is not None
        self._armed_for = due_at
        loop = asyncio.get_running_loop()
        delay = max(due_at - self._clock.now().timestamp(), self._backoff_until - loop.time())
        self._timer.arm(max(delay, 0.0))

    async def _rearm(self) -> None:
        """Arm for the earliest pending row; called at the end of a pass, under the lock."""
        self._dirty = True
        while self._dirty:  # a change committed while we read: read again
            self._dirty = False
            next_due = await reminders.next_due(self._db)
            claimed = await reminders.oldest_claim(self._db)
        if claimed is not None:  # a dead sender's row is taken back as its lease ends
            lease_end = claimed + self._lease() + 1
            next_due = lease_end if next_due is None else min(next_due, lease_end)
        if next_due is None:
            self._armed_for = None  # nothing pending: poke() arms again on the next change
            return
        if self._deferred:  # another worker sends them: no busy loop while it does
            next_due = max(next_due, self._clock.timestamp() + self.STANDBY_SECONDS)
        self._arm(next_due)

    async def run_pass(self) -> None:
        """Deliver everything due now; returns after a pass that began after this call."""
        self._requested += 1
        ticket = self._requested
        async with self._lock:
            if self._completed >= ticket or self.stopping:
                return
            target = self._requested
            self._deferred = False
            try:
                await self.recover(self._clock.timestamp() - self._lease())
                await self._guarded(self._sync_obligations)
                await self._deliver_as_the_sender()
                await self._guarded(self._send_digests)
            except Exception:
                log.exception("reminder pass failed; the sweep will retry")
            finally:
                self._completed = target
            if not self.stopping:
                await self._rearm()

    # -- recovery ---------------------------------------------------------------------

    def _lease(self) -> int:
        """How long a claim holds before another pass (or worker) may resend the row."""
        return self.SHARED_LEASE_SECONDS if self._db.shared else self.LEASE_SECONDS

    async def recover(self, claimed_before: int) -> int:
        """Rows in `sending` claimed at or before the time, and not being sent by us now,
        go back to pending marked uncertain (they may have arrived)."""
        stuck = [
            r for r in await reminders.stuck(self._db, claimed_before) if r.id not in self._inflight
        ]
        given_up = [r for r in stuck if r.attempts >= self.MAX_ATTEMPTS]
        if stuck:
            now = self._clock.timestamp()
            async with self._db.transaction() as tx:
                for row in stuck:
                    if row in given_up:
                        await reminders.mark_failed(tx, row.id, error=RESTARTED, now=now)
                    else:
                        await reminders.release(
                            tx, row.id, error=RESTARTED, now=now, uncertain=True
                        )
        for row in given_up:
            log.error("reminder %d given up after %d attempts", row.id, row.attempts)
            await self._outbox.gave_up(row)
        return len(stuck)

    # -- a pass -----------------------------------------------------------------------

    def _backing_off(self) -> bool:
        return asyncio.get_running_loop().time() < self._backoff_until

    async def _deliver_as_the_sender(self) -> None:
        """Among several workers one at a time delivers: Telegram's limits (30/s overall,
        1/s a chat) are per bot, and one sender's rate limiter keeps them, where two pacing
        themselves alone were measured at 953 answers 429 for 1,000 messages (bench/scale.py).
        The others stand by and look again soon; a dead sender's lock ends with its
        connection, so one of them takes over on its next look."""
        async with self._db.exclusive("dispatcher.deliver") as mine:
            taking_over, self._was_sender = mine and not self._was_sender, mine
            if not mine:
                self._deferred = True
                return
            await self._deliver_due(taking_over=taking_over)

    async def _deliver_due(self, *, taking_over: bool = False) -> None:
        while not self.stopping and not self._backing_off():
            now = self._clock.timestamp()
            batch = await reminders.due(self._db, now, self.BATCH)
            if not batch:
                return
            if taking_over:
                # The last sender may have written to these chats a moment ago (and died):
                # its pacing went with it, so wait one chat gap before the first send.
                taking_over = False
                await self._sleep(self.PER_CHAT_GAP)
            readers = await self._readers(row.owner_id for row in batch)
            routes = {row.id: await self._route(row, readers[row.owner_id]) for row in batch}
            by_chat: dict[int, list[Reminder]] = {}
            for row in batch:
                by_chat.setdefault(routes[row.id].chat_id, []).append(row)
            slots = asyncio.Semaphore(self.CONCURRENCY)
            results = await asyncio.gather(
                *(self._serve_chat(rows, routes, slots, now) for rows in by_chat.values()),
                return_exceptions=True,  # one chat's bug must not leave others running loose
            )
            for error in results:
                if isinstance(error, Exception):
                    log.error("delivering to a chat failed", exc_info=error)

    async def _readers(self, owner_ids: Iterable[int]) -> dict[int, User]:
        found = {}
        for owner_id in set(owner_ids):
            user = await users.get(self._db, owner_id)
            if user is not None:
                found[owner_id] = user
        return found

    async def _route(self, row: Reminder, owner: User) -> Route:
        if self._router is None:
            return Route(row.chat_id, owner)
        return await self._router.route(row, owner)

    async def _serve_chat(
        self,
        rows: list[Reminder],
        routes: dict[int, Route],
        slots: asyncio.Semaphore,
        now: int,
    ) -> None:
        async with slots:
            if self._obligations is not None:
                rows = [r for r in rows if not await self._obligations.settled_payment(r)]
            late = [r for r in rows if r.due_at <= now - self.LATE_AFTER]
            if len(late) > self.DIGEST_OVER:
                if not await self._deliver(late, routes[late[0].id], digest=True):
                    return
                late_ids = {r.id for r in late}
                rows = [r for r in rows if r.id not in late_ids]
            for row in rows:
                if self.stopping or self._backing_off():
                    return
                if not await self._deliver([row], routes[row.id], digest=False):
                    return

    async def _pace(self, chat_id: int) -> None:
        """Wait PER_CHAT_GAP after the chat's last reminder, then pass the gate one at a time,
        1/RATE after the previous reminder really went: a late wake-up (a busy loop) delays
        the ones behind it instead of letting them catch up in a burst."""
        loop = asyncio.get_running_loop()
        if len(self._last_sent) > 10_000:
            horizon = loop.time() - self.PER_CHAT_GAP
            self._last_sent = {k: v for k, v in self._last_sent.items() if v > horizon}
        last = self._last_sent.get(chat_id)
        if last is not None:
            await self._sleep(last + self.PER_CHAT_GAP - loop.time())
        async with self._gate:
            await self._sleep(self._gate_open_at - loop.time())
            # On time, the next opens one gap after this one was due (no drift below RATE);
            # woken late, at most an eighth of a gap is made up (never a burst).
            gap = 1 / self.RATE
            self._gate_open_at = max(self._gate_open_at, loop.time() - gap / 8) + gap
        self._last_sent[chat_id] = loop.time()

    async def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), seconds)

    async def _deliver(self, rows: list[Reminder], route: Route, *, digest: bool) -> bool:
        """Claim, send, settle one reminder (or a digest of several). False: stop this chat."""
        await self._pace(route.chat_id)  # before the claim: a lease covers the send only
        now = self._clock.timestamp()
        claimed = [row for row in rows if await reminders.take(self._db, row.id, now)]
        if not claimed:
            return True
        ids = {row.id for row in claimed}
        self._inflight |= ids
        reader = route.reader
        try:
            if digest:
                text, buttons = render.digest(claimed, reader), None
            else:
                text, buttons = render.body(claimed[0], reader), render.buttons(claimed[0], reader)
            if route.on_behalf_of is not None:
                text = render.on_behalf(text, reader, route.on_behalf_of)
            sent = await self._send(route.chat_id, text, buttons)
            outcome = sent.outcome
            if isinstance(outcome, delivery.Blocked) and await self._is_group(sent.chat_id):
                # A team group kicked the bot: closed once, its own rows held; rerouted rows
                # go back so the next pass routes them without the group.
                await self._outbox.group_refused(sent.chat_id, outcome.error)
                await self._release(claimed, outcome.error)
                return True
            if isinstance(outcome, delivery.Blocked) and sent.chat_id != claimed[0].chat_id:
                # The deputy refuses messages: hold their chat, and put these back so the
                # next pass routes them to whoever covers next.
                await self._hold(sent.chat_id, reader, outcome.error)
                await self._release(claimed, outcome.error)
                return True
            return await self._settle(claimed, reader, sent)
        finally:
            self._inflight -= ids

    async def _send(self, chat_id: int, text: str, buttons: Buttons | None) -> Delivery:
        return await self._outbox.send(chat_id, text, buttons)

    async def _is_group(self, chat_id: int) -> bool:
        return await team_chats.get(self._db, chat_id) is not None

    # -- outcomes ---------------------------------------------------------------------

    async def _settle(self, rows: list[Reminder], reader: User, sent: Delivery) -> bool:
        now = self._clock.timestamp()
        outcome = sent.outcome
        if isinstance(outcome, delivery.Sent):
            self._backoff = 0.0
            followers: list[int] = []
            async with self._db.transaction() as tx:
                for row in rows:
                    await reminders.mark_sent(
                        tx, row.id, message_id=outcome.message_id, delivered_to=reader.id, now=now
                    )
                    follower = await self._insert_next(tx, row, now)
                    if follower is not None:
                        followers.append(follower)
            self.delivered += 1
            for due_at in followers:
                self.poke(due_at)
            if self._obligations is not None:
                for row in rows:
                    for note in await self._obligations.escalations(row, reader):
                        await self._outbox.escalate(note.chat_id, note.text)
            return True
        if isinstance(outcome, delivery.Blocked):
            await self._hold(sent.chat_id, reader, outcome.error)  # the id after a migration
            return False
        if isinstance(outcome, delivery.TimedOut):
            # It may have arrived: never "failed". One marked retry, then recorded as sent
            # with the doubt kept (uncertain), and nobody is told it was lost.
            retry = [row for row in rows if not (row.uncertain and row.last_error == TIMED_OUT)]
            async with self._db.transaction() as tx:
                for row in retry:
                    await reminders.release(tx, row.id, error=TIMED_OUT, now=now, uncertain=True)
                for row in rows:
                    if row not in retry:
                        await reminders.mark_uncertain(tx, row.id, delivered_to=reader.id, now=now)
                        await self._insert_next(tx, row, now)
            return True
        if isinstance(outcome, delivery.NetworkDown | delivery.RetryLater):
            # A dropped connection may come after Telegram accepted the message: the resend
            # carries the repeat marker.
            if isinstance(outcome, delivery.NetworkDown):
                await self._release(rows, DROPPED, uncertain=True)
                self._back_off(outcome.error)
            else:
                await self._release(rows, _error(outcome))
            return False
        await self._fail(rows, reader, _error(outcome))  # Rejected, or BadEntities as plain
        return True

    async def _release(self, rows: list[Reminder], error: str, *, uncertain: bool = False) -> None:
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            for row in rows:
                await reminders.release(tx, row.id, error=error, now=now, uncertain=uncertain)

    async def _fail(self, rows: list[Reminder], reader: User, error: str) -> None:
        """Permanent: mark failed and tell the admins (never retried unchanged)."""
        log.error("reminders %s failed permanently: %s", [r.id for r in rows], error)
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            for row in rows:
                await reminders.mark_failed(tx, row.id, error=error, now=now)
        for row in rows:
            await self._outbox.tell_admins(
                "reminder.admin_failed", id=row.id, name=reader.name, error=error
            )

    async def _guarded(self, step) -> None:
        """Generated reminders and digests must never stop the delivery of the others.
        With several workers on one database only the one holding the step's lock runs it
        now; the others skip it (it is done, or being done, by that one)."""
        try:
            async with self._db.exclusive(f"dispatcher.{step.__name__}") as mine:
                if mine:
                    await step()
        except Exception:
            log.exception("%s failed; delivering the rest anyway", step.__name__)

    async def _sync_obligations(self) -> None:
        if self._obligations is not None:
            await self._obligations.sync()

    async def _send_digests(self) -> None:
        """Each user's daily digest once their digest time has come (skipped when empty)."""
        if self._obligations is None:
            return
        for user, digest, day in await self._obligations.due_digests():
            if self.stopping:
                return
            if digest is not None and user.chat_id is not None:
                sent = await self._send(user.chat_id, render.daily_digest(digest), None)
                if not isinstance(sent.outcome, delivery.Sent):
                    log.warning("daily digest for user %d not sent: %s", user.id, sent.outcome)
                    continue
            await self._obligations.mark_digest_sent(user, day)

    def _back_off(self, error: str) -> None:
        self._backoff = min(max(self._backoff * 2, 1.0), self.MAX_BACKOFF)
        self._backoff_until = asyncio.get_running_loop().time() + self._backoff
        log.warning("network error (%s); backing off %.0f s", error, self._backoff)

    async def _insert_next(self, tx: Tx, row: Reminder, now: int) -> int | None:
        """The next occurrence of a recurring reminder (or the next repeat of a payment
        reminder), in the same transaction as its mark."""
        if row.kind == "payment" and self._obligations is not None:
            return await self._obligations.payment_repeat(tx, row, now)
        return await series.insert_next(tx, row, now)

    async def _hold(self, chat_id: int, reader: User, error: str) -> None:
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            held = await reminders.hold_chat(tx, chat_id, error=error, now=now)
        log.warning("chat %d refuses messages (%s); %d reminders on hold", chat_id, error, held)
        if reader.chat_blocked and reader.chat_id == chat_id:
            return  # the admins already know this person blocked the bot: once is enough
        await self._outbox.tell_admins(
            "reminder.admin_blocked", skip_chat=chat_id, name=reader.name, count=held
        )


def _error(outcome: Outcome) -> str:
    return str(getattr(outcome, "error", outcome))
