"""/reassign: one client to another manager, or all of a manager's clients (confirmed)."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.callbacks import TEAM
from bot.context import AppContext
from bot.errors import InvalidInput, NotAllowed
from handlers.clientlookup import continues, run_with_client
from handlers.common import keyboard, press_of, reply
from storage.clients import Client

ALL_WORDS = {"all", "все", "всех", "alle", "mind", "összes"}


async def reassign(update: Update, context: AppContext) -> None:
    """/reassign CLIENT @user, or /reassign all @from @to (admins)."""
    if not context.required_user.is_admin:
        raise NotAllowed()
    args = context.args or []
    if len(args) == 3 and args[0].casefold() in ALL_WORDS:
        await _confirm_move_all(update, context, args[1], args[2])
        return
    if len(args) < 2:
        raise InvalidInput("team.reassign_usage")
    await run_with_client(update, context, "reassign", " ".join(args[:-1]), args[-1])


@continues("reassign")
async def _reassign(update: Update, context: AppContext, client: Client, rest: str) -> None:
    target = await context.services.team.find_member(rest)
    clients = context.services.clients
    await clients.reassign(context.required_user, client.id, client.version, target.id)
    moved = await clients.open_reminders(client.id)
    await reply(
        update, context.t("team.reassigned", client=client.name, name=target.name, count=moved)
    )


async def _confirm_move_all(update: Update, context: AppContext, source: str, target: str) -> None:
    team = context.services.team
    source_user, target_user = await team.find_member(source), await team.find_member(target)
    count = await context.services.clients.owned_count(source_user.id)
    if count == 0:
        await reply(update, context.t("team.nothing_to_move", source=source_user.name))
        return
    markup = keyboard(
        [
            [
                (
                    context.t("team.btn_move"),
                    callbacks.data(TEAM, "mv", source_user.id, target_user.id),
                ),
                (context.t("team.btn_keep"), callbacks.data(TEAM, "mv", "no")),
            ]
        ]
    )
    text = context.t(
        "team.move_all_confirm", count=count, source=source_user.name, target=target_user.name
    )
    await reply(update, text, markup)


async def move_all(update: Update, context: AppContext) -> None:
    """The admin confirmed (or cancelled) moving all clients of one manager to another."""
    query = press_of(update)
    parts = callbacks.parts(query.data, TEAM)[1:]
    if parts == ["no"]:  # answered once the message says so (a forged press is settled)
        await query.edit_message_text(context.t("common.cancelled"))
        await query.answer()
        return
    await query.answer()
    team = context.services.team
    source, target = await team.find_member(parts[0]), await team.find_member(parts[1])
    count, moved = await context.services.clients.reassign_all(
        context.required_user, source.id, target.id
    )
    await query.edit_message_text(
        context.t(
            "team.moved_all",
            clients=context.t("count.clients", count=count),
            source=source.name,
            target=target.name,
            reminders=context.t("count.open_reminders", count=moved),
        )
    )
