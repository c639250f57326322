"""The Bot API methods, each a function of (state, params) -> result or ApiError.

Params arrive decoded (see `sandbox.params`). Validation follows Telegram where it
catches real bugs; the descriptions are Telegram's own wording.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from sandbox import webhook
from sandbox.html_check import EntityParseError, parse_html, utf16_len
from sandbox.models import ApiError, BotMessage, StoredFile, Upload, bad_request
from sandbox.state import EmulatorState

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_DOWNLOAD = 20 * 1024 * 1024
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def _int(params: dict[str, Any], name: str, default: int | None = None) -> int | None:
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def render_text(text: Any, parse_mode: str | None, *, limit: int, what: str):
    """Plain text and entities as Telegram stores them; ApiError on what Telegram refuses."""
    if text is None or str(text) == "":
        raise bad_request(f"{what} is empty")
    text = str(text)
    entities: list[dict[str, Any]] = []
    if parse_mode and parse_mode.upper() == "HTML":
        try:
            text, entities = parse_html(text)
        except EntityParseError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    if not text.strip():
        raise bad_request(f"{what} is empty")
    if utf16_len(text) > limit:
        raise bad_request(
            "message is too long" if what == "message text" else f"{what} is too long"
        )
    return text, entities


def check_markup(markup: Any) -> dict[str, Any] | None:
    if markup in (None, ""):
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup  # reply keyboards, ForceReply, ReplyKeyboardRemove: stored as sent
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise bad_request("BUTTON_TEXT_INVALID")
            if "callback_data" in button:
                size = len(str(button["callback_data"]).encode("utf-8"))
                if not 1 <= size <= 64:
                    raise bad_request("BUTTON_DATA_INVALID")
            elif "url" in button and not button["url"]:
                raise bad_request("BUTTON_URL_INVALID")
    return markup


def _reply_to(state: EmulatorState, chat_id: int, params: dict[str, Any]) -> int | None:
    reply = params.get("reply_parameters")
    if isinstance(reply, dict):
        message_id, allow = reply.get("message_id"), reply.get("allow_sending_without_reply")
    else:
        message_id = params.get("reply_to_message_id")
        allow = params.get("allow_sending_without_reply")
    if message_id in (None, ""):
        return None
    message_id = int(message_id)
    if state.find_message(chat_id, message_id) is None:
        if allow:
            return None
        raise bad_request("message to be replied not found")
    return message_id


def _record(state: EmulatorState, msg: BotMessage) -> dict[str, Any]:
    state.bot_messages.setdefault(msg.chat_id, {})[msg.message_id] = msg
    state.notify()
    return state.message_dict(msg)


def _new_message(state: EmulatorState, chat_id: int, params: dict[str, Any], **kw) -> BotMessage:
    markup = check_markup(params.get("reply_markup"))
    reply_to = _reply_to(state, chat_id, params)
    return BotMessage(
        chat_id=chat_id,
        message_id=state.next_message_id(chat_id),
        date=state.now(),
        seq=state.next_seq(),
        reply_markup=markup,
        reply_to_message_id=reply_to,
        disable_notification=bool(params.get("disable_notification")),
        **kw,
    )


def send_message(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    chat = state.target_chat(params.get("chat_id"))
    parse_mode = params.get("parse_mode")
    text, entities = render_text(
        params.get("text"), parse_mode, limit=MAX_TEXT, what="message text"
    )
    msg = _new_message(
        state,
        chat.id,
        params,
        text=text,
        source=str(params["text"]),
        parse_mode=parse_mode,
        entities=entities,
        link_preview_options=params.get("link_preview_options") or None,
    )
    return _record(state, msg)


def _upload(state: EmulatorState, params: dict[str, Any], field: str, folder: str) -> StoredFile:
    value = params.get(field)
    if isinstance(value, Upload):
        return state.store_file(value.content, value.filename, value.content_type, folder)
    if isinstance(value, str) and value in state.files:
        return state.files[value]
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    if not value:
        raise bad_request(f"there is no {field} in the request")
    raise bad_request("wrong file identifier/HTTP URL specified")


def _send_file(state: EmulatorState, params: dict[str, Any], kind: str) -> dict[str, Any]:
    chat = state.target_chat(params.get("chat_id"))
    caption, entities, parse_mode = "", [], params.get("parse_mode")
    if params.get("caption"):
        caption, entities = render_text(
            params["caption"], parse_mode, limit=MAX_CAPTION, what="message caption"
        )
    stored = _upload(state, params, kind, "documents" if kind == "document" else "photos")
    msg = _new_message(
        state,
        chat.id,
        params,
        kind=kind,
        text=caption,
        source=str(params.get("caption") or ""),
        parse_mode=parse_mode,
        entities=entities,
        file=stored,
    )
    return _record(state, msg)


def send_document(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    return _send_file(state, params, "document")


def send_photo(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    return _send_file(state, params, "photo")


def _editable(state: EmulatorState, params: dict[str, Any]) -> BotMessage:
    if params.get("inline_message_id"):
        raise bad_request("message to edit not found")
    chat_id = state.target_chat(params.get("chat_id")).id
    message_id = _int(params, "message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    found = state.find_message(chat_id, message_id)
    if found is None:
        raise bad_request("message to edit not found")
    if not isinstance(found, BotMessage):
        raise bad_request("message can't be edited")
    return found


def _apply_edit(state: EmulatorState, msg: BotMessage, **changes: Any) -> dict[str, Any]:
    if all(getattr(msg, key) == value for key, value in changes.items()):
        raise bad_request(
            "message is not modified: specified new message content and reply markup are "
            "exactly the same as a current content and reply markup of the message"
        )
    for key, value in changes.items():
        setattr(msg, key, value)
    msg.edit_date = state.now()
    msg.edited_seq = state.next_seq()
    msg.edit_count += 1
    state.notify()
    return state.message_dict(msg)


def edit_message_text(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    msg = _editable(state, params)
    if msg.kind != "text":
        raise bad_request("there is no text in the message to edit")
    parse_mode = params.get("parse_mode")
    text, entities = render_text(
        params.get("text"), parse_mode, limit=MAX_TEXT, what="message text"
    )
    markup = check_markup(params.get("reply_markup"))
    result = _apply_edit(state, msg, text=text, entities=entities, reply_markup=markup)
    msg.source, msg.parse_mode = str(params["text"]), parse_mode
    if "link_preview_options" in params:
        msg.link_preview_options = params["link_preview_options"] or None
    return result


def edit_message_caption(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    msg = _editable(state, params)
    if msg.kind == "text":
        raise bad_request("there is no caption in the message to edit")
    caption, entities, parse_mode = "", [], params.get("parse_mode")
    if params.get("caption"):
        caption, entities = render_text(
            params["caption"], parse_mode, limit=MAX_CAPTION, what="message caption"
        )
    markup = check_markup(params.get("reply_markup"))
    return _apply_edit(state, msg, text=caption, entities=entities, reply_markup=markup)


def edit_message_reply_markup(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    msg = _editable(state, params)
    return _apply_edit(state, msg, reply_markup=check_markup(params.get("reply_markup")))


def delete_message(state: EmulatorState, params: dict[str, Any]) -> bool:
    chat_id = state.target_chat(params.get("chat_id")).id
    message_id = _int(params, "message_id")
    found = state.find_message(chat_id, message_id) if message_id is not None else None
    if found is None:
        raise bad_request("message to delete not found")
    if isinstance(found, BotMessage):
        found.deleted = True
        found.edited_seq = state.next_seq()
    else:
        del state.user_messages[chat_id][message_id]
    state.notify()
    return True


def answer_callback_query(state: EmulatorState, params: dict[str, Any]) -> bool:
    entry = state.queries.get(str(params.get("callback_query_id") or ""))
    if entry is None or entry["answers"]:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    entry["answers"].append(
        {
            "text": params.get("text"),
            "show_alert": bool(params.get("show_alert")),
            "url": params.get("url"),
            "cache_time": _int(params, "cache_time", 0),
            "seq": state.next_seq(),
        }
    )
    state.notify()
    return True


async def get_updates(state: EmulatorState, params: dict[str, Any]) -> list[dict[str, Any]]:
    offset = _int(params, "offset")
    limit = min(max(_int(params, "limit", 100) or 100, 1), 100)
    timeout = max(_int(params, "timeout", 0) or 0, 0)
    if params.get("allowed_updates") is not None:
        allowed = params["allowed_updates"]
        state.allowed_updates = frozenset(allowed) if allowed else None
    webhook.refuse_polling(state)
    if offset is not None and offset != 0:
        state.confirm_updates(offset)
    state.poll_generation += 1
    generation = state.poll_generation
    state.notify_updates()  # a newer poll ends an older one with 409, as on Telegram

    def ready() -> list[dict[str, Any]] | None:
        if generation != state.poll_generation:
            raise ApiError(409, CONFLICT)
        webhook.refuse_polling(state)
        return state.pending_updates(limit) or None

    found = await state.wait_until(ready, timeout, updates=True)
    return found or []


def get_file(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    stored = state.files.get(str(params.get("file_id") or ""))
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.content) > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
        "file_path": stored.file_path,
    }


def _scope_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


def set_my_commands(state: EmulatorState, params: dict[str, Any]) -> bool:
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an array of at most 100 BotCommand")
    for command in commands:
        if not _COMMAND.fullmatch(str(command.get("command", "")).lower()):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    key = _scope_key(params)
    if commands:
        state.commands[key] = [
            {"command": c["command"].lower(), "description": c["description"]} for c in commands
        ]
    else:
        state.commands.pop(key, None)
    state.notify()
    return True


def get_my_commands(state: EmulatorState, params: dict[str, Any]) -> list[dict[str, str]]:
    return state.commands.get(_scope_key(params), [])


def delete_my_commands(state: EmulatorState, params: dict[str, Any]) -> bool:
    state.commands.pop(_scope_key(params), None)
    state.notify()
    return True


def send_chat_action(state: EmulatorState, params: dict[str, Any]) -> bool:
    state.target_chat(params.get("chat_id"))
    if params.get("action") not in CHAT_ACTIONS:
        raise bad_request("wrong type of the chat action specified")
    return True


def leave_chat(state: EmulatorState, params: dict[str, Any]) -> bool:
    chat = state.target_chat(params.get("chat_id"))
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    state.bot_status[chat.id] = "left"
    state.notify()
    return True


def get_chat(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    chat = state.chats.get(state.resolve_chat_id(params.get("chat_id")))
    if chat is None:
        raise bad_request("chat not found")
    gifts = {
        "unlimited_gifts": False,
        "limited_gifts": False,
        "unique_gifts": False,
        "premium_subscription": False,
        "gifts_from_channels": False,
    }
    return chat.to_dict() | {
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": gifts,
    }


def chat_member(status: str, user: dict[str, Any]) -> dict[str, Any]:
    """A ChatMember object with the fields PTB requires for each status."""
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "kicked":
        member["until_date"] = 0
    elif status == "administrator":
        member |= dict.fromkeys(
            (
                "can_manage_chat",
                "can_delete_messages",
                "can_manage_video_chats",
                "can_restrict_members",
                "can_change_info",
                "can_invite_users",
                "can_post_stories",
                "can_edit_stories",
                "can_delete_stories",
            ),
            True,
        ) | {"can_be_edited": False, "can_promote_members": False, "is_anonymous": False}
    elif status == "restricted":
        member |= dict.fromkeys(
            (
                "can_send_messages",
                "can_send_audios",
                "can_send_documents",
                "can_send_photos",
                "can_send_videos",
                "can_send_video_notes",
                "can_send_voice_notes",
                "can_send_polls",
                "can_send_other_messages",
                "can_add_web_page_previews",
                "can_change_info",
                "can_invite_users",
                "can_pin_messages",
                "can_manage_topics",
            ),
            False,
        ) | {"is_member": True, "until_date": 0}
    elif status == "creator":
        member["is_anonymous"] = False
    return member


def get_chat_member(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    chat_id = state.resolve_chat_id(params.get("chat_id"))
    if chat_id not in state.chats:
        raise bad_request("chat not found")
    user_id = _int(params, "user_id")
    if user_id == state.bot_user["id"]:
        return chat_member(state.bot_status.get(chat_id, "member"), state.bot_user)
    user = state.users.get(user_id) if user_id is not None else None
    if user is None:
        raise bad_request("user not found")
    default = "member" if chat_id == user_id else "left"
    return chat_member(state.members.get((chat_id, user.id), default), user.to_dict())


def get_me(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    return state.bot_user | {
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def ok(state: EmulatorState, params: dict[str, Any]) -> bool:
    return True


Method = Callable[[EmulatorState, dict[str, Any]], Any]

METHODS: dict[str, Method] = {
    name.lower(): handler
    for name, handler in {
        "getMe": get_me,
        "getUpdates": get_updates,
        "deleteWebhook": webhook.delete_webhook,
        "setWebhook": webhook.set_webhook,
        "close": ok,
        "logOut": ok,
        "setMyCommands": set_my_commands,
        "getMyCommands": get_my_commands,
        "deleteMyCommands": delete_my_commands,
        "sendMessage": send_message,
        "editMessageText": edit_message_text,
        "editMessageCaption": edit_message_caption,
        "editMessageReplyMarkup": edit_message_reply_markup,
        "deleteMessage": delete_message,
        "answerCallbackQuery": answer_callback_query,
        "sendChatAction": send_chat_action,
        "leaveChat": leave_chat,
        "getChat": get_chat,
        "getChatMember": get_chat_member,
        "sendDocument": send_document,
        "sendPhoto": send_photo,
        "getFile": get_file,
    }.items()
}
ASYNC_METHODS = frozenset({"getupdates"})
SENDING_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "editmessagetext",
        "editmessagecaption",
        "editmessagereplymarkup",
    }
)
