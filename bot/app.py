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
from bot.backups import BACKUP_INTERVAL_SECONDS, FIRST_BACKUP_SECONDS, daily_backup
from bot.callbacks import CLIENT, CONTRACT, DATE, FOLLOW_UP, REMINDER, REPORT, SETTINGS, TEAM
from bot.commands import COMMANDS
from bot.config import Config
from bot.context import CONTEXT_TYPES, AppContext
from bot.i18n import LANGUAGES, translate
from bot.reminders.telegram import JOB_KWARGS
from bot.services import Services
from handlers import (
    access,
    away,
    clientinput,
    clientlookup,
    clients,
    contacts,
    datechoice,
    edits,
    followups,
    help,
    membership,
    newclient,
    presses,
    reassign,
    records,
    reminders,
    renewals,
    reports,
    settings,
    team,
    transfer,
    updates,
)
from handlers.errors import report_error

CONVERSATION_TIMEOUT = 15 * 60
ABSENCE_CHECK_SECONDS = 60

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

    # 0: a press whose callback data does not parse is refused before any feature sees it,
    # and an edited message never runs a command again.
    app.add_handler(CallbackQueryHandler(presses.refuse_invalid, pattern=callbacks.is_invalid))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, edits.not_applied))
    # Then conversations, so their states see text before any catch-all does.
    app.add_handler(
        ConversationHandler(
            entry_points=[
                CallbackQueryHandler(
                    settings.ask_timezone, pattern=callbacks.pattern(SETTINGS, "tzother")
                ),
                CallbackQueryHandler(
                    settings.ask_digest_time, pattern=callbacks.pattern(SETTINGS, "digestother")
                ),
            ],
            states={
                settings.TYPING_TIMEZONE: [
                    MessageHandler(
                        filters.TEXT & ~filters.COMMAND & private, settings.typed_timezone
                    )
                ],
                settings.TYPING_DIGEST: [
                    MessageHandler(
                        filters.TEXT & ~filters.COMMAND & private, settings.typed_digest_time
                    )
                ],
            },
            fallbacks=[CommandHandler("cancel", help.cancel)],
            conversation_timeout=CONVERSATION_TIMEOUT,
            name="settings_timezone",
        )
    )
    _add_team_conversations(app, private)
    _add_renewal_conversation(app, private)
    _add_client_conversations(app, private)
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
                # Log call under a payment or renewal reminder: what was said; then, after
                # any logged call, "Next step?" opens a follow-up card.
                reminders.TYPING_SUMMARY: [
                    MessageHandler(
                        filters.TEXT & ~filters.COMMAND & private, reminders.typed_summary
                    )
                ],
                reminders.TYPING_NEXT: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND & private, reminders.typed_next)
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

    _add_client_handlers(app)
    # Renewals: /renewals, /contract, "Not renewing" -> client lost, "a year on" after a
    # restart or timeout (inside the conversation the same button is handled there).
    app.add_handler(CommandHandler("renewals", renewals.show_renewals))
    app.add_handler(CommandHandler("contract", renewals.add_contract))
    app.add_handler(
        CallbackQueryHandler(renewals.mark_lost, pattern=callbacks.pattern(CONTRACT, "lost"))
    )
    app.add_handler(
        CallbackQueryHandler(renewals.use_default, pattern=callbacks.pattern(CONTRACT, "rdef"))
    )
    _add_team_handlers(app, private)
    _add_report_handlers(app, private)
    # Reminder buttons under a delivered reminder and beside /agenda items.
    app.add_handler(
        CallbackQueryHandler(reminders.done_reminder, pattern=callbacks.pattern(REMINDER, "done"))
    )
    app.add_handler(
        CallbackQueryHandler(reminders.snooze_reminder, pattern=callbacks.pattern(REMINDER, "sn"))
    )
    app.add_handler(CallbackQueryHandler(reminders.list_action, pattern=r"^rem:(ld|lh):\d+:\d+$"))
    # Dates offered instead of an impossible or past one typed in /contract, /invoice, snooze.
    app.add_handler(CallbackQueryHandler(datechoice.picked, pattern=callbacks.pattern(DATE)))
    _add_follow_up_handlers(app, private)
    # Last: any press nothing above took (a wizard's button after the wizard) is answered.
    app.add_handler(CallbackQueryHandler(presses.refuse_unhandled))

    app.add_error_handler(report_error)
    assert app.job_queue is not None, "the job-queue extra is a dependency"
    app.job_queue.run_repeating(
        team.absence_job,
        interval=ABSENCE_CHECK_SECONDS,
        first=1,
        name="absences",
        job_kwargs=JOB_KWARGS,
    )
    # Every update is counted (/metrics); in webhook mode a redelivered update (maybe reaching
    # another worker) is handled once.
    app.add_handler(TypeHandler(Update, updates.count_update), group=-101)
    if config.webhook_url:
        app.add_handler(TypeHandler(Update, updates.drop_redelivered), group=-100)
    # Operations: the daily SQLite backup (PostgreSQL: pg_dump, see the README).
    if config.backup_dir is not None and not config.database_url:
        app.job_queue.run_repeating(
            daily_backup,
            interval=BACKUP_INTERVAL_SECONDS,
            first=FIRST_BACKUP_SECONDS,
            name="backup",
            job_kwargs=JOB_KWARGS,
        )
    return app


def _add_team_conversations(app: Application, private: filters.BaseFilter) -> None:
    """/away step by step (with arguments it saves at once and ends)."""
    text_in_private = filters.TEXT & ~filters.COMMAND & private
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("away", away.start_away, filters=private)],
            states={
                away.ASK_START: [
                    MessageHandler(text_in_private, away.typed_start),
                    CallbackQueryHandler(away.typed_start, pattern=callbacks.pattern(TEAM, "away")),
                ],
                away.ASK_END: [
                    MessageHandler(text_in_private, away.typed_end),
                    CallbackQueryHandler(away.typed_end, pattern=callbacks.pattern(TEAM, "away")),
                ],
                away.ASK_DEPUTY: [
                    MessageHandler(text_in_private, away.chose_deputy),
                    CallbackQueryHandler(
                        away.chose_deputy, pattern=callbacks.pattern(TEAM, "away")
                    ),
                ],
                away.ASK_REASON: [
                    MessageHandler(text_in_private, away.chose_reason),
                    CallbackQueryHandler(
                        away.chose_reason, pattern=callbacks.pattern(TEAM, "away")
                    ),
                ],
            },
            fallbacks=[CommandHandler("cancel", help.cancel)],
            conversation_timeout=CONVERSATION_TIMEOUT,
            name="away",
        )
    )


def _add_renewal_conversation(app: Application, private: filters.BaseFilter) -> None:
    """Renewed (the new end date typed, or a year on pressed) and Not renewing (the reason
    typed), from a renewal reminder or a /renewals item."""
    text = filters.TEXT & ~filters.COMMAND & private
    app.add_handler(
        ConversationHandler(
            entry_points=[
                CallbackQueryHandler(renewals.ask_end, pattern=callbacks.pattern(CONTRACT, "ren")),
                CallbackQueryHandler(
                    renewals.ask_reason, pattern=callbacks.pattern(CONTRACT, "not")
                ),
            ],
            states={
                renewals.TYPING_END: [
                    MessageHandler(text, renewals.typed_end),
                    CallbackQueryHandler(
                        renewals.use_default, pattern=callbacks.pattern(CONTRACT, "rdef")
                    ),
                ],
                renewals.TYPING_REASON: [MessageHandler(text, renewals.typed_reason)],
            },
            fallbacks=[CommandHandler("cancel", help.cancel)],
            conversation_timeout=CONVERSATION_TIMEOUT,
            allow_reentry=True,
            name="renewal_typing",
        )
    )


def _add_follow_up_handlers(app: Application, private: filters.BaseFilter) -> None:
    """/remind, the confirmation buttons, forwards, and the plain-text catch-all: LAST in
    group 0, so a conversation waiting for text (and every command) always sees it first."""
    app.add_handler(CommandHandler("remind", followups.remind_command, filters=private))
    app.add_handler(CallbackQueryHandler(followups.pressed, pattern=callbacks.pattern(FOLLOW_UP)))
    app.add_handler(
        MessageHandler(
            filters.FORWARDED & (filters.TEXT | filters.CAPTION) & private, followups.forwarded
        )
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & private, followups.typed))
    # After every command handler: a command nobody answered gets a pointer to /help.
    app.add_handler(MessageHandler(filters.COMMAND & private, help.unknown_command))


def _add_team_handlers(app: Application, private: filters.BaseFilter) -> None:
    """The team group, the bot's own membership, group migration, deputies, "Take it"."""
    app.add_handler(CommandHandler("register_team", team.register_team))
    app.add_handler(CommandHandler("back", team.come_back, filters=private))
    app.add_handler(CommandHandler("deputy", team.set_deputy, filters=private))
    app.add_handler(CommandHandler("reassign", reassign.reassign, filters=private))
    app.add_handler(CallbackQueryHandler(reassign.move_all, pattern=callbacks.pattern(TEAM, "mv")))
    app.add_handler(
        ChatMemberHandler(membership.bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, team.chat_migrated))
    app.add_handler(CallbackQueryHandler(team.take_item, pattern=callbacks.pattern(TEAM, "take")))
    app.add_handler(CallbackQueryHandler(team.taken_item, pattern=callbacks.pattern(TEAM, "taken")))
    # /back lists planned absences with a Cancel button each (issue 12, trustdelivery)
    app.add_handler(
        CallbackQueryHandler(team.cancel_planned_absence, pattern=callbacks.pattern(TEAM, "unaway"))
    )


def _add_report_handlers(app: Application, private: filters.BaseFilter) -> None:
    """/report and its buttons. Non-blocking: pacing the chart photos under the per-chat
    limit takes a second or two, which must not hold up other users' updates."""
    app.add_handler(CommandHandler("report", reports.show_report, filters=private, block=False))
    app.add_handler(
        CallbackQueryHandler(
            reports.choose_period, pattern=callbacks.pattern(REPORT, "p"), block=False
        )
    )
    app.add_handler(
        CallbackQueryHandler(reports.pick_manager, pattern=callbacks.pattern(REPORT, "pick"))
    )
    app.add_handler(
        CallbackQueryHandler(reports.choose_scope, pattern=callbacks.pattern(REPORT, "for"))
    )


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
                    clientinput.ask_contact_edit, pattern=callbacks.pattern(CLIENT, "ce")
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
        ("cts", contacts.list_contacts),
        ("cd", contacts.confirm_delete),
        ("cdy", contacts.delete_contact),
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
