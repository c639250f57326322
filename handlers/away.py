"""/away: the one-line form, or step by step with buttons when typed without arguments.

States: ASK_START -> ASK_END -> ASK_DEPUTY -> ASK_REASON; each step returns the next one.
Dates are read as in a follow-up; a bad one keeps the user on the same step, with the days
it may mean as buttons.
"""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Update
from telegram.ext import ConversationHandler

from bot import callbacks
from bot.callbacks import TEAM
from bot.context import AppContext
from bot.errors import InvalidInput
from bot.services.dates import DateProblem
from bot.services.team import local_today
from handlers.common import keyboard, reply
from handlers.datechoice import ask, typed_form
from handlers.team import away, confirm_absence

ASK_START, ASK_END, ASK_DEPUTY, ASK_REASON = range(10, 14)
REASONS = ("vacation", "sick", "trip")
DRAFT = "away_draft"


async def start_away(update: Update, context: AppContext) -> int:
    """/away, with arguments (saved at once) or without (the questions begin)."""
    if context.args:
        await away(update, context)
        return ConversationHandler.END
    user = context.required_user
    today = local_today(context.services.clock, user.timezone)
    context.user_data[DRAFT] = {}
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
    return ASK_START


async def typed_start(update: Update, context: AppContext) -> int:
    """The first day, typed ("friday", "1 dec", "через неделю") or pressed."""
    start = await _day(update, context, "start")
    if start is None:
        return ASK_START
    context.user_data[DRAFT]["start"] = start
    await _acknowledge(update)
    await reply(update, context.t("team.ask_end"))
    return ASK_END


async def typed_end(update: Update, context: AppContext) -> int:
    """The last day; then the deputy buttons."""
    draft = context.user_data[DRAFT]
    end = await _day(update, context, "end")
    if end is None:
        return ASK_END
    if end < draft["start"]:
        raise InvalidInput("team.away_order")
    draft["end"] = end
    user = context.required_user
    rows = [
        [(member.name, _pick("dep", member.id))]
        for member in await context.services.team.members()
        if member.id != user.id
    ]
    rows.append([(context.t("team.btn_default_deputy"), _pick("dep", 0))])
    await reply(update, context.t("team.ask_deputy"), keyboard(rows))
    return ASK_DEPUTY


async def chose_deputy(update: Update, context: AppContext) -> int:
    """A deputy button (0: the default deputy) or a typed @username."""
    answer = _answer(update)
    team = context.services.team
    if update.callback_query is not None:
        context.user_data[DRAFT]["deputy"] = (
            await team.find_member(answer) if answer != "0" else None
        )
    else:
        context.user_data[DRAFT]["deputy"] = await team.find_member(answer)
    await _acknowledge(update)
    rows = [[(context.t(f"team.reason_{reason}"), _pick("why", reason)) for reason in REASONS]]
    rows.append([(context.t("team.btn_skip"), _pick("why", "-"))])
    await reply(update, context.t("team.ask_reason"), keyboard(rows))
    return ASK_REASON


async def chose_reason(update: Update, context: AppContext) -> int:
    """A reason button, "Skip", or typed words; then the absence is saved."""
    answer = _answer(update)
    if update.callback_query is not None:
        reason = None if answer == "-" else context.t(f"team.reason_{answer}")
    else:
        reason = answer.strip()[:200] or None
    await _acknowledge(update)
    draft = context.user_data.pop(DRAFT)
    await confirm_absence(
        update,
        context,
        context.required_user,
        draft["start"],
        draft["end"],
        draft["deputy"],
        reason,
    )
    return ConversationHandler.END


async def _day(update: Update, context: AppContext, step: str) -> date | None:
    """The day typed or pressed for `step`; None when it was asked about again (an
    impossible or past day, with the days it may mean as buttons)."""
    try:
        typed = _answer(update)  # the service refuses a period that is over, and says so
        read = context.services.dates.read
        return read(context.required_user, typed, day=True, past_ok=True, alone=True).day
    except DateProblem as problem:
        await _acknowledge(update)
        await ask(update, context, problem, lambda _, m: _pick(step, typed_form(m)))
        return None


def _pick(step: str, value: object) -> str:
    return callbacks.data(TEAM, "away", step, value)


def _answer(update: Update) -> str:
    """The pressed button's value or the typed text."""
    if update.callback_query is not None:
        return callbacks.parts(update.callback_query.data, TEAM)[2]
    assert update.effective_message is not None and update.effective_message.text is not None
    return update.effective_message.text


async def _acknowledge(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()
