"""The sandbox's web chat: a Telegram-like page on 127.0.0.1 in front of the emulator.

The page is static (sandbox/static/); everything live comes from a small JSON API:

    GET  /                      the chat page
    GET  /api/state             bot, personas, team group, clock, command menus, labels
    GET  /api/events            server-sent events: hello, msg (new or edited), synced (the
                                history so far has been sent), answer, clock, personas
                                (a persona's language or zone changed in /settings)
    GET  /api/files/{file_id}   a document or photo the bot sent
    POST /api/send   {user, chat_id, text}                  the persona writes
    POST /api/upload {user, chat_id, name, mime, base64}    the persona sends a document
    POST /api/press  {user, chat_id, message_id, data}      the persona presses a button
    POST /api/clock  {jump: "hour" | "day" | "next"}        fast-forward the bot's clock

Like the emulator's control API it only answers requests addressed to a loopback host name
(no DNS rebinding) and only takes JSON POST bodies (no cross-site form posts).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import json
import logging
import mimetypes
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.clock import FakeClock
from bot.config import LANGUAGES
from sandbox.demo_data import PERSONAS, TEAM_CHAT_ID, TEAM_TITLE, Persona
from sandbox.emulator import BotApiEmulator
from sandbox.feed import Feed
from sandbox.labels import LABELS
from sandbox.server import http_url, loopback_only, serve_loopback
from storage import demo, users

if TYPE_CHECKING:
    from bot.runtime import BotRuntime

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
CONTENT_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}
IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
)
HEARTBEAT = 15.0
MAX_TEXT = 4096
MAX_UPLOAD_MB = 5  # /import itself refuses CSV files over 2 MB, with a message
MAX_UPLOAD = MAX_UPLOAD_MB * 1024 * 1024
JUMPS = {"hour": 3600, "day": 86400}
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class BadRequest(Exception):
    """The page sent something we refuse; the message is shown to the person."""


@web.middleware
async def security_headers(request: web.Request, handler):
    response = await handler(request)
    response.headers.update(SECURITY_HEADERS)
    return response


def image_type(content: bytes) -> str | None:
    """Shown inline only when the bytes are an image; anything else is a download."""
    for magic, mime in IMAGE_MAGIC:
        if content.startswith(magic):
            return mime
    return None


def _sse(event: str, data: dict[str, Any]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class SandboxWeb:
    def __init__(
        self,
        emulator: BotApiEmulator,
        runtime: BotRuntime,
        clock: FakeClock,
        personas: tuple[Persona, ...] = PERSONAS,
        *,
        on_jump: Callable[[], None] | None = None,
    ) -> None:
        self.emulator = emulator
        self.runtime = runtime
        self.clock = clock
        self.on_jump = on_jump
        self.personas = {p.id: p for p in personas}
        self.clock_version = 0
        self.instance = secrets.token_hex(8)  # a restarted sandbox has forgotten its chats
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._host = "127.0.0.1"
        self._port = 0

    # -- lifecycle --------------------------------------------------------------------

    def build_app(self) -> web.Application:
        # A file travels as base64 inside JSON: a third larger than the file itself.
        app = web.Application(
            middlewares=[loopback_only, security_headers],
            client_max_size=MAX_UPLOAD * 4 // 3 + 4096,
        )
        app.router.add_get("/", self.index)
        app.router.add_get("/static/{name}", self.static)
        app.router.add_get("/api/state", self.state)
        app.router.add_get("/api/events", self.events)
        app.router.add_get("/api/files/{file_id}", self.file)
        app.router.add_post("/api/send", self._json(self.send))
        app.router.add_post("/api/upload", self._json(self.upload))
        app.router.add_post("/api/press", self._json(self.press))
        app.router.add_post("/api/clock", self._json(self.move_clock))
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._closing = asyncio.Event()
        self._runner, self._host, self._port = await serve_loopback(
            self.build_app(), host, port, "the sandbox page"
        )

    async def stop(self) -> None:
        self._closing.set()
        self.emulator.state.notify()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return http_url(self._host, self._port) + "/"

    # -- the page ---------------------------------------------------------------------

    async def index(self, request: web.Request) -> web.Response:
        return self._static_file("index.html")

    async def static(self, request: web.Request) -> web.Response:
        return self._static_file(request.match_info["name"])

    def _static_file(self, name: str) -> web.Response:
        path = STATIC / name
        content_type = CONTENT_TYPES.get(path.suffix)
        if content_type is None or "/" in name or name.startswith(".") or not path.is_file():
            raise web.HTTPNotFound()
        return web.Response(
            body=path.read_bytes(),
            content_type=content_type,
            charset="utf-8",
            headers={"Cache-Control": "no-cache"},
        )

    async def state(self, request: web.Request) -> web.Response:
        bot = self.emulator.bot_user
        return web.json_response(
            {
                "bot": {"id": bot["id"], "name": bot["first_name"], "username": bot["username"]},
                "personas": await self.profiles(),
                "team": {"id": TEAM_CHAT_ID, "title": TEAM_TITLE},
                "clock": self._clock_json(),
                "commands": {lang: self.emulator.commands(lang) for lang in LANGUAGES},
                "labels": {lang: {k: v[lang] for k, v in LABELS.items()} for lang in LANGUAGES},
                "limits": {"text": MAX_TEXT, "upload_mb": MAX_UPLOAD_MB},
            }
        )

    async def profiles(self) -> list[dict[str, Any]]:
        """The personas as the bot knows them now: /settings changes language and zone."""
        found = []
        for p in self.personas.values():
            user = await users.get(self.runtime.db, p.id)
            found.append(
                {
                    "id": p.id,
                    "name": p.name,
                    "username": p.user.username,
                    "role": user.role if user else p.role,
                    "language": user.language if user else p.language,
                    "timezone": user.timezone if user else p.timezone,
                }
            )
        return found

    async def file(self, request: web.Request) -> web.Response:
        stored = self.emulator.state.files.get(request.match_info["file_id"])
        if stored is None:
            raise web.HTTPNotFound()
        image = image_type(stored.content)
        name = (stored.filename or stored.file_path.rsplit("/", 1)[-1]).replace('"', "")
        disposition = "inline" if image else "attachment"
        return web.Response(
            body=stored.content,
            content_type=image or "application/octet-stream",
            headers={"Content-Disposition": f'{disposition}; filename="{name}"'},
        )

    # -- live events --------------------------------------------------------------------

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Everything so far, then every change as it happens, until the page goes away."""
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-cache",
                "X-Accel-Buffering": "no",
            }
        )
        await response.prepare(request)
        state = self.emulator.state
        feed = Feed(state)
        await response.write(_sse("hello", {"instance": self.instance}))
        clock_sent = -1
        quiet = False
        synced = False
        profiles = await self.profiles()
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while not self._closing.is_set():
                seen = state.seq  # before reading: a change while we write wakes us again
                chunks = [_sse(name, data) for name, data in feed.changes()]
                if not synced:  # what came before is history, not unread news
                    synced = True
                    chunks.append(_sse("synced", {}))
                if (now := await self.profiles()) != profiles:
                    profiles = now
                    chunks.append(_sse("personas", {"personas": now}))
                if clock_sent != self.clock_version:
                    clock_sent = self.clock_version
                    chunks.append(_sse("clock", self._clock_json()))
                if chunks or quiet:
                    await response.write(b"".join(chunks) or b": ping\n\n")

                def moved(seen: int = seen, clock: int = clock_sent) -> bool | None:
                    changed = state.seq != seen or self.clock_version != clock
                    return True if changed or self._closing.is_set() else None

                quiet = await state.wait_until(moved, HEARTBEAT) is None
        return response

    # -- acting as a persona ------------------------------------------------------------

    def _json(self, handler):
        async def serve(request: web.Request) -> web.Response:
            if request.content_type != "application/json":
                return web.json_response(
                    {"ok": False, "error": "POST bodies must be application/json"}, status=415
                )
            try:
                body = await request.json()
                if not isinstance(body, dict):
                    raise BadRequest("expected a JSON object")
                result = await handler(body)
            except (BadRequest, ValueError, KeyError, TypeError) as error:
                text = f"missing field {error}" if isinstance(error, KeyError) else str(error)
                return web.json_response({"ok": False, "error": text}, status=400)
            return web.json_response({"ok": True, "result": result})

        return serve

    def _persona(self, body: dict[str, Any]) -> Persona:
        persona = self.personas.get(int(body["user"]))
        if persona is None:
            raise BadRequest("unknown persona")
        return persona

    def _chat(self, persona: Persona, body: dict[str, Any]) -> int | None:
        """None for the persona's private chat with the bot, else the team group's id."""
        chat_id = int(body.get("chat_id") or persona.id)
        if chat_id == persona.id:
            return None
        if chat_id != TEAM_CHAT_ID:
            raise BadRequest("unknown chat")
        return chat_id

    async def send(self, body: dict[str, Any]) -> dict[str, Any]:
        persona = self._persona(body)
        chat = self._chat(persona, body)
        text = str(body.get("text") or "").strip()
        if not text:
            raise BadRequest("empty message")
        if len(text) > MAX_TEXT:
            raise BadRequest(f"a message holds at most {MAX_TEXT} characters")
        message = self.emulator.send_text(persona.user, text, chat=chat)
        return {"message_id": message["message_id"]}

    async def upload(self, body: dict[str, Any]) -> dict[str, Any]:
        """The persona sends a file (as the paperclip does in Telegram): /import reads it."""
        persona = self._persona(body)
        chat = self._chat(persona, body)
        name = str(body.get("name") or "").strip().replace("/", "_").replace("\\", "_")
        if not name:
            raise BadRequest("a file needs a name")
        try:
            content = base64.b64decode(str(body["base64"]), validate=True)
        except (binascii.Error, ValueError):
            raise BadRequest("the file is not valid base64") from None
        if not content:
            raise BadRequest("the file is empty")
        if len(content) > MAX_UPLOAD:
            raise BadRequest(f"a file here holds at most {MAX_UPLOAD_MB} MB")
        mime = (
            str(body.get("mime") or "")
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream"
        )
        message = self.emulator.send_document(
            persona.user, name[:255], content, mime_type=mime, chat=chat
        )
        return {"message_id": message["message_id"]}

    async def press(self, body: dict[str, Any]) -> dict[str, Any]:
        persona = self._persona(body)
        chat = self._chat(persona, body)
        query_id = self.emulator.press_button(
            persona.user, int(body["message_id"]), str(body["data"]), chat=chat
        )
        return {"query_id": query_id}

    async def move_clock(self, body: dict[str, Any]) -> dict[str, Any]:
        return await self.jump(str(body.get("jump", "")))

    async def jump(self, what: str) -> dict[str, Any]:
        """Move the bot's clock forward and let the reminder engine catch up at once."""
        now = self.clock.timestamp()
        if what in JUMPS:
            seconds = JUMPS[what]
        elif what == "next":
            due = await demo.next_reminder_due(self.runtime.db, now)
            if due is None:
                return {
                    **self._clock_json(),
                    "moved": 0,
                    "note": "No pending reminder.",
                    "note_key": "no_pending",
                }
            seconds = due - now + 1
        else:
            raise BadRequest('jump must be "hour", "day" or "next"')
        self.clock.advance(seconds)
        time_moved = getattr(self.runtime, "time_moved", None)
        if time_moved is not None:
            await time_moved()
        self.clock_version += 1
        if self.on_jump is not None:
            self.on_jump()
        self.emulator.state.notify()
        log.info("sandbox clock moved %d s forward to %s", seconds, self.clock.now().isoformat())
        return {**self._clock_json(), "moved": seconds}

    def _clock_json(self) -> dict[str, Any]:
        return {"now_ms": int(self.clock.now().timestamp() * 1000)}
