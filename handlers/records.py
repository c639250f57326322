"""/log, /history, /invoice, /overdue and the card's invoice buttons."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from telegram import InlineKeyboardMarkup, Message, Update

from bot import callbacks, fmt
from bot.callbacks import CLIENT
from bot.cards import esc, interaction_line, invoice_line, name
from bot.context import AppContext
from bot.errors import InvalidInput
from bot.money import amount_start
from bot.services.clients import can_write
from bot.services.dates import DateProblem
from bot.services.records import parse_details, split_kind
from handlers.clientlookup import continues, run_with_client, split_name
from handlers.clients import send_card
from handlers.common import keyboard, message_of, press_of, reply
from handlers.datechoice import SLOT, offer
from handlers.followups import propose_next_step
from storage.clients import Client

ISOLATES = "\u2066\u2067\u2068"  # a name may be wrapped in a bidi isolate
DUE_WORDS = frozenset("due до срок vervalt vervaldatum op esedékes határidő lejárat".split())
NUMBER_WORDS = frozenset("no no. nr nr. number # № номер nummer factuurnummer szám sorszám".split())


def _text(context: AppContext) -> str:
    return " ".join(context.args or [])


async def _named(update: Update, context: AppContext, command: str) -> None:
    """Commands whose text starts with a client name: split it off and continue."""
    text = _text(context)
    if not text.strip():
        raise InvalidInput(f"usage.{command}")
    if command in ("log",):
        raw = message_of(update).text or ""
        text = raw.split(None, 1)[1] if len(raw.split(None, 1)) > 1 else ""
        index = await context.services.clients.index()
        name, rest = split_name(text, index, context.required_user.language)
    elif command == "history":
        name, rest = text, ""
    else:
        name, rest = await _split_invoice(context, text)
    await run_with_client(update, context, command, name, rest)


async def _split_invoice(context: AppContext, text: str) -> tuple[str, str]:
    """NAME AMOUNT CURRENCY ..., where AMOUNT may be typed with spaces ("1 200,50"); the
    currency is the first three-letter word after a number. When the digits before the
    amount could also end the client's name (a client named "Studio 54" exists), the user
    is asked to type the amount without spaces."""
    words = text.split()
    i = _currency_at(words, 2)
    if i is None:
        raise InvalidInput("usage.invoice")
    start = amount_start(words, i - 1, first=1)
    named = context.services.clients.named_exactly
    if start < i - 1 and await named(" ".join(words[: i - 1])):
        ambiguous = start  # "Studio 54 100 EUR": 54 100 EUR, or 100 EUR for Studio 54?
    elif (
        start > 1
        and _NUMBER.fullmatch(words[start - 1])
        and not await named(" ".join(words[:start]))
    ):
        ambiguous = start - 1  # "Acme 12 34 EUR": not a grouping, and no client "Acme 12"
    else:
        return " ".join(words[:start]), " ".join(words[start:])
    raise InvalidInput(
        "invoice.amount_ambiguous",
        amount=" ".join(words[ambiguous:i]),
        name=" ".join(words[: i - 1]),
    )


_NUMBER = re.compile(r"[0-9][0-9.,']*")


def _currency_at(words: list[str], first: int) -> int | None:
    """The index of the currency: the first three-letter word (from `first`) right after a
    word with a digit in it (the amount, typos included, which add_invoice then names)."""
    for k in range(max(first, 1), len(words)):
        word = words[k]
        if len(word) == 3 and word.isalpha() and any(c.isdigit() for c in words[k - 1]):
            return k
    return None


async def log_interaction(update: Update, context: AppContext) -> None:
    """/log NAME [kind] text (outcome:/next:/place: lines optional)."""
    await _named(update, context, "log")


@continues("log")
async def _log(update: Update, context: AppContext, client: Client, rest: str) -> None:
    kind, text = split_kind(rest)
    await log_typed(update, context, client, kind, text)


async def log_typed(
    update: Update, context: AppContext, client: Client, kind: str, text: str
) -> None:
    """Log `text` for `client`: a date/time at its start is when it happened ("yesterday
    15:00 talked pricing"), and a `next:` line opens the follow-up card for that step."""
    user = context.required_user
    when, text = context.services.dates.leading_moment(user, text)
    if when is not None and kind == "note":  # "/log Acme yesterday call ...": kind after it
        kind, text = split_kind(text)
    if not text:
        raise InvalidInput("usage.log")
    summary, details = parse_details(text)
    happened_at = int(when.timestamp()) if when else None
    await context.services.records.log(user, client.id, kind, summary, details, happened_at)
    await send_card(update, context, client.id, context.t("log.saved"))
    if details.next_step:
        await propose_next_step(update, context, client, details.next_step)


async def show_history(update: Update, context: AppContext) -> None:
    """/history NAME: interactions newest first, a page at a time."""
    await _named(update, context, "history")


@continues("history")
async def _history(update: Update, context: AppContext, client: Client, rest: str) -> None:
    await _history_page(update, context, client, 0)


async def page_history(update: Update, context: AppContext) -> None:
    """cl:hist:<id>:<page>."""
    query = press_of(update)
    cid, page = callbacks.fields(query.data)
    client = await context.services.clients.get(cid)
    await query.answer()
    await _history_page(update, context, client, page)


async def _history_page(update: Update, context: AppContext, client: Client, page: int) -> None:
    user = context.required_user
    t = context.t
    items, older = await context.services.records.history(client.id, page)
    lines = [t("history.title", name=client.name, page=page + 1)]
    lines += [interaction_line(t, item, user, None) for item in items] or [t("clients.none")]
    rows = []
    nav = []
    if page > 0:
        nav.append((t("btn.newer"), callbacks.data(CLIENT, "hist", client.id, page - 1)))
    if older:
        nav.append((t("btn.older"), callbacks.data(CLIENT, "hist", client.id, page + 1)))
    if nav:
        rows.append(nav)
    for item in items:
        if item.kind == "complaint" and item.complaint_status == "open":
            rows.append([(t("btn.resolve"), callbacks.data(CLIENT, "res", item.id))])
    rows.append([(t("btn.card"), callbacks.data(CLIENT, "open", client.id))])
    await reply(update, "\n".join(lines), keyboard(rows))


async def resolve_complaint(update: Update, context: AppContext) -> None:
    """cl:res:<interaction id>."""
    query = press_of(update)
    (iid,) = callbacks.fields(query.data)
    await context.services.records.resolve(context.required_user, iid)
    await query.answer(context.t("complaint.resolved_done"))
    await _mark_in_place(update, context.t("complaint.resolved_mark"), None)


async def open_complaints(update: Update, context: AppContext) -> None:
    """/complaints: open complaints, oldest first, each with a "resolved" button."""
    user = context.required_user
    t = context.t
    found = await context.services.records.open_complaints(user)
    lines = [t("complaints.title")]
    rows = []
    for iid, _, client_name, happened_at, summary in found:
        when = fmt.local(happened_at, user.timezone, user.language)
        lines.append(f"• <i>{esc(when)}</i> <b>{name(client_name)}</b>: {esc(summary[:200])}")
        if user.can_write:
            label = t.plain("btn.resolve_one", name=client_name[:30])
            rows.append([(label, callbacks.data(CLIENT, "res", iid))])
    if not found:
        lines.append(t("clients.none"))
    await reply(update, "\n".join(lines), keyboard(rows) if rows else None)


async def add_invoice(update: Update, context: AppContext) -> None:
    """/invoice NAME 1200.50 EUR due 2026-12-15."""
    await _named(update, context, "invoice")


@continues("invoice")
async def _invoice(update: Update, context: AppContext, client: Client, rest: str) -> None:
    await save_invoice(update, context, client, rest)


async def save_invoice(update: Update, context: AppContext, client: Client, typed: str) -> None:
    """ "1200.50 EUR [due] 15 dec [no 2026-311]" for `client`: validated, saved, confirmed;
    the due date is read like a follow-up's."""
    words = typed.split()
    i = _currency_at(words, 1)
    if i is None or amount_start(words, i - 1) != 0:
        raise InvalidInput("usage.invoice")
    amount, currency, tail = " ".join(words[:i]), words[i], words[i + 1 :]
    number = None
    for k, word in enumerate(tail):
        if word.casefold() in NUMBER_WORDS:
            number, tail = " ".join(tail[k + 1 :]), tail[:k]
            break
    if tail and tail[0].casefold() in DUE_WORDS:
        tail = tail[1:]
    if not tail or number == "":
        raise InvalidInput("usage.invoice")
    user = context.required_user
    try:
        invoice = await context.services.records.add_invoice(
            user, client.id, amount, currency, " ".join(tail), number=number
        )
    except DateProblem as problem:  # "31 april": said, with the days it may mean as buttons
        again = f"{amount} {currency} {SLOT}" + (f" no {number}" if number else "")
        await offer(update, context, problem, "invoice", client.id, again)
        return
    lines = [
        context.t(
            "invoice.saved",
            name=client.name,
            amount=fmt.money(invoice.amount_minor, invoice.currency, user.language),
            due=fmt.iso_day(invoice.due_on, user.language),
        )
    ]
    if invoice.number:
        lines.append(context.t("invoice.number_line", number=invoice.number))
    await reply(
        update,
        "\n".join(lines),
        keyboard([[(context.t("btn.paid"), callbacks.data(CLIENT, "paid", invoice.id))]]),
    )


async def client_invoices(update: Update, context: AppContext) -> None:
    """cl:inv:<client id>: open invoices with "Paid" buttons."""
    query = press_of(update)
    (cid,) = callbacks.fields(query.data)
    client = await context.services.clients.get(cid)
    invoices = await context.services.records.open_invoices(client.id)
    await query.answer()
    extra = []
    if can_write(context.required_user, client):
        extra = [(context.t("btn.add_invoice"), callbacks.data(CLIENT, "addinv", client.id))]
    await _invoice_list(
        update, context, context.t("invoice.list_title", name=client.name), invoices, extra
    )


async def _invoice_list(
    update: Update, context: AppContext, title: str, invoices, extra: list | None = None
) -> None:
    user = context.required_user
    t = context.t
    today = context.services.clients.today(user)
    lines = [title]
    rows = []
    for invoice in invoices:
        line = invoice_line(t, invoice, user, today)
        lines.append(f"{name(invoice.client_name)}: {line}")
        label = t.plain(
            "btn.paid_one", amount=fmt.money(invoice.amount_minor, invoice.currency, user.language)
        )
        rows.append([(label, callbacks.data(CLIENT, "paid", invoice.id))])
    if not invoices:
        lines.append(t("clients.none"))
    if extra:
        rows.append(extra)
    await reply(update, "\n".join(lines), keyboard(rows) if rows else None)


async def mark_paid(update: Update, context: AppContext) -> None:
    """cl:paid:<invoice id>."""
    query = press_of(update)
    (iid,) = callbacks.fields(query.data)
    invoice = await context.services.records.mark_paid(context.required_user, iid)
    user = context.required_user
    params = {
        "name": invoice.client_name,
        "amount": fmt.money(invoice.amount_minor, invoice.currency, user.language),
    }
    amount = params["amount"]
    text = context.t("invoice.paid", **params)
    await query.answer(context.t.plain("invoice.paid", **params)[:200])

    def listed(line: str) -> bool:
        """A line of an invoice list (_invoice_list): the client's name first, its amount."""
        plain = html.unescape(line).lstrip(ISOLATES)
        return plain.startswith(invoice.client_name) and amount in plain

    await _mark_in_place(update, context.t("invoice.paid_mark"), text, listed)


async def _mark_in_place(
    update: Update, mark: str, instead: str | None, listed: Callable[[str], bool] | None = None
) -> None:
    """A list stays: the pressed item's line gets `mark` and loses its button; the other
    items keep theirs. The item's line is the first `listed` one, else (for lists with one
    button per line) line i + 1 for button row i. A message that is no list becomes
    `instead`, or gets the mark on a line of its own when that is None."""
    query = press_of(update)
    message = query.message
    if not isinstance(message, Message) or not message.text:
        return  # no message, or one too old for the bot to read
    head = (query.data or "").rsplit(":", 1)[0] + ":"
    markup = message.reply_markup.inline_keyboard if message.reply_markup else ()
    same = [row for row in markup if any(str(b.callback_data or "").startswith(head) for b in row)]
    pressed = next(
        (i for i, row in enumerate(same) if any(b.callback_data == query.data for b in row)), None
    )
    lines = message.text_html.split("\n")
    index = None
    if listed is not None:
        unsettled = (i for i, line in enumerate(lines) if i and listed(line) and mark not in line)
        index = next(unsettled, None)
    elif pressed is not None and len(lines) == len(same) + 1:
        index = pressed + 1
    if index is not None:
        lines[index] += f" — {esc(mark)}"
    elif instead is not None:
        await query.edit_message_text(instead)
        return
    else:
        lines.append(esc(mark))
    rows = [list(row) for row in markup if not any(b.callback_data == query.data for b in row)]
    await query.edit_message_text(
        "\n".join(lines),
        reply_markup=InlineKeyboardMarkup(rows) if rows else None,
    )


async def overdue(update: Update, context: AppContext) -> None:
    """/overdue: unpaid invoices past their due date."""
    invoices = await context.services.records.overdue(context.required_user)
    await _invoice_list(update, context, context.t("invoice.overdue_title"), invoices)
