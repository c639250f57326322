"""Handoff posts and return summaries as values: texts and button rows, no sending.

Pure functions of what the team service found, so the words can be tested without Telegram
and posted by bot.team.posting through the one delivery path.
"""

from __future__ import annotations

import html
from datetime import date

from bot import callbacks
from bot.callbacks import TEAM
from bot.i18n import Html, Translator
from bot.reminders.delivery import Buttons
from bot.services.team import Handoff, ReturnSummary, notice_deadline
from bot.timefmt import format_day, format_local
from storage.handoff import HandoffItem

LABEL_CHARS = 28

Message = tuple[str, Buttons | None]


def handoff_messages(
    handoff: Handoff, t: Translator, *, amounts: bool, takeable: bool
) -> list[Message]:
    """The header, then one message per client with its items (and "Take it" buttons)."""
    absence = handoff.absence
    header = t(
        "team.handoff_title",
        name=handoff.user.name,
        start=format_day(date.fromisoformat(absence.start_on), t.lang),
        end=format_day(date.fromisoformat(absence.end_on), t.lang),
        reason=Html(t("team.reason_suffix", reason=absence.reason) if absence.reason else ""),
        cover=handoff.cover.name if handoff.cover else t("team.group_covers"),
    )
    more = t("team.handoff_more") if handoff.items else t("team.handoff_empty")
    messages: list[Message] = [(f"{header}\n{more}", None)]
    by_client: dict[int, list[HandoffItem]] = {}
    for item in handoff.items:
        by_client.setdefault(item.client_id, []).append(item)
    for items in by_client.values():
        lines = [f"<b>{_escape(items[0].client_name)}</b>"]
        buttons: Buttons = []
        for item in items:
            lines.append(render_item(item, t, handoff.user.timezone, amounts))
            if takeable:
                buttons.append([take_button(item, t)])
        messages.append(("\n".join(lines), buttons or None))
    return messages


def take_button(item: HandoffItem, t: Translator) -> tuple[str, str]:
    code = item.kind[0]
    label = item.text or item.client_name
    label = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
    if item.assignee_id is not None:
        return f"✅ {label}", callbacks.data(TEAM, "taken", code, item.id)
    return t("team.take_button", label=label), callbacks.data(TEAM, "take", code, item.id)


def render_item(item: HandoffItem, t: Translator, tz: str, amounts: bool) -> str:
    if item.kind == "reminder":
        assert item.due_at is not None
        return t("team.item_reminder", text=item.text, when=format_local(item.due_at, tz, t.lang))
    assert item.due_on is not None
    due = date.fromisoformat(item.due_on)
    if item.kind == "invoice":
        amount = ""
        if amounts and item.amount_minor is not None and item.currency:
            amount = f" · {_amount(item.amount_minor, item.currency)}"
        return t("team.item_invoice", number=item.text, due=format_day(due, t.lang), amount=amount)
    return t(
        "team.item_contract",
        title=item.text or t("obligation.no_title"),  # a contract from a renewal date
        deadline=format_day(notice_deadline(item), t.lang),
        end=format_day(due, t.lang),
    )


def render_summary(summary: ReturnSummary) -> str:
    user, absence = summary.user, summary.absence
    t = Translator(user.language)
    lines = [
        t(
            "team.summary_title",
            name=user.name,
            start=format_day(date.fromisoformat(absence.start_on), t.lang),
            end=format_day(date.fromisoformat(absence.end_on), t.lang),
        )
    ]
    for client in summary.clients:
        by = t("team.summary_by", names=", ".join(client.logged_by)) if client.logged_by else ""
        lines.append(
            t(
                "team.summary_client",
                client=client.client_name,
                interactions=client.interactions,
                by=Html(by),
                done=client.reminders_done,
                paid=client.invoices_paid,
                open_reminders=client.open_reminders,
                open_invoices=client.open_invoices,
            )
        )
    if not summary.clients:
        lines.append(t("team.summary_empty"))
    return "\n".join(lines)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _amount(minor: int, currency: str) -> str:
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole:,}.{cents:02d} {currency}"
