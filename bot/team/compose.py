"""Handoff posts and return summaries as values: texts and button rows, no sending.

Pure functions of what the team service found, so the words can be tested without Telegram
and posted by bot.team.posting through the one delivery path.
"""

from __future__ import annotations

import html

from bot import callbacks, fmt
from bot.callbacks import TEAM
from bot.i18n import Html, Translator
from bot.reminders import generated
from bot.reminders.delivery import Buttons
from bot.services.team import Handoff, ReturnSummary, handoff_deadline
from storage.handoff import HandoffItem

LABEL_CHARS = 28

Message = tuple[str, Buttons | None]


def handoff_messages(
    handoff: Handoff, t: Translator, *, amounts: bool, takeable: bool, zone: str
) -> list[Message]:
    """The header, then one message per client with its items (and "Take it" buttons);
    times are the owner's wall clock, named by its city when the readers' `zone` is another
    one ("09:00 Amsterdam")."""
    absence = handoff.absence
    header = t(
        "team.handoff_title",
        name=handoff.user.name,
        start=fmt.day(absence.start_on, t.lang),
        end=fmt.day(absence.end_on, t.lang),
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
            lines.append(render_item(item, t, handoff.user.timezone, amounts, zone))
            if takeable:
                buttons.append([take_button(item, t)])
        messages.append(("\n".join(lines), buttons or None))
    return messages


def take_button(item: HandoffItem, t: Translator) -> tuple[str, str]:
    code = item.kind[0]
    label = generated.show(item.text, t.lang) or item.client_name
    label = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
    if item.assignee_id is not None:
        return f"✅ {label}", callbacks.data(TEAM, "taken", code, item.id)
    return t.plain("team.take_button", label=label), callbacks.data(TEAM, "take", code, item.id)


def render_item(
    item: HandoffItem, t: Translator, tz: str, amounts: bool, reader_tz: str | None = None
) -> str:
    if item.kind == "reminder":
        assert item.due_at is not None
        text = generated.show(item.text, t.lang)
        when = fmt.zoned(item.due_at, tz, reader_tz or tz, t.lang)
        return t("team.item_reminder", text=text, when=when)
    assert item.due_on is not None
    due = item.due_on
    if item.kind == "invoice":
        amount = ""
        if amounts and item.amount_minor is not None and item.currency:
            amount = f" · {fmt.money(item.amount_minor, item.currency, t.lang)}"
        day = fmt.day(due, t.lang, weekday=False)
        number = item.text or t("obligation.no_number")
        return t("team.item_invoice", number=number, due=day, amount=amount)
    return t(
        "team.item_contract",
        title=item.text or t("obligation.no_title"),  # a contract from a renewal date
        deadline=fmt.day(handoff_deadline(item), t.lang, weekday=False),
        end=fmt.day(due, t.lang, weekday=False),
    )


def render_summary(summary: ReturnSummary) -> str:
    user, absence = summary.user, summary.absence
    t = Translator(user.language)
    lines = [
        t(
            "team.summary_title",
            name=user.name,
            period=fmt.day_range(absence.start_on, absence.end_on, t.lang),
        )
    ]
    for client in summary.clients:
        by = t("team.summary_by", names=", ".join(client.logged_by)) if client.logged_by else ""
        lines.append(
            t(
                "team.summary_client",
                client=client.client_name,
                interactions=t("count.interactions", count=client.interactions),
                by=Html(by),
                done=t("count.reminders", count=client.reminders_done),
                paid=t("count.invoices", count=client.invoices_paid),
                open_reminders=t("count.reminders", count=client.open_reminders),
                open_invoices=t("count.invoices", count=client.open_invoices),
            )
        )
    if not summary.clients:
        lines.append(t("team.summary_empty"))
    return "\n".join(lines)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
