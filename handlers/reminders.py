"""Buttons under a delivered reminder, the "Log call" outcome step, chat block/migration."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType

from bot import callbacks, fmt
from bot.callbacks import REMINDER
from bot.context import AppContext
from bot.errors import Conflict
from bot.reminders import generated, render
from bot.reminders.service import SNOOZE_HOUR
from bot.services.dates import DateProblem
from handlers.common import chat_of, keyboard, press_of, pressed_message_id, reply
from handlers.datechoice import SLOT, offer, resumes
from handlers.followups import propose_next_step
from storage.reminders import Reminder
from storage.steps import PendingStep

log = logging.getLogger(__name__)

SNOOZE_STEP = "reminder.snooze"  # "Other time…": the next text says when
OUTCOME_STEP = "reminder.outcome"  # "Log call": the next text is the call's outcome
SUMMARY_STEP = "reminder.summary"  # Log call under a payment / renewal: what was said
NEXT_STEP = "reminder.next"  # after a logged call: the next step, read as a follow-up
ASK_SUMMARY = ("payment", "renewal")  # their text is not what was said in the call


def _reminder_id(data: str | None) -> tuple[int, list[str]]:
    """The reminder id of a validated rem:<action>:<id>[:<option>] press, and the option."""
    reminder_id, *rest = callbacks.fields(data)
    return reminder_id, rest


async def _show_note(update: Update, context: AppContext, reminder, note: str) -> None:
    """Replace the buttons with what happened: "Done by Anna at 10:42"."""
    text = render.with_note(render.body(reminder, context.required_user), note)
    await press_of(update).edit_message_text(text)


async def done_reminder(update: Update, context: AppContext) -> None:
    """The user pressed "Done" under a reminder."""
    reminder_id, _ = _reminder_id(press_of(update).data)
    user = context.required_user
    reminder = await context.services.reminders.done(user, reminder_id)
    now = context.services.clock.timestamp()
    await press_of(update).answer(context.t("reminder.answer_done"))
    await _show_note(
        update, context, reminder, render.closed_note("reminder.done_by", user, user, now)
    )


async def snooze_reminder(update: Update, context: AppContext) -> None:
    """The user pressed "1 h", "Tomorrow 09:00" or "Next week" under a reminder."""
    reminder_id, args = _reminder_id(press_of(update).data)
    user = context.required_user
    service = context.services.reminders
    reminder = await service.get(user, reminder_id)
    due_at = await service.snooze(user, reminder_id, args[0] if args else "")
    when = fmt.local(due_at, user.timezone, user.language)
    await press_of(update).answer(context.t.plain("reminder.answer_snoozed", when=when))
    note = context.t("reminder.snoozed_by", name=user.name, when=when)
    await _show_note(update, context, reminder, note)


async def ask_snooze_time(update: Update, context: AppContext) -> None:
    """ "Other time…": the next text message says when (checked: it must be the owner's)."""
    reminder_id, _ = _reminder_id(press_of(update).data)
    reminder = await context.services.reminders.get(context.required_user, reminder_id)
    if not reminder.is_open:
        raise Conflict("reminder.closed")
    await context.services.steps.start(
        context.required_user.id,
        SNOOZE_STEP,
        reminder_id=reminder.id,
        message_id=pressed_message_id(update),
    )
    await press_of(update).answer()
    await reply(update, context.t("reminder.ask_snooze"))


async def typed_snooze_time(
    update: Update, context: AppContext, step: PendingStep, text: str
) -> None:
    """The typed time after "Other time…"; InvalidInput when it is not understood, the
    alternatives of an impossible or past one as buttons (the step stays open)."""
    try:
        await _snooze_to(update, context, step.data["reminder_id"], text)
    except DateProblem as problem:
        await offer(update, context, problem, "snooze", step.data["reminder_id"], SLOT, day=False)


@resumes("snooze")
async def _snooze_to(update: Update, context: AppContext, reminder_id: int, text: str) -> None:
    """Snooze to the typed (or chosen) moment; the "Other time…" step for it ends and the
    reminder's message says until when."""
    user = context.required_user
    service = context.services.reminders
    due_at = await service.snooze_typed(user, reminder_id, text)
    step = await context.services.steps.current(user.id)
    message_id = None
    if step is not None and step.kind == SNOOZE_STEP and step.data["reminder_id"] == reminder_id:
        message_id = step.data["message_id"]
        await context.services.steps.end(step)
    reminder = await service.get(user, reminder_id)
    when = await _tell_snoozed(update, context, reminder, due_at)
    if message_id is not None:
        note = context.t("reminder.snoozed_by", name=user.name, when=when)
        text = render.with_note(render.body(reminder, user), note)
        await context.bot.edit_message_text(text, chat_id=chat_of(update).id, message_id=message_id)


async def log_call(update: Update, context: AppContext) -> None:
    """ "Log call": the call is recorded now; the next text message is its outcome. Under a
    payment or renewal reminder what was said is asked first."""
    reminder_id, _ = _reminder_id(press_of(update).data)
    user = context.required_user
    reminder = await context.services.reminders.get(user, reminder_id)
    if reminder.kind in ASK_SUMMARY and reminder.client_id is not None:
        await context.services.clients.writable(user, reminder.client_id)
        await context.services.steps.start(
            user.id,
            SUMMARY_STEP,
            reminder_id=reminder.id,
            message_id=pressed_message_id(update),
        )
        await press_of(update).answer()
        await reply(update, context.t("log.ask_summary", client=reminder.client_name or ""))
        return
    interaction_id, reminder = await context.services.reminders.log_call(user, reminder_id)
    now = context.services.clock.timestamp()
    await press_of(update).answer()
    await _show_note(
        update, context, reminder, render.closed_note("reminder.call_logged_by", user, user, now)
    )
    await context.services.steps.start(user.id, OUTCOME_STEP, interaction_id=interaction_id)
    await reply(update, context.t("reminder.ask_outcome", client=reminder.client_name or ""))


async def typed_outcome(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The outcome of the call just logged; InvalidInput asks again."""
    user = context.required_user
    await context.services.reminders.set_outcome(user, step.data["interaction_id"], text)
    await context.services.steps.end(step)
    await reply(update, context.t("reminder.outcome_saved"))
    await _ask_next(update, context, step.data["interaction_id"])


async def typed_summary(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """What was said in a call logged from a payment or renewal reminder."""
    user = context.required_user
    interaction_id, reminder = await context.services.reminders.log_call(
        user, step.data["reminder_id"], text
    )
    await context.services.steps.end(step)
    await reply(update, context.t("log.call_saved"))
    now = context.services.clock.timestamp()
    note = render.closed_note("reminder.call_logged_by", user, user, now)
    await context.bot.edit_message_text(
        render.with_note(render.body(reminder, user), note),
        chat_id=chat_of(update).id,
        message_id=step.data["message_id"],
    )
    await _ask_next(update, context, interaction_id)


async def _ask_next(update: Update, context: AppContext, interaction_id: int) -> None:
    """ "Next step?": the answer opens a follow-up card, so no client is left without one."""
    found = await context.services.records.interaction(interaction_id)
    await context.services.steps.start(
        context.required_user.id, NEXT_STEP, client_id=found.client_id
    )
    await reply(update, context.t("log.ask_next"))


async def typed_next(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The next step after a logged call: read as a follow-up with that client."""
    await context.services.steps.end(step)
    client = await context.services.clients.get(step.data["client_id"])
    await propose_next_step(update, context, client, text)


async def bot_membership(update: Update, context: AppContext) -> None:
    """A user blocked or unblocked the bot in their private chat: hold or resume reminders."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return
    status = change.new_chat_member.status
    service = context.services.reminders
    if status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        held = await service.hold_chat(change.chat.id, "blocked by the user")
        log.info("chat %d blocked the bot; %d reminders held", change.chat.id, held)
    elif status == ChatMemberStatus.MEMBER:
        resumed = await service.resume_chat(change.chat.id)
        log.info("chat %d unblocked the bot; %d reminders resume", change.chat.id, resumed)


async def _typed_target(update: Update, context: AppContext, usage_key: str) -> int | None:
    """The reminder number after /done, /snooze, /cancel; None (usage shown) when missing."""
    args = context.args or []
    number = args[0].lstrip("#") if args else ""
    if not number.isdigit():
        await reply(update, context.t(usage_key))
        return None
    return int(number)


LIST_VIEWS = {2: "reminder.agenda_title", 7: "reminder.week_title"}  # days -> title


async def show_agenda(update: Update, context: AppContext) -> None:
    """/agenda: open reminders for today and tomorrow, overdue ones first."""
    text, markup = await _list_view(context, days=2)
    await reply(update, text, markup)


async def show_week(update: Update, context: AppContext) -> None:
    """/week: open reminders for the next 7 days."""
    text, markup = await _list_view(context, days=7)
    await reply(update, text, markup)


async def _list_view(context: AppContext, *, days: int):
    """The list text, and Done / +1 h buttons for its first items (they re-render it)."""
    user = context.required_user
    items = await context.services.reminders.upcoming(user, days)
    now = context.services.clock.timestamp()
    text = render.agenda(items, user, context.t(LIST_VIEWS[days]), now, shown=LIST_SHOWN)
    rows = render.list_buttons(items[:LIST_BUTTONS], user, days)
    return text, keyboard(rows) if rows else None


async def list_action(update: Update, context: AppContext) -> None:
    """Done or +1 h pressed beside an item of /agenda or /week: act, then show the list again."""
    query = press_of(update)
    reminder_id, days = callbacks.fields(query.data)  # days is one of LIST_VIEWS
    user = context.required_user
    service = context.services.reminders
    if callbacks.parts(query.data, REMINDER)[0] == render.LIST_DONE:
        await service.done(user, reminder_id)
        await query.answer(context.t("reminder.answer_done"))
    else:
        due_at = await service.snooze(user, reminder_id, SNOOZE_HOUR)
        when = fmt.local(due_at, user.timezone, user.language)
        await query.answer(context.t("reminder.answer_snoozed", when=when))
    text, buttons = await _list_view(context, days=days)
    await query.edit_message_text(text, reply_markup=buttons)


LIST_BUTTONS = 10
LIST_SHOWN = 50


async def done_command(update: Update, context: AppContext) -> None:
    """/done 12: the typed form of the Done button."""
    await _close_typed(update, context, "done")


async def _close_typed(update: Update, context: AppContext, action: str) -> None:
    """/done 12 or /cancel 12: close the reminder by its number and say which it was."""
    usage, answer = {
        "done": ("reminder.usage_done", "reminder.done_typed"),
        "cancel": ("reminder.usage_cancel", "reminder.cancelled_typed"),
    }[action]
    reminder_id = await _typed_target(update, context, usage)
    if reminder_id is None:
        return
    service = context.services.reminders
    close = service.done if action == "done" else service.cancel
    reminder = await close(context.required_user, reminder_id)
    await reply(
        update,
        context.t(answer, id=reminder.id, text=generated.show(reminder.text, context.t.lang)),
    )


async def _tell_snoozed(
    update: Update, context: AppContext, reminder: Reminder, due_at: int
) -> str:
    """ "⏰ #12 moved to Fri 27 Nov 11:00: call Acme"; returns the time as shown."""
    user = context.required_user
    when = fmt.local(due_at, user.timezone, user.language)
    text = generated.show(reminder.text, user.language)
    await reply(update, context.t("reminder.snoozed_typed", id=reminder.id, when=when, text=text))
    return when


async def snooze_command(update: Update, context: AppContext) -> None:
    """/snooze 12 tomorrow 10:00."""
    reminder_id = await _typed_target(update, context, "reminder.usage_snooze")
    if reminder_id is None:
        return
    when_text = " ".join((context.args or [])[1:])
    if not when_text:
        await reply(update, context.t("reminder.usage_snooze"))
        return
    user = context.required_user
    service = context.services.reminders
    reminder = await service.get(user, reminder_id)
    try:
        due_at = await service.snooze_typed(user, reminder_id, when_text)
    except DateProblem as problem:
        await offer(update, context, problem, "snooze", reminder_id, SLOT, day=False)
        return
    await _tell_snoozed(update, context, reminder, due_at)


async def cancel_command(update: Update, context: AppContext) -> None:
    """/cancel 12 cancels reminder 12 (plain /cancel keeps ending the current step)."""
    await _close_typed(update, context, "cancel")


async def show_upcoming(update: Update, context: AppContext) -> None:
    """/upcoming NAME: the open reminders for one client."""
    name = " ".join(context.args or []).strip()
    if not name:
        await reply(update, context.t("obligation.usage_upcoming"))
        return
    user = context.required_user
    client, items = await context.services.obligations.upcoming_for_client(user, name)
    title = context.t("obligation.upcoming_title", client=client)
    now = context.services.clock.timestamp()
    await reply(update, render.agenda(items, user, title, now, shown=LIST_SHOWN))


async def show_cold(update: Update, context: AppContext) -> None:
    """/cold: clients past their contact cadence, key accounts first."""
    user = context.required_user
    found = await context.services.obligations.cold(user)
    if not found:
        await reply(update, context.t("obligation.cold_empty"))
        return
    now = context.services.clock.timestamp()
    lines = [context.t("obligation.cold_title")]
    lines += [render.cold_line(client, user, now) for client in found]
    await reply(update, "\n".join(lines))
