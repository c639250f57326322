"""/away: the one-line form, or step by step with buttons when typed without arguments.

States: start -> end -> dep -> why (the step's `state`, handlers/steps.py routes typed
answers); a button answers only the question it was asked for. Dates are read as in a
follow-up; a bad one keeps the same question open, with the days it may mean as buttons.
"""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Update

from bot import callbacks
from bot.callbacks import TEAM
from bot.context import AppContext
from bot.errors import BotError, InvalidInput
from bot.services.dates import DateProblem
from bot.services.team import local_today
from handlers.common import keyboard, press_of, reply
from handlers.datechoice import ask, typed_form
from handlers.team import away, confirm_absence
from storage.steps import PendingStep

STEP = "away"
REASONS = ("vacation", "sick", "trip")


async def start_away(update: Update, context: AppContext) -> None:
    """/away, with arguments (saved at once) or without (the questions begin)."""
    if context.args:
        await away(update, context)
        return
    user = context.required_user
    today = local_today(context.services.clock, user.timezone)
    await context.services.steps.start(user.id, STEP, "start")
    await reply(
        update,
        context.t("team.ask_start_in_words"),
        keyboard(
            [
                [
                    (context.t("team.btn_today"), _pick("start", today.isoformat())),
                    (
                        context.t("team.btn_tomorrow"),
                        _pick("start", (today + timedelta(1)).isoformat()),
                    ),
                ]
            ]
        ),
    )


async def typed(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """A typed answer to the open question."""
    await ANSWERS[step.state](update, context, step, text)


async def pressed(update: Update, context: AppContext) -> None:
    """team:away:<question>:<value>: a button of the open question; others are over."""
    query = press_of(update)
    args = callbacks.parts(query.data, TEAM)
    step = await context.services.steps.current(context.required_user.id)
    if (
        step is None
        or step.kind != STEP
        or len(args) < 3
        or args[1] != step.state
        or step.state not in BUTTONS
    ):
        await query.answer(context.t("callback.invalid"))  # the same short refusal
        return
    await query.answer()
    try:
        await BUTTONS[step.state](update, context, step, args[2])
    except BotError as error:
        await reply(update, context.t(error.key, **error.params))


async def _start_day(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The first day, typed ("friday", "1 dec", "через неделю") or pressed."""
    start = await _day(update, context, step, text)
    if start is None:
        return
    await context.services.steps.advance(step, "end", start=start.isoformat())
    await reply(update, context.t("team.ask_end"))


async def _end_day(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The last day; then the deputy buttons."""
    end = await _day(update, context, step, text)
    if end is None:
        return
    if end < date.fromisoformat(step.data["start"]):
        raise InvalidInput("team.away_order")
    user = context.required_user
    rows = [
        [(member.name, _pick("dep", member.id))]
        for member in await context.services.team.members()
        if member.id != user.id
    ]
    rows.append([(context.t("team.btn_default_deputy"), _pick("dep", 0))])
    await context.services.steps.advance(step, "dep", end=end.isoformat())
    await reply(update, context.t("team.ask_deputy"), keyboard(rows))


async def _typed_deputy(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """A typed @username or name (NotFound asks again)."""
    member = await context.services.team.find_member(text)
    await _ask_reason(update, context, step, member.id)


async def _pressed_deputy(
    update: Update, context: AppContext, step: PendingStep, value: str
) -> None:
    """A deputy button (0: the default deputy)."""
    member = await context.services.team.find_member(value) if value != "0" else None
    await _ask_reason(update, context, step, member.id if member else None)


async def _ask_reason(
    update: Update, context: AppContext, step: PendingStep, deputy: int | None
) -> None:
    rows = [[(context.t(f"team.reason_{reason}"), _pick("why", reason)) for reason in REASONS]]
    rows.append([(context.t("team.btn_skip"), _pick("why", "-"))])
    await context.services.steps.advance(step, "why", deputy=deputy)
    await reply(update, context.t("team.ask_reason"), keyboard(rows))


async def _typed_reason(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    await _save(update, context, step, text.strip()[:200] or None)


async def _pressed_reason(
    update: Update, context: AppContext, step: PendingStep, value: str
) -> None:
    if value != "-" and value not in REASONS:
        raise InvalidInput()
    await _save(update, context, step, None if value == "-" else context.t(f"team.reason_{value}"))


async def _save(update: Update, context: AppContext, step: PendingStep, reason: str | None) -> None:
    """The last answer: the absence is saved (and the step over)."""
    deputy_id = step.data.get("deputy")
    deputy = await context.services.team.find_member(str(deputy_id)) if deputy_id else None
    await confirm_absence(
        update,
        context,
        context.required_user,
        date.fromisoformat(step.data["start"]),
        date.fromisoformat(step.data["end"]),
        deputy,
        reason,
    )
    await context.services.steps.end(step)


ANSWERS = {"start": _start_day, "end": _end_day, "dep": _typed_deputy, "why": _typed_reason}
BUTTONS = {"start": _start_day, "end": _end_day, "dep": _pressed_deputy, "why": _pressed_reason}


async def _day(update: Update, context: AppContext, step: PendingStep, text: str) -> date | None:
    """The day typed or pressed for the open question; None when it was asked about again (an
    impossible or past day, with the days it may mean as buttons)."""
    try:  # the service refuses a period that is over, and says so
        read = context.services.dates.read
        return read(context.required_user, text, day=True, past_ok=True, alone=True).day
    except DateProblem as problem:
        await ask(update, context, problem, lambda _, m: _pick(step.state, typed_form(m)))
        return None


def _pick(step: str, value: object) -> str:
    return callbacks.data(TEAM, "away", step, value)
