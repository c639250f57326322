"""Typed steps started from a card button: log text, reminder date, a field's new value,
loss reason, a new contact, an invoice. One step kind ("client"): the button says what the
next text is for, kept in the step's data (handlers/steps.py routes the text here)."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.callbacks import CLIENT
from bot.context import AppContext
from bot.errors import Conflict, InvalidInput
from bot.names import ClientRef
from handlers.clients import save_edit, send_card
from handlers.common import press_of, reply
from handlers.followups import remind_client, remind_what
from handlers.records import log_typed, save_invoice
from storage.steps import PendingStep

STEP = "client"
YES = frozenset({"yes", "y", "1", "+", "да", "ja", "igen", "dm"})


async def _ask(update: Update, context: AppContext, step: tuple, key: str, **params) -> None:
    await context.services.clients.writable(context.required_user, int(step[1]))
    await context.services.steps.start(context.required_user.id, STEP, what=list(step))
    await press_of(update).answer()
    await reply(update, context.t(key, **params))


async def ask_log(update: Update, context: AppContext) -> None:
    """cl:log:<id>:<kind>: "Log call" / "Add note" on the card."""
    _, cid, kind = callbacks.parts(press_of(update).data, CLIENT)
    return await _ask(
        update, context, ("log", cid, kind), "log.ask", kind=context.t(f"kind.{kind}")
    )


async def ask_reminder(update: Update, context: AppContext) -> None:
    """cl:rem:<id>: "Remind" on the card asks what and when."""
    _, cid = callbacks.parts(press_of(update).data, CLIENT)
    return await _ask(update, context, ("rem", cid), "remind.ask_what_when")


async def ask_field(update: Update, context: AppContext) -> None:
    """cl:ef:<id>:<version>:<field>: the next text is the field's new value."""
    _, cid, ver, field = callbacks.parts(press_of(update).data, CLIENT)
    return await _ask(
        update,
        context,
        ("edit", cid, ver, field),
        "clients.type_value",
        field=context.t(f"field.{field}"),
    )


async def ask_loss_reason(update: Update, context: AppContext) -> None:
    """cl:ev:<id>:<version>:status:lost: a lost client needs a reason."""
    _, cid, ver, _, _ = callbacks.parts(press_of(update).data, CLIENT)
    return await _ask(update, context, ("lost", cid, ver), "clients.ask_loss_reason")


async def ask_invoice(update: Update, context: AppContext) -> None:
    """cl:addinv:<id>: "Add invoice" under the client's invoices."""
    _, cid = callbacks.parts(press_of(update).data, CLIENT)
    return await _ask(update, context, ("invoice", cid), "invoice.ask")


async def ask_contact_edit(update: Update, context: AppContext) -> None:
    """cl:ce:<contact id>: the contact's new values, typed like a new one (current shown)."""
    args = callbacks.parts(press_of(update).data, CLIENT)
    if len(args) != 2 or not args[1].isdigit():
        raise InvalidInput()
    contact = await context.services.contacts.writable(context.required_user, int(args[1]))
    yes = context.t("contacts.yes") if contact.decision_maker else ""
    current = "; ".join(
        [contact.name, contact.role or "", contact.phone or "", contact.email or "", yes]
    ).rstrip("; ")
    step = ("cedit", str(contact.client_id), contact.id)
    return await _ask(update, context, step, "contacts.ask_edit", current=current)


async def ask_contact(update: Update, context: AppContext) -> None:
    """cl:addc:<id>: "Add contact"."""
    _, cid = callbacks.parts(press_of(update).data, CLIENT)
    return await _ask(update, context, ("contact", cid), "contact.ask")


async def typed(update: Update, context: AppContext, pending: PendingStep, text: str) -> None:
    """The text for the step the button started; InvalidInput (nothing saved) asks again."""
    step = tuple(pending.data["what"])
    try:
        done = await _apply(update, context, pending, text)
    except Conflict:
        await context.services.steps.end(pending)
        await send_card(update, context, int(step[1]), context.t("error.conflict"))
        return
    if done:
        await context.services.steps.end(pending)


async def _apply(update: Update, context: AppContext, pending: PendingStep, text: str) -> bool:
    """Act on the text; False when a further question was asked (the step stays open)."""
    step = tuple(pending.data["what"])
    user = context.required_user
    services = context.services
    kind, cid = step[0], int(step[1])
    if kind == "log":
        await log_typed(update, context, await services.clients.get(cid), step[2], text)
    elif kind == "rem":
        client = await services.clients.writable(user, cid)
        key = await remind_client(update, context, ClientRef(client.id, client.name), text)
        if key:  # only a date was typed: ask what to do, the next text answers
            await services.steps.advance(pending, "what", what=["remwhat", str(cid), key])
            return False
    elif kind == "remwhat":
        if not await remind_what(update, context, int(step[2]), text):
            await reply(update, context.t("followup.expired"))
    elif kind == "edit":
        await save_edit(update, context, cid, int(step[2]), step[3], text)
    elif kind == "lost":
        await services.clients.set_status(user, cid, int(step[2]), "lost", text)
        await send_card(update, context, cid, context.t("clients.saved"))
    elif kind == "invoice":
        await save_invoice(update, context, await services.clients.get(cid), text)
    elif kind == "contact":
        name, fields = _contact_parts(text)
        await services.clients.add_contact(user, cid, name, **fields)
        await send_card(update, context, cid, context.t("contact.saved"))
    elif kind == "cedit":
        name, fields = _contact_parts(text)
        await services.contacts.edit(user, int(step[2]), name, **fields)
        await send_card(update, context, cid, context.t("contacts.saved"))
    return True


def _contact_parts(text: str) -> tuple[str, dict]:
    """ "name; role; phone; e-mail; yes" (the tail optional) as add_contact's arguments."""
    parts = [part.strip() for part in text.split(";")] + ["", "", "", ""]
    return parts[0], {
        "role": parts[1] or None,
        "phone": parts[2] or None,
        "email": parts[3] or None,
        "decision_maker": parts[4].lower() in YES,
    }
