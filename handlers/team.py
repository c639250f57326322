"""The team group: registration, the bot's own membership, migration, absences, "Take it".

Handoff posts and return summaries are composed in bot.team.compose and posted by
bot.team.posting through the one delivery path; the periodic absence job (and the sandbox's
clock fast-forward) runs it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType

from bot import callbacks, fmt
from bot.callbacks import TEAM
from bot.context import AppContext
from bot.errors import InvalidInput
from bot.i18n import Html, Translator
from bot.nlu.ranges import find_period
from bot.team.posting import post_absence_news
from handlers.common import chat_of, membership_of, message_of, press_of, reply
from handlers.groupsettings import parse_options, registered_text
from storage.users import User

log = logging.getLogger(__name__)

GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
KIND_CODES = {"r": "reminder", "i": "invoice", "c": "contract"}
LABEL_CHARS = 28


# -- the group itself --------------------------------------------------------------------


async def register_team(update: Update, context: AppContext) -> None:
    """/register_team inside a group (admins)."""
    chat = chat_of(update)
    if chat.type not in GROUPS:
        raise InvalidInput("team.register_in_group")
    language, zone = parse_options(context.args or [])
    group = await context.services.team.register(
        context.required_user, chat.id, chat.title, language, zone
    )
    await reply(update, registered_text(group))


async def bot_membership_changed(update: Update, context: AppContext) -> None:
    """The bot was added to or removed from a group."""
    change = membership_of(update)
    chat = change.chat
    if chat.type not in GROUPS:
        return
    team = context.services.team
    now_in = change.new_chat_member.status in PRESENT
    was_in = change.old_chat_member.status in PRESENT
    title = chat.title or str(chat.id)
    if now_in and not was_in:
        if await team.is_served(chat.id):
            return
        adder = await context.services.access.user(change.from_user.id)
        if adder is not None and adder.is_admin:
            hint = Translator(adder.language)("team.added_by_admin")
            await context.services.delivery.send(chat.id, hint)
            return
        log.warning(
            "added to unregistered group %d by user id %d; leaving", chat.id, change.from_user.id
        )
        await context.bot.leave_chat(chat.id)
        await context.services.delivery.tell_admins(
            "team.left_unregistered", title=title, user_id=change.from_user.id
        )
    elif was_in and not now_in and await team.bot_removed(chat.id):
        log.warning("removed from team group %d", chat.id)
        await context.services.delivery.tell_admins("team.removed", title=title)


async def chat_migrated(update: Update, context: AppContext) -> None:
    """A group became a supergroup: its id changed everywhere we stored it."""
    message = message_of(update)
    if message.migrate_to_chat_id:
        await context.services.team.migrate_chat(message.chat.id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        await context.services.team.migrate_chat(message.migrate_from_chat_id, message.chat.id)


# -- deputies and absences ---------------------------------------------------------------


async def set_deputy(update: Update, context: AppContext) -> None:
    """/deputy @member @deputy [@supervisor] (admins)."""
    args = context.args or []
    if len(args) not in (2, 3):
        raise InvalidInput("team.links_usage")
    team = context.services.team
    member, deputy = await team.find_member(args[0]), await team.find_member(args[1])
    supervisor = await team.find_member(args[2]) if len(args) == 3 else None
    await team.set_links(context.required_user, member, deputy=deputy, supervisor=supervisor)
    member = await team.find_member(str(member.id))
    names = {u.id: u.name for u in await team.members()}
    nobody = context.t("team.nobody")
    await reply(
        update,
        context.t(
            "team.links_saved",
            name=member.name,
            deputy=names.get(member.deputy_id or 0, nobody),
            supervisor=names.get(member.supervisor_id or 0, nobody),
        ),
    )


async def away(update: Update, context: AppContext) -> None:
    """/away FROM TO [deputy @user] [reason TEXT], or the same said in words."""
    user = context.required_user
    args = context.args or []
    if args and not _looks_like_day(args[0]):
        start, end, deputy_ref, reason = await _away_in_words(context, " ".join(args))
    else:
        read = context.services.dates.read
        start, end, deputy_ref, reason = parse_away(
            args, lambda text: read(user, text, day=True, past_ok=True).day
        )
    team = context.services.team
    deputy = await team.find_member(deputy_ref) if deputy_ref else None
    await confirm_absence(update, context, user, start, end, deputy, reason)


_DEPUTY_IN_WORDS = re.compile(
    r"(?:замещает|заместитель|deputy|covering|covered by|vervanger|vervangt|helyettesít|"
    r"helyettes)\s*:?\s*(@?[^\s,.;]+)",
    re.IGNORECASE,
)
_USERNAME = re.compile(r"@[A-Za-z0-9_]{3,32}")
REASON_WORDS_BY_KEY = {
    "vacation": ("отпуск", "vacation", "holiday", "vakantie", "szabadság"),
    "sick": ("болен", "больн", "болею", "sick", "ziek", "beteg"),
    "trip": ("командировк", "business trip", "zakenreis", "üzleti út", "kiküldetés"),
}


async def _away_in_words(
    context: AppContext, text: str
) -> tuple[date, date, str | None, str | None]:
    """ "в отпуске с 20 декабря по 5 января, замещает Анна" and the like, in 4 languages."""
    user = context.required_user
    services = context.services
    period = find_period(
        services.followups.parser,
        text,
        lang=user.language,
        tz=user.timezone,
        now=services.clock.now(),
    )
    if period is None:
        raise InvalidInput("team.away_usage")
    named = _DEPUTY_IN_WORDS.search(text) or _USERNAME.search(text)
    deputy = (named.group(1) if named.groups() else named.group(0)) if named else None
    lowered = text.casefold()
    reason = next(
        (
            context.t(f"team.reason_{key}")
            for key, words in REASON_WORDS_BY_KEY.items()
            if any(word in lowered for word in words)
        ),
        None,
    )
    return period[0], period[1], deputy, reason


def _looks_like_day(word: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", word))


async def confirm_absence(
    update: Update,
    context: AppContext,
    user: User,
    start: date,
    end: date,
    deputy: User | None,
    reason: str | None,
) -> None:
    """Save the absence, confirm it, and tell whoever covers."""
    team = context.services.team
    absence = await team.plan_absence(user, start, end, deputy=deputy, reason=reason)
    cover = await team.cover(user, absence)
    t = context.t
    await reply(
        update,
        t(
            "team.away_saved",
            start=fmt.day(start, user.language),
            end=fmt.day(end, user.language),
            reason=Html(t("team.reason_suffix", reason=reason) if reason else ""),
            cover=cover.name if cover else t("team.group_covers"),
        ),
    )
    if cover is not None and cover.chat_id is not None:
        told = Translator(cover.language)
        await context.services.delivery.send(
            cover.chat_id,
            told(
                "team.deputy_told",
                name=user.name,
                start=fmt.day(start, cover.language),
                end=fmt.day(end, cover.language),
            ),
        )


DEPUTY_WORDS = {"deputy", "заместитель", "замещает", "vervanger", "helyettes"}
REASON_WORDS = {"reason", "причина", "reden", "ok"}


def parse_away(
    args: list[str], read_day: Callable[[str], date]
) -> tuple[date, date, str | None, str | None]:
    """FROM TO [deputy REF] [reason WORDS...]; a bare @user also names the deputy. The days
    are read by `read_day` (the follow-up parser's reading, bot/services/dates.py)."""
    if len(args) < 2:
        raise InvalidInput("team.away_usage")
    start, end = read_day(args[0]), read_day(args[1])
    deputy, reason_words = None, []
    rest = iter(args[2:])
    for word in rest:
        lowered = word.casefold()
        if lowered in DEPUTY_WORDS:
            deputy = next(rest, None)
        elif word.startswith("@") and deputy is None:
            deputy = word
        elif lowered not in REASON_WORDS:
            reason_words.append(word)
    return start, end, deputy, " ".join(reason_words) or None


async def come_back(update: Update, context: AppContext) -> None:
    """/back."""
    user = context.required_user
    back = await context.services.team.come_back(user)
    if back.ended is not None:
        await reply(update, context.t("team.back"))
        await post_absence_news(context.services)
        return
    t = context.t
    lines = [t("delivery.only_planned")]
    buttons = []
    for absence in back.planned:
        days = {
            "start": fmt.day(absence.start_on, user.language),
            "end": fmt.day(absence.end_on, user.language),
        }
        lines.append(f"• {t('delivery.absence_period', **days)}")
        period = t.plain("delivery.absence_period", **days)
        label = t.plain("delivery.cancel_absence", period=period)  # a label: plain text
        buttons.append([InlineKeyboardButton(label, callback_data=_unaway(absence.id))])
    await reply(update, "\n".join(lines), InlineKeyboardMarkup(buttons))


def _unaway(absence_id: int) -> str:
    return callbacks.data(TEAM, "unaway", absence_id)


async def cancel_planned_absence(update: Update, context: AppContext) -> None:
    """The user pressed "Cancel" under a planned absence listed by /back."""
    query = press_of(update)
    user = context.required_user
    absence_id = callbacks.parts(query.data, TEAM)[1:2]
    if not absence_id or not absence_id[0].isdigit() or len(absence_id[0]) > 18:
        await query.answer(context.t("team.not_away"))
        return
    absence = await context.services.team.cancel_planned(user, int(absence_id[0]))
    await query.answer()
    period = context.t(
        "delivery.absence_period",
        start=fmt.day(absence.start_on, user.language),
        end=fmt.day(absence.end_on, user.language),
    )
    await query.edit_message_text(context.t("delivery.absence_cancelled", period=period))


# -- "Take it" ---------------------------------------------------------------------------


async def take_item(update: Update, context: AppContext) -> None:
    """A colleague pressed "Take it" under a handoff item in the team group."""
    query = press_of(update)
    code, item_id = callbacks.fields(query.data)
    taken = await context.services.team.take(context.required_user, KIND_CODES[code], item_id)
    if not taken.won:
        await query.answer(
            context.t.plain("team.already_taken", name=taken.assignee.name), show_alert=True
        )
        return
    await query.answer(context.t("team.took"))
    message = query.message
    if isinstance(message, Message) and message.reply_markup is not None:
        await query.edit_message_reply_markup(
            mark_taken(message.reply_markup, query.data or "", taken.assignee.name, context.t)
        )


def mark_taken(
    markup: InlineKeyboardMarkup, data: str, name: str, t: Translator
) -> InlineKeyboardMarkup:
    """The pressed button becomes "✅ Name: label" that only says who has it."""
    rows = []
    for row in markup.inline_keyboard:
        new_row = []
        for button in row:
            if button.callback_data == data:
                label = button.text.split(": ", 1)[-1]
                done = data.replace(":take:", ":taken:", 1)
                button = InlineKeyboardButton(
                    t.plain("team.taken_button", name=name, label=label), callback_data=done
                )
            new_row.append(button)
        rows.append(new_row)
    return InlineKeyboardMarkup(rows)


async def taken_item(update: Update, context: AppContext) -> None:
    """Someone pressed a button of an item that is already taken."""
    query = press_of(update)
    code, item_id = callbacks.fields(query.data)
    taken = await context.services.team.take(context.required_user, KIND_CODES[code], item_id)
    key = "team.took" if taken.won else "team.already_taken"
    await query.answer(context.t.plain(key, name=taken.assignee.name), show_alert=not taken.won)


# -- handoff posts and return summaries --------------------------------------------------


async def absence_job(context: AppContext) -> None:
    """JobQueue callback: post due handoffs and return summaries."""
    await post_absence_news(context.services)
