"""Updates as Telegram would send them when a person acts: texts, files, presses, joins.

Each function registers what it needs (the user, the private chat), appends one or more
updates with increasing update_id and wakes pending getUpdates calls.
"""

from __future__ import annotations

import re
from typing import Any

from sandbox.html_check import utf16_len
from sandbox.methods import chat_member
from sandbox.models import BotMessage, FakeChat, FakeUser
from sandbox.state import EmulatorState

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
TELEGRAM_SERVICE_USER = FakeUser(id=777000, first_name="Telegram", language_code=None)


def _chat(state: EmulatorState, user: FakeUser, chat: FakeChat | int | None) -> FakeChat:
    if chat is None:
        return state.private_chat(user)
    chat_id = chat.id if isinstance(chat, FakeChat) else int(chat)
    if chat_id in state.migrated:
        raise ValueError(f"chat {chat_id} was migrated to {state.migrated[chat_id]}")
    if isinstance(chat, FakeChat):
        return state.add_chat(chat)
    if chat_id == user.id:
        return state.private_chat(user)
    known = state.chats.get(chat_id)
    if known is None:
        raise ValueError(f"chat {chat_id} is not registered: add it with add_group() first")
    return known


def user_message(
    state: EmulatorState,
    user: FakeUser | int,
    chat: FakeChat | int | None = None,
    **content: Any,
) -> dict[str, Any]:
    """A message from the user in the chat (default: their private chat with the bot)."""
    sender = state.user(user)
    target = _chat(state, sender, chat)
    message = {
        "message_id": state.next_message_id(target.id),
        "from": sender.to_dict(),
        "chat": target.to_dict(),
        "date": state.now(),
        **content,
    }
    state.user_messages.setdefault(target.id, {})[message["message_id"]] = message
    if target.type != "private":
        state.members.setdefault((target.id, sender.id), "member")
    state.push_update("message", message)
    return message


def edit_message(state: EmulatorState, chat_id: int, message_id: int, text: str) -> dict[str, Any]:
    """The user edits a message they sent: an `edited_message` update with the new text."""
    original = state.user_messages[chat_id][message_id]
    edited = {key: value for key, value in original.items() if key not in ("text", "entities")}
    edited.update(text_content(text), edit_date=state.now())
    state.user_messages[chat_id][message_id] = edited
    state.push_update("edited_message", edited)
    return edited


def text_content(text: str) -> dict[str, Any]:
    content: dict[str, Any] = {"text": text}
    match = _COMMAND.match(text)
    if match:
        length = utf16_len(match.group())
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return content


def forward_origin(
    state: EmulatorState, origin_name: str | None, origin_user: FakeUser | int | None
) -> dict[str, Any]:
    if origin_user is not None:
        sender = state.user(origin_user)
        return {"type": "user", "date": state.now(), "sender_user": sender.to_dict()}
    return {"type": "hidden_user", "date": state.now(), "sender_user_name": origin_name or "?"}


def press_button(
    state: EmulatorState,
    user: FakeUser | int,
    message_id: int | None,
    callback_data: str,
    chat: int | None = None,
) -> str:
    """A callback_query for a button on the bot's message as it is now; returns its id."""
    presser = state.user(user)
    chat_id = presser.id if chat is None else int(chat)
    if message_id is None:
        message_id = latest_with_button(state, chat_id, callback_data)
    msg = state.bot_messages.get(chat_id, {}).get(message_id)
    if msg is None or msg.deleted:
        raise ValueError(f"no bot message {message_id} in chat {chat_id}")
    if callback_data not in msg.callback_data:
        raise ValueError(
            f"message {message_id} in chat {chat_id} has no button {callback_data!r}; "
            f"it has {msg.callback_data}"
        )
    return _push_query(state, presser, chat_id, msg, callback_data)


def forge_press(
    state: EmulatorState,
    user: FakeUser | int,
    message_id: int | None,
    callback_data: str,
    chat: int | None = None,
) -> str:
    """What a modified client can do: any callback data for a message that has an inline
    keyboard (message_id None: the chat's latest such message). Returns the query id."""
    presser = state.user(user)
    chat_id = presser.id if chat is None else int(chat)
    sent = [m for m in state.bot_messages.get(chat_id, {}).values() if not m.deleted]
    with_keyboard = [m for m in sent if m.callback_data]
    if message_id is not None:
        with_keyboard = [m for m in with_keyboard if m.message_id == message_id]
    if not with_keyboard:
        raise ValueError(f"no bot message with an inline keyboard in chat {chat_id}")
    return _push_query(state, presser, chat_id, with_keyboard[-1], callback_data)


def _push_query(
    state: EmulatorState, presser: FakeUser, chat_id: int, msg: BotMessage, callback_data: str
) -> str:
    query_id = str(4_000_000_000_000_000 + state.unique())
    query = {
        "id": query_id,
        "from": presser.to_dict(),
        "message": state.message_dict(msg),
        "chat_instance": str(abs(chat_id) * 31 + 7),
        "data": callback_data,
    }
    state.queries[query_id] = {"query": query, "answers": []}
    state.push_update("callback_query", query)
    return query_id


def latest_with_button(state: EmulatorState, chat_id: int, callback_data: str) -> int:
    sent: list[BotMessage] = list(state.bot_messages.get(chat_id, {}).values())
    for msg in reversed(sent):
        if not msg.deleted and callback_data in msg.callback_data:
            return msg.message_id
    raise ValueError(f"no bot message in chat {chat_id} has a button {callback_data!r}")


def my_chat_member(
    state: EmulatorState,
    chat: FakeChat | int,
    from_user: FakeUser | int,
    old_status: str,
    new_status: str,
) -> dict[str, Any]:
    """The bot's own membership changed (added to a group, blocked by a user, ...)."""
    actor = state.user(from_user)
    if isinstance(chat, FakeChat):
        target = chat
        state.chats[chat.id] = chat
    elif int(chat) > 0:
        target = state.private_chat(state.user(int(chat)))
    elif int(chat) in state.chats:
        target = state.chats[int(chat)]
    else:
        raise ValueError(f"chat {chat} is not registered: add it with add_group() first")
    state.bot_status[target.id] = new_status
    if target.type != "private":
        state.members.setdefault((target.id, actor.id), "member")
    payload = {
        "chat": target.to_dict(),
        "from": actor.to_dict(),
        "date": state.now(),
        "old_chat_member": chat_member(old_status, state.bot_user),
        "new_chat_member": chat_member(new_status, state.bot_user),
    }
    state.push_update("my_chat_member", payload)
    return payload


def migrate_chat(
    state: EmulatorState, old_chat_id: int, new_chat_id: int, by: FakeUser | int | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Group -> supergroup: a service message in each chat; the old id answers 400 after."""
    old = state.chats.get(old_chat_id)
    if old is None or old.type != "group":
        raise ValueError(f"chat {old_chat_id} is not a registered group")
    if by is None:
        members = [uid for (cid, uid) in state.members if cid == old_chat_id]
        actor = state.users[members[0]] if members else TELEGRAM_SERVICE_USER
    else:
        actor = state.user(by)
    new = FakeChat(new_chat_id, "supergroup", title=old.title, username=old.username)
    state.add_chat(new, bot_status=state.bot_status.get(old_chat_id, "member"))
    for (cid, uid), status in list(state.members.items()):
        if cid == old_chat_id:
            state.members[(new_chat_id, uid)] = status
    first = user_message(state, actor, old, migrate_to_chat_id=new_chat_id)
    state.migrated[old_chat_id] = new_chat_id
    second = {
        "message_id": state.next_message_id(new_chat_id),
        "from": {"id": 1087968824, "is_bot": True, "first_name": "Group"},
        "sender_chat": new.to_dict(),
        "chat": new.to_dict(),
        "date": state.now(),
        "migrate_from_chat_id": old_chat_id,
    }
    state.user_messages.setdefault(new_chat_id, {})[second["message_id"]] = second
    state.push_update("message", second)
    return first, second
