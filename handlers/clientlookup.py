"""Turning a typed client name into one client, asking with buttons when several match.

A command that names a client (/client, /log, /history, /invoice, /contract, /forget) goes
through `resolve`; when the name is ambiguous the command and the rest of its text are kept
as the user's open step (a button choice: it survives a restart, and a command or a typed
text leaves it) and the chosen button (`cl:pick:<id>`) continues it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot import callbacks
from bot.callbacks import CLIENT
from bot.context import AppContext
from bot.errors import AmbiguousClient, InvalidInput
from handlers.common import keyboard, press_of, reply
from storage.clients import Client

Continuation = Callable[[Update, AppContext, Client, str], Awaitable[None]]
CONTINUATIONS: dict[str, Continuation] = {}
PICK_STEP = "client.pick"  # buttons only: a typed text leaves it (handlers/steps.py)


def continues(command: str) -> Callable[[Continuation], Continuation]:
    """Register what a command does once its client is known."""

    def register(func: Continuation) -> Continuation:
        CONTINUATIONS[command] = func
        return func

    return register


def split_name(text: str, index, lang: str) -> tuple[str, str]:
    """(name, rest) of "NAME rest": a known client named at the start, else "Name: rest"
    on the first line, else the first word."""
    text = text.strip()
    for mention in index.find_in(text.lower(), lang):
        if mention.start == 0:
            return text[: mention.end].strip(), text[mention.end :].strip().lstrip(":").strip()
    first_line = text.split("\n", 1)[0]
    if ":" in first_line:
        name, rest = text.split(":", 1)
        return name.strip(), rest.strip()
    name, _, rest = text.partition(" ")
    return name, rest.strip()


async def run_with_client(
    update: Update, context: AppContext, command: str, name: str, rest: str = ""
) -> None:
    """Find the client `name` and continue `command`; on ambiguity ask with buttons."""
    if not name.strip():
        raise InvalidInput(f"usage.{command}")
    try:
        client = await context.services.clients.find(name)
    except AmbiguousClient as error:
        await context.services.steps.start(
            context.required_user.id, PICK_STEP, command=command, rest=rest
        )
        rows = [
            [(ref.name[:60], callbacks.data(CLIENT, "pick", ref.id))] for ref in error.candidates
        ]
        await reply(update, context.t("clients.which_one", query=name[:100]), keyboard(rows))
        return
    await CONTINUATIONS[command](update, context, client, rest)


async def pick_client(update: Update, context: AppContext) -> None:
    """A button under "Several clients match": continue the kept command with that client."""
    query = press_of(update)
    (client_id,) = callbacks.fields(query.data)
    command, rest = "client", ""  # a button of a finished choice still opens the card
    step = await context.services.steps.current(context.required_user.id)
    if step is not None and step.kind == PICK_STEP and step.data["command"] in CONTINUATIONS:
        command, rest = step.data["command"], step.data["rest"]
    client = await context.services.clients.get(client_id)
    if step is not None and step.kind == PICK_STEP:
        await context.services.steps.end(step)
    await query.answer()
    await CONTINUATIONS[command](update, context, client, rest)
