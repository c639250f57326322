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
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import callbacks
from bot.callbacks import CLIENT, SETTINGS
from bot.commands import COMMANDS
from bot.config import Config
from bot.context import CONTEXT_TYPES, AppContext
from bot.i18n import LANGUAGES, translate
from bot.services import Services
from handlers import (
    access,
    clientinput,
    clientlookup,
    clients,
    help,
    newclient,
    records,
    settings,
    transfer,
)
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
    _add_client_conversations(app, private)
    app.add_handler(CommandHandler("start", access.start, filters=private))
    app.add_handler(CommandHandler("help", help.show_help))
    app.add_handler(CommandHandler("invite", access.invite, filters=private))
    app.add_handler(CommandHandler("settings", settings.show_settings, filters=private))
    app.add_handler(CommandHandler("cancel", help.nothing_to_cancel))
    app.add_handler(
        CallbackQueryHandler(settings.open_submenu, pattern=callbacks.pattern(SETTINGS, "menu"))
    )
    app.add_handler(
        CallbackQueryHandler(settings.choose_setting, pattern=callbacks.pattern(SETTINGS))
    )

    _add_client_handlers(app)

    app.add_error_handler(report_error)
    return app


def _add_client_conversations(app: Application, private: filters.BaseFilter) -> None:
    """/newclient's form and the typed steps started from a client card's buttons."""
    text = filters.TEXT & ~filters.COMMAND & private
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("newclient", newclient.start, filters=private)],
            states={
                newclient.ASKING: [
                    MessageHandler(text, newclient.typed),
                    CallbackQueryHandler(
                        newclient.pressed, pattern=callbacks.pattern(CLIENT, "nc")
                    ),
                ]
            },
            fallbacks=[CommandHandler("cancel", newclient.cancel)],
            conversation_timeout=CONVERSATION_TIMEOUT,
            name="new_client",
        )
    )
    app.add_handler(
        ConversationHandler(
            entry_points=[
                CallbackQueryHandler(clientinput.ask_log, pattern=callbacks.pattern(CLIENT, "log")),
                CallbackQueryHandler(
                    clientinput.ask_reminder, pattern=callbacks.pattern(CLIENT, "rem")
                ),
                CallbackQueryHandler(
                    clientinput.ask_field, pattern=callbacks.pattern(CLIENT, "ef")
                ),
                CallbackQueryHandler(
                    clientinput.ask_loss_reason, pattern=r"^cl:ev:\d+:\d+:status:lost$"
                ),
                CallbackQueryHandler(
                    clientinput.ask_contact, pattern=callbacks.pattern(CLIENT, "addc")
                ),
                CallbackQueryHandler(
                    clientinput.ask_invoice, pattern=callbacks.pattern(CLIENT, "addinv")
                ),
            ],
            states={clientinput.TYPING: [MessageHandler(text, clientinput.typed)]},
            fallbacks=[CommandHandler("cancel", help.cancel)],
            conversation_timeout=CONVERSATION_TIMEOUT,
            allow_reentry=True,
            name="client_input",
        )
    )


def _add_client_handlers(app: Application) -> None:
    """Client commands and the buttons of cards, lists, histories and invoices."""
    for command, callback in (
        ("client", clients.show_client),
        ("clients", clients.list_clients),
        ("log", records.log_interaction),
        ("history", records.show_history),
        ("invoice", records.add_invoice),
        ("overdue", records.overdue),
        ("complaints", records.open_complaints),
        ("contract", records.add_contract),
        ("import", transfer.ask_import),
        ("export", transfer.export),
        ("forget", transfer.forget),
    ):
        app.add_handler(CommandHandler(command, callback))
    app.add_handler(
        MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, transfer.got_file)
    )
    for action, callback in (
        ("open", clients.open_card),
        ("card", clients.open_card),
        ("pick", clientlookup.pick_client),
        ("dup", clients.create_anyway),
        ("list", clients.page_clients),
        ("edit", clients.edit_menu),
        ("em", clients.choice_menu),
        ("ev", clients.set_choice),
        ("arch", clients.archive),
        ("unarch", clients.archive),
        ("own", clients.reassign_menu),
        ("ownto", clients.reassign),
        ("inv", records.client_invoices),
        ("paid", records.mark_paid),
        ("hist", records.page_history),
        ("res", records.resolve_complaint),
        ("fgt", transfer.forget_confirmed),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=callbacks.pattern(CLIENT, action)))


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
