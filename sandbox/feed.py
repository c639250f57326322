"""What the web chat page is shown: the emulator's chats as records, and what changed since.

A `Feed` belongs to one open page (one server-sent-events stream). It remembers the version
of every message it has sent, so each wake-up of the emulator turns into only the new
messages, the edited ones (in place, same id) and the new callback answers.
"""

from __future__ import annotations

from typing import Any

from sandbox.models import BotMessage
from sandbox.state import EmulatorState

FILE_URL = "/api/files/{file_id}"

Event = tuple[str, dict[str, Any]]


def _buttons(markup: dict[str, Any] | None) -> list[list[dict[str, str]]]:
    rows = (markup or {}).get("inline_keyboard") or []
    found = []
    for row in rows:
        buttons = []
        for button in row:
            entry = {"text": str(button.get("text", ""))}
            if button.get("callback_data"):
                entry["data"] = str(button["callback_data"])
            elif button.get("url"):
                entry["url"] = str(button["url"])
            buttons.append(entry)
        found.append(buttons)
    return found


def bot_record(state: EmulatorState, msg: BotMessage) -> dict[str, Any]:
    record: dict[str, Any] = {
        "chat_id": msg.chat_id,
        "message_id": msg.message_id,
        "from": {"id": state.bot_user["id"], "name": state.bot_user["first_name"], "bot": True},
        "date": msg.date,
        "kind": msg.kind,
        "text": msg.text,
        "entities": msg.entities,
        "buttons": _buttons(msg.reply_markup),
        "edited": msg.edit_count > 0,
        "deleted": msg.deleted,
        "version": msg.last_change,
    }
    if msg.file is not None:
        record["file"] = {
            "url": FILE_URL.format(file_id=msg.file.file_id),
            "name": msg.file.filename or msg.file.file_path.rsplit("/", 1)[-1],
            "mime": msg.file.mime_type or "application/octet-stream",
            "size": len(msg.file.content),
        }
    return record


def user_record(chat_id: int, message: dict[str, Any]) -> dict[str, Any]:
    sender = message.get("from") or {}
    name = " ".join(p for p in (sender.get("first_name"), sender.get("last_name")) if p)
    document = message.get("document")
    return {
        "chat_id": chat_id,
        "message_id": message["message_id"],
        "from": {"id": sender.get("id"), "name": name, "bot": False},
        "date": message.get("date"),
        "kind": "document" if document else "text",
        "text": message.get("text") or message.get("caption") or "",
        "entities": message.get("entities") or message.get("caption_entities") or [],
        "buttons": [],
        "edited": False,
        "deleted": False,
        "version": 0,
        **({"file": {"name": document.get("file_name", "file")}} if document else {}),
    }


class Feed:
    def __init__(self, state: EmulatorState) -> None:
        self._state = state
        self._bot_versions: dict[tuple[int, int], int] = {}
        self._user_seen: set[tuple[int, int]] = set()
        self._answers_seen: set[str] = set()

    def changes(self) -> list[Event]:
        """New and changed messages (oldest first), then new callback answers."""
        state = self._state
        found: list[tuple[int, int, dict[str, Any]]] = []
        for chat_id, sent in state.bot_messages.items():
            for msg in sent.values():
                key = (chat_id, msg.message_id)
                if self._bot_versions.get(key) != msg.last_change:
                    self._bot_versions[key] = msg.last_change
                    found.append((msg.last_change, msg.message_id, bot_record(state, msg)))
        for chat_id, received in state.user_messages.items():
            for message_id, message in received.items():
                shown = "text" in message or "document" in message
                if shown and (chat_id, message_id) not in self._user_seen:
                    self._user_seen.add((chat_id, message_id))
                    found.append((0, message_id, user_record(chat_id, message)))
        found.sort(key=lambda item: (item[2]["chat_id"], item[0], item[1]))
        events: list[Event] = [("msg", record) for _, _, record in found]
        for query_id, entry in state.queries.items():
            if entry["answers"] and query_id not in self._answers_seen:
                self._answers_seen.add(query_id)
                answer = entry["answers"][0]
                message = entry["query"].get("message") or {}
                events.append(
                    (
                        "answer",
                        {
                            "query_id": query_id,
                            "chat_id": (message.get("chat") or {}).get("id"),
                            "message_id": message.get("message_id"),
                            "text": answer.get("text") or "",
                            "show_alert": bool(answer.get("show_alert")),
                        },
                    )
                )
        return events
