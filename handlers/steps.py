"""The router of every "type it next" step (the steps themselves: bot/services/steps.py).

Registered in group -1, right after the gate, for private messages, so it sees a message
before any command or the follow-up catch-all does:
- no open step: nothing to do, the message goes on as usual (after one line saying the
  question expired, when it did since the last message: the user may think they answer it);
- a command (or a forwarded message): the step ends (one line says so) and the command runs;
  /cancel alone just ends it;
- a text: the step's answer function reads it. When it refuses the text (InvalidInput) and
  the follow-up parser reads it as a clear follow-up (a date plus a client or an action
  word), the step ends with a note and the text goes on to the follow-up handler; otherwise
  the refusal is shown and the question stays open.
Answer functions raise InvalidInput before writing anything, so a refused text leaves no
trace. Buttons that answer a step (wizard choices) are ordinary callback handlers that read
the step themselves; a step answered only by buttons (pick one of several clients, "Create
anyway") is left silently by any message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from telegram import MessageEntity, Update
from telegram.ext import ApplicationHandlerStop

from bot.context import AppContext
from bot.errors import BotError, InvalidInput, NotFound
from handlers.common import message_of, reply
from handlers.errors import report_error
from storage.steps import PendingStep

Answer = Callable[[Update, AppContext, PendingStep, str], Awaitable[None]]


class StepRouter:
    """`answers`: the function reading each step kind's typed answer; `file_steps`: kinds
    answered by a document (a text there is refused, or leaves them as a follow-up)."""

    def __init__(self, answers: Mapping[str, Answer], file_steps: frozenset[str]) -> None:
        self._answers = dict(answers)
        self._file_steps = file_steps

    async def route(self, update: Update, context: AppContext) -> None:
        """A private message from a user who may be in the middle of a step."""
        message = update.effective_message
        if context.user is None or message is None:
            return
        step, expired = await context.services.steps.current_or_expired(context.user.id)
        if step is None:
            if expired and message.text and _command(update) is None:
                await reply(update, context.t("steps.expired"))
            return
        if step.kind not in self._answers and step.kind not in self._file_steps:
            await context.services.steps.end(step)  # a choice offered with buttons only:
            return  # any message leaves it silently and goes on as if no step were open
        command = _command(update)
        if message.forward_origin is not None:  # forwarded: another action, not the answer
            await context.services.steps.end(step)
            await reply(update, context.t("steps.left"))
            return  # the forward handler in group 0 takes it
        if command is not None:
            await context.services.steps.end(step)
            if command == "cancel" and len((message.text or "").split()) == 1:
                await reply(update, context.t("common.cancelled"))
                raise ApplicationHandlerStop
            await reply(update, context.t("steps.left"))
            return  # the command runs in group 0
        if step.kind in self._file_steps:
            if message.document is not None:
                return  # the document handler takes it (it reads the step)
            await self._refused(
                update, context, step, InvalidInput("steps.import_file"), again=False
            )
            return
        if message.text is None:
            return
        try:
            await self._answers[step.kind](update, context, step, message.text)
        except (InvalidInput, NotFound) as error:
            await self._refused(update, context, step, error)
            return
        except Exception as error:  # reported like any handler error, once; no group 0
            await context.services.steps.end(step)
            context.error = error
            await report_error(update, context)
        raise ApplicationHandlerStop

    async def _refused(
        self,
        update: Update,
        context: AppContext,
        step: PendingStep,
        error: BotError,
        *,
        again: bool = True,
    ) -> None:
        """A text the step cannot use: a follow-up if it clearly is one, else ask again."""
        text = message_of(update).text or ""
        if text and await reads_as_follow_up(context, text):
            await context.services.steps.end(step)
            await reply(update, context.t("steps.left_followup"))
            return  # the follow-up handler in group 0 reads it
        lines = [context.t(error.key, **error.params)]
        if again:
            lines.append(context.t("steps.again"))
        await reply(update, "\n".join(lines))
        raise ApplicationHandlerStop


def _command(update: Update) -> str | None:
    """The command a message starts with ("newclient" for "/newclient@bot x"), else None."""
    message = update.effective_message
    if message is None or not message.text:
        return None
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            return message.text[1 : entity.length].split("@")[0].lower()
    return None


async def reads_as_follow_up(context: AppContext, text: str) -> bool:
    """A date plus an action word or a client: a new follow-up, whatever step is open."""
    try:
        draft = await context.services.followups.interpret(context.required_user, text)
    except BotError:
        return False
    return draft.is_clearly_follow_up
