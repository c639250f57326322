"""The team group: registration, the bot's own membership, migration, absences, "Take it".

Handoff posts and return summaries are sent by `post_absence_news`, which the periodic
absence job (and the sandbox's clock fast-forward) runs.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import date

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import Forbidden, TelegramError

from bot import callbacks, fmt
from bot.callbacks import TEAM
from bot.context import AppContext
from bot.errors import InvalidInput
from bot.i18n import Html, Translator
from bot.nlu.ranges import find_period
from bot.reminders import generated
from bot.services import Services
from bot.services.team import Handoff, ReturnSummary, group_translator, notice_deadline
from handlers.common import reply, send
from handlers.groupsettings import parse_options, registered_text
from storage.handoff import HandoffItem
from storage.users import User

log = logging.getLogger(__name__)

GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
KIND_CODES = {"r": "reminder", "i": "invoice", "c": "contract"}
LABEL_CHARS = 28


# -- the group itself --------------------------------------------------------------------


async def register_team(update: Update, context: AppContext) -> None:
    """/register_team inside a group (admins)."""
    chat = update.effective_chat
    assert chat is not None
    if chat.type not in GROUPS:
        raise InvalidInput("team.register_in_group")
    language, zone = parse_options(context.args or [])
    group = await context.services.team.register(
        context.required_user, chat.id, chat.title, language, zone
    )
    await reply(update, registered_text(group))


async def bot_membership_changed(update: Update, context: AppContext) -> None:
    """The bot was added to or removed from a group."""
    change = update.my_chat_member
    assert change is not None
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
            await context.bot.send_message(
                chat.id, Translator(adder.language)("team.added_by_admin")
            )
            return
        log.warning(
            "added to unregistered group %d by user id %d; leaving", chat.id, change.from_user.id
        )
        await context.bot.leave_chat(chat.id)
        await tell_admins(
            context.bot,
            context.services,
            "team.left_unregistered",
            title=title,
            user_id=change.from_user.id,
        )
    elif was_in and not now_in and await team.bot_removed(chat.id):
        log.warning("removed from team group %d", chat.id)
        await tell_admins(context.bot, context.services, "team.removed", title=title)


async def chat_migrated(update: Update, context: AppContext) -> None:
    """A group became a supergroup: its id changed everywhere we stored it."""
    message = update.effective_message
    assert message is not None
    if message.migrate_to_chat_id:
        await context.services.team.migrate_chat(message.chat.id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        await context.services.team.migrate_chat(message.migrate_from_chat_id, message.chat.id)


async def tell_admins(bot: Bot, services: Services, key: str, **params: object) -> None:
    for admin in await services.team.admins():
        if admin.chat_id is None:
            continue
        try:
            await send(bot, admin.chat_id, Translator(admin.language)(key, **params))
        except TelegramError:
            log.warning("could not tell admin %d", admin.id, exc_info=True)


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
        start, end, deputy_ref, reason = parse_away(args)
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
        await send(
            context.bot,
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


def parse_away(args: list[str]) -> tuple[date, date, str | None, str | None]:
    """FROM TO [deputy REF] [reason WORDS...]; a bare @user also names the deputy."""
    if len(args) < 2:
        raise InvalidInput("team.away_usage")
    start, end = parse_day(args[0]), parse_day(args[1])
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


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("team.bad_date", text=text[:40]) from None


async def come_back(update: Update, context: AppContext) -> None:
    """/back."""
    await context.services.team.come_back(context.required_user)
    await reply(update, context.t("team.back"))
    await post_absence_news(context.bot, context.services)


# -- "Take it" ---------------------------------------------------------------------------


async def take_item(update: Update, context: AppContext) -> None:
    """A colleague pressed "Take it" under a handoff item in the team group."""
    query = update.callback_query
    assert query is not None
    code, item_id = callbacks.parts(query.data, TEAM)[1:3]
    taken = await context.services.team.take(context.required_user, KIND_CODES[code], int(item_id))
    if not taken.won:
        await query.answer(
            context.t.plain("team.already_taken", name=taken.assignee.name), show_alert=True
        )
        return
    await query.answer(context.t("team.took"))
    message = query.message
    if message is not None and message.reply_markup is not None:
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
    query = update.callback_query
    assert query is not None
    code, item_id = callbacks.parts(query.data, TEAM)[1:3]
    taken = await context.services.team.take(context.required_user, KIND_CODES[code], int(item_id))
    key = "team.took" if taken.won else "team.already_taken"
    await query.answer(context.t.plain(key, name=taken.assignee.name), show_alert=not taken.won)


# -- handoff posts and return summaries --------------------------------------------------


async def absence_job(context: AppContext) -> None:
    """JobQueue callback: post due handoffs and return summaries."""
    await post_absence_news(context.bot, context.services)


async def post_absence_news(bot: Bot, services: Services) -> None:
    """Post each due handoff, then mark it: a crash in between repeats a post, never loses one."""
    team = services.team
    async with team.posting:
        for handoff in await team.due_handoffs():
            await _post_handoff(bot, services, handoff)
            await team.mark_handoff_posted(handoff.absence.id)
        for summary in await team.due_summaries():
            if summary.user.chat_id is not None:
                await send(bot, summary.user.chat_id, render_summary(summary))
            await team.mark_summary_sent(summary.absence.id)


async def _post_handoff(bot: Bot, services: Services, handoff: Handoff) -> None:
    group = await services.team.team_chat()
    if group is not None:
        t = group_translator(group)
        zone = group.timezone or handoff.user.timezone
        try:
            await _send_handoff(
                bot, group.chat_id, handoff, t, group.show_amounts, takeable=True, zone=zone
            )
            return
        except Forbidden:
            await services.team.bot_removed(group.chat_id)
            await tell_admins(
                bot, services, "team.removed", title=group.title or str(group.chat_id)
            )
    if handoff.cover is not None and handoff.cover.chat_id is not None:
        t = Translator(handoff.cover.language)
        await _send_handoff(
            bot,
            handoff.cover.chat_id,
            handoff,
            t,
            True,
            takeable=False,
            zone=handoff.cover.timezone,
        )


async def _send_handoff(
    bot: Bot,
    chat_id: int,
    handoff: Handoff,
    t: Translator,
    amounts: bool,
    *,
    takeable: bool,
    zone: str,
) -> None:
    """The handoff's header, then one message per client; times are the owner's wall clock,
    named by its city when the readers' `zone` is another one ("09:00 Amsterdam")."""
    absence = handoff.absence
    header = t(
        "team.handoff_title",
        name=handoff.user.name,
        start=fmt.day(date.fromisoformat(absence.start_on), t.lang),
        end=fmt.day(date.fromisoformat(absence.end_on), t.lang),
        reason=Html(t("team.reason_suffix", reason=absence.reason) if absence.reason else ""),
        cover=handoff.cover.name if handoff.cover else t("team.group_covers"),
    )
    more = t("team.handoff_more") if handoff.items else t("team.handoff_empty")
    await send(bot, chat_id, f"{header}\n{more}")
    by_client: dict[int, list[HandoffItem]] = {}
    for item in handoff.items:
        by_client.setdefault(item.client_id, []).append(item)
    for items in by_client.values():
        lines = [f"<b>{_escape(items[0].client_name)}</b>"]
        buttons = []
        for item in items:
            line = render_item(item, t, handoff.user.timezone, amounts, zone)
            lines.append(line)
            if takeable:
                buttons.append([_take_button(item, t)])
        await send(
            bot, chat_id, "\n".join(lines), InlineKeyboardMarkup(buttons) if buttons else None
        )


def _take_button(item: HandoffItem, t: Translator) -> InlineKeyboardButton:
    code = item.kind[0]
    label = generated.show(item.text, t.lang) or item.client_name
    label = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
    if item.assignee_id is not None:
        data = callbacks.data(TEAM, "taken", code, item.id)
        return InlineKeyboardButton(f"✅ {label}", callback_data=data)
    return InlineKeyboardButton(
        t.plain("team.take_button", label=label),
        callback_data=callbacks.data(TEAM, "take", code, item.id),
    )


def render_item(
    item: HandoffItem, t: Translator, tz: str, amounts: bool, reader_tz: str | None = None
) -> str:
    if item.kind == "reminder":
        assert item.due_at is not None
        text = generated.show(item.text, t.lang)
        when = fmt.zoned(item.due_at, tz, reader_tz or tz, t.lang)
        return t("team.item_reminder", text=text, when=when)
    assert item.due_on is not None
    due = date.fromisoformat(item.due_on)
    if item.kind == "invoice":
        amount = ""
        if amounts and item.amount_minor is not None and item.currency:
            amount = f" · {fmt.money(item.amount_minor, item.currency, t.lang)}"
        return t(
            "team.item_invoice",
            number=item.text,
            due=fmt.day(due, t.lang, weekday=False),
            amount=amount,
        )
    return t(
        "team.item_contract",
        title=item.text,
        deadline=fmt.day(notice_deadline(item), t.lang, weekday=False),
        end=fmt.day(due, t.lang, weekday=False),
    )


def render_summary(summary: ReturnSummary) -> str:
    user, absence = summary.user, summary.absence
    t = Translator(user.language)
    lines = [
        t(
            "team.summary_title",
            name=user.name,
            start=fmt.day(date.fromisoformat(absence.start_on), t.lang),
            end=fmt.day(date.fromisoformat(absence.end_on), t.lang),
        )
    ]
    for client in summary.clients:
        by = t("team.summary_by", names=", ".join(client.logged_by)) if client.logged_by else ""
        lines.append(
            t(
                "team.summary_client",
                client=client.client_name,
                interactions=t("count.interactions", count=client.interactions),
                by=Html(by),
                done=t("count.reminders", count=client.reminders_done),
                paid=t("count.invoices", count=client.invoices_paid),
                open_reminders=t("count.reminders", count=client.open_reminders),
                open_invoices=t("count.invoices", count=client.open_invoices),
            )
        )
    if not summary.clients:
        lines.append(t("team.summary_empty"))
    return "\n".join(lines)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
