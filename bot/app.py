"""All wiring in one place: the Application, its handlers in order, the command menus.

Order matters in PTB: lower groups run first (-2 the gate, -1 the step router), and inside a
group the first matching handler wins. Every "type it next" step goes through one mechanism
(handlers/steps.py with bot/services/steps.py, state in the database), not PTB's
ConversationHandler: its state lives in process memory and its timeout runs on the wall
clock, while ours must survive a restart, be shared by workers and expire on the injected
clock.
"""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

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
    groupsettings,
    help,
    membership,
    newclient,
    presses,
    reassign,
    receipts,
    records,
    reminders,
    renewals,
    reports,
    settings,
    steps,
    team,
    transfer,
    updates,
)
from handlers.errors import report_error

ABSENCE_CHECK_SECONDS = 60


def build_application(config: Config, services: Services, token: str) -> Application:
    """The PTB Application with every handler registered; services attached to bot_data."""
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(config.api_base_url)
        .base_file_url(config.api_file_url)
        .context_types(CONTEXT_TYPES)
        .defaults(Defaults(parse_mode=ParseMode.HTML))  # every text we send is HTML
        .rate_limiter(AIORateLimiter(max_retries=3))
        .build()
    )
    app.bot_data.services = services
    private = filters.ChatType.PRIVATE

    # -2: the gate. Nothing below runs for a user who is not registered.
    app.add_handler(TypeHandler(Update, access.deny_unknown_users), group=-2)

    # -1: the open "type it next" step, if any (handlers/steps.py): a command leaves it and
    # goes on to run in group 0; a text answers it, or goes on to the follow-up catch-all.
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & private, _step_router().route), group=-1
    )

    # 0: a press whose callback data does not parse is refused before any feature sees it,
    # and an edited message never runs a command again.
    app.add_handler(CallbackQueryHandler(presses.refuse_invalid, pattern=callbacks.is_invalid))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, edits.not_applied))
    # Then the buttons and commands that open a step; the step's text comes via the router.
    _add_step_openers(app, private)
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
    # Renewals: /renewals, /contract, "Not renewing" -> the client lost.
    app.add_handler(CommandHandler("renewals", renewals.show_renewals))
    app.add_handler(CommandHandler("contract", renewals.add_contract))
    app.add_handler(
        CallbackQueryHandler(renewals.mark_lost, pattern=callbacks.pattern(CONTRACT, "lost"))
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
    # 1: after everything, a typed command that changed something is remembered, so the
    # same command sent again within a minute (a retry after a slow answer) is not run twice.
    app.add_handler(TypeHandler(Update, receipts.remember_change), group=1)

    app.add_error_handler(report_error)
    assert app.job_queue is not None, "the job-queue extra is a dependency"
    app.job_queue.run_repeating(
        team.absence_job,
        interval=ABSENCE_CHECK_SECONDS,
        first=1,
        name="absences",
        job_kwargs=JOB_KWARGS,
    )
    # Operations: update counting, redelivered webhook updates, the daily backup.
    _add_operations(app, config)
    return app


def _add_operations(app: Application, config: Config) -> None:
    """Every update is counted (/metrics); in webhook mode a redelivered update (maybe
    reaching another worker) is handled once; the daily SQLite backup (PostgreSQL: pg_dump,
    see the README)."""
    app.add_handler(TypeHandler(Update, updates.count_update), group=-101)
    if config.webhook_url:
        app.add_handler(TypeHandler(Update, updates.drop_redelivered), group=-100)
    if config.backup_dir is not None and not config.database_url:
        assert app.job_queue is not None, "the job-queue extra is a dependency"
        app.job_queue.run_repeating(
            daily_backup,
            interval=BACKUP_INTERVAL_SECONDS,
            first=FIRST_BACKUP_SECONDS,
            name="backup",
            job_kwargs=JOB_KWARGS,
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
    app.add_handler(CommandHandler("team_settings", groupsettings.team_settings))
    app.add_handler(
        CallbackQueryHandler(
            groupsettings.team_settings_button, pattern=callbacks.pattern(TEAM, "gs")
        )
    )
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


def _step_router() -> steps.StepRouter:
    """Which function reads the typed answer of each kind of step."""
    return steps.StepRouter(
        {
            settings.TIMEZONE_STEP: settings.typed_timezone,
            settings.DIGEST_STEP: settings.typed_digest_time,
            clientinput.STEP: clientinput.typed,
            newclient.STEP: newclient.typed,
            away.STEP: away.typed,
            reminders.SNOOZE_STEP: reminders.typed_snooze_time,
            reminders.OUTCOME_STEP: reminders.typed_outcome,
            followups.TIME_STEP: followups.typed_time,
            followups.CLIENT_STEP: followups.typed_client,
            followups.NEW_NAME_STEP: followups.typed_new_name,
            followups.FORWARD_STEP: followups.typed_sender,
            reminders.SUMMARY_STEP: reminders.typed_summary,
            reminders.NEXT_STEP: reminders.typed_next,
            renewals.END_STEP: renewals.typed_end,
            renewals.REASON_STEP: renewals.typed_reason,
        },
        file_steps=frozenset({transfer.IMPORT_STEP}),
    )


def _add_step_openers(app: Application, private: filters.BaseFilter) -> None:
    """Commands and buttons that start a step, and the buttons that answer a wizard's
    question (they check the step is still open). /import's step is in the client group."""
    app.add_handler(
        CallbackQueryHandler(settings.ask_timezone, pattern=callbacks.pattern(SETTINGS, "tzother"))
    )
    app.add_handler(
        CallbackQueryHandler(
            settings.ask_digest_time, pattern=callbacks.pattern(SETTINGS, "digestother")
        )
    )
    app.add_handler(CommandHandler("newclient", newclient.start, filters=private))
    app.add_handler(
        CallbackQueryHandler(newclient.pressed, pattern=callbacks.pattern(CLIENT, "nc"))
    )
    app.add_handler(CommandHandler("away", away.start_away, filters=private))
    app.add_handler(CallbackQueryHandler(away.pressed, pattern=callbacks.pattern(TEAM, "away")))
    for action, callback in (
        ("log", clientinput.ask_log),
        ("rem", clientinput.ask_reminder),
        ("ef", clientinput.ask_field),
        ("addc", clientinput.ask_contact),
        ("ce", clientinput.ask_contact_edit),
        ("addinv", clientinput.ask_invoice),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=callbacks.pattern(CLIENT, action)))
    app.add_handler(
        CallbackQueryHandler(clientinput.ask_loss_reason, pattern=r"^cl:ev:\d+:\d+:status:lost$")
    )
    app.add_handler(
        CallbackQueryHandler(reminders.log_call, pattern=callbacks.pattern(REMINDER, "log"))
    )
    app.add_handler(CallbackQueryHandler(reminders.ask_snooze_time, pattern=r"^rem:sn:\d+:c$"))
    # Renewed (the new end typed, or a year on pressed) and Not renewing (the reason typed),
    # from a renewal reminder or a /renewals item.
    for action, callback in (
        ("ren", renewals.ask_end),
        ("rdef", renewals.use_default),
        ("not", renewals.ask_reason),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=callbacks.pattern(CONTRACT, action)))


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
    """Every command some CommandHandler answers (for the help test)."""
    found: set[str] = set()

    def visit(handler: object) -> None:
        if isinstance(handler, CommandHandler):
            found.update(handler.commands)

    for group in app.handlers.values():
        for handler in group:
            visit(handler)
    return found


__all__ = ["AppContext", "build_application", "registered_commands", "set_command_menus"]
