"""A Telegram Bot API emulator on loopback, for end-to-end tests and the local sandbox.

The real PTB stack talks to it unchanged:

    emu = BotApiEmulator(token=TOKEN)
    await emu.start()                       # 127.0.0.1, a free port
    app = ApplicationBuilder().token(TOKEN).base_url(emu.base_url)
          .base_file_url(emu.base_file_url).build()

Tests act as users (`send_text`, `press_button`, `send_document`, `chat_member_update`,
`migrate_chat`), then wait for what the bot did (`wait_for_message`, `wait_for_edit`,
`wait_for_call`), never sleeping: every wait wakes on the change it waits for.
Other processes do the same through the HTTP control API under /_emu/ (see
`sandbox.control.ControlClient` and `python -m sandbox`).

It answers like Telegram, errors included: flood limits (429 with retry_after, see
`sandbox.flood`), HTML entity errors, message length in UTF-16 units, blocked users,
group -> supergroup migration, and per-chat faults a test sets (403, 400, timeouts, held
requests, dropped connections). State is in memory and outlives the bot process: updates
are only forgotten once the bot confirms them with a higher getUpdates offset.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from sandbox import inject
from sandbox.control import add_control_routes
from sandbox.flood import FloodControl, FloodLimits
from sandbox.models import FAULT_KINDS, BotMessage, Call, FakeChat, FakeUser, Fault
from sandbox.server import build_app, http_url, serve_loopback
from sandbox.state import EmulatorState
from sandbox.webhook import push_updates

DEFAULT_BOT_ID = 1000000001
MessagePredicate = Callable[[BotMessage], bool] | str | None


def _matches(predicate: MessagePredicate, msg: BotMessage) -> bool:
    if predicate is None:
        return True
    if isinstance(predicate, str):
        return predicate in msg.text
    return bool(predicate(msg))


class BotApiEmulator:
    def __init__(
        self,
        token: str | None = None,
        *,
        bot_username: str = "amb_sandbox_bot",
        bot_name: str = "Sandbox Bot",
        flood_limits: bool | FloodLimits = True,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        hold_seconds: float = 30.0,
    ) -> None:
        """token=None accepts any well-formed token; flood_limits=False turns 429s off."""
        self.token = token
        self.token_rejected: int | None = None  # 401 or 404: every token is refused
        prefix = token.split(":", 1)[0] if token else ""
        self.bot_user: dict[str, Any] = {
            "id": int(prefix) if prefix.isdigit() else DEFAULT_BOT_ID,
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        self.state = EmulatorState(self.bot_user, clock=clock, wall_clock=wall_clock)
        self._limits = FloodLimits() if flood_limits is True else flood_limits or None
        self._clock = clock
        self.flood = FloodControl(self._limits, clock) if self._limits else None
        self.hold_seconds = hold_seconds
        self.stats: dict[str, int] = {"requests": 0, "too_many_requests": 0, "faults": 0}
        self._held: dict[int | str, list[Fault]] = {}
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._host = "127.0.0.1"
        self._port = 0
        self._pusher: asyncio.Task | None = None

    # -- lifecycle --------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on a loopback address; port 0 picks a free one (read it from .port)."""
        self._stopping = asyncio.Event()
        app = build_app(self)  # the Bot API
        add_control_routes(app, self)  # /_emu/: act as users from another process
        self._runner, self._host, self._port = await serve_loopback(app, host, port, "the emulator")
        self._pusher = asyncio.create_task(push_updates(self.state, self._stopping))

    async def stop(self) -> None:
        """Stop serving; held and long-polling requests end at once. State is kept."""
        self._stopping.set()
        self.state.notify()
        self.state.notify_updates()
        pusher, self._pusher = self._pusher, None
        if pusher is not None:
            await pusher
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return http_url(self._host, self._port)

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def reset(self) -> None:
        """Forget users, chats, messages, calls, faults and flood buckets (between tests).

        update_id and mark() keep counting up, so a bot that keeps polling is not confused.
        """
        for chat_id in list(self._held):
            self.release(chat_id)
        self.state.reset()
        self.token_rejected = None
        if self._limits:
            self.flood = FloodControl(self._limits, self._clock)
        self.stats = dict.fromkeys(self.stats, 0)

    # -- acting as users --------------------------------------------------------------

    def add_user(self, user: FakeUser | int, *, started: bool = True) -> FakeUser:
        """Make a user known; started=True opens their private chat as /start would."""
        known = self.state.user(user)
        if started:
            self.state.private_chat(known)
        return known

    def add_group(
        self,
        title: str = "Team",
        *,
        chat_id: int | None = None,
        type: str = "group",  # Telegram's own field name
        username: str | None = None,
        bot_status: str = "member",
    ) -> FakeChat:
        """Register a group the bot is in (ids: -4000000000-n, supergroups -1002000000000-n)."""
        if chat_id is None:
            n = self.state.unique()
            chat_id = -(1002000000000 + n) if type == "supergroup" else -(4000000000 + n)
        chat = FakeChat(chat_id, type, title=title, username=username)
        return self.state.add_chat(chat, bot_status=bot_status)

    def set_member_status(self, chat_id: int, user: FakeUser | int, status: str) -> None:
        """What getChatMember answers for a user (creator, administrator, member, ...)."""
        self.state.members[(chat_id, self.state.user(user).id)] = status

    def send_text(
        self, user: FakeUser | int, text: str, *, chat: FakeChat | int | None = None
    ) -> dict[str, Any]:
        """The user writes; a leading /command (also /cmd@bot) gets its bot_command entity."""
        return inject.user_message(self.state, user, chat, **inject.text_content(text))

    def edit_text(self, chat_id: int, message_id: int, text: str) -> dict[str, Any]:
        """The user edits a message they sent earlier (Telegram sends `edited_message`)."""
        return inject.edit_message(self.state, chat_id, message_id, text)

    def forward_text(
        self,
        user: FakeUser | int,
        text: str,
        *,
        origin_name: str | None = None,
        origin_user: FakeUser | int | None = None,
    ) -> dict[str, Any]:
        """The user forwards someone's message: origin_user -> "user", else "hidden_user"."""
        origin = inject.forward_origin(self.state, origin_name, origin_user)
        return inject.user_message(self.state, user, None, text=text, forward_origin=origin)

    def send_document(
        self,
        user: FakeUser | int,
        filename: str,
        content: bytes,
        mime_type: str = "text/csv",
        caption: str | None = None,
        chat: FakeChat | int | None = None,
    ) -> dict[str, Any]:
        """The user sends a file; the bot can getFile it and download the bytes."""
        stored = self.state.store_file(content, filename, mime_type, "documents")
        extra = {"caption": caption} if caption else {}
        return inject.user_message(self.state, user, chat, document=stored.document(), **extra)

    def press_button(
        self,
        user: FakeUser | int,
        message_id: int | None,
        callback_data: str,
        *,
        chat: int | None = None,
    ) -> str:
        """Press an inline button (message_id None: the latest message carrying it).

        Raises ValueError if that message has no such button now. Returns the query id.
        """
        return inject.press_button(self.state, user, message_id, callback_data, chat)

    def forge_press(
        self,
        user: FakeUser | int,
        message_id: int | None,
        callback_data: str,
        *,
        chat: int | None = None,
    ) -> str:
        """A press with any callback data on a message that has buttons (a modified client)."""
        return inject.forge_press(self.state, user, message_id, callback_data, chat)

    def chat_member_update(
        self,
        chat: FakeChat | int,
        from_user: FakeUser | int,
        old_status: str,
        new_status: str,
    ) -> dict[str, Any]:
        """my_chat_member for the bot; "member" -> "kicked" in private = blocked (403 after)."""
        return inject.my_chat_member(self.state, chat, from_user, old_status, new_status)

    def migrate_chat(
        self, old_chat_id: int, new_chat_id: int, *, by: FakeUser | int | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Group -> supergroup; afterwards sends to the old id answer 400 migrate_to_chat_id."""
        return inject.migrate_chat(self.state, old_chat_id, new_chat_id, by)

    # -- faults -----------------------------------------------------------------------

    def set_fault(
        self,
        chat_id: int | str,
        kind: str,
        *,
        description: str | None = None,
        times: int | None = None,
        hold_seconds: float | None = None,
        deliver: bool = False,
        retry_after: int = 1,
    ) -> None:
        """Make sends to the chat fail: forbidden, bad_request, timeout, hold, network or
        flood (429 asking to wait `retry_after` seconds).

        times=N applies to the next N sends only. deliver=True (timeout, hold, network)
        records the message as delivered although the bot gets no answer (in time).
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; use one of {sorted(FAULT_KINDS)}")
        self.state.faults[self._chat_key(chat_id)] = Fault(
            kind,
            description=description,
            times=times,
            hold_seconds=self.hold_seconds if hold_seconds is None else hold_seconds,
            deliver=deliver,
            retry_after=retry_after,
        )

    def clear_fault(self, chat_id: int | str) -> None:
        self.state.faults.pop(self._chat_key(chat_id), None)

    def release(self, chat_id: int | str) -> None:
        """Let requests held by a "hold" fault go on, and stop holding new ones."""
        key = self._chat_key(chat_id)
        fault = self.state.faults.get(key)
        if fault is not None and fault.kind == "hold":
            del self.state.faults[key]
            fault.released.set()
        for held in self._held.pop(key, []):
            held.released.set()

    def held_count(self, chat_id: int | str) -> int:
        """Requests to the chat currently held open by a "hold" fault."""
        return sum(
            1 for f in self._held.get(self._chat_key(chat_id), []) if not f.released.is_set()
        )

    @staticmethod
    def _chat_key(chat_id: int | str) -> int | str:
        try:
            return int(chat_id)
        except (TypeError, ValueError):
            return str(chat_id)

    def take_fault(self, chat_id: int | str) -> Fault | None:
        key = self._chat_key(chat_id)
        fault = self.state.faults.get(key)
        if fault is None:
            return None
        if fault.times is not None:
            fault.times -= 1
            if fault.times <= 0:
                del self.state.faults[key]
        if fault.kind == "hold":
            self._held.setdefault(key, []).append(fault)
        self.stats["faults"] += 1
        return fault

    async def hold(self, seconds: float | None, until: asyncio.Event | None = None) -> None:
        waits = [asyncio.ensure_future(self._stopping.wait())]
        if until is not None:
            waits.append(asyncio.ensure_future(until.wait()))
        try:
            await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waits:
                waiter.cancel()

    # -- what the bot did ---------------------------------------------------------------

    def begin_call(self, method: str, params: dict[str, Any]) -> Call:
        chat_id = params.get("chat_id")
        call = Call(
            seq=self.state.next_seq(),
            method=method,
            params=params,
            monotonic=time.monotonic(),
            wall=time.time(),
            chat_id=self._chat_key(chat_id) if chat_id not in (None, "") else None,
        )
        self.state.calls.append(call)
        self.stats["requests"] += 1
        self.state.notify()
        return call

    def end_call(self, call: Call, status: int, **outcome: Any) -> None:
        call.status = status
        call.result = outcome.get("result")
        call.error = outcome.get("error")
        call.parameters = outcome.get("parameters")
        call.done_seq = self.state.next_seq()
        self.state.notify()

    @property
    def calls(self) -> list[Call]:
        """Every Bot API request so far, in arrival order (status None while in flight)."""
        return list(self.state.calls)

    def in_flight(self, method: str | None = None) -> list[Call]:
        """Requests not answered yet (long polls, held sends), optionally of one method."""
        return [
            call
            for call in self.state.calls
            if call.status is None and (method is None or call.method.lower() == method.lower())
        ]

    def mark(self) -> int:
        """A point in time for `since=`: only what happens after it counts."""
        return self.state.seq

    def messages(
        self, chat_id: int, *, include_deleted: bool = False, since: int | None = None
    ) -> list[BotMessage]:
        """The bot's messages in the chat as they are now, oldest first."""
        found = self.state.bot_messages.get(chat_id, {}).values()
        return [
            m
            for m in found
            if (include_deleted or not m.deleted) and (since is None or m.seq > since)
        ]

    def message(self, chat_id: int, message_id: int) -> BotMessage:
        return self.state.bot_messages[chat_id][message_id]

    def user_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """What users sent in the chat (as injected), oldest first."""
        return list(self.state.user_messages.get(chat_id, {}).values())

    def callback_answers(self, query_id: str) -> list[dict[str, Any]]:
        """answerCallbackQuery calls for the query: text, show_alert, url, cache_time."""
        return list(self.state.queries.get(query_id, {}).get("answers", []))

    def commands(self, language_code: str = "", scope: dict | None = None) -> list[dict]:
        """The command menu set for a scope (default scope) and language ("" = all)."""
        from sandbox.methods import get_my_commands

        return get_my_commands(self.state, {"scope": scope, "language_code": language_code})

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot (through a higher getUpdates offset)."""
        return list(self.state.updates)

    def _describe_chat(self, chat_id: int) -> str:
        sent = self.messages(chat_id, include_deleted=True)
        lines = [
            f"  #{m.message_id} seq={m.seq}{' (deleted)' if m.deleted else ''}: {m.text[:120]!r}"
            + (f" buttons={m.callback_data}" if m.callback_data else "")
            for m in sent
        ] or ["  (nothing)"]
        failed = [
            f"  {c.method} -> {c.status} {c.error}"
            for c in self.state.calls
            if c.chat_id == chat_id and c.status not in (None, 200)
        ]
        text = f"the bot sent to chat {chat_id}:\n" + "\n".join(lines)
        if failed:
            text += "\nfailed calls for that chat:\n" + "\n".join(failed[-10:])
        return text

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: MessagePredicate = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - an upper bound, part of the test API
        since: int | None = None,
    ) -> BotMessage:
        """The first bot message in the chat sent after `since` matching the predicate.

        A str predicate matches as a substring of the text. Raises TimeoutError saying
        what the bot did send to that chat.
        """

        def check() -> BotMessage | None:
            for msg in self.messages(chat_id, since=since):
                if _matches(predicate, msg):
                    return msg
            return None

        found = await self.state.wait_until(check, timeout)
        if found is None:
            raise TimeoutError(
                f"no bot message in chat {chat_id} after mark {since} matching {predicate!r} "
                f"within {timeout}s; {self._describe_chat(chat_id)}"
            )
        return found

    async def wait_for_edit(
        self,
        chat_id: int,
        message_id: int | None = None,
        predicate: MessagePredicate = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - an upper bound, part of the test API
        since: int | None = None,
    ) -> BotMessage:
        """A bot message in the chat edited (or deleted) after `since`, matching."""

        def check() -> BotMessage | None:
            for msg in self.messages(chat_id, include_deleted=True):
                edited = msg.edited_seq is not None and (since is None or msg.edited_seq > since)
                if edited and message_id in (None, msg.message_id) and _matches(predicate, msg):
                    return msg
            return None

        found = await self.state.wait_until(check, timeout)
        if found is None:
            raise TimeoutError(
                f"no edit of message {message_id} in chat {chat_id} after mark {since} "
                f"matching {predicate!r} within {timeout}s; {self._describe_chat(chat_id)}"
            )
        return found

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - an upper bound, part of the test API
        since: int | None = None,
    ) -> Call:
        """The first request to `method` (any case) answered after `since`, matching."""

        def check() -> Call | None:
            for call in self.state.calls:
                if (
                    call.status is not None
                    and call.method.lower() == method.lower()
                    and (since is None or (call.done_seq or 0) > since)
                    and (predicate is None or predicate(call))
                ):
                    return call
            return None

        found = await self.state.wait_until(check, timeout)
        if found is None:
            seen = [
                f"{c.method}->{c.status}"
                for c in self.state.calls
                if since is None or (c.done_seq or c.seq) > since
            ]
            raise TimeoutError(
                f"no {method} call after mark {since} within {timeout}s; calls: {seen[-20:]}"
            )
        return found

    async def wait_for_request(
        self,
        method: str,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - an upper bound, part of the test API
        since: int | None = None,
    ) -> Call:
        """The first request to `method` that arrived after `since`, answered or not yet.

        For "the bot is now inside sendMessage" (held requests, long polls, kill tests).
        """

        def check() -> Call | None:
            for call in self.state.calls:
                if call.method.lower() == method.lower() and (since is None or call.seq > since):
                    return call
            return None

        found = await self.state.wait_until(check, timeout)
        if found is None:
            raise TimeoutError(f"no {method} request arrived after mark {since} within {timeout}s")
        return found

    async def wait_for_callback_answer(self, query_id: str, *, timeout: float = 5.0) -> dict:  # noqa: ASYNC109
        found = await self.state.wait_until(
            lambda: (self.callback_answers(query_id) or [None])[0], timeout
        )
        if found is None:
            raise TimeoutError(f"callback query {query_id} was not answered within {timeout}s")
        return found

    async def wait_for_updates_confirmed(self, *, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Until the bot has fetched and confirmed every injected update."""
        done = await self.state.wait_until(
            lambda: True if not self.state.updates else None, timeout
        )
        if done is None:
            raise TimeoutError(f"{len(self.state.updates)} updates still unconfirmed")
