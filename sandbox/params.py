"""Decode Bot API request parameters from query string, JSON, form or multipart bodies.

PTB posts form fields in which every non-string value is JSON-encoded ("123", "true",
'{"inline_keyboard": ...}') and files as multipart parts. Telegram decodes each field by its
declared type, so we do too: a text of "123" stays a string.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web
from aiohttp.web_request import FileField

from sandbox.models import Upload, bad_request

JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "link_preview_options",
        "commands",
        "scope",
        "allowed_updates",
        "entities",
        "caption_entities",
        "media",
    }
)
INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
    }
)
BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "disable_content_type_detection",
        "has_spoiler",
        "allow_paid_broadcast",
        "show_caption_above_media",
    }
)
_INTEGER = re.compile(r"-?\d+")


def _decode(name: str, value: Any) -> Any:
    if name in JSON_FIELDS and isinstance(value, str):
        if value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            if name == "reply_markup":
                raise bad_request("can't parse reply keyboard markup JSON object") from None
            raise bad_request(f"can't parse {name} JSON object") from None
    if name in INT_FIELDS and isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    if name in BOOL_FIELDS and isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return value


def decode_fields(raw: dict[str, Any]) -> dict[str, Any]:
    return {name: _decode(name, value) for name, value in raw.items()}


async def read_params(request: web.Request) -> dict[str, Any]:
    """All parameters of a Bot API request, typed; file parts become `Upload`s."""
    raw: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = json.loads(await request.text() or "{}")
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON object")
            raw.update(body)
        else:
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, FileField):
                    raw[name] = Upload(value.filename, value.file.read(), value.content_type)
                else:
                    raw[name] = value
    params = decode_fields(raw)
    for name, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            part = raw.get(value.removeprefix("attach://"))
            if isinstance(part, Upload):
                params[name] = part
    return params
