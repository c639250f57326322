"""/help, and /cancel when no step is open (handlers/steps.py ends an open one)."""

from __future__ import annotations

from telegram import Update

from bot.commands import visible_to
from bot.context import AppContext
from handlers.common import message_of, reply


async def show_help(update: Update, context: AppContext) -> None:
    """/help: the commands this user's role may use, in their language."""
    t = context.t
    lines = [t("help.title"), ""]
    for command in visible_to(context.required_user.role):
        if command.in_menu:
            lines.append(
                t("help.line", command=command.name, description=t(command.description_key))
            )
    lines += ["", t("help.footer")]
    await reply(update, "\n".join(lines))


async def nothing_to_cancel(update: Update, context: AppContext) -> None:
    """/cancel when no step is open."""
    await reply(update, context.t("common.nothing_to_cancel"))


async def unknown_command(update: Update, context: AppContext) -> None:
    """A command no handler knows (/foobar): one line pointing to /help."""
    text = message_of(update).text or ""
    name = text.split(None, 1)[0].lstrip("/").split("@", 1)[0]
    await reply(update, context.t("command.unknown", command=name[:32]))
