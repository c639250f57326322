"""What the emulator remembers: users, chats, the bot's messages, files, API calls, faults."""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass, field
from typing import Any

FAULT_KINDS = frozenset({"forbidden", "bad_request", "timeout", "hold", "network", "flood"})


class ApiError(Exception):
    """A Bot API error answer: {"ok": false, "error_code": ..., "description": ...}."""

    def __init__(self, code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True, slots=True)
class FakeUser:
    """A Telegram user who talks to the bot."""

    id: int
    first_name: str = "Test"
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FakeUser:
        return cls(
            id=int(data["id"]),
            first_name=data.get("first_name") or f"User{data['id']}",
            last_name=data.get("last_name"),
            username=data.get("username"),
            language_code=data.get("language_code", "en"),
        )


@dataclass(frozen=True, slots=True)
class FakeChat:
    """A chat the bot is in: private (id = user id), group (< 0) or supergroup (-100...)."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None

    @classmethod
    def private(cls, user: FakeUser) -> FakeChat:
        return cls(
            id=user.id,
            type="private",
            username=user.username,
            first_name=user.first_name,
            last_name=user.last_name,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass(slots=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    filename: str | None
    mime_type: str | None
    content: bytes

    def document(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
        }
        if self.filename:
            data["file_name"] = self.filename
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data

    def photo(self) -> list[dict[str, Any]]:
        width, height = _image_size(self.content)
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "file_size": len(self.content),
                "width": width,
                "height": height,
            }
        ]


def _image_size(content: bytes) -> tuple[int, int]:
    """Width and height of a PNG; a plausible default for anything else."""
    if content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) >= 24:
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    return 320, 240


@dataclass(slots=True)
class BotMessage:
    """A message the bot sent, as it is now (after edits)."""

    chat_id: int
    message_id: int
    date: int
    seq: int  # position in the emulator's event order, see BotApiEmulator.mark()
    kind: str = "text"  # text | document | photo
    text: str = ""  # plain text (or caption) as Telegram shows it
    source: str = ""  # the text as the bot sent it, markup included
    parse_mode: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    reply_to_message_id: int | None = None
    disable_notification: bool = False
    link_preview_options: dict[str, Any] | None = None
    file: StoredFile | None = None
    edit_date: int | None = None
    edited_seq: int | None = None
    edit_count: int = 0
    deleted: bool = False

    @property
    def last_change(self) -> int:
        return self.edited_seq if self.edited_seq is not None else self.seq

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        """Inline keyboard rows as (label, callback_data or url)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [
            [
                (
                    button.get("text", ""),
                    button.get("callback_data") or button.get("url") or "",
                )
                for button in row
            ]
            for row in rows
        ]

    @property
    def callback_data(self) -> list[str]:
        return [data for row in self.buttons for _, data in row]

    @property
    def filename(self) -> str | None:
        return self.file.filename if self.file else None

    @property
    def content(self) -> bytes | None:
        return self.file.content if self.file else None

    def to_json(self, *, with_content: bool = False) -> dict[str, Any]:
        """The record for the control API and the CLI."""
        data: dict[str, Any] = {
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "date": self.date,
            "seq": self.seq,
            "kind": self.kind,
            "text": self.text,
            "source": self.source,
            "parse_mode": self.parse_mode,
            "reply_markup": self.reply_markup,
            "reply_to_message_id": self.reply_to_message_id,
            "edit_count": self.edit_count,
            "edited_seq": self.edited_seq,
            "deleted": self.deleted,
        }
        if self.file is not None:
            data["filename"] = self.file.filename
            data["mime_type"] = self.file.mime_type
            data["size"] = len(self.file.content)
            if with_content:
                data["content_b64"] = base64.b64encode(self.file.content).decode()
        return data


@dataclass(slots=True)
class Call:
    """One Bot API request, recorded on arrival and completed when answered."""

    seq: int
    method: str
    params: dict[str, Any]
    monotonic: float
    wall: float
    chat_id: int | str | None = None
    status: int | None = None  # HTTP status; 0 when no answer was sent (timeout, network)
    result: Any = None
    error: str | None = None
    parameters: dict[str, Any] | None = None
    done_seq: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "method": self.method,
            "params": {key: _jsonable(value) for key, value in self.params.items()},
            "monotonic": self.monotonic,
            "wall": self.wall,
            "chat_id": self.chat_id,
            "status": self.status,
            "result": self.result,
            "error": self.error,
            "parameters": self.parameters,
        }


@dataclass(frozen=True, slots=True)
class Upload:
    """A file part of a multipart request."""

    filename: str | None
    content: bytes
    content_type: str | None


def _jsonable(value: Any) -> Any:
    if isinstance(value, Upload):
        return {"upload": value.filename, "size": len(value.content)}
    return value


@dataclass(slots=True)
class Fault:
    """A failure a test asked for, applied to sends to one chat."""

    kind: str
    description: str | None = None
    times: int | None = None  # None: until cleared
    hold_seconds: float = 30.0
    deliver: bool = False
    retry_after: int = 1  # "flood": the seconds a 429 asks to wait
    released: asyncio.Event = field(default_factory=asyncio.Event)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "description": self.description,
            "times": self.times,
            "hold_seconds": self.hold_seconds,
            "deliver": self.deliver,
            "retry_after": self.retry_after,
        }
