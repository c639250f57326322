"""All wiring in one place: the Application, its handlers in order, the command menus.

Order matters in PTB: group -1 runs before everything, and inside a group the first
matching handler wins. Conversations come before the plain commands they override.
"""

from __future__ import annotations

import warnings

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import callbacks
from bot.callbacks import REMINDER, SETTINGS
from bot.commands import COMMANDS
from bot.config import Config
from bot.context import CONTEXT_TYPES, AppContext
from bot.i18n import LANGUAGES, translate
from bot.services import Services
from handlers import access, help, reminders, settings
from handlers.errors import report_error

CONVERSATION_TIMEOUT = 15 * 60

# Our conversations are per user and chat on purpose (a step started from a button continues
# with the next text message), which is what PTB's per_message=False warning is about.
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)


def build_application(config: Config, services: Services, token: str) -> Application:
    """The PTB Application with every handler registered; services attached to bot_data."""
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(config.api_base_url)
        .base_file_url(config.api_file_url)
        .context_types(CONTEXT_TYPES)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .build()
    )
    app.bot_data.services = services
    private = filters.ChatType.PRIVATE

    # -1: the gate. Nothing below runs for a user who is not registered.
    app.add_handler(TypeHandler(Update, access.deny_unknown_users), group=-1)

    # 0: conversations first, so their states see text before any catch-all does.
    app.add_handler(
        ConversationHandler(
            entry_points=[
                CallbackQueryHandler(
                    settings.ask_timezone, pattern=callbacks.pattern(SETTINGS, "tzother")
                )
            ],
            states={
                settings.TYPING_TIMEZONE: [
                    MessageHandler(
                        filters.TEXT & ~filters.COMMAND & private, settings.typed_timezone
                    )
                ]
            },
            fallbacks=[CommandHandler("cancel", help.cancel)],
            conversation_timeout=CONVERSATION_TIMEOUT,
            name="settings_timezone",
        )
    )
    app.add_handler(
        ConversationHandler(
            entry_points=[
                CallbackQueryHandler(
                    reminders.log_call, pattern=callbacks.pattern(REMINDER, "log")
                ),
                CallbackQueryHandler(reminders.ask_snooze_time, pattern=r"^rem:sn:\d+:c$"),
            ],
            states={
                reminders.TYPING_OUTCOME: [
                    MessageHandler(
                        filters.TEXT & ~filters.COMMAND & private, reminders.typed_outcome
                    )
                ],
                reminders.TYPING_SNOOZE: [
                    MessageHandler(
                        filters.TEXT & ~filters.COMMAND & private, reminders.typed_snooze_time
                    )
                ],
            },
            fallbacks=[CommandHandler("cancel", help.cancel)],
            conversation_timeout=CONVERSATION_TIMEOUT,
            name="reminder_typing",
        )
    )
    app.add_handler(CommandHandler("start", access.start, filters=private))
    app.add_handler(CommandHandler("help", help.show_help))
    app.add_handler(CommandHandler("invite", access.invite, filters=private))
    app.add_handler(CommandHandler("settings", settings.show_settings, filters=private))
    app.add_handler(CommandHandler("agenda", reminders.show_agenda))
    app.add_handler(CommandHandler("week", reminders.show_week))
    app.add_handler(CommandHandler("upcoming", reminders.show_upcoming))
    app.add_handler(CommandHandler("renewals", reminders.show_renewals))
    app.add_handler(CommandHandler("cold", reminders.show_cold))
    app.add_handler(CommandHandler("done", reminders.done_command))
    app.add_handler(CommandHandler("snooze", reminders.snooze_command))
    app.add_handler(CommandHandler("cancel", reminders.cancel_command, has_args=True))
    app.add_handler(CommandHandler("cancel", help.nothing_to_cancel))
    app.add_handler(
        CallbackQueryHandler(settings.open_submenu, pattern=callbacks.pattern(SETTINGS, "menu"))
    )
    app.add_handler(
        CallbackQueryHandler(settings.choose_setting, pattern=callbacks.pattern(SETTINGS))
    )

    # Reminder buttons under a delivered reminder and beside /agenda items.
    app.add_handler(
        CallbackQueryHandler(reminders.done_reminder, pattern=callbacks.pattern(REMINDER, "done"))
    )
    app.add_handler(
        CallbackQueryHandler(reminders.snooze_reminder, pattern=callbacks.pattern(REMINDER, "sn"))
    )
    app.add_handler(CallbackQueryHandler(reminders.list_action, pattern=r"^rem:(ld|lh):\d+:\d+$"))
    # 1: chat-level events the reminder engine follows whatever group 0 did with them
    # (another feature may answer my_chat_member for groups there).
    app.add_handler(
        ChatMemberHandler(reminders.bot_membership, ChatMemberHandler.MY_CHAT_MEMBER), group=1
    )
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, reminders.chat_migrated), group=1)

    app.add_error_handler(report_error)
    return app


async def set_command_menus(app: Application) -> None:
    """The "/" menu in each language; the default (no language) is English."""
    for lang in (None, *LANGUAGES):
        commands = [
            BotCommand(command.name, translate(lang or "en", command.description_key))
            for command in COMMANDS
            if command.in_menu
        ]
        await app.bot.set_my_commands(commands, language_code=lang)


def registered_commands(app: Application) -> set[str]:
    """Every command some CommandHandler answers, conversations included (for the help test)."""
    found: set[str] = set()

    def visit(handler: object) -> None:
        if isinstance(handler, CommandHandler):
            found.update(handler.commands)
        elif isinstance(handler, ConversationHandler):
            for inner in handler.entry_points + handler.fallbacks:
                visit(inner)
            for state_handlers in handler.states.values():
                for inner in state_handlers:
                    visit(inner)

    for group in app.handlers.values():
        for handler in group:
            visit(handler)
    return found


__all__ = ["AppContext", "build_application", "registered_commands", "set_command_menus"]
