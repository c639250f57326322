"""A small blocking client for the emulator's control API (/_emu/), for other processes.

    client = ControlClient("http://127.0.0.1:8765")
    sent = client.send_text("/help", user=1001)
    reply = client.wait(chat_id=1001, since=sent["mark"])

Do not call it from a coroutine running in the emulator's own event loop: it blocks, and the
emulator could never answer. In-process tests use BotApiEmulator's methods directly.
"""

from __future__ import annotations

import base64
import os
from typing import Any

import httpx

DEFAULT_URL = "http://127.0.0.1:8765"


class ControlError(Exception):
    """The emulator refused a control request (bad arguments, unknown message, ...)."""


def default_url() -> str:
    return os.environ.get("SANDBOX_URL") or DEFAULT_URL


class ControlClient:
    def __init__(self, url: str | None = None, *, timeout: float = 5.0) -> None:
        self.url = (url or default_url()).rstrip("/")
        # trust_env=False: a proxy from the environment must never see loopback traffic.
        self._http = httpx.Client(base_url=self.url, timeout=timeout, trust_env=False)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ControlClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _call(self, method: str, name: str, *, wait: float = 0.0, **fields: Any) -> Any:
        fields = {key: value for key, value in fields.items() if value is not None}
        extra = {"timeout": self._http.timeout.read + wait} if wait else {}
        if method == "GET":
            response = self._http.get(f"/_emu/{name}", params=fields, **extra)
        else:
            response = self._http.post(f"/_emu/{name}", json=fields, **extra)
        try:
            body = response.json()
        except ValueError:
            raise ControlError(f"{name}: HTTP {response.status_code}") from None
        if not body.get("ok"):
            raise ControlError(f"{name}: {body.get('error') or body}")
        return body["result"]

    # -- inspecting -----------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self._call("GET", "health")

    def mark(self) -> int:
        return self._call("GET", "mark")

    def stats(self) -> dict[str, int]:
        return self._call("GET", "stats")

    def messages(
        self, chat_id: int, *, since: int | None = None, with_content: bool = False
    ) -> list[dict[str, Any]]:
        return self._call(
            "GET", "messages", chat_id=chat_id, since=since, with_content=int(with_content)
        )

    def calls(self, *, method: str | None = None, since: int | None = None) -> list[dict]:
        return self._call("GET", "calls", method=method, since=since)

    def callback_answers(self, query_id: str) -> list[dict[str, Any]]:
        return self._call("GET", "callback_answers", query_id=query_id)

    def commands(self, language_code: str = "") -> list[dict[str, str]]:
        return self._call("GET", "commands", language_code=language_code)

    def wait(
        self,
        chat_id: int,
        since: int,
        *,
        timeout: float = 10.0,
        settle: float = 0.5,
        query_id: str | None = None,
    ) -> dict[str, Any]:
        """What changed in the chat after `since`: {mark, messages, answers}."""
        return self._call(
            "POST",
            "wait",
            wait=timeout + settle,
            chat_id=chat_id,
            since=since,
            timeout=timeout,
            settle=settle,
            query_id=query_id,
        )

    # -- acting as users ------------------------------------------------------------------

    def add_user(self, user: int | dict[str, Any], *, started: bool = True) -> dict:
        return self._call("POST", "users", user=user, started=started)

    def add_group(self, title: str = "Team", **fields: Any) -> dict[str, Any]:
        return self._call("POST", "groups", title=title, **fields)

    def send_text(
        self, text: str, *, user: int | dict[str, Any] = 1001, chat_id: int | None = None
    ) -> dict[str, Any]:
        """{"message": the injected message, "mark": the mark taken just before}."""
        return self._call("POST", "send_text", user=user, text=text, chat_id=chat_id)

    def forward_text(
        self,
        text: str,
        *,
        user: int | dict[str, Any] = 1001,
        origin_name: str | None = None,
        origin_user: int | dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        return self._call(
            "POST",
            "forward_text",
            user=user,
            text=text,
            origin_name=origin_name,
            origin_user=origin_user,
        )

    def send_document(
        self,
        filename: str,
        content: bytes,
        *,
        user: int | dict[str, Any] = 1001,
        mime_type: str = "text/csv",
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        return self._call(
            "POST",
            "send_document",
            user=user,
            filename=filename,
            content_b64=base64.b64encode(content).decode(),
            mime_type=mime_type,
            caption=caption,
            chat_id=chat_id,
        )

    def press(
        self,
        callback_data: str,
        *,
        user: int | dict[str, Any] = 1001,
        message_id: int | None = None,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        """{"query_id", "message_id", "mark"}; the latest message with the button by default."""
        return self._call(
            "POST",
            "press",
            user=user,
            callback_data=callback_data,
            message_id=message_id,
            chat_id=chat_id,
        )

    def chat_member(
        self, chat_id: int, from_user: int | dict, old_status: str, new_status: str
    ) -> dict:
        return self._call(
            "POST",
            "chat_member",
            chat_id=chat_id,
            from_user=from_user,
            old_status=old_status,
            new_status=new_status,
        )

    def migrate(self, old_chat_id: int, new_chat_id: int) -> list[dict[str, Any]]:
        return self._call("POST", "migrate", old_chat_id=old_chat_id, new_chat_id=new_chat_id)

    # -- faults -----------------------------------------------------------------------------

    def set_fault(self, chat_id: int, kind: str, **options: Any) -> None:
        """options: description, times, hold_seconds, deliver (see BotApiEmulator.set_fault)."""
        self._call("POST", "fault", chat_id=chat_id, kind=kind, **options)

    def clear_fault(self, chat_id: int) -> None:
        self._call("POST", "clear_fault", chat_id=chat_id)

    def release(self, chat_id: int) -> None:
        self._call("POST", "release", chat_id=chat_id)

    def reset(self) -> None:
        self._call("POST", "reset")
