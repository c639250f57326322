"""The team group's own language, time zone and amounts: /register_team's options and
/team_settings (typed options or buttons), admins only, inside the team group."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot import callbacks, fmt
from bot.callbacks import TEAM
from bot.config import LANGUAGES, is_timezone
from bot.context import AppContext
from bot.errors import InvalidInput, NotAllowed
from bot.i18n import LANGUAGE_NAMES
from bot.services.settings import COMMON_TIMEZONES
from bot.services.team import group_translator
from handlers.common import chat_of, keyboard, press_of, reply
from storage.team_chats import TeamChat

SETTINGS = "gs"


def parse_options(args: list[str]) -> tuple[str | None, str | None]:
    """(language, zone) from typed words like `nl Europe/London`, each optional."""
    language = zone = None
    for arg in args:
        if arg.lower() in LANGUAGES:
            language = arg.lower()
        elif is_timezone(arg):
            zone = arg
        else:
            raise InvalidInput("group.bad_setting", value=arg[:40])
    return language, zone


def registered_text(group: TeamChat) -> str:
    t = group_translator(group)
    zone = group.timezone or "UTC"
    return t("team.registered", language=LANGUAGE_NAMES[t.lang], zone=fmt.zone_name(zone, t.lang))


def _settings_view(group: TeamChat) -> tuple[str, InlineKeyboardMarkup]:
    t = group_translator(group)
    zone = group.timezone or "UTC"
    text = t(
        "group.settings",
        language=LANGUAGE_NAMES[t.lang],
        zone=fmt.zone_label(zone, t.lang),
        amounts=t("group.amounts_shown" if group.show_amounts else "group.amounts_hidden"),
    )
    rows = [
        [(LANGUAGE_NAMES[code], callbacks.data(TEAM, SETTINGS, "l", code)) for code in LANGUAGES],
        *(
            [
                (fmt.zone_name(name, t.lang), callbacks.data(TEAM, SETTINGS, "z", index))
                for index, name in enumerate(COMMON_TIMEZONES[start : start + 3], start)
            ]
            for start in range(0, len(COMMON_TIMEZONES), 3)
        ),
        [
            (
                t.plain(
                    "group.btn_hide_amounts" if group.show_amounts else "group.btn_show_amounts"
                ),
                callbacks.data(TEAM, SETTINGS, "a", int(not group.show_amounts)),
            )
        ],
    ]
    return text, keyboard(rows)


async def _team_group(context: AppContext, chat_id: int) -> TeamChat:
    group = await context.services.team.group(chat_id)
    if group is None:
        raise InvalidInput("group.only_in_team_group")
    return group


async def team_settings(update: Update, context: AppContext) -> None:
    """/team_settings [language] [zone] in the team group (admins)."""
    chat = chat_of(update)
    group = await _team_group(context, chat.id)
    language, zone = parse_options(context.args or [])
    if language or zone:
        group = await context.services.team.group_settings(
            context.required_user, chat.id, language=language, timezone=zone
        )
    elif not context.required_user.is_admin:
        raise NotAllowed()
    text, markup = _settings_view(group)
    await reply(update, text, markup)


async def team_settings_button(update: Update, context: AppContext) -> None:
    """team:gs:l:<lang> | team:gs:z:<zone index> | team:gs:a:<0|1>."""
    query = press_of(update)
    setting, value = callbacks.fields(query.data)  # validated against bot.callbacks.SPECS
    change: dict[str, Any] = {}
    if setting == "l":
        change["language"] = value
    elif setting == "z":
        change["timezone"] = COMMON_TIMEZONES[value]
    else:
        change["show_amounts"] = value == "1"
    chat_id = chat_of(update).id
    await _team_group(context, chat_id)
    group = await context.services.team.group_settings(context.required_user, chat_id, **change)
    await query.answer()
    text, markup = _settings_view(group)
    await query.edit_message_text(text, reply_markup=markup)
