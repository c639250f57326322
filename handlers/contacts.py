"""A client's contacts from the card: the list with Edit and Delete beside each one (Edit's
typed step lives with the card's other steps in handlers/clientinput.py)."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.callbacks import CLIENT
from bot.context import AppContext
from bot.errors import InvalidInput
from handlers.clients import edit_or_send, send_card
from handlers.common import keyboard, press_of

LIST, EDIT, DELETE, DELETE_YES = "cts", "ce", "cd", "cdy"


def _id(data: str | None, action: str) -> int:
    args = callbacks.parts(data, CLIENT)
    if len(args) != 2 or args[0] != action or not args[1].isdigit():
        raise InvalidInput()
    return int(args[1])


async def list_contacts(update: Update, context: AppContext) -> None:
    """cl:cts:<client id>: each contact with ✏️ and 🗑."""
    query = press_of(update)
    client = await context.services.clients.writable(context.required_user, _id(query.data, LIST))
    card = await context.services.clients.card(context.required_user, client.id)
    t = context.t
    rows = [
        [
            (f"✏️ {contact.name[:28]}", callbacks.data(CLIENT, EDIT, contact.id)),
            (f"🗑 {contact.name[:28]}", callbacks.data(CLIENT, DELETE, contact.id)),
        ]
        for contact in card.contacts
    ]
    rows.append([(t("btn.back"), callbacks.data(CLIENT, "card", client.id))])
    await query.answer()
    await edit_or_send(update, context, t("contacts.pick", name=client.name), keyboard(rows))


async def confirm_delete(update: Update, context: AppContext) -> None:
    """cl:cd:<contact id>: asks before deleting."""
    query = press_of(update)
    contact = await context.services.contacts.writable(
        context.required_user, _id(query.data, DELETE)
    )
    t = context.t
    rows = [
        [
            (t("contacts.btn_delete"), callbacks.data(CLIENT, DELETE_YES, contact.id)),
            (t("btn.back"), callbacks.data(CLIENT, "card", contact.client_id)),
        ]
    ]
    await query.answer()
    await edit_or_send(update, context, t("contacts.ask_delete", name=contact.name), keyboard(rows))


async def delete_contact(update: Update, context: AppContext) -> None:
    """cl:cdy:<contact id>: deleted; the card is shown again."""
    query = press_of(update)
    contact = await context.services.contacts.delete(
        context.required_user, _id(query.data, DELETE_YES)
    )
    await query.answer()
    await query.edit_message_reply_markup(None)
    await send_card(
        update, context, contact.client_id, context.t("contacts.deleted", name=contact.name)
    )
