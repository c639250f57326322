"""/settings: language, time zone (buttons or typed IANA name), working hour, morning digest
(off, a button for 07:00-10:00, or a typed time)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from bot import callbacks, fmt
from bot.callbacks import SETTINGS
from bot.context import AppContext
from bot.errors import InvalidInput
from bot.i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from bot.services.settings import COMMON_TIMEZONES, DIGEST_MINUTES, WORKING_HOURS
from handlers.common import keyboard, press_of, reply
from storage.steps import PendingStep
from storage.users import User

TIMEZONE_STEP = "settings.tz"
DIGEST_STEP = "settings.digest"


def _menu(user: User, now: datetime) -> tuple[str, InlineKeyboardMarkup]:
    t = Translator(user.language)
    text = t(
        "settings.menu",
        language=LANGUAGE_NAMES[user.language],
        timezone=fmt.zone_label(user.timezone, user.language),
        local_time=fmt.moment(now.astimezone(ZoneInfo(user.timezone)), user.language),
        working_hour=fmt.minute_of_day(user.working_minute, user.language),
    )
    digest = (
        t("settings.digest_off")
        if user.digest_minute is None
        else fmt.minute_of_day(user.digest_minute, user.language)
    )
    text += "\n" + t("settings.digest_line", digest=digest)
    markup = keyboard(
        [
            [(t("settings.btn_language"), callbacks.data(SETTINGS, "menu", "lang"))],
            [(t("settings.btn_timezone"), callbacks.data(SETTINGS, "menu", "tz"))],
            [(t("settings.btn_hour"), callbacks.data(SETTINGS, "menu", "hour"))],
            [(t("settings.btn_digest"), callbacks.data(SETTINGS, "menu", "digest"))],
        ]
    )
    return text, markup


async def show_settings(update: Update, context: AppContext) -> None:
    """/settings."""
    text, markup = _menu(context.required_user, context.services.clock.now())
    await reply(update, text, markup)


async def open_submenu(update: Update, context: AppContext) -> None:
    """A settings button that opens a list of choices (or goes back to the menu)."""
    query = press_of(update)
    user = context.required_user
    args = callbacks.parts(query.data, SETTINGS)
    back = (context.t("settings.btn_back"), callbacks.data(SETTINGS, "menu"))
    section = args[1] if len(args) > 1 else ""
    if section == "lang":
        text = context.t("settings.choose_language")
        rows = [
            [(LANGUAGE_NAMES[code], callbacks.data(SETTINGS, "lang", code))] for code in LANGUAGES
        ]
    elif section == "tz":
        text = context.t("settings.choose_timezone")
        rows = [[(zone, callbacks.data(SETTINGS, "tz", zone))] for zone in COMMON_TIMEZONES]
        rows.append([(context.t("settings.btn_other_tz"), callbacks.data(SETTINGS, "tzother"))])
    elif section == "hour":
        text = context.t("settings.choose_hour")
        rows = [
            [
                (
                    fmt.minute_of_day(hour * 60, user.language),
                    callbacks.data(SETTINGS, "hour", hour),
                )
                for hour in WORKING_HOURS
            ]
        ]
    elif section == "digest":
        text = context.t("settings.choose_digest")
        rows = [
            [
                (fmt.minute_of_day(m, user.language), callbacks.data(SETTINGS, "digest", m))
                for m in DIGEST_MINUTES
            ],
            [
                (context.t("settings.btn_digest_off"), callbacks.data(SETTINGS, "digest", "off")),
                (context.t("settings.btn_digest_other"), callbacks.data(SETTINGS, "digestother")),
            ],
        ]
    else:
        text, markup = _menu(user, context.services.clock.now())
        await query.answer()
        await query.edit_message_text(text, reply_markup=markup)
        return
    rows.append([back])
    await query.answer()
    await query.edit_message_text(text, reply_markup=keyboard(rows))


async def choose_setting(update: Update, context: AppContext) -> None:
    """A language, zone or hour button was pressed: save it and show the menu again."""
    query = press_of(update)
    args = callbacks.parts(query.data, SETTINGS)
    settings = context.services.settings
    user = context.required_user
    kind, value = args[0], ":".join(args[1:])
    if kind == "lang":
        user = await settings.set_language(user, value)
    elif kind == "tz":
        user = await settings.set_timezone(user, value)
    elif kind == "hour" and value.isdigit():
        user = await settings.set_working_hour(user, int(value))
    elif kind == "digest" and (value == "off" or value.isdigit()):
        user = await settings.set_digest(user, None if value == "off" else int(value))
    else:
        raise InvalidInput()
    context.user = user
    text, markup = _menu(user, context.services.clock.now())
    await query.answer(context.t("settings.saved"))
    await query.edit_message_text(text, reply_markup=markup)


async def ask_timezone(update: Update, context: AppContext) -> None:
    """ "Other…" under time zones: the next text message is the zone name."""
    await _ask_typed(update, context, "settings.type_timezone", TIMEZONE_STEP)


async def typed_timezone(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The zone name typed after "Other…"; InvalidInput (nothing saved) when unknown."""
    user = await context.services.settings.set_timezone(context.required_user, text.strip())
    await _saved(update, context, step, user)


async def ask_digest_time(update: Update, context: AppContext) -> None:
    """ "Other time…" under the morning digest: the next text message is the time."""
    await _ask_typed(update, context, "settings.type_digest", DIGEST_STEP)


async def typed_digest_time(
    update: Update, context: AppContext, step: PendingStep, text: str
) -> None:
    """The digest time typed ("7:30", "07.30"); InvalidInput (nothing saved) when unreadable."""
    settings = context.services.settings
    user = await settings.set_digest(context.required_user, settings.minute_of(text))
    await _saved(update, context, step, user)


async def _ask_typed(update: Update, context: AppContext, key: str, kind: str) -> None:
    """Open the step first, so the text typed next is read by it, then ask."""
    query = press_of(update)
    await context.services.steps.start(context.required_user.id, kind)
    await query.answer()
    await query.edit_message_text(context.t(key))


async def _saved(update: Update, context: AppContext, step: PendingStep, user: User) -> None:
    """A typed setting was saved: end the step, say so under the menu."""
    await context.services.steps.end(step)
    context.user = user
    menu_text, markup = _menu(user, context.services.clock.now())
    await reply(update, context.t("settings.saved") + "\n\n" + menu_text, markup)
