"""The emulator's memory, shared by the Bot API methods, the injectors and the inspectors.

Everything lives in one event loop, so no locks: a change bumps `seq` and calls `notify()`,
which wakes whoever waits in `wait_until` (tests, the control API, getUpdates).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import mimetypes
from collections.abc import Callable
from typing import Any, TypeVar

from sandbox.models import (
    ApiError,
    BotMessage,
    Call,
    FakeChat,
    FakeUser,
    Fault,
    StoredFile,
    bad_request,
)

T = TypeVar("T")

# Bot API default when allowed_updates was never set: all but these three.
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class EmulatorState:
    def __init__(
        self,
        bot_user: dict[str, Any],
        *,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
    ) -> None:
        self.bot_user = bot_user
        self.clock = clock
        self.wall_clock = wall_clock
        # Kept across reset(): a bot that keeps polling must never see update ids go back,
        # and marks taken before a reset stay meaningful.
        self.next_update_id = 1
        self.seq = 0
        self.poll_generation = 0
        self._changed = asyncio.Event()
        self._updates_changed = asyncio.Event()
        self.reset()

    def reset(self) -> None:
        self.users: dict[int, FakeUser] = {}
        self.chats: dict[int, FakeChat] = {}
        self.bot_status: dict[int, str] = {}  # the bot's membership per chat
        self.members: dict[tuple[int, int], str] = {}  # (chat, user) -> status
        self.migrated: dict[int, int] = {}
        self.message_ids: dict[int, int] = {}
        self.bot_messages: dict[int, dict[int, BotMessage]] = {}
        self.user_messages: dict[int, dict[int, dict[str, Any]]] = {}
        self.updates: list[dict[str, Any]] = []
        self.webhook: Any = None  # sandbox/webhook.py: updates are POSTed there when set
        self.webhook_posts: list[tuple[int, int]] = []  # (update_id, HTTP status) per POST
        self.allowed_updates: frozenset[str] | None = None
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.calls: list[Call] = []
        self.queries: dict[str, dict[str, Any]] = {}  # id -> {"query", "answers"}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.faults: dict[int | str, Fault] = {}
        self._counter = itertools.count(1)
        self.notify()

    # -- time, order and waking -------------------------------------------------------

    def now(self) -> int:
        return int(self.wall_clock())

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def unique(self) -> int:
        return next(self._counter)

    def notify(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    def notify_updates(self) -> None:
        event, self._updates_changed = self._updates_changed, asyncio.Event()
        event.set()

    async def wait_until(
        self,
        check: Callable[[], T | None],
        timeout: float,  # noqa: ASYNC109 - an upper bound, like every wait here
        *,
        updates: bool = False,
    ) -> T | None:
        """check()'s first non-None answer, re-checked on every change; None on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._updates_changed if updates else self._changed
            found = check()
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    # -- users and chats ------------------------------------------------------------------

    def user(self, user: FakeUser | int) -> FakeUser:
        """The registered user for an id (a plain id gets a default name)."""
        if isinstance(user, FakeUser):
            self.users[user.id] = user
            return user
        known = self.users.get(user)
        if known is None:
            known = self.users[user] = FakeUser(id=user, first_name=f"User{user}")
        return known

    def private_chat(self, user: FakeUser) -> FakeChat:
        chat = FakeChat.private(user)
        self.chats[user.id] = chat
        self.bot_status.setdefault(user.id, "member")
        return chat

    def add_chat(self, chat: FakeChat, *, bot_status: str = "member") -> FakeChat:
        self.chats[chat.id] = chat
        self.bot_status.setdefault(chat.id, bot_status)
        return chat

    def resolve_chat_id(self, chat_id: Any) -> int:
        """An integer chat id from a request (ints, digit strings or @username)."""
        if isinstance(chat_id, bool) or chat_id in (None, ""):
            raise bad_request("chat_id is empty")
        if isinstance(chat_id, int):
            return chat_id
        text = str(chat_id).strip()
        if text.startswith("@"):
            for chat in self.chats.values():
                if chat.username and chat.username.lower() == text[1:].lower():
                    return chat.id
            raise bad_request("chat not found")
        try:
            return int(text)
        except ValueError:
            raise bad_request("chat not found") from None

    def target_chat(self, chat_id: Any) -> FakeChat:
        """The chat a bot request addresses, or the error Telegram would answer."""
        cid = self.resolve_chat_id(chat_id)
        if cid in self.migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self.migrated[cid]},
            )
        chat = self.chats.get(cid)
        if chat is None and cid in self.users:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        if chat is None:
            raise bad_request("chat not found")
        status = self.bot_status.get(cid, "member")
        if chat.type == "private" and status == "kicked":
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat.type != "private" and status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat.type} chat")
        if chat.type != "private" and status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {chat.type} chat")
        return chat

    # -- messages, updates, files ---------------------------------------------------------

    def next_message_id(self, chat_id: int) -> int:
        self.message_ids[chat_id] = self.message_ids.get(chat_id, 0) + 1
        return self.message_ids[chat_id]

    def push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self.next_update_id, kind: payload}
        self.next_update_id += 1
        self.updates.append(update)
        self.next_seq()
        self.notify_updates()
        self.notify()
        return update

    def pending_updates(self, limit: int) -> list[dict[str, Any]]:
        allowed = self.allowed_updates
        found = []
        for update in self.updates:
            kind = next(key for key in update if key != "update_id")
            wanted = kind not in NOT_BY_DEFAULT if allowed is None else kind in allowed
            if wanted:
                found.append(update)
                if len(found) >= limit:
                    break
        return found

    def confirm_updates(self, offset: int) -> None:
        """Forget updates below offset (negative: keep only the last -offset)."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        self.notify()

    def store_file(
        self, content: bytes, filename: str | None, mime_type: str | None, folder: str
    ) -> StoredFile:
        n = self.unique()
        suffix = ""
        if filename and "." in filename:
            suffix = "." + filename.rsplit(".", 1)[1]
        elif folder == "photos":
            suffix = ".jpg"
        if mime_type is None and filename:
            mime_type = mimetypes.guess_type(filename)[0]
        stored = StoredFile(
            file_id=f"{folder[:3].upper()}AgADAgAD{n:06d}",
            file_unique_id=f"AgAD{n:06d}",
            file_path=f"{folder}/file_{n}{suffix}",
            filename=filename,
            mime_type=mime_type,
            content=content,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    def find_message(self, chat_id: int, message_id: int) -> BotMessage | dict[str, Any] | None:
        """A live message in the chat, the bot's (BotMessage) or a user's (dict)."""
        sent = self.bot_messages.get(chat_id, {}).get(message_id)
        if sent is not None:
            return None if sent.deleted else sent
        return self.user_messages.get(chat_id, {}).get(message_id)

    def message_dict(self, msg: BotMessage, *, with_reply: bool = True) -> dict[str, Any]:
        """The bot's message as the Bot API returns it."""
        chat = self.chats.get(msg.chat_id) or FakeChat(msg.chat_id, "private")
        data: dict[str, Any] = {
            "message_id": msg.message_id,
            "from": self.bot_user,
            "chat": chat.to_dict(),
            "date": msg.date,
        }
        text_key, entities_key = "text", "entities"
        if msg.kind == "document" and msg.file is not None:
            data["document"] = msg.file.document()
            text_key, entities_key = "caption", "caption_entities"
        elif msg.kind == "photo" and msg.file is not None:
            data["photo"] = msg.file.photo()
            text_key, entities_key = "caption", "caption_entities"
        if msg.text or text_key == "text":
            data[text_key] = msg.text
        if msg.entities:
            data[entities_key] = msg.entities
        if msg.reply_markup and "inline_keyboard" in msg.reply_markup:
            data["reply_markup"] = msg.reply_markup
        if msg.link_preview_options:
            data["link_preview_options"] = msg.link_preview_options
        if msg.edit_date is not None:
            data["edit_date"] = msg.edit_date
        if with_reply and msg.reply_to_message_id is not None:
            replied = self.find_message(msg.chat_id, msg.reply_to_message_id)
            if isinstance(replied, BotMessage):
                data["reply_to_message"] = self.message_dict(replied, with_reply=False)
            elif replied is not None:
                data["reply_to_message"] = {
                    k: v for k, v in replied.items() if k != "reply_to_message"
                }
        return data
