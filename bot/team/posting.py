"""Post handoffs and return summaries through the one delivery path (bot.reminders.outbox).

Each due handoff is posted, then marked: a crash in between repeats a post, never loses one
(the same send -> mark window as a reminder's). A group that kicked the bot is closed once
(`Outbox.group_refused`) and the handoff goes to whoever covers, privately; a group that
became a supergroup is followed by the outbox (ids moved, post resent), so the absence job
never crashes on it.
"""

from __future__ import annotations

import logging

from bot.i18n import Translator
from bot.reminders import delivery
from bot.reminders.outbox import Outbox
from bot.services import Services
from bot.services.team import Handoff, TeamService, group_translator
from bot.team.compose import Message, handoff_messages, render_summary

log = logging.getLogger(__name__)


async def post_absence_news(services: Services) -> None:
    """Post each due handoff and return summary, then mark it."""
    outbox, team = services.delivery, services.team
    async with team.posting:
        for handoff in await team.due_handoffs():
            if await _post_handoff(outbox, team, handoff):
                await team.mark_handoff_posted(handoff.absence.id)
        for summary in await team.due_summaries():
            if summary.user.chat_id is not None:
                sent = await outbox.send(summary.user.chat_id, render_summary(summary))
                if _retry_later(sent.outcome):
                    continue
            await team.mark_summary_sent(summary.absence.id)


async def _post_handoff(outbox: Outbox, team: TeamService, handoff: Handoff) -> bool:
    """False: nothing could be posted for a passing reason; the next run tries again. The
    group reads the post in its own language and zone."""
    group = await team.team_chat()
    if group is not None:
        t = group_translator(group)
        zone = group.timezone or handoff.user.timezone
        messages = handoff_messages(
            handoff, t, amounts=group.show_amounts, takeable=True, zone=zone
        )
        outcome = await _post(outbox, group.chat_id, messages)
        if not isinstance(outcome, delivery.Blocked):
            return not _retry_later(outcome)
        await outbox.group_refused(group.chat_id, outcome.error)  # then whoever covers
    cover = handoff.cover
    if cover is not None and cover.chat_id is not None:
        t = Translator(cover.language)
        messages = handoff_messages(handoff, t, amounts=True, takeable=False, zone=cover.timezone)
        return not _retry_later(await _post(outbox, cover.chat_id, messages))
    return True


async def _post(outbox: Outbox, chat_id: int, messages: list[Message]) -> delivery.Outcome:
    """The messages in order; stops at the first that is not sent and returns its outcome."""
    outcome: delivery.Outcome = delivery.Sent(0)
    for text, buttons in messages:
        sent = await outbox.send(chat_id, text, buttons)
        chat_id, outcome = sent.chat_id, sent.outcome
        if not isinstance(outcome, delivery.Sent):
            log.warning("handoff post to chat %d stopped: %s", chat_id, outcome)
            return outcome
    return outcome


def _retry_later(outcome: delivery.Outcome) -> bool:
    """A send that may go through on the next run (network, flood); anything else is final."""
    return isinstance(outcome, delivery.NetworkDown | delivery.RetryLater)
