"""Access control: the gate, /start, /invite."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot import fmt
from bot.context import AppContext
from bot.i18n import Translator, pick_language
from handlers import receipts
from handlers.common import chat_of, reply, sender_of
from storage.db import count_commits
from storage.users import User

log = logging.getLogger(__name__)

GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)


async def deny_unknown_users(update: Update, context: AppContext) -> None:
    """Group -1: registered users pass, strangers get one generic refusal, nothing else runs."""
    if update.my_chat_member is not None or _is_migration(update):
        return  # the bot's own membership and group migrations matter whoever caused them
    sender = update.effective_user
    chat = update.effective_chat
    if sender is None:
        raise ApplicationHandlerStop
    access = context.services.access
    user = await access.user(sender.id)
    if chat is not None and chat.type in GROUPS and not await _group_served(update, context, user):
        if update.callback_query is not None:  # only the presser sees it: stop the spinner
            await update.callback_query.answer()
        raise ApplicationHandlerStop  # silently: an unregistered group gets no answers at all
    if user is not None:
        private = chat if chat is not None and chat.type == ChatType.PRIVATE else None
        await access.seen(
            user,
            name=sender.full_name,
            username=sender.username,
            chat_id=private.id if private else None,
        )
        context.user = await access.user(sender.id) if private else user
        count_commits()  # from here on, what this update changes (see handlers.errors)
        if await receipts.answered_first(update, context):
            raise ApplicationHandlerStop
        return
    if _is_start_with_code(update, context):
        return
    log.warning("refused update %d from user id %d", update.update_id, sender.id)
    refusal = Translator(
        pick_language(sender.language_code, context.services.config.default_language)
    )
    if update.callback_query is not None:
        await update.callback_query.answer(refusal("access.refused"), show_alert=True)
    elif chat is not None and chat.type == ChatType.PRIVATE and update.effective_message:
        await reply(update, refusal("access.refused"))
    raise ApplicationHandlerStop


def _is_migration(update: Update) -> bool:
    message = update.message
    return message is not None and bool(message.migrate_to_chat_id or message.migrate_from_chat_id)


async def _group_served(update: Update, context: AppContext, user: User | None) -> bool:
    """Registered team groups are served; elsewhere only an admin's /register_team."""
    chat = chat_of(update)
    if await context.services.team.is_served(chat.id):
        return True
    message = update.message
    if user is None or not user.is_admin or message is None or not message.text:
        return False
    return message.text.split()[0].split("@")[0] == "/register_team"


def _is_start_with_code(update: Update, context: AppContext) -> bool:
    message = update.message
    if message is None or message.chat.type != ChatType.PRIVATE or not message.text:
        return False
    words = message.text.split()
    return len(words) == 2 and words[0].split("@")[0] == "/start"


async def start(update: Update, context: AppContext) -> None:
    """/start, or /start CODE from an invite link."""
    sender = sender_of(update)
    if context.user is not None:
        await reply(update, context.t("access.welcome_back", name=context.user.name))
        return
    code = context.args[0] if context.args else ""
    language = pick_language(sender.language_code, context.services.config.default_language)
    user = await context.services.access.join(
        sender.id,
        code,
        name=sender.full_name,
        username=sender.username,
        chat_id=chat_of(update).id,
        language=language,
    )
    if user is None:
        await reply(update, Translator(language)("access.refused"))
        return
    context.user = user
    welcome = context.t("access.welcome_new", name=user.name, role=context.t(f"role.{user.role}"))
    if user.digest_minute is not None:
        welcome += "\n" + context.t(
            "access.digest_on", time=fmt.minute_of_day(user.digest_minute, user.language)
        )
    await reply(update, welcome)


async def invite(update: Update, context: AppContext) -> None:
    """/invite manager|viewer|admin (admins only)."""
    user = context.required_user
    role = context.args[0].lower() if context.args else ""
    created = await context.services.access.create_invite(user, role)
    link = f"https://t.me/{context.bot.username}?start={created.code}"
    await reply(
        update,
        context.t(
            "access.invite_created",
            role=context.t(f"role.{created.role}"),
            expires=fmt.local(created.expires_at, user.timezone, user.language),
            link=link,
            code=created.code,
        ),
    )
