"""A typed date the bot cannot use as it is: the problem in one line and its alternatives as
buttons, as on a follow-up card ("There is no 31 April" -> [Fri 30 Apr 2027] [Sat 1 May 2027]).

What the user was doing is kept in the database (bot/services/datechoices.py) as an offer:
the command (or step) that resumes, the id of what it acts on, and its text once per
alternative, with the date replaced by the chosen one. A button `dt:pick:<id>:<index>` runs it
again with that text, so the one place that reads the date (bot/services/dates.py) also reads
the choice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from telegram import Update

from bot import callbacks, fmt
from bot.callbacks import DATE
from bot.context import AppContext
from bot.errors import InvalidInput, NotFound
from bot.services.dates import DateProblem
from handlers.clientlookup import CONTINUATIONS
from handlers.common import keyboard, press_of, reply
from storage.date_choices import DateChoice

SLOT = "{date}"  # where the chosen date goes in the kept text

Resume = Callable[[Update, AppContext, int, str], Awaitable[None]]
RESUMES: dict[str, Resume] = {}


def resumes(name: str) -> Callable[[Resume], Resume]:
    """Register what a date choice named `name` runs (besides the client commands)."""

    def register(func: Resume) -> Resume:
        RESUMES[name] = func
        return func

    return register


async def offer(
    update: Update,
    context: AppContext,
    problem: DateProblem,
    resume: str,
    target: int,
    template: str,
    *,
    day: bool = True,
) -> None:
    """Say what is wrong with the typed date; each alternative becomes a button that runs
    `resume` for `target` with `template` (SLOT replaced by the alternative)."""
    texts = tuple(template.replace(SLOT, typed_form(m, day)) for m in problem.alternatives[:4])
    key = 0
    if texts:
        choice = DateChoice(resume, target, texts)
        key = await context.services.date_choices.offer(context.required_user.id, choice)
    await ask(update, context, problem, lambda i, _: callbacks.data(DATE, "pick", key, i), day=day)


async def ask(
    update: Update,
    context: AppContext,
    problem: DateProblem,
    data: Callable[[int, datetime], str],
    *,
    day: bool = True,
    prefix: str = "",
) -> None:
    """The problem and its alternatives as buttons with callback `data(index, moment)`, for
    steps that take a pressed date themselves (the /newclient and /away wizards)."""
    text = prefix + context.t(problem.key, **problem.params)
    alternatives = problem.alternatives[:4]
    if not alternatives:
        await reply(update, text)
        return
    lang = context.required_user.language
    rows = [[(label(m, lang, day), data(i, m)) for i, m in enumerate(alternatives)]]
    await reply(update, text + "\n" + context.t("date.pick_or_type"), keyboard(rows))


def label(moment: datetime, lang: str, day: bool = True) -> str:
    """A date offered on a button, as the cards write dates (the day, or day and time)."""
    return fmt.day(moment.date(), lang) if day else fmt.moment(moment, lang)


def typed_form(moment: datetime, day: bool = True) -> str:
    """How a chosen alternative is handed back to the step: the ISO day (and time)."""
    return moment.date().isoformat() if day else moment.strftime("%Y-%m-%d %H:%M")


async def picked(update: Update, context: AppContext) -> None:
    """dt:pick:<id>:<index>: the user chose one of the dates offered."""
    query = press_of(update)
    args = callbacks.parts(query.data, DATE)
    if len(args) != 3 or args[0] != "pick" or not args[1].isdigit() or not args[2].isdigit():
        raise InvalidInput()
    found = await context.services.date_choices.take(context.required_user.id, int(args[1]))
    if found is None or int(args[2]) >= len(found.texts):
        raise NotFound("date.choice_expired")
    resume, target, text = found.resume, found.target, found.texts[int(args[2])]
    await query.answer()
    await query.edit_message_reply_markup(None)
    if resume in RESUMES:
        await RESUMES[resume](update, context, target, text)
        return
    client = await context.services.clients.get(target)
    await CONTINUATIONS[resume](update, context, client, text)
