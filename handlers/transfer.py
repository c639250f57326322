"""/import (a CSV document), /export (two CSV files), /forget NAME (admin, confirmed)."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.callbacks import CLIENT
from bot.context import AppContext
from bot.errors import InvalidInput, NotAllowed
from bot.i18n import Html
from handlers.clientlookup import continues, run_with_client
from handlers.clients import edit_or_send
from handlers.common import NotRoutedHere, keyboard, message_of, press_of, reply
from storage.clients import Client

IMPORT_STEP = "import"  # a step like the typed ones: ends on a command, /cancel, 15 minutes
MAX_LISTED = 20


async def ask_import(update: Update, context: AppContext) -> None:
    """/import: the next document sent is the CSV."""
    if not context.required_user.can_write:
        raise NotAllowed()
    await context.services.steps.start(context.required_user.id, IMPORT_STEP)
    await reply(update, context.t("import.ask"))


async def got_file(update: Update, context: AppContext) -> None:
    """A document in the private chat: imported if /import asked for it (or its caption)."""
    message = message_of(update)
    caption = (message.caption or "").strip()
    steps = context.services.steps
    step = await steps.current(context.required_user.id)
    if step is not None and step.kind != IMPORT_STEP:
        step = None
    if step is None and not caption.startswith("/import"):
        await reply(update, context.t("import.use_command"))
        return
    document = message.document
    if document is None:
        raise NotRoutedHere("document")  # registered for documents only
    if document.file_size and document.file_size > 2 * 1024 * 1024:
        raise InvalidInput("import.too_big", limit=2048)
    file = await document.get_file()
    data = bytes(await file.download_as_bytearray())
    report = await context.services.transfer.import_csv(context.required_user, data)
    t = context.t
    lines = []
    if report.errors:  # a refused file may simply be sent again, fixed
        await steps.start(context.required_user.id, IMPORT_STEP)
    elif step is not None:
        await steps.end(step)
    if report.errors:
        lines.append(t("import.refused", count=len(report.errors)))
        for line, key, params in report.errors[:MAX_LISTED]:
            lines.append(t("import.row", line=line, reason=Html(t(key, **params))))
    else:
        lines.append(
            t(
                "import.done",
                imported=t("count.clients", count=report.imported),
                skipped=len(report.skipped),
            )
        )
    for line, key in report.skipped[:MAX_LISTED]:
        lines.append(t("import.row", line=line, reason=Html(t(key))))
    await reply(update, "\n".join(lines))


async def export(update: Update, context: AppContext) -> None:
    """/export: clients.csv, then interactions.csv."""
    clients_csv, interactions_csv = await context.services.transfer.export_csv(
        context.required_user
    )
    message = message_of(update)
    await message.reply_document(
        clients_csv, filename="clients.csv", caption=context.t("export.clients"), do_quote=False
    )
    await message.reply_document(
        interactions_csv,
        filename="interactions.csv",
        caption=context.t("export.interactions"),
        do_quote=False,
    )


async def forget(update: Update, context: AppContext) -> None:
    """/forget NAME (admin): asks to confirm with a button."""
    if not context.required_user.is_admin:
        raise NotAllowed()
    await run_with_client(update, context, "forget", " ".join(context.args or []))


@continues("forget")
async def _confirm(update: Update, context: AppContext, client: Client, rest: str) -> None:
    t = context.t
    await reply(
        update,
        t("forget.confirm", name=client.name),
        keyboard(
            [
                [(t("btn.forget_yes"), callbacks.data(CLIENT, "fgt", client.id))],
                [(t("btn.forget_no"), callbacks.data(CLIENT, "open", client.id))],
            ]
        ),
    )


async def forget_confirmed(update: Update, context: AppContext) -> None:
    """cl:fgt:<id>: delete the client and everything about it."""
    query = press_of(update)
    (cid,) = callbacks.fields(query.data)
    name = await context.services.clients.forget(context.required_user, cid)
    text = context.t("forget.done", name=name)
    await query.answer()
    await edit_or_send(update, context, text, None)
