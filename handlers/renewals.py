"""/renewals, /contract, and the Renewed / Not renewing buttons (under a renewal reminder
and beside each /renewals item), with their typed steps: the new end date, the reason."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot import callbacks, fmt
from bot.callbacks import CONTRACT
from bot.context import AppContext
from bot.dates import notice_deadline
from bot.errors import InvalidInput
from bot.i18n import Translator
from bot.money import currency_code, parse_amount
from bot.reminders import render
from bot.services.contracts import Terms, next_year
from bot.services.contractterms import days_of, money_parts, read_terms, split_contract
from bot.services.dates import DateProblem
from handlers.clientlookup import continues, run_with_client
from handlers.common import keyboard, press_of, reply
from handlers.datechoice import SLOT, offer
from storage.clients import Client
from storage.contracts import Contract
from storage.steps import PendingStep

END_STEP = "renewals.end"  # after Renewed: the next text is the new end date
REASON_STEP = "renewals.reason"  # after Not renewing: the next text is why
RENEWED, NOT_RENEWING, USE_DEFAULT, LOST = "ren", "not", "rdef", "lost"
FROM_LIST = "l"  # the button is beside a /renewals item (the list is shown again after)
LIST_BUTTONS = 10


def contract_buttons(t: Translator, contract_id: int, client: str) -> list[tuple[str, str]]:
    """Renewed / Not renewing beside a /renewals item, named by its client."""
    return [
        (
            t.plain("renewals.btn_renewed_one", client=client[:30]),
            callbacks.data(CONTRACT, RENEWED, contract_id, FROM_LIST),
        ),
        (
            t.plain("renewals.btn_not_renewing_one", client=client[:30]),
            callbacks.data(CONTRACT, NOT_RENEWING, contract_id, FROM_LIST),
        ),
    ]


def _contract_id(data: str | None, action: str) -> tuple[int, list[str]]:
    """ct:<action>:<contract id>[:l] -> (id, the arguments)."""
    args = callbacks.parts(data, CONTRACT)
    if not 2 <= len(args) <= 3 or args[0] != action or not args[1].isdigit():
        raise InvalidInput()
    if len(args) == 3 and args[2] != FROM_LIST:
        raise InvalidInput()
    return int(args[1]), args


def _reminder_on(t: Translator, contract: Contract, lang: str) -> str:
    deadline = notice_deadline(contract.end_on, contract.notice_days)
    remind = deadline - timedelta(days=contract.remind_days_before)
    return t("renewals.remind_on", day=fmt.day(remind, lang), deadline=fmt.day(deadline, lang))


# -- /renewals ---------------------------------------------------------------------------


async def show_renewals(update: Update, context: AppContext) -> None:
    """/renewals: contracts ending in 90 days (the team's for admins and viewers), notice
    deadlines already passed flagged, Renewed / Not renewing beside the first ones."""
    text, markup = await _renewals_view(context)
    await reply(update, text, markup)


async def _renewals_view(context: AppContext) -> tuple[str, InlineKeyboardMarkup | None]:
    user = context.required_user
    service = context.services.contracts
    found = await service.renewals(user)
    if not found:
        return context.t("obligation.renewals_empty"), None
    team = user.role != "manager"
    title = "renewals.team_title" if team else "obligation.renewals_title"
    today = service.today(user)
    lines = [context.t(title)]
    lines += [render.renewal_line(r, user, today=today, owner=team) for r in found]
    rows = []
    if user.can_write:
        for renewal in found[:LIST_BUTTONS]:
            rows.append(contract_buttons(context.t, renewal.contract_id, renewal.client_name))
    return "\n".join(lines), keyboard(rows) if rows else None


async def _update_origin(context: AppContext, step: PendingStep | None) -> None:
    """The message the button was pressed on: a /renewals list is shown again (the settled
    item gone), a reminder loses its buttons (it is settled)."""
    if step is None or step.data.get("message_id") is None:
        return
    chat_id, message_id = step.data["chat_id"], step.data["message_id"]
    try:
        if step.data["from_list"]:
            text, markup = await _renewals_view(context)
            await context.bot.edit_message_text(
                text,
                chat_id=chat_id,
                message_id=message_id,
                reply_markup=markup,
            )
        else:
            await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except BadRequest:  # deleted meanwhile, or already as it should be
        return


async def _pressed(
    update: Update, context: AppContext, action: str, kind: str
) -> tuple[Contract, Client]:
    """Renewed or Not renewing pressed: the open contract (if this user may settle it); the
    next typed text is for it (step `kind`), and the pressed message is updated once it is
    settled."""
    query = press_of(update)
    contract_id, args = _contract_id(query.data, action)
    contract, client = await context.services.contracts.open_contract(
        context.required_user, contract_id
    )
    message = query.message
    await context.services.steps.start(
        context.required_user.id,
        kind,
        contract_id=contract.id,
        chat_id=message.chat.id if message else None,
        message_id=message.message_id if message else None,
        from_list=args[-1] == FROM_LIST,
    )
    await query.answer()
    return contract, client


# -- Renewed -----------------------------------------------------------------------------


async def ask_end(update: Update, context: AppContext) -> None:
    """ct:ren:<contract id>: asks the new end date, a year on offered as a button."""
    contract, client = await _pressed(update, context, RENEWED, END_STEP)
    default = next_year(contract.end_on)
    lang = context.required_user.language
    button = (
        context.t.plain("renewals.btn_default", day=fmt.day(default, lang)),
        callbacks.data(CONTRACT, USE_DEFAULT, contract.id),
    )
    text = context.t(
        "renewals.ask_end",
        client=client.name,
        end=fmt.day(contract.end_on, lang),
        default=fmt.day(default, lang),
    )
    await reply(update, text, keyboard([[button]]))


async def typed_end(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The new end date typed after Renewed (read like a follow-up's date); InvalidInput
    asks again."""
    day = context.services.contracts.typed_day(context.required_user, text)
    await _renew(update, context, step.data["contract_id"], day, step)


async def use_default(update: Update, context: AppContext) -> None:
    """ct:rdef:<contract id>: renewed for a year (also after the question expired)."""
    contract_id, _ = _contract_id(press_of(update).data, USE_DEFAULT)
    contract = await context.services.contracts.get(contract_id)
    step = await context.services.steps.current(context.required_user.id)
    if step is not None and (step.kind, step.data.get("contract_id")) != (END_STEP, contract_id):
        step = None  # another question is open: it stays
    await press_of(update).answer()
    day = next_year(contract.end_on)
    await _renew(update, context, contract_id, day, step)


async def _renew(
    update: Update, context: AppContext, contract_id: int, day: date, step: PendingStep | None
) -> None:
    user = context.required_user
    contract = await context.services.contracts.renew(user, contract_id, day)
    if step is not None:
        await context.services.steps.end(step)
    client = await context.services.clients.get(contract.client_id)
    t = context.t
    text = t(
        "renewals.renewed",
        client=client.name,
        end=fmt.day(day, user.language),
        remind=_reminder_on(t, contract, user.language),
    )
    await reply(update, text)
    await _update_origin(context, step)


# -- Not renewing ------------------------------------------------------------------------


async def ask_reason(update: Update, context: AppContext) -> None:
    """ct:not:<contract id>: asks why."""
    _, client = await _pressed(update, context, NOT_RENEWING, REASON_STEP)
    await reply(update, context.t("renewals.ask_reason", client=client.name))


async def typed_reason(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The reason after Not renewing; then the client's status may become lost."""
    user = context.required_user
    contract = await context.services.contracts.not_renewing(user, step.data["contract_id"], text)
    await context.services.steps.end(step)
    client = await context.services.clients.get(contract.client_id)
    t = context.t
    button = (
        t.plain("renewals.btn_lost", client=client.name[:30]),
        callbacks.data(CONTRACT, LOST, contract.id),
    )
    text = t("renewals.ended", client=client.name, reason=contract.ended_reason or "")
    await reply(update, text, keyboard([[button]]) if client.status != "lost" else None)
    await _update_origin(context, step)


async def mark_lost(update: Update, context: AppContext) -> None:
    """ct:lost:<contract id>: the client's status becomes lost, with the contract's reason."""
    query = press_of(update)
    contract_id, _ = _contract_id(query.data, LOST)
    client = await context.services.contracts.mark_lost(context.required_user, contract_id)
    await query.answer()
    await query.edit_message_reply_markup(None)
    await reply(update, context.t("renewals.lost", client=client.name))


# -- /contract ---------------------------------------------------------------------------


async def add_contract(update: Update, context: AppContext) -> None:
    """/contract NAME [ends DATE] [notice N] [title T] [value 12000 EUR] [remind N]."""
    text = " ".join(context.args or [])
    if not text.strip():
        raise InvalidInput("usage.contract")
    user = context.required_user
    name, rest = split_contract(text, lambda typed: context.services.dates.split(user, typed))
    await run_with_client(update, context, "contract", name, rest)


@continues("contract")
async def _contract(update: Update, context: AppContext, client: Client, rest: str) -> None:
    user = context.required_user
    service = context.services.contracts
    typed = read_terms(rest)
    try:
        end = service.typed_day(user, typed.end, future=False) if typed.end else None
    except DateProblem as problem:  # "There is no 31 April", the nearest days as buttons
        again = rest.replace(typed.end or "", SLOT, 1)  # only a typed end is a problem
        await offer(update, context, problem, "contract", client.id, again)
        return
    value = currency = None
    if typed.value:
        amount, code = money_parts(typed.value)
        currency = currency_code(code)
        value = parse_amount(amount, currency, user.language)
    terms = Terms(
        end_on=end.isoformat() if end else None,
        notice_days=days_of(typed.notice),
        title=typed.title,
        value_minor=value,
        currency=currency,
        remind_days=days_of(typed.remind),
    )
    contract = await service.set_terms(user, client.id, terms)
    t = context.t
    lines = [
        t(
            "contract.saved",
            name=client.name,
            end=fmt.iso_day(contract.end_on, user.language),
            days=t("count.days", count=contract.notice_days),
        )
    ]
    if typed.title or typed.value or typed.remind:
        worth = ""
        if contract.value_minor is not None and contract.currency:
            worth = fmt.money(contract.value_minor, contract.currency, user.language)
        lines.append(
            t(
                "renewals.terms",
                title=contract.title or t("obligation.no_title"),
                value=worth or "—",
                count=contract.remind_days_before,
            )
        )
    await reply(update, "\n".join(lines))
