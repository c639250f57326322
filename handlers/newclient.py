"""/newclient: quick with a name, else a step-by-step form where every step but the name
can be skipped with a button and /cancel ends it anywhere."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot import callbacks
from bot.callbacks import CLIENT
from bot.cards import esc
from bot.context import AppContext
from bot.errors import InvalidInput, NotAllowed
from bot.i18n import Html
from bot.services.clients import SEGMENTS, clean_name
from bot.services.dates import DateProblem
from handlers.clients import new_client_quick, send_card
from handlers.common import keyboard, reply
from handlers.datechoice import ask, typed_form

ASKING = 1
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
DRAFT = "clients.draft"


async def start(update: Update, context: AppContext) -> int:
    """/newclient [NAME]."""
    if not context.required_user.can_write:
        raise NotAllowed()
    if context.args:
        await new_client_quick(update, context, " ".join(context.args))
        return ConversationHandler.END
    context.user_data[DRAFT] = {"step": 0, "values": {}}
    await _ask(update, context, "")
    return ASKING


async def _ask(update: Update, context: AppContext, prefix: str) -> None:
    t = context.t
    field = STEPS[context.user_data[DRAFT]["step"]]
    rows = [[(t(f"choice.{field}.{value}"), _set_value(value))] for value in CHOICES.get(field, ())]
    if field != "name":
        rows.append([(t("btn.skip"), callbacks.data(CLIENT, "nc", "skip"))])
    question = t(f"newclient.ask_{field}")
    await reply(
        update, (prefix + "\n\n" if prefix else "") + question, keyboard(rows) if rows else None
    )


def _set_value(value: str) -> str:
    return callbacks.data(CLIENT, "nc", "set", value)


async def typed(update: Update, context: AppContext) -> int:
    """The answer to the current step as text."""
    return await _answer(update, context, update.effective_message.text or "")


async def pressed(update: Update, context: AppContext) -> int:
    """cl:nc:skip or cl:nc:set:<value>."""
    query = update.callback_query
    args = callbacks.parts(query.data, CLIENT)
    await query.answer()
    if DRAFT not in context.user_data:
        return ConversationHandler.END
    if args[1] == "skip":
        return await _advance(update, context, "")
    return await _answer(update, context, args[2])


async def _answer(update: Update, context: AppContext, text: str) -> int:
    draft = context.user_data.get(DRAFT)
    if draft is None:
        return ConversationHandler.END
    field = STEPS[draft["step"]]
    if field in CHOICES and text not in CHOICES[field]:
        await _ask(update, context, context.t("newclient.use_buttons"))
        return ASKING
    prefix = ""
    try:
        if field == "name":
            value = clean_name(text)
            similar = await context.services.clients.similar(value)
            if similar:
                names = ", ".join(esc(ref.name) for ref in similar[:3])
                prefix = context.t("newclient.similar", names=Html(names))
        elif field == "key_account":
            value = text == "1"
        else:
            value = context.services.clients.typed_value(context.required_user, field, text)
    except DateProblem as problem:  # "31 april": say so, offer the days it may mean
        await ask(update, context, problem, lambda _, m: _set_value(typed_form(m)))
        return ASKING
    except InvalidInput as error:
        await _ask(update, context, context.t(error.key, **error.params))
        return ASKING
    draft["values"][field] = value
    return await _advance(update, context, prefix)


async def _advance(update: Update, context: AppContext, prefix: str) -> int:
    draft = context.user_data[DRAFT]
    draft["step"] += 1
    if draft["step"] < len(STEPS):
        await _ask(update, context, prefix)
        return ASKING
    values = dict(draft["values"])
    context.user_data.pop(DRAFT, None)
    name = values.pop("name")
    client = await context.services.clients.create(context.required_user, name, **values)
    await send_card(update, context, client.id, context.t("clients.created", name=client.name))
    return ConversationHandler.END


async def cancel(update: Update, context: AppContext) -> int:
    """/cancel inside the form: nothing is saved."""
    context.user_data.pop(DRAFT, None)
    await reply(update, context.t("common.cancelled"))
    return ConversationHandler.END
