"""Text of the client card, list lines, history and invoices: pure functions, no Telegram.

Every user value goes through `html.escape` (names like `<a href=...>` show as typed); long
texts are left whole here and split into messages by the reply helper.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from bot import fmt
from bot.i18n import Html, Translator
from bot.reminders import generated
from bot.services.clients import Card
from storage.clients import Client
from storage.interactions import Interaction
from storage.invoices import Invoice
from storage.users import User

CARD_SUMMARY = 300


def esc(value: object) -> str:
    return html.escape(str(value), quote=False)


def name(value: str) -> str:
    """A name typed by a user, escaped and isolated (an Arabic or Hebrew name keeps its place
    in a left-to-right card, and the reverse)."""
    return fmt.isolate(esc(value))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def client_title(t: Translator, client: Client) -> str:
    parts = [f"<b>{name(client.name)}</b>", t(f"clients.status_{client.status}")]
    if client.segment:
        parts.append(t(f"clients.segment_{client.segment}"))
    if client.key_account:
        parts.append(t("clients.key_account_mark"))
    if client.archived:
        parts.append(t("clients.archived_mark"))
    return " · ".join(parts)


def render_card(card: Card, user: User, today: date, now: int) -> str:
    """The whole card as HTML lines (split into messages by the caller)."""
    t = Translator(user.language)
    c = card.client
    lines = [client_title(t, c), t("clients.owner", owner=Html(name(card.owner_name)))]
    if c.status == "lost" and c.loss_reason:
        lines.append(t("clients.loss_reason", reason=c.loss_reason))
    for field in ("company", "contact_person", "phone", "email", "tags"):
        value = getattr(c, field)
        if value:
            lines.append(f"{t('field.' + field)}: {esc(value)}")
    if c.renewal_date:
        lines.append(f"{t('field.renewal_date')}: {fmt.iso_day(c.renewal_date, user.language)}")
    if c.payment_terms_days is not None:
        lines.append(t("clients.terms", days=t("count.days", count=c.payment_terms_days)))
    if c.cadence_days is not None:
        lines.append(t("renewals.card_cadence", count=c.cadence_days))
    lines.append(
        t(
            "clients.last_contact",
            when=fmt.local(c.last_contact_at, user.timezone, user.language),
            ago=fmt.relative(timedelta(seconds=c.last_contact_at - now), user.language),
        )
        if c.last_contact_at
        else t("clients.never_contacted")
    )
    lines += _contact_lines(t, card) + _history_lines(t, card, user, today)
    if card.next_reminder:
        due, text = card.next_reminder
        lines.append(
            t(
                "clients.next_reminder",
                when=fmt.local(due, user.timezone, user.language),
                text=_short(generated.show(text, user.language), 200),
            )
        )
    if card.contract:
        lines.append(
            t(
                "clients.contract_ends",
                end=fmt.iso_day(card.contract.end_on, user.language),
                days=t("count.days", count=card.contract.notice_days),
            )
        )
    if c.notes:
        lines += ["", f"{t('field.notes')}:", esc(c.notes)]
    if not card.can_edit:
        lines += ["", t("clients.read_only_hint")]
    return "\n".join(lines)


def _contact_lines(t: Translator, card: Card) -> list[str]:
    """The client's people, the decision maker starred; nothing when there are none."""
    if not card.contacts:
        return []
    lines = ["", t("clients.contacts_title")]
    for contact in card.contacts:
        bits = [name(contact.name)]
        bits += [esc(v) for v in (contact.role, contact.phone, contact.email) if v]
        mark = " ★ " + t("clients.decision_maker") if contact.decision_maker else ""
        lines.append("• " + ", ".join(bits) + mark)
    return lines


def _history_lines(t: Translator, card: Card, user: User, today: date) -> list[str]:
    """The latest interactions, then the invoices ("none" under an empty title)."""
    lines = ["", t("clients.interactions_title")]
    if card.interactions:
        lines += [interaction_line(t, item, user, CARD_SUMMARY) for item in card.interactions]
    else:
        lines.append(t("clients.none"))
    lines += ["", t("clients.invoices_title")]
    if card.invoices:
        lines += [invoice_line(t, invoice, user, today) for invoice in card.invoices]
    else:
        lines.append(t("clients.none"))
    return lines


def interaction_line(t: Translator, item: Interaction, user: User, limit: int | None) -> str:
    when = fmt.local(item.happened_at, user.timezone, user.language)
    kind = t(f"kind.{item.kind}")
    if item.kind == "complaint":
        kind += f" ({t('complaint.' + (item.complaint_status or 'open'))})"
    summary = item.summary if limit is None else _short(item.summary, limit)
    head = f"• <i>{esc(when)}</i> {esc(kind)}"
    if item.place:
        head += f" @ {esc(item.place)}"
    lines = [f"{head}: {esc(summary)}"]
    for field in ("outcome", "decisions", "next_step"):
        value = getattr(item, field)
        if value:
            lines.append(f"   {t('field.' + field)}: {esc(_short(value, limit or 10**6))}")
    return "\n".join(lines)


def invoice_line(t: Translator, invoice: Invoice, user: User, today: date) -> str:
    amount = fmt.money(invoice.amount_minor, invoice.currency, user.language)
    due = fmt.iso_day(invoice.due_on, user.language)
    if invoice.paid_at:
        return t("invoice.line_paid", amount=amount, due=due)
    key = "invoice.line_overdue" if invoice.due_on < today else "invoice.line"
    line = t(key, amount=amount, due=due)
    return f"{esc(invoice.number)} · {line}" if invoice.number else line
