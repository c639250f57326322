"""HTTP control API under /_emu/: act as users and inspect the emulator from another process.

Every answer is {"ok": true, "result": ...} or {"ok": false, "error": "..."} (status 400).
POST bodies must be JSON (`Content-Type: application/json`), which a browser page on another
origin cannot send without a CORS preflight that we never grant.

    GET  /_emu/health                      {"bot": username, "mark": n}
    GET  /_emu/mark                        n
    GET  /_emu/stats                       {"requests", "too_many_requests", "faults"}
    GET  /_emu/messages?chat_id=&since=&with_content=1   the bot's messages, as they are now
    GET  /_emu/calls?method=&since=        recorded Bot API requests
    GET  /_emu/callback_answers?query_id=
    GET  /_emu/commands?language_code=     the command menu for the default scope
    POST /_emu/users        {user, started?}
    POST /_emu/groups       {title, chat_id?, type?, username?}
    POST /_emu/send_text    {user, text, chat_id?}               -> {message, mark}
    POST /_emu/forward_text {user, text, origin_name?, origin_user?} -> {message, mark}
    POST /_emu/send_document {user, filename, content_b64, mime_type?, caption?, chat_id?}
    POST /_emu/press        {user, callback_data, message_id?, chat_id?}
                                                        -> {query_id, message_id, mark}
    POST /_emu/chat_member  {chat_id, from_user, old_status, new_status}
    POST /_emu/migrate      {old_chat_id, new_chat_id, by?}
    POST /_emu/wait         {chat_id, since, timeout?, settle?, query_id?}
                            -> {mark, messages, answers}: what changed in the chat after
                               `since`, once something did and then nothing more for `settle` s
    POST /_emu/fault        {chat_id, kind, description?, times?, hold_seconds?, deliver?,
                             retry_after?}
    POST /_emu/clear_fault  {chat_id}
    POST /_emu/release      {chat_id}
    POST /_emu/reset

A `user` is an id or {"id", "first_name", "last_name", "username", "language_code"}.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from aiohttp import web

from sandbox.inject import latest_with_button
from sandbox.models import BotMessage, Call, FakeChat, FakeUser
from sandbox.state import EmulatorState


class Controlled(Protocol):
    """The emulator's public side these routes drive (`BotApiEmulator` is the one)."""

    state: EmulatorState
    stats: dict[str, int]
    bot_user: dict[str, Any]

    @property
    def calls(self) -> list[Call]: ...

    def mark(self) -> int: ...

    def messages(
        self, chat_id: int, *, include_deleted: bool = False, since: int | None = None
    ) -> list[BotMessage]: ...

    def callback_answers(self, query_id: str) -> list[dict[str, Any]]: ...

    def commands(self, language_code: str = "", scope: dict | None = None) -> list[dict]: ...

    def add_user(self, user: FakeUser | int, *, started: bool = True) -> FakeUser: ...

    def add_group(
        self,
        title: str = "Team",
        *,
        chat_id: int | None = None,
        type: str = "group",
        username: str | None = None,
        bot_status: str = "member",
    ) -> FakeChat: ...

    def send_text(
        self, user: FakeUser | int, text: str, *, chat: FakeChat | int | None = None
    ) -> dict[str, Any]: ...

    def forward_text(
        self,
        user: FakeUser | int,
        text: str,
        *,
        origin_name: str | None = None,
        origin_user: FakeUser | int | None = None,
    ) -> dict[str, Any]: ...

    def send_document(
        self,
        user: FakeUser | int,
        filename: str,
        content: bytes,
        mime_type: str = "text/csv",
        caption: str | None = None,
        chat: FakeChat | int | None = None,
    ) -> dict[str, Any]: ...

    def press_button(
        self,
        user: FakeUser | int,
        message_id: int | None,
        callback_data: str,
        *,
        chat: int | None = None,
    ) -> str: ...

    def chat_member_update(
        self, chat: FakeChat | int, from_user: FakeUser | int, old_status: str, new_status: str
    ) -> dict[str, Any]: ...

    def migrate_chat(
        self, old_chat_id: int, new_chat_id: int, *, by: FakeUser | int | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]: ...

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
    ) -> None: ...

    def clear_fault(self, chat_id: int | str) -> None: ...

    def release(self, chat_id: int | str) -> None: ...

    def reset(self) -> None: ...


Handler = Callable[[Controlled, dict[str, Any]], Awaitable[Any] | Any]
MAX_WAIT = 120.0


def _user(emu: Controlled, value: Any) -> FakeUser:
    if isinstance(value, dict):
        if set(value) <= {"id"}:
            return emu.state.user(int(value["id"]))
        return emu.state.user(FakeUser.from_dict(value))
    if value is None:
        raise ValueError("user is required")
    return emu.state.user(int(value))


def _opt_int(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def health(emu: Controlled, body: dict) -> dict:
    return {"bot": emu.bot_user["username"], "mark": emu.mark()}


def mark(emu: Controlled, body: dict) -> int:
    return emu.mark()


def stats(emu: Controlled, body: dict) -> dict:
    return dict(emu.stats)


def messages(emu: Controlled, body: dict) -> list:
    with_content = str(body.get("with_content", "")).lower() in ("1", "true")
    found = emu.messages(
        int(body["chat_id"]),
        include_deleted=str(body.get("include_deleted", "")).lower() in ("1", "true"),
        since=_opt_int(body.get("since")),
    )
    return [m.to_json(with_content=with_content) for m in found]


def calls(emu: Controlled, body: dict) -> list:
    since, method = _opt_int(body.get("since")), body.get("method")
    return [
        c.to_json()
        for c in emu.calls
        if (since is None or c.seq > since) and (not method or c.method.lower() == method.lower())
    ]


def callback_answers(emu: Controlled, body: dict) -> list:
    return emu.callback_answers(str(body["query_id"]))


def commands(emu: Controlled, body: dict) -> list:
    return emu.commands(str(body.get("language_code") or ""))


def users(emu: Controlled, body: dict) -> dict:
    user = emu.add_user(_user(emu, body.get("user")), started=body.get("started", True))
    return user.to_dict()


def groups(emu: Controlled, body: dict) -> dict:
    chat = emu.add_group(
        body.get("title", "Team"),
        chat_id=_opt_int(body.get("chat_id")),
        type=body.get("type", "group"),
        username=body.get("username"),
    )
    return chat.to_dict()


def send_text(emu: Controlled, body: dict) -> dict:
    before = emu.mark()
    user = _user(emu, body.get("user"))
    message = emu.send_text(user, str(body["text"]), chat=_opt_int(body.get("chat_id")))
    return {"message": message, "mark": before}


def forward_text(emu: Controlled, body: dict) -> dict:
    before = emu.mark()
    origin = body.get("origin_user")
    message = emu.forward_text(
        _user(emu, body.get("user")),
        str(body["text"]),
        origin_name=body.get("origin_name"),
        origin_user=_user(emu, origin) if origin is not None else None,
    )
    return {"message": message, "mark": before}


def send_document(emu: Controlled, body: dict) -> dict:
    before = emu.mark()
    message = emu.send_document(
        _user(emu, body.get("user")),
        str(body["filename"]),
        base64.b64decode(body.get("content_b64", "")),
        mime_type=body.get("mime_type") or "text/csv",
        caption=body.get("caption"),
        chat=_opt_int(body.get("chat_id")),
    )
    return {"message": message, "mark": before}


def press(emu: Controlled, body: dict) -> dict:
    before = emu.mark()
    user = _user(emu, body.get("user"))
    chat_id = _opt_int(body.get("chat_id"))
    message_id = _opt_int(body.get("message_id"))
    data = str(body["callback_data"])
    if message_id is None:
        message_id = latest_with_button(emu.state, user.id if chat_id is None else chat_id, data)
    query_id = emu.press_button(user, message_id, data, chat=chat_id)
    return {"query_id": query_id, "message_id": message_id, "mark": before}


def chat_member(emu: Controlled, body: dict) -> dict:
    return emu.chat_member_update(
        int(body["chat_id"]),
        _user(emu, body.get("from_user")),
        str(body["old_status"]),
        str(body["new_status"]),
    )


def migrate(emu: Controlled, body: dict) -> list:
    by = body.get("by")
    first, second = emu.migrate_chat(
        int(body["old_chat_id"]),
        int(body["new_chat_id"]),
        by=_user(emu, by) if by is not None else None,
    )
    return [first, second]


async def wait(emu: Controlled, body: dict) -> dict:
    chat_id, since = int(body["chat_id"]), int(body.get("since") or 0)
    timeout = min(float(body.get("timeout", 10.0)), MAX_WAIT)
    settle = float(body.get("settle", 0.5))
    query_id = body.get("query_id")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout

    def changed() -> list:
        return [m for m in emu.messages(chat_id, include_deleted=True) if m.last_change > since]

    def signature() -> tuple:
        answers = len(emu.callback_answers(str(query_id))) if query_id else 0
        return (*((m.message_id, m.last_change) for m in changed()), answers)

    first = await emu.state.wait_until(lambda: signature() if any(signature()) else None, timeout)

    def moved_from(seen: tuple) -> Callable[[], bool | None]:
        return lambda: True if signature() != seen else None

    while first is not None:
        remaining = deadline - loop.time()
        moved = await emu.state.wait_until(
            moved_from(signature()), max(0.0, min(settle, remaining))
        )
        if moved is None or loop.time() >= deadline:
            break
    return {
        "mark": emu.mark(),
        "messages": [m.to_json() for m in changed()],
        "answers": emu.callback_answers(str(query_id)) if query_id else [],
    }


def fault(emu: Controlled, body: dict) -> None:
    hold = body.get("hold_seconds")
    emu.set_fault(
        _opt_int(body["chat_id"]) or str(body["chat_id"]),
        str(body["kind"]),
        description=body.get("description"),
        times=_opt_int(body.get("times")),
        hold_seconds=float(hold) if hold is not None else None,
        deliver=bool(body.get("deliver", False)),
        retry_after=_opt_int(body.get("retry_after")) or 1,
    )


def clear_fault(emu: Controlled, body: dict) -> None:
    emu.clear_fault(body["chat_id"])


def release(emu: Controlled, body: dict) -> None:
    emu.release(body["chat_id"])


def reset(emu: Controlled, body: dict) -> None:
    emu.reset()


GET_ROUTES: dict[str, Handler] = {
    "health": health,
    "mark": mark,
    "stats": stats,
    "messages": messages,
    "calls": calls,
    "callback_answers": callback_answers,
    "commands": commands,
}
POST_ROUTES: dict[str, Handler] = {
    "users": users,
    "groups": groups,
    "send_text": send_text,
    "forward_text": forward_text,
    "send_document": send_document,
    "press": press,
    "chat_member": chat_member,
    "migrate": migrate,
    "wait": wait,
    "fault": fault,
    "clear_fault": clear_fault,
    "release": release,
    "reset": reset,
}


def _endpoint(emu: Controlled, handler: Handler, post: bool):
    async def serve(request: web.Request) -> web.Response:
        if post and request.content_type != "application/json":
            return web.json_response(
                {"ok": False, "error": "POST bodies must be application/json"}, status=415
            )
        try:
            body = (await request.json() or {}) if post and request.can_read_body else {}
            body = {**request.query, **body}
            result = handler(emu, body)
            if asyncio.iscoroutine(result):
                result = await result
        except (KeyError, ValueError, TypeError) as error:
            message = f"missing field {error}" if isinstance(error, KeyError) else str(error)
            return web.json_response({"ok": False, "error": message}, status=400)
        return web.json_response({"ok": True, "result": result})

    return serve


def add_control_routes(app: web.Application, emu: Controlled) -> None:
    for name, handler in GET_ROUTES.items():
        app.router.add_get(f"/_emu/{name}", _endpoint(emu, handler, post=False))
    for name, handler in POST_ROUTES.items():
        app.router.add_post(f"/_emu/{name}", _endpoint(emu, handler, post=True))
