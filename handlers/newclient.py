"""/newclient: quick with a name, else a step-by-step form where every step but the name
can be skipped with a button; a command or /cancel leaves it (handlers/steps.py), nothing is
saved until the last answer."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.callbacks import CLIENT
from bot.cards import esc
from bot.context import AppContext
from bot.errors import InvalidInput, NotAllowed
from bot.i18n import Html
from bot.services.clients import SEGMENTS, clean_name
from bot.services.dates import DateProblem
from handlers.clients import new_client_quick, send_card
from handlers.common import keyboard, press_of, reply
from handlers.datechoice import ask, typed_form
from handlers.steps import reads_as_follow_up
from storage.steps import PendingStep

STEP = "newclient"
STEPS = (
    "name",
    "contact_person",
    "phone",
    "email",
    "segment",
    "key_account",
    "renewal_date",
    "payment_terms_days",
    "notes",
)
CHOICES = {"segment": SEGMENTS, "key_account": ("1", "0")}


async def start(update: Update, context: AppContext) -> None:
    """/newclient [NAME]."""
    if not context.required_user.can_write:
        raise NotAllowed()
    if context.args:
        await new_client_quick(update, context, " ".join(context.args))
        return
    await context.services.steps.start(context.required_user.id, STEP, STEPS[0], values={})
    await _ask(update, context, STEPS[0], "")


async def _ask(update: Update, context: AppContext, field: str, prefix: str) -> None:
    t = context.t
    rows = [[(t(f"choice.{field}.{value}"), _set_value(value))] for value in CHOICES.get(field, ())]
    if field != "name":
        rows.append([(t("btn.skip"), callbacks.data(CLIENT, "nc", "skip"))])
    question = t(f"newclient.ask_{field}")
    await reply(
        update, (prefix + "\n\n" if prefix else "") + question, keyboard(rows) if rows else None
    )


def _set_value(value: str) -> str:
    return callbacks.data(CLIENT, "nc", "set", value)


async def typed(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The answer to the current question as text; InvalidInput asks it again. A name that
    reads as a follow-up ("call Acme tomorrow at 10") is refused, so the router hands it on
    as one instead of creating a client called that."""
    if step.state == "name" and await reads_as_follow_up(context, text):
        raise InvalidInput("newclient.name_is_followup")
    await _answer(update, context, step, text)


async def pressed(update: Update, context: AppContext) -> None:
    """cl:nc:skip or cl:nc:set:<value>; outside the form the button is over."""
    query = press_of(update)
    args = callbacks.parts(query.data, CLIENT)
    step = await context.services.steps.current(context.required_user.id)
    if step is None or step.kind != STEP or len(args) < 2:
        await query.answer(context.t("callback.invalid"))  # the same short refusal
        return
    await query.answer()
    if args[1] == "skip" and step.state != "name":
        await _advance(update, context, step, "")
        return
    try:
        await _answer(update, context, step, args[2] if len(args) > 2 else "")
    except InvalidInput as error:
        await reply(update, context.t(error.key, **error.params))


async def _answer(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    field = step.state
    if field in CHOICES and text not in CHOICES[field]:
        raise InvalidInput("newclient.use_buttons")
    prefix = ""
    if field == "name":
        name = clean_name(text)
        value: object = name
        similar = await context.services.clients.similar(name)
        if similar:
            names = ", ".join(esc(ref.name) for ref in similar[:3])
            prefix = context.t("newclient.similar", names=Html(names))
    elif field == "key_account":
        value = text == "1"
    else:
        try:
            value = context.services.clients.typed_value(context.required_user, field, text)
        except DateProblem as problem:  # "31 april": say so, offer the days it may mean
            await ask(update, context, problem, lambda _, m: _set_value(typed_form(m)))
            return
    await _advance(update, context, step, prefix, **{field: value})


async def _advance(
    update: Update, context: AppContext, step: PendingStep, prefix: str, **answer: object
) -> None:
    values = {**step.data["values"], **answer}
    index = STEPS.index(step.state) + 1
    if index < len(STEPS):
        await context.services.steps.advance(step, STEPS[index], values=values)
        await _ask(update, context, STEPS[index], prefix)
        return
    await context.services.steps.end(step)
    name = values.pop("name")
    client = await context.services.clients.create(context.required_user, name, **values)
    await send_card(update, context, client.id, context.t("clients.created", name=client.name))
